import type { LookupResult, Outcome, QueryType } from '../dns/types.js';
import { isFailure } from '../dns/types.js';

/**
 * Why a lookup failed, as the advice needs it: `timeout` (no answer in time), `deadline` (stopped by
 * --deadline), `servfail`, `refused` (by a server), `zone` (refused because the --zone files do not
 * describe the name), `network` (a socket or connection error), `malformed` (answers that do not
 * decode or contradict themselves), `doh` (an HTTP-level failure of --doh), `error` (anything else).
 */
export type FailureCause = 'timeout' | 'deadline' | 'servfail' | 'refused' | 'zone' | 'network' | 'malformed' | 'doh' | 'error';

/** The cause of a failed lookup from its outcome, transport and reason code; undefined when it did not fail. */
export function failureCause(result: Pick<LookupResult, 'outcome' | 'transport' | 'reason'>): FailureCause | undefined {
  if (!isFailure(result as LookupResult)) return undefined;
  const code = result.reason?.code;
  if (code === 'dns.aborted') return 'deadline';
  if (result.outcome === 'refused') return result.transport === 'zone' ? 'zone' : 'refused';
  if (result.outcome === 'servfail') return 'servfail';
  if (code === 'dns.network' || code === 'dns.tcp-closed' || code === 'doh.network') return 'network';
  if (code === 'dns.malformed' || code === 'dns.mismatch' || code === 'dns.cname-loop') return 'malformed';
  if (code === 'doh.http-status' || code === 'doh.redirect' || code === 'doh.content-type' || code === 'doh.too-large') return 'doh';
  if (result.outcome === 'timeout') return 'timeout';
  return 'error';
}

/** One DNS question and what became of it, kept in facts so a check can tell "missing" from "could not check". */
export interface LookupFact {
  name: string;
  type: QueryType;
  outcome: Outcome;
  error?: string;
  /** For a failed lookup: why (the advice depends on it), and the server asked when known. */
  cause?: FailureCause;
  server?: string;
}

export function lookupFact(result: LookupResult): LookupFact {
  const fact: LookupFact = { name: result.name, type: result.type, outcome: result.outcome };
  if (result.error) fact.error = result.error;
  const cause = failureCause(result);
  if (cause) fact.cause = cause;
  if (cause && result.reason?.server) fact.server = result.reason.server;
  return fact;
}

export function lookupFailed(lookup: Pick<LookupFact, 'outcome'>): boolean {
  return isFailure({ outcome: lookup.outcome } as LookupResult);
}

/** TXT strings of an answer (already joined per record by the resolver). */
export function txtValues(result: LookupResult<'TXT'>): string[] {
  return result.answers.map((r) => r.data);
}
