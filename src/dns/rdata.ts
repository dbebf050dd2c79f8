// RFC 1035 <character-string>s, the pieces of TXT and SPF rdata (§3.3, §3.3.14) and of CAA values:
// their wire form (a length byte and up to 255 bytes), and their zone-file presentation form (a quoted
// string with `\X` and `\DDD` escapes, §5.1). One module for the wire codec, the zone parser and every
// formatter that prints a TXT value, so what one writes the others read back byte for byte.

/** Most bytes in one character-string: its length is one byte. */
export const MAX_CHARACTER_STRING = 255;

/** Most bytes of rdata in one record: RDLENGTH is 16 bits. */
export const MAX_RDATA = 65_535;

/** Character-strings of TXT-like rdata, read from wire form; undefined when a length runs past the end. */
export function decodeCharacterStrings(rdata: Buffer): Buffer[] | undefined {
  const strings: Buffer[] = [];
  for (let i = 0; i < rdata.length; ) {
    const length = rdata[i] as number;
    if (i + 1 + length > rdata.length) return undefined;
    strings.push(rdata.subarray(i + 1, i + 1 + length));
    i += 1 + length;
  }
  return strings;
}

/** Wire form of character-strings of at most 255 bytes each (the inverse of decodeCharacterStrings). */
export function encodeCharacterStrings(strings: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [];
  for (const s of strings) {
    if (s.length > MAX_CHARACTER_STRING) throw new RangeError(`character-string of ${s.length} bytes`);
    parts.push(Buffer.from([s.length]), s);
  }
  return Buffer.concat(parts);
}

/**
 * A TXT value cut into character-strings of at most 255 bytes, only between UTF-8 characters (a
 * character is at most 4 bytes, so every string but the last holds 252 to 255 bytes). Joined, the
 * strings are the UTF-8 of the text; the empty text is one empty string.
 */
export function splitCharacterStrings(text: string): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + MAX_CHARACTER_STRING, bytes.length);
    // Back off to a character boundary (continuation bytes are 10xxxxxx): at most 3 bytes, since the
    // bytes of a JavaScript string are always well-formed UTF-8.
    while (end < bytes.length && end > start && ((bytes[end] as number) & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end));
    start = end;
  }
  return parts.length > 0 ? parts : [Buffer.alloc(0)];
}

function escapeByte(byte: number): string {
  return `\\${String(byte).padStart(3, '0')}`;
}

/**
 * One character-string in presentation form: quoted, `"` and `\` escaped, control characters (C0,
 * DEL and C1) as `\DDD` of their bytes. Text that is valid UTF-8 stays readable (`"é"`, `"中文"`);
 * bytes that are not UTF-8 are all `\DDD`, so the string reads back as the same bytes.
 */
export function quote(bytes: Buffer): string {
  let out = '"';
  const text = bytes.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(bytes)) {
    for (const ch of text) {
      const code = ch.codePointAt(0) as number;
      if (ch === '"' || ch === '\\') out += `\\${ch}`;
      else if (code < 0x20 || code === 0x7f) out += escapeByte(code);
      else if (code >= 0x80 && code <= 0x9f) out += escapeByte(0xc0 | (code >> 6)) + escapeByte(0x80 | (code & 0x3f));
      else out += ch;
    }
  } else {
    for (const byte of bytes) {
      if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
      else if (byte < 0x20 || byte >= 0x7f) out += escapeByte(byte);
      else out += String.fromCharCode(byte);
    }
  }
  return `${out}"`;
}

/** A TXT or SPF value in zone-file form: its character-strings quoted, separated by spaces. */
export function formatCharacterStrings(text: string): string {
  return splitCharacterStrings(text).map(quote).join(' ');
}

/** Why the text of a character-string cannot be read: `\DDD` over 255, or a `\` before 1 or 2 digits. */
export type EscapeProblem = { code: 'escape-range' | 'escape-digits'; escape: string };

/**
 * The bytes of a character-string's text as written between the quotes (or as a bare word): `\DDD`
 * is the byte DDD, `\X` is X, anything else is its UTF-8. A lone `\` at the end stands for nothing.
 */
export function unescapeCharacterString(raw: string): Buffer | EscapeProblem {
  if (!raw.includes('\\')) return Buffer.from(raw, 'utf8');
  const parts: Buffer[] = [];
  let runStart = 0;
  let i = raw.indexOf('\\');
  while (i >= 0) {
    if (i > runStart) parts.push(Buffer.from(raw.slice(runStart, i), 'utf8'));
    let digits = 0;
    while (digits < 3 && isDigit(raw.charCodeAt(i + 1 + digits))) digits++;
    if (digits === 3) {
      const value = Number(raw.slice(i + 1, i + 4));
      if (value > 255) return { code: 'escape-range', escape: raw.slice(i, i + 4) };
      parts.push(Buffer.from([value]));
      runStart = i + 4;
    } else if (digits > 0) {
      return { code: 'escape-digits', escape: raw.slice(i, i + 1 + digits) };
    } else {
      // `\X`: X itself (a whole code point when X is outside the BMP).
      const next = raw.codePointAt(i + 1);
      const width = next === undefined ? 0 : next > 0xffff ? 2 : 1;
      if (width > 0) parts.push(Buffer.from(raw.slice(i + 1, i + 1 + width), 'utf8'));
      runStart = i + 1 + width;
    }
    i = raw.indexOf('\\', runStart);
  }
  if (runStart < raw.length) parts.push(Buffer.from(raw.slice(runStart), 'utf8'));
  return Buffer.concat(parts);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
