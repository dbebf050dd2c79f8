// DKIM canonicalisation (RFC 6376 §3.4) on bytes. Every function is one linear pass; "WSP" is
// exactly SP and HTAB (never a Unicode or latin1 notion of whitespace: 0xA0 in a UTF-8 header is
// a byte of a character, not a space).

export type Canonicalization = 'simple' | 'relaxed';

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const HTAB = 0x09;
const COLON = 0x3a;

const isWsp = (byte: number | undefined) => byte === SP || byte === HTAB;

/**
 * One header field, as it enters the hash: `simple` is the field unchanged; `relaxed` lower-cases
 * the name, unfolds, turns WSP runs into one SP, and drops WSP at the end of the value and around
 * the colon. `field` has no final CRLF; the result ends with CRLF unless `withCrlf` is false (the
 * DKIM-Signature field being verified goes in last, without one).
 */
export function canonicalizeHeader(field: Buffer, mode: Canonicalization, withCrlf = true): Buffer {
  if (mode === 'simple') return withCrlf ? Buffer.concat([field, CRLF]) : field;
  const out = Buffer.allocUnsafe(field.length + 2);
  let o = 0;
  const colon = field.indexOf(COLON);
  // Name: lower case, WSP before the colon dropped.
  let nameEnd = colon < 0 ? field.length : colon;
  while (nameEnd > 0 && isWsp(field[nameEnd - 1])) nameEnd--;
  for (let i = 0; i < nameEnd; i++) {
    const byte = field[i] as number;
    out[o++] = byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
  }
  if (colon >= 0) {
    out[o++] = COLON;
    let pendingSpace = false;
    let started = false;
    for (let i = colon + 1; i < field.length; i++) {
      const byte = field[i] as number;
      // Unfold: a CRLF inside a field is always followed by WSP, which the run below absorbs.
      if (byte === CR && field[i + 1] === LF) {
        i++;
        pendingSpace = true;
        continue;
      }
      if (isWsp(byte)) {
        pendingSpace = true;
        continue;
      }
      // WSP after the colon (before the value) is dropped; inner runs become one SP.
      if (pendingSpace && started) out[o++] = SP;
      pendingSpace = false;
      started = true;
      out[o++] = byte;
    }
    // WSP at the end of the value: dropped (pendingSpace is never written).
  }
  if (withCrlf) {
    out[o++] = CR;
    out[o++] = LF;
  }
  return out.subarray(0, o);
}

const CRLF = Buffer.from('\r\n');

/**
 * The body as it enters the hash. `simple`: trailing empty lines removed, one CRLF kept (an
 * empty body becomes CRLF). `relaxed`: WSP at line ends dropped, inner WSP runs become one SP,
 * trailing empty lines removed, and an empty body stays empty. Input has CRLF line ends.
 */
export function canonicalizeBody(body: Buffer, mode: Canonicalization): Buffer {
  if (mode === 'simple') {
    let end = body.length;
    while (end >= 2 && body[end - 2] === CR && body[end - 1] === LF) end -= 2;
    if (end === 0) return CRLF;
    return Buffer.concat([body.subarray(0, end), CRLF]);
  }
  const out = Buffer.allocUnsafe(body.length + 2);
  let o = 0;
  /** End of output after the last line that had content (trailing empty lines are cut back to it). */
  let keep = 0;
  let pendingSpace = false;
  let lineHasContent = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i] as number;
    if (byte === CR && body[i + 1] === LF) {
      i++;
      pendingSpace = false; // WSP at the end of a line is dropped
      out[o++] = CR;
      out[o++] = LF;
      if (lineHasContent) keep = o;
      lineHasContent = false;
      continue;
    }
    if (isWsp(byte)) {
      pendingSpace = true;
      continue;
    }
    if (pendingSpace) out[o++] = SP;
    pendingSpace = false;
    out[o++] = byte;
    lineHasContent = true;
  }
  if (lineHasContent) {
    // Last line without CRLF: it gets one.
    out[o++] = CR;
    out[o++] = LF;
    keep = o;
  }
  return out.subarray(0, keep);
}

/** A `c=` value: `header[/body]`, each simple or relaxed; the body part defaults to simple. */
export function parseCanonicalization(value: string | undefined): { header: Canonicalization; body: Canonicalization } | undefined {
  if (value === undefined) return { header: 'simple', body: 'simple' };
  const parts = value.split('/');
  if (parts.length > 2) return undefined;
  const header = parts[0]?.trim().toLowerCase();
  const body = parts.length === 2 ? parts[1]?.trim().toLowerCase() : 'simple';
  const ok = (v: string | undefined): v is Canonicalization => v === 'simple' || v === 'relaxed';
  if (!ok(header) || !ok(body)) return undefined;
  return { header, body };
}
