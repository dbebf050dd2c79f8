import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCli } from './helpers/run-cli.js';
import { startDnsServer } from './helpers/dns-server.js';
import { SPF_POLICY } from '../src/cli/commands/spf.js';
import { spfResultCheck } from '../src/checks/spf-result.js';
import { exitCode } from '../src/core/exit.js';
import { runChecks } from '../src/report/run.js';
import type { CheckHostResult, SpfResult } from '../src/spf/check-host.js';

/** The exit code of `mailcheck spf` for a result, through the spf check and the one exit-code policy. */
function spfExitCode(result: SpfResult, expected: SpfResult[] | undefined): number {
  const outcome = { result, matched: null, explanation: null, problem: null, lookups: 0, voidLookups: 0, trace: [] } as CheckHostResult;
  const question = { domain: 'x.test', ip: '192.0.2.1', sender: 'postmaster@x.test', helo: 'x.test' };
  const report = runChecks({ command: 'spf', subject: 'x.test', checks: [spfResultCheck], facts: { question, outcome, ...(expected ? { expected } : {}) }, weights: {}, scored: false });
  return exitCode([report], SPF_POLICY);
}

const ZONE = 'test/fixtures/spf/spf.test.zone';
const EXAMPLE = 'examples/example.test.zone';

test('spf: pass on the shipped example zone, text output, exit 0', async () => {
  const result = await runCli(['spf', 'example.test', '--ip', '192.0.2.25', '--zone', EXAMPLE]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^SPF example\.test for 192\.0\.2\.25: pass/);
  assert.match(result.stdout, /matched +mx\n/);
  assert.match(result.stdout, /lookups +1\/10\n/);
  assert.match(result.stdout, /void +0\/2\n/);
  assert.doesNotMatch(result.stdout, /trace/);
});

test('spf --json: exactly the documented fields; fail with the exp= explanation', async () => {
  const result = await runCli(['spf', 'strict.spf.test', '--ip', '10.1.2.3', '--sender', 'bob@strict.spf.test', '--helo', 'mta.example.net', '--zone', ZONE, '--json']);
  assert.equal(result.code, 0, result.stderr);
  const json = JSON.parse(result.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(json).slice(0, 10), ['domain', 'ip', 'sender', 'helo', 'result', 'matched', 'explanation', 'lookups', 'voidLookups', 'trace']);
  assert.equal(json.domain, 'strict.spf.test');
  assert.equal(json.ip, '10.1.2.3');
  assert.equal(json.sender, 'bob@strict.spf.test');
  assert.equal(json.helo, 'mta.example.net');
  assert.equal(json.result, 'fail');
  assert.deepEqual(json.matched, { domain: 'strict.spf.test', term: '-all' });
  assert.equal(json.explanation, "10.1.2.3 is not one of strict.spf.test's mail servers");
  assert.equal(json.lookups, 2);
  assert.equal(json.voidLookups, 0);
  const trace = json.trace as { depth: number; domain: string; term: string | null; detail: string }[];
  assert.ok(trace.some((s) => s.depth === 1 && s.domain === '_spf.provider.spf.test' && s.term === '~all'));
});

test('spf: pass through an include, matched term names its record; the default explanation', async () => {
  const viaInclude = await runCli(['spf', 'strict.spf.test', '--ip', '2001:db8:beef::5', '--zone', ZONE, '--json']);
  const json = JSON.parse(viaInclude.stdout) as { result: string; matched: unknown };
  assert.equal(json.result, 'pass');
  assert.deepEqual(json.matched, { domain: 'strict.spf.test', term: 'include:_spf.provider.spf.test' });

  const plain = await runCli(['spf', 'plain.spf.test', '--ip', '10.1.2.3', '--zone', ZONE]);
  assert.match(plain.stdout, /fail/);
  assert.match(plain.stdout, /explanation +10\.1\.2\.3 is not permitted to send mail for plain\.spf\.test\n/);
});

test('spf --trace shows the evaluation through includes, indented by depth', async () => {
  const result = await runCli(['spf', 'example.test', '--ip', '2001:db8:f00::1', '--zone', EXAMPLE, '--trace']);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /\ntrace\n/);
  assert.match(result.stdout, /\n {2}example\.test include:spf\.mailer\.test: include spf\.mailer\.test\n/);
  assert.match(result.stdout, /\n {6}_netblocks2\.mailer\.test ip6:2001:db8:f00::\/48: match → pass\n/);
});

test('spf: too many lookups and multiple records are permerror with the problem named, exit 0', async () => {
  const many = await runCli(['spf', 'many.spf.test', '--ip', '10.1.2.3', '--zone', ZONE]);
  assert.equal(many.code, 0);
  assert.match(many.stdout, /permerror/);
  assert.match(many.stdout, /problem +more than 10 DNS-querying terms/);
  assert.match(many.stdout, /lookups +11\/10 \(over the limit\)/);

  const twice = await runCli(['spf', 'twice.spf.test', '--ip', '10.1.2.3', '--zone', ZONE, '--json']);
  assert.equal((JSON.parse(twice.stdout) as { result: string }).result, 'permerror');
});

test('spf --expect: 0 when it holds, 1 when it does not; several results comma-separated', async () => {
  const holds = await runCli(['spf', 'example.test', '--ip', '192.0.2.25', '--zone', EXAMPLE, '--expect', 'pass']);
  assert.equal(holds.code, 0);
  const fails = await runCli(['spf', 'example.test', '--ip', '10.9.9.9', '--zone', EXAMPLE, '--expect', 'pass']);
  assert.equal(fails.code, 1);
  assert.match(fails.stdout, /softfail/);
  const either = await runCli(['spf', 'example.test', '--ip', '10.9.9.9', '--zone', EXAMPLE, '--expect', 'fail,SOFTFAIL']);
  assert.equal(either.code, 0);
});

test('spf --quiet: silent when all is well, the result otherwise; exit codes unchanged', async () => {
  const quietPass = await runCli(['spf', 'example.test', '--ip', '192.0.2.25', '--zone', EXAMPLE, '--quiet']);
  assert.equal(quietPass.code, 0);
  assert.equal(quietPass.stdout, '');
  const quietExpected = await runCli(['spf', 'example.test', '--ip', '10.9.9.9', '--zone', EXAMPLE, '-q', '--expect', 'softfail']);
  assert.equal(quietExpected.code, 0);
  assert.equal(quietExpected.stdout, '');
  const quietMiss = await runCli(['spf', 'example.test', '--ip', '10.9.9.9', '--zone', EXAMPLE, '-q', '--expect', 'pass']);
  assert.equal(quietMiss.code, 1);
  assert.match(quietMiss.stdout, /softfail/);
  assert.doesNotMatch(quietMiss.stdout, /sender/);
});

test('spf: null sender is checked as postmaster@helo', async () => {
  const result = await runCli(['spf', 'mta.spf.test', '--ip', '192.0.2.99', '--sender', '', '--helo', 'mta.spf.test', '--zone', ZONE, '--json']);
  const json = JSON.parse(result.stdout) as { sender: string; result: string };
  assert.equal(json.sender, 'postmaster@mta.spf.test');
  assert.equal(json.result, 'pass');
});

test('spf: bad input is one line on stderr and exit 2', async () => {
  const cases = [
    ['spf', 'example.test', '--ip', '300.1.1.1', '--zone', EXAMPLE],
    ['spf', 'example.test', '--zone', EXAMPLE],
    ['spf', 'exa mple..test', '--ip', '192.0.2.1', '--zone', EXAMPLE],
    ['spf', '192.0.2.1', '--ip', '192.0.2.1', '--zone', EXAMPLE],
    ['spf', 'example.test', '--ip', '192.0.2.1', '--expect', 'maybe', '--zone', EXAMPLE],
    ['spf', 'example.test', '--ip', '192.0.2.1', '--sender', 'no-at-sign', '--zone', EXAMPLE],
  ];
  for (const args of cases) {
    const result = await runCli(args);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /^mailcheck: /);
    assert.equal(result.stdout, '');
  }
});

test('spf: a failed lookup gives temperror and exit 3 (0 with --expect temperror)', async () => {
  const server = await startDnsServer({ zoneFile: ZONE, rules: [{ name: 'broken.spf.test', behaviour: 'servfail' }] });
  try {
    const common = ['spf', 'flaky.spf.test', '--ip', '192.0.2.1', '--resolver', server.resolverArg, '--timeout', '500', '--retries', '0'];
    const result = await runCli(common);
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stdout, /temperror — could not check/);
    assert.match(result.stdout, /problem +.*broken\.spf\.test/);
    assert.equal((await runCli([...common, '--expect', 'temperror'])).code, 0);
    assert.equal((await runCli([...common, '--expect', 'pass'])).code, 3);
  } finally {
    await server.close();
  }
});

test('spf exit code policy', () => {
  assert.equal(spfExitCode('fail', undefined), 0);
  assert.equal(spfExitCode('permerror', undefined), 0);
  assert.equal(spfExitCode('temperror', undefined), 3);
  assert.equal(spfExitCode('pass', ['pass']), 0);
  assert.equal(spfExitCode('fail', ['pass']), 1);
  assert.equal(spfExitCode('temperror', ['pass']), 3);
  assert.equal(spfExitCode('temperror', ['temperror']), 0);
});

test('the README example of mailcheck spf is what the command prints', async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## `mailcheck spf`'), readme.indexOf('## `mailcheck ip`'));
  const block = /```console\n\$ mailcheck (.+)\n([\s\S]*?)```/.exec(section);
  assert.ok(block, 'the spf section has a console example');
  const result = await runCli((block[1] as string).split(' '));
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, block[2]);
});
