import type { AddressParse } from '../parse/address.js';
import { typoCandidates, type TypoKind } from '../address/typo.js';
import { providerOfMx } from '../data/providers.js';
import { LruCache } from '../dns/lru.js';
import type { GatherContext } from './context.js';
import { lookupFact, lookupFailed, type LookupFact } from './lookup.js';
import type { MxFact, MxHostFact } from './mx.js';
import { isFailure, type Resolver } from '../dns/types.js';
import { parseIp } from '../net/ip.js';

// What `mailcheck address` and `mailcheck list` ask DNS about the domain of an address: does it receive
// mail? The rules of `mailcheck domain`'s MX gathering (gather/mx.ts; mailDomainFact below reduces its
// facts), asked lazily (gatherMailDomain), reduced to a small fact so that a list of 100,000 rows keeps
// one per distinct domain in a bounded LRU. A failed lookup is `failed` ("could not check"), never "no MX".

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
  /** MX exchanges by preference, at most MAX_HOSTS_KEPT, for the words of a domain that does not receive mail (empty for `mail`: a list keeps one fact per domain). */
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

// providerOfMx (src/data/providers.ts) tries every pattern of every provider; a list asks about the same
// few thousand MX hosts over and over, so the answers are kept (bounded).
// '' stands for "no provider" (the cache holds no null).
const providerMemo = new LruCache<string, string>(10_000);

/** The provider of the first MX host (by preference) that has one. */
function providerOfHosts(hosts: readonly string[]): string | null {
  for (const host of hosts) {
    let id = providerMemo.get(host);
    if (id === undefined) providerMemo.set(host, (id = providerOfMx(host)?.id ?? ''));
    if (id !== '') return id;
  }
  return null;
}
/** MX hosts tried for an address, in preference order, before the domain counts as unresolvable (as an MTA gives up). */
const MAX_HOSTS_TRIED = 10;

function usable(host: MxHostFact): boolean {
  return host.ipLiteral || host.ipv4.length + host.ipv6.length > 0;
}

/**
 * The gathered MX facts of `mailcheck domain` (gather/mx.ts) reduced to the one question: does the domain
 * receive mail? Pure; the rules `gatherMailDomain` follows too.
 */
export function mailDomainFact(domain: string, mx: MxFact): MailDomainFact {
  const provider = providerOfHosts(mx.hosts.map((h) => h.exchange));
  const base = { domain, hosts: mx.hosts.slice(0, MAX_HOSTS_KEPT).map((h) => h.exchange), provider };
  if (lookupFailed(mx.lookup)) return { ...base, status: 'failed', failed: mx.lookup };
  if (mx.lookup.outcome === 'nxdomain') return { ...base, status: 'nxdomain' };
  if (mx.records.length > 0) {
    // A null MX alongside other MX records (RFC 7505 §3 forbids it) leaves the others to deliver to.
    if (mx.hosts.length === 0) return { ...base, status: 'null-mx' };
    if (mx.hosts.some(usable)) return { ...base, hosts: [], status: 'mail', via: 'mx' };
    const failedHost = mx.hosts.flatMap((h) => [h.a, h.aaaa]).find((l): l is LookupFact => l !== undefined && lookupFailed(l));
    if (failedHost) return { ...base, status: 'failed', failed: failedHost };
    return { ...base, status: 'mx-unresolvable' };
  }
  if (mx.fallback.addresses.length > 0) return { ...base, status: 'mail', via: 'implicit' };
  const failedFallback = [mx.fallback.a, mx.fallback.aaaa].find(lookupFailed);
  if (failedFallback) return { ...base, status: 'failed', failed: failedFallback };
  return { ...base, status: 'no-mail' };
}

/**
 * Whether a domain receives mail, by the rules of mailDomainFact (RFC 5321 §5.1, RFC 7505), asking only
 * what decides it, as a sending MTA does: the MX first; then the MX hosts in preference order, each one's
 * A, its AAAA only when it has no A, the next host only when it has neither; the domain's own A and AAAA
 * only when it has no MX. A list's domain so costs one question plus its first host's A (shared hosts
 * such as Google's are asked once for the whole list) instead of the dozen `mailcheck domain` asks.
 */
export async function gatherMailDomain(domain: string, resolver: Resolver): Promise<MailDomainFact> {
  const mx = await resolver.query(domain, 'MX');
  const base = { domain, hosts: [] as string[], provider: null as string | null };
  if (isFailure(mx)) return { ...base, status: 'failed', failed: lookupFact(mx) };
  if (mx.outcome === 'nxdomain') return { ...base, status: 'nxdomain' };
  const records = mx.answers.map((r) => r.data).sort((x, y) => x.preference - y.preference);
  if (records.length === 0) {
    const [a, aaaa] = await Promise.all([resolver.query(domain, 'A'), resolver.query(domain, 'AAAA')]);
    if (a.answers.length + aaaa.answers.length > 0) return { ...base, status: 'mail', via: 'implicit' };
    const failed = [a, aaaa].find(isFailure);
    return failed ? { ...base, status: 'failed', failed: lookupFact(failed) } : { ...base, status: 'no-mail' };
  }
  const hosts = [...new Set(records.map((r) => r.exchange).filter((e) => e !== ''))];
  base.hosts = hosts.slice(0, MAX_HOSTS_KEPT);
  base.provider = providerOfHosts(hosts);
  if (hosts.length === 0) return { ...base, status: 'null-mx' };
  const receives: MailDomainFact = { domain, status: 'mail', via: 'mx', hosts: [], provider: base.provider };
  let failed: LookupFact | undefined;
  for (const host of hosts.slice(0, MAX_HOSTS_TRIED)) {
    if (parseIp(host.replace(/^\[|\]$/g, ''))) return receives;
    const a = await resolver.query(host, 'A');
    if (a.answers.length > 0) return receives;
    const aaaa = await resolver.query(host, 'AAAA');
    if (aaaa.answers.length > 0) return receives;
    const hostFailure = [a, aaaa].find(isFailure);
    if (hostFailure) failed ??= lookupFact(hostFailure);
  }
  return failed ? { ...base, status: 'failed', failed } : { ...base, status: 'mx-unresolvable' };
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

/** What is known about one domain: whether it receives mail, and for one that does not, a typo suggestion. */
export interface DomainFacts {
  mail: MailDomainFact;
  /** null: nothing to suggest (always for a domain that receives mail). */
  typo: TypoFact | null;
}

export interface AddressGatherer {
  /** The facts of a domain whose gathering has finished and is still cached (no promise, no wait). */
  known(domain: string): DomainFacts | undefined;
  /**
   * Gathers a domain (lower-case ASCII), once while it stays in the cache: its mail fact, then for a
   * domain that does not receive mail or could not be checked, the first typo candidate
   * (src/address/typo.ts) that does receive mail.
   */
  gather(domain: string): Promise<DomainFacts>;
  stats(): AddressGathererStats;
}

export const DEFAULT_MAX_DOMAINS = 50_000;
/**
 * DNS answers kept by the list's LRU resolver (dns/lru.ts): the domains' own answers are needed once (their
 * facts are kept above), so this keeps what domains share — MX hosts such as Google's — and joins the
 * questions in flight.
 */
export const ADDRESS_DNS_ENTRIES = 5_000;

interface Entry {
  mail: MailDomainFact;
  /** undefined: not looked for yet (a domain gathered only as another's typo candidate). */
  typo: TypoFact | null | undefined;
  /** The typo search under way, shared by the rows that wait for it. */
  search?: Promise<DomainFacts>;
}

/** The cached form of a domain that receives mail: `via|provider`, interned (one string per provider, not one object per domain). */
type MailToken = string;
type Cached = MailToken | Entry | Promise<Entry>;

export function createAddressGatherer(ctx: GatherContext, options: AddressGathererOptions = {}): AddressGatherer {
  // Settled entries replace their promise, so a cached domain is decided synchronously; a domain that
  // receives mail (most of a list) is kept as a shared token, so the cache costs little more than its keys.
  const cache = new LruCache<string, Cached>(options.maxDomains ?? DEFAULT_MAX_DOMAINS);
  const tokens = new Map<string, MailToken>();
  let gathered = 0;

  const pack = (entry: Entry): Cached => {
    if (entry.mail.status !== 'mail') return entry;
    const token = `${entry.mail.via ?? 'mx'}|${entry.mail.provider ?? ''}`;
    let interned = tokens.get(token);
    if (interned === undefined) tokens.set(token, (interned = token));
    return interned;
  };
  const unpack = (domain: string, cached: Cached): Entry | Promise<Entry> => {
    if (typeof cached !== 'string') return cached;
    const bar = cached.indexOf('|');
    const provider = cached.slice(bar + 1);
    return { mail: { domain, status: 'mail', via: cached.slice(0, bar) as 'mx' | 'implicit', hosts: [], provider: provider === '' ? null : provider }, typo: null };
  };

  const mailEntry = (domain: string): Entry | Promise<Entry> => {
    const cached = cache.get(domain);
    if (cached !== undefined) return unpack(domain, cached);
    gathered++;
    const pending: Promise<Entry> = gatherMailDomain(domain, ctx.resolver)
      .catch(
        // A resolver never rejects (failures are values); if one does, it is a failed lookup all the same.
        (error: unknown): MailDomainFact => ({
          domain,
          status: 'failed',
          hosts: [],
          provider: null,
          failed: { name: domain, type: 'MX', outcome: 'error', error: error instanceof Error ? error.message : String(error) },
        }),
      )
      .then((mail): Entry => {
        const entry: Entry = { mail, typo: mail.status === 'mail' ? null : undefined };
        if (cache.peek(domain) === pending) cache.set(domain, pack(entry));
        return entry;
      });
    cache.set(domain, pending);
    return pending;
  };

  const findTypo = async (fact: MailDomainFact): Promise<TypoFact | null> => {
    for (const candidate of typoCandidates(fact.domain)) {
      const target = (await mailEntry(candidate.domain)).mail;
      if (target.status === 'mail') {
        const typo: TypoFact = { domain: candidate.domain, kind: candidate.kind, provider: target.provider };
        if (candidate.provider) typo.freeProvider = candidate.provider;
        return typo;
      }
    }
    return null;
  };

  const complete = (entry: Entry): DomainFacts | Promise<DomainFacts> => {
    if (entry.typo !== undefined) return entry as DomainFacts;
    entry.search ??= findTypo(entry.mail).then((typo) => {
      entry.typo = typo;
      delete entry.search;
      return entry as DomainFacts;
    });
    return entry.search;
  };

  return {
    known(domain) {
      const cached = cache.get(domain);
      if (cached === undefined || cached instanceof Promise) return undefined;
      const entry = unpack(domain, cached) as Entry;
      return entry.typo !== undefined ? (entry as DomainFacts) : undefined;
    },
    async gather(domain) {
      return complete(await mailEntry(domain));
    },
    stats: () => ({ gathered, evictions: cache.evictions }),
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
