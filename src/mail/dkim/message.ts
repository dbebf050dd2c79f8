// A message as DKIM sees it (RFC 6376 §3.4, §5.4): the header fields exactly as their bytes came,
// in order, and the body bytes after the first empty line. Never decoded through a MIME parser:
// a signature covers octets, and 8-bit bytes in headers or bodies are kept as they are.
//
// Line ends are brought to CRLF first (a bare LF becomes CRLF), the form in which the message was
// signed and in which an MTA hands it on; a saved .eml with LF newlines verifies the same.
//
// Bounded: the header block is scanned for at most MAX_HEADER_BYTES and MAX_HEADER_FIELDS. Past
// either, the block is reported as over the limit and DKIM is not judged on a partial header.

/** Most header-block bytes scanned (Gmail rejects header blocks far smaller; 1 MiB is generous). */
export const MAX_HEADER_BYTES = 1024 * 1024;
/** Most header fields read. */
export const MAX_HEADER_FIELDS = 2000;

export interface HeaderField {
  /** The field name as written (bytes before the colon, trailing WSP removed), latin1. */
  name: string;
  /** Lower-case name, for picking fields by `h=`. */
  key: string;
  /** The whole field with its folding, without the final CRLF (latin1 view of the raw bytes). */
  raw: Buffer;
}

export interface DkimMessage {
  fields: HeaderField[];
  /** Body bytes (CRLF line ends), empty when the message has no empty line. */
  body: Buffer;
  /** Set when the header block went past a cap; `fields` then holds only what was read. */
  headerLimit?: 'bytes' | 'fields';
}

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const HTAB = 0x09;
const COLON = 0x3a;

/** Bare LF → CRLF; returns the input itself when it has none (no copy). */
export function toCrlf(raw: Buffer): Buffer {
  let bare = 0;
  for (let i = raw.indexOf(LF); i >= 0; i = raw.indexOf(LF, i + 1)) {
    if (i === 0 || raw[i - 1] !== CR) bare++;
  }
  if (bare === 0) return raw;
  const out = Buffer.allocUnsafe(raw.length + bare);
  let o = 0;
  let start = 0;
  for (let i = raw.indexOf(LF); i >= 0; i = raw.indexOf(LF, i + 1)) {
    if (i === 0 || raw[i - 1] !== CR) {
      o += raw.copy(out, o, start, i);
      out[o++] = CR;
      out[o++] = LF;
      start = i + 1;
    }
  }
  o += raw.copy(out, o, start);
  return out.subarray(0, o);
}

/** A field name is printable US-ASCII except colon (RFC 5322 §3.6.8 ftext). */
function validName(name: Buffer): boolean {
  if (name.length === 0) return false;
  for (const byte of name) if (byte < 33 || byte > 126 || byte === COLON) return false;
  return true;
}

/** Splits a message (any line ends) into header fields and body, within the caps. */
export function splitMessage(input: Buffer): DkimMessage {
  const raw = toCrlf(input);
  const fields: HeaderField[] = [];
  let pos = 0;
  let fieldStart = -1;
  const flush = (end: number) => {
    if (fieldStart < 0) return;
    const field = raw.subarray(fieldStart, end);
    fieldStart = -1;
    const colon = field.indexOf(COLON);
    if (colon <= 0) return; // not a field (e.g. an mbox "From " line): nothing DKIM can pick
    let nameEnd = colon;
    while (nameEnd > 0 && (field[nameEnd - 1] === SP || field[nameEnd - 1] === HTAB)) nameEnd--;
    const nameBytes = field.subarray(0, nameEnd);
    if (!validName(nameBytes)) return;
    const name = nameBytes.toString('latin1');
    fields.push({ name, key: name.toLowerCase(), raw: field });
  };
  while (pos < raw.length) {
    if (pos >= MAX_HEADER_BYTES) {
      flush(pos - 2);
      return { fields, body: Buffer.alloc(0), headerLimit: 'bytes' };
    }
    const lf = raw.indexOf(LF, pos);
    const lineEnd = lf < 0 ? raw.length : lf - 1; // index of the CR (lines end in CRLF after toCrlf)
    const next = lf < 0 ? raw.length : lf + 1;
    if (lineEnd === pos) {
      // The empty line: the body starts after it (the field before it ends before its CRLF).
      flush(pos - 2);
      return { fields, body: raw.subarray(next) };
    }
    const first = raw[pos];
    if (first === SP || first === HTAB) {
      // Continuation line: part of the field before it (a stray one before any field is dropped).
    } else {
      flush(pos - 2);
      if (fields.length >= MAX_HEADER_FIELDS) return { fields, body: Buffer.alloc(0), headerLimit: 'fields' };
      fieldStart = pos;
    }
    pos = next;
  }
  // No empty line: all header, no body.
  flush(raw.length >= 2 && raw[raw.length - 1] === LF ? raw.length - 2 : raw.length);
  return { fields, body: Buffer.alloc(0) };
}
