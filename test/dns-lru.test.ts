import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LruCache } from '../src/dns/lru.js';
import { createLruResolver } from '../src/dns/resolver.js';
import { createMemorySource } from '../src/dns/memory.js';
import type { LookupResult, QueryType, Resolver } from '../src/dns/types.js';
import { SeenSet } from '../src/address/seen.js';
import { a } from './helpers/records.js';

test('LruCache: a get keeps an entry young, a set past the bound drops the least recently used', () => {
  const c = new LruCache<string, number>(2);
  c.set('a', 1);
  c.set('b', 2);
  assert.equal(c.get('a'), 1);
  c.set('c', 3);
  assert.equal(c.peek('b'), undefined, 'b was the least recently used');
  assert.equal(c.peek('a'), 1);
  assert.equal(c.size, 2);
  assert.equal(c.evictions, 1);
  assert.throws(() => new LruCache(0), RangeError);
});

/** A source that counts questions and answers when told to. */
function countingSource(): Resolver & { asked: string[]; release(): void; inFlight: number; maxInFlight: number } {
  const memory = createMemorySource([a('x.test', '192.0.2.1')], { failures: [{ name: 'fail.test', outcome: 'servfail' }] });
  const deferred = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  };
  let gate = deferred();
  const source = {
    asked: [] as string[],
    inFlight: 0,
    maxInFlight: 0,
    release() {
      gate.resolve();
      gate = deferred();
    },
    async query<T extends QueryType>(name: string, type: T): Promise<LookupResult<T>> {
      source.asked.push(`${name}|${type}`);
      source.inFlight++;
      source.maxInFlight = Math.max(source.maxInFlight, source.inFlight);
      await gate.promise;
      source.inFlight--;
      return memory.query(name, type);
    },
  };
  return source;
}

test('LRU resolver: concurrent and later questions share one query, failures included, until evicted', async () => {
  const source = countingSource();
  const resolver = createLruResolver(source, { maxEntries: 2 });
  const first = [resolver.query('x.test', 'A'), resolver.query('X.TEST.', 'A'), resolver.query('fail.test', 'A')];
  source.release();
  const [one, two, failed] = await Promise.all(first);
  assert.equal(one, two);
  assert.equal(failed!.outcome, 'servfail');
  assert.equal((await resolver.query('fail.test', 'A')).outcome, 'servfail', 'a failure is kept too: one run never says both');
  assert.deepEqual(source.asked, ['x.test|A', 'fail.test|A']);
  // A third name evicts the least recently used (x.test): asked again when needed.
  const third = resolver.query('y.test', 'A');
  source.release();
  await third;
  const again = resolver.query('x.test', 'A');
  source.release();
  await again;
  assert.deepEqual(source.asked, ['x.test|A', 'fail.test|A', 'y.test|A', 'x.test|A']);
  assert.deepEqual(resolver.stats(), { queries: 4, shared: 2, evictions: 2, entries: 2 });
});

test('LRU resolver: at most `concurrency` queries in flight towards the source', async () => {
  const source = countingSource();
  const resolver = createLruResolver(source, { concurrency: 3 });
  const all = Array.from({ length: 10 }, (_, i) => resolver.query(`n${i}.test`, 'A'));
  for (let i = 0; i < 10 && source.asked.length < 10; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    source.release();
  }
  source.release();
  const results = await Promise.all(all);
  assert.equal(results.length, 10);
  assert.equal(source.maxInFlight, 3);
});

test('SeenSet: the first row of each key, across table growth', () => {
  const seen = new SeenSet();
  for (let i = 0; i < 5000; i++) assert.equal(seen.firstRow(`user${i}@example.test`, i + 1), undefined);
  for (let i = 0; i < 5000; i++) assert.equal(seen.firstRow(`user${i}@example.test`, 99_999), i + 1);
  assert.equal(seen.size, 5000);
  assert.equal(seen.firstRow('new@example.test', 7), undefined);
});
