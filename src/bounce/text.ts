// Small text helpers every format parser uses: addresses, SMTP commands, splitting off the original message.

const ADDRESS = /<?([^\s<>"'(),;:@[\]]+@[A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])>?/;

/** The first e-mail address in a text, lower-cased domain, without angle brackets ('' when none). */
export function findAddress(text: string): string {
  const m = ADDRESS.exec(text);
  if (!m) return '';
  return cleanAddress(m[1] as string);
}

export function cleanAddress(address: string): string {
  let a = address.trim().replace(/^<|>$/g, '').replace(/^["']|["']$/g, '');
  a = a.replace(/[.,;:]+$/, '');
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
  return { report: body.slice(0, cut), original: nl < 0 ? '' : body.slice(nl + 1) };
}

/** One-line form of a multi-line diagnostic. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
