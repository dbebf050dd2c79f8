import type { MxData, Resolver } from '../dns/types.js';
import { normalizeName } from '../dns/types.js';
import { parseIp } from '../net/ip.js';
import { GATHER_LIMITS } from './limits.js';
import { lookupFact, type LookupFact } from './lookup.js';

export interface MxHostFact {
  exchange: string;
  preference: number;
  /** The exchange is an address (`192.0.2.1` or `[192.0.2.1]`), not a host name. */
  ipLiteral: boolean;
  /** The CNAME target when the exchange is an alias (RFC 2181 §10.3 forbids it). */
  cname?: string;
  a?: LookupFact;
  aaaa?: LookupFact;
  /** At most GATHER_LIMITS.addressesPerHost of each family, in answer order. */
  ipv4: string[];
  ipv6: string[];
  /** Addresses of each family past the cap: counted, not used. */
  moreIpv4?: number;
  moreIpv6?: number;
}

export interface MxFact {
  lookup: LookupFact;
  records: MxData[];
  /** Hosts of the non-null MX records, de-duplicated, by preference: the first GATHER_LIMITS.mxHosts of them. */
  hosts: MxHostFact[];
  /** Hosts past that cap, not looked up: how many, and the first few names. */
  notFollowed?: { count: number; names: string[] };
  /** A/AAAA of the domain itself: where mail goes when there is no MX (RFC 5321 §5.1). */
  fallback: { a: LookupFact; aaaa: LookupFact; addresses: string[] };
}

async function gatherHost(record: MxData, resolver: Resolver): Promise<MxHostFact> {
  const literal = parseIp(record.exchange.replace(/^\[|\]$/g, ''));
  const base = { exchange: record.exchange, preference: record.preference, ipv4: [] as string[], ipv6: [] as string[] };
  if (literal) return { ...base, ipLiteral: true };
  const [a, aaaa] = await Promise.all([resolver.query(record.exchange, 'A'), resolver.query(record.exchange, 'AAAA')]);
  const host: MxHostFact = { ...base, ipLiteral: false, a: lookupFact(a), aaaa: lookupFact(aaaa) };
  const alias = a.cnames[0] ?? aaaa.cnames[0];
  if (alias) host.cname = normalizeName(alias.data);
  const cap = GATHER_LIMITS.addressesPerHost;
  host.ipv4 = a.answers.slice(0, cap).map((r) => r.data);
  host.ipv6 = aaaa.answers.slice(0, cap).map((r) => r.data);
  if (a.answers.length > cap) host.moreIpv4 = a.answers.length - cap;
  if (aaaa.answers.length > cap) host.moreIpv6 = aaaa.answers.length - cap;
  return host;
}

/** Names of hosts not followed kept in the facts (the count is exact). */
const NOT_FOLLOWED_NAMES = 5;

/** MX and the domain's own A/AAAA at once, then A/AAAA of the first GATHER_LIMITS.mxHosts MX hosts at once. */
export async function gatherMx(domain: string, resolver: Resolver): Promise<MxFact> {
  const [mx, a, aaaa] = await Promise.all([resolver.query(domain, 'MX'), resolver.query(domain, 'A'), resolver.query(domain, 'AAAA')]);
  const records = [...mx.answers.map((r) => r.data)].sort((x, y) => x.preference - y.preference);
  const seen = new Set<string>();
  const unique = records.filter((r) => r.exchange !== '' && !seen.has(r.exchange) && seen.add(r.exchange));
  const followed = unique.slice(0, GATHER_LIMITS.mxHosts);
  const rest = unique.slice(GATHER_LIMITS.mxHosts);
  const hosts = await Promise.all(followed.map((r) => gatherHost(r, resolver)));
  return {
    lookup: lookupFact(mx),
    records,
    hosts,
    notFollowed: { count: rest.length, names: rest.slice(0, NOT_FOLLOWED_NAMES).map((r) => r.exchange) },
    fallback: { a: lookupFact(a), aaaa: lookupFact(aaaa), addresses: [...a.answers.slice(0, GATHER_LIMITS.addressesPerHost), ...aaaa.answers.slice(0, GATHER_LIMITS.addressesPerHost)].map((r) => r.data) },
  };
}

/** Every address of every MX host, once each. */
export function mxAddresses(mx: MxFact): { ip: string; host: string }[] {
  const seen = new Set<string>();
  const out: { ip: string; host: string }[] = [];
  for (const host of mx.hosts) {
    const addresses = host.ipLiteral ? [host.exchange.replace(/^\[|\]$/g, '')] : [...host.ipv4, ...host.ipv6];
    for (const ip of addresses) {
      const canonical = parseIp(ip)?.address;
      if (canonical && !seen.has(canonical)) {
        seen.add(canonical);
        out.push({ ip: canonical, host: host.exchange });
      }
    }
  }
  return out;
}
