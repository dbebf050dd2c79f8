import type { Resolver } from '../dns/types.js';
import { tlsaName } from '../parse/tlsa.js';
import { lookupFact, type LookupFact } from './lookup.js';
import type { MxFact } from './mx.js';

// TLSA records of each MX host for DANE (RFC 7672 §2.2): `_25._tcp.<mx host>`, asked with DO so a
// validating resolver says (AD) whether the answer is DNSSEC-signed and valid. One query per host,
// all at once, for at most MAX_DANE_HOSTS hosts.

/** MX hosts whose TLSA records, and STARTTLS, are looked at (internet.nl tests at most 10 too). */
export const MAX_TRANSPORT_HOSTS = 10;

export interface TlsaHostFact {
  host: string;
  /** `_25._tcp.<host>`. */
  name: string;
  lookup: LookupFact;
  /** AD of the answer: the configured resolver validated it. */
  ad: boolean;
  /** TLSA presentation texts (`3 1 1 <hex>`). */
  records: string[];
}

export interface TlsaFact {
  hosts: TlsaHostFact[];
  /** MX hosts over the cap, not looked up. */
  notChecked: string[];
}

/** The MX hosts the transport checks look at: names (not IP literals), by preference, capped. */
export function transportHosts(mx: MxFact): { hosts: string[]; notChecked: string[] } {
  const names = mx.hosts.filter((h) => !h.ipLiteral).map((h) => h.exchange);
  return { hosts: names.slice(0, MAX_TRANSPORT_HOSTS), notChecked: names.slice(MAX_TRANSPORT_HOSTS) };
}

export async function gatherTlsa(mx: MxFact, resolver: Resolver): Promise<TlsaFact> {
  const { hosts, notChecked } = transportHosts(mx);
  const facts = await Promise.all(
    hosts.map(async (host): Promise<TlsaHostFact> => {
      const name = tlsaName(host);
      const result = await resolver.query(name, 'TLSA', { dnssec: true });
      return { host, name, lookup: lookupFact(result), ad: result.ad, records: result.answers.map((r) => r.data) };
    }),
  );
  return { hosts: facts, notChecked };
}
