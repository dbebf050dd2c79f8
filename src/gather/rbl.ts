import type { Resolver } from '../dns/types.js';
import type { DnsblList } from '../dnsbl/catalogue.js';
import { defaultLists } from '../dnsbl/catalogue.js';
import type { DnsblTarget, ListingResult } from '../dnsbl/engine.js';
import { checkTarget, createDnsblLimit, listsCoveredBy } from '../dnsbl/engine.js';
import { parseIp } from '../net/ip.js';
import type { RblCache } from './context.js';
import { LruCache } from '../dns/lru.js';

/** Listings kept run-wide by a bulk run (an address asked of about 50 lists is some 20 KiB: 10 MiB at most). */
export const RBL_CACHE_ENTRIES = 500;

/** Why an address or name is looked up: an MX host's address, an --ip sender, a sending IP of the domain's own SPF record, the domain itself. */
export interface RblSource {
  role: 'mx' | 'sender' | 'spf' | 'domain' | 'ip';
  /** The MX host, or the SPF term (`ip4:192.0.2.1`, `mx`, `a:mail.example.com`). */
  via?: string;
}

/** One address or domain and what every applicable list says about it. */
export interface RblEntry {
  /** Canonical IP text, or the domain. */
  target: string;
  kind: 'ip' | 'domain';
  sources: RblSource[];
  listings: ListingResult[];
}

export interface RblFact {
  /** Lists in the selection (each target is asked the ones serving its kind). */
  lists: number;
  /** Zones of lists left out because the resolver (zone files) does not describe them. */
  notCovered: string[];
  entries: RblEntry[];
  /** Any list that could not be checked makes the answer incomplete (`mailcheck ip`), not only a major one. */
  strict?: boolean;
  /** Addresses past the per-domain cap (GATHER_LIMITS.dnsblTargets): how many, and the first few. */
  notFollowed?: { count: number; targets: string[] };
}


export interface RblOptions {
  lists?: readonly DnsblList[];
  /** Budget per list (the global --timeout). */
  timeoutMs: number;
  /** The run's listings by target: a target another domain of the run asked about is not asked again. */
  cache?: RblCache;
}

/** A pending lookup: what to look up, why, and the listings once they arrive. */
export interface RblRequest {
  target: string;
  source: RblSource;
}

/**
 * Starts blacklist lookups for requests as they become known (the domain at once, MX and SPF
 * addresses when their lookups finish), so no list waits on an unrelated chain. The same target
 * asked twice is looked up once. `done()` merges everything by target.
 */
export function createRblGatherer(resolver: Resolver, options: RblOptions) {
  const { covered: lists, uncovered } = listsCoveredBy(options.lists ?? defaultLists(), resolver);
  const limit = createDnsblLimit();
  const pending = new Map<string, { kind: 'ip' | 'domain'; sources: RblSource[]; listings: Promise<ListingResult[]> }>();
  const { cache } = options;
  const lookUp = (key: string, target: DnsblTarget): Promise<ListingResult[]> => {
    // Addresses only: a run asks about each domain once (its input is de-duplicated), so caching
    // domain targets would only hold memory.
    const shared = target.kind === 'ip' ? cache : undefined;
    const known = shared?.get(key);
    if (known) return known;
    const listings = checkTarget(target, resolver, { lists, timeoutMs: options.timeoutMs, limit });
    if (shared) {
      const cache = shared;
      cache.set(key, listings);
      // A list that could not be checked (a timeout, a deadline) is asked again for the next domain.
      void listings.then((results) => {
        if (results.some((l) => l.status === 'error') && cache.peek(key) === listings) cache.delete(key);
      });
    }
    return listings;
  };
  const add = (requests: readonly RblRequest[]) => {
    for (const request of requests) {
      const ip = parseIp(request.target);
      const key = ip ? ip.address : request.target.toLowerCase();
      const existing = pending.get(key);
      if (existing) {
        if (!existing.sources.some((s) => s.role === request.source.role && s.via === request.source.via)) existing.sources.push(request.source);
        continue;
      }
      const target: DnsblTarget = ip ? { kind: 'ip', ip } : { kind: 'domain', domain: key };
      pending.set(key, { kind: target.kind, sources: [request.source], listings: lookUp(key, target) });
    }
  };
  /** Targets offered past their quota: not looked up, named in the fact. */
  const skipped = new Set<string>();
  return {
    add,
    /** Targets not looked up because of a cap (the caller slices; duplicates of looked-up targets are dropped). */
    skip(targets: readonly string[]) {
      for (const t of targets) skipped.add(parseIp(t)?.address ?? t.toLowerCase());
    },
    async done(): Promise<RblFact> {
      const entries = await Promise.all(
        [...pending.entries()].map(async ([target, p]) => ({ target, kind: p.kind, sources: p.sources, listings: await p.listings })),
      );
      const rest = [...skipped].filter((t) => !pending.has(t));
      const fact: RblFact = { lists: lists.length, notCovered: uncovered.map((l) => l.zone), entries };
      if (rest.length > 0) fact.notFollowed = { count: rest.length, targets: rest.slice(0, 5) };
      return fact;
    },
  };
}

/** The run-wide listings cache of a bulk run (RBL_CACHE_ENTRIES targets at most). */
export function createRblCache(maxEntries = RBL_CACHE_ENTRIES): RblCache {
  return new LruCache(maxEntries);
}
