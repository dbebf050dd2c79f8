import type { DomainFacts } from '../gather/domain.js';
import type { LookupFact } from '../gather/lookup.js';
import type { Finding, Fix, Severity } from '../report/types.js';

/**
 * How much a check could judge: `complete`, `partial` (some lookups failed; the rest was judged),
 * `failed` (its main lookup failed, so it has no score), or `skipped` (nothing it could ask: e.g.
 * blacklists in an offline run over zone files that do not describe them; no score, and not a
 * failure). `partial` and `failed` make the report incomplete.
 */
export type CheckStatus = 'complete' | 'partial' | 'failed' | 'skipped';

export interface CheckResult {
  status: CheckStatus;
  findings: Finding[];
  /** Plain lines saying what was found (records, hosts, keys), shown under the check's heading. */
  found: string[];
  /** The check's data for `--json` (`checks.<id>`): plain JSON values only. */
  data: Record<string, unknown>;
}

/** One check of `mailcheck domain`: pure, synchronous, no I/O. Its weight lives in report/score.ts. */
export interface DomainCheck {
  /** Key in `checks` of the JSON and the `check` of its findings. */
  id: string;
  title: string;
  run(facts: DomainFacts): CheckResult;
}

export function finding(check: string, id: string, severity: Severity, message: string, fix: Fix | null): Finding {
  return { id, check, severity, message, fix };
}

/** A lookup that failed: "could not check", never "missing". */
export function lookupFailedFinding(check: string, lookup: LookupFact, what: string): Finding {
  return finding(
    check,
    'dns.lookup-failed',
    'warning',
    `Could not look up ${lookup.name} ${lookup.type} (${lookup.outcome}${lookup.error && lookup.error !== lookup.outcome ? `: ${lookup.error}` : ''}), so ${what} was not checked.`,
    { action: 'Run again or ask another resolver (--resolver). If it persists, the domain\'s DNS servers are failing (SERVFAIL often means broken DNSSEC).' },
  );
}

/** `name. TYPE value` as found in DNS, for the "found" lines. */
export function recordLine(name: string, type: string, value: string): string {
  return `${name}. ${type} ${type === 'TXT' || type === 'SPF' ? JSON.stringify(value) : value}`;
}
