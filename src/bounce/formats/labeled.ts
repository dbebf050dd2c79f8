// Provider-native notices (Tencent, NetEase, Alibaba, Coremail and any provider that writes its own 退信
// text) read as people lay them out: labels padded with ASCII or ideographic spaces (`收 件 人：`),
// bilingual labels (`收件人 Recipient:`, `收件人 / To:`), ASCII or full-width colons, a label whose value is
// on the next non-empty line, and HTML tables (cells joined by a tab: src/mail/html-text.ts) with label and
// value in separate cells or one row per recipient under a header row.
//
// The notice is split into recipient blocks: a block starts at a recipient label, a table row or a list
// line naming an address, and owns everything up to the next. A block's words are its own: one
// recipient's reply is never lent to another. The server's SMTP reply (behind a label such as `错误代码：`,
// `对方服务器返回：`, `Reply:`, after `HOST [IP] said:`, or on a line of its own) becomes the diagnostic;
// the provider's own explanation and suggestion (退信原因 / 建议) are kept apart. Addresses the notice says
// were delivered, and the sender's own addresses, are not recipients. Linear in the size of the notice.
import { emptyRecord, type DeliveryRecord } from '../types.js';
import { addressesIn, cleanAddress, findCommand, joinReplyLines, oneLine } from '../text.js';
import { findReplyCode, findStatus } from '../reasons/status-codes.js';

type Label = 'recipient' | 'reason' | 'reply' | 'host' | 'suggestion' | 'result' | 'sender' | 'other';

// Each label group: Chinese labels and English labels (compared with spaces, slashes and brackets removed,
// lower case). A bilingual label is any Chinese one followed by any English one of the same group (or the
// reverse).
const LABELS: Record<Label, { zh: readonly string[]; en: readonly string[] }> = {
  recipient: {
    zh: ['收件人', '收信人', '收件地址', '收件者', '收件人地址', '原收件人', '失败收件人', '收件人邮箱', '收件邮箱', '退信地址', '投递地址', '对方地址', '目标地址', '宛先'],
    en: ['recipient', 'recipients', 'recipientaddress', 'to', 'targetmailaddress', 'failedrecipient', 'failedrecipients', 'address', 'emailaddress', 'mailbox'],
  },
  reason: {
    zh: ['退信原因', '失败原因', '错误原因', '原因', '退信理由', '失败理由', '原因说明', '退信说明', '错误说明', '详细原因', '原因分析'],
    en: ['reason', 'failurereason', 'rejectreason', 'cause', 'explanation', 'description'],
  },
  reply: {
    zh: ['错误代码', '错误码', '错误信息', '服务器返回信息', '服务器回复', '服务器返回', '对方服务器返回', '对方服务器返回信息', '对方服务器回复', '对方回复', '返回信息', '远程服务器返回', '收件服务器返回', '退信代码', '详细信息', '错误详情', '技术细节'],
    en: ['reply', 'response', 'serverresponse', 'serverreply', 'remoteserversaid', 'remoteserverreply', 'remoteresponse', 'diagnostic', 'diagnosticcode', 'error', 'errorcode', 'errormessage', 'smtpreply', 'smtpresponse', 'smtperror', 'details', 'technicaldetails'],
  },
  host: {
    zh: ['对方服务器', '收件服务器', '远程服务器', '对方邮件服务器', '目标服务器', '收件方服务器', '远端服务器', '服务器'],
    en: ['remoteserver', 'remotehost', 'remotemta', 'host', 'server', 'mx', 'mailserver', 'destinationserver'],
  },
  suggestion: {
    zh: ['建议', '解决方案', '解决办法', '处理建议', '建议处理', '解决方法', '处理方法', '温馨提示', '提示'],
    en: ['suggestion', 'suggestions', 'solution', 'advice', 'whattodo', 'howtofix', 'tip'],
  },
  result: {
    zh: ['状态', '投递状态', '结果', '投递结果', '发送结果', '发送状态'],
    en: ['status', 'result', 'deliverystatus', 'deliveryresult'],
  },
  sender: {
    zh: ['发件人', '发信人', '发件地址', '寄件人'],
    en: ['from', 'sender', 'senderaddress'],
  },
  other: {
    zh: ['主题', '邮件主题', '时间', '发送时间', '发信时间', '投递时间', '日期', '抄送', '密送', '信件主题'],
    en: ['subject', 'date', 'time', 'senttime', 'sent', 'cc', 'bcc'],
  },
};

const LABEL_KEYS = new Map<string, Label>();
for (const [label, { zh, en }] of Object.entries(LABELS) as [Label, (typeof LABELS)[Label]][]) {
  for (const z of zh) {
    LABEL_KEYS.set(z, label);
    for (const e of en) {
      LABEL_KEYS.set(z + e, label);
      LABEL_KEYS.set(e + z, label);
    }
  }
  for (const e of en) LABEL_KEYS.set(e, label);
}
const MAX_KEY = 40;

/** The label group of a label text ('' when it is none): spaces, slashes, brackets and filler removed. */
export function labelOf(text: string): Label | '' {
  if (text.length > MAX_KEY) return '';
  const key = text.toLowerCase().replace(/[\s\u3000/／|｜()（）[\]【】*·•:：\-_.]/g, '');
  if (!key) return '';
  return LABEL_KEYS.get(key) ?? LABEL_KEYS.get(key.replace(/^(?:the|your|失败的?|退回的?)/, '')) ?? '';
}

/** A line split at its label: the label's group and the value after it ('' value: on the next line). */
function splitLabel(line: string): { label: Label; value: string } | null {
  const head = line.slice(0, MAX_KEY + 2);
  let sep = -1;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === ':' || c === '：' || c === '\t') {
      sep = i;
      break;
    }
  }
  if (sep < 0) {
    // A label alone on its line (its value on the next non-empty line).
    const label = labelOf(line.trim());
    return label ? { label, value: '' } : null;
  }
  const label = labelOf(line.slice(0, sep));
  if (!label) return null;
  return { label, value: line.slice(sep + 1).replace(/^[\s:：]+/, '').trim() };
}

const DELIVERED_INTRO = /已成功投递|成功投递|投递成功|发送成功|已送达|已经送达|已发送成功|delivered successfully|successfully delivered|was delivered|were delivered|delivery succeeded|已投递到/i;
const FAILED_INTRO = /以下收件人|下列(?:地址|收件人|收件者)|无法(?:投递|送达|发送)|未能(?:成功)?(?:投递|送达|发送)|没有(?:发送|投递)成功|投递失败|发送失败|退信|following (?:recipients?|address(?:es)?)|could not be delivered|undeliverable|delivery (?:has )?failed|failed (?:to deliver|recipients?)|not delivered|permanent(?:ly)? fail|rejected|temporary failure|delayed/i;
const SUCCESS_VALUE = /^(?:成功|已送达|已投递|投递成功|发送成功|已发送)|^(?:delivered|success(?:ful)?|ok|sent)\b/i;
const FAILURE_VALUE = /^(?:投递失败|发送失败|失败|退信|failed|failure|undeliverable|bounced)$/i;

// An IP in brackets or parentheses after a host name ("mx.example.com [192.0.2.1]", "（192.0.2.1）").
const BRACKET_IP = /[[(（]\s{0,3}((?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7})\s{0,3}[\])）]/i;
const HOST_NAME = /^[a-z0-9](?:[a-z0-9-]{0,62}\.){1,10}[a-z]{2,24}$/i;
const SAID = /^\s{0,3}(?:said|replied|responded|answered|returned|回复|返回|反馈)?\s{0,3}[:：]?\s{0,3}/i;

export interface RemoteReply {
  host: string;
  ip: string;
  /** The words after "HOST [IP] said:" ('' when none follow). */
  rest: string;
}

/** "HOST [IP] said: …", "response from HOST [IP]: …", "对方服务器 HOST (IP) 返回：…" in one line (linear). */
export function findRemote(line: string): RemoteReply | null {
  const m = BRACKET_IP.exec(line);
  if (m) {
    // The host name just before the bracket.
    let end = m.index;
    while (end > 0 && /\s/.test(line[end - 1] as string)) end--;
    let start = end;
    while (start > 0 && end - start < 255 && /[A-Za-z0-9.-]/.test(line[start - 1] as string)) start--;
    const host = line.slice(start, end).replace(/\.$/, '');
    const after = line.slice(m.index + m[0].length);
    const said = SAID.exec(after);
    const rest = said ? after.slice(said[0].length) : after;
    return { host: HOST_NAME.test(host) ? host.toLowerCase() : '', ip: m[1] as string, rest: rest.trim() };
  }
  const from = /\b(?:response from|reply from|said by|host|server|服务器)\s{1,3}([A-Za-z0-9][A-Za-z0-9.-]{0,253})\s{0,3}(?:said|replied|responded|returned|返回|回复)?\s{0,3}[:：]/i.exec(line);
  if (from && HOST_NAME.test((from[1] as string).replace(/\.$/, ''))) {
    return { host: (from[1] as string).replace(/\.$/, '').toLowerCase(), ip: '', rest: line.slice(from.index + from[0].length).trim() };
  }
  return null;
}

const REPLY_START = /^\s{0,8}(?:<<<\s{0,3})?[245]\d\d[ -]/;

interface Block {
  addresses: string[];
  /** Words of the server (reply lines), in order. */
  reply: string[];
  /** The provider's explanation and suggestion, as written (label included). */
  explanation: string[];
  host: string;
  ip: string;
  delivered: boolean;
  /** Unlabelled lines inside the block (a reply may be among them). */
  loose: string[];
}

const newBlock = (addresses: string[]): Block => ({ addresses, reply: [], explanation: [], host: '', ip: '', delivered: false, loose: [] });

export interface NoticeOptions {
  /** Addresses that are never recipients (the sender's own, the notice's own). */
  exclude?: readonly string[];
  /** Most recipients read (the rest are counted, not read). */
  max?: number;
  /** Only labelled recipients (labels, table rows): no list lines or summary sentences (the generic scanner). */
  labelledOnly?: boolean;
}

export interface NoticeRecord extends DeliveryRecord {
  providerExplanation?: string;
}

/** A label's text without its trailing colon and blanks (linear). */
function trimLabel(text: string): string {
  let end = text.length;
  while (end > 0 && ':： \t\u3000'.includes(text[end - 1] as string)) end--;
  return text.slice(0, end);
}

const NOT_RECIPIENT = /^(?:mailer-daemon|postmaster|abuse|noreply|no-reply|root|nobody|bounce|bounces)@/i;
const MAX_LINES = 20_000;
const MAX_LINE = 4000;

function addressList(text: string): string[] {
  return addressesIn(text, { tld: true, max: 200 }).map((a) => cleanAddress(a.address));
}

/** True when a line is only addresses (and separators, list bullets, brackets). */
function onlyAddresses(line: string): boolean {
  const found = addressesIn(line, { tld: true, max: 50 });
  if (found.length === 0) return false;
  let rest = '';
  let at = 0;
  for (const f of found) {
    rest += line.slice(at, f.start);
    at = f.end;
  }
  rest += line.slice(at);
  return /^[\s<>,;，；、*•·\-–—\d.)(（）"']*$/.test(rest);
}

/** The records of a provider-native notice, one per failed recipient (none when it names none). */
export function parseLabeled(report: string, options: NoticeOptions = {}): NoticeRecord[] {
  const exclude = new Set((options.exclude ?? []).filter(Boolean).map((a) => a.toLowerCase()));
  const lines = report.split('\n', MAX_LINES).map((l) => (l.length > MAX_LINE ? l.slice(0, MAX_LINE) : l).replace(/\u00a0/g, ' '));
  const blocks: Block[] = [];
  const delivered = new Set<string>();
  let current: Block | null = null;
  let mode: 'failed' | 'delivered' | '' = '';
  let columns: (Label | '')[] | null = null;
  let header: string[] = [];
  let pending: { label: Label; text: string } | null = null;

  const attach = (label: Label, value: string, raw: string) => {
    if (!value) return;
    if (label === 'recipient') {
      const addresses = addressList(value);
      if (addresses.length === 0) return;
      if (mode === 'delivered') {
        for (const a of addresses) delivered.add(a.toLowerCase());
        return;
      }
      current = newBlock(addresses);
      blocks.push(current);
      return;
    }
    if (label === 'sender' || label === 'other') {
      if (label === 'sender') for (const a of addressList(value)) exclude.add(a.toLowerCase());
      return;
    }
    if (!current) {
      // Words before any recipient (a summary heading): they belong to every recipient named later.
      current = newBlock([]);
      blocks.push(current);
    }
    const block: Block = current;
    if (label === 'result') {
      if (SUCCESS_VALUE.test(value)) block.delivered = true;
      else if (!FAILURE_VALUE.test(value)) block.explanation.push(raw.trim());
      return;
    }
    if (label === 'host') {
      const remote = findRemote(value);
      const name = remote?.host || (HOST_NAME.test(value.split(/\s/)[0] ?? '') ? (value.split(/\s/)[0] as string).toLowerCase() : '');
      if (name && !block.host) block.host = name;
      if (remote?.ip && !block.ip) block.ip = remote.ip;
      if (remote?.rest && (findReplyCode(remote.rest) || findStatus(remote.rest))) block.reply.push(remote.rest);
      return;
    }
    if (label === 'suggestion') {
      block.explanation.push(raw.trim());
      return;
    }
    // reason / reply: the server's words when they carry a reply code, else the provider's explanation.
    const remote = findRemote(value);
    if (remote) {
      if (remote.host && !block.host) block.host = remote.host;
      if (remote.ip && !block.ip) block.ip = remote.ip;
    }
    const words = remote?.rest || value;
    if (REPLY_START.test(words) || findStatus(words) || (label === 'reply' && findReplyCode(words))) block.reply.push(words);
    else if (label === 'reply' && /[A-Za-z]{3}/.test(words) && !/[\u4e00-\u9fff]/.test(words)) block.reply.push(words);
    else block.explanation.push(raw.trim());
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (pending) {
      const next = splitLabel(trimmed);
      if (!next || next.label === pending.label) {
        const value = next ? next.value : trimmed;
        attach(pending.label, value, `${trimLabel(pending.text)}：${value}`);
        pending = null;
        continue;
      }
      pending = null;
    }
    // A table row: cells joined by tabs.
    if (line.includes('\t')) {
      const cells = line.split('\t').map((c) => c.trim());
      const labels = cells.map((c) => (c.length <= MAX_KEY ? labelOf(c) : ''));
      if (cells.length >= 2 && labels.filter(Boolean).length >= 2 && labels.includes('recipient') && !cells.some((c) => addressList(c).length)) {
        columns = labels; // header row: one row per recipient follows
        header = cells;
        continue;
      }
      if (columns && cells.some((c) => addressList(c).length)) {
        const at = columns.indexOf('recipient');
        const who = addressList(cells[at] ?? '').length ? (cells[at] as string) : (cells.find((c) => addressList(c).length) as string);
        attach('recipient', who, who);
        cells.forEach((cell, k) => {
          const label = columns?.[k];
          if (cell && cell !== who && label && label !== 'recipient') attach(label, cell, `${header[k]}：${cell}`);
          else if (cell && cell !== who && !label) attach('reply', cell, cell);
        });
        continue;
      }
      const first = labels[0];
      if (first && cells.length >= 2) {
        attach(first, cells.slice(1).join(' ').trim(), `${cells[0]}：${cells.slice(1).join(' ').trim()}`);
        continue;
      }
    }

    const labelled = splitLabel(line);
    if (labelled) {
      if (labelled.value === '') {
        if (labelled.label !== 'other' && labelled.label !== 'sender') pending = { label: labelled.label, text: trimmed };
        continue;
      }
      attach(labelled.label, labelled.value, trimmed);
      continue;
    }
    if (options.labelledOnly) {
      if (current) (current as Block).loose.push(trimmed);
      continue;
    }
    if (DELIVERED_INTRO.test(line) && !/未|没有|无法|失败|not |failed|could not/i.test(line)) {
      mode = 'delivered';
      for (const a of addressList(line)) delivered.add(a.toLowerCase());
      current = null;
      continue;
    }
    if (FAILED_INTRO.test(line) && !onlyAddresses(line)) {
      mode = 'failed';
      // A summary line naming the addresses applies to each of them.
      const named = addressList(line);
      if (named.length) {
        current = newBlock(named);
        blocks.push(current);
      }
      continue;
    }
    // A list line naming an address opens its block ("  a@b.com: 550 …", "1. a@b.com").
    const inLine = addressesIn(line, { tld: true, max: 20 });
    if (inLine.length && (onlyAddresses(line) || (inLine[0] as { start: number }).start < 12)) {
      const addresses = inLine.map((a) => cleanAddress(a.address));
      if (mode === 'delivered') {
        for (const a of addresses) delivered.add(a.toLowerCase());
        continue;
      }
      if (onlyAddresses(line)) {
        current = newBlock(addresses);
        blocks.push(current);
        continue;
      }
      const last = inLine[inLine.length - 1] as { end: number };
      const rest = line.slice(last.end).replace(/^[>\s:：,，.-]+/, '');
      current = newBlock(addresses.slice(0, 1));
      blocks.push(current);
      if (rest) attach('reply', rest, rest);
      continue;
    }
    if (!current) continue;
    const block: Block = current;
    // Unlabelled words inside a block: a reply after "HOST [IP] said:", a reply line, or its continuation.
    const remote = findRemote(line);
    if (remote && (remote.host || remote.ip)) {
      if (remote.host && !block.host) block.host = remote.host;
      if (remote.ip && !block.ip) block.ip = remote.ip;
      if (remote.rest) block.reply.push(remote.rest);
      continue;
    }
    if (REPLY_START.test(line)) {
      block.reply.push(trimmed);
      continue;
    }
    if (block.reply.length && /^\s/.test(line) && !/[\u4e00-\u9fff]/.test(line)) {
      block.reply.push(trimmed);
      continue;
    }
    block.loose.push(trimmed);
  }
  return recordsOf(blocks, delivered, exclude, options.max ?? Infinity);
}

function recordsOf(blocks: Block[], delivered: Set<string>, exclude: Set<string>, max: number): NoticeRecord[] {
  // Words before the first recipient (a summary) apply to every recipient without words of its own.
  const shared = blocks.filter((b) => b.addresses.length === 0);
  const summary: Block = newBlock([]);
  for (const b of shared) {
    summary.reply.push(...b.reply);
    summary.explanation.push(...b.explanation);
    summary.host ||= b.host;
    summary.ip ||= b.ip;
  }
  // De-duplicate: a block naming one address (a details section) overrides one naming several (a summary);
  // a bilingual notice repeats everything, so the first words win and later ones only fill gaps.
  const byAddress = new Map<string, { address: string; block: Block; specific: boolean }>();
  for (const block of blocks) {
    if (block.addresses.length === 0) continue;
    const specific = block.addresses.length === 1;
    for (const address of block.addresses) {
      const key = address.toLowerCase();
      if (NOT_RECIPIENT.test(key) || exclude.has(key)) continue;
      const seen = byAddress.get(key);
      if (!seen) {
        if (byAddress.size >= max) continue;
        byAddress.set(key, { address, block: { ...block, reply: [...block.reply], explanation: [...block.explanation] }, specific });
        continue;
      }
      const target = seen.block;
      if (specific && !seen.specific && block.reply.length) {
        target.reply = [...block.reply];
        seen.specific = true;
      } else if (!target.reply.length) target.reply.push(...block.reply);
      for (const e of block.explanation) if (!target.explanation.includes(e)) target.explanation.push(e);
      target.host ||= block.host;
      target.ip ||= block.ip;
      target.delivered ||= block.delivered;
    }
  }
  const records: NoticeRecord[] = [];
  for (const { address, block } of byAddress.values()) {
    if (block.delivered || delivered.has(address.toLowerCase())) continue;
    let reply = block.reply.length ? block.reply : summary.reply;
    if (!reply.length) {
      // A reply among the block's unlabelled lines.
      const at = block.loose.findIndex((l) => REPLY_START.test(l) || findStatus(l));
      if (at >= 0) reply = block.loose.slice(at, at + 4).filter((l) => !/[\u4e00-\u9fff]/.test(l) || l === block.loose[at]);
    }
    const record: NoticeRecord = emptyRecord(address);
    record.diagnostic = oneLine(joinReplyLines(reply));
    const explanation = [...new Set([...block.explanation, ...(block.reply.length || block.explanation.length ? [] : summary.explanation)])];
    if (!record.diagnostic && explanation.length && !explanation.some((e) => /[\u4e00-\u9fff]/.test(e))) {
      // No reply code at all (a DNS failure, an English-only notice): the quoted words are the diagnostic.
      record.diagnostic = oneLine(explanation.map((e) => e.replace(/^[^:：]{1,30}[:：]\s*/, '')).join(' '));
    }
    if (explanation.length) record.providerExplanation = explanation.join('\n');
    const host = block.host || summary.host;
    const ip = block.ip || summary.ip;
    record.remoteMta = host && ip ? `${host} [${ip}]` : host || ip;
    record.command = findCommand(record.diagnostic);
    record.replyCode = findReplyCode(record.diagnostic);
    records.push(record);
  }
  return records;
}
