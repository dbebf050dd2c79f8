import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { boundHeapGrowth, HEAP_GROWING_PERCENT } from '../src/cli/heap.js';

test('the heap growth bound is set unless the user gave node a heap flag of their own', () => {
  assert.equal(HEAP_GROWING_PERCENT, 30);
  assert.equal(boundHeapGrowth(['--max-old-space-size=64'], undefined), false);
  assert.equal(boundHeapGrowth([], '--enable-source-maps --heap-growing-percent=50'), false);
  assert.equal(boundHeapGrowth([], '--max_old_space_size=128'), false);
  assert.equal(boundHeapGrowth(['--enable-source-maps'], '--trace-warnings'), true);
  assert.equal(boundHeapGrowth([], undefined), true);
});

test('with the bound, a run that keeps 20 MB alive and makes 300 MB of garbage peaks near its live data', () => {
  // What the bound is for, seen from outside: the peak heap of a garbage-heavy loop over a steady
  // live set, with and without it (V8 without it lets the heap reach several times the live data).
  const script = fileURLToPath(new URL('./helpers/heap-churn.js', import.meta.url));
  const peak = (env: Record<string, string>) => {
    const r = spawnSync(process.execPath, [...process.execArgv, script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
    assert.equal(r.status, 0, r.stderr);
    return Number(r.stdout.trim());
  };
  const bounded = peak({ HEAP_BOUND: '1' });
  const unbounded = peak({});
  assert.ok(bounded < unbounded * 0.8, `peak heap bounded ${bounded} MB, unbounded ${unbounded} MB`);
});
