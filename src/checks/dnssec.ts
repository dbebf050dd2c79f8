import type { DnssecFact } from '../gather/dnssec.js';
import { lookupFailed } from '../gather/lookup.js';
import type { Finding } from '../core/finding.js';
import { finding, item, lookupFailedFinding, spec, type CheckStatus, type DomainCheck, type FoundItem } from './common.js';

const CHECK = 'dnssec';

export type DnssecState = 'secure' | 'insecure' | 'bogus' | 'unknown';

/**
 * The domain's DNSSEC state from the configured resolver's AD bit (gather/dnssec.ts): `secure` (AD
 * set), `insecure` (a validating resolver, no AD: unsigned), `bogus` (SERVFAIL that CD turns into an
 * answer), `unknown` (the resolver does not validate, or zone files, or a lookup failed).
 */
export function dnssecState(fact: DnssecFact): { state: DnssecState; why?: 'zone' | 'not-validating' | 'lookup-failed' } {
  if (fact.transport === 'zone') return { state: 'unknown', why: 'zone' };
  const own = fact.domain;
  if (own.outcome === 'servfail') {
    const cd = fact.checkingDisabled;
    return cd && !lookupFailed(cd) ? { state: 'bogus' } : { state: 'unknown', why: 'lookup-failed' };
  }
  if (lookupFailed(own)) return { state: 'unknown', why: 'lookup-failed' };
  if (own.ad) return { state: 'secure' };
  if (lookupFailed(fact.root)) return { state: 'unknown', why: 'lookup-failed' };
  return fact.root.ad ? { state: 'insecure' } : { state: 'unknown', why: 'not-validating' };
}

/**
 * DNSSEC of the domain as a validating resolver vouches for it (AD), never a home-made validator.
 * Unsigned is a note (most mail domains are); a bogus chain is an error: validating resolvers,
 * the big mailbox providers' among them, then refuse every answer of the domain, so mail fails.
 */
export const dnssecCheck: DomainCheck = {
  id: CHECK,
  docs: '#what-is-checked',
  requires: ['dnssec'],
  findings: [spec('dnssec.unsigned', 'info'), spec('dnssec.bogus', 'error'), spec('dns.lookup-failed', 'warning')],
  run({ domain, dnssec }) {
    const findings: Finding[] = [];
    const found: FoundItem[] = [];
    let status: CheckStatus = 'complete';
    const { state, why } = dnssecState(dnssec);
    const resolver = dnssec.resolver;
    const data = { state, resolver, validating: dnssec.transport === 'zone' || lookupFailed(dnssec.root) ? null : dnssec.root.ad, ad: dnssec.domain.ad, reason: why ?? null };
    switch (state) {
      case 'secure':
        found.push(item('dnssec.secure', { domain, resolver }));
        break;
      case 'insecure':
        found.push(item('dnssec.insecure', { domain, resolver }));
        findings.push(finding(CHECK, 'dnssec.unsigned', 'info', { domain, resolver }, {}));
        break;
      case 'bogus':
        found.push(item('dnssec.bogus', { domain, resolver }));
        findings.push(finding(CHECK, 'dnssec.bogus', 'error', { domain, resolver, name: dnssec.domain.name, type: dnssec.domain.type }, {}));
        break;
      case 'unknown':
        if (why === 'lookup-failed') {
          status = 'failed';
          const failed = [dnssec.domain, dnssec.checkingDisabled, dnssec.root].find((l) => l && lookupFailed(l)) ?? dnssec.domain;
          findings.push(lookupFailedFinding(CHECK, failed, 'dnssec'));
        } else {
          // Nothing this run can ask: the resolver (or the zone files) cannot vouch either way.
          status = 'skipped';
          found.push(item(why === 'zone' ? 'dnssec.zone' : 'dnssec.not-validating', { domain, resolver }));
        }
        break;
    }
    return { status, findings, found, data };
  },
};
