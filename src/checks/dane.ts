import { X509Certificate } from 'node:crypto';
import { providerOfMx } from '../data/providers.js';
import { lookupFailed } from '../gather/lookup.js';
import { parseTlsa, type TlsaRecord } from '../parse/tlsa.js';
import { daneRolloverAdvice, evaluateDane } from '../transport/dane.js';
import type { Data, Finding } from '../core/finding.js';
import { dnssecState } from './dnssec.js';
import { finding, item, lookupFailedFinding, spec, type CheckStatus, type DomainCheck, type FoundItem } from './common.js';

const CHECK = 'dane';

/** The probe's chain (leaf first) as certificates again, for the DANE match. */
function chainOf(chain: readonly { derBase64: string }[]): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const c of chain) {
    try {
      out.push(new X509Certificate(Buffer.from(c.derBase64, 'base64')));
    } catch {
      break;
    }
  }
  return out;
}

/**
 * DANE for MX (RFC 7672): TLSA at `_25._tcp.<mx>` for each MX host, usable only with usage 2 or 3,
 * a known selector and matching type, and only when DNSSEC-validated (AD). With --smtp, the
 * certificate each MX presents is matched against its records. Informational: DANE is optional
 * for ordinary senders, and a host run by a mail provider is the provider's business.
 */
export const daneCheck: DomainCheck = {
  id: CHECK,
  docs: '#what-is-checked',
  requires: ['mx', 'tlsa', 'dnssec', 'smtp'],
  findings: [spec('dane.not-published', 'info'), spec('dane.invalid', 'warning'), spec('dane.unsigned', 'warning'), spec('dane.rollover', 'info'), spec('dns.lookup-failed', 'warning')],
  run({ domain, mx, tlsa, dnssec, smtp }) {
    const findings: Finding[] = [];
    const found: FoundItem[] = [];
    let status: CheckStatus = 'complete';
    if (lookupFailed(mx.lookup)) return { status: 'failed', findings, found: [item('dane.no-mx')], data: { hosts: [] } };
    const { state } = dnssecState(dnssec);
    // A validating resolver answered (the domain is secure or insecure, not unknown): no AD on a TLSA answer then means unsigned.
    const resolverValidates = state === 'secure' || state === 'insecure';
    const hosts: Data[] = [];
    const without: string[] = [];
    for (const h of tlsa.hosts) {
      if (lookupFailed(h.lookup)) {
        status = 'partial';
        findings.push(lookupFailedFinding(CHECK, h.lookup, 'tlsa', { host: h.host }));
        hosts.push({ host: h.host, name: h.name, records: [], validated: null, usable: 0, certificate: null });
        continue;
      }
      if (h.records.length === 0) {
        // Only a signed zone (AD on the "no TLSA" answer) is one step from DANE; otherwise DNSSEC comes first.
        const provider = providerOfMx(h.host);
        if (provider) found.push(item('dane.provider', { host: h.host, provider: provider.name }));
        else if (h.ad) without.push(h.host);
        else found.push(item('dane.none', { host: h.host }));
        hosts.push({ host: h.host, name: h.name, records: [], validated: null, usable: 0, certificate: null });
        continue;
      }
      const parsed = h.records.map((text) => ({ text, ...parseTlsa(text) }));
      const usable = parsed.filter((p) => p.usable && p.record).map((p) => p.record as TlsaRecord);
      for (const p of parsed) found.push(item('dane.tlsa', { name: h.name, record: p.text, usable: p.usable }));
      const validated = h.ad ? true : resolverValidates ? false : null;
      const entry: Data = { host: h.host, name: h.name, records: h.records, validated, usable: usable.length, certificate: null };
      hosts.push(entry);
      if (validated === false) {
        findings.push(finding(CHECK, 'dane.unsigned', 'warning', { host: h.host, name: h.name, resolver: dnssec.resolver }, {}));
      } else if (validated === null) {
        found.push(item('dane.unverified', { name: h.name, zone: dnssec.transport === 'zone' }));
      }
      const bad = parsed.map((p, index) => ({ index, record: p.text, usable: p.usable, problems: p.problems })).filter((p) => !p.usable).map(({ usable: _, ...rest }) => rest);
      if (bad.length > 0) {
        findings.push(finding(CHECK, 'dane.invalid', 'warning', { host: h.host, name: h.name, kind: 'records', records: bad, usable: usable.length }, {}));
      }
      // The certificate the MX presented (--smtp) against the usable records.
      const probe = smtp.hosts.find((s) => s.host === h.host)?.result;
      if (usable.length > 0 && probe?.outcome === 'ok') {
        const evaluation = evaluateDane(usable, chainOf(probe.tls.chain), { names: [h.host] });
        entry.certificate = evaluation.status;
        if (evaluation.status === 'match') {
          const matched = evaluation.records.find((r) => r.outcome === 'match');
          found.push(item('dane.match', { host: h.host, usage: matched?.record.usage ?? null, anchorMaybeLocal: matched?.anchorMaybeLocal === true }));
        } else {
          findings.push(finding(CHECK, 'dane.invalid', 'warning', {
            host: h.host, name: h.name, kind: 'no-match', spki: probe.tls.chain[0]?.spkiSha256 ?? null,
            outcomes: evaluation.records.map((r) => ({ usage: r.record.usage, selector: r.record.selector, matchingType: r.record.matchingType, outcome: r.outcome })),
          }, probe.tls.chain[0] ? { record: { name: `${h.name}.`, type: 'TLSA', value: `3 1 1 ${probe.tls.chain[0].spkiSha256}` } } : {}));
        }
      }
      const advice = daneRolloverAdvice(usable);
      if (advice.length > 0) findings.push(finding(CHECK, 'dane.rollover', 'info', { host: h.host, name: h.name, advice }, {}));
    }
    if (without.length > 0) findings.push(finding(CHECK, 'dane.not-published', 'info', { domain, hosts: without }, {}));
    if (tlsa.hosts.length === 0) found.push(item('dane.no-hosts'));
    return { status, findings, found, data: { hosts, notChecked: tlsa.notChecked } };
  },
};
