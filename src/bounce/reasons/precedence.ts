// The order in which reasons are tried. Earlier wins. Kept apart from the tables so precedence is one
// readable list (the same two passes Sisimai uses, so results compare).
import type { Reason } from '../types.js';

/** First pass: reasons decided by the status code or by phrases, for SMTP diagnostics. */
export const FIRST_PASS: readonly Reason[] = [
  'mailboxfull', 'mesgtoobig', 'exceedlimit', 'suspend', 'hasmoved', 'norelaying', 'authfailure', 'userunknown',
  'filtered', 'requireptr', 'notcompliantrfc', 'badreputation', 'contenterror', 'rejected', 'hostunknown',
  'spamdetected', 'speeding', 'toomanyconn', 'blocked',
];

/** Second pass: phrase tables only, when the first pass found nothing specific. */
export const SECOND_PASS: readonly Reason[] = [
  'mailboxfull', 'authfailure', 'badreputation', 'speeding', 'spamdetected', 'virusdetected', 'policyviolation',
  'norelaying', 'systemerror', 'networkerror', 'suspend', 'contenterror', 'systemfull', 'notaccept', 'expired',
  'failedstarttls', 'securityerror', 'suppressed', 'mailererror',
];

/** Reasons a format may set that are still worth a second look at the server's words. */
export const REVISABLE = new Set<Reason>(['undefined', 'onhold', 'systemerror', 'securityerror', 'expired', 'networkerror', 'hostunknown', 'userunknown']);

/** Commands sent before DATA: content-based reasons cannot apply to a rejection there. */
export const BEFORE_DATA = new Set(['CONN', 'EHLO', 'HELO', 'STARTTLS', 'AUTH', 'MAIL', 'RCPT']);
