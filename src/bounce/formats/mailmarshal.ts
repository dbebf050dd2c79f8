// Trustwave MailMarshal: "Could not be delivered because of" the reason, then "The following recipients were affected:".
import type { BounceFormat } from '../format.js';
import { emptyRecord } from '../types.js';
import { cleanAddress, joinReplyLines, splitOriginal } from '../text.js';

export const mailMarshal: BounceFormat = {
  id: 'MailMarshal',
  detect: (m) => /The following recipients were affected:/i.test(m.body) && /Could not be delivered because of/i.test(m.body),
  parse(m) {
    const { report, original } = splitOriginal(m.body);
    const why = /Could not be delivered because of\s*\n([\s\S]*?)\n\s*The following recipients were affected:/i.exec(report);
    const list = /The following recipients were affected:\s*\n((?:[ \t]+\S+@\S+\s*\n?)+)/i.exec(report);
    if (!list) return null;
    const diagnostic = joinReplyLines(((why?.[1] as string) ?? '').split('\n').filter((l) => l.trim()));
    const records = [...(list[1] as string).matchAll(/(\S+@\S+)/g)].map((x) => {
      const r = emptyRecord(cleanAddress(x[1] as string));
      r.diagnostic = diagnostic;
      return r;
    });
    return records.length ? { records, original } : null;
  },
};
