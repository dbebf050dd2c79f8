import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBounce, YIELD_MS } from '../src/bounce/run.js';
import { BOUNCE_FIXTURES } from './helpers/bounce.js';

const noStdin = async () => Buffer.alloc(0);

test('a long bounce run gives the event loop a turn (Ctrl-C, timers and pipe output are not held to the end)', async () => {
  // Reading and analysing are synchronous; without a turn of the loop now and then, a signal handler
  // or a timer set at the start would run only after the last message.
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-bounce-yield-'));
  try {
    const three = readFileSync(join(BOUNCE_FIXTURES, 'three-messages.mbox'), 'latin1');
    const file = join(dir, 'long.mbox');
    writeFileSync(file, `${three}\n`.repeat(100), 'latin1');
    let seen = 0;
    let seenWhenTimerRan: number | undefined;
    const started = performance.now();
    // Set once the first message is analysed, so the file lookups before it cannot be the turn it runs at.
    const onReport = () => {
      if (seen++ === 0) setTimeout(() => (seenWhenTimerRan = seen), 1);
    };
    const run = await runBounce([file], noStdin, { onReport, yieldMs: 2 });
    const took = performance.now() - started;
    assert.equal(seen, 300);
    assert.deepEqual(run.errors, []);
    // Only meaningful when the run lasted several stretches (300 messages take far longer than 8 ms).
    if (took > 4 * 2) {
      assert.ok(seenWhenTimerRan !== undefined && seenWhenTimerRan < seen, `the timer ran after ${seenWhenTimerRan} of ${seen} messages (run: ${Math.round(took)} ms)`);
    }
    assert.equal(YIELD_MS, 50);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
