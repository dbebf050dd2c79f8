// Decides the reason for one recipient: the format's own verdict, then the provider's table, then the
// status code and phrase tables in the explicit order of reasons/precedence.ts.
import type { DeliveryRecord, Reason } from './types.js';
import { matchesReason } from './reasons/phrases.js';
import { reasonOfStatus } from './reasons/status-codes.js';
import { BEFORE_DATA, FIRST_PASS, REVISABLE, SECOND_PASS } from './reasons/precedence.js';
import { providerReason } from './reasons/providers.js';
import { chineseReason } from './reasons/chinese.js';

interface Facts {
  record: DeliveryRecord;
  /** Lower-case diagnostic with whitespace squeezed. */
  text: string;
  /** Reason named by the status code alone. */
  byStatus: Reason | '';
}

const explicit = (r: Reason | '' | undefined): r is Reason => !!r && r !== 'undefined' && r !== 'onhold';

// Each reason's test in the first pass: its status code, its phrases, and what rules it out.
function probe(reason: Reason, f: Facts): boolean {
  const { record, text, byStatus } = f;
  // A reason the format already gave holds unless an earlier reason in the order claims the record.
  if (record.reason === reason) return true;
  const command = record.command;
  switch (reason) {
    case 'userunknown':
      if (byStatus === 'userunknown') {
        return !(['norelaying', 'blocked', 'mailboxfull', 'hasmoved', 'rejected', 'notaccept'] as const).some((r) => matchesReason(r, text));
      }
      return command === 'RCPT' && matchesReason('userunknown', text);
    case 'filtered':
      if (byStatus === 'filtered') return matchesReason('userunknown', text) || matchesReason('filtered', text);
      if (BEFORE_DATA.has(command)) return false;
      return matchesReason('filtered', text) || matchesReason('userunknown', text);
    case 'suspend':
      return record.replyCode === '525' || matchesReason('suspend', text);
    case 'norelaying':
      return !['CONN', 'EHLO', 'HELO'].includes(command) && matchesReason('norelaying', text);
    case 'contenterror':
      if (probe('spamdetected', f)) return false;
      return byStatus === 'contenterror' || matchesReason('contenterror', text);
    case 'rejected': {
      if (byStatus === 'rejected') return true;
      if (command === 'MAIL') return matchesReason('rejected', text);
      if (command === 'DATA' && byStatus !== 'userunknown') return matchesReason('rejected', text);
      if (!explicit(byStatus) || byStatus === 'securityerror' || byStatus === 'systemerror') return matchesReason('rejected', text);
      return false;
    }
    case 'hostunknown':
      if (byStatus === 'hostunknown') return !matchesReason('networkerror', text);
      return matchesReason('hostunknown', text);
    case 'spamdetected':
      if (!record.status) return false;
      if (byStatus === 'spamdetected') return true;
      if (BEFORE_DATA.has(command)) return false;
      return matchesReason('spamdetected', text);
    case 'mesgtoobig':
      if (byStatus === 'exceedlimit') return false;
      return byStatus === 'mesgtoobig' || matchesReason('mesgtoobig', text);
    case 'hasmoved':
    case 'notcompliantrfc':
    case 'badreputation':
    case 'speeding':
      return matchesReason(reason, text);
    default:
      // mailboxfull, mesgtoobig, exceedlimit, authfailure, requireptr, toomanyconn, blocked
      return byStatus === reason || matchesReason(reason, text);
  }
}

// Fallback when the first pass found nothing: phrase-only tables, then the status code, then the code's class.
function secondPass(f: Facts): Reason | '' {
  const { record, text, byStatus } = f;
  if (explicit(record.reason)) return record.reason;
  if (byStatus === '' || REVISABLE.has(byStatus) || (record.diagnosticType !== 'SMTP' && record.diagnosticType !== '')) {
    for (const reason of SECOND_PASS) if (matchesReason(reason, text)) return reason;
    if (byStatus) return byStatus;
    const subject = record.status.slice(0, 3);
    if (subject === '5.6' || subject === '4.6') return 'contenterror';
    if (subject === '5.7' || subject === '4.7') return 'securityerror';
    if (record.diagnosticType.toUpperCase().startsWith('X-UNIX')) return 'mailererror';
    const reply = Number(record.replyCode);
    if ((reply > 400 && reply < 408) || (reply > 500 && reply < 508)) return 'syntaxerror';
    if (record.action === 'delayed' || record.action === 'expired') return 'expired';
    if (record.command === 'EHLO' || record.command === 'HELO' || record.command === 'CONN') return 'blocked';
  }
  return byStatus;
}

export function normalizeDiagnostic(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The reason for one recipient. `remoteHosts` are names that identify the receiving provider. */
export interface ClassifyOptions {
  /** Id of the notice format that wrote the report (its provider's table applies when no host names one). */
  format?: string;
  /** The provider's own explanation (退信原因): decides only when the server's reply says nothing specific. */
  explanation?: string;
  /** The sender's own address: a refusal that names it (and not the recipient) is about the sender. */
  sender?: string;
}

export function classify(record: DeliveryRecord, remoteHosts: readonly string[] = [], options: ClassifyOptions = {}): Reason {
  const reason = classifyReply(record, remoteHosts, options.format ?? '', options.sender ?? '');
  if (!options.explanation || (reason !== 'onhold' && reason !== 'undefined' && record.replyCode)) return reason;
  // No reply code, or a reply nobody can read: the provider's explanation decides.
  if (reason !== 'onhold' && reason !== 'undefined') {
    // A reply code without enhanced status and a generic reason: the explanation breaks the tie.
    if (record.status) return reason;
  }
  const fromExplanation = chineseReason(options.explanation) || (() => {
    const r = classifyReply({ ...record, diagnostic: options.explanation as string, reason: undefined }, remoteHosts, options.format ?? '', '');
    return r === 'onhold' || r === 'undefined' ? '' : r;
  })();
  return fromExplanation || reason;
}

const SENDER_WORDS = /\bsender\b|发件人|发信人|callout/;

/**
 * A refusal about our sender, not the recipient (a sender-verify callout quoting "550 mailbox not found" about
 * the envelope sender, "5.1.x <sender> sender rejected"): rejected, whatever the quoted words say about a mailbox.
 */
function aboutSender(record: DeliveryRecord, sender: string): boolean {
  // The reporting MTA's echo of the command ("after MAIL FROM:<sender>") is not the server's words about it.
  const text = record.diagnostic.toLowerCase().replace(/mail from:\s{0,3}<[^<>\s]{0,320}>/g, '');
  if (!SENDER_WORDS.test(text)) return false;
  const recipient = record.recipient.toLowerCase();
  if (recipient && text.includes(recipient)) return false;
  if (sender && text.includes(sender.toLowerCase())) return true;
  return /\bsender (?:address )?(?:rejected|verify failed|verification failed|not verified)|sender verify failed|callout verification failure/.test(text);
}

// No command named (a provider's own notice): a refusal about the recipient's existence is at RCPT
// unless the words point to the content or the DATA phase.
const CONTENT_HINT = /(?:content|message body|data|spam|virus|attachment|filter)/;

function classifyReply(record: DeliveryRecord, remoteHosts: readonly string[], format: string, sender: string): Reason {
  if (record.reason && !REVISABLE.has(record.reason)) return record.reason;
  if (record.status.startsWith('2.')) return 'delivered';
  // The Status field's comment ("5.2.1 (mailbox disabled)") is evidence too, after the server's words.
  const text = normalizeDiagnostic(record.statusComment ? `${record.diagnostic} (${record.statusComment})` : record.diagnostic);
  const fromProvider = providerReason(record, text, remoteHosts, format);
  if (fromProvider) return fromProvider;
  if (aboutSender(record, sender)) return 'rejected';
  const zh = chineseReason(text);
  const byStatus = reasonOfStatus(record.status);
  // Chinese words decide over a generic or absent status (5.0.0, 5.7.1 "securityerror" is the status's guess).
  if (zh && (!byStatus || REVISABLE.has(byStatus) || byStatus === 'filtered')) return zh;
  if (format && !record.command && !record.diagnosticType && matchesReason('userunknown', text) && !CONTENT_HINT.test(text) && (!byStatus || byStatus === 'userunknown' || byStatus === 'filtered')) return 'userunknown';
  const f: Facts = { record, text, byStatus };
  let reason: Reason | '' = '';
  const type = record.diagnosticType.toUpperCase();
  if (type === 'SMTP' || type === '' || type === 'UNKNOWN') {
    for (const r of FIRST_PASS) {
      if (probe(r, f)) {
        reason = r;
        break;
      }
    }
  }
  if (reason) return reason;
  reason = secondPass(f);
  if (reason === 'undefined') reason = '';
  if (!reason && record.action === 'delayed') reason = 'expired';
  if (reason) return reason;
  if (matchesReason('vacation', text)) return 'vacation';
  return text ? 'onhold' : 'undefined';
}

/** Hard bounce: the address itself is bad, so retrying cannot help (Sisimai's rule). */
export function isHardBounce(reason: Reason, status: string, replyCode: string): boolean {
  if (reason === 'userunknown' || reason === 'hostunknown' || reason === 'hasmoved') return true;
  if (reason !== 'notaccept') return false;
  const code = status || replyCode;
  return code.startsWith('5');
}
