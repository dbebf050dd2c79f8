// npm run bench:bounce — how fast `mailcheck bounce` reads the bounce corpus: in-process (MIME parse + format
// + classify), as a whole process (`node bin/mailcheck.js bounce CORPUS --format json`, start-up included,
// with peak RSS), beside Sisimai (Perl) over the same files when it is installed (`apt-get install
// libsisimai-perl`), and a generated mbox of BENCH_MBOX_MB megabytes (default 200; 0 skips it) for memory.
// Whole-process runs are interleaved with Sisimai's; the median wall time, the median CPU time (user +
// system) and the largest peak RSS of BENCH_ROUNDS runs (default 5) are printed, as ratios.
// Both sides get only PATH, NO_COLOR and PERL5LIB (where Sisimai may be installed), as bench:startup's
// processes do: NODE_EXTRA_CA_CERTS, which this machine sets, costs every node process ~35 ms of
// start-up and perl nothing, so it made mailcheck look ~0.1 s slower than a user's shell would see it.
// BENCH_KEEP_ENV=1 passes the environment through as it is.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CORPUS, corpusFiles, corpusPresent } from '../scripts/bounce-corpus.js';
import { messagesFromBuffer } from '../src/mail/input.js';
import { parseMessageSync } from '../src/mail/message.js';
import { analyzeParsed } from '../src/bounce/analyze.js';

if (!corpusPresent()) {
  console.log(`bench:bounce: corpus not found at ${CORPUS}; skipped.`);
  process.exit(0);
}
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const files = await corpusFiles();
const texts: string[] = [];
for (const full of files) {
  const messages = messagesFromBuffer(relative(CORPUS, full), readFileSync(full));
  if (Array.isArray(messages)) for (const m of messages) texts.push(m.text);
}

// 1. In-process: one warm-up pass (JIT), then timed passes, one message at a time as the command reads them.
for (const t of texts) analyzeParsed(parseMessageSync(t));
const start = performance.now();
const cpuStart = process.cpuUsage();
for (let i = 0; i < rounds; i++) for (const t of texts) analyzeParsed(parseMessageSync(t));
const cpuUsed = process.cpuUsage(cpuStart);
const inProcessWall = (texts.length * rounds) / ((performance.now() - start) / 1000);
// CPU time, like the whole-process figures below: on a loaded machine wall time says more about the others.
const inProcess = (texts.length * rounds) / ((cpuUsed.user + cpuUsed.system) / 1e6);
console.log(`bounce in-process: ${texts.length} messages × ${rounds} rounds = ${Math.round(inProcessWall)} messages/s wall, ${Math.round(inProcess)} messages/s of CPU`);

// 2. Whole processes, measured by /usr/bin/time (wall, user, system, peak RSS).
interface Run {
  wall: number;
  cpu: number;
  rssMiB: number;
}
const TIME = '/usr/bin/time';
const ENV: NodeJS.ProcessEnv =
  process.env.BENCH_KEEP_ENV === '1'
    ? process.env
    : Object.fromEntries(Object.entries({ PATH: process.env.PATH, NO_COLOR: '1', PERL5LIB: process.env.PERL5LIB }).filter(([, v]) => v !== undefined));
const hasTime = existsSync(TIME);

function measure(argv: string[]): Run {
  if (!hasTime) {
    const t0 = performance.now();
    spawnSync(argv[0] as string, argv.slice(1), { stdio: ['ignore', 'ignore', 'ignore'], env: ENV });
    return { wall: (performance.now() - t0) / 1000, cpu: NaN, rssMiB: NaN };
  }
  const r = spawnSync(TIME, ['-f', 'MAILCHECK_TIME %e %U %S %M', ...argv], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024, env: ENV });
  const m = /MAILCHECK_TIME (\S+) (\S+) (\S+) (\d+)/.exec(r.stderr ?? '');
  if (!m) throw new Error(`could not measure ${argv.join(' ')}: ${r.stderr?.slice(-300)}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMiB: Number(m[4]) / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
function summarize(runs: Run[]) {
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), rssMiB: Math.max(...runs.map((r) => r.rssMiB)) };
}
const rate = (n: number, s: number) => Math.round(n / s);

const mailcheck = ['node', 'bin/mailcheck.js', 'bounce', CORPUS, '--format', 'json'];
const hasSisimai = spawnSync('perl', ['-MSisimai', '-e', '1'], { stdio: 'ignore' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'mailcheck-bench-bounce-'));
// Sisimai over every file of the corpus, as the command reads it (files, mboxes and folders, recursively).
const sisimaiScript = join(dir, 'sisimai.pl');
writeFileSync(sisimaiScript, `use strict; use warnings; use Sisimai; use File::Find;
my $n = 0; find({ no_chdir => 1, wanted => sub { return unless -f $_; my $v = Sisimai->make($_, 'delivered' => 1, 'vacation' => 1); $n += scalar(@$v) if $v; } }, @ARGV);
print "$n\\n";
`);
const sisimai = ['perl', sisimaiScript, CORPUS];
const ours: Run[] = [];
const theirs: Run[] = [];
measure(mailcheck); // warm the file cache
for (let i = 0; i < rounds; i++) {
  ours.push(measure(mailcheck));
  if (hasSisimai) theirs.push(measure(sisimai));
}
const o = summarize(ours);
const n = texts.length;
console.log(`bounce whole process (start-up included, ${n} messages, ${process.env.BENCH_KEEP_ENV === '1' ? 'environment as it is' : 'environment: PATH, NO_COLOR, PERL5LIB only'}, Node ${process.version}): ${rate(n, o.wall)} messages/s wall (${o.wall.toFixed(2)} s; goal ≥ 2,000/s), ${rate(n, o.cpu)} messages/s of CPU (${o.cpu.toFixed(2)} s), peak RSS ${o.rssMiB.toFixed(0)} MiB`);
console.log(`  vs in-process: the whole process runs at ${(n / o.cpu / inProcess).toFixed(2)}× the in-process rate (CPU; the rest is start-up and output)`);
if (hasSisimai) {
  const s = summarize(theirs);
  console.log(`Sisimai ${spawnSync('perl', ['-MSisimai', '-e', 'print $Sisimai::VERSION'], { encoding: 'utf8' }).stdout.trim()} whole process: ${rate(n, s.wall)} messages/s wall (${s.wall.toFixed(2)} s), ${rate(n, s.cpu)} messages/s of CPU (${s.cpu.toFixed(2)} s), peak RSS ${s.rssMiB.toFixed(0)} MiB`);
  console.log(`  mailcheck / Sisimai: ${(s.wall / o.wall).toFixed(2)}× the speed (wall), ${(s.cpu / o.cpu).toFixed(2)}× (CPU), ${(o.rssMiB / s.rssMiB).toFixed(2)}× the memory (goal: ≥ 2× the speed, ≤ 80 MiB)`);
} else {
  console.log('Sisimai not installed (apt-get install libsisimai-perl): comparison skipped.');
}

// 3. A large mbox, streamed message by message: peak RSS (goal ≤ 120 MiB for 200 MB).
const mboxMb = Number(process.env.BENCH_MBOX_MB ?? 200);
if (mboxMb > 0) {
  const mbox = join(dir, 'big.mbox');
  const fd = openSync(mbox, 'w');
  let size = 0;
  let count = 0;
  const target = mboxMb * 1024 * 1024;
  const bodies = texts.map((t) => `From MAILER-DAEMON Mon Mar 16 09:30:00 2026\n${t.replace(/^From /gm, '>From ')}${t.endsWith('\n') ? '' : '\n'}\n`);
  while (size < target) {
    for (const b of bodies) {
      writeSync(fd, b, null, 'latin1');
      size += b.length;
      count++;
      if (size >= target) break;
    }
  }
  closeSync(fd);
  const big = measure(['node', 'bin/mailcheck.js', 'bounce', mbox, '--format', 'json']);
  console.log(`bounce ${mboxMb} MB mbox (${count} messages): ${rate(count, big.wall)} messages/s wall, peak RSS ${big.rssMiB.toFixed(0)} MiB (goal ≤ 120 MiB)`);
}
rmSync(dir, { recursive: true, force: true });
if (!hasTime) console.log(`(${TIME} not found: CPU time and peak RSS not measured)`);
