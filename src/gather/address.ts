import type { AddressParse } from '../parse/address.js';
import { typoCandidates, type TypoKind } from '../address/typo.js';
import { providerOfMx } from '../data/providers.js';
import { LruCache } from '../dns/lru.js';
import type { GatherContext } from './context.js';
import { lookupFact, lookupFailed, type LookupFact } from './lookup.js';
import { gatherMx, type MxFact, type MxHostFact } from './mx.js';

// What `mailcheck address` and `mailcheck list` ask DNS about the domain of an address: does it receive
// mail? From the same MX gathering as `mailcheck domain` (gather/mx.ts: MX, the domain's A/AAAA, the MX
// hosts' A/AAAA), reduced to a small fact so that a list of 100,000 rows keeps one per distinct domain in
// a bounded LRU. A failed lookup is `failed` ("could not check"), never "no MX".

/**
 * - `mail`: an MX host with an address (or an IP-literal MX), or no MX and the domain's own A/AAAA
 *   (the implicit MX of RFC 5321 §5.1);
 * - `nxdomain`: the domain does not exist;
 * - `null-mx`: the only MX is `0 .` (RFC 7505): the domain says it accepts no mail;
 * - `no-mail`: no MX and no A/AAAA;
 * - `mx-unresolvable`: MX hosts, none with an address;
 * - `failed`: a lookup that decides failed (timeout, SERVFAIL, REFUSED…).
 */
export type MailStatus = 'mail' | 'nxdomain' | 'null-mx' | 'no-mail' | 'mx-unresolvable' | 'failed';

export interface MailDomainFact {
  domain: string;
  status: MailStatus;
  /** For `mail`: through MX hosts, or the domain's own address (implicit MX). */
  via?: 'mx' | 'implicit';
  /** MX exchanges by preference (at most MAX_HOSTS_KEPT; "" never: a null MX is the status). */
  hosts: string[];
  /** The mailbox provider (src/data/providers.ts id) of the first MX host that has one. */
  provider: string | null;
  /** For `failed`: the lookup that could not be answered. */
  failed?: LookupFact;
}

export interface TypoFact {
  /** The suggested domain, which receives mail (checked through DNS). */
  domain: string;
  kind: TypoKind;
  /** Free-provider id when the suggestion is a known provider domain. */
  freeProvider?: string;
  /** The suggested domain's mailbox provider, from its MX. */
  provider: string | null;
}

const MAX_HOSTS_KEPT = 5;

function usable(host: MxHostFact): boolean {
  return host.ipLiteral || host.ipv4.length + host.ipv6.length > 0;
}

/** The gathered MX facts reduced to the one question: does the domain receive mail? Pure. */
export function mailDomainFact(domain: string, mx: MxFact): MailDomainFact {
  const hosts = mx.hosts.slice(0, MAX_HOSTS_KEPT).map((h) => h.exchange);
  const provider = mx.hosts.map((h) => providerOfMx(h.exchange)?.id).find((id) => id !== undefined) ?? null;
  const base = { domain, hosts, provider };
  if (lookupFailed(mx.lookup)) return { ...base, status: 'failed', failed: mx.lookup };
  if (mx.lookup.outcome === 'nxdomain') return { ...base, status: 'nxdomain' };
  if (mx.records.length > 0) {
    // A null MX alongside other MX records (RFC 7505 §3 forbids it) leaves the others to deliver to.
    if (mx.hosts.length === 0) return { ...base, status: 'null-mx' };
    if (mx.hosts.some(usable)) return { ...base, status: 'mail', via: 'mx' };
    const failedHost = mx.hosts.flatMap((h) => [h.a, h.aaaa]).find((l): l is LookupFact => l !== undefined && lookupFailed(l));
    if (failedHost) return { ...base, status: 'failed', failed: failedHost };
    return { ...base, status: 'mx-unresolvable' };
  }
  if (mx.fallback.addresses.length > 0) return { ...base, status: 'mail', via: 'implicit' };
  const failedFallback = [mx.fallback.a, mx.fallback.aaaa].find(lookupFailed);
  if (failedFallback) return { ...base, status: 'failed', failed: failedFallback };
  return { ...base, status: 'no-mail' };
}

/** Statuses where the typed domain is known not to receive mail. */
export function receivesNoMail(status: MailStatus): boolean {
  return status === 'nxdomain' || status === 'null-mx' || status === 'no-mail' || status === 'mx-unresolvable';
}

export interface AddressGathererOptions {
  /** Domains whose facts are kept (LRU); default DEFAULT_MAX_DOMAINS. */
  maxDomains?: number;
}

export interface AddressGathererStats {
  /** Domains whose MX facts were gathered (a domain forgotten and asked again counts twice). */
  gathered: number;
  /** Domain facts forgotten to stay within maxDomains. */
  evictions: number;
}

export interface AddressGatherer {
  /** Does the domain (lower-case ASCII) receive mail? One gathering per domain while it stays in the cache. */
  mailDomain(domain: string): Promise<MailDomainFact>;
  /**
   * A typo suggestion for a domain that does not receive mail, or whose lookups failed: the first
   * candidate (src/address/typo.ts) that does receive mail, else null. Never for a domain that receives mail.
   */
  typo(fact: MailDomainFact): Promise<TypoFact | null>;
  stats(): AddressGathererStats;
}

export const DEFAULT_MAX_DOMAINS = 50_000;

export function createAddressGatherer(ctx: GatherContext, options: AddressGathererOptions = {}): AddressGatherer {
  const max = options.maxDomains ?? DEFAULT_MAX_DOMAINS;
  const mailCache = new LruCache<string, Promise<MailDomainFact>>(max);
  const typoCache = new LruCache<string, Promise<TypoFact | null>>(max);
  let gathered = 0;

  const mailDomain = (domain: string): Promise<MailDomainFact> => {
    const cached = mailCache.get(domain);
    if (cached) return cached;
    gathered++;
    const pending = gatherMx(domain, ctx.resolver).then(
      (mx) => mailDomainFact(domain, mx),
      // A resolver never rejects (failures are values); if one does, it is a failed lookup all the same.
      (error: unknown): MailDomainFact => ({
        domain,
        status: 'failed',
        hosts: [],
        provider: null,
        failed: { ...lookupFact({ name: domain, type: 'MX', outcome: 'error', answers: [], cnames: [], transport: 'udp', ad: false }), error: error instanceof Error ? error.message : String(error) },
      }),
    );
    mailCache.set(domain, pending);
    return pending;
  };

  const findTypo = async (fact: MailDomainFact): Promise<TypoFact | null> => {
    for (const candidate of typoCandidates(fact.domain)) {
      const target = await mailDomain(candidate.domain);
      if (target.status === 'mail') {
        const typo: TypoFact = { domain: candidate.domain, kind: candidate.kind, provider: target.provider };
        if (candidate.provider) typo.freeProvider = candidate.provider;
        return typo;
      }
    }
    return null;
  };

  return {
    mailDomain,
    typo(fact) {
      if (fact.status === 'mail') return Promise.resolve(null);
      const cached = typoCache.get(fact.domain);
      if (cached) return cached;
      const pending = findTypo(fact);
      typoCache.set(fact.domain, pending);
      return pending;
    },
    stats: () => ({ gathered, evictions: mailCache.evictions }),
  };
}

/** A suppression list entry that matched (`--suppress FILE`). */
export interface SuppressHit {
  file: string;
  /** The bounce reason the `bounce --suppress` CSV gives (`userunknown`…), when the file has one. */
  reason: string | null;
}

/** A fault of the row itself, before any address is read (NDJSON that is not JSON, no cell for the column). */
export interface RowProblem {
  code: string;
  data: Record<string, unknown>;
}

/** Everything the address checks read about one address (one row of a list). Plain data. */
export interface AddressFacts {
  /** The cell as typed (trimmed). */
  input: string;
  problem: RowProblem | null;
  /** null when the row has a problem. */
  parse: AddressParse | null;
  /** null when nothing was asked: the address did not parse, or its domain is an address literal. */
  mail: MailDomainFact | null;
  typo: TypoFact | null;
  suppressed: SuppressHit | null;
  /** The row where the same mailbox appeared first. */
  duplicateOf: number | null;
}
