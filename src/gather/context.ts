import type { Resolver } from '../dns/types.js';

/**
 * What gatherers reach the world through: DNS now, HTTPS (MTA-STS policies) and SMTP (STARTTLS
 * probes) as they come. Tests substitute every part; nothing below gathers without one.
 */
export interface GatherContext {
  resolver: Resolver;
  /** Budget of one list lookup, and the base of other per-lookup budgets (the global --timeout). */
  timeoutMs: number;
  /** Epoch milliseconds now (deadlines, DKIM expiry, report dates). */
  clock: () => number;
  /** HTTPS GET for policy files; absent when the run may not use the network for it (zone files). */
  fetch?: (url: string, options: { timeoutMs: number; maxBytes: number }) => Promise<unknown>;
  /**
   * The budget of one domain (--deadline), in milliseconds: past it nothing more is asked and what
   * is left is "could not check". Undefined: no deadline beyond the per-lookup timeouts.
   */
  deadlineMs?: number;
  /** Stops the gathering (the run ends, or its deadline passed): lookups not yet answered are "could not check". */
  signal?: AbortSignal;
}

export function gatherContext(resolver: Resolver, options: { timeoutMs: number; clock?: () => number; deadlineMs?: number; signal?: AbortSignal }): GatherContext {
  const ctx: GatherContext = { resolver, timeoutMs: options.timeoutMs, clock: options.clock ?? Date.now };
  if (options.deadlineMs !== undefined) ctx.deadlineMs = options.deadlineMs;
  if (options.signal) ctx.signal = options.signal;
  return ctx;
}

/**
 * A signal that aborts `ms` after now, or when `parent` aborts; `done()` releases its timer. The
 * timer never keeps the process alive.
 */
export function deadlineSignal(ms: number | undefined, parent?: AbortSignal): { signal: AbortSignal | undefined; done(): void } {
  if (ms === undefined && !parent) return { signal: undefined, done: () => undefined };
  const controller = new AbortController();
  const stop = () => controller.abort();
  const timer = ms === undefined ? undefined : setTimeout(stop, ms);
  timer?.unref();
  if (parent?.aborted) controller.abort();
  else parent?.addEventListener('abort', stop, { once: true });
  return {
    signal: controller.signal,
    done: () => {
      if (timer) clearTimeout(timer);
      parent?.removeEventListener('abort', stop);
    },
  };
}

/** A promise made on first use only, so a fact no selected check needs is never gathered. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
}
