// Last resort for bounces in no known format: addresses in the report text and the words next to them.
// Only used when the message says it is a bounce (sender or subject), so ordinary mail is never guessed at.
import type { BounceFormat } from '../format.js';
import type { ParsedMessage } from '../../mail/message.js';
import { emptyRecord, type DeliveryRecord } from '../types.js';
import { addressesIn, cleanAddress, findCommand, findSmtpError, joinReplyLines, oneLine, splitOriginal } from '../text.js';
import { findReplyCode, findStatus } from '../reasons/status-codes.js';
import { mtaPhraseReason } from '../reasons/mta-phrases.js';
import { parseLabeled } from './labeled.js';

const BOUNCE_SENDER = /mailer-daemon|postmaster|mail delivery|mail administrator|mailadmin|mdaemon|bounce|nobody@|root@|系统退信|退信/i;
const BOUNCE_SUBJECT =
  /undeliver|undelivered|failure|cannot send message|delivery (?:status|failure|failed|notification|report|problem)|returned mail|failure notice|mail delivery|not delivered|could not be delivered|rejected|nondeliverable|non-delivery|delivery has failed|bounced?|error sending|mail system error|warning: could not send|message not deliverable|unzustellbar|non remis|退信|投递失败|未能送达|无法投递|发送失败|送信エラー|配信エラー|不達/i;

export function looksLikeBounce(m: ParsedMessage): boolean {
  if (m.hasDeliveryStatus || m.headers.has('x-failed-recipients')) return true;
  const from = m.header('from');
  const subject = m.subject;
  if (/mailer-daemon|postmaster/i.test(from)) return true;
  if (BOUNCE_SENDER.test(from) && (BOUNCE_SUBJECT.test(subject) || subject === '')) return true;
  if (BOUNCE_SUBJECT.test(subject) && (m.header('return-path').trim() === '<>' || BOUNCE_SENDER.test(from))) return true;
  return false;
}

/** The first address in a line (local part starting with a letter or digit), '' when none; linear. */
function addressInLine(line: string): string {
  const found = addressesIn(line, { tld: true, max: 4 });
  for (const f of found) {
    let i = 0;
    while (i < f.address.length && !/[A-Za-z0-9]/.test(f.address[i] as string)) i++;
    if (f.address[i] !== '@') return f.address.slice(i);
  }
  return '';
}
const NOT_RECIPIENT = /^(?:mailer-daemon|postmaster|abuse|noreply|no-reply|root|nobody)@/i;

/** True when a reply names an address other than this one (it is that recipient's reply, not to be lent). */
function namesOther(text: string, address: string): boolean {
  return addressesIn(text, { tld: true, max: 5 }).some((a) => cleanAddress(a.address).toLowerCase() !== address.toLowerCase());
}

export function scanRecipients(report: string, exclude: readonly string[]): DeliveryRecord[] {
  const lines = report.split('\n');
  const records: DeliveryRecord[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < lines.length && records.length < 50; i++) {
    const line = lines[i] as string;
    if (/^\s*(?:from|to|cc|reply-to|return-path|sender|message-id|references|in-reply-to|received|x-[\w-]+)\s*:/i.test(line)) continue;
    const inLine = addressInLine(line);
    if (!inLine) continue;
    const address = cleanAddress(inLine);
    if (NOT_RECIPIENT.test(address) || exclude.includes(address.toLowerCase()) || seen.has(address.toLowerCase())) continue;
    // The words about this address: its whole line and the lines after it, up to a blank one.
    const block = [line];
    let j = i + 1;
    for (; j < lines.length && j < i + 8; j++) {
      const next = lines[j] as string;
      if (next.trim() === '') break;
      if (/^["<]?[^\s<>@"]+@[^\s<>"]+[">]?(?:[:\s]|$)/.test(next)) break; // the next recipient's line
      if (addressInLine(next) && !/^\s/.test(next) && !findReplyCode(next)) break;
      block.push(next);
    }
    let diagnostic = joinReplyLines(block).replace(/^[\s:>.,-]+/, '');
    let command = '';
    if (!findReplyCode(diagnostic) && !findStatus(diagnostic)) {
      // The server's words are often in the next paragraph, or in a transcript further down.
      const next: string[] = [];
      for (let k = j; k < lines.length && next.length < 6; k++) {
        const l = lines[k] as string;
        if (l.trim() === '') {
          if (next.length) break;
          continue;
        }
        next.push(l);
      }
      const squeeze = (t: string) => t.replace(/[\s<>*:,]/g, '').replace(/\.$/, '').toLowerCase();
      const bare = squeeze(diagnostic) === squeeze(address);
      let following = joinReplyLines(next.filter((l) => !/^[\s=*_~-]*$/.test(l)));
      // Only the address so far (a list line such as "   * a@b"): the words are in the next lines.
      if (bare) {
        const words: string[] = [];
        // The next lines up to the next MIME part (its boundary or headers are not the server's words).
        for (const l of lines.slice(j)) {
          if (/^--|^content-[\w-]+:/i.test(l.trim())) break;
          if (l.trim() !== '' && !/^[\s=*_~-]*$/.test(l)) words.push(l);
          if (words.length >= 4) break;
        }
        following = joinReplyLines(words);
      }
      const error = findSmtpError(report);
      if ((findReplyCode(following) || findStatus(following) || (bare && following)) && !namesOther(following, address)) diagnostic = oneLine(`${diagnostic} ${following}`);
      else if (error.text && !namesOther(error.text, address)) {
        diagnostic = error.text;
        command = error.command;
      } else if (bare) diagnostic = ''; // only the address: the bounce gives no reason
      else if (diagnostic.length < 8) continue;
    }
    seen.add(address.toLowerCase());
    const record = emptyRecord(address);
    record.diagnostic = diagnostic;
    record.replyCode = findReplyCode(diagnostic);
    record.status = findStatus(diagnostic);
    record.command = command || findCommand(diagnostic) || findCommand(report);
    const known = mtaPhraseReason(diagnostic);
    if (known) record.reason = known;
    records.push(record);
  }
  return records;
}

export const scanner: BounceFormat = {
  id: 'Scanner',
  detect: looksLikeBounce,
  parse(m) {
    const { report, original } = splitOriginal(m.body);
    const exclude = [m.header('to'), m.header('from')].map((h) => cleanAddress(addressInLine(h)).toLowerCase());
    // "label: value" notices first (recipient and reason on labelled lines), then addresses anywhere.
    const labeled = parseLabeled(report, { labelledOnly: true, exclude }).filter((r) => r.diagnostic);
    for (const r of labeled) r.reason = mtaPhraseReason(r.diagnostic);
    const records = labeled.length ? labeled : scanRecipients(report, exclude);
    return records.length ? { records, original } : null;
  },
};
