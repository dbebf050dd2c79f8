// Japanese ISP / mobile carrier notices (au one net / KDDI, BIGLOBE): "Could not be delivered to: <address>"
// or "----- The following addresses had delivery problems -----", with the reason in the next lines.
import type { BounceFormat } from '../format.js';
import { emptyRecord, type DeliveryRecord } from '../types.js';
import { addressesIn, blockAfter, cleanAddress, oneLine, splitOriginal } from '../text.js';

export const jpMobile: BounceFormat = {
  id: 'JPCarrier',
  detect: (m) => /@(?:[\w-]+\.)*(?:dion\.ne\.jp|biglobe\.ne\.jp|ezweb\.ne\.jp|au\.com)\b/i.test(m.header('from')) && /Could not be delivered to:|The following addresses had delivery problems/i.test(m.body),
  parse(m) {
    const { report, original } = splitOriginal(m.body);
    const records: DeliveryRecord[] = [];
    const kddi = /Could not be delivered to:/i.exec(report);
    const kddiTo = kddi ? addressesIn(report.slice(kddi.index, kddi.index + 600), { max: 1 })[0] : undefined;
    if (kddi && kddiTo) {
      const r = emptyRecord(cleanAddress(kddiTo.address));
      r.diagnostic = oneLine(blockAfter(report.slice(kddi.index + kddiTo.end), /^/)?.block ?? '');
      records.push(r);
    }
    const biglobe = /The following addresses had delivery problems -+/i.exec(report);
    const biglobeTo = biglobe ? addressesIn(report.slice(biglobe.index + biglobe[0].length, biglobe.index + 600), { max: 1 })[0] : undefined;
    const info = biglobe ? blockAfter(report.slice(biglobe.index), /Non-delivered information -+/i) : null;
    if (biglobeTo && info) {
      const r = emptyRecord(cleanAddress(biglobeTo.address));
      r.diagnostic = oneLine(info.block);
      records.push(r);
    }
    for (const r of records) if (/mailbox is full|exceeded the local limit/i.test(r.diagnostic)) r.reason = 'mailboxfull';
    return records.length ? { records, original } : null;
  },
};
