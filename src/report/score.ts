import type { Finding, Severity } from './types.js';

// How `mailcheck domain` scores (documented in the README; keep the two in step).
// Each check starts at 100 and loses the penalty of each of its findings, down to 0. The domain's
// score is the weighted mean of the checks that could be judged; weight 0 means "shown, not scored".

/** The one weights table. A new check adds its row here. */
export const CHECK_WEIGHTS: Readonly<Record<string, number>> = {
  spf: 25,
  dmarc: 25,
  dkim: 20,
  mx: 15,
  rdns: 15,
  rbl: 15,
  provider: 0,
  tls: 0,
};

export const SEVERITY_PENALTY: Readonly<Record<Severity, number>> = { error: 50, warning: 15, info: 0 };

/** Findings whose penalty differs from their severity's. */
export const FINDING_PENALTY: Readonly<Record<string, number>> = {
  // The record is absent: the check has nothing to give.
  'spf.missing': 100,
  'dmarc.missing': 100,
  'mx.missing': 100,
  // DKIM not confirmed is a warning (it may exist under another selector) but weighs like an absence.
  'dkim.not-found': 60,
  // "Could not check" is not a defect of the domain: it makes the report incomplete instead.
  'dns.lookup-failed': 0,
  'rbl.unchecked': 0,
};

export const GRADES: readonly { grade: string; min: number }[] = [
  { grade: 'A', min: 90 },
  { grade: 'B', min: 80 },
  { grade: 'C', min: 70 },
  { grade: 'D', min: 60 },
  { grade: 'F', min: 0 },
];

export function findingPenalty(f: Finding): number {
  return FINDING_PENALTY[f.id] ?? SEVERITY_PENALTY[f.severity];
}

/** 0–100 for one check from its findings. */
export function checkScore(findings: readonly Finding[]): number {
  const lost = findings.reduce((sum, f) => sum + findingPenalty(f), 0);
  return Math.max(0, 100 - lost);
}

/** Weighted mean of the judged checks (score not null), rounded; null when none could be judged. */
export function domainScore(checks: readonly { id: string; score: number | null }[]): number | null {
  let weighted = 0;
  let total = 0;
  for (const check of checks) {
    const weight = CHECK_WEIGHTS[check.id] ?? 0;
    if (check.score === null || weight === 0) continue;
    weighted += weight * check.score;
    total += weight;
  }
  return total === 0 ? null : Math.round(weighted / total);
}

export function grade(score: number | null): string | null {
  if (score === null) return null;
  return GRADES.find((g) => score >= g.min)?.grade ?? 'F';
}
