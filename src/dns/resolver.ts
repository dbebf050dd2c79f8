import pLimit from 'p-limit';
import type { LookupResult, QueryOptions, QueryType, Resolver } from './types.js';
import { normalizeName } from './types.js';

export interface ResolverStats {
  /** Queries passed to the source (after de-duplication and caching). */
  queries: number;
  /** Queries answered from the cache or joined to one already in flight. */
  shared: number;
}

export interface CachingResolver extends Resolver {
  stats(): ResolverStats;
}

export interface CachingResolverOptions {
  /** Most queries in flight at once towards the source. */
  concurrency?: number;
}

/**
 * Wraps a source so that, within one run, an identical question is asked once: concurrent callers
 * share the in-flight promise and later callers get the settled result. Failures are cached too,
 * so one run never reports the same name as both failed and answered.
 */
export function createCachingResolver(source: Resolver, options: CachingResolverOptions = {}): CachingResolver {
  const limit = pLimit(options.concurrency ?? 256);
  const cache = new Map<string, Promise<LookupResult>>();
  const stats: ResolverStats = { queries: 0, shared: 0 };

  return {
    query<T extends QueryType>(name: string, type: T, queryOptions: QueryOptions = {}): Promise<LookupResult<T>> {
      const normalized = normalizeName(name);
      const key = `${normalized}|${type}|${queryOptions.dnssec ? 'do' : ''}`;
      const existing = cache.get(key);
      if (existing) {
        stats.shared++;
        return existing as Promise<LookupResult<T>>;
      }
      stats.queries++;
      const pending = limit(() => source.query(normalized, type, queryOptions));
      cache.set(key, pending);
      return pending;
    },
    stats: () => ({ ...stats }),
    ...(source.covers ? { covers: source.covers } : {}),
  };
}
