// Microsoft Exchange 2000/2003 and Outlook-era NDRs: "did not reach the following recipient(s):" then
// "address on date" and indented details ending in an MSEXCH:… diagnostic with a hex code.
import type { BounceFormat } from '../format.js';
import { emptyRecord, type DeliveryRecord, type Reason } from '../types.js';
import { cleanAddress, oneLine, splitOriginal } from '../text.js';

// MSEXCH hex codes whose meaning is certain (Sisimai's Exchange2003 table).
const CODES: Readonly<Record<string, Reason>> = { '000C05A6': 'userunknown' };

export const exchange2003: BounceFormat = {
  id: 'Exchange2003',
  detect: (m) => /did not reach the following recipient\(s\)|following recipient\(s\) could not be reached/i.test(m.body) && /MSEXCH:|Microsoft Exchange|X-MS-|X-Mailer: Internet Mail Service/i.test(m.body + [...m.headers.keys()].join(' ') + m.header('x-mailer')),
  parse(m) {
    const { report, original } = splitOriginal(m.body);
    const start = /(?:did not reach the following recipient\(s\)|following recipient\(s\) could not be reached):?\s*\n/i.exec(report);
    if (!start) return null;
    const records: DeliveryRecord[] = [];
    let current: DeliveryRecord | null = null;
    let details: string[] = [];
    const close = () => {
      if (!current) return;
      current.diagnostic = oneLine(details.join(' '));
      const code = /MSEXCH:[^\n]*?\(([0-9A-F]{8})\)/i.exec(current.diagnostic);
      if (code && CODES[(code[1] as string).toUpperCase()]) current.reason = CODES[(code[1] as string).toUpperCase()];
      records.push(current);
      current = null;
      details = [];
    };
    for (const line of report.slice(start.index + start[0].length).split('\n')) {
      const m2 = /^\s*([^\s@]+@[^\s]+?)\s+on\s+\S/.exec(line);
      if (m2) {
        close();
        current = emptyRecord(cleanAddress(m2[1] as string));
        continue;
      }
      if (!current) continue;
      if (line.trim() === '') {
        if (details.length) close();
        continue;
      }
      details.push(line);
    }
    close();
    return records.length ? { records, original } : null;
  },
};
