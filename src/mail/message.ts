// A bounce as the format parsers see it: top-level headers, plus one flattened, decoded text body.
import type { Email } from 'postal-mime';
import type * as PostalMimeNs from 'postal-mime';

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

type PostalMimeModule = typeof PostalMimeNs;
let postalMime: Promise<PostalMimeModule> | null = null;

// Loaded on first use so that commands other than `bounce` never pay for the MIME parser.
function loadPostalMime(): Promise<PostalMimeModule> {
  postalMime ??= import('postal-mime').then((m) => {
    wordDecoder = m.decodeWords;
    return m;
  });
  return postalMime;
}

let wordDecoder: ((s: string) => string) | null = null;

/** RFC 2047 encoded words decoded (postal-mime's decoder, loaded by parseMessage); plain text unchanged. */
export function decodeWords(value: string): string {
  if (!value.includes('=?') || !wordDecoder) return value;
  try {
    return wordDecoder(value);
  } catch {
    return value;
  }
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

function attachmentText(content: Email['attachments'][number]['content']): string {
  if (typeof content === 'string') return content;
  return Buffer.from(content instanceof ArrayBuffer ? new Uint8Array(content) : content).toString('utf8');
}

/** Parses one raw message (LF newlines, latin1-decoded bytes) into headers and a flattened text body. */
export async function parseMessage(raw: string): Promise<ParsedMessage> {
  const split = raw.search(/\n\n/);
  const headerBlock = split < 0 ? raw : raw.slice(0, split);
  const headers = parseHeaderBlock(headerBlock);
  const header = (name: string) => headers.get(name)?.[0] ?? '';
  if (!wordDecoder && raw.includes('=?')) await loadPostalMime();
  const body = split < 0 ? '' : raw.slice(split + 2);
  // Bounces are mostly 7-bit text, often multipart/report: when no part is base64 or quoted-printable,
  // nothing is 8-bit and there is text to read, the raw body already reads as the flattened view (part
  // headers included), so the MIME parser is skipped. Its part decoding goes through Blob round trips that
  // cost more than the whole classification.
  // Only the report itself matters: an encoded body of the attached original message needs no decoding.
  const attached = body.search(/^content-type:\s*(?:message\/rfc822|text\/rfc822-headers)/im);
  const report = attached < 0 ? raw : raw.slice(0, split + 2 + attached);
  const needsMime =
    /^content-transfer-encoding:\s*(?:base64|quoted-printable)/im.test(report) ||
    /[\x80-\xff]/.test(report) ||
    (/^content-type:\s*text\/html/im.test(report) && !/^content-type:\s*text\/plain/im.test(report));
  if (!needsMime) {
    let subject = header('subject');
    let from = header('from');
    if (subject.includes('=?') || from.includes('=?')) {
      const { decodeWords } = await loadPostalMime();
      subject = decodeWords(subject);
      from = decodeWords(from);
      headers.set('subject', [subject]);
      headers.set('from', [from]);
    }
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

  const { default: PostalMime } = await loadPostalMime();
  let email: Email;
  try {
    email = await PostalMime.parse(Buffer.from(raw, 'latin1'), { forceRfc822Attachments: true, attachmentEncoding: 'utf8' });
  } catch {
    // A message so broken the MIME parser gives up is still worth a look at its raw text.
    return { headers, header, subject: header('subject'), from: header('from'), body, hasDeliveryStatus: false, hasFeedbackReport: false };
  }
  const parts: string[] = [];
  if (email.text) parts.push(email.text);
  else if (email.html) parts.push(htmlToText(email.html));
  let hasDeliveryStatus = false;
  let hasFeedbackReport = false;
  for (const attachment of email.attachments) {
    const type = attachment.mimeType.toLowerCase();
    if (!ATTACHED_TYPES.has(type)) continue;
    if (DS_TYPES.has(type)) hasDeliveryStatus = true;
    if (type === 'message/feedback-report') hasFeedbackReport = true;
    let text = attachmentText(attachment.content);
    if (type === 'text/html') text = htmlToText(text);
    parts.push(`Content-Type: ${type}\n\n${text.replace(/\r\n?/g, '\n')}`);
  }
  // Headers decoded by the MIME parser (RFC 2047 words in any charset the runtime's ICU knows).
  for (const h of email.headers) {
    if (h.key === 'subject' || h.key === 'from') headers.set(h.key, [h.value]);
  }
  return {
    headers,
    header,
    subject: email.subject ?? header('subject'),
    from: header('from'),
    body: parts.join('\n\n'),
    hasDeliveryStatus,
    hasFeedbackReport,
  };
}
