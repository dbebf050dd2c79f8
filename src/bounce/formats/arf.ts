// RFC 5965 Abuse Reporting Format: a complaint ("this is spam") forwarded by a mailbox provider.
import type { BounceFormat } from '../format.js';
import { emptyRecord, type DeliveryRecord } from '../types.js';
import type { ParsedMessage } from '../../mail/message.js';
import { fieldLines } from '../dsn.js';
import { cleanAddress, findAddress, oneLine, originalHeaderFields, splitOriginal } from '../text.js';

export const arf: BounceFormat = {
  id: 'ARF',
  detect: (m) =>
    m.hasFeedbackReport ||
    /^X-HmXmrOriginalRecipient:/im.test(m.body) ||
    /report-type=["']?feedback-report/i.test(m.header('content-type')) ||
    /^Feedback-Type:/im.test(m.body.slice(0, 20000)),
  parse(m) {
    const body = m.body;
    const partAt = body.search(/^Content-Type:\s*message\/feedback-report/im);
    const reportAt = partAt >= 0 ? partAt : body.search(/^Feedback-Type:/im);
    if (reportAt < 0) return hotmailComplaint(m);
    const fields = new Map<string, string>();
    const recipients: string[] = [];
    // The report part runs to the next part (its own Content-Type line); part headers and blank lines inside are skipped.
    const rest = body.slice(reportAt).replace(/^Content-Type:[^\n]*\n/i, '');
    const next = rest.search(/^Content-Type:/im);
    for (const [k, v] of fieldLines(next < 0 ? rest : rest.slice(0, next))) {
      if (k === '' || k === 'content-disposition' || k === 'content-transfer-encoding') continue;
      if (k === 'original-rcpt-to' && v.includes('@')) recipients.push(cleanAddress(v));
      if (!fields.has(k)) fields.set(k, v);
    }
    const { report, original } = splitOriginal(body);
    const originalHeaders = originalHeaderFields(original);
    const intro = oneLine(report.split(/\n\s*\n/).find((p) => p.trim() && !/^Content-|^Feedback-Type:/im.test(p.trim())) ?? '');
    if (intro) fields.set('x-intro', intro.slice(0, 300));
    if (recipients.length > 1) {
      return { records: recipients.map((r) => feedbackRecord(r, fields)), original };
    }
    const recipient =
      recipients[0] ||
      cleanAddress(fields.get('removal-recipient') ?? '') ||
      findAddress(originalHeaders.get('to')?.[0] ?? '') ||
      findAddress(m.header('to'));
    if (!recipient) return null;
    return { records: [feedbackRecord(recipient, fields)], original };
  },
};

function feedbackRecord(recipient: string, fields: Map<string, string>): DeliveryRecord {
  const record = emptyRecord(recipient);
  record.reason = 'feedback';
  record.feedbackType = (fields.get('feedback-type') ?? '').toLowerCase();
  const agent = fields.get('user-agent');
  record.diagnostic = fields.get('x-intro') || (agent ? `Feedback report (${record.feedbackType}) from ${agent}` : `Feedback report (${record.feedbackType})`);
  record.remoteMta = (fields.get('reporting-mta') ?? '').replace(/^[^;]*;\s*/, '');
  return record;
}

// Microsoft's (JMRP) complaints carry no feedback-report part: the recipient is in X-HmXmrOriginalRecipient.
function hotmailComplaint(m: ParsedMessage) {
  const at = m.body.search(/^X-HmXmrOriginalRecipient:/im);
  if (at < 0) return null;
  const recipient = findAddress(m.body.slice(at, m.body.indexOf('\n', at)));
  if (!recipient) return null;
  const record = emptyRecord(recipient);
  record.reason = 'feedback';
  record.feedbackType = 'abuse';
  record.diagnostic = oneLine(m.subject);
  return { records: [record], original: m.body.slice(m.body.search(/^Content-Type:\s*message\/rfc822/im) >>> 0) };
}
