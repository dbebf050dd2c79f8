// npm run accuracy:bounce — how well `mailcheck bounce` agrees with the labelled corpus in ../shared/corpora/bounces.
import { CORPUS, corpusFiles, corpusPresent, percent, runCorpus, scoreCorpus } from './bounce-corpus.js';

if (!corpusPresent()) {
  console.log(`accuracy:bounce: corpus not found at ${CORPUS}; skipped.`);
  process.exit(0);
}
const files = await corpusFiles();
const answers = await runCorpus(files);
const acc = scoreCorpus(answers);
const limit = Number(process.argv.find((a) => a.startsWith('--groups='))?.slice(9) ?? 25);
const field = process.argv.find((a) => a.startsWith('--field='))?.slice(8);

console.log(`Bounce corpus: ${files.length} files, ${answers.length} messages (${CORPUS})`);
console.log(`  recipients (vs expected.jsonl):          ${percent(acc.recipients)}, ${acc.extraRecipients} extra`);
console.log(`  status      (vs upstream-expected.jsonl): ${percent(acc.status)}`);
console.log(`  reply code  (vs upstream-expected.jsonl): ${percent(acc.replyCode)}`);
console.log(`  reason      (vs upstream-expected.jsonl): ${percent(acc.reason)}`);
console.log(`  hard/soft   (vs upstream-expected.jsonl): ${percent(acc.hard)}`);
console.log(`  not bounces (maildir/not/):              ${acc.notBounces.agree}/${acc.notBounces.total}${acc.notBounces.wrong.length ? ' — wrong: ' + acc.notBounces.wrong.join(', ') : ''}`);
console.log(`  crashes: ${acc.crashes.length}`);
for (const c of acc.crashes.slice(0, 5)) console.log(`    ${c.split('\n').slice(0, 3).join(' | ')}`);
console.log(`\nWorst disagreements (field: expected → got, count, examples):`);
for (const g of acc.groups.filter((g) => !field || g.field === field).slice(0, limit)) {
  console.log(`  ${g.field}: ${g.expected} → ${g.got}  ×${g.files.length}  ${g.files.slice(0, 4).join(' ')}`);
}
