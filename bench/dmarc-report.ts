// npm run bench:dmarc-report — `mailcheck dmarc-report` reading a big report folder: reports/s, rows/s, peak RSS.
// The files are generated here (10,000 reports, 1,000,000 rows by default; half .xml.gz, a third .zip, the rest
// plain .xml, as receivers send them) into a temporary folder that is removed afterwards. Reading goes
// through the command's own reader and aggregator (src/dmarc-report/run.ts); no DNS (the PTR phase is
// bounded separately: --ptr-lookups, one deadline).
//
// BENCH_FILES, BENCH_ROWS (rows per file) and BENCH_SOURCES (distinct source IPs) change the size;
// BENCH_HEAP_MB caps the reader's V8 heap.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { runDmarcReport } from '../src/dmarc-report/run.js';
import { organizationalDomain } from '../src/gather/dmarc.js';
import { makeZip } from '../test/helpers/zip-writer.js';

const FILES = Number(process.env.BENCH_FILES ?? 10_000);
const ROWS = Number(process.env.BENCH_ROWS ?? 100);
const SOURCES = Number(process.env.BENCH_SOURCES ?? 20_000);
const T0 = 1767225600;

function ip(i: number): string {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

function report(n: number): string {
  const records: string[] = [];
  for (let r = 0; r < ROWS; r++) {
    const source = (n * 7919 + r * 104729) % SOURCES;
    const ok = source % 10 !== 0;
    records.push(
      `<record><row><source_ip>${ip(source)}</source_ip><count>${1 + (source % 50)}</count><policy_evaluated><disposition>none</disposition><dkim>${ok ? 'pass' : 'fail'}</dkim><spf>${ok ? 'pass' : 'fail'}</spf></policy_evaluated></row>` +
        `<identifiers><header_from>example.com</header_from></identifiers><auth_results><dkim><domain>${ok ? 'example.com' : 'esp.example.net'}</domain><selector>s1</selector><result>pass</result></dkim>` +
        `<spf><domain>${ok ? 'example.com' : 'example.com'}</domain><result>${ok ? 'pass' : 'softfail'}</result></spf></auth_results></record>`,
    );
  }
  const day = n % 30;
  return `<?xml version="1.0" encoding="UTF-8"?><feedback><report_metadata><org_name>reporter${n % 17}.example</org_name><email>dmarc@reporter.example</email><report_id>bench-${n}</report_id><date_range><begin>${T0 + day * 86400}</begin><end>${T0 + (day + 1) * 86400 - 1}</end></date_range></report_metadata><policy_published><domain>example.com</domain><adkim>r</adkim><aspf>r</aspf><p>none</p><pct>100</pct></policy_published>${records.join('')}</feedback>`;
}

async function read(dir: string): Promise<void> {
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const run = await runDmarcReport([dir], { orgDomain: organizationalDomain, readStdin: async () => Buffer.alloc(0) });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const totals = run.domains[0]?.aggregate.totals;
  console.log(JSON.stringify({ seconds, cpuSeconds, files: run.files, rejected: run.rejectedTotal, reports: totals?.reports ?? 0, rows: totals?.records ?? 0, sources: totals?.sources ?? 0, messages: totals?.messages ?? 0, peakMb: process.resourceUsage().maxRSS / 1024, heapMb: process.memoryUsage().heapUsed / 1024 / 1024 }));
}

if (process.argv[2] === '--read') {
  await read(process.argv[3] as string);
} else {
  // Generated here, read in a child process: its peak RSS is the reader's alone.
  const root = mkdtempSync(join(tmpdir(), 'mailcheck-bench-dmarc-'));
  try {
    let bytes = 0;
    for (let n = 0; n < FILES; n++) {
      const xml = report(n);
      const kind = n % 6;
      const data = kind < 3 ? gzipSync(xml) : kind < 5 ? makeZip([{ name: `r${n}.xml`, data: xml }]) : Buffer.from(xml);
      writeFileSync(join(root, `r${n}${kind < 3 ? '.xml.gz' : kind < 5 ? '.zip' : '.xml'}`), data);
      bytes += data.length;
    }
    // BENCH_HEAP_MB caps the reader's heap (e.g. 128): the run must still finish, since memory follows the sources, not the rows.
    const heap = process.env.BENCH_HEAP_MB ? [`--max-old-space-size=${Number(process.env.BENCH_HEAP_MB)}`] : [];
    const child = spawnSync(process.execPath, [...heap, '--import', 'tsx', fileURLToPath(import.meta.url), '--read', root], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(child.stderr);
    const r = JSON.parse(child.stdout.trim().split('\n').pop() as string) as Record<string, number>;
    const s = r.seconds as number;
    console.log(`dmarc-report: ${r.files} files (${Math.round(bytes / 1024 / 1024)} MB on disk), ${r.reports} reports, ${r.rows} rows, ${r.sources} distinct sources, ${r.messages} messages; rejected ${r.rejected}`);
    const c = r.cpuSeconds as number;
    console.log(`  ${s.toFixed(1)} s: ${Math.round((r.reports as number) / s)} reports/s, ${Math.round((r.rows as number) / s)} rows/s; peak RSS ${Math.round(r.peakMb as number)} MB (heap after ${Math.round(r.heapMb as number)} MB)`);
    // On a shared machine wall time includes waiting for a core; CPU time is the work itself.
    console.log(`  ${c.toFixed(1)} CPU s: ${Math.round((r.reports as number) / c)} reports per CPU second, ${Math.round((r.rows as number) / c)} rows per CPU second`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
