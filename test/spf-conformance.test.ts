import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSuite, runCase, suitePath } from './helpers/spf-suite.js';

// Every case of the OpenSPF RFC 7208 suite (../shared/corpora/spf/rfc7208-tests.yml), each with a
// resolver built from its scenario's zonedata. Skipped, with the reason, when the corpus is absent.
const path = suitePath('rfc7208-tests.yml');

if (!path) {
  test('OpenSPF RFC 7208 conformance suite', { skip: 'corpus ../shared/corpora/spf/rfc7208-tests.yml not found beside the repository' }, () => {});
} else {
  const cases = loadSuite(path);

  test('the RFC 7208 suite holds its 203 cases', () => {
    assert.equal(cases.length, 203);
  });

  for (const item of cases) {
    test(`rfc7208 ${item.name} (${item.spec})`, async () => {
      const outcome = await runCase(item);
      const expected = item.results.join(' or ') + (item.explanation !== undefined ? ` with explanation ${JSON.stringify(item.explanation)}` : '');
      assert.ok(outcome.ok, `${item.scenario} / ${item.name}: expected ${expected}, got ${outcome.result} (${JSON.stringify(outcome.explanation)}) ${outcome.problem ?? ''}`);
    });
  }
}
