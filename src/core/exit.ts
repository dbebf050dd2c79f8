import { isCouldNotCheck, severityRank, type Severity } from './finding.js';
import type { Report } from './report.js';

// The one exit-code policy of every command (README "Exit codes"; CI scripts depend on the numbers).
export const EXIT_OK = 0;
/** A finding reached --fail-on, a score is under --min-score, or a count rule was exceeded. */
export const EXIT_FINDINGS = 1;
/** Bad usage or unreadable input. */
export const EXIT_USAGE = 2;
/** Lookups failed, so the answer is incomplete. */
export const EXIT_INCOMPLETE = 3;

export type FailOn = Severity | 'none';

export interface ExitPolicy {
  failOn: FailOn;
  /** Fail when a score is below this (0 = never). */
  minScore: number;
  /** Fail when one report has more than `max` findings with this id (`ip --max-listings`). */
  maxCount?: { id: string; max: number };
}

/**
 * 1 when a finding reaches --fail-on or a count rule is exceeded (a definite problem wins over
 * "incomplete"); else 3 when a report is incomplete; else 1 when a score is under --min-score;
 * else 0. "Could not check" findings never count as problems. Pure.
 */
export function exitCode(reports: readonly Report[], policy: ExitPolicy): number {
  const threshold = policy.failOn === 'none' ? Infinity : severityRank(policy.failOn);
  const failing = reports.some((r) => r.findings.some((f) => !isCouldNotCheck(f) && severityRank(f.severity) >= threshold));
  const counted = policy.maxCount;
  const over = counted !== undefined && reports.some((r) => r.findings.filter((f) => f.id === counted.id).length > counted.max);
  if (failing || over) return EXIT_FINDINGS;
  if (reports.some((r) => r.incomplete)) return EXIT_INCOMPLETE;
  if (reports.some((r) => r.score !== null && r.score < policy.minScore)) return EXIT_FINDINGS;
  return EXIT_OK;
}
