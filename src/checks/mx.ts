import { lookupFailed } from '../gather/lookup.js';
import type { MxHostFact } from '../gather/mx.js';
import { parseIp } from '../net/ip.js';
import type { Finding } from '../report/types.js';
import { finding, lookupFailedFinding, type CheckStatus, type DomainCheck } from './types.js';

const CHECK = 'mx';
// Address ranges that no sender on the internet can reach (ipaddr.js range names).
const UNREACHABLE_RANGES = ['private', 'loopback', 'linkLocal', 'uniqueLocal', 'unspecified', 'carrierGradeNat'];

function usable(host: MxHostFact): boolean {
  return host.ipLiteral || host.ipv4.length + host.ipv6.length > 0;
}

/** MX (RFC 5321 §5.1, RFC 7505 null MX, RFC 2181 §10.3 no aliases): can mail for the domain be delivered? */
export const mxCheck: DomainCheck = {
  id: CHECK,
  title: 'MX (incoming mail servers)',
  run({ domain, mx, spf }) {
    const findings: Finding[] = [];
    const found: string[] = [];
    let status: CheckStatus = 'complete';
    const isNull = mx.records.some((r) => r.exchange === '');
    const data = {
      records: mx.records.map((r) => ({ preference: r.preference, exchange: r.exchange === '' ? '.' : r.exchange })),
      nullMx: isNull,
      hosts: mx.hosts.map((h) => ({ host: h.exchange, preference: h.preference, ipv4: h.ipv4, ipv6: h.ipv6, ...(h.cname ? { cname: h.cname } : {}) })),
      implicitMx: [] as string[],
    };

    if (lookupFailed(mx.lookup)) {
      return { status: 'failed', findings: [lookupFailedFinding(CHECK, mx.lookup, 'where the domain receives mail')], found, data };
    }

    if (mx.records.length === 0) {
      const fallback = mx.fallback.addresses;
      data.implicitMx = fallback;
      if (mx.lookup.outcome === 'nxdomain') {
        findings.push(finding(CHECK, 'mx.missing', 'error', `${domain} does not exist in DNS (NXDOMAIN): it can neither receive mail nor pass any authentication check.`, { action: `Check the spelling, or register and publish ${domain} with MX, SPF and DMARC records.` }));
      } else if (fallback.length > 0) {
        found.push(`no MX record; mail falls back to the domain's own address ${fallback.join(', ')}`);
        findings.push(finding(CHECK, 'mx.missing', 'warning', `${domain} has no MX record, so senders deliver to its A/AAAA address (${fallback.join(', ')}) as an implicit MX (RFC 5321 §5.1), which is rarely a mail server.`, { action: 'Publish the MX records of your mail provider; if the domain receives no mail, publish a null MX ("0 .", RFC 7505) instead.' }));
      } else {
        found.push('no MX record and no A/AAAA address');
        findings.push(finding(CHECK, 'mx.missing', 'error', `${domain} has no MX record and no address, so it cannot receive mail: replies and bounces to it are lost, and many receivers reject mail from a domain that cannot receive.`, {
          action: 'Publish the MX records of your mail provider. If the domain never receives mail, publish a null MX (RFC 7505) so senders fail fast:',
          record: { name: `${domain}.`, type: 'MX', value: '0 .' },
        }));
      }
      return { status, findings, found, data };
    }

    if (isNull) {
      found.push(`${domain}. MX 0 . (null MX: accepts no mail)`);
      if (mx.records.length > 1) {
        findings.push(finding(CHECK, 'mx.null', 'error', `${domain} mixes a null MX ("0 .") with other MX records; RFC 7505 §3 says a null MX must be the only one, so senders may treat the domain as accepting no mail.`, { action: 'Remove the null MX record if the domain receives mail, or remove the other MX records if it does not.' }));
      } else {
        // A parked domain that also says "sends nothing" (v=spf1 -all) is consistent: no need to warn.
        const parked = spf.records.some((r) => /^v=spf1\s+-all\s*$/i.test(r));
        findings.push(finding(CHECK, 'mx.null', parked ? 'info' : 'warning', `${domain} publishes a null MX (RFC 7505): it accepts no mail, and receivers may reject mail sent with it as the sender domain (RFC 7505 §4.2).`, parked ? null : { action: 'If the domain sends mail, replace the null MX with real MX records; if it does not, also publish "v=spf1 -all" and a DMARC p=reject record.' }));
      }
    }

    for (const host of mx.hosts) {
      const addresses = host.ipLiteral ? 'IP literal' : [...host.ipv4, ...host.ipv6].join(', ') || 'no address';
      found.push(`${host.preference} ${host.exchange}${host.cname ? ` (alias of ${host.cname})` : ''} → ${addresses}`);
      if (host.ipLiteral) {
        findings.push(finding(CHECK, 'mx.ip-literal', 'error', `MX ${host.exchange} is an IP address; an MX must name a host (RFC 5321 §5.1), so most senders cannot use it.`, { action: `Point the MX at a host name that has an A record for ${host.exchange}.` }));
        continue;
      }
      if (host.cname) {
        findings.push(finding(CHECK, 'mx.cname', 'warning', `MX ${host.exchange} is an alias (CNAME) of ${host.cname}; MX targets must not be aliases (RFC 2181 §10.3, RFC 5321 §5.1) and some senders refuse them.`, {
          action: 'Point the MX directly at the canonical host name:',
          record: { name: `${domain}.`, type: 'MX', value: `${host.preference} ${host.cname}.` },
        }));
      }
      const a = host.a;
      const aaaa = host.aaaa;
      if (!usable(host)) {
        const failedLookup = [a, aaaa].find((l) => l && lookupFailed(l));
        if (failedLookup) {
          status = 'partial';
          findings.push(lookupFailedFinding(CHECK, failedLookup, `whether MX host ${host.exchange} resolves`));
        } else {
          const someUsable = mx.hosts.some(usable);
          findings.push(finding(CHECK, 'mx.unresolvable', someUsable ? 'warning' : 'error', `MX host ${host.exchange} has no A or AAAA record${a?.outcome === 'nxdomain' ? ' (the name does not exist)' : ''}, so senders cannot deliver to it${someUsable ? ' and fall through to the next MX' : ''}.`, { action: `Publish an A (and AAAA) record for ${host.exchange}, or point the MX at a host that has one.` }));
        }
        continue;
      }
      const unreachable = [...host.ipv4, ...host.ipv6].filter((ip) => UNREACHABLE_RANGES.includes(parseIp(ip)?.range ?? ''));
      if (unreachable.length > 0) {
        findings.push(finding(CHECK, 'mx.private-ip', 'warning', `MX host ${host.exchange} resolves to ${unreachable.join(', ')}, an address no sender on the internet can reach.`, { action: `Publish the public address of ${host.exchange} in public DNS (keep private addresses to split-horizon DNS).` }));
      }
    }

    const resolvable = mx.hosts.filter((h) => !h.ipLiteral && usable(h));
    if (resolvable.length > 0 && resolvable.every((h) => h.ipv6.length === 0) && !resolvable.some((h) => h.aaaa && lookupFailed(h.aaaa))) {
      findings.push(finding(CHECK, 'mx.no-ipv6', 'info', 'No MX host has an IPv6 (AAAA) address, so IPv6-only senders cannot deliver (internet.nl checks this).', { action: 'Add AAAA records for the MX hosts if your mail provider supports IPv6.' }));
    }
    return { status, findings, found, data };
  },
};
