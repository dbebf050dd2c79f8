// npm run bench:bounce — messages per second over the whole bounce corpus (MIME parse + format + classify).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { CORPUS, corpusFiles, corpusPresent } from '../scripts/bounce-corpus.js';
import { messagesFromBuffer } from '../src/mail/input.js';
import { analyzeMessage } from '../src/bounce/analyze.js';
import { mapConcurrent } from '../src/bounce/run.js';

// Sisimai's own throughput on these 2-core machines, as given in the issue (messages/second).
const SISIMAI_LOW = 725;
const SISIMAI_HIGH = 1000;

if (!corpusPresent()) {
  console.log(`bench:bounce: corpus not found at ${CORPUS}; skipped.`);
  process.exit(0);
}
const texts: string[] = [];
for (const full of await corpusFiles()) {
  const messages = messagesFromBuffer(relative(CORPUS, full), readFileSync(full));
  if (Array.isArray(messages)) for (const m of messages) texts.push(m.text);
}
// One warm-up pass (JIT, lazy MIME import), then timed passes.
for (const t of texts) await analyzeMessage(t);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const start = performance.now();
// The same way `mailcheck bounce` reads a folder: several messages in flight, since the MIME parser's
// part decoding is asynchronous (Blob → ArrayBuffer) and would otherwise leave the CPU idle.
for (let i = 0; i < rounds; i++) await mapConcurrent(texts, (t) => analyzeMessage(t));
const seconds = (performance.now() - start) / 1000;
const rate = (texts.length * rounds) / seconds;
console.log(`bounce: ${texts.length} messages × ${rounds} rounds in ${seconds.toFixed(2)} s = ${Math.round(rate)} messages/s`);
console.log(`  vs Sisimai ~${SISIMAI_LOW}–${SISIMAI_HIGH} msg/s: ${(rate / SISIMAI_HIGH).toFixed(1)}×–${(rate / SISIMAI_LOW).toFixed(1)}× (goal ≥ 2×)`);
