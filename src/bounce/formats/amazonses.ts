// Amazon SES notifications delivered by e-mail (SNS → e-mail): the body is JSON with notificationType
// Bounce, Complaint or Delivery.
import type { BounceFormat } from '../format.js';
import { emptyRecord, type DeliveryRecord } from '../types.js';
import { cleanAddress } from '../text.js';

interface SesRecipient { emailAddress?: string; action?: string; status?: string; diagnosticCode?: string }
interface SesNotification {
  notificationType?: string;
  eventType?: string;
  bounce?: { bounceType?: string; bounceSubType?: string; bouncedRecipients?: SesRecipient[]; reportingMTA?: string; remoteMtaIp?: string };
  complaint?: { complainedRecipients?: SesRecipient[]; complaintFeedbackType?: string };
  delivery?: { recipients?: string[]; smtpResponse?: string; reportingMTA?: string };
  Message?: string;
}

function notificationOf(body: string): SesNotification | null {
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  try {
    // Mail transport may have wrapped long lines: a JSON document has no raw newlines inside strings.
    let data = JSON.parse(body.slice(start, end + 1).replace(/\r?\n/g, '')) as SesNotification;
    // An SNS envelope holds the notification as a JSON string in "Message".
    if (typeof data.Message === 'string' && data.Message.startsWith('{')) data = JSON.parse(data.Message) as SesNotification;
    return data;
  } catch {
    return null;
  }
}

export const amazonSesJson: BounceFormat = {
  id: 'AmazonSES',
  detect: (m) => /\\?"(?:notificationType|eventType)\\?"\s*:/.test(m.body.slice(0, 20000)),
  parse(m) {
    const n = notificationOf(m.body);
    if (!n) return null;
    const type = n.notificationType ?? n.eventType ?? '';
    const records: DeliveryRecord[] = [];
    if (type === 'Bounce' && n.bounce) {
      for (const r of n.bounce.bouncedRecipients ?? []) {
        if (!r.emailAddress) continue;
        const record = emptyRecord(cleanAddress(r.emailAddress));
        record.action = r.action ?? 'failed';
        record.status = r.status ?? '';
        record.diagnostic = (r.diagnosticCode ?? '').replace(/^smtp;\s*/i, '');
        record.diagnosticType = 'SMTP';
        record.remoteMta = n.bounce.remoteMtaIp ?? '';
        if (n.bounce.bounceSubType === 'Suppressed') record.reason = 'suppressed';
        records.push(record);
      }
    } else if (type === 'Complaint' && n.complaint) {
      for (const r of n.complaint.complainedRecipients ?? []) {
        if (!r.emailAddress) continue;
        const record = emptyRecord(cleanAddress(r.emailAddress));
        record.reason = 'feedback';
        record.feedbackType = n.complaint.complaintFeedbackType ?? 'abuse';
        records.push(record);
      }
    } else if (type === 'Delivery' && n.delivery) {
      for (const address of n.delivery.recipients ?? []) {
        const record = emptyRecord(cleanAddress(address));
        record.action = 'delivered';
        record.diagnostic = n.delivery.smtpResponse ?? '';
        record.status = /\b2\.\d\.\d\b/.exec(record.diagnostic)?.[0] ?? '2.0.0';
        record.reason = 'delivered';
        records.push(record);
      }
    }
    return records.length ? { records } : null;
  },
};
