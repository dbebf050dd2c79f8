// What to do about each reason, as an advice id (words in src/messages: `bounceAdvice`), with the facts the
// words need: the sending IP the receiver complained about and the sender's domain, for the exact
// mailcheck commands to run next.
import type { Reason } from './types.js';

export interface AdviceContext {
  /** Sending IP the receiver complained about, when the bounce names one. */
  sendingIp: string;
  /** Domain of the original sender. */
  senderDomain: string;
}

/** The advice id of each reason (several reasons share one). */
export const ADVICE_OF: Readonly<Record<Reason, string>> = {
  userunknown: 'userunknown',
  hostunknown: 'hostunknown',
  hasmoved: 'hasmoved',
  notaccept: 'notaccept',
  mailboxfull: 'mailboxfull',
  suspend: 'suspend',
  mesgtoobig: 'size',
  exceedlimit: 'size',
  blocked: 'blocked',
  badreputation: 'badreputation',
  spamdetected: 'spamdetected',
  authfailure: 'authfailure',
  requireptr: 'requireptr',
  rejected: 'rejected',
  filtered: 'filtered',
  policyviolation: 'policyviolation',
  norelaying: 'norelaying',
  securityerror: 'securityerror',
  expired: 'expired',
  networkerror: 'networkerror',
  systemerror: 'remote-error',
  systemfull: 'remote-error',
  mailererror: 'remote-error',
  toomanyconn: 'rate',
  speeding: 'rate',
  notcompliantrfc: 'format',
  contenterror: 'format',
  syntaxerror: 'format',
  virusdetected: 'virusdetected',
  failedstarttls: 'failedstarttls',
  suppressed: 'suppressed',
  feedback: 'feedback',
  vacation: 'vacation',
  delivered: 'delivered',
  onhold: 'unknown',
  undefined: 'unknown',
};

export function adviceFor(reason: Reason): string {
  return ADVICE_OF[reason];
}
