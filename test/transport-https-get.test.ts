import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LookupFunction } from 'node:net';
import { httpsGet, mediaType, type HttpsGetOptions, type HttpsGetResult } from '../src/net/https-get.js';
import { parseMtaStsPolicy } from '../src/parse/mta-sts.js';
import { createTestCa, type TestCa } from './helpers/test-ca.js';
import { closedPort, startBlackhole, startHttpsServer, type LocalServer, type Route } from './helpers/tls-servers.js';
import { CHILD_LOADER, sourceModule } from './helpers/child-node.js';

const HOST = 'mta-sts.example.test';
const POLICY = 'version: STSv1\r\nmode: enforce\r\nmx: mx1.example.test\r\nmax_age: 604800\r\n';
const DAY = 86_400_000;

const routes: Record<string, Route> = {
  '/.well-known/mta-sts.txt': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(POLICY);
  },
  '/moved': (_req, res) => {
    res.writeHead(301, { location: 'https://elsewhere.example.test/.well-known/mta-sts.txt' });
    res.end();
  },
  '/moved-nowhere': (_req, res) => {
    res.writeHead(302);
    res.end();
  },
  '/no-content': (_req, res) => {
    res.writeHead(204);
    res.end();
  },
  '/html': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html>version: STSv1</html>');
  },
  '/untyped': (_req, res) => {
    res.writeHead(200);
    res.end(POLICY);
  },
  '/big': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(200_000) });
    res.end('x'.repeat(200_000));
  },
  '/big-chunked': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    for (let i = 0; i < 20; i++) res.write('y'.repeat(10_000));
    res.end();
  },
  '/exactly-cap': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('z'.repeat(1024));
  },
  '/slow-body': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('version: STSv1\r\n'); // and never ends
  },
  '/no-answer': () => undefined,
  '/truncated': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '500' });
    res.write('version: STSv1\r\n');
    setTimeout(() => req.socket.destroy(), 20);
  },
  '/huge-headers': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'x-junk': 'j'.repeat(40_000) });
    res.end(POLICY);
  },
};

let ca: TestCa;
let otherCa: TestCa;
const servers: Record<string, LocalServer & { requests: string[] }> = {};

before(async () => {
  ca = await createTestCa('HTTPS Test Root');
  otherCa = await createTestCa('Untrusted Root');
  const valid = await ca.issue({ names: [HOST], ips: ['127.0.0.1'] });
  const expired = await ca.issue({ names: [HOST], notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) });
  const wrongName = await ca.issue({ names: ['mta-sts.other.test'] });
  const untrusted = await otherCa.issue({ names: [HOST] });
  const expiredWrongName = await ca.issue({ names: ['mta-sts.other.test'], notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) });
  for (const [name, cert] of Object.entries({ valid, expired, wrongName, untrusted, expiredWrongName })) {
    servers[name] = await startHttpsServer({ key: cert.keyPem, cert: cert.chainPem, routes });
  }
});

after(async () => {
  for (const s of Object.values(servers)) await s.close();
});

const get = (server: string, pathname: string, extra: Partial<HttpsGetOptions> = {}): Promise<HttpsGetResult> =>
  httpsGet(`https://${HOST}:${servers[server]?.port}${pathname}`, { timeoutMs: 5000, maxBytes: 64 * 1024, ca: ca.certPem, address: '127.0.0.1', ...extra });

test('httpsGet: a valid policy fetch (SNI and certificate name from the URL, address given)', async () => {
  const result = await get('valid', '/.well-known/mta-sts.txt', { now: new Date() });
  assert.equal(result.kind, 'ok');
  if (result.kind !== 'ok') return;
  assert.equal(result.status, 200);
  assert.equal(result.contentType, 'text/plain');
  assert.equal(result.address, '127.0.0.1');
  assert.equal(result.body.toString('utf8'), POLICY);
  assert.ok(parseMtaStsPolicy(result.body.toString('utf8')).policy);
  assert.match(result.tls.protocol ?? '', /^TLSv1\.[23]$/);
  assert.deepEqual(result.tls.certificate?.dnsNames, [HOST]);
  assert.equal(result.tls.certificate?.expired, false);
  assert.equal(servers.valid?.requests.at(-1), '/.well-known/mta-sts.txt');
});

test('httpsGet: certificate faults are kept apart (expired, name mismatch, untrusted CA)', async () => {
  const expired = await get('expired', '/.well-known/mta-sts.txt');
  assert.equal(expired.kind, 'tls-error');
  if (expired.kind === 'tls-error') {
    assert.deepEqual([expired.reason, expired.code, expired.expired, expired.nameMatches], ['expired', 'CERT_HAS_EXPIRED', true, true]);
    assert.equal(expired.certificate?.expired, true);
  }
  const wrongName = await get('wrongName', '/.well-known/mta-sts.txt');
  assert.equal(wrongName.kind, 'tls-error');
  if (wrongName.kind === 'tls-error') {
    assert.deepEqual([wrongName.reason, wrongName.code, wrongName.expired, wrongName.nameMatches], ['name-mismatch', 'ERR_TLS_CERT_ALTNAME_INVALID', false, false]);
    assert.deepEqual(wrongName.certificate?.dnsNames, ['mta-sts.other.test']);
  }
  const untrusted = await get('untrusted', '/.well-known/mta-sts.txt');
  assert.equal(untrusted.kind, 'tls-error');
  if (untrusted.kind === 'tls-error') {
    assert.equal(untrusted.reason, 'untrusted');
    assert.equal(untrusted.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    assert.equal(untrusted.nameMatches, true);
  }
  const both = await get('expiredWrongName', '/.well-known/mta-sts.txt');
  assert.equal(both.kind, 'tls-error');
  if (both.kind === 'tls-error') assert.deepEqual([both.reason, both.expired, both.nameMatches], ['expired', true, false]);
  // Nothing was requested over a rejected connection.
  for (const name of ['expired', 'wrongName', 'untrusted', 'expiredWrongName']) assert.deepEqual(servers[name]?.requests, [], name);
  // Without `ca`, Node's own store does not know the test CA either.
  const noCa = await httpsGet(`https://${HOST}:${servers.valid?.port}/.well-known/mta-sts.txt`, { timeoutMs: 5000, maxBytes: 1024, address: '127.0.0.1' });
  assert.equal(noCa.kind === 'tls-error' && noCa.reason, 'untrusted');
});

test('httpsGet: redirects are results, not followed; only 200 is ok', async () => {
  assert.deepEqual(await get('valid', '/moved').then((r) => [r.kind, 'status' in r && r.status, 'location' in r && r.location]), ['redirect', 301, 'https://elsewhere.example.test/.well-known/mta-sts.txt']);
  assert.deepEqual(await get('valid', '/moved-nowhere').then((r) => [r.kind, 'location' in r && r.location]), ['redirect', null]);
  assert.deepEqual(await get('valid', '/missing').then((r) => [r.kind, 'status' in r && r.status]), ['status', 404]);
  assert.deepEqual(await get('valid', '/no-content').then((r) => [r.kind, 'status' in r && r.status]), ['status', 204]);
  assert.equal(servers.valid?.requests.filter((p) => p.includes('elsewhere')).length, 0);
});

test('httpsGet: content type must be text/plain (the body is still returned)', async () => {
  const html = await get('valid', '/html');
  assert.equal(html.kind, 'wrong-content-type');
  if (html.kind === 'wrong-content-type') {
    assert.equal(html.contentType, 'text/html');
    assert.equal(html.body.toString(), '<html>version: STSv1</html>');
  }
  const untyped = await get('valid', '/untyped');
  assert.deepEqual([untyped.kind, untyped.kind === 'wrong-content-type' && untyped.contentType], ['wrong-content-type', null]);
  assert.equal((await get('valid', '/html', { contentTypes: ['text/plain', 'text/html'] })).kind, 'ok');
  assert.equal(mediaType(' Text/Plain ; charset=UTF-8'), 'text/plain');
  assert.equal(mediaType(''), null);
});

test('httpsGet: the body is capped, by Content-Length and while streaming', async () => {
  const declared = await get('valid', '/big');
  assert.deepEqual(declared.kind === 'too-large' && [declared.limit, declared.declared], [65536, 200_000]);
  const streamed = await get('valid', '/big-chunked');
  assert.deepEqual(streamed.kind === 'too-large' && [streamed.limit, streamed.declared], [65536, undefined]);
  assert.equal((await get('valid', '/exactly-cap', { maxBytes: 1024 })).kind, 'ok');
  assert.equal((await get('valid', '/exactly-cap', { maxBytes: 1023 })).kind, 'too-large');
  const headers = await get('valid', '/huge-headers');
  assert.deepEqual(headers.kind === 'network-error' && [headers.phase, headers.code], ['response', 'HPE_HEADER_OVERFLOW']);
});

test('httpsGet: one deadline, with the phase it ran out in', async () => {
  const slowBody = await get('valid', '/slow-body', { timeoutMs: 300 });
  assert.deepEqual(slowBody.kind === 'timeout' && [slowBody.phase, slowBody.timeoutMs], ['body', 300]);
  const noAnswer = await get('valid', '/no-answer', { timeoutMs: 300 });
  assert.deepEqual(noAnswer.kind === 'timeout' && noAnswer.phase, 'response');
  const truncated = await get('valid', '/truncated');
  assert.deepEqual(truncated.kind === 'network-error' && truncated.phase, 'body');
  const blackhole = await startBlackhole();
  try {
    const connect = await httpsGet(`https://${HOST}:${blackhole.port}/.well-known/mta-sts.txt`, { timeoutMs: 300, maxBytes: 1024, address: '127.0.0.1' });
    assert.deepEqual(connect.kind === 'timeout' && connect.phase, 'connect');
  } finally {
    await blackhole.close();
  }
});

test('httpsGet: refused, not TLS, bad URLs — values, never throws', async () => {
  const port = await closedPort();
  const refused = await httpsGet(`https://${HOST}:${port}/`, { timeoutMs: 2000, maxBytes: 1024, address: '127.0.0.1' });
  assert.deepEqual(refused.kind === 'network-error' && [refused.phase, refused.code], ['connect', 'ECONNREFUSED']);
  assert.deepEqual(await httpsGet('http://example.test/', { timeoutMs: 1, maxBytes: 1 }), { kind: 'invalid-url', url: 'http://example.test/', reason: 'scheme' });
  assert.deepEqual(await httpsGet('not a url', { timeoutMs: 1, maxBytes: 1 }), { kind: 'invalid-url', url: 'not a url', reason: 'syntax' });
  assert.equal((await httpsGet('https://u:p@example.test/', { timeoutMs: 1, maxBytes: 1 })).kind, 'invalid-url');
  // A plain-text HTTP server behind an https URL: a handshake failure.
  const { startRawServer } = await import('./helpers/tls-servers.js');
  const plain = await startRawServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
  try {
    const result = await httpsGet(`https://${HOST}:${plain.port}/`, { timeoutMs: 3000, maxBytes: 1024, address: '127.0.0.1' });
    assert.equal(result.kind === 'tls-error' && result.reason, 'handshake');
  } finally {
    await plain.close();
  }
});

test('httpsGet: a lookup function, and an IP-literal URL checked against IP SANs', async () => {
  const asked: string[] = [];
  const lookup = ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    asked.push(hostname);
    if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
  }) as unknown as LookupFunction;
  const viaLookup = await httpsGet(`https://${HOST}:${servers.valid?.port}/.well-known/mta-sts.txt`, { timeoutMs: 5000, maxBytes: 1024, ca: ca.certPem, lookup });
  assert.equal(viaLookup.kind, 'ok');
  assert.deepEqual(asked, [HOST]);
  const dotted = await httpsGet(`https://${HOST}.:${servers.valid?.port}/.well-known/mta-sts.txt`, { timeoutMs: 5000, maxBytes: 1024, ca: ca.certPem, address: '127.0.0.1' });
  assert.equal(dotted.kind, 'ok');
  const ip = await httpsGet(`https://127.0.0.1:${servers.valid?.port}/.well-known/mta-sts.txt`, { timeoutMs: 5000, maxBytes: 1024, ca: ca.certPem });
  assert.equal(ip.kind, 'ok');
});

test('httpsGet: NODE_EXTRA_CA_CERTS adds a CA to Node’s own store (read by Node at start-up)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mailcheck-ca-'));
  try {
    const caFile = path.join(dir, 'ca.pem');
    writeFileSync(caFile, ca.certPem);
    const script = `
      import { httpsGet } from ${JSON.stringify(sourceModule('net/https-get'))};
      const r = await httpsGet(${JSON.stringify(`https://${HOST}:${servers.valid?.port}/.well-known/mta-sts.txt`)}, { timeoutMs: 5000, maxBytes: 4096, address: '127.0.0.1' });
      console.log(JSON.stringify({ kind: r.kind, reason: r.reason ?? null }));`;
    // Asynchronous: the servers live in this process and must keep answering.
    const run = async (env: NodeJS.ProcessEnv) => {
      const child = await promisify(execFile)(process.execPath, [...CHILD_LOADER, '--input-type=module', '-e', script], { env, encoding: 'utf8', timeout: 30_000 });
      return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as { kind: string; reason: string | null };
    };
    const env = { ...process.env };
    delete env.NODE_EXTRA_CA_CERTS;
    assert.deepEqual(await run({ ...env, NODE_EXTRA_CA_CERTS: caFile }), { kind: 'ok', reason: null });
    assert.deepEqual(await run(env), { kind: 'tls-error', reason: 'untrusted' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
