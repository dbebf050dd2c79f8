// Decides the reason for one recipient: the format's own verdict, then the provider's table, then the
// status code and phrase tables in the explicit order of reasons/precedence.ts.
import type { DeliveryRecord, Reason } from './types.js';
import { matchesReason } from './reasons/phrases.js';
import { reasonOfStatus } from './reasons/status-codes.js';
import { BEFORE_DATA, FIRST_PASS, REVISABLE, SECOND_PASS } from './reasons/precedence.js';
import { providerReason } from './reasons/providers.js';

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
    if (record.command === 'EHLO' || record.command === 'HELO') return 'blocked';
  }
  return byStatus;
}

export function normalizeDiagnostic(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The reason for one recipient. `remoteHosts` are names that identify the receiving provider. */
export function classify(record: DeliveryRecord, remoteHosts: readonly string[] = []): Reason {
  if (record.reason && !REVISABLE.has(record.reason)) return record.reason;
  if (record.status.startsWith('2.')) return 'delivered';
  const text = normalizeDiagnostic(record.diagnostic);
  const fromProvider = providerReason(record, text, remoteHosts);
  if (fromProvider) return fromProvider;
  const f: Facts = { record, text, byStatus: reasonOfStatus(record.status) };
  let reason: Reason | '' = '';
  const type = record.diagnosticType.toUpperCase();
  if (type === 'SMTP' || type === '') {
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
