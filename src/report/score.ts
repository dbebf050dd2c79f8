import type { Finding, Severity } from '../core/finding.js';

// How reports are scored (documented in the README; keep the two in step). Each check starts at 100
// and loses the penalty of each of its findings, down to 0. A report's score is the weighted mean of
// the checks that could be judged; weight 0 means "shown, not scored". One rule for every command, so
// a listing costs the same in `domain` and in `ip`.

export type Weights = Readonly<Record<string, number>>;

/** The weights of every command that scores. A new check adds its row here. */
export const WEIGHTS = {
  domain: { spf: 25, dmarc: 25, dkim: 20, mx: 15, rdns: 15, rbl: 15, provider: 0, tls: 0, dnssec: 0, dane: 0, smtp: 0, profile: 0 },
  // `ip` is scored on its blacklists alone; its reverse DNS is shown and judged, not scored.
  ip: { rbl: 100, rdns: 0 },
  // `message`: authentication and format decide whether it is accepted at all; content and links where it lands.
  message: { auth: 30, header: 25, content: 25, links: 10, bulk: 10 },
} as const satisfies Record<string, Weights>;

/**
 * Checks that are shown, not scored (weight 0), except when they find an error: then mail fails
 * (an enforced MTA-STS policy that does not match the MX, a bogus DNSSEC chain), and the check
 * joins the mean with this weight, scored on its errors alone. As internet.nl treats MTA-STS,
 * TLS-RPT, DNSSEC and DANE for the mail domains of ordinary senders, nothing else in them counts.
 */
export const ERROR_WEIGHTS = {
  domain: { tls: 15, dnssec: 15 },
} as const satisfies Record<string, Weights>;

export const SEVERITY_PENALTY: Readonly<Record<Severity, number>> = { error: 50, warning: 15, info: 0 };

/** Findings whose penalty differs from their severity's. */
export const FINDING_PENALTY: Readonly<Record<string, number>> = {
  // The record is absent: the check has nothing to give.
  'spf.missing': 100,
  'dmarc.missing': 100,
  'mx.missing': 100,
  // DKIM not confirmed is a warning (it may exist under another selector) but weighs like an absence.
  'dkim.not-found': 60,
  // Validating resolvers refuse every answer of the domain: nothing of it can be judged by receivers.
  'dnssec.bogus': 100,
  // "Could not check" is not a defect: it makes the report incomplete instead.
  'dns.lookup-failed': 0,
  'rbl.unchecked': 0,
  'smtp.unchecked': 0,
  'check.crashed': 0,
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

/** Weighted mean of the judged, weighted sections (score not null), rounded; null when none could be judged. */
export function weightedScore(sections: readonly { weight: number; score: number | null }[]): number | null {
  let weighted = 0;
  let total = 0;
  for (const s of sections) {
    if (s.score === null || s.weight === 0) continue;
    weighted += s.weight * s.score;
    total += s.weight;
  }
  return total === 0 ? null : Math.round(weighted / total);
}

export function grade(score: number | null): string | null {
  if (score === null) return null;
  return GRADES.find((g) => score >= g.min)?.grade ?? 'F';
}
