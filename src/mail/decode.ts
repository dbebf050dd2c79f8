// Decoding the pieces of a message for `mailcheck message`: transfer encodings (base64, quoted-printable),
// charsets (WHATWG TextDecoder, then iconv-lite for labels it lacks such as UTF-7 and the DOS code pages), and
// RFC 2047 encoded words. Every function is one pass over its input and never throws.
import { createRequire } from 'node:module';
import type * as IconvLite from 'iconv-lite';

// Loaded the first time a charset TextDecoder lacks comes up: its tables are ~550 KB of code, which
// every `bounce` and `message` run paid to parse at start-up (~12 ms) for the few messages that need it.
let iconvLite: typeof IconvLite | undefined;
const iconv = (): typeof IconvLite => (iconvLite ??= createRequire(import.meta.url)('iconv-lite') as typeof IconvLite);

const decoders = new Map<string, InstanceType<typeof TextDecoder> | null>();

/** A charset label as written (`"GB2312"`, `utf8`), lower case, without quotes or spaces. */
export function normalizeCharset(label: string): string {
  return label.trim().replace(/^["']|["']$/g, '').toLowerCase();
}

function textDecoder(label: string): InstanceType<typeof TextDecoder> | null {
  let decoder = decoders.get(label);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(label, { fatal: false });
    } catch {
      decoder = null;
    }
    decoders.set(label, decoder);
  }
  return decoder;
}

/** True when the charset can be decoded here. */
export function knownCharset(label: string): boolean {
  const name = normalizeCharset(label);
  return textDecoder(name) !== null || iconv().encodingExists(name);
}

/** Bytes in a charset → text. An unknown charset reads as UTF-8 (`known: false`), the usual guess of mail readers. */
export function decodeBytes(bytes: Uint8Array, charset: string | undefined): { text: string; known: boolean } {
  const name = normalizeCharset(charset ?? 'us-ascii');
  const label = name === 'us-ascii' || name === 'ascii' || name === '' ? 'utf-8' : name;
  const decoder = textDecoder(label);
  if (decoder) return { text: decoder.decode(bytes), known: true };
  if (iconv().encodingExists(label)) return { text: iconv().decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), label), known: true };
  return { text: (textDecoder('utf-8') as InstanceType<typeof TextDecoder>).decode(bytes), known: false };
}

/** True when the bytes are well-formed UTF-8. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const HEX = (c: number): number => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1);

/** Quoted-printable (RFC 2045 §6.7) → bytes; soft line breaks removed, a malformed `=` kept as it is. */
export function decodeQuotedPrintable(input: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(input.length);
  let o = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i] as number;
    if (c !== 0x3d) {
      out[o++] = c;
      continue;
    }
    const a = input[i + 1];
    const b = input[i + 2];
    if (a === 0x0d && b === 0x0a) {
      i += 2;
      continue;
    }
    if (a === 0x0a) {
      i += 1;
      continue;
    }
    const hi = a === undefined ? -1 : HEX(a);
    const lo = b === undefined ? -1 : HEX(b);
    if (hi >= 0 && lo >= 0) {
      out[o++] = hi * 16 + lo;
      i += 2;
    } else {
      out[o++] = c;
    }
  }
  return out.subarray(0, o);
}

/** Characters outside the base64 alphabet, CR, LF, space and tab (a base64 part that is not base64). */
export function invalidBase64Bytes(input: Uint8Array): number {
  let bad = 0;
  // Indexed, not for…of: the iterator made this ~9× slower, seconds on a 30 MB attachment.
  for (let i = 0; i < input.length; i++) {
    const c = input[i] as number;
    const ok = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f || c === 0x3d || c === 0x0d || c === 0x0a || c === 0x20 || c === 0x09;
    if (!ok) bad++;
  }
  return bad;
}

/** Bytes after base64 decoding, estimated from the encoded length without decoding (a 30 MB attachment is never decoded). */
export function base64DecodedSize(input: Uint8Array): number {
  let chars = 0;
  let pad = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i] as number;
    if (c === 0x3d) pad++;
    else if (c > 0x20) chars++;
  }
  return Math.floor(((chars + pad) * 3) / 4) - Math.min(pad, 2);
}

/** A part's body bytes after its Content-Transfer-Encoding (7bit, 8bit and binary are as written). */
export function decodeTransfer(body: Uint8Array, cte: string): Buffer {
  if (cte === 'base64') return Buffer.from(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1'), 'base64');
  if (cte === 'quoted-printable') return decodeQuotedPrintable(body);
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

export interface DecodedWords {
  text: string;
  /** Charsets named by the encoded words, lower case, once each. */
  charsets: string[];
  /** Encoded words in an unknown charset or encoding (kept as written). */
  broken: number;
}

// `=?charset?B|Q?text?=`, RFC 2047 §2 (charset may carry an RFC 2231 `*lang`). Each part is a single
// character class: one pass, no backtracking.
const ENCODED_WORD = /=\?([^?\s]{1,64})\?([bBqQ])\?([^?\s]*)\?=/g;

function decodeWord(charset: string, encoding: string, text: string): string | null {
  const name = normalizeCharset(charset.split('*')[0] ?? charset);
  if (!knownCharset(name)) return null;
  let bytes: Buffer;
  if (encoding === 'b' || encoding === 'B') bytes = Buffer.from(text, 'base64');
  else bytes = decodeQuotedPrintable(Buffer.from(text.replace(/_/g, ' '), 'latin1'));
  return decodeBytes(bytes, name).text;
}

/** RFC 2047 encoded words decoded; whitespace between two adjacent encoded words dropped (§6.2). */
export function decodeEncodedWords(value: string): DecodedWords {
  if (!value.includes('=?')) return { text: value, charsets: [], broken: 0 };
  const charsets = new Set<string>();
  let broken = 0;
  let out = '';
  let last = 0;
  let previousWasWord = false;
  for (const m of value.matchAll(ENCODED_WORD)) {
    const index = m.index ?? 0;
    const between = value.slice(last, index);
    const decoded = decodeWord(m[1] as string, m[2] as string, m[3] as string);
    charsets.add(normalizeCharset((m[1] as string).split('*')[0] ?? ''));
    if (decoded === null) {
      broken++;
      out += between + m[0];
      previousWasWord = false;
    } else {
      out += previousWasWord && /^[ \t\r\n]*$/.test(between) ? '' : between;
      out += decoded;
      previousWasWord = true;
    }
    last = index + m[0].length;
  }
  out += value.slice(last);
  return { text: out, charsets: [...charsets], broken };
}

/** True when the text holds an RFC 2047 encoded word. */
export function hasEncodedWord(value: string): boolean {
  ENCODED_WORD.lastIndex = 0;
  const found = ENCODED_WORD.test(value);
  ENCODED_WORD.lastIndex = 0;
  return found;
}
