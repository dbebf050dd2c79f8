import type { LookupResult, Outcome, QueryType } from '../dns/types.js';
import { isFailure } from '../dns/types.js';

/** One DNS question and what became of it, kept in facts so a check can tell "missing" from "could not check". */
export interface LookupFact {
  name: string;
  type: QueryType;
  outcome: Outcome;
  error?: string;
}

export function lookupFact(result: LookupResult): LookupFact {
  const fact: LookupFact = { name: result.name, type: result.type, outcome: result.outcome };
  if (result.error) fact.error = result.error;
  return fact;
}

export function lookupFailed(lookup: LookupFact): boolean {
  return isFailure({ outcome: lookup.outcome } as LookupResult);
}

/** TXT strings of an answer (already joined per record by the resolver). */
export function txtValues(result: LookupResult<'TXT'>): string[] {
  return result.answers.map((r) => r.data);
}
