import type { FailureOutcome, Resolver } from '../dns/types.js';
import { isFailure, normalizeName } from '../dns/types.js';
import { parseIp, reverseName } from '../net/ip.js';

/** Reverse DNS of one address: PTR names and whether each forward-confirms (FCrDNS). */
export interface RdnsFact {
  ip: string;
  /** `ok` (PTR found), `missing` (NXDOMAIN/NODATA) or the failure outcome of the PTR lookup. */
  status: 'ok' | 'missing' | FailureOutcome;
  ptr: string[];
  /** PTR names whose A/AAAA answers include the address. */
  confirmed: string[];
  /** True when at least one PTR name resolves back to the address; undefined if that could not be checked. */
  fcrdns: boolean | undefined;
  /** Forward lookups that failed, so a "not confirmed" is not certain. */
  failedForward: string[];
}

/**
 * PTR lookup, then A or AAAA of every PTR name, all forward lookups at once. The FCrDNS rule
 * (RFC 8601 §3 "iprev") is that some PTR name maps back to the same address.
 */
export async function gatherRdns(ipText: string, resolver: Resolver): Promise<RdnsFact> {
  const ip = parseIp(ipText);
  if (!ip) throw new TypeError(`not an IP address: ${ipText}`);
  const ptrResult = await resolver.query(reverseName(ip), 'PTR');
  if (isFailure(ptrResult)) {
    return { ip: ip.address, status: ptrResult.outcome as FailureOutcome, ptr: [], confirmed: [], fcrdns: undefined, failedForward: [] };
  }
  const ptr = [...new Set(ptrResult.answers.map((r) => normalizeName(r.data)))];
  if (ptr.length === 0) return { ip: ip.address, status: 'missing', ptr, confirmed: [], fcrdns: false, failedForward: [] };

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
  return { ip: ip.address, status: 'ok', ptr, confirmed, fcrdns, failedForward };
}
