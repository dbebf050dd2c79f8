import type { Report } from '../core/report.js';
import type { MessageReport } from '../bounce/run.js';
import { bounceCheck } from '../checks/bounce.js';
import { runChecks } from './run.js';

/** One report per message read by `mailcheck bounce`; its findings keep the recipients' order. */
export function bounceReport(message: MessageReport): Report {
  return runChecks({ command: 'bounce', subject: message.file, checks: [bounceCheck], facts: { message }, weights: {}, scored: false, keepOrder: true, data: { message } });
}
