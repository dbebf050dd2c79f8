import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSuite, suitePath, type SuiteCase } from './helpers/spf-suite.js';
import { runCli } from './helpers/run-cli.js';
import { startDnsServer, type DnsServerRule } from './helpers/dns-server.js';

// The OpenSPF RFC 7208 suite through the command line (issue 10 §16): each case as a receiver would
// run it, `mailcheck spf DOMAIN --ip … --sender … --helo … --json`, in process, against a test DNS
// server serving the scenario's records (its TIMEOUT entries are dropped queries). DOMAIN is the
// MAIL FROM domain, or the HELO name for the null sender, as pyspf's driver takes it. The suite's
// explanation "DEFAULT" means the implementation's default explanation.
const path = suitePath('rfc7208-tests.yml');

/** The CLI arguments of one case. */
function argsOf(item: SuiteCase): string[] {
  const at = item.mailfrom.lastIndexOf('@');
  const domain = item.mailfrom === '' ? item.helo : at < 0 ? item.mailfrom : item.mailfrom.slice(at + 1);
  return ['spf', domain, '--ip', item.host, '--sender', item.mailfrom, ...(item.helo === '' ? [] : ['--helo', item.helo]), '--json'];
}

if (!path) {
  test('OpenSPF RFC 7208 suite through the CLI', { skip: 'corpus ../shared/corpora/spf/rfc7208-tests.yml not found beside the repository' }, () => {});
} else {
  const cases = loadSuite(path);
  // One server per scenario (the cases of a scenario share its zone).
  const scenarios = new Map<string, SuiteCase[]>();
  for (const item of cases) scenarios.set(item.scenario, [...(scenarios.get(item.scenario) ?? []), item]);

  test('the RFC 7208 suite through `mailcheck spf --json`: 203 of 203', { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    let passed = 0;
    for (const [scenario, items] of scenarios) {
      const zone = (items[0] as SuiteCase).zone;
      const rules: DnsServerRule[] = zone.failures.flatMap((f) => f.types.map((type) => ({ name: f.name, type, behaviour: 'drop' as const })));
      const server = await startDnsServer({ records: zone.records, rules });
      try {
        for (const item of items) {
          // A case that expects temperror (a server that never answers) waits 300 ms for it; the others
          // get 3 s, so an answer late on a busy machine is not a temperror either.
          const timeout = (item.results as string[]).includes('temperror') ? '300' : '3000';
          const args = ['--resolver', server.resolverArg, '--timeout', timeout, '--retries', '0', ...argsOf(item)];
          const r = await runCli(args);
          if (r.code === 2 || r.stdout === '') {
            failures.push(`${scenario} / ${item.name}: exit ${r.code}: ${r.stderr.trim()}`);
            continue;
          }
          const json = JSON.parse(r.stdout) as { result: string; explanation: string | null };
          let ok = (item.results as string[]).includes(json.result);
          if (ok && item.explanation !== undefined && json.result === 'fail') {
            ok = item.explanation === 'DEFAULT' ? /^\S+ is not permitted to send mail for \S+$/.test(json.explanation ?? '') : json.explanation === item.explanation;
          }
          if (ok) passed++;
          else failures.push(`${scenario} / ${item.name}: expected ${item.results.join(' or ')}${item.explanation ? ` (${item.explanation})` : ''}, got ${json.result} (${json.explanation})`);
        }
      } finally {
        await server.close();
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(passed, 203);
  });
}
