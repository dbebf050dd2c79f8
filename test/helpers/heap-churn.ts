// test/heap.test.ts runs this as a child: 20 MB kept alive, ~300 MB of short- and medium-lived garbage,
// and prints the peak heap in MB; HEAP_BOUND=1 sets mailcheck's heap growth bound first.
import { boundHeapGrowth } from '../../src/cli/heap.js';

if (process.env.HEAP_BOUND) boundHeapGrowth([], undefined);
const ROUNDS = Number(process.env.HEAP_ROUNDS ?? 1_500);
const live = Array.from({ length: 200_000 }, (_, i) => ({ i, s: `live-${i}`.padEnd(60, '.') }));
let peak = 0;
const window: object[][] = [];
for (let round = 0; round < ROUNDS; round++) {
  // Objects that live a while (as rows waiting for DNS do) get promoted, then die in the old space.
  window.push(Array.from({ length: 1_000 }, (_, i) => ({ round, i, s: `row-${round}-${i}` })));
  if (window.length > 8) window.shift();
  if (round % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
  peak = Math.max(peak, process.memoryUsage().heapUsed);
}
if (live.length !== 200_000) throw new Error('unreachable');
console.log(Math.round(peak / 1048576));
