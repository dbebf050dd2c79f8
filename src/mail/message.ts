// A bounce as the format parsers see it: top-level headers, plus one flattened, decoded text body.
// MIME is walked on the message's bytes (src/mail/mime.ts, the model `mailcheck message` uses) and only
// the parts a bounce format reads are decoded: text parts, delivery-status, feedback-report and the
// attached original (kept as written, never parsed). Everything is synchronous: no Blob round trips.
import { decodeBytes, decodeEncodedWords, decodeTransfer, isUtf8 } from './decode.js';
import { buildMimeTree, type MimePart } from './mime.js';
import { readHeaderBlock } from './raw.js';

export interface ParsedMessage {
  /** Top-level headers, lower-case names, values unfolded (RFC 2047 decoded for Subject/From). */
  headers: Map<string, string[]>;
  /** Header value (first occurrence) or ''. */
  header(name: string): string;
  subject: string;
  from: string;
  /**
   * Every text part decoded to Unicode (text/plain, else HTML reduced to text), then each
   * delivery-status / feedback-report / rfc822 / rfc822-headers part preceded by a
   * `Content-Type:` line, the way Sisimai and most readers see a bounce.
   */
  body: string;
  /** True when the message had a message/delivery-status (or message/global-delivery-status) part. */
  hasDeliveryStatus: boolean;
  /** True when the message had a message/feedback-report part (RFC 5965). */
  hasFeedbackReport: boolean;
}

/** RFC 2047 encoded words decoded (any charset the runtime or iconv-lite knows); plain text unchanged. */
export function decodeWords(value: string): string {
  if (!value.includes('=?')) return value;
  return decodeEncodedWords(value).text;
}

/** A top-level header value as a reader shows it: raw 8-bit UTF-8 read as UTF-8, encoded words decoded. */
function headerText(value: string): string {
  let text = value;
  if (/[\x80-\xff]/.test(text)) {
    const bytes = Buffer.from(text, 'latin1');
    if (isUtf8(bytes)) text = bytes.toString('utf8');
  }
  return decodeWords(text);
}

/** Splits the raw header block (LF newlines) into unfolded name → values. */
export function parseHeaderBlock(block: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  let name = '';
  let value = '';
  const flush = () => {
    if (!name) return;
    const list = headers.get(name);
    if (list) list.push(value.trim());
    else headers.set(name, [value.trim()]);
  };
  for (const line of block.split('\n')) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && name) {
      value += ' ' + line.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    flush();
    name = line.slice(0, colon).trim().toLowerCase();
    value = line.slice(colon + 1);
  }
  flush();
  return headers;
}

const DS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const ATTACHED_TYPES = new Set([
  'message/delivery-status',
  'message/global-delivery-status',
  'message/feedback-report',
  'message/rfc822',
  'message/global',
  'text/rfc822-headers',
  'message/rfc822-headers',
  'message/partial',
  'message/disposition-notification',
  'text/plain',
  'text/html',
]);

export { htmlToText } from './html-text.js';
import { htmlToText } from './html-text.js';

/** RFC 3676 format=flowed: a line ending in a space continues on the next; stuffed spaces removed. */
function unflow(text: string, delSp: boolean): string {
  const out: string[] = [];
  let soft = false;
  for (let line of text.split('\n')) {
    if (line.startsWith(' ')) line = line.slice(1);
    if (out.length > 0 && !soft) out.push('\n');
    soft = line.endsWith(' ') && line !== '-- ';
    out.push(soft && delSp ? line.slice(0, -1) : line);
  }
  return out.join('');
}

/** A text part's words: transfer encoding undone, then its charset (an unknown one reads as UTF-8). */
function partText(buf: Buffer, part: MimePart): string {
  const bytes = decodeTransfer(buf.subarray(part.bodyStart, part.bodyEnd), part.cte);
  let text = decodeBytes(bytes, part.charset).text;
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (/^flowed$/i.test(part.contentType.params.format ?? '')) text = unflow(text, /^yes$/i.test(part.contentType.params.delsp ?? ''));
  return text;
}

/** Any other part's words: the transfer encoding undone, the bytes read as UTF-8 (an attached message stays as written). */
function attachedText(buf: Buffer, part: MimePart): string {
  const bytes = decodeTransfer(buf.subarray(part.bodyStart, part.bodyEnd), part.cte);
  return bytes.toString('utf8');
}

interface TextEntry {
  plain: string[];
  html: string[];
}

/** The flattened body of a MIME message: the text, then each attached report part after a Content-Type line. */
function flatten(buf: Buffer): { body: string; hasDeliveryStatus: boolean; hasFeedbackReport: boolean } {
  const tree = buildMimeTree(buf, readHeaderBlock(buf), { check: false });
  // Text parts are grouped by the closest multipart/alternative (one rendition of it is read), else by part.
  const texts = new Map<string, TextEntry>();
  let anyPlain = false;
  const attached: string[] = [];
  let hasDeliveryStatus = false;
  let hasFeedbackReport = false;
  const walk = (part: MimePart, alternative: string | null): void => {
    if (part.contentType.type === 'multipart') {
      const group = part.contentType.subtype === 'alternative' ? part.path : alternative;
      for (const child of part.children) walk(child, group);
      return;
    }
    const type = part.contentType.mediaType;
    if ((type === 'text/plain' || type === 'text/html') && part.disposition !== 'attachment') {
      const key = alternative ?? part.path;
      let entry = texts.get(key);
      if (!entry) texts.set(key, (entry = { plain: [], html: [] }));
      if (type === 'text/plain') {
        anyPlain = true;
        entry.plain.push(partText(buf, part));
      } else entry.html.push(partText(buf, part));
      return;
    }
    if (part.bodyEnd <= part.bodyStart || !ATTACHED_TYPES.has(type)) return;
    if (DS_TYPES.has(type)) hasDeliveryStatus = true;
    if (type === 'message/feedback-report') hasFeedbackReport = true;
    let text = part.contentType.type === 'text' ? partText(buf, part) : attachedText(buf, part);
    if (type === 'text/html') text = htmlToText(text);
    attached.push(`Content-Type: ${type}\n\n${text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text}`);
  };
  walk(tree.root, null);
  const parts: string[] = [];
  const entries = [...texts.values()];
  if (anyPlain) parts.push(entries.map((e) => (e.plain.length > 0 ? e.plain.join('\n') : htmlToText(e.html.join('\n')))).join('\n'));
  else if (entries.length > 0) parts.push(htmlToText(entries.map((e) => e.html.join('\n')).join('\n')));
  parts.push(...attached);
  return { body: parts.filter((p) => p !== '').join('\n\n'), hasDeliveryStatus, hasFeedbackReport };
}

// One scratch buffer for the bytes of the message being parsed, grown to the largest message seen: a fresh
// buffer per message would be external memory the garbage collector frees late. Parts decoded from it are
// copies (decodeTransfer, TextDecoder), never views, so reusing it is safe once flatten returns.
let scratch = Buffer.allocUnsafe(64 * 1024);

function latin1Bytes(raw: string): Buffer {
  if (scratch.length < raw.length) scratch = Buffer.allocUnsafe(Math.max(raw.length, scratch.length * 2));
  const n = scratch.write(raw, 0, 'latin1');
  return scratch.subarray(0, n);
}

/** Parses one raw message (LF newlines, latin1-decoded bytes) into headers and a flattened text body. */
export function parseMessageSync(raw: string): ParsedMessage {
  const split = raw.search(/\n\n/);
  const headerBlock = split < 0 ? raw : raw.slice(0, split);
  const headers = parseHeaderBlock(headerBlock);
  const header = (name: string) => headers.get(name)?.[0] ?? '';
  const subject = headerText(header('subject'));
  const from = headerText(header('from'));
  if (headers.has('subject')) headers.set('subject', [subject]);
  if (headers.has('from')) headers.set('from', [from]);
  const body = split < 0 ? '' : raw.slice(split + 2);
  // Bounces are mostly 7-bit text, often multipart/report: when no part is base64 or quoted-printable,
  // nothing is 8-bit and there is text to read, the raw body already reads as the flattened view (part
  // headers included), so MIME decoding is skipped.
  // Only the report itself matters: an encoded body of the attached original message needs no decoding.
  const attached = body.search(/^content-type:\s*(?:message\/rfc822|text\/rfc822-headers)/im);
  const report = attached < 0 ? raw : raw.slice(0, split + 2 + attached);
  const needsMime =
    /^content-transfer-encoding:\s*(?:base64|quoted-printable)/im.test(report) ||
    /[\x80-\xff]/.test(report) ||
    (/^content-type:\s*text\/html/im.test(report) && !/^content-type:\s*text\/plain/im.test(report));
  if (!needsMime) {
    return {
      headers,
      header,
      subject,
      from,
      body,
      hasDeliveryStatus: /^content-type:\s*message\/(?:global-)?delivery-status/im.test(body),
      hasFeedbackReport: /^content-type:\s*message\/feedback-report/im.test(body),
    };
  }
  try {
    return { headers, header, subject, from, ...flatten(latin1Bytes(raw)) };
  } catch {
    // A message so broken the MIME walk gives up is still worth a look at its raw text.
    return { headers, header, subject, from, body, hasDeliveryStatus: false, hasFeedbackReport: false };
  } finally {
    // A rare huge message does not keep its buffer for the rest of the run.
    if (scratch.length > 4 * 1024 * 1024) scratch = Buffer.allocUnsafe(64 * 1024);
  }
}

/** Parses one raw message (LF newlines, latin1-decoded bytes) into headers and a flattened text body. */
export async function parseMessage(raw: string): Promise<ParsedMessage> {
  return parseMessageSync(raw);
}
