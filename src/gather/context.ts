import type { Resolver } from '../dns/types.js';
import type { LruCache } from '../dns/lru.js';
import type { DnsblList } from '../dnsbl/catalogue.js';
import type { ListingResult } from '../dnsbl/engine.js';
import type { HttpsGetResult } from '../net/https-get.js';
import type { SmtpProbeResult } from '../net/smtp-probe.js';

/** One HTTPS GET (the MTA-STS policy), to `address` when given: the caller's resolver picked it. */
export type HttpsFetch = (url: string, options: { timeoutMs: number; maxBytes: number; address?: string }) => Promise<HttpsGetResult>;

/** One STARTTLS probe of an MX host at one of its addresses (net/smtp-probe.ts, with the run's port, EHLO name and deadlines). */
export type SmtpProber = (host: string, address: string) => Promise<SmtpProbeResult>;

/**
 * What gatherers reach the world through: DNS, HTTPS (MTA-STS policies) and SMTP (STARTTLS
 * probes). Tests substitute every part; nothing below gathers without one.
 */
export interface GatherContext {
  resolver: Resolver;
  /** Budget of one list lookup, and the base of other per-lookup budgets (the global --timeout). */
  timeoutMs: number;
  /** Epoch milliseconds now (deadlines, DKIM expiry, report dates). */
  clock: () => number;
  /** HTTPS GET for policy files; absent when the run may not use the network for it (zone files). */
  fetch?: HttpsFetch;
  /** The MTA-STS policy to judge instead of fetching one (--mta-sts-policy): its file name and text. */
  mtaStsPolicy?: { file: string; body: Buffer };
  /** The STARTTLS probe of MX hosts; absent unless asked for (--smtp). */
  smtp?: { probe: SmtpProber; port: number };
  /** Who answers DNS, as the report names it when it says who vouched for DNSSEC (`192.0.2.53:53`, a DoH URL). */
  resolverName?: string;
  /**
   * The budget of one domain (--deadline), in milliseconds: past it nothing more is asked and what
   * is left is "could not check". Undefined: no deadline beyond the per-lookup timeouts.
   */
  deadlineMs?: number;
  /** Stops the gathering (the run ends, or its deadline passed): lookups not yet answered are "could not check". */
  signal?: AbortSignal;
  /** The blacklists to ask (the config's lists to add or skip); default: the catalogue's default lists. */
  rblLists?: readonly DnsblList[];
  /**
   * Listings of every address and domain looked up so far in the run (a bulk run: the MX hosts big
   * providers share are asked once, not once per domain), bounded; see runRblCache().
   */
  rblCache?: RblCache;
}

/** The run-wide listings by target (canonical IP text or lower-case domain), least recently used forgotten first. */
export type RblCache = LruCache<string, Promise<ListingResult[]>>;

export function gatherContext(
  resolver: Resolver,
  options: { timeoutMs: number; clock?: () => number } & Pick<GatherContext, 'fetch' | 'mtaStsPolicy' | 'smtp' | 'resolverName' | 'deadlineMs' | 'signal' | 'rblLists' | 'rblCache'>,
): GatherContext {
  const ctx: GatherContext = { resolver, timeoutMs: options.timeoutMs, clock: options.clock ?? Date.now };
  if (options.fetch) ctx.fetch = options.fetch;
  if (options.mtaStsPolicy) ctx.mtaStsPolicy = options.mtaStsPolicy;
  if (options.smtp) ctx.smtp = options.smtp;
  if (options.resolverName !== undefined) ctx.resolverName = options.resolverName;
  if (options.deadlineMs !== undefined) ctx.deadlineMs = options.deadlineMs;
  if (options.signal) ctx.signal = options.signal;
  if (options.rblLists) ctx.rblLists = options.rblLists;
  if (options.rblCache) ctx.rblCache = options.rblCache;
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
