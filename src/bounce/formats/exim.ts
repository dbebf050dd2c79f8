// Exim (and services built on it: Mail.ru, Yandex, cPanel hosts…): "The following address(es) failed:"
// then each address at two spaces and its details indented further.
import type { BounceFormat } from '../format.js';
import type { ParsedMessage } from '../../mail/message.js';
import { emptyRecord, type DeliveryRecord, type Reason } from '../types.js';
import { addressesIn, blockAfter, cleanAddress, findCommand, joinReplyLines, oneLine, splitOriginal } from '../text.js';
import { failedRecipients, mergeDeliveryStatus } from './merge.js';
import { findStatus, internalStatus } from '../reasons/status-codes.js';
import { mtaPhraseReason } from '../reasons/mta-phrases.js';

const START = /(?:^|\n)[^\n]*(?:the following address(?:es|\(es\))? failed|could not be delivered to one or more of its\s+recipients|following recipients? (?:could not|cannot) be reached|message could not be delivered|has not yet been delivered|delivery to the following recipients? failed)[^\n]*\n/i;
// "  address", "  <address>:", "  address (comment)" or "  |pipe": linear, the line is trimmed first.
const ADDRESS_LINE = /^(\|.*|<?[^\s<>@]+(?:@[^\s<>]+)?)$/;
function addressLine(line: string): RegExpExecArray | null {
  if (!/^ {1,2}\S/.test(line)) return null;
  let text = line.trim();
  if (!text.startsWith('|')) {
    const comment = text.indexOf(' (');
    if (comment > 0 && text.endsWith(')')) text = text.slice(0, comment);
    if (text.endsWith(':')) text = text.slice(0, -1);
    if (text.endsWith('>')) text = text.slice(0, -1);
  }
  return ADDRESS_LINE.exec(text);
}

// Exim's own wording for a few conditions whose reason is certain (Sisimai's Exim module agrees).
const EXIM_REASONS: readonly [RegExp, Reason][] = [
  [/retry timeout exceeded|have been failing for a long time|retry time not reached for any host after a long failure period|was frozen on arrival|delivery to \S+ not attempted .* retry/i, 'expired'],
  [/unrouteable (?:mail )?domain|unrouteable address|all relevant mx records point to non-existent hosts|host not found|no such domain/i, 'hostunknown'],
  [/mailbox is full|quota exceeded|exceeded quota/i, 'mailboxfull'],
  [/too many (?:hops|received headers)|mail (?:forwarding|routing) loop/i, 'networkerror'],
  [/message size exceeds maximum|message too big|message is too big/i, 'mesgtoobig'],
  [/unknown user|no such user|unknown local-part|no mailbox/i, 'userunknown'],
];

export function eximReason(text: string): Reason | undefined {
  for (const [re, reason] of EXIM_REASONS) if (re.test(text)) return reason;
  return undefined;
}

export function parseAddressBlocks(report: string, original = ''): DeliveryRecord[] {
  const start = START.exec(report);
  const text = start ? report.slice(start.index + start[0].length) : report;
  const lines = text.split('\n');
  const records: DeliveryRecord[] = [];
  let current: { record: DeliveryRecord; lines: string[] } | null = null;
  const close = () => {
    if (!current) return;
    const generated = current.lines.find((l) => /^\s*\(generated from/i.test(l));
    const detail = joinReplyLines(current.lines.filter((l) => !/^\s*\(generated from/i.test(l)));
    if (generated && /^[|/]/.test(current.record.recipient)) current.record.recipient += ` ${generated.trim()}`;
    current.record.diagnostic = detail;
    current.record.command = findCommand(detail);
    records.push(current.record);
    current = null;
  };
  for (const line of lines) {
    const m = addressLine(line);
    if (m) {
      close();
      current = { record: emptyRecord((m[1] as string).startsWith('|') ? (m[1] as string).trim() : cleanAddress(m[1] as string)), lines: [] };
      continue;
    }
    if (!current) continue;
    if (/^\s{3,}\S/.test(line) || (/^\s+\S/.test(line) && current.lines.length > 0)) {
      current.lines.push(line);
      continue;
    }
    if (line.trim() === '' && current.lines.length === 0) continue;
    close();
    if (line.trim() !== '' && !/^\s/.test(line) && records.length > 0) break;
  }
  close();
  // A pipe or file delivery ("|/usr/bin/prog …"): the address it was generated from is the recipient.
  for (const r of records) {
    if (!/^[|/]|\s/.test(r.recipient)) continue;
    const generated = /generated from /i.exec(r.diagnostic);
    const from = (generated ? addressesIn(r.diagnostic.slice(generated.index + generated[0].length, generated.index + 400), { max: 1 })[0] : undefined) ?? addressesIn(r.recipient.replace(/[|]/g, ' '), { max: 1 })[0];
    if (from) r.recipient = cleanAddress(from.address);
  }
  // A bare local part (local delivery): the original's Received "for local@domain" names the domain.
  for (const r of records) {
    if (r.recipient.includes('@') || !original) continue;
    const local = r.recipient.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const full = new RegExp(`\\bfor <?(${local}@[A-Za-z0-9.-]+)>?`, 'i').exec(original);
    if (full) r.recipient = cleanAddress(full[1] as string);
  }
  return records.filter((r) => r.recipient.includes('@'));
}

function isExim(m: ParsedMessage): boolean {
  const from = m.header('from').toLowerCase();
  if (!/mailer-daemon|postmaster|mail delivery system/.test(from)) return false;
  if (m.headers.has('x-failed-recipients')) return true;
  if ((m.headers.get('received') ?? []).some((r) => /\bwith local \(Exim|\(Exim \d/i.test(r))) return true;
  return /this message was created automatically by mail delivery software|delivery software at|the following address\(es\) failed/i.test(m.body.slice(0, 4000));
}

export const exim: BounceFormat = {
  id: 'Exim',
  detect: isExim,
  parse(m) {
    const { report, original } = splitOriginal(m.body);
    const records = parseAddressBlocks(report, original);
    if (records.length === 0) records.push(...unindentedBlocks(report));
    if (records.length === 0) {
      // A local delivery ("save to FILE", a pipe) names no address: X-Failed-Recipients does, the block says why.
      const why = oneLine(blockAfter(report, /the following address\(es\) failed:/i)?.block ?? '');
      for (const r of failedRecipients(m)) {
        r.diagnostic = why;
        records.push(r);
      }
    }
    if (records.length === 0) return null;
    mergeDeliveryStatus(records, m);
    for (const r of records) {
      const known = eximReason(r.diagnostic) ?? mtaPhraseReason(r.diagnostic);
      if (known && !/\d\.\d+\.\d+/.test(r.diagnostic)) r.reason = known;
      else if (known === 'expired') r.reason = known;
      if (!r.diagnosticType) r.diagnosticType = 'SMTP';
      // Exim keeps retrying until its retry timeout: those failures are temporary ones given up on.
      if (r.reason === 'expired' || /delay reason:/i.test(r.diagnostic)) r.temporary = true;
      // Sisimai gives a refusal at MAIL FROM without a status its "onhold" internal code; so do we, to compare.
      if (!r.status && r.command === 'MAIL' && !findStatus(r.diagnostic)) r.status = internalStatus('onhold', r.temporary === true || /^4|\s4\d\d\s/.test(r.diagnostic));
    }
    return { records, original };
  },
};

// 1&1 (kundenserver.de) writes the same notice with "address:" unindented and the reason on the next line.
function unindentedBlocks(report: string): DeliveryRecord[] {
  const out: DeliveryRecord[] = [];
  const lines = report.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^<?([^\s<>@]+@[^\s<>]+?)>?:\s*$/.exec(lines[i] as string);
    if (!m) continue;
    const body: string[] = [];
    for (let j = i + 1; j < lines.length && (lines[j] as string).trim() !== '' && !/^-{3}/.test(lines[j] as string) && !/^["<]?[^\s<>@"]+@[^\s<>"]+[">]?:\s*$/.test(lines[j] as string); j++) body.push(lines[j] as string);
    const record = emptyRecord(cleanAddress(m[1] as string));
    record.diagnostic = joinReplyLines(body);
    record.command = findCommand(record.diagnostic) || (/for TEXT command/i.test(record.diagnostic) ? 'DATA' : '');
    out.push(record);
  }
  return out;
}
