import type { LookupResult, QueryType, Resolver } from '../dns/types.js';
import { failureCause, type FailureCause } from './lookup.js';

/** What became of every lookup of one domain's report: how many got an answer from the DNS, and why the others failed. */
export interface DnsHealth {
  /** Lookups that settled. */
  lookups: number;
  /** Lookups the DNS answered (records, NXDOMAIN or NODATA). */
  answered: number;
  /** Failed lookups by cause and server, most frequent first. */
  failures: { cause: FailureCause; server: string | null; count: number }[];
}

/** A resolver that counts what became of each lookup made through it. */
export function observe(resolver: Resolver): { resolver: Resolver; health(): DnsHealth } {
  let lookups = 0;
  let answered = 0;
  const failures = new Map<string, { cause: FailureCause; server: string | null; count: number }>();
  const note = (result: LookupResult) => {
    lookups++;
    const cause = failureCause(result);
    if (!cause) {
      answered++;
      return;
    }
    const server = result.reason?.server ?? null;
    const key = `${cause}|${server ?? ''}`;
    const entry = failures.get(key) ?? { cause, server, count: 0 };
    entry.count++;
    failures.set(key, entry);
  };
  const wrapped: Resolver = {
    query<T extends QueryType>(name: string, type: T, options?: Parameters<Resolver['query']>[2]): Promise<LookupResult<T>> {
      const pending = resolver.query(name, type, options);
      pending.then(note, () => undefined);
      return pending;
    },
  };
  if (resolver.covers) wrapped.covers = resolver.covers.bind(resolver);
  if (resolver.locate) wrapped.locate = resolver.locate.bind(resolver);
  return {
    resolver: wrapped,
    health: () => ({ lookups, answered, failures: [...failures.values()].sort((a, b) => b.count - a.count) }),
  };
}
