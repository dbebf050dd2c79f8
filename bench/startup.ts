// npm run bench:startup — the start-up cost of `mailcheck` as a whole process: CPU time (user + sys of the
// process, from the kernel's rusage of a waited-for child) of `--version`, `lookup` on a zone file and
// `domain --zone`, each as a multiple of `node -e 0` measured in the same run. Every round runs each
// command once, in a shuffled order (interleaved, so a machine that gets busier or quieter during the run
// moves all of them alike); the ratios are the ones of the mean CPU times, with the median and the
// quartiles of the per-round ratios beside them.
// Goals (issue 15): lookup and domain --zone ≤ 2× `node -e 0`, --version ≤ 1.3×.
// BENCH_ROUNDS (default 40) changes the number of rounds; BENCH_BIN another launcher to measure;
// BENCH_NODE another node binary (for both sides). The processes get only PATH and NO_COLOR: variables
// such as NODE_EXTRA_CA_CERTS (which this machine sets: ~35 ms more for every node process) or
// NODE_OPTIONS add the same cost to both sides and make the ratios look better; BENCH_KEEP_ENV=1
// passes the environment through as it is.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const BIN = process.env.BENCH_BIN ?? fileURLToPath(new URL('../bin/mailcheck.js', import.meta.url));
const NODE = process.env.BENCH_NODE ?? process.execPath;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const ZONE = 'examples/example.test.zone';

interface Case {
  name: string;
  args: string[];
  goal?: number;
  /** What the output must contain (the command really ran). */
  expect: RegExp;
}

const CASES: Case[] = [
  { name: 'node -e 0', args: ['-e', '0'], expect: /^$/ },
  { name: 'mailcheck --version', args: [BIN, '--version'], goal: 1.3, expect: /^\d+\.\d+\.\d+/ },
  { name: 'mailcheck lookup (zone)', args: [BIN, 'lookup', '--zone', ZONE, 'example.test', 'MX'], goal: 2, expect: /MX: answer \(zone\)/ },
  { name: 'mailcheck domain --zone', args: [BIN, '--zone', ZONE, 'domain', 'example.test'], goal: 2, expect: /score \d+\/100/ },
];

/**
 * CPU milliseconds (user + sys) of one run of `node …args`: bash runs it and prints `times`, whose
 * second line is the rusage of its waited-for children (the node process, nothing else), in ms.
 */
function cpuMs(args: string[], check?: RegExp): number {
  // stdin is /dev/null, not a socket: bash would read ~/.bashrc for a socket (its rsh heuristic).
  const run = check ? '"$@" 2>&1' : '"$@" >/dev/null 2>&1';
  const r = spawnSync('bash', ['-c', `${run}; echo "exit $?"; times`, 'bench', NODE, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: process.env.BENCH_KEEP_ENV === '1' ? { ...process.env, NO_COLOR: '1' } : { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
  });
  const lines = r.stdout.trim().split('\n');
  const times = lines.at(-1) ?? '';
  const m = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(times);
  if (!m) throw new Error(`bench:startup: cannot read the CPU time of ${args.join(' ')}: ${r.stdout}${r.stderr}`);
  if (check) {
    const output = lines.slice(0, -3).join('\n');
    const exit = Number(/^exit (\d+)$/.exec(lines.at(-3) ?? '')?.[1]);
    if (!check.test(output) || exit > 1) throw new Error(`bench:startup: ${args.join(' ')} did not run as expected (exit ${exit}):\n${output}`);
  }
  return (Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4])) * 1000;
}

const quantile = (sorted: number[], q: number): number => {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  return (sorted[lo] as number) + ((sorted[Math.ceil(at)] as number) - (sorted[lo] as number)) * (at - lo);
};

// A seeded shuffle, so two runs interleave alike.
let seed = 15;
const random = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

// Each command once with its output checked, then a warm-up round (the page cache, not a compile cache).
for (const c of CASES) cpuMs(c.args, c.expect);
for (const c of CASES) cpuMs(c.args);

const samples = new Map<Case, number[]>(CASES.map((c) => [c, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const c of shuffled(CASES)) samples.get(c)?.push(cpuMs(c.args));
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const base = samples.get(CASES[0] as Case) as number[];
const baseMean = mean(base);
const nodeVersion = spawnSync(NODE, ['--version'], { encoding: 'utf8' }).stdout.trim();
const envNote = process.env.BENCH_KEEP_ENV === '1' ? 'environment as it is' : 'environment: PATH and NO_COLOR only';
console.log(`bench:startup — CPU time (user+sys) per process, ${ROUNDS} interleaved rounds, Node ${nodeVersion}, bin ${BIN.replace(REPO, '')}, ${envNote}`);
console.log(`${'command'.padEnd(26)}${'CPU ms (mean)'.padStart(14)}${'× node -e 0'.padStart(13)}${'per-round median [q1–q3]'.padStart(28)}   goal`);
let missed = 0;
for (const c of CASES) {
  const xs = samples.get(c) as number[];
  const ratio = mean(xs) / baseMean;
  const perRound = xs.map((x, i) => x / (base[i] as number)).sort((a, b) => a - b);
  const spread = `${quantile(perRound, 0.5).toFixed(2)} [${quantile(perRound, 0.25).toFixed(2)}–${quantile(perRound, 0.75).toFixed(2)}]`;
  const goal = c.goal === undefined ? '' : `≤ ${c.goal}× ${ratio <= c.goal ? 'met' : 'MISSED'}`;
  if (c.goal !== undefined && ratio > c.goal) missed++;
  console.log(`${c.name.padEnd(26)}${mean(xs).toFixed(1).padStart(14)}${`${ratio.toFixed(2)}×`.padStart(13)}${spread.padStart(28)}   ${goal}`);
}
if (missed > 0) console.log(`${missed} goal(s) missed`);
