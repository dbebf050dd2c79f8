// The MIME structure of a message, walked on its raw bytes (RFC 2045, RFC 2046, RFC 2231): every part's
// header fields, Content-Type with parameters, transfer encoding and byte range, and the structural faults
// a parser would paper over (a boundary that is never found or never closed, 8-bit bytes under 7bit, text
// that is not base64 under base64, non-ASCII text without a charset). Nothing is decoded here.
//
// Bounded: at most MAX_DEPTH levels and MAX_PARTS parts; each multipart body is searched for its
// delimiter once, with Buffer.indexOf.
import { decodeQuotedPrintable, invalidBase64Bytes, knownCharset, normalizeCharset } from './decode.js';
import { readHeaderBlock, type HeaderBlock, type RawField } from './raw.js';

export const MAX_DEPTH = 20;
export const MAX_PARTS = 1000;

export interface ContentType {
  /** `text/plain`, lower case; the default when absent or unreadable. */
  mediaType: string;
  type: string;
  subtype: string;
  /** Parameters, lower-case names, RFC 2231 continuations joined and decoded. */
  params: Record<string, string>;
  /** False when the field was there but could not be read as `type/subtype`. */
  valid: boolean;
}

export interface MimeProblem {
  /** What is wrong (README finding table, `header.mime-invalid` kinds). */
  kind:
    | 'boundary-missing'
    | 'boundary-not-found'
    | 'boundary-unclosed'
    | 'content-type-invalid'
    | 'cte-unknown'
    | 'cte-8bit-undeclared'
    | 'cte-on-multipart'
    | 'base64-invalid'
    | 'charset-missing'
    | 'charset-unknown'
    | 'part-header-8bit'
    | 'no-header-separator';
  /** The part (`1.2`; `` for the message itself). */
  part: string;
  data: Record<string, string | number>;
}

export interface MimePart {
  /** `` for the message, `1`, `1.2`… for parts. */
  path: string;
  depth: number;
  header: HeaderBlock;
  contentType: ContentType;
  /** The part named its Content-Type (else the RFC 2045 default applies). */
  typeDeclared: boolean;
  /** Content-Transfer-Encoding, lower case (`7bit` when absent). */
  cte: string;
  cteDeclared: boolean;
  /** Lower-case charset parameter, when given. */
  charset?: string;
  /** `attachment`, `inline`… lower case, when given. */
  disposition?: string;
  /** File name from Content-Disposition `filename` or Content-Type `name` (encoded words left as written). */
  filename?: string;
  bodyStart: number;
  bodyEnd: number;
  /** For multipart/*: the parts, in order. */
  children: MimePart[];
  /** The part sits directly in a multipart/alternative. */
  inAlternative: boolean;
}

export interface MimeTree {
  root: MimePart;
  /** Every part, depth first, the message first. */
  parts: MimePart[];
  problems: MimeProblem[];
  limit?: 'depth' | 'parts';
}

const TOKEN_END = new Set([' ', '\t', ';', '=', '"', '(', ')', '<', '>', '@', ',', ':', '\\', '/', '[', ']', '?']);

/** `a=b; c="d"; e*0*=utf-8''%E4%BD%A0` → parameters; one pass, tolerant of stray spaces and comments. */
export function parseParams(text: string): Record<string, string> {
  const raw: { name: string; value: string }[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && (text[i] === ';' || text[i] === ' ' || text[i] === '\t')) i++;
    let name = '';
    while (i < n && text[i] !== '=' && text[i] !== ';') name += text[i++];
    name = name.trim().toLowerCase();
    if (i >= n || text[i] === ';') continue;
    i++; // '='
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    let value = '';
    if (text[i] === '"') {
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < n) i++;
        value += text[i++];
      }
      i++;
    } else {
      while (i < n && text[i] !== ';') value += text[i++];
      value = value.trim();
    }
    if (name) raw.push({ name, value });
  }
  // RFC 2231: name*=charset'lang'%XX, name*0=…; name*1*=… joined in order.
  const params: Record<string, string> = {};
  const continued = new Map<string, { index: number; value: string; encoded: boolean }[]>();
  for (const { name, value } of raw) {
    const m = /^([^*]+)\*(\d{1,3})?(\*)?$/.exec(name);
    if (!m) {
      if (!(name in params)) params[name] = value;
      continue;
    }
    const base = m[1] as string;
    const index = m[2] === undefined ? 0 : Number(m[2]);
    const encoded = m[2] === undefined ? true : m[3] === '*';
    const list = continued.get(base) ?? [];
    list.push({ index, value, encoded });
    continued.set(base, list);
  }
  for (const [base, segments] of continued) {
    segments.sort((a, b) => a.index - b.index);
    let charset = 'utf-8';
    const bytes: number[] = [];
    segments.forEach((s, k) => {
      let v = s.value;
      if (s.encoded && k === 0) {
        const quote = v.indexOf("'");
        const second = quote < 0 ? -1 : v.indexOf("'", quote + 1);
        if (second >= 0) {
          charset = v.slice(0, quote) || 'utf-8';
          v = v.slice(second + 1);
        }
      }
      if (s.encoded) {
        for (let j = 0; j < v.length; j++) {
          if (v[j] === '%' && /^[0-9a-fA-F]{2}$/.test(v.slice(j + 1, j + 3))) {
            bytes.push(parseInt(v.slice(j + 1, j + 3), 16));
            j += 2;
          } else bytes.push(v.charCodeAt(j) & 0xff);
        }
      } else for (const ch of Buffer.from(v, 'utf8')) bytes.push(ch);
    });
    try {
      params[base] = new TextDecoder(normalizeCharset(charset)).decode(Uint8Array.from(bytes));
    } catch {
      params[base] = Buffer.from(bytes).toString('utf8');
    }
  }
  return params;
}

function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (const ch of text) if (TOKEN_END.has(ch) || ch.charCodeAt(0) < 33 || ch.charCodeAt(0) > 126) return false;
  return true;
}

/** A Content-Type value; `text/plain` (valid: false) when it cannot be read. */
export function parseContentType(value: string | undefined, fallback = 'text/plain'): ContentType {
  const semicolon = value === undefined ? -1 : value.indexOf(';');
  const head = value === undefined ? '' : (semicolon < 0 ? value : value.slice(0, semicolon)).replace(/\([^()]*\)/g, '').trim().toLowerCase();
  const slash = head.indexOf('/');
  const type = slash < 0 ? '' : head.slice(0, slash).trim();
  const subtype = slash < 0 ? '' : head.slice(slash + 1).trim();
  const params = value === undefined || semicolon < 0 ? {} : parseParams(value.slice(semicolon + 1));
  if (value !== undefined && isToken(type) && isToken(subtype)) return { mediaType: `${type}/${subtype}`, type, subtype, params, valid: true };
  const [ft, fs] = fallback.split('/') as [string, string];
  return { mediaType: fallback, type: ft, subtype: fs, params: value === undefined ? {} : params, valid: value === undefined };
}

function fieldValue(fields: readonly RawField[], key: string): string | undefined {
  return fields.find((f) => f.key === key)?.value;
}

function eightBitIn(buf: Buffer, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) if ((buf[i] as number) >= 0x80) count++;
  return count;
}

const KNOWN_CTE = new Set(['7bit', '8bit', 'binary', 'base64', 'quoted-printable']);

interface Walk {
  buf: Buffer;
  /** Judge each leaf (base64 alphabet, 8-bit bytes, charsets): off for readers that only decode. */
  check: boolean;
  parts: MimePart[];
  problems: MimeProblem[];
  limit?: 'depth' | 'parts';
}

function makePart(walk: Walk, header: HeaderBlock, bodyEnd: number, path: string, depth: number, defaultType: string, inAlternative: boolean): MimePart {
  const ctValue = fieldValue(header.fields, 'content-type');
  const contentType = parseContentType(ctValue, defaultType);
  const cteValue = fieldValue(header.fields, 'content-transfer-encoding');
  const cte = (cteValue ?? '7bit').replace(/\([^()]*\)/g, '').trim().toLowerCase() || '7bit';
  const disposition = fieldValue(header.fields, 'content-disposition');
  const dispositionType = disposition === undefined ? undefined : (disposition.split(';')[0] ?? '').trim().toLowerCase();
  const dispositionParams = disposition === undefined || !disposition.includes(';') ? {} : parseParams(disposition.slice(disposition.indexOf(';') + 1));
  const filename = dispositionParams.filename ?? contentType.params.name;
  const part: MimePart = {
    path,
    depth,
    header,
    contentType,
    typeDeclared: ctValue !== undefined,
    cte,
    cteDeclared: cteValue !== undefined,
    bodyStart: header.bodyStart,
    bodyEnd: Math.max(header.bodyStart, bodyEnd),
    children: [],
    inAlternative,
  };
  const charset = contentType.params.charset;
  if (charset !== undefined) part.charset = normalizeCharset(charset);
  if (dispositionType) part.disposition = dispositionType;
  if (filename !== undefined && filename !== '') part.filename = filename;
  walk.parts.push(part);
  const problem = (kind: MimeProblem['kind'], data: MimeProblem['data'] = {}) => walk.problems.push({ kind, part: path, data });
  if (!contentType.valid) problem('content-type-invalid', { value: (ctValue ?? '').slice(0, 200) });
  if (!KNOWN_CTE.has(cte)) problem('cte-unknown', { cte: cte.slice(0, 60) });
  if (path !== '' && header.fields.some((f) => f.eightBit)) problem('part-header-8bit', { fields: header.fields.filter((f) => f.eightBit).map((f) => f.name).slice(0, 5).join(', ') });
  if (path !== '' && !header.separator && header.fields.length > 0 && header.bodyStart >= bodyEnd) problem('no-header-separator');

  if (contentType.type === 'multipart') {
    if (cteDeclaredBad(cte)) problem('cte-on-multipart', { cte });
    splitMultipart(walk, part, depth, problem);
    return part;
  }
  if (walk.check) checkLeaf(walk.buf, part, problem);
  return part;
}

function cteDeclaredBad(cte: string): boolean {
  return cte !== '7bit' && cte !== '8bit' && cte !== 'binary';
}

function checkLeaf(buf: Buffer, part: MimePart, problem: (kind: MimeProblem['kind'], data?: MimeProblem['data']) => void): void {
  const { bodyStart, bodyEnd, cte } = part;
  const isText = part.contentType.type === 'text';
  if (cte === 'base64') {
    const bad = invalidBase64Bytes(buf.subarray(bodyStart, bodyEnd));
    if (bad > 0) problem('base64-invalid', { bytes: bad });
  }
  const raw8 = cte === 'base64' ? 0 : eightBitIn(buf, bodyStart, bodyEnd);
  if ((cte === '7bit' || cte === 'quoted-printable' || !part.cteDeclared) && raw8 > 0) problem('cte-8bit-undeclared', { bytes: raw8, cte: part.cteDeclared ? cte : 'none' });
  if (!isText) return;
  if (part.charset !== undefined && !knownCharset(part.charset)) problem('charset-unknown', { charset: part.charset.slice(0, 60) });
  if (part.charset === undefined) {
    let nonAscii = raw8;
    if (cte === 'quoted-printable') {
      const decoded = decodeQuotedPrintable(buf.subarray(bodyStart, bodyEnd));
      nonAscii = eightBitIn(decoded, 0, decoded.length);
    }
    else if (cte === 'base64') {
      const decoded = Buffer.from(buf.toString('latin1', bodyStart, Math.min(bodyEnd, bodyStart + 4 * 1024 * 1024)), 'base64');
      nonAscii = eightBitIn(decoded, 0, decoded.length);
    }
    if (nonAscii > 0) problem('charset-missing', { bytes: nonAscii });
  }
}

/** The delimiter lines of a multipart body: `--boundary` at the start of a line, `--boundary--` closing. */
function splitMultipart(walk: Walk, part: MimePart, depth: number, problem: (kind: MimeProblem['kind'], data?: MimeProblem['data']) => void): void {
  const { buf } = walk;
  const boundary = part.contentType.params.boundary;
  if (!boundary) {
    problem('boundary-missing');
    return;
  }
  if (depth + 1 > MAX_DEPTH) {
    walk.limit = 'depth';
    return;
  }
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const starts: { at: number; after: number; close: boolean }[] = [];
  let pos = part.bodyStart;
  let closed = false;
  while (pos < part.bodyEnd) {
    const at = buf.indexOf(delimiter, pos);
    if (at < 0 || at >= part.bodyEnd) break;
    pos = at + 1;
    if (at !== part.bodyStart && buf[at - 1] !== 0x0a) continue;
    let after = at + delimiter.length;
    const close = buf[after] === 0x2d && buf[after + 1] === 0x2d;
    if (close) after += 2;
    // Only linear white space may follow the delimiter on its line (RFC 2046 §5.1.1).
    let k = after;
    while (k < part.bodyEnd && (buf[k] === 0x20 || buf[k] === 0x09)) k++;
    if (k < part.bodyEnd && buf[k] !== 0x0d && buf[k] !== 0x0a) continue;
    const lf = buf.indexOf(0x0a, k);
    starts.push({ at, after: lf < 0 || lf >= part.bodyEnd ? part.bodyEnd : lf + 1, close });
    if (starts.length > MAX_PARTS) break;
    if (close) {
      closed = true;
      break;
    }
  }
  if (starts.length === 0) {
    problem('boundary-not-found', { boundary: boundary.slice(0, 80) });
    return;
  }
  if (!closed) problem('boundary-unclosed', { boundary: boundary.slice(0, 80) });
  const alternative = part.contentType.subtype === 'alternative';
  const digest = part.contentType.subtype === 'digest';
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i] as { at: number; after: number; close: boolean };
    if (start.close) break;
    const next = starts[i + 1];
    let end = next ? next.at : part.bodyEnd;
    // The line break before a delimiter belongs to the delimiter.
    if (next && end > start.after && buf[end - 1] === 0x0a) end--;
    if (next && end > start.after && buf[end - 1] === 0x0d) end--;
    if (walk.parts.length >= MAX_PARTS) {
      walk.limit = 'parts';
      return;
    }
    const header = readHeaderBlock(buf, start.after, end);
    const child = makePart(walk, header, end, part.path === '' ? String(i + 1) : `${part.path}.${i + 1}`, depth + 1, digest ? 'message/rfc822' : 'text/plain', alternative);
    part.children.push(child);
  }
}

/**
 * The MIME tree of a message whose header block has been read. `check: false` skips the per-leaf
 * judgements (the structure and its problems are the same), for readers that only decode the parts.
 */
export function buildMimeTree(buf: Buffer, header: HeaderBlock, options: { check?: boolean } = {}): MimeTree {
  const walk: Walk = { buf, check: options.check ?? true, parts: [], problems: [] };
  const root = makePart(walk, header, buf.length, '', 0, 'text/plain', false);
  const tree: MimeTree = { root, parts: walk.parts, problems: walk.problems };
  if (walk.limit) tree.limit = walk.limit;
  return tree;
}
