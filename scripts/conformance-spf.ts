// npm run conformance:spf [-- rfc4408-tests.yml]
// Runs every case of the OpenSPF suite through checkHost and prints each failure, then `N passed, M failed`.
import { loadSuite, runCase, suitePath } from '../test/helpers/spf-suite.js';

const file = process.argv[2] ?? 'rfc7208-tests.yml';
const path = suitePath(file);
if (!path) {
  console.log(`skipped: ${file} not found (expected in ../shared/corpora/spf/ beside the repository)`);
  process.exit(0);
}

let passed = 0;
let failed = 0;
for (const item of loadSuite(path)) {
  const outcome = await runCase(item);
  if (outcome.ok) {
    passed++;
    continue;
  }
  failed++;
  const expected = item.results.join(' or ') + (item.explanation !== undefined ? ` (explanation: ${JSON.stringify(item.explanation)})` : '');
  const got = outcome.result + (outcome.explanation !== null ? ` (explanation: ${JSON.stringify(outcome.explanation)})` : '') + (outcome.problem ? ` [${outcome.problem}]` : '');
  console.log(`FAIL ${item.name} (${item.scenario}; spec ${item.spec})\n  expected: ${expected}\n  got:      ${got}`);
}
console.log(`${passed} passed, ${failed} failed`);
