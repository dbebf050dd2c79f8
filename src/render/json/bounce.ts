import type { Report } from '../../core/report.js';
import type { MessageReport } from '../../bounce/run.js';
import type { RecipientResult } from '../../bounce/analyze.js';
import type { CatalogueShape } from '../../messages/types.js';
import { text } from '../../messages/types.js';

/** One recipient, the documented fields (`advice` in English words). */
export function recipientJson(en: CatalogueShape, r: RecipientResult): Record<string, unknown> {
  return {
    recipient: r.recipient,
    action: r.action,
    status: r.status,
    replyCode: r.replyCode,
    reason: r.reason,
    hard: r.hard,
    diagnostic: r.diagnostic,
    remoteMta: r.remoteMta,
    command: r.command,
    advice: text(en, 'advice', r.advice, { ...r.adviceData }),
    ...(r.feedbackType ? { feedbackType: r.feedbackType } : {}),
    adviceId: r.advice,
  };
}

/** The JSON object for one message (the documented, stable shape). */
export function bounceMessageJson(report: Report, en: CatalogueShape): Record<string, unknown> {
  const m = report.data.message as MessageReport;
  return { file: m.file, message: m.message, bounce: m.bounce, format: m.format || null, original: m.original, recipients: m.recipients.map((r) => recipientJson(en, r)) };
}

/** NDJSON objects: one per recipient; a message that is not a bounce gets one with `bounce: false`. */
export function bounceNdjsonObjects(report: Report, en: CatalogueShape): Record<string, unknown>[] {
  const m = report.data.message as MessageReport;
  if (!m.bounce || m.recipients.length === 0) {
    return [{ file: m.file, message: m.message, bounce: false, recipient: null, action: '', status: '', replyCode: '', reason: 'undefined', hard: false, diagnostic: '', remoteMta: '', command: '', advice: text(en, 'advice', 'bounce.not-a-bounce') }];
  }
  return m.recipients.map((r) => ({ file: m.file, message: m.message, bounce: true, ...recipientJson(en, r) }));
}
