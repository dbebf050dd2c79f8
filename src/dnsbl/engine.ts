import pLimit, { type LimitFunction } from 'p-limit';
import { getDomain } from 'tldts';
import type { LookupResult, QueryType, Resolver } from '../dns/types.js';
import { normalizeName } from '../dns/types.js';
import type { ParsedIp } from '../net/ip.js';
import { reversedLabels } from '../net/ip.js';
import type { DnsblList, ListKind } from './catalogue.js';
import type { ListingDetail, ListingStatus } from './classify.js';
import { classifyAnswer } from './classify.js';

/** What is looked up: an address (reversed octets or nibbles) or a domain name. */
export type DnsblTarget = { kind: 'ip'; ip: ParsedIp } | { kind: 'domain'; domain: string };

/** The verdict of one list for one target. */
export interface ListingResult {
  list: string;
  zone: string;
  major: boolean;
  /** The DNS name asked. */
  query: string;
  status: ListingStatus;
  codes: string[];
  /** One meaning per code (catalogue ids, several for a bitmask code). */
  meanings: string[][];
  /** The list's TXT record for a listing (for humans), null when absent or not fetched in time. */
  reason: string | null;
  delist: string | null;
  /** For error and refused: what happened (catalogue id and data). */
  detail: ListingDetail | null;
  /** For error and refused: what to do (catalogue id). */
  advice: string | null;
}

export interface DnsblOptions {
  /** Lists to query; those that do not serve the target's kind are skipped. */
  lists: readonly DnsblList[];
  /**
   * Budget for each list, in milliseconds, from the moment its query goes out: A answer and TXT
   * reason together. One silent list therefore costs at most this, and never holds the others.
   */
  timeoutMs: number;
  /** Shared limiter, so that several targets checked together stay within one bound. */
  limit?: LimitFunction;
}

/** Default bound on DNSBL queries in flight: several times the catalogue, so every list of several addresses goes out at once (the caching resolver bounds at 256 too). */
export const DEFAULT_DNSBL_CONCURRENCY = 256;

export function createDnsblLimit(concurrency = DEFAULT_DNSBL_CONCURRENCY): LimitFunction {
  return pLimit(concurrency);
}

/**
 * The lists a resolver can speak for. Zone files (`--zone`) describe only some domains; a list they
 * say nothing about would come back NXDOMAIN, which reads as "not listed". Such lists are left out
 * and named, never reported clean.
 */
export function listsCoveredBy(lists: readonly DnsblList[], resolver: Resolver): { covered: DnsblList[]; uncovered: DnsblList[] } {
  if (!resolver.covers) return { covered: [...lists], uncovered: [] };
  const covered: DnsblList[] = [];
  const uncovered: DnsblList[] = [];
  for (const list of lists) (resolver.covers(list.zone) ? covered : uncovered).push(list);
  return { covered, uncovered };
}

export function targetKind(target: DnsblTarget): ListKind {
  if (target.kind === 'domain') return 'domain';
  return target.ip.version === 4 ? 'ip4' : 'ip6';
}

/** The lists of `lists` that answer queries for this target. */
export function listsFor(target: DnsblTarget, lists: readonly DnsblList[]): DnsblList[] {
  const kind = targetKind(target);
  return lists.filter((list) => list.kinds.includes(kind));
}

/**
 * The DNS name to ask (RFC 5782): reversed octets or the 32 reversed nibbles before the zone; for
 * domain lists the registrable domain (the public-suffix rule, via tldts) or the host as given.
 */
export function queryName(list: DnsblList, target: DnsblTarget): string {
  if (target.kind === 'ip') return `${reversedLabels(target.ip)}.${list.zone}`;
  const host = normalizeName(target.domain);
  const name = list.domainQuery === 'host' ? host : (getDomain(host, { allowPrivateDomains: false }) ?? host);
  return `${name}.${list.zone}`;
}

type Deadline = { expired: true };

/** Resolves to the lookup or to `expired` at `deadline` (epoch ms), whichever is first. */
function beforeDeadline<T extends QueryType>(pending: Promise<LookupResult<T>>, deadline: number): Promise<LookupResult<T> | Deadline> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return Promise.resolve({ expired: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<Deadline>((resolve) => {
    timer = setTimeout(() => resolve({ expired: true }), remaining);
  });
  return Promise.race([pending, expiry]).finally(() => clearTimeout(timer));
}

function isExpired(value: LookupResult | Deadline): value is Deadline {
  return 'expired' in value;
}

async function checkList(list: DnsblList, target: DnsblTarget, resolver: Resolver, timeoutMs: number): Promise<ListingResult> {
  const query = queryName(list, target);
  const base = { list: list.name, zone: list.zone, major: list.major, query, delist: list.delist };
  const deadline = Date.now() + timeoutMs;
  const answer = await beforeDeadline(resolver.query(query, 'A'), deadline);
  if (isExpired(answer)) {
    return {
      ...base, status: 'error', codes: [], meanings: [], reason: null,
      detail: { id: 'detail-no-answer', data: { ms: timeoutMs } },
      advice: 'advice-no-answer',

    };
  }
  const verdict = classifyAnswer(list, answer);
  let reason: string | null = null;
  if (verdict.status === 'listed') {
    // TXT only for listings, and within the same budget: the reason is for humans, the listing stands without it.
    const txt = await beforeDeadline(resolver.query(query, 'TXT'), deadline);
    if (!isExpired(txt) && txt.outcome === 'answer') reason = txt.answers.map((r) => r.data).join(' ') || null;
  }
  return { ...base, ...verdict, reason };
}

/** Queries every applicable list for one target, all at once (within the limiter's bound). */
export async function checkTarget(target: DnsblTarget, resolver: Resolver, options: DnsblOptions): Promise<ListingResult[]> {
  const limit = options.limit ?? createDnsblLimit();
  const lists = listsFor(target, options.lists);
  return Promise.all(lists.map((list) => limit(() => checkList(list, target, resolver, options.timeoutMs))));
}

export interface ListingSummary {
  /** Lists queried. */
  total: number;
  listed: number;
  majorListed: number;
  /** Lists that answered (listed or clean). */
  checked: number;
  /** Lists that could not be checked (error or refused). */
  failed: number;
  refused: number;
}

export function summarize(listings: readonly ListingResult[]): ListingSummary {
  const listed = listings.filter((l) => l.status === 'listed');
  const refused = listings.filter((l) => l.status === 'refused').length;
  const errors = listings.filter((l) => l.status === 'error').length;
  return {
    total: listings.length,
    listed: listed.length,
    majorListed: listed.filter((l) => l.major).length,
    checked: listings.length - refused - errors,
    failed: refused + errors,
    refused,
  };
}
