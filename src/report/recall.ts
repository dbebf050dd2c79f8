import type { Data } from '../core/finding.js';
import type { Report } from '../core/report.js';
import { recallCheck, type RecallFacts } from '../checks/recall.js';
import { runChecks } from './run.js';

/** What `mailcheck recall` was asked, beyond the facts the check reads (for the renderers). */
export interface RecallAsked {
  /** The sent message file, when one was read. */
  file: string | null;
  subject: string | null;
  /** `--sent` as typed, or the Date: header. */
  sentInput: string | null;
}

/** One report per sent message; its findings keep the recipients' order. */
export function recallReport(facts: RecallFacts, asked: RecallAsked): Report {
  const data: Data = {
    ...asked,
    sender: facts.sender.address,
    sentAt: facts.sentAt,
    now: facts.now,
    read: facts.read,
    fetched: facts.fetched,
    competitors: facts.competitors,
  };
  return runChecks({ command: 'recall', subject: facts.sender.address, checks: [recallCheck], facts, weights: {}, scored: false, keepOrder: true, data });
}
