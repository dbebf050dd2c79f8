import { createHash } from 'node:crypto';
import { isCouldNotCheck, type Finding } from '../core/finding.js';
import type { Report } from '../core/report.js';

// A baseline (--baseline FILE, as ESLint's suppressions file): the findings a project knows about and
// has not fixed yet. A run reports, and fails on, only findings not in it. A finding is known by its
// id, its report's subject (the domain or IP) and a fingerprint of the facts it was built from (the
// record involved: an SPF record with 11 lookups that grows to 12 is a new finding). "Could not
// check" findings are never baselined: they say nothing about the records.

/** Keys of a finding's data that change from run to run without the records changing. */
const VOLATILE = new Set(['reason', 'ms', 'cause', 'servers', 'elapsed', 'checkedAt']);

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => v !== undefined && !VOLATILE.has(k))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The stable fingerprint of a finding: 16 hex digits of SHA-256 over its data (sorted keys, volatile ones left out) and its fix record. */
export function fingerprint(finding: Pick<Finding, 'data' | 'fix'>): string {
  const record = finding.fix?.record ?? null;
  return createHash('sha256').update(canonical({ data: finding.data, record })).digest('hex').slice(0, 16);
}

export interface BaselineEntry {
  id: string;
  subject: string;
  fingerprint: string;
}

/** The file: a version, and the entries sorted (so it diffs well in a repository). */
export interface BaselineFile {
  mailcheckBaseline: 1;
  findings: BaselineEntry[];
}

export function entryKey(entry: BaselineEntry): string {
  return `${entry.id}\u0000${entry.subject}\u0000${entry.fingerprint}`;
}

/** The baseline of these reports: every finding that is not "could not check", once each. */
export function buildBaseline(reports: Iterable<Report>): BaselineFile {
  const byKey = new Map<string, BaselineEntry>();
  for (const report of reports) {
    for (const f of report.findings) {
      if (isCouldNotCheck(f)) continue;
      const entry = { id: f.id, subject: report.subject, fingerprint: fingerprint(f) };
      byKey.set(entryKey(entry), entry);
    }
  }
  return baselineOf(byKey.values());
}

/** The file of these entries, sorted by subject, id and fingerprint (so it diffs well in a repository). */
export function baselineOf(entries: Iterable<BaselineEntry>): BaselineFile {
  const findings = [...entries].sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return { mailcheckBaseline: 1, findings };
}

/** Merges baselines (a bulk run builds one per report as it goes). */
export function baselineEntries(report: Report): BaselineEntry[] {
  return buildBaseline([report]).findings;
}

/** A set of known findings to filter reports with. */
export interface Baseline {
  has(report: Report, finding: Finding): boolean;
  size: number;
}

export function baselineSet(file: BaselineFile): Baseline {
  const keys = new Set(file.findings.map(entryKey));
  return {
    has: (report, f) => !isCouldNotCheck(f) && keys.has(entryKey({ id: f.id, subject: report.subject, fingerprint: fingerprint(f) })),
    size: keys.size,
  };
}

/** The report without its known findings, and how many were hidden. */
export function applyBaseline(report: Report, baseline: Baseline): { report: Report; hidden: number } {
  const findings = report.findings.filter((f) => !baseline.has(report, f));
  const hidden = report.findings.length - findings.length;
  return { report: hidden === 0 ? report : { ...report, findings }, hidden };
}

/** A parsed baseline file, or the reason it is not one (`undefined`: valid). */
export function checkBaselineFile(value: unknown): BaselineFile | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (v.mailcheckBaseline !== 1 || !Array.isArray(v.findings)) return undefined;
  for (const e of v.findings as unknown[]) {
    const entry = e as Record<string, unknown> | null;
    if (!entry || typeof entry.id !== 'string' || typeof entry.subject !== 'string' || typeof entry.fingerprint !== 'string') return undefined;
  }
  return v as unknown as BaselineFile;
}
