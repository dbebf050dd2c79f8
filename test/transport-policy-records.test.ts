import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './helpers/run-cli.js';
import { startDnsServer } from './helpers/dns-server.js';

// The tls check over zones with each MTA-STS and TLS-RPT record variant, the --mta-sts-policy file
// in an offline run, and DNSSEC as a validating resolver reports it (AD set, AD clear, SERVFAIL then CD).

const ZONE = ['--zone', 'test/fixtures/transport/policy-records.test.zone'];
const d = (name: string) => `${name}.records.test`;

interface JsonReport {
  domain: string;
  score: number | null;
  incomplete: boolean;
  checks: Record<string, { status: string; score: number | null } & Record<string, unknown>>;
  findings: { id: string; check: string; severity: string; data: Record<string, unknown> }[];
}

async function reports(names: string[], extra: string[] = []): Promise<Record<string, JsonReport>> {
  const r = await runCli([...ZONE, '--json', 'domain', ...names.map(d), ...extra]);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const parsed = JSON.parse(r.stdout) as JsonReport | JsonReport[];
  return Object.fromEntries((Array.isArray(parsed) ? parsed : [parsed]).map((x) => [x.domain.split('.')[0] as string, x]));
}

/** `[id, severity, problem codes]` of the tls findings. */
const tlsFindings = (r: JsonReport | undefined) =>
  (r?.findings ?? []).filter((f) => f.check === 'tls').map((f) => [f.id, f.severity, ((f.data.problems as { code: string }[] | undefined) ?? []).map((p) => p.code)]);

test('MTA-STS record variants', async () => {
  const r0 = await reports(['ok', 'multiple', 'lookalike', 'dateid', 'noid', 'keycase', 'extension']);
  // Only these domains' MTA-STS findings (they have no TLS-RPT record).
  const r = Object.fromEntries(Object.entries(r0).map(([k, v]) => [k, { ...v, findings: v.findings.filter((f) => f.id.startsWith('tls.mta-sts')) }]));
  assert.deepEqual(tlsFindings(r.ok), []);
  assert.equal(r.ok?.checks.tls?.mtaStsId, '20260101T000000');
  assert.deepEqual(tlsFindings(r.multiple), [['tls.mta-sts-invalid', 'warning', ['mta-sts.record-multiple']]]);
  assert.deepEqual(tlsFindings(r.lookalike), [['tls.mta-sts-invalid', 'warning', ['mta-sts.record-missing', 'mta-sts.record-lookalike']]]);
  assert.deepEqual(tlsFindings(r.dateid), [['tls.mta-sts-invalid', 'warning', ['mta-sts.id-invalid']]]);
  assert.deepEqual(tlsFindings(r.noid), [['tls.mta-sts-invalid', 'warning', ['mta-sts.id-missing']]]);
  assert.deepEqual(tlsFindings(r.keycase), [['tls.mta-sts-invalid', 'warning', ['mta-sts.record-key-case', 'mta-sts.id-missing']]]);
  assert.deepEqual(tlsFindings(r.extension), [['tls.mta-sts-invalid', 'info', ['mta-sts.record-extension-invalid']]]);
  // Offline: the policy is not fetched; the check stays complete and the report complete.
  for (const x of Object.values(r)) {
    assert.equal((x.checks.tls?.mtaStsPolicy as { status: string }).status, 'skipped');
    assert.equal(x.checks.tls?.status, 'complete');
    assert.equal(x.incomplete, false);
  }
});

test('TLS-RPT record variants', async () => {
  const r = await reports(['ok', 'rptmultiple', 'norua', 'http', 'badmailto', 'rptlookalike', 'onebad']);
  const rpt = (x: JsonReport | undefined) => tlsFindings(x).filter(([id]) => String(id).startsWith('tls.tls-rpt'));
  assert.deepEqual(rpt(r.ok), []);
  assert.deepEqual(r.ok?.checks.tls?.tlsRptRua, ['mailto:tls@records.test', 'https://reports.records.test/tls']);
  assert.deepEqual(rpt(r.rptmultiple), [['tls.tls-rpt-invalid', 'warning', ['tls-rpt.record-multiple']]]);
  assert.deepEqual(rpt(r.norua), [['tls.tls-rpt-invalid', 'warning', ['tls-rpt.rua-missing']]]);
  assert.deepEqual(rpt(r.http), [['tls.tls-rpt-invalid', 'warning', ['tls-rpt.rua-uri-invalid', 'tls-rpt.rua-none-valid']]]);
  assert.deepEqual(rpt(r.badmailto), [['tls.tls-rpt-invalid', 'warning', ['tls-rpt.rua-uri-invalid', 'tls-rpt.rua-none-valid']]]);
  assert.deepEqual(rpt(r.rptlookalike), [['tls.tls-rpt-invalid', 'warning', ['tls-rpt.record-missing', 'tls-rpt.record-lookalike']]]);
  assert.deepEqual(rpt(r.onebad), [['tls.tls-rpt-invalid', 'info', ['tls-rpt.rua-uri-invalid']]]);
  assert.deepEqual(r.onebad?.checks.tls?.tlsRptRua, ['mailto:tls@records.test']);
});

test('--mta-sts-policy in an offline run: the file is judged against the MX; a missing file is exit 2', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mailcheck-policy-'));
  try {
    const good = path.join(dir, 'good.txt');
    writeFileSync(good, 'version: STSv1\nmode: enforce\nmx: *.ok.records.test\nmax_age: 604800\n');
    const r = await reports(['ok'], ['--mta-sts-policy', good]);
    const p = r.ok?.checks.tls?.mtaStsPolicy as Record<string, unknown>;
    assert.deepEqual([p.status, p.source, p.file, p.mode], ['ok', 'file', good, 'enforce']);
    assert.deepEqual(p.hosts, [{ host: 'mx1.ok.records.test', matched: true, pattern: '*.ok.records.test' }]);
    const bad = path.join(dir, 'bad.txt');
    writeFileSync(bad, 'version: STSv1\nmode: Enforce\nmx: 192.0.2.1\nmax_age: 1e6\n');
    const b = await reports(['ok'], ['--mta-sts-policy', bad]);
    assert.deepEqual(tlsFindings(b.ok), [['tls.mta-sts-invalid', 'warning', ['mta-sts.policy-mx-invalid', 'mta-sts.policy-mode-invalid', 'mta-sts.policy-max-age-invalid']]]);
    const missing = await runCli([...ZONE, 'domain', d('ok'), '--mta-sts-policy', path.join(dir, 'nope.txt')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read --mta-sts-policy .*nope\.txt: no such file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the shipped example lab: its MTA-STS policy file matches both MX hosts', async () => {
  const r = await runCli(['--zone', 'examples/example.test.zone', '--json', 'domain', 'example.test', '--mta-sts-policy', 'examples/example.test.mta-sts.txt']);
  assert.equal(r.code, 0, r.stderr);
  const p = JSON.parse(r.stdout).checks.tls.mtaStsPolicy;
  assert.deepEqual(p.hosts.map((h: { host: string; matched: boolean }) => [h.host, h.matched]), [['mx1.example.test', true], ['mx2.example.test', true]]);
});

test('DNSSEC from a validating resolver: AD set, AD clear, a resolver that does not validate, SERVFAIL then CD', async () => {
  const zoneText = ['$TTL 60', 'signed.test. MX 10 mx.signed.test.', 'mx.signed.test. A 192.0.2.1', 'plain.test. MX 10 mx.plain.test.', 'mx.plain.test. A 192.0.2.2', 'bogus.test. MX 10 mx.bogus.test.', 'mx.bogus.test. A 192.0.2.3'].join('\n');
  const validating = await startDnsServer({ zoneText, ad: true, rules: [{ match: /(^|\.)plain\.test$/, ad: false }, { match: /(^|\.)bogus\.test$/, behaviour: 'bogus' }] });
  const stub = await startDnsServer({ zoneText });
  try {
    const run = async (server: typeof validating, domain: string) => {
      const r = await runCli(['--resolver', server.resolverArg, '--json', 'domain', domain, '--fail-on', 'none']);
      return JSON.parse(r.stdout) as JsonReport;
    };
    const secure = await run(validating, 'signed.test');
    assert.deepEqual([secure.checks.dnssec?.state, secure.checks.dnssec?.resolver, secure.checks.dnssec?.status], ['secure', validating.resolverArg, 'complete']);
    const insecure = await run(validating, 'plain.test');
    assert.deepEqual([insecure.checks.dnssec?.state, insecure.findings.filter((f) => f.check === 'dnssec').map((f) => f.id)], ['insecure', ['dnssec.unsigned']]);
    // Behind a stub that sets no AD at all, not even for the root: not known, and not "unsigned".
    const unknown = await run(stub, 'plain.test');
    assert.deepEqual([unknown.checks.dnssec?.state, unknown.checks.dnssec?.reason, unknown.checks.dnssec?.status], ['unknown', 'not-validating', 'skipped']);
    assert.ok(!unknown.findings.some((f) => f.id === 'dnssec.unsigned'));
    // Bogus: every other lookup fails too; the DNSSEC error is what is scored.
    const bogus = await run(validating, 'bogus.test');
    // dnssec scores 0 (dnssec.bogus weighs 100) and joins the mean at weight 15; the checks whose lookups failed drop out.
    assert.deepEqual([bogus.checks.dnssec?.state, bogus.checks.dnssec?.score, bogus.incomplete], ['bogus', 0, true]);
    assert.ok((bogus.score ?? 100) < 70, String(bogus.score));
    assert.deepEqual(bogus.findings.filter((f) => f.check === 'dnssec').map((f) => [f.id, f.severity]), [['dnssec.bogus', 'error']]);
    assert.ok(validating.queries.some((q) => q.name === 'bogus.test' && q.cd));
    const exit = await runCli(['--resolver', validating.resolverArg, 'domain', 'bogus.test']);
    assert.equal(exit.code, 1);
  } finally {
    await validating.close();
    await stub.close();
  }
});

test('--profile: the chosen provider\'s rules only, failures are errors; an unknown profile is exit 2', async () => {
  // weak.test: DKIM not found by probing (could not check), DMARC fine; SPF ~all, so --ip 192.0.2.99 does not pass.
  const weak = ['--zone', 'test/fixtures/domain/weak.test.zone'];
  const gmail = await runCli([...weak, '--json', 'domain', 'weak.test', '--profile', 'gmail', '--ip', '192.0.2.99']);
  const g = JSON.parse(gmail.stdout) as JsonReport;
  assert.deepEqual(g.checks.profile?.providers, ['gmail']);
  const rules = g.checks.profile?.rules as { rule: string; status: string }[];
  assert.deepEqual(rules.map((x) => [x.rule, x.status]), [
    ['authenticated', 'unknown'], ['spf', 'fail'], ['dkim', 'unknown'], ['dmarc', 'pass'], ['alignment', 'unknown'], ['fcrdns', 'fail'], ['tls', 'unknown'], ['one-click-unsubscribe', 'message'],
  ]);
  assert.deepEqual(g.findings.filter((f) => f.check === 'profile').map((f) => [f.id, f.severity]), [['profile.spf', 'error'], ['profile.fcrdns', 'error']]);
  assert.equal(gmail.code, 1);
  // Microsoft names neither FCrDNS nor TLS.
  const ms = JSON.parse((await runCli([...weak, '--json', 'domain', 'weak.test', '--profile', 'microsoft'])).stdout) as JsonReport;
  assert.deepEqual((ms.checks.profile?.rules as { rule: string }[]).map((x) => x.rule), ['spf', 'dkim', 'dmarc', 'alignment']);
  // Without --profile: every provider, and failures are notes.
  const plain = JSON.parse((await runCli([...weak, '--json', 'domain', 'weak.test', '--ip', '192.0.2.99'])).stdout) as JsonReport;
  assert.deepEqual(plain.checks.profile?.providers, ['gmail', 'yahoo', 'microsoft']);
  assert.ok(plain.findings.filter((f) => f.check === 'profile').every((f) => f.severity === 'info'));
  const bad = await runCli([...weak, 'domain', 'weak.test', '--profile', 'hotmail']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--profile takes gmail, yahoo, microsoft, all, not "hotmail"/);
});
