// Gmail's own (pre-DSN) bounce: "Delivery to the following recipient failed permanently:" then
// "Technical details of permanent failure:" with the remote server's reply.
import type { BounceFormat } from '../format.js';
import { emptyRecord } from '../types.js';
import { addressesIn, blockAfter, cleanAddress, findCommand, oneLine, splitOriginal } from '../text.js';
import { mergeDeliveryStatus } from './merge.js';

export const gmail: BounceFormat = {
  id: 'Gmail',
  detect: (m) => /@(?:googlemail|gmail|google)\.com/i.test(m.header('from')) && /Delivery to the following recipients? (?:failed|has been delayed)|Technical details of (?:permanent|temporary) failure/i.test(m.body),
  parse(m) {
    const { report, original } = splitOriginal(m.body);
    const list = blockAfter(report, /Delivery to the following recipients? (failed permanently|has been delayed|failed)/i, /^\S/);
    const addresses = list ? addressesIn(list.block).map((x) => cleanAddress(x.address)) : [];
    if (addresses.length === 0) return null;
    const heading = /Technical details of (?:permanent|temporary) failure:/i.exec(report);
    let text = '';
    if (heading) {
      const rest = report.slice(heading.index + heading[0].length);
      const rule = /\n[ \t]*-{3,}/.exec(rest);
      text = oneLine(rule ? rest.slice(0, rule.index) : rest);
    }
    const records = addresses.map((a) => {
      const r = emptyRecord(a);
      r.diagnostic = text;
      r.command = findCommand(text);
      if (list && /delayed/i.test(list.match[1] as string)) r.action = 'delayed';
      if (/technical details of temporary failure/i.test(report)) r.temporary = true;
      // Gmail's "(state N)": the SMTP state the remote server refused in; 17/18 are after DATA (content filtered).
      const state = /\(state (\d+)\)/.exec(text)?.[1];
      if (state === '17' || state === '18') {
        r.command = 'DATA';
        r.reason = 'filtered';
      }
      if (/tls negotiation failed|starttls|does not support tls/i.test(text)) r.reason = 'failedstarttls';
      // Gmail's own words for a host it could not reach.
      if (/did not accept our requests to connect|the recipient server did not respond|could not connect/i.test(text)) r.reason = 'expired';
      return r;
    });
    mergeDeliveryStatus(records, m);
    return { records, original };
  },
};
