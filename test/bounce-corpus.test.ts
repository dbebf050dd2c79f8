// Regression floors on the public bounce corpus (../shared/corpora/bounces); skipped when it is absent.
// Floors sit slightly under what `npm run accuracy:bounce` measured, so a drop fails the suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CORPUS, corpusFiles, corpusPresent, ratio, runCorpus, scoreCorpus } from '../scripts/bounce-corpus.js';

const FLOORS = { recipients: 90, status: 79, replyCode: 85, reason: 72, hard: 84 };

test('bounce corpus accuracy stays above its floors; non-bounces say so; tiny files do not crash', { skip: corpusPresent() ? false : `bounce corpus not found at ${CORPUS}` }, async () => {
  const answers = await runCorpus(await corpusFiles());
  const acc = scoreCorpus(answers);
  assert.deepEqual(acc.crashes, []);
  assert.equal(acc.notBounces.agree, acc.notBounces.total, `not bounces: ${acc.notBounces.wrong.join(', ')}`);
  assert.ok(acc.notBounces.total >= 3);
  for (const size of ['size-0', 'size-1', 'size-2']) {
    const tiny = answers.filter((a) => a.file === `mailbox/${size}`);
    assert.ok(tiny.every((a) => !a.error && a.result?.bounce !== true), size);
  }
  const got = { recipients: ratio(acc.recipients), status: ratio(acc.status), replyCode: ratio(acc.replyCode), reason: ratio(acc.reason), hard: ratio(acc.hard) };
  for (const [field, floor] of Object.entries(FLOORS)) {
    assert.ok(got[field as keyof typeof got] >= floor, `${field}: ${got[field as keyof typeof got].toFixed(1)}% < floor ${floor}%`);
  }
});
