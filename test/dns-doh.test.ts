import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { checkDohUrl, createDohSource, isLoopbackHost, parseDohUrl } from '../src/dns/doh.js';
import type { DnsRecord } from '../src/dns/types.js';
import { startDohServer } from './helpers/doh-server.js';
import type { DohServer } from './helpers/doh-server.js';
import { runCli } from './helpers/run-cli.js';

const records: DnsRecord[] = [
  { name: 'example.test', type: 'A', ttl: 60, data: '192.0.2.1' },
  { name: 'example.test', type: 'TXT', ttl: 60, data: `v=spf1 ${'ip4:192.0.2.1 '.repeat(30)}-all` },
  { name: 'www.example.test', type: 'CNAME', ttl: 60, data: 'example.test' },
  { name: 'bad.example.test', type: 'A', ttl: 60, data: '192.0.2.9' },
  { name: 'nxa.example.test', type: 'A', ttl: 60, data: '192.0.2.10' },
  { name: 'cut.example.test', type: 'A', ttl: 60, data: '192.0.2.11' },
  { name: 'slow.example.test', type: 'A', ttl: 60, data: '192.0.2.12' },
];

let doh: DohServer;
before(async () => {
  doh = await startDohServer({
    records,
    rules: [
      { name: 'down.example.test', status: 503 },
      { name: 'nope400.example.test', status: 400 },
      { name: 'html.example.test', contentType: 'text/html' },
      { name: 'bad.example.test', garbage: true },
      { name: 'hang.example.test', hang: true },
      { name: 'moved.example.test', redirect: 'http://127.0.0.1:1/dns-query' },
      { name: 'big.example.test', oversize: 100_000 },
      { name: 'endless.example.test', oversize: 20_000_000 },
      { name: 'declared.example.test', oversize: 70_000, declareLength: true },
      { name: 'slow.example.test', trickle: true },
      { name: 'nxa.example.test', nxdomainWithAnswers: true },
      { name: 'cut.example.test', truncatedPacket: true },
    ],
  });
});
after(() => doh.close());

const source = (retries = 0, timeoutMs = 5000) => createDohSource({ url: parseDohUrl(doh.url) as URL, timeoutMs, retries });

test('parseDohUrl: http(s) URLs only', () => {
  assert.equal(parseDohUrl('https://dns.example/dns-query')?.host, 'dns.example');
  assert.equal(parseDohUrl('ftp://dns.example/'), undefined);
  assert.equal(parseDohUrl('dns.example'), undefined);
});

test('doh: answers (TXT joined), CNAME chains, NXDOMAIN, NODATA, transport doh', async () => {
  const dns = source();
  const a = await dns.query('example.test', 'A');
  assert.deepEqual([a.outcome, a.transport, a.answers.map((r) => r.data)], ['answer', 'doh', ['192.0.2.1']]);
  assert.equal((await dns.query('example.test', 'TXT')).answers[0]?.data, records[1]?.data);
  const www = await dns.query('www.example.test', 'A');
  assert.deepEqual([www.cnames.map((c) => c.data), www.answers.map((r) => r.data)], [['example.test'], ['192.0.2.1']]);
  assert.equal((await dns.query('nope.example.test', 'A')).outcome, 'nxdomain');
  assert.equal((await dns.query('example.test', 'MX')).outcome, 'nodata');
});

test('doh: HTTP errors, wrong media type, garbage and silence are failures', async () => {
  const before = doh.requests;
  const down = await source(1).query('down.example.test', 'A');
  assert.deepEqual([down.outcome, down.error], ['servfail', 'DoH server answered HTTP 503']);
  assert.equal(doh.requests - before, 2, 'HTTP 5xx is retried');
  const badRequest = await source(1).query('nope400.example.test', 'A');
  assert.deepEqual([badRequest.outcome, badRequest.error], ['error', 'DoH server answered HTTP 400']);
  assert.match((await source().query('html.example.test', 'A')).error ?? '', /text\/html, not application\/dns-message/);
  assert.equal((await source().query('bad.example.test', 'A')).error, 'malformed DoH response');
  const hang = await source(0, 150).query('hang.example.test', 'A');
  assert.equal(hang.outcome, 'timeout');
});

test('doh: an unreachable endpoint is an error, not a missing record', async () => {
  const closed = await startDohServer({ records });
  const url = closed.url;
  await closed.close();
  const result = await createDohSource({ url: new URL(url), timeoutMs: 500, retries: 0 }).query('example.test', 'A');
  assert.equal(result.outcome, 'error');
  assert.match(result.error ?? '', /DoH request failed: .*ECONNREFUSED/);
});

test('checkDohUrl: https anywhere; http only to loopback; no credentials', () => {
  for (const ok of ['https://dns.example/dns-query', 'http://127.0.0.1:8053/dns-query', 'http://127.1.2.3/q', 'http://[::1]:8053/dns-query', 'http://localhost/dns-query', 'http://[::ffff:127.0.0.1]/q', 'https://192.0.2.1/dns-query']) {
    assert.ok('url' in checkDohUrl(ok), ok);
  }
  const problem = (text: string) => {
    const checked = checkDohUrl(text);
    return 'problem' in checked ? checked.problem : undefined;
  };
  assert.equal(problem('http://dns.example/dns-query'), 'doh.http-not-loopback');
  assert.equal(problem('http://192.0.2.1/dns-query'), 'doh.http-not-loopback');
  assert.equal(problem('http://localhost.evil.example/dns-query'), 'doh.http-not-loopback');
  assert.equal(problem('http://[::ffff:192.0.2.1]/q'), 'doh.http-not-loopback');
  assert.equal(problem('ftp://127.0.0.1/'), 'doh.url-scheme');
  assert.equal(problem('https://user:pw@dns.example/dns-query'), 'doh.url-credentials');
  assert.equal(problem('dns.example'), 'doh.url-invalid');
  assert.equal(isLoopbackHost('[::1]'), true);
  assert.equal(isLoopbackHost('10.0.0.1'), false);
});

test('doh: a redirect is an error (doh.redirect), not followed and not retried', { timeout: 10_000 }, async () => {
  const before = doh.requests;
  const moved = await source(2).query('moved.example.test', 'A');
  assert.deepEqual([moved.outcome, moved.reason?.code, moved.reason?.status], ['error', 'doh.redirect', 302]);
  assert.equal(doh.requests - before, 1);
});

test('doh: a body over 65535 bytes is refused while streaming (doh.too-large), declared or not', { timeout: 10_000 }, async () => {
  for (const name of ['big.example.test', 'endless.example.test', 'declared.example.test']) {
    const result = await source(1).query(name, 'A');
    assert.deepEqual([result.outcome, result.reason?.code, result.answers.length], ['error', 'doh.too-large', 0], name);
  }
});

test('doh: a body that stops half way is a timeout, retried', { timeout: 10_000 }, async () => {
  const before = doh.requests;
  const slow = await source(1, 200).query('slow.example.test', 'A');
  assert.deepEqual([slow.outcome, slow.reason?.code], ['timeout', 'dns.timeout']);
  assert.equal(doh.requests - before, 2);
});

test('doh: NXDOMAIN with answers and a packet cut short are malformed, never answers', { timeout: 10_000 }, async () => {
  for (const name of ['nxa.example.test', 'cut.example.test']) {
    const result = await source().query(name, 'A');
    assert.deepEqual([result.outcome, result.reason?.code, result.answers.length], ['error', 'dns.malformed', 0], name);
  }
});

test('doh: a signal stops a hanging request (timeout, dns.aborted)', { timeout: 10_000 }, async () => {
  const controller = new AbortController();
  const pending = source(3, 10_000).query('hang.example.test', 'A', { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  const result = await pending;
  assert.deepEqual([result.outcome, result.reason?.code], ['timeout', 'dns.aborted']);
});

test('lookup --doh end to end', async () => {
  const result = await runCli(['lookup', '--json', '--doh', doh.url, 'www.example.test', 'A']);
  assert.equal(result.code, 0);
  const json = JSON.parse(result.stdout) as { outcome: string; transport: string; answers: { type: string }[] };
  assert.deepEqual([json.outcome, json.transport, json.answers.map((a) => a.type)], ['answer', 'doh', ['CNAME', 'A']]);
  const down = await runCli(['lookup', '--doh', doh.url, '--retries', '0', 'down.example.test']);
  assert.equal(down.code, 3);
});
