import type { LimitFunction } from 'p-limit';
import type { Resolver } from '../dns/types.js';
import type { RdnsFact } from '../gather/rdns.js';
import { gatherRdns } from '../gather/rdns.js';
import type { ParsedIp } from '../net/ip.js';
import { isPublicUnicast } from '../net/ip.js';
import type { DnsblList } from './catalogue.js';
import { defaultLists, listForZone, normalizeZone } from './catalogue.js';
import type { ListingResult, ListingSummary } from './engine.js';
import { blacklistScore, checkTarget, createDnsblLimit, summarize } from './engine.js';

/** Everything `mailcheck ip` knows about one address. */
export interface IpReport extends ListingSummary {
  ip: string;
  version: 4 | 6;
  /** Set for private, loopback, reserved, documentation... addresses that public lists do not describe. */
  notice: string | null;
  rdns: RdnsFact;
  listings: ListingResult[];
  score: number;
}

export interface ListSelection {
  /** `--list ZONE` (repeatable): added to the catalogue's defaults. */
  add?: readonly string[];
  /** `--only-lists`: replaces the catalogue. */
  only?: readonly string[];
  /** `--skip-lists`: removed from what is queried. */
  skip?: readonly string[];
}

/** The lists a run queries. Throws a RangeError naming a `--skip-lists` zone that is not among them (a typo). */
export function selectLists(selection: ListSelection): DnsblList[] {
  const base = selection.only && selection.only.length > 0 ? selection.only.map(listForZone) : defaultLists();
  const added = (selection.add ?? []).map(listForZone);
  const byZone = new Map<string, DnsblList>();
  for (const list of [...base, ...added]) byZone.set(list.zone, list);
  for (const raw of selection.skip ?? []) {
    const zone = normalizeZone(raw);
    if (!byZone.delete(zone)) throw new RangeError(`--skip-lists: ${zone} is not among the lists queried`);
  }
  return [...byZone.values()];
}

const RANGE_WORDS: Readonly<Record<string, string>> = {
  private: 'a private (RFC 1918) address',
  loopback: 'a loopback address',
  reserved: 'a reserved or documentation address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique-local (private) IPv6 address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  unspecified: 'the unspecified address',
  carrierGradeNat: 'a carrier-grade NAT (RFC 6598) address',
  ipv4Mapped: 'an IPv4-mapped IPv6 address',
  rfc6145: 'an IPv4-translated IPv6 address',
  rfc6052: 'a NAT64 (RFC 6052) address',
  '6to4': 'a 6to4 address',
  teredo: 'a Teredo address',
  benchmarking: 'a benchmarking (RFC 2544) address',
  amt: 'an AMT address',
  as112: 'an AS112 address',
  deprecated: 'a deprecated address',
  orchid2: 'an ORCHIDv2 address',
};

export function addressNotice(ip: ParsedIp): string | null {
  if (isPublicUnicast(ip)) return null;
  const what = RANGE_WORDS[ip.range] ?? `a non-public address (${ip.range})`;
  return `${ip.address} is ${what}: public lists do not cover it, so it was looked up all the same but results say little`;
}

/** Blacklist lookups and reverse DNS of one address, concurrently. */
export async function gatherIpReport(ip: ParsedIp, resolver: Resolver, options: { lists: readonly DnsblList[]; timeoutMs: number; limit?: LimitFunction }): Promise<IpReport> {
  const limit = options.limit ?? createDnsblLimit();
  const [listings, rdns] = await Promise.all([
    checkTarget({ kind: 'ip', ip }, resolver, { lists: options.lists, timeoutMs: options.timeoutMs, limit }),
    gatherRdns(ip.address, resolver),
  ]);
  return { ip: ip.address, version: ip.version, notice: addressNotice(ip), rdns, listings, ...summarize(listings), score: blacklistScore(listings) };
}

/** Default for `--max-listings`: a couple of minor listings is common for shared hosting ranges (UCEPROTECT L2/L3). */
export const DEFAULT_MAX_LISTINGS = 2;

/** The stable JSON shape of one address (README, `mailcheck ip --json`). */
export function ipReportJson(report: IpReport) {
  return {
    ip: report.ip,
    notice: report.notice,
    ptr: report.rdns.ptr,
    fcrdns: report.rdns.fcrdns ?? null,
    rdns: report.rdns.status,
    listings: report.listings.map((l) => ({
      list: l.list, zone: l.zone, status: l.status, codes: l.codes, meanings: l.meanings,
      reason: l.reason, delist: l.delist, major: l.major, detail: l.detail, advice: l.advice,
    })),
    listed: report.listed,
    majorListed: report.majorListed,
    checked: report.checked,
    failed: report.failed,
    score: report.score,
  };
}
