import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/run-cli.js';
import { startDnsServer } from './helpers/dns-server.js';

// End to end through the built binary, answering from zone files (no network).
const Z = (name: string) => ['--zone', `test/fixtures/domain/${name}.test.zone`];
const ALL_ZONES = [...Z('good'), ...Z('weak'), ...Z('broken')];

test('README example: example.test from the shipped zone file', async () => {
  const r = await runCli(['--zone', 'examples/example.test.zone', 'domain', 'example.test', '--selector', 's2026', '--selector', 'legacy']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^example\.test {2}score \d+\/100, grade [A-F]/);
  assert.match(r.stdout, /s2026\._domainkey\.example\.test: rsa 2048 bits/);
  assert.match(r.stdout, /dkim\.weak-key/);
  assert.match(r.stdout, /DNS lookups 6\/10/);
  assert.equal(r.stderr, '');
});

test('text output: sections with records found, findings with a fix record to paste', async () => {
  const r = await runCli([...Z('broken'), 'domain', 'broken.test']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /SPF \(who may send as the domain\)/);
  assert.match(r.stdout, /broken\.test\. TXT "v=spf1 mx include:nothing-here\.broken\.test \+all"/);
  assert.match(r.stdout, /✖ error spf\.pass-all/);
  assert.match(r.stdout, /_dmarc\.broken\.test\. TXT "v=DMARC1; p=none; rua=mailto:dmarc-reports@broken\.test"/);
});

test('--json: the documented shape', async () => {
  const r = await runCli([...Z('good'), '--json', 'domain', 'good.test']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(report).slice(0, 6), ['domain', 'score', 'grade', 'incomplete', 'checks', 'findings']);
  assert.deepEqual(Object.keys(report.checks), ['mx', 'spf', 'dmarc', 'dkim', 'rdns', 'rbl', 'provider', 'tls', 'dnssec', 'dane', 'smtp', 'profile']);
  assert.equal(report.score, 100);
  assert.equal(report.grade, 'A');
  assert.equal(report.incomplete, false);
  assert.equal(report.checks.spf.record, 'v=spf1 mx -all');
  assert.equal(report.checks.spf.lookups, 1);
  assert.equal(report.checks.spf.voidLookups, 0);
  assert.equal(report.checks.dmarc.policy, 'reject');
  assert.deepEqual(report.checks.dkim.selectors.map((s: { selector: string; keyType: string; bits: number }) => [s.selector, s.keyType, s.bits]), [['s1', 'rsa', 2048]]);
  assert.deepEqual(report.checks.mx.hosts, [{ host: 'mx1.good.test', preference: 10, ipv4: ['192.0.2.10'], ipv6: ['2001:db8::10'] }]);
  assert.deepEqual(report.checks.rdns.addresses.map((a: { ip: string; ptr: string[]; confirmed: boolean }) => [a.ip, a.ptr, a.confirmed]), [
    ['192.0.2.10', ['mx1.good.test'], true],
    ['2001:db8::10', ['mx1.good.test'], true],
  ]);
});

test('--json with several domains is an array; findings carry id, check, severity, message, fix', async () => {
  const r = await runCli([...ALL_ZONES, '--json', 'domain', 'good.test', 'broken.test']);
  assert.equal(r.code, 1);
  const reports = JSON.parse(r.stdout);
  assert.ok(Array.isArray(reports));
  assert.deepEqual(reports.map((x: { domain: string }) => x.domain), ['good.test', 'broken.test']);
  const f = reports[1].findings.find((x: { id: string }) => x.id === 'dmarc.missing');
  assert.deepEqual(Object.keys(f).slice(0, 5), ['id', 'check', 'severity', 'message', 'fix']);
  assert.deepEqual(f.fix.record, { name: '_dmarc.broken.test.', type: 'TXT', value: 'v=DMARC1; p=none; rua=mailto:dmarc-reports@broken.test' });
});

test('--fail-on and --min-score decide exit 1; --quiet never changes the exit code', async () => {
  const weak = [...Z('weak'), 'domain', 'weak.test'];
  assert.equal((await runCli(weak)).code, 0);
  assert.equal((await runCli([...weak, '--fail-on', 'warning'])).code, 1);
  assert.equal((await runCli([...Z('broken'), 'domain', 'broken.test', '--fail-on', 'none'])).code, 0);
  assert.equal((await runCli([...weak, '--min-score', '90'])).code, 1);
  assert.equal((await runCli([...weak, '--min-score', '50'])).code, 0);
  const quiet = await runCli([...weak, '--fail-on', 'warning', '--quiet']);
  assert.equal(quiet.code, 1);
  assert.doesNotMatch(quiet.stdout, /MX \(incoming/);
  assert.match(quiet.stdout, /dmarc\.policy-none/);
  assert.doesNotMatch(quiet.stdout, /spf\.softfail/);
});

test('--file reads domains (comments and blank lines skipped); an unreadable file is exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-domain-'));
  const file = join(dir, 'domains.txt');
  writeFileSync(file, '# our domains\ngood.test\n\nweak.test  # marketing\n');
  const r = await runCli([...ALL_ZONES, '--json', 'domain', '--file', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).map((x: { domain: string }) => x.domain), ['good.test', 'weak.test']);
  const missing = await runCli([...ALL_ZONES, 'domain', '--file', join(dir, 'nope.txt')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^mailcheck: cannot read --file .*nope\.txt: no such file or folder\n$/);
});

test('bad input is exit 2 with one line: malformed domain, IP, bad --ip, bad --fail-on, no domain', async () => {
  for (const args of [['domain', 'not a domain'], ['domain', 'exa_mple..com'], ['domain', '192.0.2.1'], ['domain', 'good.test', '--ip', '300.1.1.1'], ['domain', 'good.test', '--fail-on', 'sometimes'], ['domain', 'good.test', '--min-score', '101'], ['domain']]) {
    const r = await runCli([...Z('good'), ...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.equal(r.stdout, '');
  }
});

test('lookups that fail (SERVFAIL, timeout) give exit 3, an incomplete report, never "missing"', async () => {
  const server = await startDnsServer({
    zoneFile: 'test/fixtures/domain/good.test.zone',
    rules: [
      { name: '_dmarc.good.test', behaviour: 'servfail' },
      { name: 'good.test', type: 'TXT', behaviour: 'drop' },
    ],
  });
  try {
    const r = await runCli(['--resolver', server.resolverArg, '--timeout', '1000', '--retries', '0', '--json', 'domain', 'good.test']);
    assert.equal(r.code, 3, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.incomplete, true);
    assert.equal(report.checks.dmarc.status, 'failed');
    assert.equal(report.checks.spf.status, 'failed');
    const found = report.findings.map((f: { id: string }) => f.id);
    assert.ok(found.includes('dns.lookup-failed'));
    assert.ok(!found.includes('dmarc.missing') && !found.includes('spf.missing'), found.join(', '));
    const text = await runCli(['--resolver', server.resolverArg, '--timeout', '1000', '--retries', '0', 'domain', 'good.test']);
    assert.equal(text.code, 3);
    assert.match(text.stdout, /incomplete: some DNS lookups failed/);
  } finally {
    await server.close();
  }
});

test('--ip checks the reverse DNS of a sending IP; --file - reads standard input', async () => {
  const r = await runCli([...Z('good'), '--json', 'domain', 'good.test', '--ip', '198.51.100.7', '--ip', '192.0.2.10']);
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout);
  const sender = report.checks.rdns.addresses.find((a: { ip: string }) => a.ip === '198.51.100.7');
  assert.deepEqual([sender.role, sender.status, sender.confirmed], ['sender', 'missing', false]);
  assert.deepEqual(report.findings.filter((f: { id: string }) => f.id === 'rdns.missing').map((f: { severity: string }) => f.severity), ['error']);
  // An --ip that is also an MX address is checked once, as a sender.
  assert.equal(report.checks.rdns.addresses.filter((a: { ip: string }) => a.ip === '192.0.2.10').length, 1);

  const stdin = await runCli([...ALL_ZONES, '--json', 'domain', '--file', '-'], { stdin: 'weak.test\ngood.test\n' });
  assert.equal(stdin.code, 0, stdin.stderr);
  assert.deepEqual(JSON.parse(stdin.stdout).map((x: { domain: string }) => x.domain), ['weak.test', 'good.test']);
});

test('--ip evaluates SPF for the address with the RFC 7208 evaluator and shows the result', async () => {
  const r = await runCli(['--zone', 'examples/example.test.zone', '--json', 'domain', 'example.test', '--ip', '203.0.113.9', '--ip', '192.0.2.200']);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.checks.spf.ipResults.map((x: { ip: string; result: string; matched: { term: string } | null }) => [x.ip, x.result, x.matched?.term]), [
    ['203.0.113.9', 'pass', 'include:spf.mailer.test'],
    ['192.0.2.200', 'softfail', '~all'],
  ]);
  const notAuthorized = report.findings.filter((f: { id: string }) => f.id === 'spf.ip-not-authorized');
  assert.deepEqual(notAuthorized.map((f: { severity: string; message: string }) => [f.severity, /192\.0\.2\.200/.test(f.message)]), [['warning', true]]);
  const text = await runCli(['--zone', 'examples/example.test.zone', 'domain', 'example.test', '--ip', '203.0.113.9']);
  assert.match(text.stdout, /SPF for 203\.0\.113\.9 sending as postmaster@example\.test: pass \(matched include:spf\.mailer\.test\)/);
});

test('the README offline example shows lines the command really prints', async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## `mailcheck domain`'), readme.indexOf('## `mailcheck spf`'));
  const block = section.slice(section.indexOf('```console'), section.indexOf('```\n', section.indexOf('```console') + 10));
  const [command, ...shown] = block.split('\n').slice(1);
  const args = (command ?? '').replace(/^\$ mailcheck /, '').split(' ');
  const r = await runCli(args);
  assert.equal(r.code, 0, r.stderr);
  const printed = r.stdout.split('\n');
  for (const line of shown) {
    const expected = line.replace(/\s*…$/, '').trimEnd();
    if (expected === '' || expected === '…') continue;
    assert.ok(printed.some((p) => p.startsWith(expected)), `README line not printed: ${expected}`);
  }
});

test('domain --list, --only-lists, --skip-lists choose the blacklists as in `ip` (and replace the config\'s lists)', async () => {
  const zones = ['--zone', 'examples/example.test.zone', '--zone', 'examples/blacklists.test.zone'];
  const listsOf = async (extra: string[]) => {
    const r = await runCli([...zones, '--json', 'domain', 'example.test', ...extra]);
    assert.notEqual(r.code, 2, r.stderr);
    return JSON.parse(r.stdout).checks.rbl.lists as number;
  };
  const all = await listsOf([]);
  // Offline, only the lists the zone files describe are counted (the rest are reported as not covered).
  assert.ok(all >= 3, `the catalogue's covered lists: ${all}`);
  assert.equal(await listsOf(['--only-lists', 'zen.spamhaus.org,bl.spamcop.net']), 2);
  assert.equal(await listsOf(['--skip-lists', 'zen.spamhaus.org']), all - 1);
  assert.equal(await listsOf(['--only-lists', 'zen.spamhaus.org', '--list', 'dnsbl.example.test']), 2);
  const empty = await runCli([...zones, 'domain', 'example.test', '--only-lists', ' , ']);
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /^mailcheck: --only-lists needs at least one list zone/);
  const unknown = await runCli([...zones, 'domain', 'example.test', '--skip-lists', 'nope.example']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /nope\.example is not among the lists queried/);
});
