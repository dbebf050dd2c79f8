// Google Groups: a post refused by a group (does not exist, or the sender may not post).
import type { BounceFormat } from '../format.js';
import { oneLine, splitOriginal } from '../text.js';
import { failedRecipients } from './merge.js';

export const googleGroups: BounceFormat = {
  id: 'GoogleGroups',
  detect: (m) => /@googlemail\.com|@google\.com/i.test(m.header('from')) && m.headers.has('x-failed-recipients') && /google ?groups|google グループ|groups\.google\.com/i.test(m.body),
  parse(m) {
    const records = failedRecipients(m).filter((r) => /@googlegroups\.com$|groups\./i.test(r.recipient) || true);
    const { report, original } = splitOriginal(m.body);
    const words = oneLine(report.split(/\n\s*\n/).slice(0, 3).join(' ')).slice(0, 400);
    for (const r of records) {
      r.reason = /address couldn't be found|address not found/i.test(words) ? 'userunknown' : 'rejected';
      // Google's wording for a non-existent address is its "550 5.1.1" (Gmail SMTP errors page).
      if (r.reason === 'userunknown') {
        r.status = '5.1.1';
        r.replyCode = '550';
      }
      r.diagnostic = words;
      r.action = 'failed';
    }
    return records.length ? { records, original } : null;
  },
};
