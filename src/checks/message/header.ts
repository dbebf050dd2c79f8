import { freeProvider } from '../../address/free-provider.js';
import type { Finding, Severity } from '../../core/finding.js';
import { hasEncodedWord, isUtf8 } from '../../mail/decode.js';
import { LINE_LIMIT } from '../../mail/raw.js';
import { parseMailDate } from '../../mail/received.js';
import { item, spec, type FoundItem } from '../common.js';
import { effectFinding, type MessageCheck } from './common.js';

const CHECK = 'header';

/** RFC 5322 §3.6: fields a message may carry once (From is judged by header.from-invalid). */
export const SINGLE_INSTANCE = ['date', 'sender', 'reply-to', 'to', 'cc', 'bcc', 'message-id', 'in-reply-to', 'references', 'subject', 'mime-version', 'content-type', 'content-transfer-encoding'];

/** Gmail's header limits (support.google.com/a/answer/14016360). */
export const GMAIL_HEADER_LIMITS = { totalBytes: 500 * 1024, fields: 5000, fieldBytes: 32 * 1024, messageIdChars: 500, subjectChars: 998, nameBytes: 1024 } as const;
const UNLIMITED_FIELDS = new Set(['to', 'cc', 'references']);

/** Structured fields where RFC 2047 §5 allows no encoded word at all. */
const NO_ENCODED_WORDS = ['message-id', 'in-reply-to', 'references', 'date', 'mime-version', 'content-transfer-encoding', 'return-path'];

/** Dates more than this ahead of the time the message was sent, or behind it, are judged wrong (rspamd DATE_IN_FUTURE / DATE_IN_PAST). */
export const DATE_FUTURE_MS = 2 * 3600_000;
export const DATE_PAST_MS = 24 * 3600_000;

const ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~-";
const MESSAGE_ID = new RegExp(`^<[${ATEXT}]+(?:\\.[${ATEXT}]+)*@(?:[${ATEXT}]+(?:\\.[${ATEXT}]+)*|\\[[^\\[\\]\\\\\\s]*\\])>$`);

/** Subject prefixes of replies and forwards, in the languages users write them. */
export const REPLY_PREFIX = /^\s*(?:\[[^\]]{0,40}\]\s*)?(?:re|fwd?|aw|wg|sv|vs|antw|tr|回复|答复|转发)(?:\s*\[\d{1,3}\])?\s*[:：]/i;

/** Fields the receiving side adds (trace and filter results): not the sender's to fix. */
export const RECEIVER_FIELD = /^(?:received|return-path|delivered-to|authentication-results|arc-|x-received|received-spf|x-original-to|x-gm-|x-google-|x-spam|x-forefront|x-microsoft-antispam|x-ms-exchange|x-qq-|x-coremail|x-cm-|x-alimail)/;

const MIME_ERRORS = new Set(['boundary-missing', 'boundary-not-found', 'encoded-word-misplaced']);

/**
 * Format faults receivers reject outright (Gmail `550 5.7.1`, `552 5.3.4`, `554 5.6.0`), judged on the
 * raw bytes where parsers would normalise them away, and the header patterns of mass cold mail
 * (undisclosed recipients, a freemail Reply-To, a fake Re:).
 */
export const headerCheck: MessageCheck = {
  id: CHECK,
  docs: '#mailcheck-message--will-this-mail-land-in-the-inbox',
  requires: ['anatomy', 'sending', 'recipient', 'fromDomain', 'now'],
  findings: [
    spec('header.from-invalid', 'error'), spec('header.message-id-invalid', 'error'), spec('header.date-invalid', 'warning'), spec('header.duplicate', 'error'),
    spec('header.mime-invalid', ['error', 'warning']), spec('header.line-too-long', 'warning'), spec('header.size', 'error'),
    spec('header.undisclosed-recipients', 'warning'), spec('header.reply-to-freemail', 'warning'), spec('header.fake-reply', 'warning'),
  ],
  run(facts) {
    const { anatomy } = facts;
    const { headers, header } = anatomy;
    const findings: Finding[] = [];
    const found: FoundItem[] = [];
    const add = (id: string, severity: Severity, data: Record<string, unknown>) => findings.push(effectFinding(facts, CHECK, id, severity, data));

    // From.
    const fromCount = headers.count('from');
    const from = anatomy.from;
    if (fromCount === 0) add('header.from-invalid', 'error', { kind: 'missing', value: null });
    else {
      const value = (headers.get('from') ?? '').slice(0, 300);
      if (fromCount > 1) add('header.from-invalid', 'error', { kind: 'multiple-headers', count: fromCount, value });
      const boxes = from?.mailboxes ?? [];
      const bad = boxes.find((m) => !m.address);
      if ((from?.groups.length ?? 0) > 0) add('header.from-invalid', 'error', { kind: 'group', value });
      else if (boxes.length === 0) add('header.from-invalid', 'error', { kind: 'unparsable', value, error: null });
      else if (boxes.length > 1) add('header.from-invalid', 'error', { kind: 'multiple-addresses', count: boxes.length, value });
      else if (bad) add('header.from-invalid', 'error', { kind: /^address\.(?:domain|ip)/.test(bad.error ?? '') ? 'domain-invalid' : 'unparsable', value, error: bad.error ?? null });
    }

    // Message-ID.
    const ids = headers.getAll('message-id');
    const mid = (ids[0] ?? '').replace(/\([^()]*\)/g, '').trim();
    if (ids.length === 0) add('header.message-id-invalid', 'error', { kind: 'missing', value: null });
    else if (!MESSAGE_ID.test(mid)) add('header.message-id-invalid', 'error', { kind: 'malformed', value: mid.slice(0, 200) });

    // Date.
    const dates = headers.getAll('date');
    if (dates.length === 0) add('header.date-invalid', 'warning', { kind: 'missing', value: null });
    else {
      const value = (dates[0] as string).slice(0, 100);
      const at = parseMailDate(value);
      const sent = facts.sending.sentAt;
      if (at === undefined) add('header.date-invalid', 'warning', { kind: 'unparsable', value });
      else if (sent !== null && at - sent > DATE_FUTURE_MS) add('header.date-invalid', 'warning', { kind: 'future', value, hours: Math.round((at - sent) / 3600_000), reference: 'received' });
      else if (sent !== null && sent - at > DATE_PAST_MS) add('header.date-invalid', 'warning', { kind: 'past', value, days: Math.round((sent - at) / 86_400_000), reference: 'received' });
      else if (sent === null && at - facts.now > DATE_FUTURE_MS) add('header.date-invalid', 'warning', { kind: 'future', value, hours: Math.round((at - facts.now) / 3600_000), reference: 'now' });
    }

    // Single-instance fields written twice.
    for (const name of SINGLE_INSTANCE) {
      const count = headers.count(name);
      if (count > 1) add('header.duplicate', 'error', { header: header.fields.find((f) => f.key === name)?.name ?? name, count });
    }

    // MIME and encoding, on the raw bytes.
    const mime = (kind: string, data: Record<string, unknown> = {}, severity?: Severity) =>
      add('header.mime-invalid', severity ?? (MIME_ERRORS.has(kind) ? 'error' : 'warning'), { kind, part: '', ...data });
    const eightBit = header.fields.filter((f) => f.eightBit && !RECEIVER_FIELD.test(f.key));
    if (eightBit.length > 0) {
      // UTF-8 in headers is RFC 6532 (it needs SMTPUTF8 on every hop); other 8-bit bytes are in no standard.
      const raw = (f: (typeof eightBit)[number]) => Buffer.from(f.value, 'latin1');
      const utf8 = eightBit.every((f) => isUtf8(raw(f)));
      mime('header-8bit', { fields: [...new Set(eightBit.map((f) => f.name))].slice(0, 8), utf8 }, utf8 ? 'warning' : 'error');
    }
    const misplaced = header.fields.filter((f) => NO_ENCODED_WORDS.includes(f.key) && hasEncodedWord(f.value)).map((f) => f.name);
    for (const list of [anatomy.from, anatomy.to, anatomy.cc, anatomy.replyTo, anatomy.sender]) {
      if (list?.mailboxes.some((m) => m.encodedWordInAddress)) misplaced.push('address');
    }
    if (misplaced.length > 0) mime('encoded-word-misplaced', { fields: [...new Set(misplaced)] });
    const usesMime = headers.count('content-type') > 0 || headers.count('content-transfer-encoding') > 0;
    if (usesMime && headers.count('mime-version') === 0) mime('mime-version-missing');
    if (anatomy.newline === 'mixed') mime('bare-lf', { count: anatomy.lines.bareLf });
    if (anatomy.lines.bareCr > 0) mime('bare-cr', { count: anatomy.lines.bareCr });
    if (anatomy.lines.nul > 0) mime('nul', { count: anatomy.lines.nul });
    if (header.badLineCount > 0) mime('header-syntax', { lines: header.badLines, count: header.badLineCount });
    for (const p of anatomy.tree.problems) mime(p.kind, { part: p.part, ...p.data });
    if (anatomy.tree.limit) mime('too-many-parts', { limit: anatomy.tree.limit });

    // Lines over 998 octets.
    for (const where of ['header', 'body'] as const) {
      const first = anatomy.lines.firstOver[where];
      if (first) add('header.line-too-long', 'warning', { where, line: first.line, length: first.length, count: anatomy.lines.over[where], limit: LINE_LIMIT });
    }

    // Header size (Gmail's limits).
    const L = GMAIL_HEADER_LIMITS;
    if (header.bytes > L.totalBytes || header.limit === 'bytes') add('header.size', 'error', { kind: 'total', bytes: header.bytes, limit: L.totalBytes });
    if (header.fields.length > L.fields || header.limit === 'fields') add('header.size', 'error', { kind: 'fields', count: header.fields.length, limit: L.fields });
    const big = header.fields.find((f) => !UNLIMITED_FIELDS.has(f.key) && f.value.length > L.fieldBytes);
    if (big) add('header.size', 'error', { kind: 'field', header: big.name, bytes: big.value.length, limit: L.fieldBytes });
    const longName = header.fields.find((f) => f.name.length > L.nameBytes);
    if (longName) add('header.size', 'error', { kind: 'name', header: longName.name.slice(0, 40), bytes: longName.name.length, limit: L.nameBytes });
    const subjectRaw = headers.get('subject') ?? '';
    if (subjectRaw.length > L.subjectChars) add('header.size', 'error', { kind: 'subject', bytes: subjectRaw.length, limit: L.subjectChars });
    if (mid.length > L.messageIdChars) add('header.size', 'error', { kind: 'message-id', bytes: mid.length, limit: L.messageIdChars });

    // Recipients: nobody named (mass Bcc).
    const to = anatomy.to;
    const cc = anatomy.cc;
    if (!to && !cc) add('header.undisclosed-recipients', 'warning', { kind: 'no-to' });
    else if (to && to.mailboxes.length === 0 && to.groups.length > 0 && to.groups.every((g) => g.members === 0) && (cc?.mailboxes.length ?? 0) === 0) {
      add('header.undisclosed-recipients', 'warning', { kind: 'undisclosed', group: to.groups[0]?.name ?? '' });
    }

    // Reply-To at a free provider other than From's.
    const fromDomain = facts.fromDomain;
    for (const m of anatomy.replyTo?.mailboxes ?? []) {
      const domain = m.address?.domain;
      if (!domain || domain === fromDomain) continue;
      const provider = freeProvider(domain);
      if (!provider) continue;
      const fromProvider = fromDomain ? freeProvider(fromDomain) : undefined;
      if (fromProvider?.id === provider.id) continue;
      add('header.reply-to-freemail', 'warning', { replyTo: m.address?.unicode ?? m.text, from: fromDomain, provider: provider.name, fromFree: fromProvider?.name ?? null });
      break;
    }

    // Re:/Fwd: on a first contact.
    const subject = anatomy.subject;
    if (REPLY_PREFIX.test(subject) && headers.count('in-reply-to') === 0 && headers.count('references') === 0) {
      add('header.fake-reply', 'warning', { subject: subject.slice(0, 120), prefix: (REPLY_PREFIX.exec(subject)?.[0] ?? '').trim() });
    }
    found.push(item('message.size', { bytes: anatomy.bytes, headerBytes: header.bytes, fields: header.fields.length, parts: anatomy.tree.parts.length, newline: anatomy.newline }));
    return {
      status: 'complete',
      findings,
      found,
      data: { subject, from: from?.mailboxes[0]?.address?.unicode ?? null, messageId: mid || null, date: dates[0] ?? null, bytes: anatomy.bytes, headerBytes: header.bytes, fields: header.fields.length, newline: anatomy.newline, longestLine: anatomy.lines.longest },
    };
  },
};
