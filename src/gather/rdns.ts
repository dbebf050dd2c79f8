import type { FailureOutcome, Resolver } from '../dns/types.js';
import { isFailure, normalizeName } from '../dns/types.js';
import { parseIp, reverseName } from '../net/ip.js';
import { GATHER_LIMITS } from './limits.js';
import { failureCause, type FailureCause, type LookupFact } from './lookup.js';

/** Reverse DNS of one address: PTR names and whether each forward-confirms (FCrDNS). */
export interface RdnsFact {
  ip: string;
  /** `ok` (PTR found), `missing` (NXDOMAIN/NODATA) or the failure outcome of the PTR lookup. */
  status: 'ok' | 'missing' | FailureOutcome;
  /** Why the PTR lookup failed (status is a failure). */
  cause?: FailureCause;
  /** PTR names, the first GATHER_LIMITS.ptrNames of the answer (the ones forward-confirmed). */
  ptr: string[];
  /** PTR names past that cap: counted, not looked up. */
  morePtr?: number;
  /** PTR names whose A/AAAA answers include the address. */
  confirmed: string[];
  /** True when at least one PTR name resolves back to the address; undefined if that could not be checked. */
  fcrdns: boolean | undefined;
  /** Forward lookups that failed, so a "not confirmed" is not certain. */
  failedForward: string[];
}

/**
 * PTR lookup, then A or AAAA of the first GATHER_LIMITS.ptrNames PTR names, all forward lookups at
 * once. The FCrDNS rule (RFC 8601 §3 "iprev") is that some PTR name maps back to the same address.
 */
export async function gatherRdns(ipText: string, resolver: Resolver): Promise<RdnsFact> {
  const ip = parseIp(ipText);
  if (!ip) throw new TypeError(`not an IP address: ${ipText}`);
  const ptrResult = await resolver.query(reverseName(ip), 'PTR');
  if (isFailure(ptrResult)) {
    return { ip: ip.address, status: ptrResult.outcome as FailureOutcome, cause: failureCause(ptrResult) ?? 'error', ptr: [], confirmed: [], fcrdns: undefined, failedForward: [] };
  }
  const names = [...new Set(ptrResult.answers.map((r) => normalizeName(r.data)))];
  if (names.length === 0) return { ip: ip.address, status: 'missing', ptr: names, confirmed: [], fcrdns: false, failedForward: [] };
  const ptr = names.slice(0, GATHER_LIMITS.ptrNames);
  const more = names.length - ptr.length;

  const type = ip.version === 4 ? 'A' : 'AAAA';
  const forward = await Promise.all(ptr.map((name) => resolver.query(name, type)));
  const confirmed: string[] = [];
  const failedForward: string[] = [];
  forward.forEach((result, i) => {
    const name = ptr[i] as string;
    if (isFailure(result)) failedForward.push(name);
    else if (result.answers.some((r) => parseIp(r.data)?.address === ip.address)) confirmed.push(name);
  });
  const fcrdns = confirmed.length > 0 ? true : failedForward.length > 0 ? undefined : false;
  return { ip: ip.address, status: 'ok', ptr, ...(more > 0 ? { morePtr: more } : {}), confirmed, fcrdns, failedForward };
}

/** Why a domain's reverse-DNS check has fewer addresses than it should (absent for `mailcheck ip`). */
export interface RdnsScope {
  /** The MX lookup failed, so the MX hosts' addresses are unknown. */
  mxFailed: LookupFact | null;
  /** MX hosts with no address known because their A/AAAA lookups failed. */
  hostsFailed: string[];
  /** MX addresses past GATHER_LIMITS.rdnsAddresses: not checked. */
  notFollowed: number;
}
