// RFC 5965 Abuse Reporting Format: a complaint ("this is spam") forwarded by a mailbox provider.
import type { BounceFormat } from '../format.js';
import { emptyRecord } from '../types.js';
import { fieldLines } from '../dsn.js';
import { cleanAddress, findAddress } from '../text.js';
import { parseHeaderBlock } from '../message.js';

export const arf: BounceFormat = {
  id: 'ARF',
  detect: (m) =>
    m.hasFeedbackReport ||
    /report-type=["']?feedback-report/i.test(m.header('content-type')) ||
    /^Feedback-Type:/im.test(m.body.slice(0, 20000)),
  parse(m) {
    const body = m.body;
    const reportAt = body.search(/^Feedback-Type:/im);
    if (reportAt < 0) return null;
    const fields = new Map<string, string>();
    for (const [k, v] of fieldLines(body.slice(reportAt))) {
      if (k === '') break;
      if (!fields.has(k)) fields.set(k, v);
    }
    const original = body.slice(body.search(/^Content-Type:\s*(?:message\/rfc822|text\/rfc822-headers)/im) >>> 0);
    const originalHeaders = parseHeaderBlock(original.replace(/^Content-Type:[^\n]*\n\n?/i, '').split('\n\n')[0] ?? '');
    const recipient =
      cleanAddress(fields.get('original-rcpt-to') ?? '') ||
      cleanAddress(fields.get('removal-recipient') ?? '') ||
      findAddress(originalHeaders.get('to')?.[0] ?? '') ||
      findAddress(m.header('to'));
    if (!recipient) return null;
    const record = emptyRecord(recipient);
    record.reason = 'feedback';
    record.feedbackType = (fields.get('feedback-type') ?? '').toLowerCase();
    record.diagnostic = fields.get('user-agent') ? `Feedback report (${record.feedbackType}) from ${fields.get('user-agent')}` : `Feedback report (${record.feedbackType})`;
    record.remoteMta = fields.get('reporting-mta') ? fields.get('reporting-mta')!.replace(/^[^;]*;\s*/, '') : '';
    return { records: [record], original };
  },
};
