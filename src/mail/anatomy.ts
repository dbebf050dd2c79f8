// One message, taken apart for `mailcheck message`: its raw-byte facts (raw.ts), its MIME structure
// (mime.ts), its text and HTML bodies decoded by their charsets, what the HTML shows and hides (html.ts),
// its links, its attachments with their sizes, and its address fields. Pure and synchronous; the archive
// listing of zip/RAR attachments (async) is left to the gatherer, which has the part's bytes at hand
// through `partBytes`.
//
// The bounce reader's model (message.ts) flattens a message into one text for phrase matching; a message
// lint needs each part as written, so this walks the bytes itself and shares the header reading of raw.ts.
import { parseAddressList, type AddressList } from './addresses.js';
import { base64DecodedSize, decodeBytes, decodeEncodedWords, decodeTransfer, isUtf8, normalizeCharset } from './decode.js';
import { scanHtml, textLinks, type HtmlFacts } from './html.js';
import { buildMimeTree, type MimePart, type MimeTree } from './mime.js';
import { newlineStyle, readHeaderBlock, scanLines, type HeaderBlock, type LineFacts, type RawField } from './raw.js';

/** Decoded text kept per body part; the rest of a larger part is not judged (`truncated`). */
export const MAX_BODY_CHARS = 4 * 1024 * 1024;

export interface TextBody {
  path: string;
  kind: 'plain' | 'html';
  /** The declared charset (lower case), or null. */
  charset: string | null;
  charsetKnown: boolean;
  text: string;
  /** Decoded bytes. */
  bytes: number;
  inAlternative: boolean;
  truncated: boolean;
}

export interface Attachment {
  path: string;
  /** File name, RFC 2047 / RFC 2231 decoded; null when the part names none. */
  filename: string | null;
  mediaType: string;
  disposition: string | null;
  /** Bytes once decoded (estimated from base64's length without decoding). */
  size: number;
  /** Bytes as written in the message. */
  encodedSize: number;
  /** Referenced by the HTML (cid:) or marked inline: an embedded image rather than a file. */
  inline: boolean;
  contentId: string | null;
}

export interface HeaderView {
  /** Fields by lower-case name, in order (values unfolded, not decoded). */
  all: RawField[];
  get(name: string): string | undefined;
  getAll(name: string): string[];
  count(name: string): number;
}

export interface MessageAnatomy {
  bytes: number;
  header: HeaderBlock;
  headers: HeaderView;
  lines: LineFacts;
  newline: ReturnType<typeof newlineStyle>;
  tree: MimeTree;
  bodies: TextBody[];
  attachments: Attachment[];
  /** All HTML bodies together, as a reader sees them; null without HTML. */
  html: HtmlFacts | null;
  /** Decoded HTML size in bytes (UTF-8), all HTML bodies together. */
  htmlBytes: number;
  /** URLs in the text/plain bodies. */
  plainLinks: string[];
  /** Subject, decoded. */
  subject: string;
  /** Charsets of the encoded words in the top-level headers, and of raw 8-bit header bytes (`utf-8` or `unknown-8bit`). */
  headerCharsets: string[];
  /** Charsets of the text bodies. */
  bodyCharsets: string[];
  from: AddressList | null;
  to: AddressList | null;
  cc: AddressList | null;
  replyTo: AddressList | null;
  sender: AddressList | null;
}

function headerView(fields: RawField[]): HeaderView {
  const byKey = new Map<string, RawField[]>();
  for (const f of fields) {
    const list = byKey.get(f.key);
    if (list) list.push(f);
    else byKey.set(f.key, [f]);
  }
  return {
    all: fields,
    get: (name) => byKey.get(name)?.[0]?.value,
    getAll: (name) => (byKey.get(name) ?? []).map((f) => f.value),
    count: (name) => byKey.get(name)?.length ?? 0,
  };
}

/** The body bytes of a part after its transfer encoding. */
export function partBytes(raw: Buffer, part: Pick<MimePart, 'bodyStart' | 'bodyEnd' | 'cte'>): Buffer {
  return decodeTransfer(raw.subarray(part.bodyStart, part.bodyEnd), part.cte);
}

/** The header value with raw UTF-8 read as UTF-8 (other 8-bit bytes stay latin1); encoded words left as written. */
export function rawValue(field: RawField, raw: Buffer): string {
  if (!field.eightBit) return field.value;
  const bytes = raw.subarray(field.start, field.end);
  if (!isUtf8(bytes)) return field.value;
  const text = bytes.toString('utf8');
  return text.slice(text.indexOf(':') + 1).replace(/\r?\n|\r/g, '').trim();
}

/** The header value as text: raw UTF-8 read as UTF-8, other 8-bit bytes as latin1, RFC 2047 words decoded. */
export function headerText(field: RawField | undefined, raw: Buffer): string {
  return field ? decodeEncodedWords(rawValue(field, raw)).text : '';
}

function isBody(part: MimePart): boolean {
  if (part.contentType.type !== 'text') return false;
  const sub = part.contentType.subtype;
  if (sub !== 'plain' && sub !== 'html') return false;
  if (part.disposition === 'attachment') return false;
  return part.filename === undefined;
}

/** Takes a raw message apart (any line ends). */
export function readAnatomy(raw: Buffer): MessageAnatomy {
  const header = readHeaderBlock(raw);
  const headers = headerView(header.fields);
  const lines = scanLines(raw, header.bodyStart);
  const tree = buildMimeTree(raw, header);
  const bodies: TextBody[] = [];
  const attachments: Attachment[] = [];
  const htmlParts: string[] = [];
  let htmlBytes = 0;
  const bodyCharsets = new Set<string>();
  for (const part of tree.parts) {
    if (part.contentType.type === 'multipart') continue;
    if (isBody(part)) {
      const bytes = partBytes(raw, part);
      const { text, known } = decodeBytes(bytes.subarray(0, MAX_BODY_CHARS), part.charset);
      const kind = part.contentType.subtype === 'html' ? 'html' : 'plain';
      bodies.push({ path: part.path, kind, charset: part.charset ?? null, charsetKnown: known, text, bytes: bytes.length, inAlternative: part.inAlternative, truncated: bytes.length > MAX_BODY_CHARS });
      if (part.charset) bodyCharsets.add(part.charset);
      if (kind === 'html') {
        htmlParts.push(text);
        htmlBytes += Buffer.byteLength(text, 'utf8');
      }
      continue;
    }
    if (part.path === '' && part.bodyEnd <= part.bodyStart) continue;
    const encoded = raw.subarray(part.bodyStart, part.bodyEnd);
    const size = part.cte === 'base64' ? base64DecodedSize(encoded) : encoded.length;
    const contentId = part.header.fields.find((f) => f.key === 'content-id')?.value ?? null;
    attachments.push({
      path: part.path,
      filename: part.filename === undefined ? null : decodeEncodedWords(part.filename).text,
      mediaType: part.contentType.mediaType,
      disposition: part.disposition ?? null,
      size,
      encodedSize: encoded.length,
      inline: part.disposition === 'inline' || (contentId !== null && part.disposition !== 'attachment'),
      contentId,
    });
  }
  const html = htmlParts.length > 0 ? scanHtml(htmlParts.join('\n')) : null;
  const plainLinks = bodies.filter((b) => b.kind === 'plain').flatMap((b) => textLinks(b.text));

  const headerCharsets = new Set<string>();
  for (const f of header.fields) {
    if (f.eightBit) headerCharsets.add(isUtf8(raw.subarray(f.start, f.end)) ? 'utf-8' : 'unknown-8bit');
    if (f.value.includes('=?')) for (const c of decodeEncodedWords(f.value).charsets) headerCharsets.add(normalizeCharset(c));
  }
  const field = (key: string) => header.fields.find((f) => f.key === key);
  const addresses = (key: string, validate = true): AddressList | null => {
    const f = field(key);
    return f ? parseAddressList(rawValue(f, raw), { validate }) : null;
  };
  return {
    bytes: raw.length,
    header,
    headers,
    lines,
    newline: newlineStyle(lines),
    tree,
    bodies,
    attachments,
    html,
    htmlBytes,
    plainLinks,
    subject: headerText(field('subject'), raw),
    headerCharsets: [...headerCharsets],
    bodyCharsets: [...bodyCharsets],
    from: addresses('from'),
    // Recipients are judged by their shape only (groups, none named), not address by address.
    to: addresses('to', false),
    cc: addresses('cc', false),
    replyTo: addresses('reply-to'),
    sender: addresses('sender'),
  };
}
