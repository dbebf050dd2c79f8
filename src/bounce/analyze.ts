// One message in, one diagnosis out: parse MIME, find the sender format, read each recipient, classify.
import type { ParsedMessage } from '../mail/message.js';
import { decodeWords, parseHeaderBlock, parseMessage } from '../mail/message.js';
import type { BounceFormat } from './format.js';
import type { DeliveryRecord, OriginalMessage, Reason } from './types.js';
import { FORMATS, FALLBACK_FORMATS } from './formats/index.js';
import { classify, isHardBounce } from './classify.js';
import { findNestedReply, findReplyCode, findStatus, internalStatus, preferStatus } from './reasons/status-codes.js';
import { adviceFor, type AdviceContext } from './advice.js';
import { isPermanent, verdictOf, type RefusedBy, type Verdict } from './verdict.js';
import { domainOf, findAddress, findCommand, squeezeReplyPrefixes } from './text.js';

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
}

const NO_STATUS = new Set<Reason>(['vacation', 'feedback', 'delivered']);
const IPV4 = /\b((?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3})\b/g;

function originalHeaders(text: string | undefined): OriginalMessage | null {
  if (!text) return null;
  const block = text.replace(/^\s+/, '').split('\n\n')[0] ?? '';
  const h = parseHeaderBlock(block);
  const get = (n: string) => h.get(n)?.[0] ?? '';
  if (!get('message-id') && !get('from') && !get('subject')) return null;
  return { messageId: get('message-id'), from: decodeWords(get('from')), to: decodeWords(get('to')), subject: decodeWords(get('subject')) };
}

function hostsOf(record: DeliveryRecord): string[] {
  const hosts = [record.remoteMta];
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

function finish(record: DeliveryRecord, message: ParsedMessage, original: OriginalMessage | null): RecipientResult {
  // Fill what the format left out from the server's own words.
  record.diagnostic = squeezeReplyPrefixes(record.diagnostic);
  const nested = findNestedReply(record.diagnostic);
  if (nested) {
    // The remote server's reply quoted by the reporting MTA says what happened.
    record.status = nested.status;
    record.replyCode = nested.reply;
  }
  const inText = nested ? nested.status : findStatus(record.diagnostic);
  // The status the server wrote next to its reply decides the reply code's class before the Status: field does.
  if (!record.replyCode) record.replyCode = findReplyCode(record.diagnostic, inText || record.status);
  record.status = preferStatus(record.status, inText, record.replyCode);
  if (!record.command) record.command = findCommand(record.diagnostic);
  const reason = classify(record, hostsOf(record));
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
    refusedBy: 'recipient',
  };

  if (record.feedbackType) result.feedbackType = record.feedbackType;
  return result;
}

function tryFormats(message: ParsedMessage, formats: readonly BounceFormat[]) {
  for (const format of formats) {
    if (!format.detect(message)) continue;
    const result = format.parse(message);
    if (result && result.records.length > 0) return { format, result };
  }
  return null;
}

/** Diagnoses one already-parsed message. */
export function analyzeParsed(message: ParsedMessage): MessageResult {
  const found = tryFormats(message, FORMATS) ?? tryFormats(message, FALLBACK_FORMATS);
  if (!found) return { bounce: false, format: '', original: null, recipients: [] };
  const original = originalHeaders(found.result.original);
  const recipients = found.result.records.map((r) => finish(r, message, original));
  return { bounce: true, format: found.format.id, original, recipients };
}

/** Diagnoses one raw message (LF newlines). */
export async function analyzeMessage(raw: string): Promise<MessageResult> {
  return analyzeParsed(await parseMessage(raw));
}
