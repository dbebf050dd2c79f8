import type { CheckStatus, FoundItem } from './check.js';
import type { Data, Finding } from './finding.js';

export interface Section {
  id: string;
  status: CheckStatus;
  /** From the weights table of the command; 0 means shown, not scored. */
  weight: number;
  /** null when the check is not scored (weight 0) or could not be judged. */
  score: number | null;
  found: FoundItem[];
  data: Data;
}

/**
 * What every command returns and every renderer prints: one per domain, IP, SPF question, message or
 * lookup. `data` is the command's own payload (what its JSON shape is made of beyond sections).
 */
export interface Report {
  command: string;
  /** The domain, IP, file… the report is about. */
  subject: string;
  /** Some lookups failed or a check broke, so parts could not be checked. */
  incomplete: boolean;
  sections: Section[];
  /** Every finding, most severe first, then in check order. */
  findings: Finding[];
  /** null when the command does not score, or nothing could be judged. */
  score: number | null;
  grade: string | null;
  data: Data;
}
