// Tencent (QQ Mail / Exmail), NetEase (163/126/yeah/Qiye) and Alibaba Mail send their own 退信 (bounce)
// notices in Chinese, usually GB2312/GBK or UTF-8 in base64. Each is one small format with its sender guard;
// the shared layout is read by labeled.ts, and their reply codes are classified by reasons/providers.ts.
import type { BounceFormat } from '../format.js';
import type { ParsedMessage } from '../../mail/message.js';
import { splitOriginal } from '../text.js';
import { parseLabeled } from './labeled.js';
import { scanRecipients } from './scanner.js';

const NOTICE = /退信|投递失败|发送失败|未能成功|没有发送成功|无法发送|无法投递|未送达|undeliver|delivery (?:status|failure|failed)|failure notice|returned mail/i;

function providerFormat(id: string, senders: RegExp): BounceFormat {
  return {
    id,
    detect: (m: ParsedMessage) => senders.test(m.header('from')) && (NOTICE.test(m.subject) || NOTICE.test(m.body.slice(0, 3000))),
    parse(m) {
      const { report, original } = splitOriginal(m.body);
      let records = parseLabeled(report);
      if (records.length === 0) records = scanRecipients(report, [m.header('to').toLowerCase()]);
      return records.length ? { records, original } : null;
    },
  };
}

export const tencent = providerFormat('Tencent', /@(?:[\w-]+\.)*(?:qq\.com|foxmail\.com|exmail\.qq\.com)\b/i);
export const netease = providerFormat('NetEase', /@(?:[\w-]+\.)*(?:163\.com|126\.com|yeah\.net|188\.com|netease\.com|qiye\.163\.com)\b/i);
export const alibaba = providerFormat('Alibaba', /@(?:[\w-]+\.)*(?:aliyun\.com|mxhichina\.com|alibaba-inc\.com|aliyun-inc\.com|alimail\.com)\b/i);
