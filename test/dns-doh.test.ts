import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createDohSource, parseDohUrl } from '../src/dns/doh.js';
import type { DnsRecord } from '../src/dns/types.js';
import { startDohServer } from './helpers/doh-server.js';
import type { DohServer } from './helpers/doh-server.js';
import { runCli } from './helpers/run-cli.js';

const records: DnsRecord[] = [
  { name: 'example.test', type: 'A', ttl: 60, data: '192.0.2.1' },
  { name: 'example.test', type: 'TXT', ttl: 60, data: `v=spf1 ${'ip4:192.0.2.1 '.repeat(30)}-all` },
  { name: 'www.example.test', type: 'CNAME', ttl: 60, data: 'example.test' },
  { name: 'bad.example.test', type: 'A', ttl: 60, data: '192.0.2.9' },
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

test('lookup --doh end to end', async () => {
  const result = await runCli(['lookup', '--json', '--doh', doh.url, 'www.example.test', 'A']);
  assert.equal(result.code, 0);
  const json = JSON.parse(result.stdout) as { outcome: string; transport: string; answers: { type: string }[] };
  assert.deepEqual([json.outcome, json.transport, json.answers.map((a) => a.type)], ['answer', 'doh', ['CNAME', 'A']]);
  const down = await runCli(['lookup', '--doh', doh.url, '--retries', '0', 'down.example.test']);
  assert.equal(down.code, 3);
});
