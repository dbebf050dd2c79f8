// The plain vocabulary every command shares: a finding is an id, a severity and the facts its words are
// built from. No sentences here: src/messages/ turns ids and data into English or Chinese, and only
// src/render/ asks it to.

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Severity order for comparisons: error > warning > info. */
export function severityRank(severity: Severity): number {
  return severity === 'error' ? 3 : severity === 'warning' ? 2 : 1;
}

/** Plain JSON values, the facts a message is built from. */
export type Data = Record<string, unknown>;

/** A DNS record to publish (or remove), exact enough to paste into a zone. */
export interface RecordFix {
  name: string;
  type: string;
  value: string;
}

/**
 * What to do, as data: the words come from the catalogue entry of the finding (or of `advice` when
 * set, for fixes shared by several findings), filled from the finding's data and `data`.
 */
export interface Fix {
  /** A catalogue advice id, when the fix is not the finding's own. */
  advice?: string;
  /** Facts for the fix's words beyond the finding's own data. */
  data?: Data;
  /** The exact record to publish, when the fix is a record. */
  record?: RecordFix;
}

/** Where a finding's subject came from, when a file says it (a zone file line, a message file). */
export interface SourceLocation {
  file: string;
  line?: number;
}

export interface Finding {
  /** Stable identifier, `area.problem` (e.g. `spf.too-many-lookups`); CI policies and the catalogue key on it. */
  id: string;
  /** The check that produced it (e.g. `spf`). */
  check: string;
  severity: Severity;
  /** The facts the message is built from (names, counts, records, codes). */
  data: Data;
  fix: Fix | null;
  location?: SourceLocation;
}

/** Findings that say "could not check", not "something is wrong": never a defect, never counted by --fail-on. */
export const COULD_NOT_CHECK: ReadonlySet<string> = new Set(['dns.lookup-failed', 'rbl.unchecked', 'smtp.unchecked']);

export function isCouldNotCheck(finding: Pick<Finding, 'id'>): boolean {
  return COULD_NOT_CHECK.has(finding.id);
}
