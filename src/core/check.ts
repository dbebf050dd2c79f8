import type { Data, Finding, Severity } from './finding.js';

/**
 * How much a check could judge: `complete`; `partial` (some lookups failed; the rest was judged);
 * `failed` (its main lookup failed, or the check itself broke: no score); `skipped` (nothing it could
 * ask, e.g. blacklists in an offline run over zone files that do not describe them; no score, not a
 * failure); `error` (the check threw: a bug, isolated by the runner). `partial`, `failed` and `error`
 * make the report incomplete.
 */
export type CheckStatus = 'complete' | 'partial' | 'failed' | 'skipped' | 'error';

/** A line of what a check found, as data: the text renderer draws it from the catalogue entry `found.<id>`. */
export interface FoundItem {
  id: string;
  data: Data;
}

export interface CheckResult {
  status: CheckStatus;
  findings: Finding[];
  /** What was found (records, hosts, keys), drawn under the check's heading. */
  found: FoundItem[];
  /** The check's data for JSON (`checks.<id>` in `domain --json`): plain JSON values only. */
  data: Data;
}

/** A finding a check can emit, with the severity it usually has (the README's finding table). */
export interface FindingSpec {
  id: string;
  severity: Severity | Severity[];
}

/**
 * One check: pure, synchronous, no I/O. `requires` names the facts it reads, so that only the
 * gatherers of the selected checks run. Its title is the catalogue entry `check.<id>`; its weight
 * lives in report/score.ts.
 */
export interface Check<Facts> {
  /** Key in `checks` of the JSON and the `check` of its findings. */
  id: string;
  /** README anchor that documents it. */
  docs: string;
  findings: readonly FindingSpec[];
  requires: readonly (keyof Facts)[];
  run(facts: Facts): CheckResult;
}

export function finding(check: string, id: string, severity: Severity, data: Data, fix: Finding['fix'] = null): Finding {
  return { id, check, severity, data, fix };
}
