// Sendmail (and MTAs that copy its layout): RFC 3464 fields plus "----- Transcript of session follows -----",
// whose lines ("550 5.1.1 <a@b>... User unknown", ">>> RCPT To:<a@b>" / "<<< 550 …") say more than the
// Diagnostic-Code, which is sometimes only an exit status ("X-Unix; 77").
import type { BounceFormat } from '../format.js';
import type { ParsedMessage } from '../../mail/message.js';
import { emptyRecord, type DeliveryRecord } from '../types.js';
import { cleanAddress, findAddress, joinReplyLines, normalizeCommand, originalHeaderFields, splitOriginal } from '../text.js';
import { findReplyCode } from '../reasons/status-codes.js';
import { parseRfc3464 } from './rfc3464.js';
import { matchesReason } from '../reasons/phrases.js';
import { normalizeDiagnostic } from '../classify.js';

// Linear: one line's leading blanks and dashes, then the words (no `\s*` that could span lines).
const TRANSCRIPT = /^[ \t]*-+ ?Transcript of session follows/im;

/** "program: words" from a local delivery agent (mail.local, procmail, smrsh…) in a transcript. */
const LOCAL_AGENT_LINE = /^[ \t]*[a-z][\w.-]{0,30}: \S/i;

interface TranscriptLine {
  address: string;
  text: string;
  command: string;
  /** The local delivery agent's words folded into `text`, when there were any. */
  local?: string;
}

export function transcriptErrors(report: string): TranscriptLine[] {
  const at = report.search(TRANSCRIPT);
  if (at < 0) return [];
  const part = report.slice(at).replace(/^Content-Type: message\/(?:global-)?delivery-status[\s\S]*/im, '');
  const lines = part.split('\n');
  const out: TranscriptLine[] = [];
  let command = '';
  let lastRemote = '';
  let lastLocal = '';
  let mailFrom = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^\.\.\. while talking to /.test(line)) command = 'CONN';
    const recipientLine = /^\s*<([^<>\s@]+@[^<>\s]+)>\.\.\.(\s.*)$/.exec(line);
    if (recipientLine && !/^\s*[45]\d\d[ -]/.test(recipientLine[2] as string) && (recipientLine[2] as string).trim()) {
      out.push({ address: cleanAddress(recipientLine[1] as string), text: (recipientLine[2] as string).trim(), command: '' });
      continue;
    }
    const sent = /^\s*>>>\s*([A-Za-z]+(?: [A-Za-z]+)?)/.exec(line);
    if (sent) {
      command = normalizeCommand(sent[1] as string);
      // The envelope sender: a reply naming it is about the sender, not a recipient.
      if (command === 'MAIL') mailFrom = (/<([^<>\s@]+@[^<>\s]+)>/.exec(line)?.[1] ?? '').toLowerCase();
      continue;
    }
    const m = /^\s*(?:<<<\s*)?([45]\d\d)[ -](?:([45]\.\d+\.\d+)(?=\s))?(.*)$/.exec(line);
    if (!m) {
      // A local delivery agent's complaint ("mail.local: unknown user: kijitora"), which Sendmail's summary
      // after it ("554 <a@b>... Service unavailable") does not repeat (rfc3464-06).
      if (LOCAL_AGENT_LINE.test(line)) lastLocal = line.trim();
      continue;
    }
    let address = /<([^<>\s@]+@[^<>\s]+)>/.exec(m[3] as string)?.[1] ?? '';
    if (address && address.toLowerCase() === mailFrom) address = '';
    const remote = /^\s*<<</.test(line);
    const block = [line.replace(/^\s*<<<\s*/, '')];
    while (i + 1 < lines.length && /^\s*(?:<<<\s*)?[45]\d\d-/.test(lines[i] as string) && /^\s*(?:<<<\s*)?[45]\d\d[ -]/.test(lines[i + 1] as string)) block.push((lines[++i] as string).replace(/^\s*<<<\s*/, ''));
    let text = joinReplyLines(block);
    // Sendmail's own summary ("554 <a@b>... Remote protocol error") follows the remote server's reply: keep both.
    if (!remote && lastRemote && /remote protocol error|service unavailable/i.test(text)) text = `${lastRemote} ${text}`;
    // Only the line just before the summary, and only when it names the summary's mailbox: one recipient's
    // complaint is never lent to another.
    let local: string | undefined;
    const localPart = address.slice(0, address.lastIndexOf('@')).toLowerCase();
    if (!remote && !lastRemote && lastLocal && /service unavailable/i.test(text) && (!localPart || lastLocal.toLowerCase().includes(localPart))) {
      local = lastLocal;
      text = `${lastLocal} ${text}`;
    }
    lastLocal = '';
    if (remote) lastRemote = text;
    out.push({ address: address ? cleanAddress(address) : '', text, command, ...(local ? { local } : {}) });
  }
  return out;
}

function isSendmail(m: ParsedMessage): boolean {
  return TRANSCRIPT.test(m.body) || /^The original message was received at /m.test(m.body.slice(0, 3000));
}

export const sendmail: BounceFormat = {
  id: 'Sendmail',
  detect: isSendmail,
  parse(m) {
    const { report, original } = splitOriginal(m.body);
    const errors = transcriptErrors(report);
    const dsn = parseRfc3464(m);
    let records: DeliveryRecord[];
    if (dsn) records = dsn.records;
    else {
      // No DSN part: the addresses are the ones the transcript names.
      records = [...new Set(errors.filter((e) => e.address).map((e) => e.address))].map((a) => emptyRecord(a));
      // Old sendmail names no address in its transcript: the unsent message's To: is the recipient.
      if (records.length === 0 && errors.length > 0) {
        const to = findAddress(originalHeaderFields(original).get('to')?.[0] ?? '');
        if (to) records = [emptyRecord(to)];
      }
      if (records.length === 0) return null;
    }
    const named = [...new Set(errors.filter((e) => e.address).map((e) => e.address))];
    for (const record of records) {
      // "Final-Recipient: rfc822; @relay" (no local part): the transcript names the address.
      if (record.recipient.startsWith('@') && named.length === 1) record.recipient = named[0] as string;
      const mine = errors.filter((e) => e.address.toLowerCase() === record.recipient.toLowerCase());
      const pick = mine[0] ?? (records.length === 1 ? errors.find((e) => !e.address || e.address === record.recipient) : undefined);
      if (!pick) continue;
      const head = record.diagnostic.replace(/^(\d{3})-/, '$1 ').slice(0, 24);
      const fuller = pick.text.length > record.diagnostic.length && head !== '' && pick.text.startsWith(head);
      if (!record.diagnostic || record.diagnosticType.startsWith('X-UNIX') || fuller || (!findReplyCode(record.diagnostic) && !/\d\.\d+\.\d+/.test(record.diagnostic))) {
        record.diagnostic = pick.text;
        if (record.diagnosticType.startsWith('X-UNIX')) record.diagnosticType = 'SMTP';
      }
      if (!record.command) record.command = pick.command;
      // The final host's delivery agent found no such mailbox: that is the recipient's existence, whatever
      // phase Sendmail's summary stands at.
      if (pick.local && matchesReason('userunknown', normalizeDiagnostic(pick.local))) record.reason = 'userunknown';
    }
    return { records, original: dsn?.original ?? original };
  },
};
