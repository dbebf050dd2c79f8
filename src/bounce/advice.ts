// What to do about each reason, as an advice id (words in src/messages: `advice`), with the facts the
// words need: the sending IP the receiver complained about and the sender's domain, for the exact
// mailcheck commands to run next.
import type { Reason } from './types.js';
import type { RefusedBy, Verdict } from './verdict.js';

export interface AdviceContext {
  /** Sending IP the receiver complained about, when the bounce names one. */
  sendingIp: string;
  /** Domain of the original sender. */
  senderDomain: string;
}

/** The advice id of each reason (several reasons share one). */
export const ADVICE_OF: Readonly<Record<Reason, string>> = {
  userunknown: 'bounce.userunknown',
  hostunknown: 'bounce.hostunknown',
  hasmoved: 'bounce.hasmoved',
  notaccept: 'bounce.notaccept',
  mailboxfull: 'bounce.mailboxfull',
  suspend: 'bounce.suspend',
  mesgtoobig: 'bounce.size',
  exceedlimit: 'bounce.size',
  blocked: 'bounce.blocked',
  badreputation: 'bounce.badreputation',
  spamdetected: 'bounce.spamdetected',
  authfailure: 'bounce.authfailure',
  requireptr: 'bounce.requireptr',
  rejected: 'bounce.rejected',
  filtered: 'bounce.filtered',
  policyviolation: 'bounce.policyviolation',
  norelaying: 'bounce.norelaying',
  securityerror: 'bounce.securityerror',
  expired: 'bounce.expired',
  networkerror: 'bounce.networkerror',
  systemerror: 'bounce.remote-error',
  systemfull: 'bounce.remote-error',
  mailererror: 'bounce.remote-error',
  toomanyconn: 'bounce.rate',
  speeding: 'bounce.rate',
  notcompliantrfc: 'bounce.format',
  contenterror: 'bounce.format',
  syntaxerror: 'bounce.format',
  virusdetected: 'bounce.virusdetected',
  failedstarttls: 'bounce.failedstarttls',
  suppressed: 'bounce.suppressed',
  feedback: 'bounce.feedback',
  vacation: 'bounce.vacation',
  delivered: 'bounce.delivered',
  onhold: 'bounce.unknown',
  undefined: 'bounce.unknown',
};

export function adviceFor(reason: Reason): string {
  return ADVICE_OF[reason];
}

/** Reasons that are about what the message says or carries (content filters, policy, size). */
const CONTENT = new Set<Reason>(['spamdetected', 'filtered', 'contenterror', 'policyviolation', 'virusdetected', 'mesgtoobig', 'notcompliantrfc']);
/** Reasons that are about how much or how fast (rate, daily caps, quotas). */
const VOLUME = new Set<Reason>(['toomanyconn', 'speeding', 'exceedlimit']);

export interface AdviceInput {
  reason: Reason;
  refusedBy: RefusedBy;
  verdict: Verdict;
}

/**
 * The advice id of one recipient: a delay needs nothing yet; a refusal by the sender's own provider (its
 * outbound filter or sending quota, about its own outgoing mail) is the sender's to fix with their mail
 * administrator, not the recipient's; otherwise the reason decides.
 */
export function adviceOf(r: AdviceInput): string {
  if (r.verdict === 'delayed') return 'bounce.delayed';
  if (r.refusedBy === 'own' && r.verdict !== 'none') {
    if (CONTENT.has(r.reason)) return 'bounce.own-content';
    if (VOLUME.has(r.reason)) return 'bounce.own-quota';
    return 'bounce.own-refused';
  }
  return adviceFor(r.reason);
}

/** What a group of failures asks the sender to fix (`--summary`'s "fix first"), or null when it is not a fix. */
export type FixTopic = 'own' | 'content' | 'auth' | 'ip' | 'volume' | 'hostunknown';

const AUTH = new Set<Reason>(['authfailure', 'securityerror', 'rejected', 'norelaying', 'failedstarttls']);
const IP = new Set<Reason>(['blocked', 'badreputation', 'requireptr']);

export function fixTopicOf(r: AdviceInput): FixTopic | null {
  if (r.verdict === 'none' || r.verdict === 'delayed') return null;
  if (r.refusedBy === 'own') return 'own';
  if (CONTENT.has(r.reason)) return 'content';
  if (AUTH.has(r.reason)) return 'auth';
  if (IP.has(r.reason)) return 'ip';
  if (VOLUME.has(r.reason)) return 'volume';
  if (r.reason === 'hostunknown') return 'hostunknown';
  return null;
}
