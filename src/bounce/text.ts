// Small text helpers every format parser uses: addresses, SMTP commands, splitting off the original message.
import { parseHeaderBlock } from '../mail/message.js';

// Addresses are found by a linear scan around each '@' (a regex such as /[^\s<>]+@[^\s<>]+/ run over a
// long line without an '@' retries from every position: quadratic on hostile input).
const LOCAL_STOP = new Set([...' \t\n\r\f\v<>"\'(),;:@[]（）：，；　<>「」【】']);
const MAX_LOCAL = 128;
const MAX_DOMAIN = 255;

const isDomainChar = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '.' || c === '-';
const isAlnum = (c: string | undefined) => !!c && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));

export interface FoundAddress {
  /** The address as written (no angle brackets; domain case kept). */
  address: string;
  /** Offset of the local part's first character, and just past the domain. */
  start: number;
  end: number;
}

/**
 * Every e-mail address in a text, in order, found in linear time. `tld`: the domain must end in a dot and
 * two or more letters (as in prose; off for DSN fields, where `user@localhost` is an address too).
 */
export function addressesIn(text: string, options: { tld?: boolean; max?: number } = {}): FoundAddress[] {
  const out: FoundAddress[] = [];
  const max = options.max ?? Infinity;
  let from = 0;
  let floor = 0;
  while (out.length < max) {
    const at = text.indexOf('@', from);
    if (at < 0) break;
    from = at + 1;
    let start = at;
    while (start > floor && at - start < MAX_LOCAL && !LOCAL_STOP.has(text[start - 1] as string) && (text.charCodeAt(start - 1) > 0x20)) start--;
    floor = at + 1;
    if (start === at) continue;
    let end = at + 1;
    if (!isAlnum(text[end])) continue;
    while (end < text.length && end - at <= MAX_DOMAIN && isDomainChar(text[end] as string)) end++;
    while (end > at + 1 && !isAlnum(text[end - 1])) end--;
    const domain = text.slice(at + 1, end);
    if (options.tld) {
      const dot = domain.lastIndexOf('.');
      if (dot < 1 || !/^[A-Za-z]{2,}$/.test(domain.slice(dot + 1))) continue;
    }
    out.push({ address: text.slice(start, end), start, end });
    floor = end;
    from = end;
  }
  return out;
}

/**
 * The lines after the line where `heading` matches, up to the next blank line (or `stop` line), as one
 * text; null when the heading is not there. Linear: the heading regex should end at the heading's words.
 */
export function blockAfter(text: string, heading: RegExp, stop?: RegExp): { match: RegExpExecArray; block: string } | null {
  const match = heading.exec(text);
  if (!match) return null;
  const nl = text.indexOf('\n', match.index + match[0].length);
  if (nl < 0) return { match, block: '' };
  const lines = text.slice(nl + 1).split('\n', 2000);
  const out: string[] = [];
  for (const line of lines) {
    if (line.trim() === '' && out.length > 0) break;
    if (stop && stop.test(line)) break;
    if (line.trim() !== '') out.push(line);
  }
  return { match, block: out.join('\n') };
}

/** The first e-mail address in a text, lower-cased domain, without angle brackets ('' when none). */
export function findAddress(text: string): string {
  const m = addressesIn(text, { max: 1 })[0];
  if (!m) return '';
  return cleanAddress(m.address);
}

export function cleanAddress(address: string): string {
  let a = address.trim().replace(/^<|>$/g, '');
  // A quoted local part ("a..b"@example.org) keeps its quotes; quotes around the whole address do not stay.
  if (/^["'][^"']*["']$/.test(a)) a = a.slice(1, -1);
  else if (/^'[^']*$|^[^"]*"$/.test(a)) a = a.replace(/^'|"$/g, '');
  a = a.replace(/^@[^:,\s]+(?:,@[^:,\s]+)*:/, ''); // RFC 5321 source route (<@relay:user@host>)
  let cut = a.length;
  while (cut > 0 && '.,;:'.includes(a[cut - 1] as string)) cut--;
  a = a.slice(0, cut);
  const at = a.lastIndexOf('@');
  if (at < 0) return a;
  return `${a.slice(0, at)}@${a.slice(at + 1).toLowerCase()}`;
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}

const COMMANDS: readonly [RegExp, string][] = [
  [/\b(?:in reply to|after|while sending|at|during)\s+(?:the\s+)?(?:end of\s+)?(?:data|message body|message)\b/i, 'DATA'],
  [/\b(?:in reply to|after|while sending|at)\s+(?:the\s+)?rcpt\b/i, 'RCPT'],
  [/\b(?:in reply to|after|while sending|at)\s+(?:the\s+)?mail\b/i, 'MAIL'],
  [/\b(?:in reply to|after|while sending|at)\s+(?:the\s+)?ehlo\b/i, 'EHLO'],
  [/\b(?:in reply to|after|while sending|at)\s+(?:the\s+)?helo\b/i, 'HELO'],
  [/\b(?:in reply to|after|while sending|at)\s+(?:the\s+)?starttls\b/i, 'STARTTLS'],
  [/\b(?:in reply to|after|while sending|at)\s+(?:the\s+)?auth\b/i, 'AUTH'],
  [/\bafter (?:initial connection|connect)\b/i, 'CONN'],
  [/\b(?:in reply to|after)\s+(?:the\s+)?(?:end of\s+)?(?:data|message)\b/i, 'DATA'],
];

/** The SMTP command a text says the failure happened at ('' when it does not say). */
export function findCommand(text: string): string {
  const ours = /\b(?:did not like our|does not like|rejected (?:our|the)|error (?:after|in reply to)|refused (?:our)?)\s+(?:final\s+)?(RCPT TO|MAIL FROM|DATA|EHLO|HELO|RCPT|MAIL)\b/i.exec(text);
  if (ours) return normalizeCommand(ours[1] as string);
  if (/does not like recipient/i.test(text)) return 'RCPT';
  const tagged = /\[(RCPT_TO|MAIL_FROM|DATA)\]|\bSMTP:(RCPT|MAIL|DATA)\b/.exec(text);
  if (tagged) return normalizeCommand((tagged[1] ?? tagged[2]) as string);
  const progress = /most progress was (RCPT|MAIL|DATA|EHLO|HELO)/i.exec(text);
  if (progress) return normalizeCommand(progress[1] as string);
  if (/server refused to talk to me|refused to talk to me/i.test(text)) return 'HELO';
  if (/does not like sender/i.test(text)) return 'MAIL';
  if (/(?:^|\s)>>>\s*RCPT\b/i.test(text)) return 'RCPT';
  if (/(?:^|\s)>>>\s*MAIL\b/i.test(text)) return 'MAIL';
  if (/(?:^|\s)>>>\s*DATA\b/i.test(text)) return 'DATA';
  if (/(?:^|\s)>>>\s*EHLO\b/i.test(text)) return 'EHLO';
  if (/(?:^|\s)>>>\s*HELO\b/i.test(text)) return 'HELO';
  const m = /\b(?:in reply to|after|while sending)\s+(?:the\s+)?(?:end of\s+)?(MAIL FROM|RCPT TO|DATA|EHLO|HELO|STARTTLS|AUTH|MAIL|RCPT|BDAT|XFORWARD|QUIT|message body|message|initial connection|end of data)\b/i.exec(text);
  if (m) {
    const word = (m[1] as string).toUpperCase();
    if (word.startsWith('MAIL')) return 'MAIL';
    if (word.startsWith('RCPT')) return 'RCPT';
    if (word === 'MESSAGE' || word === 'MESSAGE BODY' || word === 'END OF DATA' || word === 'BDAT') return 'DATA';
    if (word === 'INITIAL CONNECTION') return 'CONN';
    if (word === 'XFORWARD' || word === 'QUIT') return '';
    return word;
  }
  for (const [re, command] of COMMANDS) if (re.test(text)) return command;
  return '';
}

// Lines that start the copy of the original message in common bounce formats.
const ORIGINAL_MARKERS = [
  /^Content-Type:\s*(?:message\/rfc822|text\/rfc822-headers|message\/rfc822-headers|message\/global|message\/partial)/im,
  /^-{2,} ?This is a copy of the message, including all the headers/im,
  /^-{2,} ?The header of the original message is following/im,
  /^-{2,} ?Original message (?:follows|headers? follows?)/im,
  /^--- Below this line is a copy of the message\./im,
  /^ *-{3,} ?(?:Unsent|Returned|Original) message/im,
  /^-{3,} ?Original message ?-{3,}/im,
  /^Original message headers?:/im,
  /^ *-{5} ?Original message ?-{5}/im,
];

/** Splits a flattened body into the bounce's own text and the copy of the original message (if any). */
export function splitOriginal(body: string): { report: string; original: string } {
  let cut = -1;
  for (const marker of ORIGINAL_MARKERS) {
    const m = marker.exec(body);
    if (m && (cut < 0 || m.index < cut)) cut = m.index;
  }
  if (cut < 0) return { report: body, original: '' };
  const nl = body.indexOf('\n', cut);
  let original = nl < 0 ? '' : body.slice(nl + 1);
  // After a MIME part's Content-Type line come its other part headers, then a blank line, then the message.
  if (/^content-type:/i.test(body.slice(cut, cut + 13)) && /^[A-Za-z-]+:/.test(original) && !/^(?:received|return-path|from|to|subject|date|message-id|mime-version|x-[\w-]+|delivered-to|reply-to|dkim-signature|authentication-results|arc-[\w-]+):/i.test(original)) {
    const blank = original.indexOf('\n\n');
    if (blank >= 0) original = original.slice(blank + 2);
  }
  return { report: body.slice(0, cut), original };
}

/** The header fields of the original message (text as splitOriginal returns it: its headers first). */
export function originalHeaderFields(original: string | undefined): Map<string, string[]> {
  return parseHeaderBlock((original ?? '').replace(/^\s+/, '').split('\n\n', 1)[0] ?? '');
}

/** One-line form of a multi-line diagnostic. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const REPLY_LINE = /^\s*(?:<<<\s*|remote host said:\s*|remote server replied:\s*)?([245]\d\d)([ -])(?:([245]\.\d{1,3}\.\d{1,3})(?=\s))?(.*)$/i;

/**
 * Joins a multi-line SMTP reply ("550-5.7.26 a", "550-5.7.26 b", "550 5.7.26 c") into one line
 * with the code written once ("550 5.7.26 a b c"). Other lines are kept as they are.
 */
export function joinReplyLines(lines: readonly string[]): string {
  const out: string[] = [];
  let open = '';
  for (const line of lines) {
    const m = REPLY_LINE.exec(line);
    if (m) {
      const prefix = `${m[1]}${m[3] ? ` ${m[3]}` : ''}`;
      if (open === prefix) out.push((m[4] as string).trim());
      else out.push(`${prefix} ${(m[4] as string).trim()}`);
      open = m[2] === '-' ? prefix : '';
      continue;
    }
    open = '';
    out.push(line.trim());
  }
  return oneLine(out.join(' '));
}

/**
 * The first SMTP error reply in a report (a 4xx/5xx line and its continuation lines), joined into one line,
 * with the command it answered when a transcript shows it (">>> RCPT TO:<…>"). '' when none.
 */
export function findSmtpError(report: string): { text: string; command: string } {
  const lines = report.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = REPLY_LINE.exec(lines[i] as string);
    if (!m || (m[1] as string)[0] === '2') continue;
    const block = [lines[i] as string];
    let continued = m[2] === '-';
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j] as string;
      const n = REPLY_LINE.exec(next);
      if (n && (continued || n[1] === m[1])) {
        block.push(next);
        continued = n[2] === '-';
        continue;
      }
      if (!n && next.trim() !== '' && /^\s/.test(next) && !continued) {
        block.push(next);
        continue;
      }
      break;
    }
    let command = '';
    for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
      const c = /^\s*>>>\s*([A-Za-z]+)(?:\s+([A-Za-z]+))?/.exec(lines[k] as string);
      if (c) {
        command = normalizeCommand(`${c[1]} ${c[2] ?? ''}`);
        break;
      }
    }
    return { text: joinReplyLines(block), command };
  }
  return { text: '', command: '' };
}

export function normalizeCommand(word: string): string {
  const w = word.trim().toUpperCase();
  if (w.startsWith('MAIL')) return 'MAIL';
  if (w.startsWith('RCPT')) return 'RCPT';
  if (w.startsWith('DATA') || w.startsWith('BDAT') || w.includes('DATA')) return 'DATA';
  if (w.startsWith('EHLO')) return 'EHLO';
  if (w.startsWith('HELO')) return 'HELO';
  if (w.startsWith('STARTTLS')) return 'STARTTLS';
  if (w.startsWith('AUTH')) return 'AUTH';
  if (w.startsWith('CONN')) return 'CONN';
  return '';
}

const MAX_PARAGRAPH = 4000;

function ownLines(paragraph: string, at: number): string {
  const start = paragraph.lastIndexOf('\n', at) + 1;
  let end = paragraph.indexOf('\n', at);
  for (let n = 0; end >= 0 && n < 5; n++) {
    const next = paragraph.indexOf('\n', end + 1);
    const line = paragraph.slice(end + 1, next < 0 ? paragraph.length : next);
    if (line.includes('@') || line.trim() === '') break;
    end = next;
  }
  return paragraph.slice(start, end < 0 ? paragraph.length : end).slice(0, MAX_PARAGRAPH);
}

/**
 * An index of a report's paragraphs (blank-line separated) by the addresses they mention, built once:
 * `about(address)` is the first paragraph that names it ('' when none). Linear in the report's size,
 * however many recipients are looked up (a rescan per recipient is quadratic on a 10k-recipient DSN).
 */
export function paragraphIndex(report: string): (address: string) => string {
  const byAddress = new Map<string, string>();
  let start = 0;
  while (start <= report.length) {
    let end = report.indexOf('\n\n', start);
    if (end < 0) end = report.length;
    const paragraph = report.slice(start, end);
    const big = paragraph.length > MAX_PARAGRAPH;
    for (const found of addressesIn(paragraph)) {
      const key = cleanAddress(found.address).toLowerCase();
      if (byAddress.has(key)) continue;
      // A long paragraph (one line per recipient): the address's own line and the lines after it that name
      // no other address, so each recipient gets its own words and the work stays linear.
      byAddress.set(key, big ? ownLines(paragraph, found.start) : paragraph);
    }
    start = end + 2;
  }
  return (address) => (address ? byAddress.get(address.toLowerCase()) ?? '' : '');
}

/** The paragraph of a report that mentions an address (up to the next blank line), '' when none. */
export function paragraphAbout(report: string, address: string): string {
  return paragraphIndex(report)(address);
}

/** "550-5.2.1 a 550-5.2.1 b" (a multi-line reply flattened mid-line) → "550 5.2.1 a b". */
export function squeezeReplyPrefixes(text: string): string {
  const first = /\b([245]\d\d)[ -]([245]\.\d{1,3}\.\d{1,3})(?=\s)/.exec(text);
  if (!first) return text;
  const [whole, code, status] = first as unknown as [string, string, string];
  const head = text.slice(0, first.index) + `${code} ${status}`;
  const tail = text.slice(first.index + whole.length).replace(new RegExp(`\\s${code}[ -]${status.replace(/\./g, '\\.')}(?=\\s)`, 'g'), '');
  return head + tail;
}
