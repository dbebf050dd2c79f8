// The UDP/TCP resolver against hostile and broken servers (test/helpers/dns-server.ts modes).
// Each case asserts the outcome and reason, how many queries the server received, and that the
// lookup finishes (every test has a hang guard).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createUdpSource, parseServerAddress } from '../src/dns/udp.js';
import type { ServerAddress, UdpSource } from '../src/dns/udp.js';
import { createCachingResolver } from '../src/dns/resolver.js';
import type { DnsRecord } from '../src/dns/types.js';
import { startDnsServer } from './helpers/dns-server.js';
import type { DnsServer, DnsServerRule } from './helpers/dns-server.js';

const GUARD = { timeout: 15_000 };
const records: DnsRecord[] = [
  { name: 'host.test', type: 'A', ttl: 60, data: '192.0.2.1' },
  { name: 'host.test', type: 'TXT', ttl: 60, data: 'v=spf1 -all' },
  { name: 'host.test', type: 'MX', ttl: 60, data: { preference: 10, exchange: 'mx.host.test' } },
];

const servers: DnsServer[] = [];
const sources: UdpSource[] = [];
after(async () => {
  for (const source of sources) source.close();
  await Promise.all(servers.map((s) => s.close()));
});

/** A server where every query for host.test gets `rule`, and a source asking it. */
async function hostile(rule: Omit<DnsServerRule, 'name'>, options: { timeoutMs?: number; retries?: number } = {}) {
  const server = await startDnsServer({ records, rules: [{ match: () => true, ...rule }] });
  servers.push(server);
  const source = createUdpSource({ servers: [parseServerAddress(server.resolverArg) as ServerAddress], timeoutMs: options.timeoutMs ?? 300, retries: options.retries ?? 0 });
  sources.push(source);
  return { server, source };
}

const summary = (r: { outcome: string; reason?: { code: string }; answers: unknown[]; transport: string }) => ({ outcome: r.outcome, code: r.reason?.code, answers: r.answers.length, transport: r.transport });

test('wrong ID only: ignored, the attempt times out; each retry asks once more', GUARD, async () => {
  const { server, source } = await hostile({ behaviour: 'wrong-id' }, { retries: 1 });
  assert.deepEqual(summary(await source.query('host.test', 'A')), { outcome: 'timeout', code: 'dns.timeout', answers: 0, transport: 'udp' });
  assert.equal(server.count('host.test'), 2);
});

test('wrong question only (right ID): ignored; the attempt fails as a mismatch, not an answer', GUARD, async () => {
  const { server, source } = await hostile({ behaviour: 'wrong-question' });
  assert.deepEqual(summary(await source.query('host.test', 'A')), { outcome: 'error', code: 'dns.mismatch', answers: 0, transport: 'udp' });
  assert.equal(server.count('host.test'), 1);
});

test('the right answer from another port or another address is never accepted', GUARD, async () => {
  for (const behaviour of ['other-port', 'other-address'] as const) {
    const { server, source } = await hostile({ behaviour });
    assert.deepEqual(summary(await source.query('host.test', 'A')), { outcome: 'timeout', code: 'dns.timeout', answers: 0, transport: 'udp' }, behaviour);
    assert.equal(server.count('host.test'), 1);
  }
});

test('a compression loop is malformed (ignored, then the attempt fails), and retried', GUARD, async () => {
  const { server, source } = await hostile({ behaviour: 'compression-loop' }, { retries: 1 });
  assert.deepEqual(summary(await source.query('host.test', 'A')), { outcome: 'error', code: 'dns.malformed', answers: 0, transport: 'udp' });
  assert.equal(server.count('host.test'), 2);
});

test('a packet cut inside its last record is malformed, never "A 192.0.2.undefined"', GUARD, async () => {
  const { server, source } = await hostile({ behaviour: 'truncated-packet' });
  for (const type of ['A', 'TXT', 'MX'] as const) {
    assert.deepEqual(summary(await source.query('host.test', type)), { outcome: 'error', code: 'dns.malformed', answers: 0, transport: 'udp' }, type);
  }
  assert.equal(server.count('host.test'), 3);
});

test('garbage with the right ID does not end the lookup: the answer after it is taken', GUARD, async () => {
  const { server, source } = await hostile({ behaviour: 'garbage-then-answer' }, { timeoutMs: 2000 });
  const result = await source.query('host.test', 'A');
  assert.deepEqual(summary(result), { outcome: 'answer', code: undefined, answers: 1, transport: 'udp' });
  assert.equal(result.answers[0]?.data, '192.0.2.1');
  assert.equal(server.count('host.test'), 1);
});

test('garbage alone: malformed after the wait (reason names the server)', GUARD, async () => {
  const { server, source } = await hostile({ behaviour: 'malformed' });
  const result = await source.query('host.test', 'A');
  assert.deepEqual(summary(result), { outcome: 'error', code: 'dns.malformed', answers: 0, transport: 'udp' });
  assert.equal(result.reason?.server, server.resolverArg);
  assert.equal(server.count('host.test'), 1);
});

test('NXDOMAIN carrying answer records is malformed: neither an answer nor "does not exist"', GUARD, async () => {
  const { server, source } = await hostile({ behaviour: 'nxdomain-with-answers' }, { retries: 1 });
  assert.deepEqual(summary(await source.query('host.test', 'A')), { outcome: 'error', code: 'dns.malformed', answers: 0, transport: 'udp' });
  assert.equal(server.count('host.test'), 2);
});

test('TC then a slowloris TCP server: the attempt ends at its deadline, the connection is closed', GUARD, async () => {
  const { server, source } = await hostile({ behaviour: 'slowloris', trickleMs: 20 }, { timeoutMs: 400, retries: 1 });
  const result = await source.query('host.test', 'TXT');
  assert.deepEqual(summary(result), { outcome: 'timeout', code: 'dns.timeout', answers: 0, transport: 'tcp' });
  assert.deepEqual(server.queries.map((q) => q.transport), ['udp', 'tcp', 'udp', 'tcp']);
  assert.deepEqual([source.stats().tcpOpen, source.stats().waitingUdp], [0, 0]);
});

test('a slow TC answer leaves TCP only what is left of the attempt: the wait is not doubled', GUARD, async () => {
  // UDP TC arrives after 700 of 1000 ms; TCP then trickles. Doubling would end at 700 + 1000 ms.
  const { source } = await hostile({ behaviour: 'slowloris', delayMs: 700, trickleMs: 20 }, { timeoutMs: 1000 });
  const started = performance.now();
  const result = await source.query('host.test', 'A');
  const elapsed = performance.now() - started;
  assert.deepEqual(summary(result), { outcome: 'timeout', code: 'dns.timeout', answers: 0, transport: 'tcp' });
  assert.ok(elapsed >= 990 && elapsed < 1500, `elapsed ${elapsed}`); // generous: doubled would be >= 1700
});

test('huge answers: 4,000 A records in one 64 KB datagram, and 3,000 TXT records over TCP', GUARD, async () => {
  // 2 s, as the flood below: building and parsing 4,000 records can take longer than 300 ms on a busy machine.
  const { server, source } = await hostile({ type: 'A', behaviour: 'huge', count: 4000 }, { timeoutMs: 2000 });
  const many = await source.query('host.test', 'A');
  assert.deepEqual(summary(many), { outcome: 'answer', code: undefined, answers: 4000, transport: 'udp' });
  assert.equal(many.answers[3999]?.data, '198.18.15.159');
  const flood = await startDnsServer({ records, rules: [{ type: 'TXT', behaviour: 'flood', count: 3000 }] });
  servers.push(flood);
  const floodSource = createUdpSource({ servers: [parseServerAddress(flood.resolverArg) as ServerAddress], timeoutMs: 2000, retries: 0 });
  sources.push(floodSource);
  const txt = await floodSource.query('host.test', 'TXT');
  assert.deepEqual(summary(txt), { outcome: 'answer', code: undefined, answers: 3000, transport: 'tcp' });
  assert.equal(server.count(), 1);
});

test('MX flood (1,500 hosts) and PTR flood (1,500 names) are served whole over TCP', GUARD, async () => {
  const server = await startDnsServer({ records, rules: [{ type: 'MX', behaviour: 'flood', count: 1500 }, { type: 'PTR', behaviour: 'flood', count: 1500 }] });
  servers.push(server);
  const source = createUdpSource({ servers: [parseServerAddress(server.resolverArg) as ServerAddress], timeoutMs: 2000, retries: 0 });
  sources.push(source);
  const mx = await source.query('flood.test', 'MX');
  assert.deepEqual(summary(mx), { outcome: 'answer', code: undefined, answers: 1500, transport: 'tcp' });
  assert.deepEqual(mx.answers[1499]?.data, { preference: 99, exchange: 'm1499.flood.test' });
  const ptr = await source.query('4.3.2.1.in-addr.arpa', 'PTR');
  assert.deepEqual(summary(ptr), { outcome: 'answer', code: undefined, answers: 1500, transport: 'tcp' });
  assert.equal(ptr.answers[0]?.data, 'h0.4.3.2.1.in-addr.arpa');
  assert.deepEqual(server.queries.map((q) => q.transport), ['udp', 'tcp', 'udp', 'tcp']);
});

test('signal: an abort stops outstanding lookups at once (timeout, dns.aborted) and releases their sockets', GUARD, async () => {
  const { server, source } = await hostile({ behaviour: 'drop' }, { timeoutMs: 10_000, retries: 3 });
  const controller = new AbortController();
  const pending = Promise.all(Array.from({ length: 20 }, (_, i) => source.query(`n${i}.host.test`, 'A', { signal: controller.signal })));
  while (server.count() < 20) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(source.stats().waitingUdp, 20);
  controller.abort();
  const results = await pending;
  assert.ok(results.every((r) => r.outcome === 'timeout' && r.reason?.code === 'dns.aborted'));
  assert.deepEqual([source.stats().waitingUdp, server.count()], [0, 20]);
  // Already aborted: nothing is sent.
  const late = await source.query('late.host.test', 'A', { signal: controller.signal });
  assert.deepEqual([late.outcome, late.reason?.code, server.count()], ['timeout', 'dns.aborted', 20]);
});

test('signal: an abort during the TCP fallback closes the connection', GUARD, async () => {
  const { server, source } = await hostile({ behaviour: 'slowloris', trickleMs: 50 }, { timeoutMs: 10_000 });
  const controller = new AbortController();
  const pending = source.query('host.test', 'A', { signal: controller.signal });
  while (server.count('host.test') < 2) await new Promise((resolve) => setTimeout(resolve, 5));
  controller.abort();
  const result = await pending;
  assert.deepEqual([result.outcome, result.reason?.code], ['timeout', 'dns.aborted']);
  assert.equal(source.stats().tcpOpen, 0);
});

test('signal through the caching resolver: queued queries end too, and an AbortSignal.timeout works as a run deadline', GUARD, async () => {
  const { server, source } = await hostile({ behaviour: 'drop' }, { timeoutMs: 10_000 });
  const resolver = createCachingResolver(source, { concurrency: 3 });
  const signal = AbortSignal.timeout(150);
  const results = await Promise.all(Array.from({ length: 12 }, (_, i) => resolver.query(`q${i}.host.test`, 'A', { signal })));
  assert.ok(results.every((r) => r.outcome === 'timeout' && r.reason?.code === 'dns.aborted'));
  assert.equal(server.count(), 3, 'only the three in flight were ever sent');
});

test('one lookup is bounded: CNAME follow-ups share the budget of (retries + 1) timeouts', GUARD, async () => {
  // Each hop's answer stops at a CNAME and the last name never answers.
  const chain: DnsRecord[] = [
    { name: 'c1.test', type: 'CNAME', ttl: 60, data: 'c2.test' },
    { name: 'c2.test', type: 'CNAME', ttl: 60, data: 'c3.test' },
    { name: 'c3.test', type: 'A', ttl: 60, data: '192.0.2.3' },
  ];
  // Each hop answers after 1100 ms of a 2000 ms attempt: 900 ms of slack on a loaded machine (CI once
  // took over 1000 ms for an 800 ms delay and retried c1). c3 then gets the 1800 ms left of the 4000 ms
  // budget, one attempt, not two more of 2000 ms.
  const server = await startDnsServer({ records: chain, rules: [{ name: 'c3.test', behaviour: 'drop' }, { match: () => true, behaviour: 'no-follow', delayMs: 1100 }] });
  servers.push(server);
  const source = createUdpSource({ servers: [parseServerAddress(server.resolverArg) as ServerAddress], timeoutMs: 2000, retries: 1 });
  sources.push(source);
  const started = performance.now();
  const result = await source.query('c1.test', 'A');
  const elapsed = performance.now() - started;
  assert.deepEqual([result.outcome, result.reason?.code], ['timeout', 'dns.timeout']);
  assert.deepEqual(server.queries.map((q) => q.name), ['c1.test', 'c2.test', 'c3.test']);
  assert.ok(elapsed < 4600, `elapsed ${elapsed}: the lookup outlived its budget of 4000 ms`);
});
