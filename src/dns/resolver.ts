import type { LookupResult, QueryOptions, QueryType, Resolver } from './types.js';
import { normalizeName } from './types.js';
import { LruCache } from './lru.js';

export interface ResolverStats {
  /** Queries passed to the source (after de-duplication and caching). */
  queries: number;
  /** Queries answered from the cache or joined to one already in flight. */
  shared: number;
  /** Answers forgotten to stay within maxEntries (a later question about one of them is asked again). */
  evictions: number;
  /** Answers held now. */
  entries: number;
}

export interface CachingResolver extends Resolver {
  stats(): ResolverStats;
}

export interface CachingResolverOptions {
  /** Most queries in flight at once towards the source. */
  concurrency?: number;
  /**
   * Most answers kept (least recently used forgotten first, dns/lru.ts), for runs over an unbounded
   * number of names (`domain --file` with thousands of domains). Undefined: every answer for the run.
   */
  maxEntries?: number;
}

/**
 * Wraps a source so that, within one run, an identical question is asked once: concurrent callers
 * share the in-flight promise and later callers get the settled result. Failures are cached too,
 * so one run never reports the same name as both failed and answered. A shared query runs with
 * the first caller's options (its `signal` included: use one signal per run).
 */
export function createCachingResolver(source: Resolver, options: CachingResolverOptions = {}): CachingResolver {
  const concurrency = options.concurrency ?? 256;
  const lru = options.maxEntries === undefined ? undefined : new LruCache<string, Promise<LookupResult>>(options.maxEntries);
  const cache: { get(key: string): Promise<LookupResult> | undefined; set(key: string, value: Promise<LookupResult>): void; delete(key: string): boolean; readonly size: number } = lru ?? new Map();
  const stats = { queries: 0, shared: 0 };
  // The concurrency bound, inline: a query starts at once when a slot is free (no extra promise
  // or microtask, unlike p-limit's three per call), else waits in a FIFO queue.
  let active = 0;
  const queue: (() => void)[] = [];
  let head = 0;
  const release = () => {
    if (head < queue.length) {
      const next = queue[head] as () => void;
      queue[head++] = undefined as unknown as () => void;
      if (head > 1024 && head * 2 > queue.length) {
        queue.splice(0, head);
        head = 0;
      }
      next();
    } else {
      active--;
    }
  };
  const run = <T extends QueryType>(name: string, type: T, queryOptions: QueryOptions): Promise<LookupResult<T>> => {
    let started: Promise<LookupResult<T>>;
    try {
      started = source.query(name, type, queryOptions);
    } catch (error) {
      release();
      return Promise.reject(error as Error);
    }
    started.then(release, release);
    return started;
  };

  return {
    query<T extends QueryType>(name: string, type: T, queryOptions: QueryOptions = {}): Promise<LookupResult<T>> {
      const normalized = normalizeName(name);
      const key = `${normalized}|${type}${queryOptions.dnssec ? '|do' : ''}${queryOptions.checkingDisabled ? '|cd' : ''}`;
      const existing = cache.get(key);
      if (existing) {
        stats.shared++;
        return existing as Promise<LookupResult<T>>;
      }
      stats.queries++;
      let pending: Promise<LookupResult<T>>;
      if (active < concurrency) {
        active++;
        pending = run(normalized, type, queryOptions);
      } else {
        // The slot passes straight from the query that ends to this one (active stays the same).
        pending = new Promise<LookupResult<T>>((resolve) => queue.push(() => resolve(run(normalized, type, queryOptions))));
      }
      cache.set(key, pending);
      // A source that rejects (a bug: sources return failures as values) is not kept.
      pending.catch(() => {
        if ((lru ? lru.peek(key) : cache.get(key)) === pending) cache.delete(key);
      });
      return pending;
    },
    stats: () => ({ ...stats, evictions: lru?.evictions ?? 0, entries: cache.size }),
    ...(source.covers ? { covers: source.covers } : {}),
    ...(source.locate ? { locate: source.locate } : {}),
  };
}

export const DEFAULT_LRU_ENTRIES = 10_000;
export const DEFAULT_LRU_CONCURRENCY = 256;

/**
 * The caching resolver with a bound (DEFAULT_LRU_ENTRIES answers unless told), for runs over an unbounded
 * number of names (`address`, `list`): within the cache's reach an identical question is asked once.
 */
export function createLruResolver(source: Resolver, options: CachingResolverOptions = {}): CachingResolver {
  return createCachingResolver(source, { maxEntries: options.maxEntries ?? DEFAULT_LRU_ENTRIES, concurrency: options.concurrency ?? DEFAULT_LRU_CONCURRENCY });
}
