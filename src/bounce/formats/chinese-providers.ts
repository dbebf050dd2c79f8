// Tencent (QQ Mail / Exmail), NetEase (163/126/yeah/Qiye), Alibaba Mail and Coremail servers send their own
// 退信 (bounce) notices in Chinese, English or both, as text, HTML or both, usually GB2312/GBK or UTF-8 in
// base64. Each is one small format with its sender guard; the layout is read by labeled.ts, and their reply
// codes are classified by reasons/providers.ts. A notice that carries a message/delivery-status part is read
// by the RFC 3464 reader (the DSN is the authority) and these readers only enrich it (see analyze.ts).
import type { BounceFormat } from '../format.js';
import type { ParsedMessage } from '../../mail/message.js';
import { findAddress, splitOriginal } from '../text.js';
import { parseLabeled } from './labeled.js';
import { scanRecipients } from './scanner.js';

const NOTICE = /退信|投递失败|发送失败|未能成功|没有发送成功|无法发送|无法投递|未送达|未能送达|undeliver|delivery (?:status|failure|failed|notification)|failure notice|returned mail|could not be delivered|系统退信/i;

/** Recipients a provider notice names never include the sender (the notice's To) or the notice's own From. */
export function noticeExclusions(m: ParsedMessage, original = ''): string[] {
  const from = /^From:(.*)$/im.exec(original.slice(0, 20_000))?.[1] ?? '';
  return [findAddress(m.header('to')), findAddress(m.header('from')), findAddress(from)].filter(Boolean);
}

export function readNotice(m: ParsedMessage) {
  const { report, original } = splitOriginal(m.body);
  const exclude = noticeExclusions(m, original);
  let records = parseLabeled(report, { exclude });
  if (records.length === 0) records = scanRecipients(report, exclude.map((a) => a.toLowerCase()));
  return records.length ? { records, original } : null;
}

function providerFormat(id: string, senders: (m: ParsedMessage) => boolean): BounceFormat {
  return {
    id,
    detect: (m: ParsedMessage) => !m.hasDeliveryStatus && senders(m) && (NOTICE.test(m.subject) || NOTICE.test(m.body.slice(0, 3000))),
    parse: readNotice,
  };
}

const fromMatches = (re: RegExp) => (m: ParsedMessage) => re.test(m.header('from'));

export const TENCENT_SENDER = /@(?:[\w-]+\.)*(?:qq\.com|foxmail\.com|exmail\.qq\.com)\b/i;
export const NETEASE_SENDER = /@(?:[\w-]+\.)*(?:163\.com|126\.com|yeah\.net|188\.com|netease\.com|qiye\.163\.com)\b/i;
export const ALIBABA_SENDER = /@(?:[\w-]+\.)*(?:aliyun\.com|mxhichina\.com|alibaba-inc\.com|aliyun-inc\.com|alimail\.com)\b/i;

export const tencent = providerFormat('Tencent', fromMatches(TENCENT_SENDER));
export const netease = providerFormat('NetEase', fromMatches(NETEASE_SENDER));
export const alibaba = providerFormat('Alibaba', fromMatches(ALIBABA_SENDER));
// Coremail servers run under their customers' names: the X-CM-* / X-Coremail headers they add tell them.
const isCoremail = (m: ParsedMessage) => m.headers.has('x-cm-transid') || m.headers.has('x-coremail-antispam') || m.headers.has('x-coremail-locale') || /@(?:[\w-]+\.)*(?:icoremail\.net|coremail\.cn)\b/i.test(m.header('from'));
export const coremail = providerFormat('Coremail', isCoremail);

/** The notice format id of a message's writer (Tencent, NetEase, Alibaba, Coremail), '' when none of them. */
export function noticeFormatOf(m: ParsedMessage): string {
  const from = m.header('from');
  if (TENCENT_SENDER.test(from)) return 'Tencent';
  if (NETEASE_SENDER.test(from)) return 'NetEase';
  if (ALIBABA_SENDER.test(from)) return 'Alibaba';
  return isCoremail(m) ? 'Coremail' : '';
}
