import type { LookupResult, QueryOptions, QueryType, Resolver } from './types.js';
import { normalizeName } from './types.js';

// A bounded cache for runs that ask about an unbounded number of names (`mailcheck list` over a contact
// list of any length): the run-wide cache of dns/resolver.ts keeps every answer for the run, this one
// keeps the most recently used `maxEntries` and forgets the rest. Concurrent callers of one question
// share its promise; a settled answer (failures included) is kept until it is the least recently used.

/** A Map with a size bound: `get` marks an entry as recently used; `set` past the bound drops the least recently used. */
export class LruCache<K, V> {
  readonly #map = new Map<K, V>();
  readonly #max: number;
  /** Entries dropped to stay within the bound. */
  evictions = 0;

  constructor(maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a whole number >= 1, not ${maxEntries}`);
    this.#max = maxEntries;
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    const value = this.#map.get(key);
    if (value === undefined) return undefined;
    // Map keeps insertion order: re-inserting moves the entry to the young end.
    this.#map.delete(key);
    this.#map.set(key, value);
    return value;
  }

  /** The value without marking it as used. */
  peek(key: K): V | undefined {
    return this.#map.get(key);
  }

  set(key: K, value: V): void {
    if (this.#map.has(key)) this.#map.delete(key);
    this.#map.set(key, value);
    while (this.#map.size > this.#max) {
      const oldest = this.#map.keys().next().value as K;
      this.#map.delete(oldest);
      this.evictions++;
    }
  }

  delete(key: K): boolean {
    return this.#map.delete(key);
  }
}

export interface LruResolverOptions {
  /** Answers kept (one per name, type and DO bit). */
  maxEntries?: number;
  /** Most queries in flight at once towards the source. */
  concurrency?: number;
}

export interface LruResolverStats {
  /** Queries passed to the source. */
  queries: number;
  /** Queries answered from the cache or joined to one in flight. */
  shared: number;
  /** Answers forgotten to stay within maxEntries (a later question about one of them is asked again). */
  evictions: number;
  /** Answers held now. */
  entries: number;
}

export interface LruResolver extends Resolver {
  stats(): LruResolverStats;
}

export const DEFAULT_LRU_ENTRIES = 10_000;
export const DEFAULT_LRU_CONCURRENCY = 256;

/**
 * Wraps a source (a transport: UDP, DoH, zone files) with a bounded LRU cache and a bound on queries in
 * flight. Within the cache's reach an identical question is asked once. A shared query runs with its
 * first caller's options (use one signal per run).
 */
export function createLruResolver(source: Resolver, options: LruResolverOptions = {}): LruResolver {
  const cache = new LruCache<string, Promise<LookupResult>>(options.maxEntries ?? DEFAULT_LRU_ENTRIES);
  const concurrency = options.concurrency ?? DEFAULT_LRU_CONCURRENCY;
  let queries = 0;
  let shared = 0;
  let active = 0;
  const queue: (() => void)[] = [];
  let head = 0;
  const release = (): void => {
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
      const key = queryOptions.dnssec ? `${normalized}|${type}|do` : `${normalized}|${type}`;
      const existing = cache.get(key);
      if (existing) {
        shared++;
        return existing as Promise<LookupResult<T>>;
      }
      queries++;
      let pending: Promise<LookupResult<T>>;
      if (active < concurrency) {
        active++;
        pending = run(normalized, type, queryOptions);
      } else {
        pending = new Promise<LookupResult<T>>((resolve) => queue.push(() => resolve(run(normalized, type, queryOptions))));
      }
      cache.set(key, pending);
      // A source that rejects (a bug: sources return failures as values) is not kept.
      pending.catch(() => {
        if (cache.peek(key) === pending) cache.delete(key);
      });
      return pending;
    },
    stats: () => ({ queries, shared, evictions: cache.evictions, entries: cache.size }),
    ...(source.covers ? { covers: source.covers.bind(source) } : {}),
  };
}
