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
}

export function gatherContext(resolver: Resolver, options: { timeoutMs: number; clock?: () => number } ): GatherContext {
  return { resolver, timeoutMs: options.timeoutMs, clock: options.clock ?? Date.now };
}

/** A promise made on first use only, so a fact no selected check needs is never gathered. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
}
