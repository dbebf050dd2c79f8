import { finding, type Check, type CheckResult, type CheckStatus, type FoundItem } from '../core/check.js';
import type { Data, Finding, Severity } from '../core/finding.js';

import type { DomainFacts } from '../gather/domain.js';
import type { LookupFact } from '../gather/lookup.js';

export type { CheckResult, CheckStatus, FoundItem };
export { finding };
export type DomainCheck = Check<DomainFacts>;

/**
 * A lookup that failed: "could not check", never "missing". `what` is the catalogue id of what could
 * not be checked (`lookup.what.<id>`), with its data.
 */
export function lookupFailedFinding(check: string, lookup: LookupFact, what: string, whatData: Data = {}): Finding {
  return finding(check, 'dns.lookup-failed', 'warning', {
    kind: 'lookup', name: lookup.name, type: lookup.type, outcome: lookup.outcome, error: lookup.error ?? null, what, whatData,
    cause: lookup.cause ?? lookup.outcome, server: lookup.server ?? null,
  }, {});
}

/** A "could not check" finding of another shape (`kind` picks the catalogue's words). */
export function couldNotCheck(check: string, kind: string, data: Data): Finding {
  return finding(check, 'dns.lookup-failed', 'warning', { kind, ...data }, {});
}

/** `name. TYPE value` as found in DNS. */
export function recordItem(name: string, type: string, value: string): FoundItem {
  return { id: 'record', data: { name, type, value } };
}

export function item(id: string, data: Data = {}): FoundItem {
  return { id, data };
}

export function spec(id: string, severity: Severity | Severity[]) {
  return { id, severity };
}
