import { parseIp } from '../net/ip.js';
import type { Finding, Severity } from '../report/types.js';
import { finding, type CheckStatus, type DomainCheck } from './types.js';

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

/** Reverse DNS (FCrDNS, RFC 8601 §3 iprev): a PTR whose name resolves back, for MX and sending IPs. */
export const rdnsCheck: DomainCheck = {
  id: CHECK,
  title: 'Reverse DNS (PTR and forward confirmation)',
  run({ rdns }) {
    const findings: Finding[] = [];
    const found: string[] = [];
    let status: CheckStatus = 'complete';
    const addresses: Record<string, unknown>[] = [];
    for (const entry of rdns) {
      const who = entry.role === 'sender' ? `sending IP ${entry.ip}` : `${entry.ip} (MX ${entry.host ?? ''})`;
      // Receivers reject unconfirmed sending IPs (Gmail since 2024); an MX's own PTR matters less.
      const severity: Severity = entry.role === 'sender' ? 'error' : 'warning';
      addresses.push({ ip: entry.ip, role: entry.role, ...(entry.host ? { host: entry.host } : {}), status: entry.status, ptr: entry.ptr, confirmed: entry.fcrdns ?? null });
      found.push(`${who} → ${entry.ptr.length ? entry.ptr.join(', ') : entry.status === 'missing' ? 'no PTR' : `PTR lookup ${entry.status}`}${entry.fcrdns ? ' (forward-confirmed)' : ''}`);
      if (PRIVATE_RANGES.includes(parseIp(entry.ip)?.range ?? '')) continue;
      if (entry.status !== 'ok' && entry.status !== 'missing') {
        status = 'partial';
        findings.push(finding(CHECK, 'dns.lookup-failed', 'warning', `Could not look up the PTR of ${entry.ip} (${entry.status}), so its reverse DNS was not checked.`, { action: 'Run again or ask another resolver (--resolver).' }));
        continue;
      }
      if (entry.status === 'missing') {
        findings.push(finding(CHECK, 'rdns.missing', severity, `${who} has no PTR record; Gmail, Yahoo and Microsoft reject or junk mail from IPs without valid reverse DNS.`, { action: `Ask whoever owns ${entry.ip} (your hosting or ISP) to set its PTR to your mail server's host name, and give that name an A/AAAA record with ${entry.ip}.` }));
        continue;
      }
      if (entry.fcrdns === undefined) {
        status = 'partial';
        findings.push(finding(CHECK, 'dns.lookup-failed', 'warning', `Could not resolve ${entry.failedForward.join(', ')} to confirm the PTR of ${entry.ip}.`, { action: 'Run again or ask another resolver (--resolver).' }));
      } else if (!entry.fcrdns) {
        findings.push(finding(CHECK, 'rdns.mismatch', severity, `The PTR of ${who} is ${entry.ptr.join(', ')}, but that name does not resolve back to ${entry.ip} (no forward-confirmed reverse DNS).`, { action: `Give ${entry.ptr[0]} an ${parseIp(entry.ip)?.version === 6 ? 'AAAA' : 'A'} record with ${entry.ip}, or change the PTR to a name that has one.` }));
      }
      const generic = entry.ptr.filter((name) => isGenericPtr(name, entry.ip));
      if (generic.length > 0) {
        findings.push(finding(CHECK, 'rdns.generic', 'info', `The PTR name ${generic.join(', ')} of ${entry.ip} looks generic (built from the address or a dynamic pool); spam filters score such names as consumer or unmanaged hosts.`, { action: 'Set the PTR to a name of your own that identifies the mail server (e.g. mail.example.com).' }));
      }
    }
    if (rdns.length === 0) found.push('no MX or --ip addresses to check');
    return { status, findings, found, data: { addresses } };
  },
};
