import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { httpsGet } from '../src/net/https-get.js';
import { buildResolver } from '../src/cli/resolver.js';
import { gatherContext, type HttpsFetch } from '../src/gather/context.js';
import { checkDomain } from '../src/report/domain.js';
import type { Report } from '../src/core/report.js';
import { createTestCa, type TestCa } from './helpers/test-ca.js';
import { startDnsServer, type DnsServer } from './helpers/dns-server.js';
import { startHttpsServer, type LocalServer, type Route } from './helpers/tls-servers.js';

// The MTA-STS policy fetched end to end on 127.0.0.1: a DNS server gives the policy host's address,
// a local HTTPS server with a certificate from a test CA serves (or fails to serve) the policy, and
// the domain report judges it. Each variant is its own domain and server.

const DAY = 86_400_000;
const PATH = '/.well-known/mta-sts.txt';
const policy = (d: string) => `version: STSv1\r\nmode: enforce\r\nmx: mx1.${d}\r\nmax_age: 604800\r\n`;
const plain = (body: string): Route => (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
};

interface Variant {
  /** Certificate: valid (default), expired, or for another name. */
  cert?: 'expired' | 'wrong-name';
  route: (domain: string) => Route;
}

const VARIANTS: Record<string, Variant> = {
  valid: { route: (d) => plain(policy(d)) },
  expired: { cert: 'expired', route: (d) => plain(policy(d)) },
  wrongname: { cert: 'wrong-name', route: (d) => plain(policy(d)) },
  redirect: { route: () => (_req, res) => { res.writeHead(301, { location: 'https://www.example.net/mta-sts.txt' }); res.end(); } },
  notfound: { route: () => (_req, res) => { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('no'); } },
  html: { route: (d) => (_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(policy(d)); } },
  big: { route: () => (_req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); for (let i = 0; i < 10; i++) res.write('#'.repeat(10_000)); res.end(); } },
  slow: { route: () => () => undefined },
  mismatch: { route: () => plain('version: STSv1\nmode: enforce\nmx: *.mx.microsoft\nmax_age: 86400\n') },
};

const domainOf = (name: string) => `${name}.sts.test`;
let ca: TestCa;
let dns: DnsServer;
const servers: Record<string, LocalServer & { requests: string[] }> = {};
const ports: Record<string, number> = {};

before(async () => {
  ca = await createTestCa('MTA-STS Test Root');
  const zone: string[] = ['$TTL 60'];
  for (const [name, v] of Object.entries(VARIANTS)) {
    const d = domainOf(name);
    const host = `mta-sts.${d}`;
    const cert = await ca.issue({
      names: [v.cert === 'wrong-name' ? `www.${d}` : host],
      ...(v.cert === 'expired' ? { notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) } : {}),
    });
    const server = await startHttpsServer({ key: cert.keyPem, cert: cert.chainPem, routes: { [PATH]: v.route(d) } });
    servers[name] = server;
    ports[host] = server.port;
    zone.push(`${d}. MX 10 mx1.${d}.`, `mx1.${d}. A 127.0.0.1`, `${d}. TXT "v=spf1 mx -all"`, `_mta-sts.${d}. TXT "v=STSv1; id=20260101"`, `${host}. A 127.0.0.1`);
  }
  dns = await startDnsServer({ zoneText: zone.join('\n') });
});

after(async () => {
  await dns?.close();
  for (const s of Object.values(servers)) await s.close();
});

/** The HTTPS client of the CLI (httpsGet), trusting the test CA and sending each policy host to its server's port. */
const fetch: HttpsFetch = (url, options) => {
  const host = new URL(url).hostname;
  return httpsGet(url.replace(`//${host}/`, `//${host}:${ports[host]}/`), { ...options, ca: ca.certPem });
};

async function report(name: string, timeoutMs = 2000): Promise<Report> {
  const resolver = await buildResolver({ resolver: [dns.resolverArg], zone: [], timeout: 1000, retries: 0 });
  return checkDomain({ domain: domainOf(name), selectors: [], ips: [] }, gatherContext(resolver, { timeoutMs, fetch }));
}

const tls = (r: Report) => r.sections.find((s) => s.id === 'tls')!;
const policyData = (r: Report) => tls(r).data.mtaStsPolicy as Record<string, unknown>;
const tlsFindings = (r: Report) => r.findings.filter((f) => f.id.startsWith('tls.mta-sts'));

test('valid: fetched at the address DNS gives (loopback), every MX host matches; the loopback MX keeps mx.private-ip', async () => {
  const r = await report('valid');
  assert.deepEqual(tlsFindings(r), []);
  const p = policyData(r);
  assert.deepEqual([p.status, p.source, p.mode, p.maxAge, p.address], ['ok', 'https', 'enforce', 604800, '127.0.0.1']);
  assert.deepEqual(p.hosts, [{ host: 'mx1.valid.sts.test', matched: true, pattern: 'mx1.valid.sts.test' }]);
  assert.deepEqual(p.http, { kind: 'ok', status: 200, contentType: 'text/plain', location: null });
  assert.deepEqual(servers.valid!.requests, [PATH]);
  assert.ok(r.findings.some((f) => f.id === 'mx.private-ip'));
  assert.equal(tls(r).status, 'complete');
});

test('expired and wrong-name certificates are certificate faults, kept apart', async () => {
  const expired = tlsFindings(await report('expired'));
  assert.deepEqual(expired.map((f) => [f.id, f.data.kind, f.data.reason, f.data.couldNotCheck]), [['tls.mta-sts-fetch-failed', 'certificate', 'expired', false]]);
  const wrong = tlsFindings(await report('wrongname'));
  assert.deepEqual(wrong.map((f) => [f.id, f.data.kind, f.data.reason, f.data.nameMatches]), [['tls.mta-sts-fetch-failed', 'certificate', 'name-mismatch', false]]);
  assert.deepEqual(servers.expired!.requests, [], 'no HTTP request over a refused certificate');
});

test('a redirect is not followed; a 404 is a status fault; neither is "could not check"', async () => {
  const redirect = await report('redirect');
  assert.deepEqual(tlsFindings(redirect).map((f) => [f.data.kind, f.data.status, f.data.location]), [['redirect', 301, 'https://www.example.net/mta-sts.txt']]);
  assert.deepEqual(servers.redirect!.requests, [PATH]);
  assert.equal(redirect.incomplete, false);
  const notFound = await report('notfound');
  assert.deepEqual(tlsFindings(notFound).map((f) => [f.id, f.data.kind, f.data.status]), [['tls.mta-sts-fetch-failed', 'status', 404]]);
  assert.equal(policyData(notFound).status, 'fetch-failed');
});

test('wrong content type: reported, and the policy is still judged', async () => {
  const r = await report('html');
  assert.deepEqual(tlsFindings(r).map((f) => [f.id, f.severity, f.data.part, f.data.contentType]), [['tls.mta-sts-invalid', 'warning', 'content-type', 'text/html']]);
  assert.equal(policyData(r).status, 'ok');
});

test('an oversize body is refused at 64 KB', async () => {
  const r = await report('big');
  assert.deepEqual(tlsFindings(r).map((f) => [f.data.kind, f.data.limit]), [['too-large', 65536]]);
});

test('a server that never answers: could not check (partial, report incomplete), within 3 × the timeout', async () => {
  const r = await report('slow', 300);
  assert.deepEqual(tlsFindings(r).map((f) => [f.id, f.data.kind, f.data.couldNotCheck, f.data.timeoutMs]), [['tls.mta-sts-fetch-failed', 'unreachable', true, 900]]);
  assert.equal(tls(r).status, 'partial');
  assert.equal(r.incomplete, true);
});

test('an enforced policy that does not match the MX is an error, scored: the *.mx.microsoft pattern', async () => {
  const r = await report('mismatch');
  const [f] = tlsFindings(r);
  assert.deepEqual([f?.id, f?.severity, f?.data.host, f?.data.mode, f?.data.trap], ['tls.mta-sts-mx-mismatch', 'error', 'mx1.mismatch.sts.test', 'enforce', null]);
  assert.deepEqual(f?.data.suggestions, ['mx1.mismatch.sts.test', '*.mismatch.sts.test']);
  // The tls check joins the score (weight 15) on its error alone.
  assert.deepEqual([tls(r).weight, tls(r).score], [15, 50]);
  const valid = await report('valid');
  assert.deepEqual([tls(valid).weight, tls(valid).score], [0, null]);
});
