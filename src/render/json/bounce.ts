import type { Report } from '../../core/report.js';
import type { MessageReport } from '../../bounce/run.js';
import type { RecipientResult } from '../../bounce/analyze.js';
import type { CatalogueShape } from '../../messages/types.js';
import { text } from '../../messages/types.js';
import type { BounceSummary } from '../../bounce/summary.js';

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
    verdict: r.verdict,
    permanent: r.permanent,
    statusDerived: r.statusDerived,
    refusedBy: r.refusedBy,
    provider: r.provider ?? null,
    providerExplanation: r.providerExplanation ?? null,
  };
}

/** The JSON object for one message (the documented, stable shape). */
export function bounceMessageJson(report: Report, en: CatalogueShape): Record<string, unknown> {
  const m = report.data.message as MessageReport;
  return {
    file: m.file,
    message: m.message,
    bounce: m.bounce,
    format: m.format || null,
    original: m.original,
    recipients: m.recipients.map((r) => recipientJson(en, r)),
    // Only when the message named more recipients than are read (MAX_RECIPIENTS): how many were left out.
    ...(m.recipientsOmitted ? { recipientsOmitted: m.recipientsOmitted } : {}),
  };
}

/** NDJSON objects: one per recipient; a message that is not a bounce gets one with `bounce: false`. */
export function bounceNdjsonObjects(report: Report, en: CatalogueShape): Record<string, unknown>[] {
  const m = report.data.message as MessageReport;
  if (!m.bounce || m.recipients.length === 0) {
    return [{ file: m.file, message: m.message, bounce: false, recipient: null, action: '', status: '', replyCode: '', reason: 'undefined', hard: false, diagnostic: '', remoteMta: '', command: '', advice: text(en, 'advice', 'bounce.not-a-bounce') }];
  }
  return m.recipients.map((r) => ({ file: m.file, message: m.message, bounce: true, ...recipientJson(en, r) }));
}

/** `--summary` as JSON: the counts as objects keyed by verdict, reason, domain and provider (README). */
export function bounceSummaryJson(s: BounceSummary): Record<string, unknown> {
  const object = (list: readonly { key: string; count: number }[]) => Object.fromEntries(list.map((x) => [x.key, x.count]));
  return {
    messages: s.messages,
    bounces: s.bounces,
    notBounces: s.notBounces,
    recipients: s.recipients,
    hard: s.hard,
    byVerdict: s.byVerdict,
    byReason: object(s.byReason),
    byDomain: object(s.byDomain),
    byProvider: object(s.byProvider),
    stopMailing: s.stopMailing,
    review: s.review,
    fixFirst: s.fixFirst.map((f) => ({ topic: f.topic, count: f.count, of: f.of, provider: f.provider ?? null, reason: f.reason, senderDomain: f.senderDomain || null, sendingIp: f.sendingIp || null })),
  };
}
