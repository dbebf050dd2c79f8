import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBounded, YIELD_MS } from '../src/cli/bulk.js';

test('a bulk run of work answered at once gives the event loop a turn (Ctrl-C, timers, pipe output)', async () => {
  // Each item costs ~1 ms of CPU and settles in microtasks (as a domain answered from a zone file does).
  const busy = (ms: number) => {
    const end = performance.now() + ms;
    while (performance.now() < end);
  };
  let emitted = 0;
  let emittedWhenTimerRan: number | undefined;
  const started = performance.now();
  await runBounded(
    60,
    async (i) => {
      busy(1);
      return i;
    },
    { concurrency: 8, window: 64, ordered: true, yieldMs: 5 },
    (value, index) => {
      assert.equal(value, index);
      // Set at the first result, so nothing before the run can be the turn it runs at.
      if (emitted++ === 0) setTimeout(() => (emittedWhenTimerRan = emitted), 1);
    },
  );
  const took = performance.now() - started;
  assert.equal(emitted, 60);
  assert.equal(YIELD_MS, 50);
  if (took > 4 * 5) {
    assert.ok(emittedWhenTimerRan !== undefined && emittedWhenTimerRan < 60, `the timer ran after ${emittedWhenTimerRan} of 60 results (run: ${Math.round(took)} ms)`);
  }
});

test('in order and unordered, with yields, every item is emitted once', async () => {
  for (const ordered of [true, false]) {
    const seen: number[] = [];
    await runBounded(5_000, async (i) => i, { concurrency: 16, window: 32, ordered, yieldMs: 0 }, (value) => seen.push(value));
    assert.equal(seen.length, 5_000);
    assert.equal(new Set(seen).size, 5_000);
    if (ordered) assert.deepEqual(seen.slice(0, 5), [0, 1, 2, 3, 4]);
  }
});
