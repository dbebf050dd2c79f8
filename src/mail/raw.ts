// A message's raw bytes as `mailcheck message` judges them: the faults MIME parsers normalise away
// (lines over 998 octets, bare CR or LF, 8-bit bytes in headers, header lines that are not fields) are
// facts here, read before any decoding. Offsets index the buffer handed in; lines are 1-based.
//
// Bounded: the header block is scanned for at most MAX_SCAN_HEADER_BYTES and MAX_SCAN_FIELDS (both well
// past Gmail's own limits of 500 KB and 5,000 fields), and every loop is one pass with Buffer.indexOf.

/** RFC 5322 §2.1.1: a line is at most 998 octets, CRLF excluded. */
export const LINE_LIMIT = 998;
/** Most header-block bytes scanned (Gmail refuses header blocks over 500 KB). */
export const MAX_SCAN_HEADER_BYTES = 2 * 1024 * 1024;
/** Most header fields read (Gmail refuses more than 5,000). */
export const MAX_SCAN_FIELDS = 10_000;

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const HTAB = 0x09;
const COLON = 0x3a;

export interface RawField {
  /** The name as written (latin1), trailing white space removed. */
  name: string;
  /** Lower-case name. */
  key: string;
  /** Offset of the field's first byte. */
  start: number;
  /** Offset just past its last byte, before the final line break. */
  end: number;
  /** The value after the colon, unfolded (line breaks removed), latin1 view of the bytes, trimmed. */
  value: string;
  /** The field holds bytes ≥ 0x80. */
  eightBit: boolean;
  /** Line of the field's first line. */
  line: number;
}

export interface HeaderBlock {
  fields: RawField[];
  /** Offset of the body: after the empty line, or the end of the range when there is none. */
  bodyStart: number;
  /** Bytes of the header block, line breaks included, the empty line not. */
  bytes: number;
  /** An empty line ends the block (RFC 5322 §2.1); false when the range ends first. */
  separator: boolean;
  /** Lines in the block that are neither a field nor a continuation: the first ten line numbers, and the count. */
  badLines: number[];
  badLineCount: number;
  /** Lines of the block (to number the body's lines). */
  lines: number;
  /** Set when the block went past a scan limit; `fields` holds what was read. */
  limit?: 'bytes' | 'fields';
}

function validName(buf: Uint8Array, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const c = buf[i] as number;
    if (c < 33 || c > 126) return false;
  }
  return true;
}

function hasEightBit(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if ((buf[i] as number) >= 0x80) return true;
  return false;
}

/** Reads the header fields of the range [start, end) of a message or MIME part. */
export function readHeaderBlock(buf: Buffer, start = 0, end = buf.length, firstLine = 1): HeaderBlock {
  const fields: RawField[] = [];
  const block: HeaderBlock = { fields, bodyStart: end, bytes: 0, separator: false, badLines: [], badLineCount: 0, lines: 0 };
  let pos = start;
  let line = firstLine;
  let current: { start: number; end: number; colon: number; line: number } | null = null;
  const flush = () => {
    if (!current) return;
    let nameEnd = current.colon;
    while (nameEnd > current.start && (buf[nameEnd - 1] === SP || buf[nameEnd - 1] === HTAB)) nameEnd--;
    const name = buf.toString('latin1', current.start, nameEnd);
    const value = buf.toString('latin1', current.colon + 1, current.end).replace(/\r?\n|\r/g, '').trim();
    fields.push({ name, key: name.toLowerCase(), start: current.start, end: current.end, value, eightBit: hasEightBit(buf, current.start, current.end), line: current.line });
    current = null;
  };
  while (pos < end) {
    if (pos - start > MAX_SCAN_HEADER_BYTES) {
      block.limit = 'bytes';
      break;
    }
    if (fields.length >= MAX_SCAN_FIELDS) {
      block.limit = 'fields';
      break;
    }
    const lf = buf.indexOf(LF, pos);
    const next = lf < 0 || lf >= end ? end : lf + 1;
    let lineEnd = lf < 0 || lf >= end ? end : lf;
    if (lineEnd > pos && buf[lineEnd - 1] === CR) lineEnd--;
    if (lineEnd === pos) {
      // The empty line: the body follows.
      flush();
      block.separator = true;
      block.bodyStart = next;
      block.bytes = pos - start;
      block.lines = line - firstLine;
      return block;
    }
    const first = buf[pos];
    if ((first === SP || first === HTAB) && current) {
      current.end = lineEnd;
    } else {
      flush();
      const colon = buf.indexOf(COLON, pos);
      let nameEnd = colon;
      while (nameEnd > pos && (buf[nameEnd - 1] === SP || buf[nameEnd - 1] === HTAB)) nameEnd--;
      if (colon >= 0 && colon < lineEnd && validName(buf, pos, nameEnd)) {
        current = { start: pos, end: lineEnd, colon, line };
      } else {
        block.badLineCount++;
        if (block.badLines.length < 10) block.badLines.push(line);
      }
    }
    pos = next;
    line++;
  }
  flush();
  block.bytes = Math.min(pos, end) - start;
  block.lines = line - firstLine;
  return block;
}

export interface LongLine {
  line: number;
  length: number;
  where: 'header' | 'body';
}

export interface LineFacts {
  lines: number;
  /** Line ends written CRLF, bare LF (LF without CR before it) and bare CR (CR without LF after it). */
  crlf: number;
  bareLf: number;
  bareCr: number;
  /** Lines over LINE_LIMIT octets (CR and LF not counted), in the header block and in the body. */
  over: { header: number; body: number };
  /** The first such line in each place. */
  firstOver: { header: LongLine | null; body: LongLine | null };
  longest: number;
  /** NUL bytes (RFC 5322 forbids them anywhere). */
  nul: number;
}

/**
 * Line ends and lengths of the whole message. A file saved with LF line ends only is a storage
 * convention, not a fault (`newline` says `lf`); LF mixed with CRLF, and any bare CR, are faults.
 */
export function scanLines(buf: Buffer, bodyStart: number): LineFacts {
  const facts: LineFacts = { lines: 0, crlf: 0, bareLf: 0, bareCr: 0, over: { header: 0, body: 0 }, firstOver: { header: null, body: null }, longest: 0, nul: 0 };
  let pos = 0;
  let line = 1;
  while (pos <= buf.length) {
    const lf = buf.indexOf(LF, pos);
    const end = lf < 0 ? buf.length : lf;
    if (lf >= 0) {
      if (lf > 0 && buf[lf - 1] === CR) facts.crlf++;
      else facts.bareLf++;
    }
    const contentEnd = lf > pos && buf[lf - 1] === CR ? lf - 1 : end;
    const length = contentEnd - pos;
    if (length > facts.longest) facts.longest = length;
    if (length > LINE_LIMIT) {
      const where = pos < bodyStart ? 'header' : 'body';
      facts.over[where]++;
      facts.firstOver[where] ??= { line, length, where };
    }
    if (lf < 0) {
      if (end > pos) facts.lines++;
      break;
    }
    facts.lines++;
    line++;
    pos = lf + 1;
  }
  for (let i = buf.indexOf(CR); i >= 0; i = buf.indexOf(CR, i + 1)) if (buf[i + 1] !== LF) facts.bareCr++;
  for (let i = buf.indexOf(0); i >= 0; i = buf.indexOf(0, i + 1)) facts.nul++;
  return facts;
}

/** How the message writes its line ends. */
export function newlineStyle(facts: Pick<LineFacts, 'crlf' | 'bareLf' | 'bareCr'>): 'crlf' | 'lf' | 'mixed' | 'cr' | 'none' {
  if (facts.crlf === 0 && facts.bareLf === 0) return facts.bareCr > 0 ? 'cr' : 'none';
  if (facts.crlf === 0) return 'lf';
  if (facts.bareLf === 0) return 'crlf';
  return 'mixed';
}
