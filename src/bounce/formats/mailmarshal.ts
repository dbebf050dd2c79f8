// Trustwave MailMarshal: "Could not be delivered because of" the reason, then "The following recipients were affected:".
import type { BounceFormat } from '../format.js';
import { emptyRecord } from '../types.js';
import { addressesIn, blockAfter, cleanAddress, joinReplyLines, splitOriginal } from '../text.js';

export const mailMarshal: BounceFormat = {
  id: 'MailMarshal',
  detect: (m) => /The following recipients were affected:/i.test(m.body) && /Could not be delivered because of/i.test(m.body),
  parse(m) {
    const { report, original } = splitOriginal(m.body);
    const why = blockAfter(report, /Could not be delivered because of/i, /The following recipients were affected:/i);
    const list = blockAfter(report, /The following recipients were affected:/i, /^\S/);
    if (!list) return null;
    const diagnostic = joinReplyLines((why?.block ?? '').split('\n').filter((l) => l.trim()));
    const records = addressesIn(list.block).map((x) => {
      const r = emptyRecord(cleanAddress(x.address));
      r.diagnostic = diagnostic;
      return r;
    });
    return records.length ? { records, original } : null;
  },
};
