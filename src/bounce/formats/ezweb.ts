// au (KDDI) EZweb: "Mail System Error - Returned Mail" from Postmaster@ezweb.ne.jp; the reason sentences and
// the "<address>" lines share one short notice.
import type { BounceFormat } from '../format.js';
import { emptyRecord } from '../types.js';
import { cleanAddress, oneLine, splitOriginal } from '../text.js';

export const ezweb: BounceFormat = {
  id: 'EZweb',
  detect: (m) => /@ezweb\.ne\.jp/i.test(m.header('from')) && /Mail System Error - Returned Mail/i.test(m.subject),
  parse(m) {
    const { report, original } = splitOriginal(m.body.replace(/^-{10,}\s*$/m, 'Content-Type: message/rfc822'));
    const lines = report.split('\n').map((l) => l.trim()).filter((l) => l && !/^--|^content-|^this message is in mime format/i.test(l));
    const addresses = lines.filter((l) => /^<[^\s<>@]+@[^\s<>]+>$/.test(l)).map((l) => cleanAddress(l));
    const words = oneLine(lines.filter((l) => !/^<[^\s<>@]+@[^\s<>]+>$/.test(l)).join(' '));
    const records = [...new Set(addresses)].map((a) => {
      const r = emptyRecord(a);
      r.diagnostic = words;
      if (/account is disabled/i.test(words)) r.reason = 'suspend';
      else if (/was not delivered within|not responding/i.test(words)) r.reason = 'expired';
      else if (/rejected by a remote mail server|domain filter/i.test(words)) r.reason = 'filtered';
      return r;
    });
    return records.length ? { records, original } : null;
  },
};
