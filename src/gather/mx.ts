import type { MxData, Resolver } from '../dns/types.js';
import { normalizeName } from '../dns/types.js';
import { parseIp } from '../net/ip.js';
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
  ipv4: string[];
  ipv6: string[];
}

export interface MxFact {
  lookup: LookupFact;
  records: MxData[];
  /** Hosts of the non-null MX records, de-duplicated, by preference. */
  hosts: MxHostFact[];
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
  host.ipv4 = a.answers.map((r) => r.data);
  host.ipv6 = aaaa.answers.map((r) => r.data);
  return host;
}

/** MX and the domain's own A/AAAA at once, then A/AAAA of every MX host at once. */
export async function gatherMx(domain: string, resolver: Resolver): Promise<MxFact> {
  const [mx, a, aaaa] = await Promise.all([resolver.query(domain, 'MX'), resolver.query(domain, 'A'), resolver.query(domain, 'AAAA')]);
  const records = [...mx.answers.map((r) => r.data)].sort((x, y) => x.preference - y.preference);
  const seen = new Set<string>();
  const unique = records.filter((r) => r.exchange !== '' && !seen.has(r.exchange) && seen.add(r.exchange));
  const hosts = await Promise.all(unique.map((r) => gatherHost(r, resolver)));
  return {
    lookup: lookupFact(mx),
    records,
    hosts,
    fallback: { a: lookupFact(a), aaaa: lookupFact(aaaa), addresses: [...a.answers, ...aaaa.answers].map((r) => r.data) },
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
