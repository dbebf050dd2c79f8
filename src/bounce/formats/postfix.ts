// Postfix: RFC 3464 fields plus the human-readable part, whose per-recipient paragraph carries the
// fuller story ("host X said: 550 … (in reply to RCPT TO command)", "refused to talk to me: …").
import type { BounceFormat } from '../format.js';
import type { ParsedMessage } from '../../mail/message.js';
import { emptyRecord, type DeliveryRecord } from '../types.js';
import { addressesIn, cleanAddress, findCommand, joinReplyLines, oneLine, originalHeaderFields, splitOriginal } from '../text.js';
import { parseRfc3464 } from './rfc3464.js';

interface Paragraph { address: string; expandedFrom: string; text: string }

/** "<address> (expanded from <x>): text" paragraphs of Postfix's notification part. */
export function postfixParagraphs(report: string): Paragraph[] {
  const text = report.replace(/^Content-Type: message\/(?:global-)?delivery-status[\s\S]*/im, '');
  const out: Paragraph[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^<([^>\s@]+@[^>\s]+)>(?:[ \t]*\(expanded from <([^>]+)>\))?:(.*)$/.exec(lines[i] as string);
    if (!m) continue;
    const body = [m[3] as string];
    for (let j = i + 1; j < lines.length && (lines[j] as string).trim() !== '' && !/^<[^>\s@]+@[^>\s]+>(?:[ \t]*\(expanded from <[^>]+>\))?:/.test(lines[j] as string); j++) body.push(lines[j] as string);
    out.push({ address: cleanAddress(m[1] as string), expandedFrom: m[2] ? cleanAddress(m[2]) : '', text: joinReplyLines(body) });
  }
  return out;
}

const DELIVERY_REPORT_UNAVAILABLE = /^[ \t]*--- Delivery report unavailable ---[ \t]*$/m;
/** At most this many To: addresses become recipients of a notice that lost its delivery report. */
const MAX_ORIGINAL_TO = 50;

/** The addresses of the To: field of the original message. */
function originalTo(original: string | undefined): string[] {
  const to = originalHeaderFields(original).get('to')?.[0] ?? '';
  return [...new Set(addressesIn(to, { max: MAX_ORIGINAL_TO }).map((found) => cleanAddress(found.address)))];
}

function isPostfix(m: ParsedMessage): boolean {
  if (m.headers.has('x-postfix-queue-id')) return true;
  if (/^X-Postfix-(?:Queue-ID|Sender):/im.test(m.body)) return true;
  return /^This is the mail system at host /m.test(m.body.slice(0, 3000)) || /\(Mail Delivery System\)/i.test(m.header('from'));
}

export const postfix: BounceFormat = {
  id: 'Postfix',
  detect: isPostfix,
  parse(m) {
    const { report, original } = splitOriginal(m.body);
    const paragraphs = postfixParagraphs(report);
    const dsn = parseRfc3464(m);
    let records: DeliveryRecord[];
    if (dsn) records = dsn.records;
    else records = paragraphs.map((p) => emptyRecord(p.address));
    // "--- Delivery report unavailable ---": Postfix lost the per-recipient record (its DSN part has only
    // the per-message fields), so the recipients are the original's To: addresses, and why is unknown
    // (Sisimai reads these notices the same way: lhost-postfix-64).
    if (records.length === 0 && paragraphs.length === 0 && DELIVERY_REPORT_UNAVAILABLE.test(report)) {
      const to = originalTo(dsn?.original ?? original);
      records = to.map((address) => ({ ...emptyRecord(address), action: 'failed' }));
    }
    for (const record of records) {
      const r = record.recipient.toLowerCase();
      const p = paragraphs.find((x) => x.address.toLowerCase() === r || x.expandedFrom.toLowerCase() === r) ?? (paragraphs.length === 1 && records.length === 1 ? paragraphs[0] : undefined);
      if (!p) continue;
      // The paragraph quotes the server in full and says which command it answered; keep the DSN text when
      // the paragraph is only Postfix's own summary without the server's words.
      const said = /\b(?:said|refused to talk to me):/i.exec(p.text);
      const serverWords = said ? oneLine(p.text.slice(said.index + said[0].length)) : '';
      if (serverWords || !record.diagnostic) record.diagnostic = serverWords || p.text;
      const command = findCommand(p.text);
      if (command) record.command = command;
    }
    return records.length ? { records, original: dsn?.original ?? original } : null;
  },
};
