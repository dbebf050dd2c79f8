import { parse as csvParse, type CsvError, type Info, type Parser } from 'csv-parse';
import iconv from 'iconv-lite';

/** An iconv-lite codec name, checked (iconv-lite normalises `UTF-8`, `utf8`, `GBK`…). */
function codec(name: string): Parameters<typeof iconv.getDecoder>[0] {
  if (!iconv.encodingExists(name)) throw new InputError('input.encoding-unknown', { encoding: name });
  return name;
}

// Rows of a contact list, streamed: bytes in, rows out, memory bounded by the read-ahead (one sniff window
// plus a few rows), however long the input. Formats: CSV with or without a header (`,` `;` or tab, found
// from the first line, or an Excel `sep=;` line), one address per line, NDJSON. Encodings: a BOM decides
// (UTF-8, UTF-16LE/BE); else valid UTF-8; else GB18030 (a superset of GBK/GB2312, what Chinese Excel writes)
// when the bytes are GBK-shaped, else windows-1252. CSV parsing is csv-parse's (streaming), decoding
// iconv-lite's (streaming decoders keep multi-byte characters split across chunks intact).
// Faults that stop the read (binary data, a runaway record, broken CSV quoting) are thrown as InputError with
// an id and data; faults of one row (NDJSON that is not JSON, a row without the address column) ride on the row.

export type RowFormat = 'csv' | 'lines' | 'ndjson';

export interface RowReaderOptions {
  format?: RowFormat | 'auto';
  /** An iconv-lite encoding name (`utf-8`, `gb18030`, `gbk`, `utf-16le`, `big5`, `latin1`…) or `auto`. */
  encoding?: string;
  delimiter?: ',' | ';' | '\t' | 'auto';
  /** The address column: a header name (case and surrounding spaces ignored) or a 1-based column number. */
  column?: string | number;
  /** Whether the first CSV row is a header. `auto`: it is, unless one of its cells holds an address. */
  header?: boolean | 'auto';
  /** Longest record (CSV, quoted newlines included) or line, in characters. */
  maxRecordChars?: number;
  /** Most fields in one record. */
  maxFields?: number;
  /** Bytes read before the encoding and format are decided. */
  sniffBytes?: number;
  /** Rows read ahead to find the address column by its values. */
  lookaheadRows?: number;
}

export const ROW_DEFAULTS = { maxRecordChars: 65536, maxFields: 1000, sniffBytes: 65536, lookaheadRows: 50 } as const;

export interface RowsInfo {
  format: RowFormat;
  /** The encoding decoded with (canonical lower-case name). */
  encoding: string;
  encodingChosenBy: 'option' | 'bom' | 'detected';
  bom: boolean;
  /** CSV only. */
  delimiter?: string;
  header: boolean;
  /** Header names; `1`, `2`… when there is no header; NDJSON: the first object's keys. */
  columns: string[];
  /** 0-based index into `columns` of the address column. */
  addressColumn: number;
  columnChosenBy: 'option' | 'header' | 'values' | 'only';
}

export type RowProblemCode = 'input.field-missing' | 'input.ndjson-invalid' | 'input.ndjson-not-object';

export interface Row {
  /** 1-based number among the data rows (the header is not counted). */
  row: number;
  /** 1-based line of the input where the row starts. */
  line: number;
  /** Every field as read, in input order (NDJSON: the values of `columns`, as text). */
  fields: string[];
  /** The address cell, trimmed ('' when the row has none). */
  address: string;
  /** NDJSON: the parsed line, every key kept. */
  object?: Record<string, unknown>;
  problem?: { code: RowProblemCode; data: Record<string, string | number> };
}

export type InputErrorCode =
  | 'input.binary'
  | 'input.encoding-unknown'
  | 'input.record-too-long'
  | 'input.too-many-fields'
  | 'input.csv-invalid'
  | 'input.column-not-found'
  | 'input.no-address-column';

/** A fault that ends the read. `message` is the id; words are the caller's business. */
export class InputError extends Error {
  readonly code: InputErrorCode;
  readonly data: Record<string, string | number | string[]>;
  constructor(code: InputErrorCode, data: Record<string, string | number | string[]> = {}) {
    super(code);
    this.name = 'InputError';
    this.code = code;
    this.data = data;
  }
}

export interface RowSource {
  info: RowsInfo;
  rows: AsyncIterableIterator<Row>;
}

type Chunk = Uint8Array | string;

interface RawRecord {
  fields: string[];
  line: number;
  object?: Record<string, unknown>;
  /** NDJSON line that is a JSON string: the address itself. */
  jsonString?: string;
  problem?: Row['problem'];
}

// ---------------------------------------------------------------------------------------------------------
// Bytes: sniff window, encoding, binary check.

function toBuffer(chunk: Chunk): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Known binary formats people pass instead of a CSV (an .xlsx is a zip, an old .xls an OLE2 file). */
function binarySignature(head: Buffer): string | undefined {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  if (head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'ole2';
  if (head.length >= 4 && head.subarray(0, 4).toString('latin1') === '%PDF') return 'pdf';
  return undefined;
}

/** UTF-16 without a BOM: ASCII text has a zero in every other byte. */
function utf16WithoutBom(head: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

function isUtf8(head: Buffer, complete: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/**
 * GB18030 vs windows-1252 for bytes that are not UTF-8: GBK text is made of lead bytes 0x81–0xFE each followed
 * by a trail byte 0x40–0xFE (not 0x7F), or GB18030 four-byte sequences; Latin-1 text breaks that shape at
 * the first accented letter before a space or punctuation.
 */
function looksGb(head: Buffer, complete: boolean): boolean {
  let pairs = 0;
  let bad = 0;
  const end = complete ? head.length : Math.max(0, head.length - 4);
  for (let i = 0; i < end; i++) {
    const b = head[i] as number;
    if (b < 0x80) continue;
    const b1 = head[i + 1];
    if (b >= 0x81 && b <= 0xfe && b1 !== undefined) {
      if (b1 >= 0x40 && b1 <= 0xfe && b1 !== 0x7f) {
        pairs++;
        i++;
        continue;
      }
      const b2 = head[i + 2];
      const b3 = head[i + 3];
      if (b1 >= 0x30 && b1 <= 0x39 && b2 !== undefined && b2 >= 0x81 && b2 <= 0xfe && b3 !== undefined && b3 >= 0x30 && b3 <= 0x39) {
        pairs++;
        i += 3;
        continue;
      }
    }
    bad++;
  }
  return pairs > 0 && bad <= pairs * 0.02;
}

interface EncodingChoice {
  encoding: string;
  chosenBy: RowsInfo['encodingChosenBy'];
  bom: boolean;
}

function chooseEncoding(head: Buffer, complete: boolean, option: string | undefined): EncodingChoice {
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 'utf-8' : head[0] === 0xff && head[1] === 0xfe ? 'utf-16le' : head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : undefined;
  if (option && option.toLowerCase() !== 'auto') {
    codec(option);
    return { encoding: option.toLowerCase(), chosenBy: 'option', bom: bom !== undefined };
  }
  if (bom) return { encoding: bom, chosenBy: 'bom', bom: true };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { encoding: utf16, chosenBy: 'detected', bom: false };
  if (isUtf8(head, complete)) return { encoding: 'utf-8', chosenBy: 'detected', bom: false };
  return { encoding: looksGb(head, complete) ? 'gb18030' : 'windows-1252', chosenBy: 'detected', bom: false };
}

function isUtf16(encoding: string): boolean {
  return /^(utf-?16|ucs-?2)/i.test(encoding);
}

/** Share of control bytes (not tab/CR/LF/FF) above which a text file is really binary. */
function controlShare(text: string): number {
  const n = Math.min(text.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 9 || (c > 13 && c < 32) || c === 127) control++;
  }
  return n === 0 ? 0 : control / n;
}

/**
 * Decoded text of the whole input as an async sequence of strings: the sniff window first, then each chunk.
 * CRLF and lone CR become LF (a CR at a chunk's end waits for the next chunk). NUL anywhere is binary data.
 */
async function* decodeText(head: Buffer, rest: AsyncIterator<Chunk>, encoding: string): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(codec(encoding));
  const utf16 = isUtf16(encoding);
  let offset = 0;
  let carryCr = false;
  const emit = (raw: Buffer, text: string): string => {
    const nul = utf16 ? (text.includes('\u0000') ? 0 : -1) : raw.indexOf(0);
    if (nul >= 0) throw new InputError('input.binary', { offset: offset + Math.max(0, nul) });
    offset += raw.length;
    let t = carryCr ? `\r${text}` : text;
    carryCr = t.endsWith('\r');
    if (carryCr) t = t.slice(0, -1);
    return t.includes('\r') ? t.replace(/\r\n?/g, '\n') : t;
  };
  let text = emit(head, decoder.write(head));
  if (text !== '') yield text;
  for (;;) {
    const next = await rest.next();
    if (next.done) break;
    const raw = toBuffer(next.value);
    text = emit(raw, decoder.write(raw));
    if (text !== '') yield text;
  }
  const tail = decoder.end() ?? '';
  if (tail.includes('\u0000')) throw new InputError('input.binary', { offset });
  const last = ((carryCr ? '\r' : '') + tail).replace(/\r\n?/g, '\n');
  if (last !== '') yield last;
}

// ---------------------------------------------------------------------------------------------------------
// Text: format, delimiter, records.

// local@D where D has a dot after its first character and before its last; written so that no two
// quantifiers can trade characters (one pass, whatever the cell).
const ADDRESS_LIKE = /^[^\s@<>",;]+@[^\s@<>",;][^\s@<>",;.]*\.[^\s@<>",;]+$/;
const ANGLE_ADDRESS = /<[^\s@<>]+@[^\s@<>]+>\s*$/;

/** A cheap test for column sniffing (the real parse is parseAddress, later). */
export function looksLikeAddress(cell: string): boolean {
  const t = cell.trim();
  if (t.length < 5 || t.length > 320) return false;
  return ADDRESS_LIKE.test(t) || ANGLE_ADDRESS.test(t);
}

/** Header names that mean "e-mail address": email, e-mail, E-mail Address, mail, 邮箱, 邮件, 电邮, correo, courriel. */
export function looksLikeEmailHeader(name: string): boolean {
  const n = name.trim().toLowerCase().replace(/[\s_-]+/g, '');
  if (n === '' || n.length > 64) return false;
  if (/email|mailaddress|^mail$|^mails$|^mailbox$|courriel|^correo|^epost$|^eposta$|^почта|^емейл|^имейл/.test(n)) return true;
  return /邮箱|邮件|電郵|电邮|郵箱|郵件|メール|이메일/.test(n);
}

function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  return nl < 0 ? text : text.slice(0, nl);
}

/** Delimiter counts on one line, outside double quotes. */
function countDelimiters(line: string): Record<',' | ';' | '\t', number> {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  return counts;
}

interface TextShape {
  format: RowFormat;
  delimiter?: string;
  /** Lines to drop before parsing (an Excel `sep=;` line). */
  skipLines: number;
}

function chooseShape(head: string, options: RowReaderOptions): TextShape {
  let line = firstLine(head.replace(/^\ufeff/, ''));
  let skipLines = 0;
  let delimiter: string | undefined = options.delimiter && options.delimiter !== 'auto' ? options.delimiter : undefined;
  const sep = /^"?sep=(.)"?,*$/i.exec(line.trim());
  if (sep) {
    skipLines = 1;
    delimiter ??= sep[1] as string;
    const rest = head.slice(head.indexOf('\n') + 1);
    line = firstLine(rest);
  }
  const format = options.format && options.format !== 'auto' ? options.format : undefined;
  if (format === 'ndjson' || format === 'lines') return { format, skipLines };
  if (!format && !sep && /^\s*\{/.test(line)) return { format: 'ndjson', skipLines };
  if (!delimiter) {
    const counts = countDelimiters(line);
    const best = (['\t', ';', ','] as const).reduce((a, b) => (counts[b] > counts[a] ? b : a), '\t' as ',' | ';' | '\t');
    if (counts[best] > 0) delimiter = best;
  }
  if (!delimiter && format !== 'csv') return { format: 'lines', skipLines };
  return { format: 'csv', delimiter: delimiter ?? ',', skipLines };
}

function newlineCount(fields: string[]): number {
  let n = 0;
  for (const f of fields) for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) n++;
  return n;
}

/** CSV records through csv-parse, driven chunk by chunk so rows leave as soon as they are complete. */
async function* csvRecords(text: AsyncIterable<string>, delimiter: string, skipLines: number, max: { chars: number; fields: number }): AsyncGenerator<RawRecord> {
  const parser: Parser = csvParse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: max.chars,
    info: true,
    from_line: skipLines + 1,
  });
  const queue: RawRecord[] = [];
  let failure: unknown;
  parser.on('data', (item: { record: string[]; info: Info }) => {
    queue.push({ fields: item.record, line: item.info.lines - newlineCount(item.record) });
  });
  parser.on('error', (e) => {
    failure ??= e;
  });
  const check = (): void => {
    if (failure === undefined) return;
    const e = failure as Partial<CsvError> & { lines?: number };
    if (e.code === 'CSV_MAX_RECORD_SIZE') throw new InputError('input.record-too-long', { line: e.lines ?? 0, max: max.chars });
    throw new InputError('input.csv-invalid', { line: e.lines ?? 0, reason: String(e.code ?? 'unknown') });
  };
  function* drain(): Generator<RawRecord> {
    const ready = queue.splice(0);
    for (const r of ready) {
      if (r.fields.length > max.fields) throw new InputError('input.too-many-fields', { line: r.line, max: max.fields });
      yield r;
    }
  }
  for await (const chunk of text) {
    check();
    parser.write(chunk);
    yield* drain();
  }
  check();
  await new Promise<void>((resolve) => {
    parser.once('end', resolve);
    parser.once('error', () => resolve());
    parser.end();
  });
  yield* drain();
  check();
}

/** Lines (for the one-address-per-line and NDJSON formats), LF-separated, each at most `max` characters. */
async function* lines(text: AsyncIterable<string>, skipLines: number, max: number): AsyncGenerator<{ text: string; line: number }> {
  let pending = '';
  let line = 0;
  for await (const chunk of text) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      const piece = pending + chunk.slice(start, nl);
      pending = '';
      start = nl + 1;
      line++;
      if (piece.length > max) throw new InputError('input.record-too-long', { line, max });
      if (line > skipLines) yield { text: piece, line };
    }
    pending += chunk.slice(start);
    if (pending.length > max) throw new InputError('input.record-too-long', { line: line + 1, max });
  }
  if (pending !== '') {
    line++;
    if (line > skipLines) yield { text: pending, line };
  }
}

async function* lineRecords(text: AsyncIterable<string>, skipLines: number, max: number): AsyncGenerator<RawRecord> {
  for await (const { text: raw, line } of lines(text, skipLines, max)) {
    let t = raw.replace(/^\ufeff/, '').trim();
    if (t === '' || t.startsWith('#')) continue;
    // A lone quoted cell ("a@b.com"), as a one-column CSV export writes it.
    if (t.length >= 2 && t.startsWith('"') && t.endsWith('"') && !t.slice(1, -1).includes('"')) t = t.slice(1, -1).trim();
    yield { fields: [t], line };
  }
}

async function* ndjsonRecords(text: AsyncIterable<string>, skipLines: number, max: number): AsyncGenerator<RawRecord> {
  for await (const { text: raw, line } of lines(text, skipLines, max)) {
    const t = raw.replace(/^\ufeff/, '').trim();
    if (t === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch {
      yield { fields: [], line, problem: { code: 'input.ndjson-invalid', data: { line } } };
      continue;
    }
    if (typeof value === 'string') yield { fields: [value], line, jsonString: value };
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) yield { fields: [], line, object: value as Record<string, unknown> };
    else yield { fields: [], line, problem: { code: 'input.ndjson-not-object', data: { line } } };
  }
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

// ---------------------------------------------------------------------------------------------------------
// Column choice and the public entry point.

function chooseColumn(columns: string[], header: boolean, sample: RawRecord[], option: string | number | undefined): { index: number; by: RowsInfo['columnChosenBy'] } {
  if (option !== undefined && option !== '') {
    const wanted = String(option).trim();
    const byName = header ? columns.findIndex((c) => c.trim().toLowerCase() === wanted.toLowerCase()) : -1;
    if (byName >= 0) return { index: byName, by: 'option' };
    if (/^[0-9]{1,4}$/.test(wanted) && Number(wanted) >= 1 && (Number(wanted) <= columns.length || columns.length === 0)) return { index: Number(wanted) - 1, by: 'option' };
    throw new InputError('input.column-not-found', { column: wanted, columns });
  }
  if (columns.length <= 1) return { index: 0, by: 'only' };
  if (header) {
    const named = columns.findIndex(looksLikeEmailHeader);
    if (named >= 0) return { index: named, by: 'header' };
  }
  for (let c = 0; c < columns.length; c++) {
    let filled = 0;
    let hits = 0;
    for (const r of sample) {
      const cell = r.fields[c];
      if (cell === undefined || cell.trim() === '') continue;
      filled++;
      if (looksLikeAddress(cell)) hits++;
    }
    if (hits > 0 && hits * 2 >= filled) return { index: c, by: 'values' };
  }
  throw new InputError('input.no-address-column', { columns });
}

/**
 * Opens a contact list. Reads the sniff window and up to `lookaheadRows` rows to decide encoding, format,
 * header and address column, then streams the rest: each row is produced when its bytes have arrived.
 * Throws InputError (from this call or while iterating) for faults that end the read.
 */
export async function openRows(source: AsyncIterable<Chunk>, options: RowReaderOptions = {}): Promise<RowSource> {
  const input = source[Symbol.asyncIterator]();
  try {
    return await open(input, options);
  } catch (e) {
    await input.return?.();
    throw e;
  }
}

async function open(input: AsyncIterator<Chunk>, options: RowReaderOptions): Promise<RowSource> {
  const sniffBytes = options.sniffBytes ?? ROW_DEFAULTS.sniffBytes;
  const maxChars = options.maxRecordChars ?? ROW_DEFAULTS.maxRecordChars;
  const maxFields = options.maxFields ?? ROW_DEFAULTS.maxFields;
  const lookahead = Math.max(1, options.lookaheadRows ?? ROW_DEFAULTS.lookaheadRows);

  const parts: Buffer[] = [];
  let size = 0;
  let complete = false;
  while (size < sniffBytes) {
    const next = await input.next();
    if (next.done) {
      complete = true;
      break;
    }
    const buf = toBuffer(next.value);
    parts.push(buf);
    size += buf.length;
  }
  const head = Buffer.concat(parts);
  const signature = binarySignature(head);
  if (signature) throw new InputError('input.binary', { offset: 0, signature });
  const enc = chooseEncoding(head, complete, options.encoding);
  const nul = isUtf16(enc.encoding) ? -1 : head.indexOf(0);
  if (nul >= 0) throw new InputError('input.binary', { offset: nul });
  const headText = iconv.decode(head.subarray(0, Math.min(head.length, 8192)), codec(enc.encoding));
  if (controlShare(headText) > 0.05) throw new InputError('input.binary', { offset: 0 });
  const rest: AsyncIterator<Chunk> = complete ? { next: async () => ({ done: true, value: undefined }) } : input;
  const text = decodeText(head, rest, enc.encoding);

  // The shape is read from the first decoded text; that text is then put back in front of the stream.
  const first = await text.next();
  const firstText = first.done ? '' : first.value;
  const shape = chooseShape(firstText, options);
  async function* replay(): AsyncGenerator<string> {
    if (firstText !== '') yield firstText;
    yield* text;
  }
  const records =
    shape.format === 'csv'
      ? csvRecords(replay(), shape.delimiter ?? ',', shape.skipLines, { chars: maxChars, fields: maxFields })
      : shape.format === 'ndjson'
        ? ndjsonRecords(replay(), shape.skipLines, maxChars)
        : lineRecords(replay(), shape.skipLines, maxChars);

  // Header and sample rows.
  const sample: RawRecord[] = [];
  let columns: string[] = [];
  let header = false;
  let next = await records.next();
  if (shape.format === 'ndjson') {
    while (!next.done && sample.length < lookahead) {
      sample.push(next.value);
      if (columns.length === 0 && next.value.object) columns = Object.keys(next.value.object).slice(0, maxFields);
      next = await records.next();
    }
    for (const r of sample) if (r.object) r.fields = columns.map((c) => cellText((r.object as Record<string, unknown>)[c]));
  } else {
    if (!next.done) {
      const cells = next.value.fields;
      const wantHeader = options.header ?? 'auto';
      header = wantHeader === 'auto' ? !cells.some(looksLikeAddress) && (shape.format === 'csv' || cells.some(looksLikeEmailHeader)) : wantHeader;
      if (header) {
        columns = cells.map((c, i) => (i === 0 ? c.replace(/^\ufeff/, '') : c).trim());
        next = await records.next();
      }
    }
    while (!next.done && sample.length < lookahead) {
      sample.push(next.value);
      next = await records.next();
    }
    if (!header) {
      const width = sample.reduce((m, r) => Math.max(m, r.fields.length), 0);
      columns = Array.from({ length: width }, (_, i) => String(i + 1));
    }
  }
  const pending = next.done ? undefined : next.value;
  const chosen = sample.length === 0 && !header && options.column === undefined ? { index: 0, by: 'only' as const } : chooseColumn(columns, header || shape.format === 'ndjson', sample, options.column);

  const info: RowsInfo = {
    format: shape.format,
    encoding: enc.encoding,
    encodingChosenBy: enc.chosenBy,
    bom: enc.bom,
    header,
    columns,
    addressColumn: chosen.index,
    columnChosenBy: chosen.by,
  };
  if (shape.format === 'csv') info.delimiter = shape.delimiter as string;

  let rowNumber = 0;
  const toRow = (r: RawRecord): Row | undefined => {
    if (r.problem) return { row: ++rowNumber, line: r.line, fields: r.fields, address: '', problem: r.problem };
    if (r.jsonString !== undefined) return { row: ++rowNumber, line: r.line, fields: [r.jsonString], address: r.jsonString.trim() };
    let fields = r.fields;
    if (r.object) fields = columns.map((c) => cellText((r.object as Record<string, unknown>)[c]));
    else if (fields.every((f) => f.trim() === '')) return undefined; // `,,,` rows Excel leaves at the end
    const row: Row = { row: ++rowNumber, line: r.line, fields, address: (fields[chosen.index] ?? '').trim() };
    if (r.object) row.object = r.object;
    if (fields[chosen.index] === undefined) row.problem = { code: 'input.field-missing', data: { column: chosen.index + 1, fields: fields.length } };
    return row;
  };

  async function* rows(): AsyncGenerator<Row> {
    try {
      for (const r of sample) {
        const row = toRow(r);
        if (row) yield row;
      }
      if (pending) {
        const row = toRow(pending);
        if (row) yield row;
      }
      for await (const r of records) {
        const row = toRow(r);
        if (row) yield row;
      }
    } finally {
      // Stopped early or failed: let the source close its file.
      await input.return?.();
    }
  }
  return { info, rows: rows() };
}
