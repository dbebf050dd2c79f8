// Ipswitch IMail Server (X-Mailer: <SMTP32 v…>): "Unknown user: address" lines before "Original message follows."
import type { BounceFormat } from '../format.js';
import { emptyRecord, type DeliveryRecord, type Reason } from '../types.js';
import { cleanAddress, joinReplyLines } from '../text.js';

// IMail's own phrases (the text before the colon) and what they mean.
const IMAIL_REASONS: readonly [RegExp, Reason][] = [
  [/^unknown user/i, 'userunknown'],
  [/^invalid final delivery userid/i, 'userunknown'],
  [/^user mailbox exceeds allowed size/i, 'mailboxfull'],
  [/^delivery failed \d+ attempts/i, 'expired'],
  [/^host unknown/i, 'hostunknown'],
  [/^unable to relay/i, 'norelaying'],
  [/^request failed/i, 'onhold'],
];

export const imailServer: BounceFormat = {
  id: 'IMailServer',
  detect: (m) => /^<SMTP32 v/i.test(m.header('x-mailer').trim()),
  parse(m) {
    const cut = m.body.search(/^Original message follows\./m);
    const report = cut < 0 ? m.body : m.body.slice(0, cut);
    const original = cut < 0 ? '' : m.body.slice(cut).replace(/^Original message follows\.\s*\n/, '');
    const records: DeliveryRecord[] = [];
    for (const line of report.split('\n')) {
      const hit = /^\s*([A-Za-z][^:\n]{3,80}):\s*<?([^\s<>@]+@[^\s<>]+?)>?\s*$/.exec(line);
      if (!hit || /^(?:to|cc|from|date|subject)$/i.test((hit[1] as string).trim())) continue;
      const record = emptyRecord(cleanAddress(hit[2] as string));
      record.diagnostic = (hit[1] as string).trim();
      const known = IMAIL_REASONS.find(([re]) => re.test(record.diagnostic));
      if (known) record.reason = known[1];
      records.push(record);
    }
    // "undeliverable to address" followed by the remote server's response.
    const undeliverable = /undeliverable to\s+<?([^\s<>@]+@[^\s<>]+?)>?\s*\n[\s\S]*?generated response:\s*\n([\s\S]*?)(?:\n\s*\n|$)/i.exec(report);
    if (undeliverable && !records.length) {
      const record = emptyRecord(cleanAddress(undeliverable[1] as string));
      record.diagnostic = joinReplyLines((undeliverable[2] as string).split('\n'));
      records.push(record);
    }
    return records.length ? { records, original } : null;
  },
};
