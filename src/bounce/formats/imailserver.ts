// Ipswitch IMail Server (X-Mailer: <SMTP32 v…>): "Unknown user: address" lines before "Original message follows."
import type { BounceFormat } from '../format.js';
import { emptyRecord, type DeliveryRecord, type Reason } from '../types.js';
import { addressesIn, blockAfter, cleanAddress, joinReplyLines } from '../text.js';

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
      const hit = /^[ \t]*([A-Za-z][^:\n]{3,80}):[ \t]*<?([^\s<>@]+@[^\s<>]+)$/.exec(line.trimEnd().replace(/>$/, ''));
      if (!hit || /^(?:to|cc|from|date|subject)$/i.test((hit[1] as string).trim())) continue;
      const record = emptyRecord(cleanAddress(hit[2] as string));
      record.diagnostic = (hit[1] as string).trim();
      const known = IMAIL_REASONS.find(([re]) => re.test(record.diagnostic));
      if (known) record.reason = known[1];
      records.push(record);
    }
    // "undeliverable to address" followed by the remote server's response.
    const undeliverable = /undeliverable to[ \t]+/i.exec(report);
    const to = undeliverable ? addressesIn(report.slice(undeliverable.index, report.indexOf('\n', undeliverable.index) >>> 0), { max: 1 })[0] : undefined;
    const response = to ? blockAfter(report.slice(undeliverable!.index), /generated response:/i) : null;
    if (to && response && !records.length) {
      const record = emptyRecord(cleanAddress(to.address));
      record.diagnostic = joinReplyLines(response.block.split('\n'));
      records.push(record);
    }
    return records.length ? { records, original } : null;
  },
};
