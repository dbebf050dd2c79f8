import { getDomain } from 'tldts';
import type { Resolver } from '../dns/types.js';
import { looksLikeDmarc, parseDmarc, parseReportUri, startsWithDmarcVersion } from '../parse/dmarc.js';
import { GATHER_LIMITS } from './limits.js';
import { lookupFact, lookupFailed, txtValues, type LookupFact } from './lookup.js';

export interface DmarcLookup {
  /** The domain whose `_dmarc` name was asked. */
  domain: string;
  lookup: LookupFact;
  /** TXT strings that are meant as DMARC records (v=DMARC1 somewhere in them). */
  records: string[];
}

export interface ReportAuthorization {
  /** Report destination domain (of a rua/ruf mailto: address). */
  destination: string;
  /** `<policy domain>._report._dmarc.<destination>` (RFC 7489 §7.1). */
  name: string;
  lookup: LookupFact;
  /** True when a `v=DMARC1` record is published there; undefined when the lookup failed. */
  authorized: boolean | undefined;
}

export interface DmarcFact {
  domain: string;
  /** Organizational domain from the Public Suffix List (RFC 7489 §3.2). */
  orgDomain: string;
  /** `_dmarc.<domain>`, and `_dmarc.<orgDomain>` when that differs; both asked at once. */
  lookups: DmarcLookup[];
  /** Authorization records for report destinations outside the policy domain's organization (the first GATHER_LIMITS.dmarcDestinations). */
  authorizations: ReportAuthorization[];
  /** Destinations past that cap, not looked up. */
  authorizationsNotFollowed?: number;
}

/** Organizational domain, ICANN section of the PSL (as OpenDMARC and checkdmarc resolve it). */
export function organizationalDomain(domain: string): string {
  return getDomain(domain, { allowPrivateDomains: false }) ?? domain;
}

/** The record that applies: the domain's own, else the organizational domain's (RFC 7489 §6.6.3). */
export function selectDmarc(fact: DmarcFact): DmarcLookup | undefined {
  const own = fact.lookups[0];
  if (!own) return undefined;
  if (own.records.length > 0 || lookupFailed(own.lookup)) return own;
  return fact.lookups[1] ?? own;
}

export async function gatherDmarc(domain: string, resolver: Resolver): Promise<DmarcFact> {
  const orgDomain = organizationalDomain(domain);
  const names = orgDomain === domain ? [domain] : [domain, orgDomain];
  const lookups = await Promise.all(
    names.map(async (name): Promise<DmarcLookup> => {
      const result = await resolver.query(`_dmarc.${name}`, 'TXT');
      return { domain: name, lookup: lookupFact(result), records: txtValues(result).filter(looksLikeDmarc) };
    }),
  );
  const fact: DmarcFact = { domain, orgDomain, lookups, authorizations: [] };
  const applied = selectDmarc(fact);
  const record = applied?.records.find(startsWithDmarcVersion);
  if (!applied || !record) return fact;

  const policyOrg = organizationalDomain(applied.domain);
  const { record: parsed } = parseDmarc(record);
  const destinations = new Set<string>();
  for (const uri of [...parsed.rua, ...parsed.ruf]) {
    const target = parseReportUri(uri).domain;
    if (target && organizationalDomain(target) !== policyOrg) destinations.add(target);
  }
  const asked = [...destinations].slice(0, GATHER_LIMITS.dmarcDestinations);
  if (destinations.size > asked.length) fact.authorizationsNotFollowed = destinations.size - asked.length;
  fact.authorizations = await Promise.all(
    asked.map(async (destination): Promise<ReportAuthorization> => {
      const name = `${applied.domain}._report._dmarc.${destination}`;
      const result = await resolver.query(name, 'TXT');
      const lookup = lookupFact(result);
      const authorized = lookupFailed(lookup) ? undefined : txtValues(result).some(startsWithDmarcVersion);
      return { destination, name, lookup, authorized };
    }),
  );
  return fact;
}
