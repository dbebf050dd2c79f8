import type { LimitFunction } from 'p-limit';
import type { Resolver } from '../dns/types.js';
import type { DnsblList } from '../dnsbl/catalogue.js';
import { checkTarget, createDnsblLimit } from '../dnsbl/engine.js';
import type { ParsedIp } from '../net/ip.js';
import { isPublicUnicast } from '../net/ip.js';
import type { RdnsEntry } from './domain.js';
import { gatherRdns } from './rdns.js';
import type { RblFact } from './rbl.js';

/** What `mailcheck ip` checks about one address: the same facts the domain's rbl and rdns checks read. */
export interface IpFacts {
  ip: string;
  version: 4 | 6;
  /** The ipaddr.js range of a non-public address (public lists do not describe it), else null. */
  range: string | null;
  rdns: RdnsEntry[];
  rbl: RblFact;
}

export interface IpGatherOptions {
  lists: readonly DnsblList[];
  /** Lists the resolver (zone files) does not describe, left out and named. */
  notCovered: readonly DnsblList[];
  timeoutMs: number;
  limit?: LimitFunction;
  /** Resolver for the list queries (without retries: each list has one --timeout in all). */
  listResolver?: Resolver;
}

/** Blacklist lookups and reverse DNS of one address, concurrently. */
export async function gatherIp(ip: ParsedIp, resolver: Resolver, options: IpGatherOptions): Promise<IpFacts> {
  const limit = options.limit ?? createDnsblLimit();
  const [listings, rdns] = await Promise.all([
    checkTarget({ kind: 'ip', ip }, options.listResolver ?? resolver, { lists: options.lists, timeoutMs: options.timeoutMs, limit }),
    gatherRdns(ip.address, resolver),
  ]);
  return {
    ip: ip.address,
    version: ip.version,
    range: isPublicUnicast(ip) ? null : ip.range,
    rdns: [{ ...rdns, role: 'ip' }],
    rbl: {
      lists: options.lists.length,
      notCovered: options.notCovered.map((l) => l.zone),
      entries: [{ target: ip.address, kind: 'ip', sources: [{ role: 'ip' }], listings }],
      strict: true,
    },
  };
}
