// Lotus Notes / HCL Domino: "was not delivered to:" then the addresses, "because:" then the reason.
import type { BounceFormat } from '../format.js';
import { emptyRecord } from '../types.js';
import { addressesIn, cleanAddress, oneLine, splitOriginal } from '../text.js';
import { mergeDeliveryStatus } from './merge.js';

const PARAGRAPH_AFTER = (label: RegExp, text: string): string => {
  const m = label.exec(text);
  if (!m) return '';
  const rest = text.slice(m.index + m[0].length).replace(/^\s*\n/, '');
  const end = rest.search(/\n\s*\n/);
  return end < 0 ? rest : rest.slice(0, end);
};

export const domino: BounceFormat = {
  id: 'Domino',
  detect: (m) => (/was not delivered to:/i.test(m.body) && /because:/i.test(m.body)) || /^-+\s*Failure Reasons\s*-+/m.test(m.body),
  parse(m) {
    const { report, original } = splitOriginal(m.body.replace(/^-+\s*Returned Message\s*-+\s*$/m, 'Content-Type: message/rfc822'));
    // Older Notes: "------- Failure Reasons --------", the reason lines, then the address.
    const failure = /^-+\s*Failure Reasons\s*-+\s*\n([\s\S]*?)(?:\n\s*\n|\n-{3,}|(?![\s\S]))/m.exec(report.replace(/^(-+\s*Failure Reasons\s*-+)\s*\n\s*\n/m, "$1\n"));
    if (failure) {
      const lines = (failure[1] as string).split('\n').map((l) => l.trim()).filter(Boolean);
      const addresses = lines.filter((l) => /^<?[^\s@<>]+@[^\s<>]+>?$/.test(l)).map((l) => cleanAddress(l));
      const why = oneLine(lines.filter((l) => !/^<?[^\s@<>]+@[^\s<>]+>?$/.test(l)).join(' '));
      const records = addresses.map((a) => {
        const r = emptyRecord(a);
        r.diagnostic = why;
        if (/not listed in (?:domino directory|public name & address book)/i.test(why)) r.reason = 'userunknown';
        return r;
      });
      if (records.length) return { records, original };
    }
    const list = PARAGRAPH_AFTER(/was not delivered to:\s*\n/i, report);
    const because = oneLine(PARAGRAPH_AFTER(/because:\s*\n/i, report));
    const addresses = addressesIn(list).map((x) => cleanAddress(x.address));
    if (addresses.length === 0) return null;
    const records = addresses.map((a) => {
      const r = emptyRecord(a);
      r.diagnostic = because;
      if (/not listed in (?:domino directory|public name & address book)|no such user/i.test(because)) r.reason = 'userunknown';
      return r;
    });
    return { records: mergeDeliveryStatus(records, m), original };
  },
};
