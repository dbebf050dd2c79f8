import ipaddr from 'ipaddr.js';
import type { LookupResult } from '../dns/types.js';
import type { DnsblList, ErrorCode } from './catalogue.js';
import { GENERIC_REFUSAL } from './catalogue.js';

/**
 * listed: the list has an entry (A record in 127.0.0.0/8 that is not an error code).
 * clean: NXDOMAIN, NODATA, or an answer the list documents as "not listed".
 * refused: the operator answered with an error code (public resolver, over limit, typo...).
 * error: nothing is known: timeout, SERVFAIL, REFUSED, or a broken list answering outside 127/8.
 */
export type ListingStatus = 'listed' | 'clean' | 'error' | 'refused';

export interface Classification {
  status: ListingStatus;
  /** The A answers that carry the verdict (listing codes, error codes, or documented "clear" codes). */
  codes: string[];
  /** One meaning per code: catalogue ids (src/messages `dnsbl`), several for a bitmask code. */
  meanings: string[][];
  /** For error and refused: what happened (a `dnsbl` catalogue id, with data). */
  detail: ListingDetail | null;
  /** For error and refused: what to do about it (a `dnsbl` catalogue id). */
  advice: string | null;
}

export interface ListingDetail {
  id: string;
  data?: Record<string, unknown>;
}

const LOOPBACK_NET = ipaddr.parseCIDR('127.0.0.0/8');
const REFUSAL_NET = ipaddr.parseCIDR('127.255.255.0/24');

const COULD_NOT_CHECK_ADVICE = 'advice-could-not-check';

function inNet(address: string, net: [ipaddr.IPv4 | ipaddr.IPv6, number]): boolean {
  if (!ipaddr.IPv4.isValidFourPartDecimal(address)) return false;
  return ipaddr.IPv4.parse(address).match(net as [ipaddr.IPv4, number]);
}

/** The error meaning of an answer, if it is one: the list's own error codes, then 127.255.255.0/24 for every list. */
function errorFor(list: DnsblList, address: string): ErrorCode | undefined {
  const own = list.errorCodes?.[address];
  if (own) return own;
  // Bitmask lists (SURBL, URIBL) use bit 1 for "blocked", alone or with other bits.
  const blockedBit = list.bits && list.errorCodes?.['127.0.0.1'];
  if (blockedBit && address.startsWith('127.0.0.') && (Number(address.slice(8)) & 1) === 1) return blockedBit;
  if (inNet(address, REFUSAL_NET)) return GENERIC_REFUSAL;
  return undefined;
}

/** What a listing answer means: the exact code, else the bits of a bitmask list, else unknown. */
function meaningOf(list: DnsblList, address: string): string[] {
  const exact = list.codes?.[address];
  if (exact) return [exact];
  if (list.bits && address.startsWith('127.0.0.')) {
    const octet = Number(address.slice(8));
    const parts = Object.entries(list.bits)
      .filter(([bit]) => (octet & Number(bit)) !== 0)
      .map(([, meaning]) => meaning);
    if (parts.length > 0) return parts;
  }
  return ['listed-undocumented'];
}

/** Turns the A lookup of a DNSBL query name into a verdict. Pure. */
export function classifyAnswer(list: DnsblList, lookup: LookupResult<'A'>): Classification {
  switch (lookup.outcome) {
    case 'nxdomain':
      return { status: 'clean', codes: [], meanings: [], detail: null, advice: null };
    case 'nodata':
      // The name exists but holds no A record. RFC 5782 signals a listing with an A record only
      // (a TXT alone is not one), so this is "not listed".
      return { status: 'clean', codes: [], meanings: [], detail: null, advice: null };
    case 'timeout':
    case 'servfail':
    case 'refused':
    case 'error':
      return {
        status: 'error', codes: [], meanings: [],
        detail: { id: 'detail-could-not-check', data: { outcome: lookup.outcome, error: lookup.error ?? null } },
        advice: COULD_NOT_CHECK_ADVICE,
      };
    case 'answer':
      break;
  }
  const addresses = [...new Set(lookup.answers.map((r) => r.data))];
  const outside = addresses.filter((a) => !inNet(a, LOOPBACK_NET));
  if (outside.length > 0) {
    return {
      status: 'error', codes: addresses, meanings: [],
      detail: { id: 'detail-broken-list', data: { outside } },
      advice: 'advice-broken-list',
    };
  }
  const errors = addresses.map((a) => [a, errorFor(list, a)] as const).filter((e): e is readonly [string, ErrorCode] => e[1] !== undefined);
  const firstError = errors[0];
  if (firstError) {
    return {
      status: 'refused',
      codes: errors.map(([a]) => a),
      meanings: errors.map(([, e]) => [e.meaning]),
      detail: { id: firstError[1].meaning },
      advice: firstError[1].advice,
    };
  }
  const clear = list.clearCodes ?? {};
  const listing = addresses.filter((a) => clear[a] === undefined);
  if (listing.length === 0) {
    return { status: 'clean', codes: addresses, meanings: addresses.map((a) => [clear[a] as string]), detail: null, advice: null };
  }
  return { status: 'listed', codes: listing, meanings: listing.map((a) => meaningOf(list, a)), detail: null, advice: null };
}
