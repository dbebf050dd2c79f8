// One message in, one diagnosis out: parse MIME, find the sender format, read each recipient, classify.
import type { ParsedMessage } from '../mail/message.js';
import { decodeWords, parseHeaderBlock, parseMessage } from '../mail/message.js';
import type { BounceFormat } from './format.js';
import { MAX_RECIPIENTS, type DeliveryRecord, type OriginalMessage, type Reason } from './types.js';
import { FORMATS, FALLBACK_FORMATS } from './formats/index.js';
import { classify, isHardBounce } from './classify.js';
import { findFailingReply, findNestedReply, findReplyCode, findStatus, internalStatus, preferStatus } from './reasons/status-codes.js';
import { adviceFor, type AdviceContext } from './advice.js';
import { isPermanent, verdictOf, type RefusedBy, type Verdict } from './verdict.js';
import { domainOf, findAddress, findCommand, originalHeaderFields, splitOriginal, squeezeReplyPrefixes } from './text.js';
import { noticeExclusions, noticeFormatOf } from './formats/chinese-providers.js';
import { parseLabeled } from './formats/labeled.js';
import { humanPart } from './formats/rfc3464.js';
import { familyOf, providerOfConsumerDomain, providerOfMx, type ProviderFamily } from '../data/providers.js';

export interface RecipientResult {
  recipient: string;
  action: string;
  status: string;
  replyCode: string;
  reason: Reason;
  hard: boolean;
  diagnostic: string;
  remoteMta: string;
  command: string;
  /** What to do: a catalogue advice id (`advice`, ids `bounce.*`), with the facts its words need. */
  advice: string;
  adviceData: AdviceContext;
  feedbackType?: string;
  /** What to do: hard, retry, refused, delayed, unknown (needs a look) or none (see verdict.ts). */
  verdict: Verdict;
  /** The server said the failure is permanent (5xx), apart from whether the address is bad. */
  permanent: boolean;
  /** True when `status` was derived by the classifier (x.0.9xx pseudo codes), not said by any server. */
  statusDerived: boolean;
  /** Who refused: the recipient's server, or the sender's own provider refusing its outgoing mail. */
  refusedBy: RefusedBy;
  /** Provider registry id of the server that answered (src/data/providers.ts), when known. */
  provider?: string;
  /** The provider's own explanation and suggestion (退信原因 / 建议), as written; never merged into `diagnostic`. */
  providerExplanation?: string;
}

export interface MessageResult {
  bounce: boolean;
  /** Id of the format that read it ('' when not a bounce). */
  format: string;
  original: OriginalMessage | null;
  recipients: RecipientResult[];
  /** Recipients past the per-message cap (MAX_RECIPIENTS), counted and not read; absent when none. */
  recipientsOmitted?: number;
}

/** Longest diagnostic kept per recipient (a server's reply is a few hundred characters; the rest is cut). */
export const MAX_DIAGNOSTIC = 4000;

export { MAX_RECIPIENTS };

const NO_STATUS = new Set<Reason>(['vacation', 'feedback', 'delivered']);
const IPV4 = /\b((?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3})\b/g;

function originalHeaders(text: string | undefined): OriginalMessage | null {
  if (!text) return null;
  const h = originalHeaderFields(text);
  const get = (n: string) => h.get(n)?.[0] ?? '';
  if (!get('message-id') && !get('from') && !get('subject')) return null;
  return { messageId: get('message-id'), from: decodeWords(get('from')), to: decodeWords(get('to')), subject: decodeWords(get('subject')) };
}

/** The host name of a remote MTA as the bounce gives it ("mx.example.com [192.0.2.1]" → mx.example.com). */
function hostOf(remoteMta: string): string {
  const first = remoteMta.split(/[\s[\]()]/, 1)[0] ?? '';
  return /[a-z]/i.test(first) ? first.toLowerCase().replace(/\.$/, '') : '';
}

function hostsOf(record: DeliveryRecord): string[] {
  const hosts = [hostOf(record.remoteMta) || record.remoteMta];
  // A provider that rejects its own recipient writes the report itself (no Remote-MTA): its name counts too.
  if (!record.remoteMta && record.reportingMta) hosts.push(record.reportingMta);
  const m = /\b(?:host|by|from)\s+([a-z0-9][a-z0-9.-]+\.[a-z]{2,})/i.exec(record.diagnostic);
  if (m) hosts.push(m[1] as string);
  hosts.push(domainOf(record.recipient));
  return hosts.filter(Boolean);
}

/** The sending IP a diagnostic names (not the remote MTA's own address). */
function sendingIpOf(record: DeliveryRecord): string {
  const remote = record.remoteMta;
  for (const m of record.diagnostic.matchAll(IPV4)) {
    const ip = m[1] as string;
    if (remote.includes(ip)) continue;
    return ip;
  }
  return '';
}

const NOTICE_FAMILY: Readonly<Record<string, ProviderFamily>> = { Tencent: 'tencent', NetEase: 'netease', Alibaba: 'alibaba', Coremail: 'coremail' };

/** Registry id (src/data/providers.ts) of the server that answered: the remote host first, then the recipient's domain. */
function providerIdOf(record: DeliveryRecord): string {
  const remote = hostOf(record.remoteMta);
  const said = /\b(?:host|by|from)\s+([a-z0-9][a-z0-9.-]{0,253}\.[a-z]{2,24})\b/i.exec(record.diagnostic)?.[1] ?? '';
  for (const host of [remote, said.toLowerCase()]) {
    const p = host ? providerOfMx(host) : undefined;
    if (p) return p.id;
  }
  const domain = domainOf(record.recipient);
  return (providerOfConsumerDomain(domain) ?? providerOfMx(domain))?.id ?? '';
}

// The sender's own provider refusing its outgoing mail: its outbound anti-spam or sending quota, in its words.
const OWN_OUTBOUND = /发信(?:频率|数量|额度|配额|受限|限制)|发送(?:数量|额度|配额)(?:超|已)|外发(?:邮件|限制|频率|数量)|每日发信|您的(?:邮件|信件)(?:被|已被)?[^。\n]{0,12}(?:反垃圾|拦截|判定)|本邮件被判定为垃圾|outgoing (?:mail|message|spam)|outbound (?:spam|limit|quota)|sending (?:quota|limit)s? (?:exceeded|reached)|(?:monthly|daily) sending quota|daily user sending limit|your (?:account|mailbox) (?:has been|is) (?:limited|restricted|blocked from sending)/i;
const OUTBOUND_REASONS = new Set<Reason>(['spamdetected', 'contenterror', 'exceedlimit', 'speeding', 'toomanyconn', 'policyviolation', 'rejected', 'virusdetected', 'securityerror']);

function refusedByOf(record: DeliveryRecord, reason: Reason, notice: string): RefusedBy {
  if (!OUTBOUND_REASONS.has(reason)) return 'recipient';
  if (OWN_OUTBOUND.test(record.diagnostic) || OWN_OUTBOUND.test(record.providerExplanation ?? '')) return 'own';
  // A provider's notice naming no remote server, about a recipient elsewhere: the provider refused it itself.
  const family = NOTICE_FAMILY[notice];
  if (family && !record.remoteMta && !record.diagnosticType) {
    const domain = domainOf(record.recipient);
    const recipientFamily = familyOf((providerOfConsumerDomain(domain) ?? providerOfMx(domain))?.id);
    if (recipientFamily !== family) return 'own';
  }
  return 'recipient';
}

function finish(record: DeliveryRecord, message: ParsedMessage, original: OriginalMessage | null, notice = ''): RecipientResult {
  // Fill what the format left out from the server's own words (at most MAX_DIAGNOSTIC characters of them).
  if (record.diagnostic.length > MAX_DIAGNOSTIC) record.diagnostic = record.diagnostic.slice(0, MAX_DIAGNOSTIC);
  record.diagnostic = squeezeReplyPrefixes(record.diagnostic);
  const nested = findNestedReply(record.diagnostic);
  if (nested) {
    // The remote server's reply quoted by the reporting MTA says what happened.
    record.status = nested.status;
    record.replyCode = nested.reply;
  }
  let inText = nested ? nested.status : findStatus(record.diagnostic);
  if (inText.startsWith('2')) {
    // A transcript: "250 2.1.5 Ok" to RCPT, then the failure. The failing reply is this recipient's.
    const failing = findFailingReply(record.diagnostic);
    if (failing) {
      inText = failing.status;
      if (!record.replyCode || record.replyCode.startsWith('2')) record.replyCode = failing.reply;
    }
  }
  // The status the server wrote next to its reply decides the reply code's class before the Status: field does.
  if (!record.replyCode) record.replyCode = findReplyCode(record.diagnostic, inText || record.status);
  record.status = preferStatus(record.status, inText, record.replyCode);
  if (!record.command) record.command = findCommand(record.diagnostic);
  const sender = findAddress(original?.from ?? '') || findAddress(message.header('to'));
  const reason = classify(record, hostsOf(record), { format: record.remoteMta ? '' : notice, sender, ...(record.providerExplanation ? { explanation: record.providerExplanation } : {}) });
  let status = record.status;
  let statusDerived = false;
  if (NO_STATUS.has(reason)) {
    if (reason !== 'delivered') status = '';
  } else if (!status) {
    statusDerived = true;
    const temporary = record.temporary ?? record.replyCode.startsWith('4');
    status = internalStatus(reason, temporary);
  }
  const senderDomain = domainOf(findAddress(original?.from ?? '')) || domainOf(findAddress(message.header('to')));
  const ctx: AdviceContext = { sendingIp: sendingIpOf(record), senderDomain };
  const action = record.action || (reason === 'delivered' ? 'delivered' : reason === 'vacation' || reason === 'feedback' ? '' : 'failed');
  const replyCode = NO_STATUS.has(reason) && reason !== 'delivered' ? '' : record.replyCode;
  const hard = isHardBounce(reason, status, record.replyCode);
  const result: RecipientResult = {
    recipient: record.recipient,
    action,
    status,
    replyCode,
    reason,
    hard,
    diagnostic: record.diagnostic,
    remoteMta: record.remoteMta,
    command: record.command,
    advice: adviceFor(reason),
    adviceData: ctx,
    verdict: verdictOf({ reason, hard, action, status, replyCode }),
    permanent: !NO_STATUS.has(reason) && isPermanent({ status: statusDerived ? '' : status, replyCode }),
    statusDerived,
    refusedBy: refusedByOf(record, reason, notice),
  };
  const provider = providerIdOf(record);
  if (provider) result.provider = provider;
  if (record.providerExplanation) result.providerExplanation = record.providerExplanation;
  if (record.feedbackType) result.feedbackType = record.feedbackType;
  return result;
}

/**
 * A provider's notice that also carries a delivery-status part was read by the DSN reader (the authority):
 * its own words only enrich it — the provider's explanation, and the remote host, command and diagnostic the
 * DSN lacks — and add the failed recipients the DSN does not name.
 */
function enrich(records: DeliveryRecord[], message: ParsedMessage, addMissing: boolean): void {
  const { report, original } = splitOriginal(message.body);
  const notice = parseLabeled(humanPart(report), { exclude: noticeExclusions(message, original), max: MAX_RECIPIENTS });
  const byAddress = new Map(records.map((r) => [r.recipient.toLowerCase(), r]));
  for (const n of notice) {
    const r = byAddress.get(n.recipient.toLowerCase()) ?? (records.length === 1 && notice.length === 1 ? records[0] : undefined);
    if (!r) {
      if (addMissing && (n.diagnostic || n.providerExplanation)) records.push(n);
      continue;
    }
    if (n.providerExplanation && !r.providerExplanation) r.providerExplanation = n.providerExplanation;
    if (!r.remoteMta && n.remoteMta) r.remoteMta = n.remoteMta;
    if (!r.command && n.command) r.command = n.command;
    if (!r.diagnostic && n.diagnostic) r.diagnostic = n.diagnostic;
  }
}

function tryFormats(message: ParsedMessage, formats: readonly BounceFormat[]) {
  for (const format of formats) {
    if (!format.detect(message)) continue;
    const result = format.parse(message);
    if (result && result.records.length > 0) return { format, result };
  }
  return null;
}

const FORWARDED_SUBJECT = /^\s*(?:fwd?|fw|转发|轉寄|wg)\s*[:：]/i;
const QUOTED_HEADER = /^>[ \t]?(?:From|Subject|Date|To|Return-Path|Received|Message-Id):/im;

/**
 * A bounce forwarded by a person with its lines quoted ("> From: Mail Delivery Subsystem …"): the quoted
 * lines, unquoted once, as a message of their own (their headers first). null when the message is not one.
 */
export function unquoteForwarded(message: ParsedMessage): ParsedMessage | null {
  if (!FORWARDED_SUBJECT.test(message.subject)) return null;
  const at = QUOTED_HEADER.exec(message.body);
  if (!at) return null;
  const lines: string[] = [];
  for (const line of message.body.slice(at.index).split('\n')) {
    if (!line.startsWith('>')) {
      if (line.trim() === '' && lines.length) continue;
      break;
    }
    lines.push(line.slice(line.startsWith('> ') ? 2 : 1));
  }
  const text = lines.join('\n');
  const split = text.search(/\n[ \t]*\n/);
  if (split < 0) return null;
  const headers = parseHeaderBlock(text.slice(0, split));
  const header = (name: string) => headers.get(name.toLowerCase())?.[0] ?? '';
  const body = text.slice(split).replace(/^\s*\n/, '');
  return {
    headers, header, subject: decodeWords(header('subject')), from: header('from'), body,
    hasDeliveryStatus: /^content-type:\s*message\/(?:global-)?delivery-status/im.test(body), hasFeedbackReport: false,
  };
}

/** Diagnoses one already-parsed message. */
export function analyzeParsed(message: ParsedMessage, depth = 0): MessageResult {
  const found = tryFormats(message, FORMATS) ?? tryFormats(message, FALLBACK_FORMATS);
  if (!found) {
    // A forwarded bounce: read the quoted one (a forward of a forward at most twice).
    const forwarded = depth < 2 ? unquoteForwarded(message) : null;
    return forwarded ? analyzeParsed(forwarded, depth + 1) : { bounce: false, format: '', original: null, recipients: [] };
  }
  const original = originalHeaders(found.result.original);
  const notice = noticeFormatOf(message);
  let records = found.result.records;
  if (notice && found.format.id !== notice) enrich(records, message, found.format.id === 'RFC3464');
  let omitted = 0;
  if (records.length > MAX_RECIPIENTS) {
    omitted = records.length - MAX_RECIPIENTS;
    records = records.slice(0, MAX_RECIPIENTS);
  }
  const recipients = records.map((r) => finish(r, message, original, notice));
  return { bounce: true, format: found.format.id, original, recipients, ...(omitted ? { recipientsOmitted: omitted } : {}) };
}

/** Diagnoses one raw message (LF newlines). */
export async function analyzeMessage(raw: string): Promise<MessageResult> {
  return analyzeParsed(await parseMessage(raw));
}
