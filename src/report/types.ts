// The report model shared by every command: checks produce findings, renderers print them.

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** A DNS record to publish (or remove), exact enough to paste into a zone. */
export interface RecordFix {
  name: string;
  type: string;
  value: string;
}

export interface Fix {
  /** What to do, in one sentence. */
  action: string;
  /** The exact record to publish, when the fix is a record. */
  record?: RecordFix;
}

export interface Finding {
  /** Stable identifier, `area.problem` (e.g. `spf.too-many-lookups`); CI policies key on it. */
  id: string;
  /** The check that produced it (e.g. `spf`). */
  check: string;
  severity: Severity;
  /** One plain sentence saying what is wrong. */
  message: string;
  fix: Fix | null;
}

/** Severity order for comparisons: error > warning > info. */
export function severityRank(severity: Severity): number {
  return severity === 'error' ? 3 : severity === 'warning' ? 2 : 1;
}
