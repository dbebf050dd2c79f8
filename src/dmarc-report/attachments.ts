import type * as PostalMimeNs from 'postal-mime';

// The attachments of one report message (the mail a receiver sends to the rua= address), for the report
// reader: every MIME leaf part that is not the message's text, with its name, type and decoded bytes.
// postal-mime does the MIME work (multipart nesting, base64 and quoted-printable, RFC 2231 file names,
// attached message/rfc822 messages read as part of the tree: a forwarded report is found too); it is
// loaded on first use so that other commands never pay for it. The message is already bounded by the
// input's size cap; nesting, header bytes and the parts looked at per message are capped here.

export interface MailAttachment {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

/** Parts looked at per message: a report message has one or two; a message with more is not a report. */
export const MAX_ATTACHMENTS = 32;

type PostalMimeModule = typeof PostalMimeNs;
let postalMime: Promise<PostalMimeModule> | null = null;

function load(): Promise<PostalMimeModule> {
  postalMime ??= import('postal-mime');
  return postalMime;
}

/**
 * The attachments of a raw message (latin1-decoded bytes, as the mail input hands it over). A single-part
 * message whose body is the report itself (Content-Type application/gzip, text/xml…) is one attachment.
 * Never throws: a message the MIME parser cannot read has no attachments.
 */
export async function messageAttachments(raw: string): Promise<MailAttachment[]> {
  const { default: PostalMime } = await load();
  let email: PostalMimeNs.Email;
  try {
    email = await PostalMime.parse(Buffer.from(raw, 'latin1'), { attachmentEncoding: 'arraybuffer', maxNestingDepth: 32, maxRfc822NestingDepth: 3, maxHeadersSize: 1024 * 1024 });
  } catch {
    return [];
  }
  const out: MailAttachment[] = [];
  for (const a of email.attachments.slice(0, MAX_ATTACHMENTS)) {
    const content = a.content;
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content instanceof Uint8Array ? content : new Uint8Array(content);
    out.push({ filename: a.filename ?? '', contentType: a.mimeType ?? '', bytes });
  }
  return out;
}
