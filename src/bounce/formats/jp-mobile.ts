// Japanese ISP / mobile carrier notices (au one net / KDDI, BIGLOBE): "Could not be delivered to: <address>"
// or "----- The following addresses had delivery problems -----", with the reason in the next lines.
import type { BounceFormat } from '../format.js';
import { emptyRecord, type DeliveryRecord } from '../types.js';
import { cleanAddress, oneLine, splitOriginal } from '../text.js';

export const jpMobile: BounceFormat = {
  id: 'JPCarrier',
  detect: (m) => /@(?:[\w-]+\.)*(?:dion\.ne\.jp|biglobe\.ne\.jp|ezweb\.ne\.jp|au\.com)\b/i.test(m.header('from')) && /Could not be delivered to:|The following addresses had delivery problems/i.test(m.body),
  parse(m) {
    const { report, original } = splitOriginal(m.body);
    const records: DeliveryRecord[] = [];
    const kddi = /Could not be delivered to:\s*<?([^\s<>]+@[^\s<>]+)>?\s*\n([\s\S]*?)(?:\n\s*\n|$)/i.exec(report);
    if (kddi) {
      const r = emptyRecord(cleanAddress(kddi[1] as string));
      r.diagnostic = oneLine(kddi[2] as string);
      records.push(r);
    }
    const biglobe = /The following addresses had delivery problems -+\s*\n\s*<?([^\s<>]+@[^\s<>]+)>?[\s\S]*?Non-delivered information -+\s*\n([\s\S]*?)(?:\n\s*\n|$)/i.exec(report);
    if (biglobe) {
      const r = emptyRecord(cleanAddress(biglobe[1] as string));
      r.diagnostic = oneLine(biglobe[2] as string);
      records.push(r);
    }
    for (const r of records) if (/mailbox is full|exceeded the local limit/i.test(r.diagnostic)) r.reason = 'mailboxfull';
    return records.length ? { records, original } : null;
  },
};
