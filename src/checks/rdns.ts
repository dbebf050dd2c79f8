import { parseIp } from '../net/ip.js';
import type { Finding, Severity } from '../core/finding.js';
import type { Check } from '../core/check.js';
import type { RdnsEntry } from '../gather/domain.js';
import type { RdnsScope } from '../gather/rdns.js';
import { GATHER_LIMITS } from '../gather/limits.js';
import { couldNotCheck, finding, item, lookupFailedFinding, spec, type CheckStatus, type FoundItem } from './common.js';

const CHECK = 'rdns';
const PRIVATE_RANGES = ['private', 'loopback', 'linkLocal', 'uniqueLocal', 'unspecified', 'carrierGradeNat'];
/** Name tokens that access networks put in PTR names of dynamic or consumer addresses. */
const GENERIC_TOKENS = ['dynamic', 'dyn', 'dhcp', 'dsl', 'adsl', 'vdsl', 'xdsl', 'cable', 'ppp', 'pppoe', 'pool', 'dial', 'dialup', 'dialin', 'broadband', 'residential', 'cpe', 'unassigned'];

/** True when a PTR name looks machine-generated from the address or names a consumer access network. */
export function isGenericPtr(name: string, ipText: string): boolean {
  const tokens = name.toLowerCase().split(/[.\-_]/);
  if (tokens.some((t) => GENERIC_TOKENS.includes(t))) return true;
  const ip = parseIp(ipText);
  if (!ip || ip.version !== 4) return false;
  const octets = ip.bytes.map(String);
  const hex = ip.bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  const flat = name.toLowerCase();
  const joined = [octets, [...octets].reverse()].flatMap((o) => ['-', '.', '_', ''].map((sep) => o.join(sep)));
  // Four octets joined with no separator are ambiguous when short; require a full 4-octet form or the hex form.
  return joined.some((form) => form.length >= 7 && flat.includes(form)) || flat.includes(hex);
}

/**
 * Reverse DNS (FCrDNS, RFC 8601 §3 iprev): a PTR whose name resolves back, for MX and sending IPs.
 * Shared by `domain` and `ip` (role `ip`: the address `mailcheck ip` was asked about).
 */
export const rdnsCheck: Check<{ rdns: RdnsEntry[]; rdnsScope?: RdnsScope }> = {
  id: CHECK,
  docs: '#what-is-checked',
  requires: ['rdns', 'rdnsScope'],
  findings: [spec('rdns.missing', ['error', 'warning']), spec('rdns.mismatch', ['error', 'warning']), spec('rdns.generic', 'info'), spec('dns.lookup-failed', 'warning')],
  run({ rdns, rdnsScope }) {
    const findings: Finding[] = [];
    const found: FoundItem[] = [];
    let status: CheckStatus = 'complete';
    let judged = 0;
    let failedPtr = 0;
    const addresses: Record<string, unknown>[] = [];
    for (const entry of rdns) {
      const who = { ip: entry.ip, role: entry.role, host: entry.host ?? null };
      // Receivers reject unconfirmed sending IPs (Gmail since 2024); an MX's own PTR matters less.
      const severity: Severity = entry.role === 'sender' ? 'error' : 'warning';
      addresses.push({ ip: entry.ip, role: entry.role, ...(entry.host ? { host: entry.host } : {}), status: entry.status, ptr: entry.ptr, confirmed: entry.fcrdns ?? null, ...(entry.morePtr ? { morePtr: entry.morePtr } : {}) });
      found.push(item('rdns.address', { ...who, ptr: entry.ptr, status: entry.status, confirmed: entry.fcrdns ?? null, failedForward: entry.failedForward, morePtr: entry.morePtr ?? 0, ptrLimit: GATHER_LIMITS.ptrNames }));
      if (PRIVATE_RANGES.includes(parseIp(entry.ip)?.range ?? '')) continue;
      if (entry.status !== 'ok' && entry.status !== 'missing') {
        status = 'partial';
        failedPtr++;
        findings.push(couldNotCheck(CHECK, 'ptr', { ip: entry.ip, outcome: entry.status, cause: entry.cause ?? entry.status }));
        continue;
      }
      judged++;
      if (entry.status === 'missing') {
        findings.push(finding(CHECK, 'rdns.missing', severity, who, {}));
        continue;
      }
      if (entry.fcrdns === undefined) {
        status = 'partial';
        findings.push(couldNotCheck(CHECK, 'ptr-forward', { ip: entry.ip, names: entry.failedForward }));
      } else if (!entry.fcrdns) {
        findings.push(finding(CHECK, 'rdns.mismatch', severity, { ...who, ptr: entry.ptr, type: parseIp(entry.ip)?.version === 6 ? 'AAAA' : 'A' }, {}));
      }
      const generic = entry.ptr.filter((name) => isGenericPtr(name, entry.ip));
      if (generic.length > 0) {
        findings.push(finding(CHECK, 'rdns.generic', 'info', { ip: entry.ip, names: generic }, {}));
      }
    }
    // What the addresses are short of: a failed MX lookup or host lookups leave nothing (or less) to judge.
    if (rdnsScope?.mxFailed) findings.push(lookupFailedFinding(CHECK, rdnsScope.mxFailed, 'rdns-mx'));
    else if (rdnsScope && rdnsScope.hostsFailed.length > 0) findings.push(couldNotCheck(CHECK, 'rdns-hosts', { hosts: rdnsScope.hostsFailed }));
    if (rdnsScope && rdnsScope.notFollowed > 0) found.push(item('rdns.not-followed', { count: rdnsScope.notFollowed, limit: GATHER_LIMITS.rdnsAddresses }));
    const sourcesFailed = Boolean(rdnsScope?.mxFailed) || (rdnsScope?.hostsFailed.length ?? 0) > 0;
    if (rdns.length === 0) found.push(item(sourcesFailed ? 'rdns.unknown' : 'rdns.none'));
    // A check that judged nothing says so: failed when lookups kept it from judging, skipped when there was nothing to judge.
    if (judged === 0 && (failedPtr > 0 || sourcesFailed)) status = 'failed';
    else if (judged === 0) status = 'skipped';
    else if (sourcesFailed) status = 'partial';
    return { status, findings, found, data: { addresses } };
  },
};
