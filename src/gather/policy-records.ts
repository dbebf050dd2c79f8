import type { Resolver } from '../dns/types.js';
import { lookupFact, txtValues, type LookupFact } from './lookup.js';

// The TXT records of the newer transport and brand standards, each one query at a fixed name.

export interface TxtAtName {
  lookup: LookupFact;
  /** TXT strings that carry this standard's version tag. */
  records: string[];
  /** Every TXT string at the name (the parsers tell a record from a lookalike senders discard). */
  all: string[];
}

export interface PolicyRecordsFact {
  /** `_mta-sts.<domain>` (RFC 8461 §3.1): `v=STSv1; id=...`. */
  mtaSts: TxtAtName;
  /** `_smtp._tls.<domain>` (RFC 8460 §3): `v=TLSRPTv1; rua=...`. */
  tlsRpt: TxtAtName;
  /** `default._bimi.<domain>` (BIMI draft): `v=BIMI1; l=...; a=...`. */
  bimi: TxtAtName;
}

async function txtWithVersion(name: string, version: RegExp, resolver: Resolver): Promise<TxtAtName> {
  const result = await resolver.query(name, 'TXT');
  const all = txtValues(result);
  return { lookup: lookupFact(result), records: all.filter((t) => version.test(t)), all };
}

export async function gatherPolicyRecords(domain: string, resolver: Resolver): Promise<PolicyRecordsFact> {
  const [mtaSts, tlsRpt, bimi] = await Promise.all([
    txtWithVersion(`_mta-sts.${domain}`, /^\s*v\s*=\s*STSv1\s*(;|$)/i, resolver),
    txtWithVersion(`_smtp._tls.${domain}`, /^\s*v\s*=\s*TLSRPTv1\s*(;|$)/i, resolver),
    txtWithVersion(`default._bimi.${domain}`, /^\s*v\s*=\s*BIMI1\s*(;|$)/i, resolver),
  ]);
  return { mtaSts, tlsRpt, bimi };
}
