// Gmail / Google Workspace notices without a usable DSN part: "** Address not found **",
// "** Message not delivered **" and the recipients in X-Failed-Recipients.
import type { BounceFormat } from '../format.js';
import { oneLine, splitOriginal } from '../text.js';
import { failedRecipients } from './merge.js';

export const googleNotice: BounceFormat = {
  id: 'GoogleNotice',
  detect: (m) => /@(?:googlemail|google)\.com/i.test(m.header('from')) && m.headers.has('x-failed-recipients') && /^\*\* .+ \*\*\s*$/m.test(m.body),
  parse(m) {
    const records = failedRecipients(m);
    const { report, original } = splitOriginal(m.body);
    const at = report.search(/^\*\* .+ \*\*\s*$/m);
    const text = report.slice(at).split(/^--/m)[0] ?? '';
    const words = oneLine(text.split(/\n\s*\n/).filter((p) => !/^learn more/i.test(p.trim())).slice(0, 5).join(' ')).slice(0, 500);
    for (const r of records) {
      r.diagnostic = words;
      r.action = 'failed';
      if (/address couldn't be found|address not found/i.test(words)) {
        r.reason = 'userunknown';
        r.status = '5.1.1';
        r.replyCode = '550';
      }
    }
    return records.length ? { records, original } : null;
  },
};
