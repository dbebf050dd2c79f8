import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rblCheck } from '../src/checks/rbl.js';
import { exitCode as domainExitCode } from '../src/core/exit.js';
import { fix, lines, msg } from './helpers/words.js';
import { goodDomain, replace, reportFor, rr } from './helpers/domain-fixtures.js';
import { startDnsServer } from './helpers/dns-server.js';
import { runCli } from './helpers/run-cli.js';

// The blacklist part of `mailcheck domain`: which addresses are looked up, what the findings say.

const D = 'good.test';
const base = goodDomain(D);

test('domain rbl: MX addresses, own SPF addresses, --ip senders and the domain are all looked up, merged by address', async () => {
  const records = [
    ...replace(base, D, 'TXT', rr(D, 'TXT', 'v=spf1 ip4:192.0.2.10 ip4:203.0.113.5 ip4:198.51.100.0/24 include:_spf.provider.test -all')),
    rr('_spf.provider.test', 'TXT', 'v=spf1 ip4:203.0.113.77 -all'),
    rr('10.2.0.192.zen.spamhaus.org', 'A', '127.0.0.2'),
    rr('10.2.0.192.zen.spamhaus.org', 'TXT', 'https://check.spamhaus.org/sbl/query/SBL1'),
  ];
  const report = await reportFor(records, { domain: D, ips: ['198.51.100.7'] });
  const section = report.sections.find((s) => s.id === 'rbl')!;
  const targets = section.data.targets as { target: string; kind: string; sources: { role: string; via?: string }[]; listed: number }[];
  const by = Object.fromEntries(targets.map((t) => [t.target, t]));
  // The provider's include (203.0.113.77) and the /24 are not looked up: only what the domain's own record names directly.
  assert.deepEqual(Object.keys(by).sort(), ['192.0.2.10', '198.51.100.7', '2001:db8::10', '203.0.113.5', D].sort());
  assert.deepEqual(by['192.0.2.10']!.sources, [{ role: 'mx', via: `mx1.${D}` }, { role: 'spf', via: 'ip4:192.0.2.10' }]);
  assert.deepEqual(by[D]!.sources, [{ role: 'domain' }]);
  assert.equal(by[D]!.kind, 'domain');
  assert.deepEqual(by['198.51.100.7']!.sources, [{ role: 'sender' }]);

  const listed = report.findings.filter((f) => f.id === 'rbl.listed');
  assert.equal(listed.length, 1);
  assert.equal(listed[0]!.severity, 'error');
  assert.match(msg(listed[0]!), /^192\.0\.2\.10 \(MX mx1\.good\.test, SPF ip4:192\.0\.2\.10\) is listed on Spamhaus ZEN \(zen\.spamhaus\.org\): 127\.0\.0\.2 SBL/);
  assert.match(msg(listed[0]!), /Reason given: https:\/\/check\.spamhaus\.org\/sbl\/query\/SBL1/);
  assert.match(fix(listed[0]!), /request removal at https:\/\/check\.spamhaus\.org\/\.$/);
  assert.equal(section.score, 50);
  assert.equal(domainExitCode([report], { failOn: 'error', minScore: 0 }), 1);
  assert.ok(lines(section).some((line) => /^192\.0\.2\.10 .*: listed on Spamhaus ZEN \(\d+ of \d+ lists checked\)$/.test(line)), lines(section).join('\n'));
});

test('domain rbl: refusals are "unchecked" with the operator\'s advice, never clean, never --fail-on', async () => {
  const records = [...base, rr('10.2.0.192.zen.spamhaus.org', 'A', '127.255.255.254'), rr(`${D}.multi.uribl.com`, 'A', '127.0.0.1')];
  const report = await reportFor(records, { domain: D });
  const unchecked = report.findings.filter((f) => f.id === 'rbl.unchecked');
  assert.equal(unchecked.length, 2);
  const ip = unchecked.find((f) => msg(f).includes('192.0.2.10'))!;
  assert.match(msg(ip), /Could not check 192\.0\.2\.10 \(MX mx1\.good\.test, SPF mx\) on 1 list \(Spamhaus ZEN: refused by the operator\)/);
  assert.match(fix(ip), /^Query through your own recursive resolver/);
  assert.equal(report.incomplete, true);
  assert.equal(report.sections.find((s) => s.id === 'rbl')!.score, 100);
  assert.equal(domainExitCode([report], { failOn: 'warning', minScore: 0 }), 3);
});

test('rbl check with no addresses says so', () => {
  const result = rblCheck.run({ rbl: { lists: 54, notCovered: [], entries: [] } } as unknown as Parameters<typeof rblCheck.run>[0]);
  assert.deepEqual(lines(result), ['no addresses to check']);
  // Nothing to judge: skipped (not scored), never a free 100 (issue 10 §13).
  assert.equal(result.status, 'skipped');
});

test('e2e domain: a blacklisted MX address through the binary and the test DNS server', async () => {
  const server = await startDnsServer({ records: [...base, rr('10.2.0.192.zen.spamhaus.org', 'A', '127.0.0.4'), rr(`${D}.multi.surbl.org`, 'A', '127.0.0.64')] });
  try {
    const r = await runCli(['domain', '--resolver', server.resolverArg, '--timeout', '1000', '--json', D]);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    const listed = report.findings.filter((f: { id: string }) => f.id === 'rbl.listed');
    assert.deepEqual(listed.map((f: { severity: string; message: string }) => [f.severity, f.message.split(' is listed on ')[1]?.split(':')[0]]).sort(), [
      ['error', 'SURBL multi (multi.surbl.org)'],
      ['error', 'Spamhaus ZEN (zen.spamhaus.org)'],
    ]);
    const surbl = report.checks.rbl.targets.find((t: { target: string }) => t.target === D).listings[0];
    assert.deepEqual(surbl.meanings, ['ABUSE: spam and other abuse']);
    assert.equal(report.incomplete, false);
  } finally {
    await server.close();
  }
});

test('rbl check offline: lists the zone files do not describe are "not checked" (skipped), never "not listed"', () => {
  const result = rblCheck.run({ rbl: { lists: 0, notCovered: ['zen.spamhaus.org', 'bl.spamcop.net'], entries: [] } } as unknown as Parameters<typeof rblCheck.run>[0]);
  assert.equal(result.status, 'skipped');
  assert.deepEqual(lines(result), ['2 lists not checked: the zone files do not describe them (offline run)']);
  assert.deepEqual(result.findings, []);
});
