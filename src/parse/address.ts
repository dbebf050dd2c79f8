import { domainToASCII, domainToUnicode } from 'node:url';
import { parseIp, type IpVersion } from '../net/ip.js';

// One e-mail address as people paste it into a contact list → the RFC 5321 mailbox it names, or the one
// thing that is wrong with it. Grammar: RFC 5322 §3.4.1 addr-spec without CFWS and without the obs-
// forms, as RFC 5321 §4.1.2 Mailbox (Dot-string / Quoted-string "@" Domain / address-literal); RFC 6531 §3.3
// adds UTF-8 to atext, qtext and domain labels. Lengths: RFC 5321 §4.5.3.1 (local-part 64 octets, domain
// 255 octets, path 256 octets incl. "<>" → 254 for the address).
//
// Accepted around the addr-spec: `Display Name <addr>` / `"Quoted, Name" <addr>` / `<addr>`, a trailing
// `(comment)` after a bare address (old address-book style, kept as the display name), and a `mailto:` prefix.
// Refused: comments anywhere else, obs-route (`<@relay:user@x>`), obs-local-part (`"a".b`, `a . b`), several
// addresses in one cell. Every loop below is one pass over the text: linear time, and no exception escapes.

/** Longest text looked at: a display name plus a 254-octet address; anything longer is refused unread. */
export const MAX_ADDRESS_INPUT = 1024;
export const MAX_LOCAL_OCTETS = 64;
export const MAX_DOMAIN_OCTETS = 255;
export const MAX_ADDRESS_OCTETS = 254;
const MAX_LABEL_OCTETS = 63;

export interface EmailAddress {
  /** Local part, canonical: unquoted when it is a valid dot-atom, else quoted with minimal escapes. */
  local: string;
  /** Domain in ASCII: lower-case A-labels (punycode), or an address literal such as `[192.0.2.1]`. */
  domain: string;
  /** The same domain with U-labels (`münchen.de`); equal to `domain` when nothing is internationalised. */
  domainUnicode: string;
  /** `local@domain` with the ASCII domain: what goes into RCPT TO (needs SMTPUTF8 when `smtputf8`). */
  ascii: string;
  /** `local@domainUnicode`: what a person reads. */
  unicode: string;
  /** Display name from `Name <addr>` or a trailing `(comment)`, unquoted and unescaped. */
  displayName?: string;
  /** The local part contains non-ASCII (RFC 6531): delivery needs SMTPUTF8 on every hop. */
  smtputf8: boolean;
  /** The local part had to stay quoted (spaces, `@`, `"`… inside it). */
  quoted: boolean;
  /** The domain has at least one IDN label. */
  idn: boolean;
  /** The domain is an address literal (RFC 5321 §4.1.3); mail to it bypasses DNS MX. */
  ipLiteral?: { version: IpVersion; address: string };
}

/** Every error id parseAddress returns (for message catalogues and tests). */
export const ADDRESS_ERROR_CODES = [
  'address.empty',
  'address.input-too-long',
  'address.no-at',
  'address.multiple-at',
  'address.multiple',
  'address.whitespace',
  'address.control-char',
  'address.fullwidth-char',
  'address.comment',
  'address.obsolete',
  'address.angle-unterminated',
  'address.angle-trailing',
  'address.local-empty',
  'address.local-too-long',
  'address.local-char-invalid',
  'address.leading-dot',
  'address.trailing-dot',
  'address.double-dot',
  'address.quoted-unterminated',
  'address.quoted-char-invalid',
  'address.domain-empty',
  'address.domain-too-long',
  'address.domain-label-invalid',
  'address.domain-label-too-long',
  'address.domain-no-dot',
  'address.domain-idn-invalid',
  'address.domain-trailing-dot',
  'address.ip-unbracketed',
  'address.ip-literal-invalid',
  'address.too-long',
] as const;

export type AddressErrorCode = (typeof ADDRESS_ERROR_CODES)[number];

/** Values that name the fault: where (`index` into the input, `part`), what (`char`, `label`), limits. */
export interface AddressErrorData {
  index?: number;
  part?: 'local' | 'domain';
  char?: string;
  codePoint?: string;
  label?: string;
  length?: number;
  max?: number;
  form?: 'route' | 'local-part' | 'general-literal';
  /** A corrected address when the fix is mechanical (full-width `＠`, a trailing dot, a missing `[…]`). */
  suggestion?: string;
}

export interface AddressError {
  code: AddressErrorCode;
  data: AddressErrorData;
}

export type AddressParse = { ok: true; address: EmailAddress } | { ok: false; error: AddressError };

function fail(code: AddressErrorCode, data: AddressErrorData = {}): { ok: false; error: AddressError } {
  return { ok: false, error: { code, data } };
}

const ATEXT_ASCII = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]$/;

function codePointHex(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Characters that are never part of an address even under RFC 6531: controls, invisible and odd spaces. */
function isForbiddenUnicode(cp: number): boolean {
  return (
    (cp >= 0x80 && cp <= 0x9f) || // C1 controls
    cp === 0xa0 || cp === 0xad || cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200f) || // spaces, zero-width, LRM/RLM
    (cp >= 0x2028 && cp <= 0x202f) ||
    (cp >= 0x205f && cp <= 0x206f) ||
    cp === 0x3000 || cp === 0xfeff || cp === 0xfffd ||
    (cp >= 0xfff0 && cp <= 0xfff8) ||
    (cp >= 0xd800 && cp <= 0xdfff) // lone surrogates
  );
}

/** Full-width ASCII forms (Chinese/Japanese IMEs type `＠` and `．`) and the ideographic full stop. */
function fullwidthToAscii(cp: number): string | undefined {
  if (cp >= 0xff01 && cp <= 0xff5e) return String.fromCharCode(cp - 0xfee0);
  if (cp === 0x3002 || cp === 0xff61) return '.';
  return undefined;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * First pass over the whole input: controls, stray Unicode and full-width punctuation are reported with
 * their position before any structure is looked at, so a pasted `张三＠qq．com` says exactly that.
 */
function scanCharacters(text: string): AddressError | undefined {
  let fullwidthAt = -1;
  let fixed = '';
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) as number;
    const char = String.fromCodePoint(cp);
    if (cp < 0x20 && cp !== 0x09) return { code: 'address.control-char', data: { index: i, codePoint: codePointHex(char) } };
    if (cp === 0x7f) return { code: 'address.control-char', data: { index: i, codePoint: codePointHex(char) } };
    const ascii = fullwidthToAscii(cp);
    if (ascii !== undefined) {
      if (fullwidthAt < 0) fullwidthAt = i;
      fixed += ascii;
    } else if (cp >= 0x80 && isForbiddenUnicode(cp)) {
      const code = i > text.lastIndexOf('@') ? 'address.domain-label-invalid' : 'address.local-char-invalid';
      return { code, data: { index: i, char, codePoint: codePointHex(char) } };
    } else {
      fixed += char;
    }
    if (cp > 0xffff) i++;
  }
  if (fullwidthAt >= 0) {
    const char = String.fromCodePoint(text.codePointAt(fullwidthAt) as number);
    return { code: 'address.fullwidth-char', data: { index: fullwidthAt, char, codePoint: codePointHex(char), suggestion: fixed.trim() } };
  }
  return undefined;
}

interface Envelope {
  /** The addr-spec text and its offset in the input. */
  spec: string;
  offset: number;
  displayName?: string;
}

/** Reads a quoted-string starting at `start` (a `"`); returns the index after the closing quote, or -1. */
function skipQuoted(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
  }
  return -1;
}

function unquoteDisplay(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/\\(.)/g, '$1');
  return t;
}

/**
 * Finds the addr-spec inside `Name <spec>`, `<spec>`, `spec (comment)` or a bare `spec`. Quoted strings are
 * skipped whole, so `"Doe, <J>" <j@x>` works. Parentheses (comments) are accepted only as one trailing
 * comment after a bare address.
 */
function envelope(text: string): Envelope | AddressError {
  let angle = -1;
  let atCount = 0;
  let paren = -1;
  const lastAt = text.lastIndexOf('@');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = skipQuoted(text, i);
      if (end < 0) return { code: 'address.quoted-unterminated', data: { index: i } };
      i = end - 1;
    } else if (c === '<') {
      angle = i;
      break;
    } else if (c === '@') {
      atCount++;
    } else if ((c === ',' || c === ';') && atCount > 0 && lastAt > i) {
      return { code: 'address.multiple', data: { index: i, char: c } };
    } else if (c === '(') {
      const end = skipComment(text, i);
      if (end < 0) return { code: 'address.comment', data: { index: i } };
      if (paren < 0) paren = i;
      i = end - 1;
    }
  }
  if (angle < 0) return paren < 0 ? { spec: text, offset: 0 } : trailingComment(text, paren);
  // Inside the angle brackets: the spec runs to the first `>` outside a quoted string.
  let close = -1;
  for (let i = angle + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = skipQuoted(text, i);
      if (end < 0) return { code: 'address.quoted-unterminated', data: { index: i } };
      i = end - 1;
    } else if (c === '>') {
      close = i;
      break;
    } else if (c === '<') {
      return { code: 'address.local-char-invalid', data: { index: i, char: c } };
    } else if (c === '(') {
      return { code: 'address.comment', data: { index: i } };
    }
  }
  if (close < 0) return { code: 'address.angle-unterminated', data: { index: angle } };
  const rest = text.slice(close + 1).trim();
  if (rest !== '') {
    const restIndex = text.indexOf(rest, close + 1);
    if (/^[,;]/.test(rest) && rest.includes('@')) return { code: 'address.multiple', data: { index: restIndex, char: rest[0] as string } };
    // A comment after the brackets is part of the name (`<j@x.com> (Sales)`); anything else is not.
    if (!(rest.startsWith('(') && skipComment(rest, 0) === rest.length)) return { code: 'address.angle-trailing', data: { index: restIndex } };
  }
  // Display names may hold comments ("John (Sales) <j@x.com>"): kept as typed.
  const before = unquoteDisplay(text.slice(0, angle));
  const name = before !== '' ? before : rest.slice(1, -1).trim();
  const spec = text.slice(angle + 1, close);
  const env: Envelope = { spec, offset: angle + 1 };
  if (name !== '') env.displayName = name;
  return env;
}

/** Skips a comment (nested parentheses, backslash escapes) starting at `(`; index after it, or -1. */
function skipComment(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/** `user@example.com (Zhang San)`: one comment after a bare address, nothing after it. */
function trailingComment(text: string, open: number): Envelope | AddressError {
  const spec = text.slice(0, open);
  const end = skipComment(text, open);
  if (spec.trim() === '' || !/[ \t]$/.test(spec) || end < 0 || text.slice(end).trim() !== '') {
    return { code: 'address.comment', data: { index: open } };
  }
  const env: Envelope = { spec: spec.trimEnd(), offset: 0 };
  const name = text.slice(open + 1, end - 1).replace(/\\(.)/g, '$1').trim();
  if (name !== '') env.displayName = name;
  return env;
}

interface LocalPart {
  /** Canonical local part. */
  local: string;
  quoted: boolean;
  /** Index in the spec of the `@` that ends the local part. */
  at: number;
}

function isAtext(char: string, cp: number): boolean {
  return cp >= 0x80 ? !isForbiddenUnicode(cp) : ATEXT_ASCII.test(char);
}

/** Dot-atom validity of already-unquoted content, used to drop needless quotes. */
function isDotAtom(text: string): boolean {
  if (text === '' || text.startsWith('.') || text.endsWith('.') || text.includes('..')) return false;
  for (const char of text) if (char !== '.' && !isAtext(char, char.codePointAt(0) as number)) return false;
  return true;
}

function parseQuotedLocal(spec: string, offset: number): LocalPart | AddressError {
  let content = '';
  for (let i = 1; i < spec.length; i++) {
    const c = spec[i] as string;
    const cp = spec.codePointAt(i) as number;
    if (c === '\\') {
      const next = spec.codePointAt(i + 1);
      // RFC 5321 quoted-pairSMTP: backslash followed by any ASCII graphic or space.
      if (next === undefined || next < 0x20 || next > 0x7e) return { code: 'address.quoted-char-invalid', data: { index: offset + i, char: '\\' } };
      content += String.fromCharCode(next);
      i++;
      continue;
    }
    if (c === '"') {
      const after = spec[i + 1];
      if (after === '@') {
        if (content === '') return { code: 'address.local-empty', data: { index: offset } };
        const quoted = !isDotAtom(content);
        const local = quoted ? `"${content.replace(/(["\\])/g, '\\$1')}"` : content;
        return { local, quoted, at: i + 1 };
      }
      if (after === undefined) return { code: 'address.no-at', data: {} };
      if (after === '.') return { code: 'address.obsolete', data: { index: offset + i + 1, form: 'local-part' } };
      if (after === ' ' || after === '\t') return { code: 'address.whitespace', data: { index: offset + i + 1, part: 'local' } };
      return { code: 'address.local-char-invalid', data: { index: offset + i + 1, char: after } };
    }
    // qtextSMTP: %d32-33 / %d35-91 / %d93-126, plus UTF8-non-ascii (RFC 6531).
    if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && isForbiddenUnicode(cp))) {
      return { code: 'address.quoted-char-invalid', data: { index: offset + i, char: String.fromCodePoint(cp), codePoint: codePointHex(String.fromCodePoint(cp)) } };
    }
    const char = String.fromCodePoint(cp);
    content += char;
    if (cp > 0xffff) i++;
  }
  return { code: 'address.quoted-unterminated', data: { index: offset } };
}

function parseDotAtomLocal(spec: string, offset: number): LocalPart | AddressError {
  let local = '';
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i] as string;
    const cp = spec.codePointAt(i) as number;
    if (c === '@') {
      if (local === '') return { code: 'address.local-empty', data: { index: offset + i } };
      if (local.endsWith('.')) return { code: 'address.trailing-dot', data: { index: offset + i - 1, part: 'local' } };
      return { local, quoted: false, at: i };
    }
    if (c === '.') {
      if (local === '') return { code: 'address.leading-dot', data: { index: offset + i, part: 'local' } };
      if (local.endsWith('.')) return { code: 'address.double-dot', data: { index: offset + i, part: 'local' } };
    } else if (c === ' ' || c === '\t') {
      return { code: 'address.whitespace', data: { index: offset + i, part: 'local' } };
    } else if (c === '"' && local.endsWith('.')) {
      return { code: 'address.obsolete', data: { index: offset + i, form: 'local-part' } };
    } else if (!isAtext(String.fromCodePoint(cp), cp)) {
      const char = String.fromCodePoint(cp);
      return { code: 'address.local-char-invalid', data: { index: offset + i, char, codePoint: codePointHex(char) } };
    }
    local += String.fromCodePoint(cp);
    if (cp > 0xffff) i++;
  }
  return { code: 'address.no-at', data: {} };
}

const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

interface DomainPart {
  domain: string;
  domainUnicode: string;
  idn: boolean;
  ipLiteral?: { version: IpVersion; address: string };
}

function parseAddressLiteral(text: string, offset: number): DomainPart | AddressError {
  if (!text.endsWith(']')) return { code: 'address.ip-literal-invalid', data: { index: offset } };
  const inner = text.slice(1, -1);
  const v6 = /^ipv6:/i.test(inner);
  if (!v6 && inner.includes(':')) return { code: 'address.ip-literal-invalid', data: { index: offset, form: 'general-literal' } };
  const ip = parseIp(v6 ? inner.slice(5) : inner);
  if (!ip || ip.version !== (v6 ? 6 : 4)) return { code: 'address.ip-literal-invalid', data: { index: offset } };
  const domain = v6 ? `[IPv6:${ip.address}]` : `[${ip.address}]`;
  return { domain, domainUnicode: domain, idn: false, ipLiteral: { version: ip.version, address: ip.address } };
}

function parseDomain(text: string, offset: number, whole: () => string): DomainPart | AddressError {
  if (text === '') return { code: 'address.domain-empty', data: { index: offset } };
  if (text.includes('@')) return { code: 'address.multiple-at', data: { index: offset + text.indexOf('@') } };
  if (text.startsWith('[')) return parseAddressLiteral(text, offset);
  const space = text.search(/[ \t]/);
  if (space >= 0) return { code: 'address.whitespace', data: { index: offset + space, part: 'domain' } };
  if (text.startsWith('.')) return { code: 'address.leading-dot', data: { index: offset, part: 'domain' } };
  const dots = text.indexOf('..');
  if (dots >= 0) return { code: 'address.double-dot', data: { index: offset + dots + 1, part: 'domain' } };
  if (text.endsWith('.')) {
    return { code: 'address.domain-trailing-dot', data: { index: offset + text.length - 1, suggestion: whole().slice(0, -1) } };
  }
  const ip = parseIp(text);
  if (ip && ip.version === 4) return { code: 'address.ip-unbracketed', data: { index: offset, suggestion: whole().replace(/@[^@]*$/, `@[${ip.address}]`) } };
  // Each label checked as typed first, so the error names the label the user wrote.
  const typed = text.split('.');
  let pos = offset;
  for (const label of typed) {
    if (/[^\x00-\x7f]/.test(label)) {
      // U-label: IDNA (UTS #46, via node:url) decides; checked as an A-label below.
    } else if (!LDH_LABEL.test(label.toLowerCase())) {
      if (label.length > MAX_LABEL_OCTETS) return { code: 'address.domain-label-too-long', data: { index: pos, label, length: label.length, max: MAX_LABEL_OCTETS } };
      const bad = [...label].find((c) => !/[A-Za-z0-9-]/.test(c));
      return { code: 'address.domain-label-invalid', data: { index: pos, label, ...(bad !== undefined ? { char: bad } : {}) } };
    }
    pos += label.length + 1;
  }
  const typedTld = typed[typed.length - 1] as string;
  if (typed.length > 1 && /^[0-9]+$/.test(typedTld)) return { code: 'address.domain-label-invalid', data: { index: offset + text.lastIndexOf('.') + 1, label: typedTld } };
  const ascii = domainToASCII(text);
  if (ascii === '') return { code: 'address.domain-idn-invalid', data: { index: offset, label: text } };
  const labels = ascii.split('.');
  pos = offset;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as string;
    const typedLabel = typed[i] ?? label;
    if (label.length > MAX_LABEL_OCTETS) return { code: 'address.domain-label-too-long', data: { index: pos, label: typedLabel, length: label.length, max: MAX_LABEL_OCTETS } };
    if (!LDH_LABEL.test(label)) return { code: 'address.domain-label-invalid', data: { index: pos, label: typedLabel } };
    pos += typedLabel.length + 1;
  }
  if (labels.length < 2) return { code: 'address.domain-no-dot', data: { index: offset } };
  if (ascii.length > MAX_DOMAIN_OCTETS) return { code: 'address.domain-too-long', data: { index: offset, length: ascii.length, max: MAX_DOMAIN_OCTETS } };
  const idn = labels.some((l) => l.startsWith('xn--'));
  return { domain: ascii, domainUnicode: idn ? domainToUnicode(ascii) : ascii, idn };
}

/**
 * Parses one address as typed (surrounding whitespace ignored). Never throws; linear in the input length,
 * which is capped at MAX_ADDRESS_INPUT.
 */
export function parseAddress(input: string): AddressParse {
  if (typeof input !== 'string') return fail('address.empty');
  if (input.length > MAX_ADDRESS_INPUT) return fail('address.input-too-long', { length: input.length, max: MAX_ADDRESS_INPUT });
  let text = input.trim();
  if (text === '') return fail('address.empty');
  const leading = input.length - input.trimStart().length;
  const bad = scanCharacters(text);
  if (bad) return { ok: false, error: shift(bad, leading) };
  let base = leading;
  if (/^mailto:/i.test(text)) {
    text = text.slice(7);
    base += 7;
  }
  const env = envelope(text);
  if ('code' in env) return { ok: false, error: shift(env, base) };
  const spec = env.spec.trim();
  const offset = base + env.offset + (env.spec.length - env.spec.trimStart().length);
  if (spec === '') return fail('address.empty');
  // obs-route: `@relay1,@relay2:user@example.com` (RFC 5322 §4.4).
  if (/^@[^:]*:/.test(spec)) return fail('address.obsolete', { index: offset, form: 'route' });
  if (!spec.includes('@')) return fail('address.no-at');
  const local = spec.startsWith('"') ? parseQuotedLocal(spec, offset) : parseDotAtomLocal(spec, offset);
  if ('code' in local) return { ok: false, error: local };
  const localOctets = utf8Length(local.local);
  if (localOctets > MAX_LOCAL_OCTETS) return fail('address.local-too-long', { length: localOctets, max: MAX_LOCAL_OCTETS });
  const domainText = spec.slice(local.at + 1);
  const domain = parseDomain(domainText, offset + local.at + 1, () => `${local.local}@${domainText}`);
  if ('code' in domain) return { ok: false, error: domain };
  const ascii = `${local.local}@${domain.domain}`;
  const octets = utf8Length(ascii);
  if (octets > MAX_ADDRESS_OCTETS) return fail('address.too-long', { length: octets, max: MAX_ADDRESS_OCTETS });
  const address: EmailAddress = {
    local: local.local,
    domain: domain.domain,
    domainUnicode: domain.domainUnicode,
    ascii,
    unicode: `${local.local}@${domain.domainUnicode}`,
    smtputf8: /[^\x00-\x7f]/.test(local.local),
    quoted: local.quoted,
    idn: domain.idn,
  };
  if (domain.ipLiteral) address.ipLiteral = domain.ipLiteral;
  if (env.displayName !== undefined) address.displayName = env.displayName;
  return { ok: true, address };
}

function shift(error: AddressError, by: number): AddressError {
  if (error.data.index === undefined || by === 0) return error;
  return { code: error.code, data: { ...error.data, index: error.data.index + by } };
}

/** True when the text holds one valid address (a convenience for column sniffing and tests). */
export function isAddress(text: string): boolean {
  return parseAddress(text).ok;
}
