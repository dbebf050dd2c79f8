import type { Resolver } from '../dns/types.js';
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
}

export function gatherContext(resolver: Resolver, options: { timeoutMs: number; clock?: () => number } & Pick<GatherContext, 'fetch' | 'mtaStsPolicy' | 'smtp' | 'resolverName'>): GatherContext {
  const ctx: GatherContext = { resolver, timeoutMs: options.timeoutMs, clock: options.clock ?? Date.now };
  if (options.fetch) ctx.fetch = options.fetch;
  if (options.mtaStsPolicy) ctx.mtaStsPolicy = options.mtaStsPolicy;
  if (options.smtp) ctx.smtp = options.smtp;
  if (options.resolverName !== undefined) ctx.resolverName = options.resolverName;
  return ctx;
}

/** A promise made on first use only, so a fact no selected check needs is never gathered. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
}
