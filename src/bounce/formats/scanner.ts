// Last resort for bounces in no known format: addresses in the report text and the words next to them.
// Only used when the message says it is a bounce (sender or subject), so ordinary mail is never guessed at.
import type { BounceFormat } from '../format.js';
import type { ParsedMessage } from '../message.js';
import { emptyRecord, type DeliveryRecord } from '../types.js';
import { cleanAddress, findCommand, oneLine, splitOriginal } from '../text.js';
import { findReplyCode, findStatus } from '../reasons/status-codes.js';

const BOUNCE_SENDER = /mailer-daemon|postmaster|mail delivery|mail administrator|mailadmin|mdaemon|bounce|nobody@|root@|系统退信|退信/i;
const BOUNCE_SUBJECT =
  /undeliver|undelivered|delivery (?:status|failure|failed|notification|report|problem)|returned mail|failure notice|mail delivery|not delivered|could not be delivered|rejected|nondeliverable|non-delivery|delivery has failed|bounced?|error sending|mail system error|warning: could not send|message not deliverable|unzustellbar|non remis|退信|投递失败|未能送达|无法投递|发送失败|送信エラー|配信エラー|不達/i;

export function looksLikeBounce(m: ParsedMessage): boolean {
  if (m.hasDeliveryStatus) return true;
  const from = m.header('from');
  const subject = m.subject;
  if (BOUNCE_SENDER.test(from) && (BOUNCE_SUBJECT.test(subject) || subject === '')) return true;
  if (BOUNCE_SUBJECT.test(subject) && (m.header('return-path').trim() === '<>' || BOUNCE_SENDER.test(from))) return true;
  return false;
}

const ADDRESS_IN_LINE = /<?([A-Za-z0-9][^\s<>"'(),;:@[\]]*@[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,})>?/;
const NOT_RECIPIENT = /^(?:mailer-daemon|postmaster|abuse|noreply|no-reply|root|nobody)@/i;

export function scanRecipients(report: string, exclude: readonly string[]): DeliveryRecord[] {
  const lines = report.split('\n');
  const records: DeliveryRecord[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < lines.length && records.length < 50; i++) {
    const line = lines[i] as string;
    if (/^\s*(?:from|to|cc|reply-to|return-path|sender|message-id|references|in-reply-to|received|x-[\w-]+)\s*:/i.test(line)) continue;
    const m = ADDRESS_IN_LINE.exec(line);
    if (!m) continue;
    const address = cleanAddress(m[1] as string);
    if (NOT_RECIPIENT.test(address) || exclude.includes(address.toLowerCase()) || seen.has(address.toLowerCase())) continue;
    // The words about this address: the rest of its line and the indented or following lines up to a blank one.
    const block = [line.slice((m.index ?? 0) + m[0].length)];
    for (let j = i + 1; j < lines.length && j < i + 8; j++) {
      const next = lines[j] as string;
      if (next.trim() === '') break;
      if (ADDRESS_IN_LINE.test(next) && !/^\s/.test(next)) break;
      block.push(next);
    }
    const diagnostic = oneLine(block.join(' ').replace(/^[\s:>.,-]+/, ''));
    if (!findReplyCode(diagnostic) && !findStatus(diagnostic) && diagnostic.length < 8) continue;
    seen.add(address.toLowerCase());
    const record = emptyRecord(address);
    record.diagnostic = diagnostic;
    record.replyCode = findReplyCode(diagnostic);
    record.status = findStatus(diagnostic);
    record.command = findCommand(diagnostic);
    records.push(record);
  }
  return records;
}

export const scanner: BounceFormat = {
  id: 'Scanner',
  detect: looksLikeBounce,
  parse(m) {
    const { report, original } = splitOriginal(m.body);
    const exclude = [m.header('to'), m.header('from')].map((h) => cleanAddress((ADDRESS_IN_LINE.exec(h)?.[1] ?? '')).toLowerCase());
    const records = scanRecipients(report, exclude);
    return records.length ? { records, original } : null;
  },
};
