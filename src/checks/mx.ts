import { GATHER_LIMITS } from '../gather/limits.js';
import { lookupFailed } from '../gather/lookup.js';
import type { MxHostFact } from '../gather/mx.js';
import { parseIp } from '../net/ip.js';
import type { Finding } from '../core/finding.js';
import { finding, item, lookupFailedFinding, spec, type CheckStatus, type DomainCheck, type FoundItem } from './common.js';

const CHECK = 'mx';
// Address ranges that no sender on the internet can reach (ipaddr.js range names).
const UNREACHABLE_RANGES = ['private', 'loopback', 'linkLocal', 'uniqueLocal', 'unspecified', 'carrierGradeNat'];

function usable(host: MxHostFact): boolean {
  return host.ipLiteral || host.ipv4.length + host.ipv6.length > 0;
}

/** MX (RFC 5321 §5.1, RFC 7505 null MX, RFC 2181 §10.3 no aliases): can mail for the domain be delivered? */
export const mxCheck: DomainCheck = {
  id: CHECK,
  docs: '#what-is-checked',
  requires: ['mx', 'spf'],
  findings: [
    spec('mx.missing', ['error', 'warning']), spec('mx.null', ['warning', 'info', 'error']), spec('mx.cname', 'warning'),
    spec('mx.ip-literal', 'error'), spec('mx.unresolvable', ['error', 'warning']), spec('mx.private-ip', 'warning'),
    spec('mx.no-ipv6', 'info'), spec('dns.lookup-failed', 'warning'),
  ],
  run({ domain, mx, spf }) {
    const findings: Finding[] = [];
    const found: FoundItem[] = [];
    let status: CheckStatus = 'complete';
    const isNull = mx.records.some((r) => r.exchange === '');
    const data = {
      records: mx.records.map((r) => ({ preference: r.preference, exchange: r.exchange === '' ? '.' : r.exchange })),
      nullMx: isNull,
      hosts: mx.hosts.map((h) => ({
        host: h.exchange, preference: h.preference, ipv4: h.ipv4, ipv6: h.ipv6, ...(h.cname ? { cname: h.cname } : {}),
        ...(h.moreIpv4 ? { moreIpv4: h.moreIpv4 } : {}), ...(h.moreIpv6 ? { moreIpv6: h.moreIpv6 } : {}),
      })),
      implicitMx: [] as string[],
      // MX hosts past GATHER_LIMITS.mxHosts: counted, never looked up.
      notFollowed: mx.notFollowed ?? { count: 0, names: [] },
    };

    if (lookupFailed(mx.lookup)) {
      return { status: 'failed', findings: [lookupFailedFinding(CHECK, mx.lookup, 'mx')], found, data };
    }

    if (mx.records.length === 0) {
      const fallback = mx.fallback.addresses;
      data.implicitMx = fallback;
      if (mx.lookup.outcome === 'nxdomain') {
        findings.push(finding(CHECK, 'mx.missing', 'error', { domain, kind: 'nxdomain' }, {}));
      } else if (fallback.length > 0) {
        found.push(item('mx.implicit', { addresses: fallback }));
        findings.push(finding(CHECK, 'mx.missing', 'warning', { domain, kind: 'implicit', addresses: fallback }, {}));
      } else {
        found.push(item('mx.none'));
        findings.push(finding(CHECK, 'mx.missing', 'error', { domain, kind: 'none' }, { record: { name: `${domain}.`, type: 'MX', value: '0 .' } }));
      }
      return { status, findings, found, data };
    }

    if (isNull) {
      found.push(item('mx.null', { domain }));
      if (mx.records.length > 1) {
        findings.push(finding(CHECK, 'mx.null', 'error', { domain, mixed: true }, {}));
      } else {
        // A parked domain that also says "sends nothing" (v=spf1 -all) is consistent: no need to warn.
        const parked = spf.records.some((r) => /^v=spf1\s+-all\s*$/i.test(r));
        findings.push(finding(CHECK, 'mx.null', parked ? 'info' : 'warning', { domain, mixed: false, parked }, parked ? null : {}));
      }
    }

    for (const host of mx.hosts) {
      found.push(item('mx.host', { preference: host.preference, host: host.exchange, cname: host.cname ?? null, ipLiteral: host.ipLiteral, addresses: [...host.ipv4, ...host.ipv6], more: (host.moreIpv4 ?? 0) + (host.moreIpv6 ?? 0) }));
      if (host.ipLiteral) {
        findings.push(finding(CHECK, 'mx.ip-literal', 'error', { host: host.exchange }, {}));
        continue;
      }
      if (host.cname) {
        findings.push(finding(CHECK, 'mx.cname', 'warning', { host: host.exchange, cname: host.cname }, {
          record: { name: `${domain}.`, type: 'MX', value: `${host.preference} ${host.cname}.` },
        }));
      }
      const a = host.a;
      const aaaa = host.aaaa;
      if (!usable(host)) {
        const failedLookup = [a, aaaa].find((l) => l && lookupFailed(l));
        if (failedLookup) {
          status = 'partial';
          findings.push(lookupFailedFinding(CHECK, failedLookup, 'mx-host', { host: host.exchange }));
        } else {
          const someUsable = mx.hosts.some(usable);
          findings.push(finding(CHECK, 'mx.unresolvable', someUsable ? 'warning' : 'error', { host: host.exchange, nxdomain: a?.outcome === 'nxdomain', fallsThrough: someUsable }, {}));
        }
        continue;
      }
      const unreachable = [...host.ipv4, ...host.ipv6].filter((ip) => UNREACHABLE_RANGES.includes(parseIp(ip)?.range ?? ''));
      if (unreachable.length > 0) {
        findings.push(finding(CHECK, 'mx.private-ip', 'warning', { host: host.exchange, addresses: unreachable }, {}));
      }
    }

    if (mx.notFollowed && mx.notFollowed.count > 0) found.push(item('mx.not-followed', { count: mx.notFollowed.count, names: mx.notFollowed.names, limit: GATHER_LIMITS.mxHosts }));
    const resolvable = mx.hosts.filter((h) => !h.ipLiteral && usable(h));
    if (resolvable.length > 0 && resolvable.every((h) => h.ipv6.length === 0) && !resolvable.some((h) => h.aaaa && lookupFailed(h.aaaa))) {
      findings.push(finding(CHECK, 'mx.no-ipv6', 'info', {}, {}));
    }
    return { status, findings, found, data };
  },
};
