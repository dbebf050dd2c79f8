// OpenSMTPD: "This is the MAILER-DAEMON, please DO NOT REPLY to this email." then "address: reason" lines.
// Its DSN part repeats only generic codes (4.4.7, 5.0.0), so the per-recipient lines are what count.
import type { BounceFormat } from '../format.js';
import { emptyRecord, type DeliveryRecord } from '../types.js';
import { cleanAddress, findCommand, oneLine, splitOriginal } from '../text.js';
import { mtaPhraseReason } from '../reasons/mta-phrases.js';

export const opensmtpd: BounceFormat = {
  id: 'OpenSMTPD',
  detect: (m) => /This is the MAILER-DAEMON, please DO NOT REPLY to this e-?mail/i.test(m.body.slice(0, 3000)),
  parse(m) {
    const { report, original } = splitOriginal(m.body);
    const human = report.replace(/^Content-(?:Type|Description):[^\n]*Delivery Report[\s\S]*|^Content-Type: message\/(?:global-)?delivery-status[\s\S]*/im, '');
    const records: DeliveryRecord[] = [];
    for (const line of human.split('\n')) {
      const hit = /^([^\s:<>@]+@[^\s:<>]+):[ \t](.*)$/.exec(line);
      if (hit && !(hit[2] as string).trim()) continue;
      if (!hit) continue;
      const record = emptyRecord(cleanAddress(hit[1] as string));
      record.diagnostic = oneLine(hit[2] as string);
      record.command = findCommand(record.diagnostic);
      const known = mtaPhraseReason(record.diagnostic);
      if (known) record.reason = known;
      if (/^domain does not exist/i.test(record.diagnostic)) record.reason = 'hostunknown';
      records.push(record);
    }
    return records.length ? { records, original } : null;
  },
};
