// Apache James (and the Verizon/vtext gateway built on it): "Error: …", "Error message below:" with the
// remote reply, then "Message details:" whose "RCPT TO:" line is the recipient.
import type { BounceFormat } from '../format.js';
import { emptyRecord } from '../types.js';
import { cleanAddress, joinReplyLines, splitOriginal } from '../text.js';

export const apacheJames: BounceFormat = {
  id: 'ApacheJames',
  detect: (m) => /^Error message below:/m.test(m.body) && /^Message details:/m.test(m.body),
  parse(m) {
    const { report, original } = splitOriginal(m.body);
    const rcpt = /^[ \t]*RCPT TO:[ \t]*<?([^\s<>@]+@[^\s<>]+)/im.exec(report);
    if (!rcpt) return null;
    const start = report.search(/^Error:/m);
    const end = report.search(/^Message details:/m);
    const words = report.slice(start < 0 ? 0 : start, end).split('\n').filter((l) => l.trim() && !/^Error message below:/i.test(l));
    const record = emptyRecord(cleanAddress(rcpt[1] as string));
    record.diagnostic = joinReplyLines(words);
    // Verizon's gateway answers only for its own subscribers: "Invalid user address" means no such user.
    if (/@vtext\.com|@vzwpix\.com/i.test(m.header('from')) && /invalid user address/i.test(record.diagnostic)) record.reason = 'userunknown';
    return { records: [record], original };
  },
};
