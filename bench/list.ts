// npm run bench:list — `mailcheck list` over 10,000, 50,000 and 100,000 rows drawn from 20,000 domains,
// against the test DNS server (its own process, answering at once): rows/second, peak RSS of the
// mailcheck process, and DNS questions asked against the distinct (name, type) pairs the rows need.
// Goals (issue 13): ≥ 5,000 rows/s, peak RSS flat within ±20 % from 10k to 100k rows, one question per
// distinct name.
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { DnsRecord } from '../src/dns/types.js';

const DOMAINS = 20_000;
const SIZES = [10_000, 50_000, 100_000];
const BIN = fileURLToPath(new URL('../bin/mailcheck.js', import.meta.url));

// A seeded generator, so every run measures the same list.
let seed = 20260513;
const random = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);

interface Domain {
  name: string;
  /** The (name, type) questions gathering this domain asks. */
  questions: string[];
}

const rr = (name: string, type: DnsRecord['type'], data: unknown): DnsRecord => ({ name, type, ttl: 300, data }) as DnsRecord;

// The provider mix of a B2B export list: shared MX hosts (Google, Tencent, NetEase, Alibaba) and
// per-domain ones (Microsoft 365's <tenant>.mail.protection.outlook.com, own servers), a few domains
// without MX (their A is the implicit MX), null MX, and some that do not exist.
const SHARED = [
  { share: 0.25, hosts: ['aspmx.l.google.com', 'alt1.aspmx.l.google.com'] },
  { share: 0.1, hosts: ['mxbiz1.qq.com', 'mxbiz2.qq.com'] },
  { share: 0.05, hosts: ['qiye163mx01.mxmail.netease.com'] },
  { share: 0.05, hosts: ['mx1.qiye.aliyun.com'] },
];
const records: DnsRecord[] = [];
for (const { hosts } of SHARED) for (const [i, h] of hosts.entries()) records.push(rr(h, 'A', `198.18.0.${i + 1}`));
const domains: Domain[] = [];
for (let i = 0; i < DOMAINS; i++) {
  const name = `d${i}.example-${i % 97}.test`;
  const q = (n: string, ...types: string[]) => types.map((t) => `${n}|${t}`);
  // What gathering this domain asks (gather/address.ts): MX; the first host's A; A and AAAA without MX.
  const questions = q(name, 'MX');
  let r = random();
  const shared = SHARED.find((s) => (r -= s.share) < 0);
  if (shared) {
    shared.hosts.forEach((h, p) => records.push(rr(name, 'MX', { preference: 10 * (p + 1), exchange: h })));
    questions.push(...q(shared.hosts[0] as string, 'A'));
  } else if (r < 0.1) {
    const host = `${name.replace(/\./g, '-')}.mail.protection.outlook.com`;
    records.push(rr(name, 'MX', { preference: 0, exchange: host }), rr(host, 'A', '198.18.1.1'));
    questions.push(...q(host, 'A'));
  } else if (r < 0.38) {
    records.push(rr(name, 'MX', { preference: 10, exchange: `mx.${name}` }), rr(`mx.${name}`, 'A', '198.18.2.1'));
    questions.push(...q(`mx.${name}`, 'A'));
  } else if (r < 0.42) {
    records.push(rr(name, 'A', '198.18.3.1'));
    questions.push(...q(name, 'A', 'AAAA'));
  } else if (r < 0.44) {
    records.push(rr(name, 'MX', { preference: 0, exchange: '' }));
  } // else: NXDOMAIN
  domains.push({ name, questions });
}

const LOCALS = ['info', 'sales', 'zhang.wei', 'li.na', 'purchasing', 'john.smith', 'maria', 'export', 'wang', 'buyer'];
function listText(rows: number): { text: string; distinct: number } {
  const lines = ['name,company,email,phone'];
  const asked = new Set<string>();
  for (let i = 0; i < rows; i++) {
    const d = domains[Math.floor(random() * DOMAINS)] as Domain;
    for (const question of d.questions) asked.add(question);
    lines.push(`Contact ${i},Company ${d.name},${LOCALS[i % LOCALS.length]}${i}@${d.name},+86 138 0000 ${String(i % 10000).padStart(4, '0')}`);
  }
  return { text: `${lines.join('\n')}\n`, distinct: asked.size };
}

const child = fork(fileURLToPath(new URL('./dns-server-process.ts', import.meta.url)), { execArgv: ['--import', 'tsx'] });
child.send({ records });
const port = await new Promise<number>((resolve, reject) => {
  child.once('message', (m: { port: number }) => resolve(m.port));
  child.once('error', reject);
});
/** Queries the server has received, and its CPU time (µs), so far. */
const serverCount = () =>
  new Promise<{ count: number; cpu: number }>((resolve) => {
    child.once('message', (m: { count: number; cpu: number }) => resolve(m));
    child.send('count');
  });

// The mailcheck process reports its own peak RSS (getrusage ru_maxrss) on exit, on fd 3.
const PRELOAD = join(mkdtempSync(join(tmpdir(), 'mailcheck-bench-list-')), 'rss.mjs');
writeFileSync(PRELOAD, "import { writeSync } from 'node:fs';\nprocess.on('exit', () => { const r = process.resourceUsage(); try { writeSync(3, `${r.maxRSS} ${r.userCPUTime + r.systemCPUTime}`); } catch {} });\n");
/** Extra node flags for the measured process (BENCH_NODE_FLAGS="--max-old-space-size=96"). */
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);

function runList(file: string): Promise<{ code: number | null; ms: number; firstMs: number; rssKb: number; cpuUs: number; out: number }> {
  const start = performance.now();
  let first = 0;
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...NODE_FLAGS, '--import', PRELOAD, BIN, '--resolver', `127.0.0.1:${port}`, '--format', 'csv', '-q', 'list', file], { stdio: ['ignore', 'pipe', 'inherit', 'pipe'] });
    let out = 0;
    let rss = '';
    p.stdout?.on('data', (d: Buffer) => {
      if (out === 0) first = performance.now() - start;
      out += d.length;
    });
    (p.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => (rss += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      const [rssKb, cpuUs] = rss.split(' ').map(Number) as [number, number];
      resolve({ code, ms: performance.now() - start, firstMs: first, rssKb, cpuUs, out });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'mailcheck-bench-list-'));
const results: { rows: number; rate: number; steady: number; cpuPerRow: number; rssMb: number; queries: number; distinct: number; serverCpuPerQuery: number }[] = [];
try {
  // One unmeasured run first: the test server's own JIT warm-up is not mailcheck's cost, and without
  // it the 10k run (the first the server answers) measured 20–30 % slower than the same run after it.
  {
    seed = 7;
    const file = join(dir, 'warm-up.csv');
    writeFileSync(file, listText(SIZES[0] as number).text);
    await runList(file);
  }
  for (const rows of SIZES) {
    seed = 7; // the same rows as a prefix of every size
    const { text, distinct } = listText(rows);
    const file = join(dir, `list-${rows}.csv`);
    writeFileSync(file, text);
    const before = await serverCount();
    const run = await runList(file);
    const after = await serverCount();
    const queries = after.count - before.count;
    const serverCpuPerQuery = (after.cpu - before.cpu) / queries;
    if (run.code !== 1 && run.code !== 0) throw new Error(`mailcheck list exited ${run.code}`);
    results.push({ rows, rate: rows / (run.ms / 1000), steady: rows / ((run.ms - run.firstMs) / 1000), cpuPerRow: run.cpuUs / rows, rssMb: run.rssKb / 1024, queries, distinct, serverCpuPerQuery });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  child.disconnect();
}

console.log(`mailcheck list: ${DOMAINS.toLocaleString('en-US')} domains, test DNS server in its own process (no delay), CSV output to a pipe${NODE_FLAGS.length ? `, node ${NODE_FLAGS.join(' ')}` : ''}`);
console.log('   rows   rows/s  (after 1st row)  CPU µs/row   peak RSS   DNS questions / distinct (name, type)');
for (const r of results) {
  console.log(`${String(r.rows).padStart(7)}  ${String(Math.round(r.rate)).padStart(7)}  ${String(Math.round(r.steady)).padStart(15)}  ${r.cpuPerRow.toFixed(0).padStart(10)}   ${r.rssMb.toFixed(0).padStart(5)} MB   ${r.queries} / ${r.distinct}${r.queries === r.distinct ? '' : '  ✖'}   server ${r.serverCpuPerQuery.toFixed(0)} µs CPU/query`);
}
const rss = results.map((r) => r.rssMb);
const spread = Math.max(...rss) / Math.min(...rss) - 1;
const slowest = Math.min(...results.map((r) => r.rate));
console.log(`goals: ≥ 5,000 rows/s (slowest ${Math.round(slowest)}) ${slowest >= 5000 ? '✔' : '✖'}; RSS within ±20 % (spread ${(spread * 100).toFixed(0)} %) ${spread <= 0.2 ? '✔' : '✖'}; one question per distinct name ${results.every((r) => r.queries === r.distinct) ? '✔' : '✖'}`);
