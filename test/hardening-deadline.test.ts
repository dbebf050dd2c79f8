import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers/run-cli.js';
import { startDnsServer } from './helpers/dns-server.js';
import { createMemorySource } from '../src/dns/memory.js';
import type { LookupResult, QueryType, Resolver } from '../src/dns/types.js';
import { withDeadline } from '../src/dns/deadline.js';
import { checkSpf } from '../src/report/spf.js';
import { txt } from './helpers/records.js';

// Time bounds (issue 10 §6): a domain has a deadline (--deadline), after which nothing more is
// asked and what is left is "could not check"; `spf` stops asking as soon as check_host() gives
// temperror at its time limit. Test timeouts are hang guards only.

test('--deadline: a slow include chain stops at the deadline; what is left is could not check (cause deadline)', { timeout: 20_000 }, async () => {
  const chain = Array.from({ length: 6 }, (_, i) => `c${i + 1} 300 IN TXT "v=spf1 ${i < 5 ? `include:c${i + 2}.slow.test ` : ''}-all"`).join('\n');
  const server = await startDnsServer({
    zoneText: `$ORIGIN slow.test.\n@ 300 IN SOA ns hostmaster 1 3600 600 86400 300\n@ 300 IN TXT "v=spf1 include:c1.slow.test -all"\n${chain}\n`,
    // Each include answers 300 ms after it is asked: c3 is still out at the 700 ms deadline, c4 would be asked at 900 ms.
    rules: [{ match: /^c\d\.slow\.test$/, type: 'TXT', delayMs: 300 }],
  });
  try {
    const r = await runCli(['--resolver', server.resolverArg, '--timeout', '5000', '--retries', '0', '--json', 'domain', 'slow.test', '--deadline', '700']);
    // 1, not 3: the report finds real problems too (no DMARC), and those win.
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.incomplete, true);
    assert.equal(report.checks.spf.status, 'partial');
    const failed = report.findings.find((f: { id: string; check: string }) => f.id === 'dns.lookup-failed' && f.check === 'spf');
    assert.equal(failed.data.cause, 'deadline');
    assert.match(failed.fix.action, /--deadline/);
    assert.equal(server.count('c1.slow.test', 'TXT'), 1);
    assert.equal(server.count('c4.slow.test'), 0, 'nothing is asked after the deadline');
    assert.equal(server.count('c6.slow.test'), 0);
  } finally {
    await server.close();
  }
});

test('--deadline is a whole number of milliseconds', async () => {
  for (const bad of ['0', 'soon', '-5']) {
    const r = await runCli(['--zone', 'examples/example.test.zone', 'domain', 'example.test', '--deadline', bad]);
    assert.equal(r.code, 2, bad);
    assert.match(r.stderr, /^mailcheck: --deadline /);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
});

test('withDeadline: nothing is asked after the signal, and a lookup in flight ends at it as could not check', async () => {
  let asked = 0;
  let release: (() => void) | undefined;
  const inner: Resolver = {
    query<T extends QueryType>(name: string, type: T): Promise<LookupResult<T>> {
      asked++;
      return new Promise((resolve) => (release = () => resolve({ name, type, outcome: 'nxdomain', answers: [], cnames: [], transport: 'memory', ad: false })));
    },
  };
  const controller = new AbortController();
  const guarded = withDeadline(inner, controller.signal);
  const pending = guarded.query('a.test', 'A');
  controller.abort();
  const stopped = await pending;
  assert.equal(stopped.outcome, 'timeout');
  assert.equal(stopped.reason?.code, 'dns.aborted');
  const later = await guarded.query('b.test', 'A');
  assert.equal(later.reason?.code, 'dns.aborted');
  assert.equal(asked, 1);
  release?.();
});

test('spf: after check_host() gives temperror at its time limit, the evaluation left behind asks nothing more', { timeout: 10_000 }, async () => {
  // The record's first include hangs until released; check_host() gives up at 50 ms.
  const source = createMemorySource([txt('limit.test', 'v=spf1 include:hang.test include:a.test include:b.test -all'), txt('a.test', 'v=spf1 -all'), txt('b.test', 'v=spf1 -all')]);
  const asked: string[] = [];
  let release: (() => void) | undefined;
  const inner: Resolver = {
    async query<T extends QueryType>(name: string, type: T): Promise<LookupResult<T>> {
      asked.push(name);
      if (name === 'hang.test') {
        await new Promise<void>((resolve) => (release = resolve));
        return { name, type, outcome: 'answer', answers: [{ name, type, ttl: 60, data: 'v=spf1 ?all' }] as LookupResult<T>['answers'], cnames: [], transport: 'memory', ad: false };
      }
      return source.query(name, type);
    },
  };
  const question = { domain: 'limit.test', ip: '192.0.2.1', sender: 'postmaster@limit.test', helo: 'limit.test' };
  const report = await checkSpf({ ...question }, question, inner, undefined, { timeLimitMs: 50 });
  const outcome = report.data.outcome as { result: string; problem: { id: string } | null };
  assert.equal(outcome.result, 'temperror');
  assert.equal(outcome.problem?.id, 'time');
  assert.deepEqual(asked, ['limit.test', 'hang.test']);
  // The hanging answer arrives: the abandoned evaluation would go on to a.test and b.test.
  release?.();
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(asked, ['limit.test', 'hang.test']);
});
