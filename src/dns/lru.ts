// A bounded cache for runs that ask about an unbounded number of names (`mailcheck list` over a contact
// list of any length, `domain --file` over thousands of domains): it keeps the most recently used
// `maxEntries` and forgets the rest. The caching resolver (dns/resolver.ts) uses it when given a bound.

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
