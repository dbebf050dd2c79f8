import type { Resolver, Transport } from '../dns/types.js';
import { lookupFact, type LookupFact } from './lookup.js';

// DNSSEC as the configured resolver sees it. mailcheck does not validate signatures itself (a
// partial validator would be worse than none): it asks with DO and reads AD, the validating
// resolver's word (RFC 4035 §3.2.3, RFC 6840 §5.8), and says which resolver gave it.
//  - The root zone is always signed, so AD on `. SOA` shows the resolver validates at all; without
//    it, an unsigned answer for the domain means "unknown", not "unsigned".
//  - A SERVFAIL for the domain is asked again with CD (checking disabled): an answer then means the
//    resolver refused it because validation failed, i.e. the chain is bogus (RFC 4035 §3.2.2).
// DS and DNSKEY records are not asked: the resolver models neither type, and AD already says more.

export interface DnssecLookup extends LookupFact {
  ad: boolean;
}

export interface DnssecFact {
  /** Who answered (the report says who vouched): `192.0.2.53:53`, a DoH URL; null when unknown. */
  resolver: string | null;
  /** How the domain's answer arrived: `zone` (zone files) can vouch for nothing. */
  transport: Transport;
  /** `. SOA` with DO. */
  root: DnssecLookup;
  /** `<domain> MX` with DO. */
  domain: DnssecLookup;
  /** `<domain> MX` with DO and CD, asked when the domain's lookup got SERVFAIL. */
  checkingDisabled?: DnssecLookup;
}

async function ask(resolver: Resolver, name: string, type: 'SOA' | 'MX', checkingDisabled = false): Promise<{ fact: DnssecLookup; transport: Transport }> {
  const result = await resolver.query(name, type, { dnssec: true, ...(checkingDisabled ? { checkingDisabled: true } : {}) });
  return { fact: { ...lookupFact(result), ad: result.ad }, transport: result.transport };
}

export async function gatherDnssec(domain: string, resolver: Resolver, resolverName?: string): Promise<DnssecFact> {
  const [root, own] = await Promise.all([ask(resolver, '.', 'SOA'), ask(resolver, domain, 'MX')]);
  const fact: DnssecFact = { resolver: resolverName ?? null, transport: own.transport, root: root.fact, domain: own.fact };
  if (own.fact.outcome === 'servfail') fact.checkingDisabled = (await ask(resolver, domain, 'MX', true)).fact;
  return fact;
}
