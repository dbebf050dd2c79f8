import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { buildResolver } from '../src/cli/resolver.js';
import { gatherContext } from '../src/gather/context.js';
import { sharedProber } from '../src/gather/smtp.js';
import { smtpProbe } from '../src/net/smtp-probe.js';
import { checkDomain } from '../src/report/domain.js';
import { tlsaForCertificate } from '../src/transport/dane.js';
import { formatTlsa } from '../src/parse/tlsa.js';
import type { Report } from '../src/core/report.js';
import { createTestCa, type IssuedCertificate, type TestCa } from './helpers/test-ca.js';
import { startDnsServer, type DnsServer } from './helpers/dns-server.js';
import { closedPort } from './helpers/tls-servers.js';
import { runBinary, runCli } from './helpers/run-cli.js';

// The --smtp probe and DANE end to end on 127.0.0.1: smtp-server with STARTTLS and certificates from
// a test CA (valid, expired, wrong name, untrusted), one without STARTTLS, a closed port; TLSA
// records served by the test DNS server as a validating resolver (AD) would serve them.

const DAY = 86_400_000;
const HELO = 'probe.mailcheck.test';
let root: TestCa;
let issuing: TestCa;
let valid: IssuedCertificate;
let dns: DnsServer;
const smtpServers: SMTPServer[] = [];
/** The port of each MX host's server. */
const portOf: Record<string, number> = {};
const sessions: Record<string, number> = {};
let closed: number;
let dir: string;

async function startSmtp(name: string, host: string, cert: { keyPem: string; chainPem: string } | undefined): Promise<void> {
  sessions[name] = 0;
  const server = new SMTPServer({
    secure: false, name: host, banner: 'mailcheck test', logger: false, authOptional: true, disabledCommands: ['AUTH'],
    ...(cert ? { key: cert.keyPem, cert: cert.chainPem } : { hideSTARTTLS: true }),
    onConnect(_session, callback) {
      sessions[name] = (sessions[name] ?? 0) + 1;
      callback();
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  smtpServers.push(server);
  portOf[host] = (server.server.address() as { port: number }).port;
}

const mx = (name: string) => `mx1.${name}.smtp.test`;
const domainOf = (name: string) => `${name}.smtp.test`;

before(async () => {
  root = await createTestCa('SMTP Test Root');
  issuing = await root.intermediate('SMTP Issuing CA');
  valid = await issuing.issue({ names: [mx('valid')] });
  await startSmtp('valid', mx('valid'), valid);
  await startSmtp('expired', mx('expired'), await issuing.issue({ names: [mx('expired')], notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) }));
  await startSmtp('wrongname', mx('wrongname'), await issuing.issue({ names: ['mail.elsewhere.test'] }));
  await startSmtp('untrusted', mx('untrusted'), await (await createTestCa('Nobody trusts me')).issue({ names: [mx('untrusted')] }));
  await startSmtp('plain', mx('plain'), undefined);
  // DANE-TA also checks the name: a server of its own, with a certificate for its MX host.
  await startSmtp('daneta', 'mx.daneta.smtp.test', await issuing.issue({ names: ['mx.daneta.smtp.test'] }));
  closed = await closedPort();
  portOf[mx('closed')] = closed;
  // DANE: the valid server's key (3 1 1), its issuing CA (2 1 1), a record of another key, and an unsigned zone.
  const ee = formatTlsa(tlsaForCertificate(valid.x509));
  const ta = formatTlsa(tlsaForCertificate(issuing.x509, 2));
  const zone = ['$TTL 60'];
  for (const name of ['valid', 'expired', 'wrongname', 'untrusted', 'plain', 'closed', 'daneta', 'danebad', 'daneunsigned', 'shared']) {
    const d = domainOf(name);
    const host = ['daneta', 'danebad', 'daneunsigned', 'shared'].includes(name) ? mx('valid') : mx(name);
    zone.push(`${d}. MX 10 ${host}.`, `${d}. TXT "v=spf1 mx -all"`);
  }
  for (const name of ['valid', 'expired', 'wrongname', 'untrusted', 'plain', 'closed']) zone.push(`${mx(name)}. A 127.0.0.1`);
  zone.push(`_25._tcp.${mx('valid')}. TLSA ${ee}`);
  // The other DANE variants get their own MX names, all pointing at the valid server.
  for (const [name, record] of [['daneta', ta], ['danebad', `3 1 1 ${'0'.repeat(64)}`], ['daneunsigned', ee]] as const) {
    const d = domainOf(name);
    zone.splice(zone.indexOf(`${d}. MX 10 ${mx('valid')}.`), 1, `${d}. MX 10 mx.${d}.`);
    zone.push(`mx.${d}. A 127.0.0.1`, `_25._tcp.mx.${d}. TLSA ${record}`);
    portOf[`mx.${d}`] ??= portOf[mx('valid')] as number;
  }
  dns = await startDnsServer({ zoneText: zone.join('\n'), ad: true, rules: [{ match: /^_25\._tcp\.mx\.daneunsigned\./, ad: false }] });
  dir = mkdtempSync(path.join(tmpdir(), 'mailcheck-smtp-'));
  writeFileSync(path.join(dir, 'ca.pem'), root.certPem);
});

after(async () => {
  await dns?.close();
  for (const s of smtpServers) await new Promise<void>((resolve) => s.close(() => resolve()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The CLI's prober (shared: 4 at once, each host once), trusting the test root, each MX host at its server's port. */
function prober() {
  return sharedProber((host, address) => smtpProbe(host, address, { port: portOf[host] ?? 25, heloName: HELO, timeoutMs: 5000, ca: root.certPem }), 4);
}

async function report(name: string, probe = prober()): Promise<Report> {
  const resolver = await buildResolver({ resolver: [dns.resolverArg], zone: [], timeout: 1000, retries: 0 });
  return checkDomain({ domain: domainOf(name), selectors: [], ips: [] }, gatherContext(resolver, { timeoutMs: 1000, smtp: { probe, port: 25 }, resolverName: dns.resolverArg }));
}

const section = (r: Report, id: string) => r.sections.find((s) => s.id === id)!;
const idsOf = (r: Report, check: string) => r.findings.filter((f) => f.check === check).map((f) => f.id);
const hostData = (r: Report) => (section(r, 'smtp').data.hosts as Record<string, unknown>[])[0]!;

test('STARTTLS with a valid certificate: TLS 1.3, trusted, the MX name matches, QUIT acknowledged; DANE-EE matches', async () => {
  const r = await report('valid');
  assert.deepEqual(idsOf(r, 'smtp'), []);
  const h = hostData(r);
  assert.deepEqual([h.outcome, h.protocol, h.trusted, h.nameMatches, h.quit, h.faults], ['ok', 'TLSv1.3', true, true, 'acknowledged', []]);
  assert.equal((h.certificate as { subject: string }).subject, `CN=${mx('valid')}`);
  assert.equal(section(r, 'smtp').status, 'complete');
  // TLSA 3 1 1 of the server key, validated (AD): matches the certificate presented.
  assert.deepEqual(idsOf(r, 'dane'), ['dane.rollover']);
  const dane = (section(r, 'dane').data.hosts as Record<string, unknown>[])[0]!;
  assert.deepEqual([dane.validated, dane.usable, dane.certificate], [true, 1, 'match']);
  // DNSSEC: the server sets AD for DO queries, the root included.
  assert.deepEqual([section(r, 'dnssec').data.state, section(r, 'dnssec').data.resolver], ['secure', dns.resolverArg]);
  // The bulk TLS rule passes on the probe; the MX on 127.0.0.1 keeps its mx.private-ip warning.
  const tlsRule = (section(r, 'profile').data.rules as { rule: string; status: string; reason: string }[]).find((x) => x.rule === 'tls');
  assert.deepEqual([tlsRule?.status, tlsRule?.reason], ['pass', 'starttls']);
  assert.ok(idsOf(r, 'mx').includes('mx.private-ip'));
});

test('each certificate fault: expired, wrong name, untrusted', async () => {
  const faults = async (name: string) => {
    const r = await report(name);
    const f = r.findings.find((x) => x.id === 'smtp.cert-invalid');
    return f?.data.faults;
  };
  assert.deepEqual(await faults('expired'), ['expired']);
  assert.deepEqual(await faults('wrongname'), ['name-mismatch']);
  assert.deepEqual(await faults('untrusted'), ['untrusted']);
});

test('no STARTTLS: smtp.no-starttls, and the bulk TLS rule fails with the Gmail code', async () => {
  const r = await report('plain');
  assert.deepEqual(r.findings.filter((f) => f.id === 'smtp.no-starttls').map((f) => f.data.reason), ['not-advertised']);
  const bulk = r.findings.find((f) => f.id === 'profile.tls');
  assert.equal(bulk?.severity, 'info');
  assert.deepEqual((bulk?.data.requirements as { codes: { enhanced: string }[] }[])[0]?.codes.map((c) => c.enhanced), ['4.7.29', '5.7.29']);
});

test('a closed port is "could not check", never "no TLS"; the report is incomplete', async () => {
  const r = await report('closed');
  assert.deepEqual(r.findings.filter((f) => f.check === 'smtp').map((f) => [f.id, f.data.reason]), [['smtp.unchecked', 'connect-refused']]);
  assert.equal(section(r, 'smtp').status, 'failed');
  assert.equal(r.incomplete, true);
  assert.ok(!r.findings.some((f) => f.id === 'smtp.no-starttls' || f.id === 'profile.tls'));
});

test('DANE: a DANE-TA record matches through the chain; a record of another key does not; TLSA without AD is unsigned', async () => {
  // DANE-EE ignores the name (RFC 7672 §3.1.1): the valid server's key matches under another MX name.
  const unsignedHost = (section(await report('daneunsigned'), 'dane').data.hosts as { validated: boolean }[])[0];
  assert.equal(unsignedHost?.validated, false);
  const ta = await report('daneta');
  assert.equal((section(ta, 'dane').data.hosts as { certificate: string }[])[0]?.certificate, 'match');
  const bad = await report('danebad');
  const f = bad.findings.find((x) => x.id === 'dane.invalid');
  assert.equal(f?.data.kind, 'no-match');
  assert.equal(f?.fix?.record?.value, formatTlsa(tlsaForCertificate(valid.x509)));
  const unsigned = await report('daneunsigned');
  assert.ok(idsOf(unsigned, 'dane').includes('dane.unsigned'));
});

test('one session per MX host, even when several domains name it', async () => {
  const before = sessions.valid ?? 0;
  const probe = prober();
  await Promise.all([report('valid', probe), report('shared', probe)]);
  assert.equal((sessions.valid ?? 0) - before, 1);
});

test('CLI: --smtp against a closed --smtp-port exits 3; the text names the refused connection', async () => {
  const r = await runCli(['--resolver', dns.resolverArg, 'domain', domainOf('valid'), '--smtp', '--smtp-port', String(closed), '--helo', HELO, '--fail-on', 'none']);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stdout, /smtp\.unchecked/);
  assert.match(r.stdout, /refused the connection/);
  const bad = await runCli(['--resolver', dns.resolverArg, 'domain', domainOf('valid'), '--smtp-port', '70000']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--smtp-port must be between 1 and 65535/);
  const helo = await runCli(['--resolver', dns.resolverArg, 'domain', domainOf('valid'), '--helo', 'not a name']);
  assert.equal(helo.code, 2);
});

test('the binary trusts a private CA through NODE_EXTRA_CA_CERTS (and only then)', async () => {
  const args = ['--resolver', dns.resolverArg, '--json', 'domain', domainOf('valid'), '--smtp', '--smtp-port', String(portOf[mx('valid')]), '--helo', HELO];
  const withCa = JSON.parse((await runBinary(args, { env: { NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem') } })).stdout);
  assert.deepEqual(withCa.checks.smtp.hosts[0].faults, []);
  const without = JSON.parse((await runBinary(args)).stdout);
  assert.deepEqual(without.checks.smtp.hosts[0].faults, ['untrusted']);
});
