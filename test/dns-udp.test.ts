import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createUdpSource, parseServerAddress, SOCKET_IDLE_MS } from '../src/dns/udp.js';
import type { ServerAddress } from '../src/dns/udp.js';
import { createCachingResolver } from '../src/dns/resolver.js';
import type { DnsRecord } from '../src/dns/types.js';
import { startDnsServer } from './helpers/dns-server.js';
import type { DnsServer, DnsServerOptions } from './helpers/dns-server.js';
import { CHILD_LOADER, sourceModule } from './helpers/child-node.js';

const longKey = 'p=' + 'A'.repeat(400);
const records: DnsRecord[] = [
  { name: 'example.test', type: 'A', ttl: 300, data: '192.0.2.1' },
  { name: 'example.test', type: 'MX', ttl: 300, data: { preference: 10, exchange: 'mx.example.test' } },
  { name: 'example.test', type: 'TXT', ttl: 300, data: `v=DKIM1; ${longKey}` },
  { name: 'null.example.test', type: 'MX', ttl: 300, data: { preference: 0, exchange: '' } },
  { name: 'example.test', type: 'SPF', ttl: 300, data: 'v=spf1 -all' },
  { name: 'example.test', type: 'CAA', ttl: 300, data: '0 issue "ca.example"' },
  { name: 'example.test', type: 'SOA', ttl: 300, data: { mname: 'ns.example.test', rname: 'h.example.test', serial: 7, refresh: 1, retry: 2, expire: 3, minimum: 4 } },
  { name: '_25._tcp.mx.example.test', type: 'TLSA', ttl: 300, data: '3 1 1 abcdef' },
  { name: 'alias.example.test', type: 'CNAME', ttl: 300, data: 'alias2.example.test' },
  { name: 'alias2.example.test', type: 'CNAME', ttl: 300, data: 'example.test' },
  { name: 'loop1.example.test', type: 'CNAME', ttl: 300, data: 'loop2.example.test' },
  { name: 'loop2.example.test', type: 'CNAME', ttl: 300, data: 'loop1.example.test' },
  { name: 'sub.example.test', type: 'A', ttl: 300, data: '192.0.2.2' },
  ...Array.from({ length: 12 }, (_, i): DnsRecord => ({ name: 'big.example.test', type: 'TXT', ttl: 300, data: `${i} ${'x'.repeat(180)}` })),
];

const servers: DnsServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function server(options: DnsServerOptions = {}): Promise<DnsServer> {
  const started = await startDnsServer({ records, ...options });
  servers.push(started);
  return started;
}

function source(...using: DnsServer[]) {
  const addresses = using.map((s) => parseServerAddress(s.resolverArg) as ServerAddress);
  return createUdpSource({ servers: addresses, timeoutMs: 200, retries: 1 });
}

test('parseServerAddress: IPv4, IPv6, ports, brackets; rejects names and bad ports', () => {
  assert.deepEqual(parseServerAddress('192.0.2.53'), { host: '192.0.2.53', port: 53, family: 4 });
  assert.deepEqual(parseServerAddress('192.0.2.53:5353'), { host: '192.0.2.53', port: 5353, family: 4 });
  assert.deepEqual(parseServerAddress('2001:DB8::1'), { host: '2001:db8::1', port: 53, family: 6 });
  assert.deepEqual(parseServerAddress('[::1]:5353'), { host: '::1', port: 5353, family: 6 });
  for (const bad of ['dns.example', '192.0.2.1:0', '192.0.2.1:65536', '[192.0.2.1', '::1:53:x', '']) assert.equal(parseServerAddress(bad), undefined, bad);
});

test('udp: every record type decodes to our data; TXT strings joined; null MX', async () => {
  const s = await server();
  const dns = source(s);
  const a = await dns.query('Example.Test.', 'A');
  assert.deepEqual([a.outcome, a.transport, a.name, a.answers], ['answer', 'udp', 'example.test', [records[0]]]);
  assert.deepEqual((await dns.query('example.test', 'MX')).answers[0]?.data, { preference: 10, exchange: 'mx.example.test' });
  assert.equal((await dns.query('example.test', 'TXT')).answers[0]?.data, `v=DKIM1; ${longKey}`);
  assert.deepEqual((await dns.query('null.example.test', 'MX')).answers[0]?.data, { preference: 0, exchange: '' });
  assert.equal((await dns.query('example.test', 'SPF')).answers[0]?.data, 'v=spf1 -all');
  assert.equal((await dns.query('example.test', 'CAA')).answers[0]?.data, '0 issue "ca.example"');
  assert.deepEqual((await dns.query('example.test', 'SOA')).answers[0]?.data, records[6]?.data);
  assert.equal((await dns.query('_25._tcp.mx.example.test', 'TLSA')).answers[0]?.data, '3 1 1 abcdef');
});

test('udp: NXDOMAIN, NODATA (incl. empty non-terminal) and CNAME chains in the answer', async () => {
  const s = await server();
  const dns = source(s);
  assert.equal((await dns.query('nope.example.test', 'A')).outcome, 'nxdomain');
  assert.equal((await dns.query('example.test', 'AAAA')).outcome, 'nodata');
  assert.equal((await dns.query('_tcp.mx.example.test', 'A')).outcome, 'nodata');
  const chained = await dns.query('alias.example.test', 'A');
  assert.equal(chained.outcome, 'answer');
  assert.deepEqual(chained.cnames.map((c) => c.data), ['alias2.example.test', 'example.test']);
  assert.deepEqual(chained.answers.map((r) => [r.name, r.data]), [['example.test', '192.0.2.1']]);
  assert.equal(s.count('alias.example.test'), 1, 'the server chased the chain: one query');
  const asCname = await dns.query('alias.example.test', 'CNAME');
  assert.deepEqual(asCname.answers.map((r) => r.data), ['alias2.example.test']);
});

test('udp: when the server stops at a CNAME, the resolver follows it with bounded extra queries', async () => {
  const s = await server({ rules: [{ match: /alias/, behaviour: 'no-follow' }, { match: /^loop/, behaviour: 'no-follow' }] });
  const dns = source(s);
  const chained = await dns.query('alias.example.test', 'A');
  assert.equal(chained.outcome, 'answer');
  assert.deepEqual(chained.cnames.map((c) => c.data), ['alias2.example.test', 'example.test']);
  assert.deepEqual(s.queries.map((q) => q.name), ['alias.example.test', 'alias2.example.test', 'example.test']);
  const loop = await dns.query('loop1.example.test', 'A');
  assert.equal(loop.outcome, 'servfail');
  assert.match(loop.error ?? '', /CNAME chain too long or looping/);
  assert.ok(s.count('loop1.example.test') + s.count('loop2.example.test') <= 10);
});

test('udp: SERVFAIL, REFUSED, FORMERR and malformed answers are failures, never "missing"', async () => {
  const s = await server({
    rules: [
      { name: 'sf.example.test', behaviour: 'servfail' },
      { name: 'ref.example.test', behaviour: 'refused' },
      { name: 'fe.example.test', behaviour: 'formerr' },
      { name: 'bad.example.test', behaviour: 'malformed' },
    ],
  });
  const dns = source(s);
  const sf = await dns.query('sf.example.test', 'TXT');
  assert.deepEqual([sf.outcome, sf.answers], ['servfail', []]);
  assert.equal(s.count('sf.example.test'), 1, 'one server: SERVFAIL is not retried against the same server');
  assert.equal((await dns.query('ref.example.test', 'TXT')).outcome, 'refused');
  const fe = await dns.query('fe.example.test', 'TXT');
  assert.deepEqual([fe.outcome, fe.error], ['error', 'the server answered FORMERR']);
  const bad = await dns.query('bad.example.test', 'TXT');
  assert.equal(bad.outcome, 'error');
  assert.match(bad.error ?? '', /malformed response/);
});

test('udp: a silent server is a timeout after each retry; the error names the server', async () => {
  const s = await server({ rules: [{ name: 'silent.example.test', behaviour: 'drop' }] });
  const dns = createUdpSource({ servers: [parseServerAddress(s.resolverArg) as ServerAddress], timeoutMs: 100, retries: 2 });
  const started = performance.now();
  const result = await dns.query('silent.example.test', 'A');
  const elapsed = performance.now() - started;
  assert.equal(result.outcome, 'timeout');
  assert.equal(result.error, `no answer from ${s.resolverArg}`);
  assert.equal(s.count('silent.example.test'), 3);
  assert.ok(elapsed >= 290 && elapsed < 5000, `elapsed ${elapsed}`); // three timeouts waited; the upper bound only guards against a hang
});

test('udp: retries rotate through the servers; a dropped first attempt is retried', async () => {
  const first = await server({ rules: [{ match: () => true, behaviour: 'drop' }] });
  const second = await server();
  const dns = source(first, second);
  const result = await dns.query('example.test', 'A');
  assert.equal(result.outcome, 'answer');
  assert.deepEqual([first.count(), second.count()], [1, 1]);
  // SERVFAIL from one server: with another server and a retry left, ask it.
  const failing = await server({ rules: [{ match: () => true, behaviour: 'servfail' }] });
  assert.equal((await source(failing, second).query('sub.example.test', 'A')).outcome, 'answer');
  const flaky = await server({ rules: [{ name: 'example.test', behaviour: 'drop', times: 1 }] });
  assert.equal((await source(flaky).query('example.test', 'MX')).outcome, 'answer');
  assert.equal(flaky.count('example.test', 'MX'), 2);
});

test('udp: only an answer with our ID and question is accepted (others ignored, keep waiting)', async () => {
  const s = await server({
    rules: [
      { name: 'wid.example.test', behaviour: 'wrong-id-then-answer' },
      { name: 'wq.example.test', behaviour: 'wrong-question-then-answer' },
      { name: 'wonly.example.test', behaviour: 'wrong-id' },
    ],
    records: [...records, { name: 'wid.example.test', type: 'A', ttl: 1, data: '192.0.2.7' }, { name: 'wq.example.test', type: 'A', ttl: 1, data: '192.0.2.8' }],
  });
  const dns = createUdpSource({ servers: [parseServerAddress(s.resolverArg) as ServerAddress], timeoutMs: 150, retries: 0 });
  assert.deepEqual((await dns.query('wid.example.test', 'A')).answers.map((r) => r.data), ['192.0.2.7']);
  assert.deepEqual((await dns.query('wq.example.test', 'A')).answers.map((r) => r.data), ['192.0.2.8']);
  assert.equal((await dns.query('wonly.example.test', 'A')).outcome, 'timeout');
});

test('udp: datagrams from another address/port are ignored even with the right ID', async () => {
  // A fake "server" that forwards to the real one but answers from a different socket.
  const s = await server();
  const front = dgram.createSocket('udp4');
  const back = dgram.createSocket('udp4');
  await new Promise<void>((r) => front.bind(0, '127.0.0.1', () => r()));
  await new Promise<void>((r) => back.bind(0, '127.0.0.1', () => r()));
  let client: { port: number; address: string } | undefined;
  front.on('message', (msg, remote) => {
    client = remote;
    back.send(msg, s.port, '127.0.0.1');
  });
  back.on('message', (msg) => client && back.send(msg, client.port, client.address));
  try {
    const dns = createUdpSource({ servers: [{ host: '127.0.0.1', port: front.address().port, family: 4 }], timeoutMs: 150, retries: 0 });
    assert.equal((await dns.query('example.test', 'A')).outcome, 'timeout');
  } finally {
    front.close();
    back.close();
  }
});

test('udp: a truncated answer is retried over TCP (transport tcp), full answer', async () => {
  const s = await server({ rules: [{ name: 'example.test', type: 'MX', behaviour: 'truncate' }] });
  const dns = source(s);
  const mx = await dns.query('example.test', 'MX');
  assert.deepEqual([mx.outcome, mx.transport, mx.answers.length], ['answer', 'tcp', 1]);
  assert.deepEqual(s.queries.map((q) => q.transport), ['udp', 'tcp']);
  // An answer larger than our advertised 1232 bytes is truncated by the server itself.
  const big = await dns.query('big.example.test', 'TXT');
  assert.deepEqual([big.outcome, big.transport, big.answers.length], ['answer', 'tcp', 12]);
});

test('udp: TCP fallback failures are failures (connection refused is an error)', async () => {
  const s = await server({ tcp: false, rules: [{ name: 'example.test', behaviour: 'truncate' }] });
  const result = await source(s).query('example.test', 'A');
  assert.equal(result.outcome, 'error');
  assert.equal(result.transport, 'tcp');
  assert.match(result.error ?? '', /ECONNREFUSED/);
});

test('udp: EDNS0 advertises 1232; DO asks for DNSSEC and the AD bit is reported', async () => {
  const s = await server({ ad: true });
  const dns = source(s);
  const plain = await dns.query('example.test', 'A');
  const signed = await dns.query('example.test', 'A', { dnssec: true });
  assert.deepEqual([plain.ad, signed.ad], [false, true]);
  assert.deepEqual(s.queries.map((q) => [q.udpPayloadSize, q.dnssec]), [[1232, false], [1232, true]]);
});

test('udp: pooled sockets: many queries share a socket; the source port changes every 75-125 queries; IDs random', async () => {
  const s = await server();
  const dns = createUdpSource({ servers: [parseServerAddress(s.resolverArg) as ServerAddress], timeoutMs: 2000, retries: 0 });
  for (let batch = 0; batch < 6; batch++) {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => dns.query(`n${batch}-${i}.example.test`, 'A')));
    assert.ok(results.every((r) => r.outcome === 'nxdomain'));
  }
  assert.equal(s.queries.length, 300);
  const perPort = new Map<number, number>();
  for (const q of s.queries) perPort.set(q.port, (perPort.get(q.port) ?? 0) + 1);
  const stats = dns.stats();
  assert.ok(stats.socketsOpened >= 3 && stats.socketsOpened <= 4, `300 queries at 75-125 a socket: ${stats.socketsOpened} sockets`);
  assert.ok(perPort.size >= 2, 'source ports vary');
  assert.ok([...perPort.values()].every((n) => n <= 125), 'no socket past its budget');
  assert.ok(new Set(s.queries.map((q) => q.id)).size >= 280, 'IDs vary');
  // IDs are unique among the queries in flight on one socket (a batch of 50 is all in flight at once).
  for (let batch = 0; batch < 6; batch++) {
    const inBatch = s.queries.filter((q) => q.name.includes(`n${batch}-`));
    for (const port of new Set(inBatch.map((q) => q.port))) {
      const ids = inBatch.filter((q) => q.port === port).map((q) => q.id);
      assert.equal(new Set(ids).size, ids.length);
    }
  }
  assert.deepEqual([stats.waitingUdp, stats.tcpOpen], [0, 0]);
  dns.close();
  assert.equal(dns.stats().socketsOpen, 0);
});

test('udp: close() fails the queries in flight at once, without retrying on a new socket', async () => {
  const s = await server({ rules: [{ match: () => true, behaviour: 'drop' }] });
  const dns = createUdpSource({ servers: [parseServerAddress(s.resolverArg) as ServerAddress], timeoutMs: 10_000, retries: 3 });
  const pending = Promise.all([dns.query('a.example.test', 'A'), dns.query('b.example.test', 'A')]);
  while (s.count() < 2) await new Promise((resolve) => setTimeout(resolve, 5));
  dns.close();
  const results = await pending;
  assert.deepEqual(results.map((r) => [r.outcome, r.reason?.code, r.reason?.errno]), [['error', 'dns.network', 'ECLOSED'], ['error', 'dns.network', 'ECLOSED']]);
  assert.deepEqual([s.count(), dns.stats().socketsOpened, dns.stats().socketsOpen], [2, 1, 0]);
});

test('udp: an idle socket closes by itself; the next query gets a fresh port', async () => {
  const s = await server();
  const dns = createUdpSource({ servers: [parseServerAddress(s.resolverArg) as ServerAddress], timeoutMs: 2000, retries: 0 });
  await dns.query('example.test', 'A');
  assert.equal(dns.stats().socketsOpen, 1);
  await new Promise((resolve) => setTimeout(resolve, SOCKET_IDLE_MS + 300));
  assert.equal(dns.stats().socketsOpen, 0);
  await dns.query('example.test', 'MX');
  assert.equal(dns.stats().socketsOpened, 2);
  dns.close();
});

test('udp: pooled sockets never keep the process alive once the queries are done', { timeout: 20_000 }, async () => {
  const s = await server();
  // A child process that asks and never closes the source: it must exit at once by itself.
  const code = `import { createUdpSource } from ${JSON.stringify(sourceModule('dns/udp'))};
const dns = createUdpSource({ servers: [{ host: '127.0.0.1', port: ${s.port}, family: 4 }], timeoutMs: 2000, retries: 0 });
const r = await Promise.all([dns.query('example.test', 'A'), dns.query('example.test', 'MX')]);
console.log(r.map((x) => x.outcome).join(','));`;
  const started = Date.now();
  // Asynchronously: the server answering it runs in this process.
  const result = await promisify(execFile)(process.execPath, [...CHILD_LOADER, '--input-type=module', '-e', code], { cwd: new URL('..', import.meta.url), encoding: 'utf8', timeout: 15_000 });
  assert.equal(result.stdout.trim(), 'answer,answer');
  // The idle timer (SOCKET_IDLE_MS) is unref'd too: the child did not wait for it. Generous bound
  // (start-up of node included); a hang would take the 15 s spawn timeout.
  assert.ok(Date.now() - started < 10_000);
});

test('udp: IPv6 server [::1]:PORT', async (t) => {
  let s: DnsServer;
  try {
    s = await server({ host: '::1' });
  } catch {
    t.skip('no IPv6 loopback here');
    return;
  }
  const result = await source(s).query('example.test', 'A');
  assert.deepEqual([result.outcome, s.resolverArg.startsWith('[::1]:')], ['answer', true]);
});

test('caching resolver over UDP: an identical query is sent once; concurrency is bounded', async () => {
  const s = await server({ delayMs: 30 });
  // A generous timeout: on a loaded machine a 200 ms attempt can expire and be retried, which would be a 21st query.
  const resolver = createCachingResolver(createUdpSource({ servers: [parseServerAddress(s.resolverArg) as ServerAddress], timeoutMs: 5000, retries: 0 }), { concurrency: 5 });
  const same = await Promise.all(Array.from({ length: 10 }, () => resolver.query('example.test', 'MX')));
  assert.equal(s.count('example.test', 'MX'), 1);
  assert.ok(same.every((r) => r === same[0]));
  s.resetLog();
  await Promise.all(Array.from({ length: 20 }, (_, i) => resolver.query(`c${i}.example.test`, 'A')));
  assert.equal(s.queries.length, 20);
  assert.equal(s.maxInFlight, 5);
});

test('udp: a closed port is a network error at once (ICMP unreachable on the connected socket), not a timeout', async () => {
  const s = await startDnsServer({ records });
  const address = parseServerAddress(s.resolverArg) as ServerAddress;
  await s.close();
  const dns = createUdpSource({ servers: [address], timeoutMs: 2000, retries: 0 });
  const started = performance.now();
  const result = await dns.query('example.test', 'A');
  assert.equal(result.outcome, 'error');
  assert.match(result.error ?? '', /ECONNREFUSED/);
  assert.ok(performance.now() - started < 1000);
});

test('udp: a socket error at connect time is an error outcome, not an exception', async () => {
  // The kernel refuses to connect a UDP socket to the broadcast address without SO_BROADCAST
  // (EACCES): nothing is sent anywhere.
  const dns = createUdpSource({ servers: [{ host: '255.255.255.255', port: 53, family: 4 }], timeoutMs: 500, retries: 0 });
  const result = await dns.query('example.test', 'A');
  assert.equal(result.outcome, 'error');
  assert.match(result.error ?? '', /EACCES.*255\.255\.255\.255:53/);
});
