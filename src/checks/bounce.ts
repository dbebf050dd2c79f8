import type { Check } from '../core/check.js';
import type { Finding, Severity } from '../core/finding.js';
import type { MessageReport } from '../bounce/run.js';
import { REASONS } from '../bounce/types.js';
import type { RecipientResult } from '../bounce/analyze.js';
import { finding } from './common.js';

/** Hard bounces are errors (the address is bad), notices of delivery, auto-replies and complaints are info, the rest warnings. */
export function recipientSeverity(r: RecipientResult): Severity {
  if (r.reason === 'delivered' || r.reason === 'vacation' || r.reason === 'feedback') return 'info';
  return r.hard ? 'error' : 'warning';
}

/** One finding per recipient of a bounce: `bounce.<reason>`, the recipient's record as data, advice as an id. */
export const bounceCheck: Check<{ message: MessageReport }> = {
  id: 'bounce',
  docs: '#mailcheck-bounce--why-did-this-bounce',
  requires: ['message'],
  findings: REASONS.map((reason) => ({ id: `bounce.${reason}`, severity: ['error', 'warning', 'info'] as Severity[] })),
  run({ message }) {
    const findings: Finding[] = message.recipients.map((r) =>
      finding('bounce', `bounce.${r.reason}`, recipientSeverity(r), { file: message.file, message: message.message, ...r }, { advice: r.advice, data: { ...r.adviceData } }));
    return { status: 'complete', findings, found: [], data: {} };
  },
};
