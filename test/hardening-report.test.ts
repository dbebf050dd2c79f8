import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/run-cli.js';
import { startDnsServer } from './helpers/dns-server.js';
import { collapseNoAnswers } from '../src/report/domain.js';
import { fixText } from '../src/render/words.js';
import { en } from '../src/messages/en/index.js';

// An honest headline (issue 10 §13): a check that judged nothing is failed or skipped, a domain
// where nothing could be checked says so with score and grade null, a DNS that answered nothing is
// one finding, and the advice fits the cause. One fix record per DNS name (§17).

interface Finding { id: string; check: string; data: Record<string, unknown>; fix: { action: string; record?: { name: string; type: string; value: string } } | null }

const SOA = (origin: string) => `$ORIGIN ${origin}.\n@ 300 IN SOA ns hostmaster 1 3600 600 86400 300\n`;

function zoneFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-report-'));
  const file = join(dir, 'test.zone');
  writeFileSync(file, text);
  return file;
}

test('a resolver that never answers: one finding (no DNS answers from …), could not check, score and grade null, exit 3', async () => {
  const server = await startDnsServer({ rules: [{ match: () => true, behaviour: 'drop' }] });
  try {
    const args = ['--resolver', server.resolverArg, '--timeout', '200', '--retries', '0'];
    const r = await runCli([...args, '--json', 'domain', 'dead.test']);
    assert.equal(r.code, 3);
    const report = JSON.parse(r.stdout);
    assert.equal(report.score, null);
    assert.equal(report.grade, null);
    assert.equal(report.incomplete, true);
    assert.deepEqual(report.findings.map((f: Finding) => f.id), ['dns.no-answers']);
    const only = report.findings[0] as Finding;
    assert.equal(only.data.cause, 'timeout');
    assert.deepEqual(only.data.servers, [server.resolverArg]);
    for (const id of ['mx', 'spf', 'dmarc', 'dkim', 'rdns', 'rbl']) assert.equal(report.checks[id].status, 'failed', id);

    const zh = await runCli([...args, '--lang', 'zh-CN', 'domain', 'dead.test']);
    assert.match(zh.stdout, /^dead\.test {2}无法检查/);
    assert.match(zh.stdout, new RegExp(`dns\\.no-answers  ${server.resolverArg.replace(/\./g, '\\.')} 没有回答任何 DNS 查询`));
    assert.match(zh.stdout, /没有及时得到回答/);

    const text = await runCli([...args, 'domain', 'dead.test']);
    assert.equal(text.code, 3);
    const lines = text.stdout.trim().split('\n');
    assert.match(lines[0] as string, /^dead\.test {2}could not check {2}\(0 errors, 1 warning, 0 info\)$/);
    assert.match(lines[1] as string, new RegExp(`dns\\.no-answers  No DNS answers from ${server.resolverArg.replace(/\./g, '\\.')} \\(\\d+ lookups timed out\\)`));
    assert.equal(lines.length, 3, text.stdout);
  } finally {
    await server.close();
  }
});

test('a resolver that refuses connections, a SERVFAIL for everything, a domain no zone file describes: the cause and its advice', async () => {
  // A closed port: ECONNREFUSED when the kernel reports the ICMP error, else timeouts; one finding either way.
  const closed = await startDnsServer({ tcp: false });
  const arg = closed.resolverArg;
  await closed.close();
  const refused = await runCli(['--resolver', arg, '--timeout', '300', '--retries', '0', '--json', 'domain', 'gone.test']);
  const network = JSON.parse(refused.stdout).findings as Finding[];
  assert.deepEqual(network.map((f) => f.id), ['dns.no-answers']);
  assert.ok(['network', 'timeout'].includes(String(network[0]?.data.cause)), String(network[0]?.data.cause));
  assert.deepEqual(network[0]?.data.servers, [arg]);

  const failing = await startDnsServer({ rules: [{ match: () => true, behaviour: 'servfail' }] });
  try {
    const r = await runCli(['--resolver', failing.resolverArg, '--retries', '0', '--json', 'domain', 'broken.test']);
    const f = JSON.parse(r.stdout).findings[0] as Finding;
    assert.equal(f.data.cause, 'servfail');
    assert.match(f.fix?.action ?? '', /SERVFAIL/);
  } finally {
    await failing.close();
  }

  const zone = zoneFile(SOA('other.test'));
  const z = await runCli(['--zone', zone, '--json', 'domain', 'example.com']);
  assert.equal(z.code, 3);
  const zf = JSON.parse(z.stdout);
  assert.equal(zf.score, null);
  assert.equal(zf.findings[0].data.cause, 'zone');
  assert.match(zf.findings[0].fix.action, /add the domain to a zone file/);
  const zt = await runCli(['--zone', zone, 'domain', 'example.com']);
  assert.match(zt.stdout, /^example\.com {2}could not check/);
  assert.match(zt.stdout, /The --zone files do not describe example\.com/);
});

test('reverse DNS with a failed MX lookup is failed, not 100; blacklists with no list answering are failed, not "0 of N checked"', async () => {
  const server = await startDnsServer({
    zoneText: `${SOA('half.test')}@ 300 IN TXT "v=spf1 -all"\n_dmarc 300 IN TXT "v=DMARC1; p=reject; rua=mailto:d@half.test"\n`,
    rules: [
      { name: 'half.test', type: 'MX', behaviour: 'servfail' },
      // Every blacklist query fails; the domain's own names answer.
      { match: (name) => !name.endsWith('half.test'), behaviour: 'servfail' },
    ],
  });
  try {
    const r = await runCli(['--resolver', server.resolverArg, '--retries', '0', '--json', 'domain', 'half.test']);
    assert.equal(r.code, 3);
    const report = JSON.parse(r.stdout);
    assert.equal(report.checks.rdns.status, 'failed');
    assert.equal(report.checks.rdns.score, null);
    assert.equal(report.checks.rbl.status, 'failed');
    assert.equal(report.checks.rbl.score, null);
    assert.notEqual(report.score, null);
    const rdnsFinding = report.findings.find((f: Finding) => f.check === 'rdns') as Finding;
    assert.equal(rdnsFinding.id, 'dns.lookup-failed');
    assert.equal(rdnsFinding.data.what, 'rdns-mx');
    assert.equal(rdnsFinding.data.cause, 'servfail');
    const text = await runCli(['--resolver', server.resolverArg, '--retries', '0', 'domain', 'half.test']);
    assert.match(text.stdout, /Reverse DNS \(PTR and forward confirmation\) {2}could not check/);
    assert.match(text.stdout, /Blacklists \(DNSBL\) {2}could not check/);
  } finally {
    await server.close();
  }
});

test('a domain without MX or --ip: reverse DNS has nothing to judge (skipped, not a free 100)', async () => {
  const zone = zoneFile(`${SOA('nomx.test')}@ 300 IN TXT "v=spf1 -all"\n`);
  const r = await runCli(['--zone', zone, '--json', 'domain', 'nomx.test']);
  const report = JSON.parse(r.stdout);
  assert.equal(report.checks.rdns.status, 'skipped');
  assert.equal(report.checks.rdns.score, null);
});

test('collapseNoAnswers: a refused connection explains the timeouts beside it; a report with answers is left alone', () => {
  const report = { command: 'domain', subject: 'x.test', incomplete: true, sections: [], findings: [{ id: 'dns.lookup-failed', check: 'mx', severity: 'warning' as const, data: {}, fix: {} }], score: null, grade: null, data: {} };
  const dead = collapseNoAnswers(report, { lookups: 40, answered: 0, failures: [{ cause: 'timeout', server: '127.0.0.1:53', count: 39 }, { cause: 'network', server: '127.0.0.1:53', count: 1 }] });
  assert.deepEqual(dead.findings.map((f) => [f.id, f.data.cause]), [['dns.no-answers', 'network']]);
  assert.match(fixText(en, dead.findings[0] as never), /could not be reached/);
  assert.equal(collapseNoAnswers(report, { lookups: 40, answered: 1, failures: [{ cause: 'timeout', server: null, count: 39 }] }), report);
});

test('the advice of a failed lookup fits its cause: a timeout is not a SERVFAIL', async () => {
  const server = await startDnsServer({
    zoneText: `${SOA('slow.test')}@ 300 IN MX 10 mx.slow.test.\nmx 300 IN A 192.0.2.1\n`,
    rules: [{ name: '_dmarc.slow.test', behaviour: 'drop' }, { name: 'slow.test', type: 'TXT', behaviour: 'servfail' }],
  });
  try {
    const r = await runCli(['--resolver', server.resolverArg, '--timeout', '1000', '--retries', '0', '--json', 'domain', 'slow.test']);
    const findings = JSON.parse(r.stdout).findings as Finding[];
    const dmarc = findings.find((f) => f.check === 'dmarc' && f.id === 'dns.lookup-failed') as Finding;
    assert.equal(dmarc.data.cause, 'timeout');
    assert.match(dmarc.fix?.action ?? '', /No answer in time/);
    const spf = findings.find((f) => f.check === 'spf' && f.id === 'dns.lookup-failed') as Finding;
    assert.equal(spf.data.cause, 'servfail');
    assert.match(spf.fix?.action ?? '', /SERVFAIL/);
  } finally {
    await server.close();
  }
});

/** Pastes every fix record in the order the report lists them, as a user would: the last value of each name wins. */
function pasteAll(findings: Finding[]): Map<string, string> {
  const zone = new Map<string, string>();
  for (const f of findings) if (f.fix?.record) zone.set(`${f.fix.record.name} ${f.fix.record.type}`, f.fix.record.value);
  return zone;
}

test('one fix record per name: pasting every fix ends at the record that fixes them all (DMARC and SPF)', async () => {
  const zone = zoneFile(
    `${SOA('merge.test')}@ 300 IN MX 10 aspmx.l.google.com.\n@ 300 IN TXT "v=spf1 ip4:192.0.2.1 ?all"\n_dmarc 300 IN TXT "v=DMARC1; p=none; pct=50"\n`,
  );
  const r = await runCli(['--zone', zone, '--json', 'domain', 'merge.test', '--ip', '198.51.100.9']);
  const findings = JSON.parse(r.stdout).findings as Finding[];
  const ids = findings.filter((f) => f.fix?.record?.name === '_dmarc.merge.test.').map((f) => f.id).sort();
  assert.deepEqual(ids, ['dmarc.no-reports', 'dmarc.partial', 'dmarc.policy-none']);
  const pasted = pasteAll(findings);
  assert.equal(pasted.get('_dmarc.merge.test. TXT'), 'v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@merge.test');
  assert.equal(pasted.get('merge.test. TXT'), 'v=spf1 ip4:192.0.2.1 ip4:198.51.100.9 include:_spf.google.com ~all');
  // Each finding's fix is the same merged record, in whatever order they are pasted.
  for (const f of findings) {
    if (f.fix?.record?.name === 'merge.test.') assert.equal(f.fix.record.value, pasted.get('merge.test. TXT'), f.id);
  }
  assert.deepEqual(new Set(findings.filter((f) => f.fix?.record?.name === 'merge.test.').map((f) => f.id)), new Set(['spf.neutral', 'spf.ip-not-authorized', 'provider.spf-include-missing']));
});

test('the case of the issue: p=none without rua gives one record with p=quarantine and a rua', async () => {
  const zone = zoneFile(`${SOA('pn.test')}@ 300 IN TXT "v=spf1 -all"\n_dmarc 300 IN TXT "v=DMARC1; p=none"\n`);
  const r = await runCli(['--zone', zone, '--json', 'domain', 'pn.test']);
  const findings = JSON.parse(r.stdout).findings as Finding[];
  const none = findings.find((f) => f.id === 'dmarc.policy-none');
  const reports = findings.find((f) => f.id === 'dmarc.no-reports');
  assert.equal(none?.fix?.record?.value, 'v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@pn.test');
  assert.equal(reports?.fix?.record?.value, none?.fix?.record?.value);
  const text = await runCli(['--zone', zone, 'domain', 'pn.test']);
  assert.doesNotMatch(text.stdout, /"v=DMARC1; p=none; rua=/);
  assert.doesNotMatch(text.stdout, /"v=DMARC1; p=quarantine"/);
});
