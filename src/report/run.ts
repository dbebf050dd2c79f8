import type { Check, CheckResult } from '../core/check.js';
import { severityRank, type Data, type Finding } from '../core/finding.js';
import type { Report, Section } from '../core/report.js';
import { checkScore, grade, weightedScore, type Weights } from './score.js';

export interface RunInput<Facts> {
  command: string;
  subject: string;
  checks: readonly Check<Facts>[];
  facts: Facts;
  weights: Weights;
  /** Checks of weight 0 that are scored on their errors, with this weight, when they have any (score.ts ERROR_WEIGHTS). */
  errorWeights?: Weights;
  /** The command's own JSON payload beyond the sections. */
  data?: Data;
  /** Commands that do not score (spf, bounce, lookup) leave score and grade null. */
  scored?: boolean;
  /** Keep findings in the order the checks emitted them (a bounce's recipients), not by severity. */
  keepOrder?: boolean;
}

/** A check that throws is that check's `error`, never the whole run's crash (the report is then incomplete). */
function runIsolated<Facts>(check: Check<Facts>, facts: Facts): CheckResult {
  try {
    return check.run(facts);
  } catch (error) {
    return {
      status: 'error',
      findings: [{ id: 'check.crashed', check: check.id, severity: 'warning', data: { check: check.id, error: error instanceof Error ? error.message : String(error) }, fix: null }],
      found: [],
      data: {},
    };
  }
}

/** Runs every check over the facts, scores them with the command's weights, and builds the one report shape. Pure. */
export function runChecks<Facts>(input: RunInput<Facts>): Report {
  const sections: Section[] = [];
  const findings: Finding[] = [];
  for (const check of input.checks) {
    const result = runIsolated(check, input.facts);
    const base = input.weights[check.id] ?? 0;
    // A shown-not-scored check with errors is scored on those errors alone (score.ts ERROR_WEIGHTS).
    const errors = result.findings.filter((f) => f.severity === 'error');
    const onErrors = base === 0 && errors.length > 0 ? (input.errorWeights?.[check.id] ?? 0) : 0;
    const weight = base || onErrors;
    const judged = result.status !== 'failed' && result.status !== 'skipped' && result.status !== 'error';
    sections.push({
      id: check.id,
      status: result.status,
      weight,
      score: judged && weight > 0 ? checkScore(onErrors > 0 ? errors : result.findings) : null,
      found: result.found,
      data: result.data,
    });
    findings.push(...result.findings);
  }
  const order = new Map(input.checks.map((c, i) => [c.id, i]));
  if (!input.keepOrder) findings.sort((a, b) =>
 severityRank(b.severity) - severityRank(a.severity) || (order.get(a.check) ?? 0) - (order.get(b.check) ?? 0));
  const score = input.scored === false ? null : weightedScore(sections);
  return {
    command: input.command,
    subject: input.subject,
    incomplete: sections.some((s) => s.status === 'partial' || s.status === 'failed' || s.status === 'error'),
    sections,
    findings,
    score,
    grade: grade(score),
    data: input.data ?? {},
  };
}
