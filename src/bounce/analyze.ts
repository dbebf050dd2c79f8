// One message in, one diagnosis out: parse MIME, find the sender format, read each recipient, classify.
import type { ParsedMessage } from './message.js';
import { parseHeaderBlock, parseMessage } from './message.js';
import type { BounceFormat } from './format.js';
import type { DeliveryRecord, OriginalMessage, Reason } from './types.js';
import { FORMATS, FALLBACK_FORMATS } from './formats/index.js';
import { classify, isHardBounce } from './classify.js';
import { findReplyCode, findStatus, internalStatus, preferStatus } from './reasons/status-codes.js';
import { adviceFor, type AdviceContext } from './advice.js';
import { domainOf, findAddress, findCommand } from './text.js';

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
  advice: string;
  feedbackType?: string;
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
  return { messageId: get('message-id'), from: get('from'), to: get('to'), subject: get('subject') };
}

function hostsOf(record: DeliveryRecord): string[] {
  const hosts = [record.remoteMta];
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
  if (!record.replyCode) record.replyCode = findReplyCode(record.diagnostic, record.status);
  const inText = findStatus(record.diagnostic);
  record.status = preferStatus(record.status, inText, record.replyCode);
  if (!record.command) record.command = findCommand(record.diagnostic);
  if (record.status && record.replyCode && record.status[0] !== record.replyCode[0] && record.status[0] !== '2') {
    // A 4xx reply with a 5.x.x status (or the reverse) is a mislabelled status: trust the reply's class.
    if (record.replyCode[0] === '4' || record.replyCode[0] === '5') record.status = `${record.replyCode[0]}${record.status.slice(1)}`;
  }
  const reason = classify(record, hostsOf(record));
  let status = record.status;
  if (NO_STATUS.has(reason)) {
    if (reason !== 'delivered') status = '';
  } else if (!status) {
    const temporary = record.replyCode.startsWith('4') || record.action === 'delayed';
    status = internalStatus(reason, temporary);
  }
  const senderDomain = domainOf(findAddress(original?.from ?? '')) || domainOf(findAddress(message.header('to')));
  const ctx: AdviceContext = { sendingIp: sendingIpOf(record), senderDomain };
  const result: RecipientResult = {
    recipient: record.recipient,
    action: record.action || (reason === 'delivered' ? 'delivered' : reason === 'vacation' || reason === 'feedback' ? '' : 'failed'),
    status,
    replyCode: NO_STATUS.has(reason) && reason !== 'delivered' ? '' : record.replyCode,
    reason,
    hard: isHardBounce(reason, status, record.replyCode),
    diagnostic: record.diagnostic,
    remoteMta: record.remoteMta,
    command: record.command,
    advice: adviceFor(reason, ctx),
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
