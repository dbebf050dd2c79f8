import type { DomainReport } from './domain.js';
import { severityRank, type Severity } from './types.js';

export type FailOn = Severity | 'none';

export interface ExitPolicy {
  failOn: FailOn;
  /** Fail when the score is below this (0 = never). */
  minScore: number;
}

/**
 * 1 when a finding reaches --fail-on (a definite problem, so it wins over "incomplete"); else 3 when
 * lookups failed; else 1 when a score is under --min-score; else 0. "Could not check" findings
 * (dns.lookup-failed, rbl.unchecked) never count as problems. Pure; --quiet does not reach here.
 */
/** Findings that say "could not check", not "something is wrong". */
const COULD_NOT_CHECK: ReadonlySet<string> = new Set(['dns.lookup-failed', 'rbl.unchecked']);

export function domainExitCode(reports: readonly DomainReport[], policy: ExitPolicy): number {
  const threshold = policy.failOn === 'none' ? Infinity : severityRank(policy.failOn);
  const failing = reports.some((r) => r.findings.some((f) => !COULD_NOT_CHECK.has(f.id) && severityRank(f.severity) >= threshold));
  if (failing) return 1;
  if (reports.some((r) => r.incomplete)) return 3;
  if (reports.some((r) => r.score !== null && r.score < policy.minScore)) return 1;
  return 0;
}
