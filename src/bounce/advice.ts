// What to do about each reason, as an advice id (words in src/messages: `advice`), with the facts the
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
