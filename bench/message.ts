// npm run bench:message — messages per second of `mailcheck message` over the originals attached to the
// bounce corpus's bounces (message/rfc822 and text/rfc822-headers parts), every check run, with DNS
// answered locally: an in-memory source (no network) behind a fresh caching resolver per message, so each
// message pays for all of its own lookups (DKIM keys, SPF, DMARC, PTR, link-domain blacklists). Goal: 500/s.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import pLimit from 'p-limit';
import { CORPUS, corpusFiles, corpusPresent } from '../scripts/bounce-corpus.js';
import { messagesFromBuffer } from '../src/mail/input.js';
import { partBytes, readAnatomy } from '../src/mail/anatomy.js';
import { createMemorySource } from '../src/dns/memory.js';
import { createCachingResolver } from '../src/dns/resolver.js';
import { gatherContext } from '../src/gather/context.js';
import { checkMessage } from '../src/report/message.js';

const GOAL = 500;

if (!corpusPresent()) {
  console.log(`bench:message: corpus not found at ${CORPUS}; skipped.`);
  process.exit(0);
}
const originals: Buffer[] = [];
for (const full of await corpusFiles()) {
  const messages = messagesFromBuffer(relative(CORPUS, full), readFileSync(full));
  if (!Array.isArray(messages)) continue;
  for (const m of messages) {
    const raw = Buffer.from(m.text, 'latin1');
    const anatomy = readAnatomy(raw);
    for (const part of anatomy.tree.parts) {
      const type = part.contentType.mediaType;
      if (type === 'message/rfc822' || type === 'text/rfc822-headers' || type === 'message/rfc822-headers') originals.push(partBytes(raw, part));
    }
  }
}
const source = createMemorySource([]);
const run = (raw: Buffer, i: number) =>
  checkMessage({ file: `original-${i}.eml`, index: 1, raw }, { bulk: false }, gatherContext(createCachingResolver(source), { timeoutMs: 3000 }));

// One warm-up pass (JIT, lazy imports), then timed passes; 8 messages in flight, as the CLI checks an mbox.
const limit = pLimit(8);
await Promise.all(originals.map((raw, i) => limit(() => run(raw, i))));
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const start = performance.now();
const cpu0 = process.cpuUsage();
for (let r = 0; r < rounds; r++) await Promise.all(originals.map((raw, i) => limit(() => run(raw, i))));
const cpu = process.cpuUsage(cpu0);
const seconds = (performance.now() - start) / 1000;
const count = originals.length * rounds;
const rate = count / seconds;
const cpuMs = (cpu.user + cpu.system) / 1000 / count;
const bytes = originals.reduce((s, b) => s + b.length, 0);
// On a shared machine the wall-clock rate is the machine's; CPU per message is this code's.
console.log(`message: ${originals.length} originals (${Math.round(bytes / 1024)} KB) × ${rounds} rounds in ${seconds.toFixed(2)} s = ${Math.round(rate)} messages/s (goal ≥ ${GOAL})`);
console.log(`  CPU ${cpuMs.toFixed(2)} ms per message = ${Math.round(1000 / cpuMs)} messages per CPU-second`);
