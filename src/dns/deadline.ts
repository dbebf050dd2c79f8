import { AbortWatch } from './abort.js';
import type { LookupResult, QueryOptions, QueryType, Resolver } from './types.js';
import { normalizeName } from './types.js';

// Time bounds around a resolver, for callers that share one (caching) resolver between several
// budgets: `mailcheck domain` gives each domain its own deadline, `mailcheck spf` stops when
// check_host() gives up. A signal passed down to a shared query would end it for every other
// caller too (the cache keeps the result), so the per-budget signal stays here and the query below
// runs on; the run's own signal (passed down) ends it when the command is done.

/** The result of a lookup stopped at a deadline: "could not check" (outcome timeout, reason dns.aborted). */
export function abortedResult<T extends QueryType>(name: string, type: T): LookupResult<T> {
  return {
    name: normalizeName(name), type, outcome: 'timeout', answers: [], cnames: [], transport: 'memory', ad: false,
    error: 'stopped at the deadline', reason: { code: 'dns.aborted' },
  };
}

/**
 * A resolver that stops asking when `signal` aborts: a question asked after that is answered at once
 * with `abortedResult` (nothing is sent), and one in flight resolves with it at the abort. With
 * `passDown`, the signal also goes to the resolver below (when nothing else shares its queries).
 */
export function withDeadline(resolver: Resolver, signal: AbortSignal, options: { passDown?: boolean } = {}): Resolver {
  // One listener on the signal for all the lookups in flight (Node warns past ten).
  const watch = new AbortWatch();
  const wrapped: Resolver = {
    query<T extends QueryType>(name: string, type: T, queryOptions: QueryOptions = {}): Promise<LookupResult<T>> {
      if (signal.aborted) return Promise.resolve(abortedResult(name, type));
      const pending = resolver.query(name, type, options.passDown ? { ...queryOptions, signal: queryOptions.signal ?? signal } : queryOptions);
      return new Promise<LookupResult<T>>((resolve) => {
        const target = { abort: () => resolve(abortedResult(name, type)) };
        watch.add(signal, target);
        pending.then(
          (result) => {
            watch.delete(signal, target);
            resolve(result);
          },
          () => {
            watch.delete(signal, target);
            resolve({ ...abortedResult(name, type), outcome: 'error', error: 'lookup failed', reason: { code: 'dns.network' } });
          },
        );
      });
    },
  };
  if (resolver.covers) wrapped.covers = resolver.covers.bind(resolver);
  if (resolver.locate) wrapped.locate = resolver.locate.bind(resolver);
  return wrapped;
}

/** Every query below gets `signal` (unless it brings its own): the run's signal, aborted when the command ends. */
export function withRunSignal(resolver: Resolver, signal: AbortSignal): Resolver {
  const wrapped: Resolver = {
    query: (name, type, queryOptions = {}) => resolver.query(name, type, { ...queryOptions, signal: queryOptions.signal ?? signal }),
  };
  if (resolver.covers) wrapped.covers = resolver.covers.bind(resolver);
  if (resolver.locate) wrapped.locate = resolver.locate.bind(resolver);
  return wrapped;
}
