import type { DomainCheck, CheckStatus } from '../checks/types.js';
import type { DomainFacts } from '../gather/domain.js';
import { CHECK_WEIGHTS, checkScore, domainScore, grade } from './score.js';
import { severityRank, type Finding } from './types.js';

export interface CheckSection {
  id: string;
  title: string;
  status: CheckStatus;
  /** From the weights table in score.ts; 0 means shown, not scored. */
  weight: number;
  /** null when the check is not scored (weight 0) or could not be judged (its main lookup failed). */
  score: number | null;
  found: string[];
  data: Record<string, unknown>;
}

/** The report of one domain: what the renderers print and the JSON is made of. */
export interface DomainReport {
  domain: string;
  score: number | null;
  grade: string | null;
  /** Some lookups failed, so some checks are partial or missing. */
  incomplete: boolean;
  sections: CheckSection[];
  /** Every finding, most severe first, then in check order. */
  findings: Finding[];
}

/** Runs the checks over the facts and scores them. Pure. */
export function buildDomainReport(facts: DomainFacts, checks: readonly DomainCheck[]): DomainReport {
  const sections: CheckSection[] = [];
  const findings: Finding[] = [];
  for (const check of checks) {
    const result = check.run(facts);
    const weight = CHECK_WEIGHTS[check.id] ?? 0;
    sections.push({
      id: check.id,
      title: check.title,
      status: result.status,
      weight,
      score: result.status === 'failed' || result.status === 'skipped' || weight === 0 ? null : checkScore(result.findings),
      found: result.found,
      data: result.data,
    });
    findings.push(...result.findings);
  }
  const order = new Map(checks.map((c, i) => [c.id, i]));
  findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || (order.get(a.check) ?? 0) - (order.get(b.check) ?? 0));
  const score = domainScore(sections);
  return { domain: facts.domain, score, grade: grade(score), incomplete: sections.some((s) => s.status === 'partial' || s.status === 'failed'), sections, findings };
}
