// npm run bench:scale — `mailcheck domain --file … --format ndjson` over 1,000, 10,000 and 100,000
// generated domains (bench/scale-fixture.ts: MX, SPF with an include, DMARC, one DKIM selector each)
// served by the test DNS server in its own process: domains/s and peak RSS of the built binary, as a
// user runs it. Goals (issue 17): peak RSS flat within ±20 % from 10k to 100k, throughput within 20 %
// of the 1k figure, the first NDJSON line before the 10th domain completes; (issue 15 §4) on 1,000
// domains ≥ 150 domains/s with DNS answered locally and peak RSS ≤ 120 MiB.
//
// Sizes: SCALE_SIZES=1000,10000 npm run bench:scale (default 1000,10000,100000). Not a test: figures.
// The CPU time of the mailcheck process is printed beside the wall time: on a loaded machine the wall
// time says more about the other jobs than about mailcheck.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scaleDomainName } from './scale-fixture.js';
import { buildResolver } from '../src/cli/resolver.js';
import { memoryIo } from '../src/cli/io.js';
import { runDomainCommand } from '../src/cli/commands/domain.js';

const BIN = fileURLToPath(new URL('../bin/mailcheck.js', import.meta.url));
const sizes = (process.env.SCALE_SIZES ?? '1000,10000,100000').split(',').map(Number).filter((n) => n > 0);
const concurrency = Number(process.env.SCALE_CONCURRENCY ?? 8);
const MiB = 1024 * 1024;

async function startServer(count: number): Promise<{ child: ChildProcess; port: number; count(): Promise<number> }> {
  const child = fork(fileURLToPath(new URL('./scale-server.ts', import.meta.url)), { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((resolve) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.send({ count });
  });
  return {
    child,
    port,
    count: () => new Promise<number>((resolve) => {
      child.once('message', (m: { count: number }) => resolve(m.count));
      child.send('count');
    }),
  };
}

/** CPU seconds (user + system) a running process has used so far; 0 when it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    // utime and stime are fields 14 and 15 of /proc/PID/stat (11 and 12 after the command name), in clock ticks (100 per second).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Peak RSS of a running process so far (VmHWM), in bytes; 0 when it is gone. */
function peakRss(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

interface Figures { size: number; seconds: number; rate: number; rss: number; cpu: number; firstLineMs: number; lines: number; incomplete: number; queries: number; code: number | null }

async function cliRun(size: number, dir: string): Promise<Figures> {
  const file = join(dir, `domains-${size}.txt`);
  writeFileSync(file, Array.from({ length: size }, (_, i) => scaleDomainName(i)).join('\n') + '\n');
  const server = await startServer(size);
  try {
    const started = performance.now();
    const child = spawn(process.execPath, [...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), BIN, '--resolver', `127.0.0.1:${server.port}`, '--timeout', '5000', 'domain', '--no-config', '--file', file, '--format', 'ndjson', '--selector', 's1', '--concurrency', String(concurrency)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let rss = 0;
    let cpu = 0;
    const poll = setInterval(() => {
      rss = Math.max(rss, peakRss(child.pid ?? 0));
      cpu = Math.max(cpu, cpuSeconds(child.pid ?? 0));
    }, 100);
    let firstLineMs = -1;
    let lines = 0;
    let incomplete = 0;
    let rest = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (firstLineMs < 0) firstLineMs = performance.now() - started;
      const text = rest + chunk;
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        lines++;
        if (line.includes('"incomplete":true')) incomplete++;
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(poll);
    const seconds = (performance.now() - started) / 1000;
    return { size, seconds, rate: size / seconds, rss, cpu, firstLineMs, lines, incomplete, queries: await server.count(), code };
  } finally {
    server.child.disconnect();
  }
}

/** In this process: how many domains were complete when the first NDJSON line was written. */
async function firstLine(size: number): Promise<{ completedBeforeFirstLine: number }> {
  const server = await startServer(size);
  try {
    let completed = 0;
    let atFirst = -1;
    const io = memoryIo();
    const write = io.stdout.bind(io);
    io.stdout = (text: string) => {
      if (atFirst < 0 && text.length > 0) atFirst = completed;
      write(text);
      io.out = '';
    };
    const global = { format: 'ndjson' as const, formatGiven: true, lang: 'en' as const, quiet: false, color: false, resolver: [`127.0.0.1:${server.port}`], zone: [], timeout: 5000, retries: 1 };
    const resolver = await buildResolver(global, undefined, { maxEntries: 10_000 });
    const domains = Array.from({ length: size }, (_, i) => scaleDomainName(i));
    await runDomainCommand(domains, { selectors: ['s1'], ips: [], failOn: 'error', minScore: 0, concurrency, onComplete: () => completed++ }, global, resolver, io);
    return { completedBeforeFirstLine: atFirst };
  } finally {
    server.child.disconnect();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'mailcheck-scale-'));
try {
  console.log(`bench:scale — mailcheck domain --file N domains --format ndjson --concurrency ${concurrency}, the test DNS server in its own process (no delay)`);
  const first = await firstLine(1000);
  console.log(`first NDJSON line written when ${first.completedBeforeFirstLine} domain(s) had completed (goal: before the 10th completes): ${first.completedBeforeFirstLine >= 0 && first.completedBeforeFirstLine < 10 ? 'MET' : 'MISSED'}`);
  const results: Figures[] = [];
  for (const size of sizes) {
    const r = await cliRun(size, dir);
    results.push(r);
    console.log(`${String(size).padStart(7)} domains: ${r.seconds.toFixed(1)} s, ${r.rate.toFixed(0)} domains/s (${(size / r.cpu).toFixed(0)} per CPU second of mailcheck: ${((r.cpu / size) * 1000).toFixed(1)} ms each), peak RSS ${(r.rss / MiB).toFixed(0)} MiB, first line after ${r.firstLineMs.toFixed(0)} ms, ${(r.queries / size).toFixed(0)} queries/domain, ${r.lines} lines, ${r.incomplete} incomplete, exit ${r.code}`);
  }
  const by = (n: number) => results.find((r) => r.size === n);
  const k1 = by(1000);
  if (k1) {
    console.log(`issue 15 §4 on 1,000 domains: ${k1.rate.toFixed(0)} domains/s (goal ≥ 150: ${k1.rate >= 150 ? 'MET' : 'MISSED'}), peak RSS ${(k1.rss / MiB).toFixed(0)} MiB (goal ≤ 120: ${k1.rss <= 120 * MiB ? 'MET' : 'MISSED'})`);
    for (const r of results.filter((x) => x.size > 1000)) {
      const ratio = r.rate / k1.rate;
      console.log(`throughput at ${r.size}: ${(ratio * 100).toFixed(0)} % of the 1k figure (goal within 20 %: ${ratio >= 0.8 ? 'MET' : 'MISSED'})`);
    }
  }
  const k10 = by(10000);
  const k100 = by(100000);
  if (k10 && k100) {
    const growth = k100.rss / k10.rss - 1;
    console.log(`peak RSS 10k → 100k: ${(k10.rss / MiB).toFixed(0)} → ${(k100.rss / MiB).toFixed(0)} MiB (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(0)} %; goal within ±20 %: ${Math.abs(growth) <= 0.2 ? 'MET' : 'MISSED'})`);
  } else {
    console.log('peak RSS flatness 10k → 100k: not measured (give both sizes in SCALE_SIZES)');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
