// What a person should do about one bounced recipient, as one of five verdicts. `hard` (the address is
// bad) stays as Sisimai defines it; the verdict adds what `hard` alone cannot say: a refusal that content
// or setup can fix, a delay that needs nothing yet, and a result that needs a person's look.
import type { Reason } from './types.js';

/**
 * - `hard`: the address is bad: stop mailing it.
 * - `retry`: a temporary failure on the recipient's side (mailbox full, rate limit): retry later.
 * - `refused`: the mail was refused for what it is or who sent it (spam, policy, authentication,
 *   blacklist, our own provider's outbound filter): change the content or setup, or contact them.
 * - `delayed`: still being retried by the sending server: nothing to do yet.
 * - `unknown`: the reason is unknown (onhold, undefined, or a 5xx nobody can read): needs a look.
 * - `none`: not a failure (delivered, auto-reply, complaint report).
 */
export type Verdict = 'hard' | 'retry' | 'refused' | 'delayed' | 'unknown' | 'none';

export const VERDICTS: readonly Verdict[] = ['hard', 'retry', 'refused', 'delayed', 'unknown', 'none'];

/** Who refused the message: the recipient's server, or the sender's own provider on the way out. */
export type RefusedBy = 'recipient' | 'own';

const NOT_A_FAILURE = new Set<Reason>(['delivered', 'vacation', 'feedback']);
const UNKNOWN = new Set<Reason>(['onhold', 'undefined']);
/** Reasons that go away by themselves: the recipient's side is full, busy or rate-limiting. */
const TRANSIENT = new Set<Reason>(['mailboxfull', 'toomanyconn', 'speeding', 'systemfull', 'systemerror', 'networkerror', 'expired', 'suspend', 'mailererror']);

export interface VerdictInput {
  reason: Reason;
  hard: boolean;
  action: string;
  status: string;
  replyCode: string;
}

/** The verdict of one recipient. */
export function verdictOf(r: VerdictInput): Verdict {
  if (NOT_A_FAILURE.has(r.reason)) return 'none';
  if (r.hard) return 'hard';
  if (r.action === 'delayed') return 'delayed';
  if (UNKNOWN.has(r.reason)) return 'unknown';
  if (TRANSIENT.has(r.reason)) return 'retry';
  return 'refused';
}

/** True when the server said the failure is permanent (5xx / 5.x.x), apart from whether the address is bad. */
export function isPermanent(r: Pick<VerdictInput, 'status' | 'replyCode'>): boolean {
  const code = r.replyCode || r.status;
  return code.startsWith('5');
}
