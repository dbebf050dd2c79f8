import { lookupFailed } from '../gather/lookup.js';
import type { Finding } from '../core/finding.js';
import { finding, item, lookupFailedFinding, recordItem, spec, type CheckStatus, type DomainCheck, type FoundItem } from './common.js';

const CHECK = 'tls';

/**
 * Transport security and brand records (internet.nl's "modern standards"): MTA-STS (RFC 8461),
 * TLS reporting (RFC 8460), BIMI. Informational: shown, not scored (weight 0).
 */
export const tlsCheck: DomainCheck = {
  id: CHECK,
  docs: '#what-is-checked',
  requires: ['mx', 'policyRecords'],
  findings: [spec('tls.mta-sts-missing', 'info'), spec('tls.tls-rpt-missing', 'info'), spec('dns.lookup-failed', 'warning')],
  run({ domain, mx, policyRecords }) {
    const findings: Finding[] = [];
    const found: FoundItem[] = [];
    let status: CheckStatus = 'complete';
    const { mtaSts, tlsRpt, bimi } = policyRecords;
    const receives = mx.hosts.length > 0;
    const entries = [
      { key: 'mtaSts', fact: mtaSts, label: 'mta-sts', id: 'tls.mta-sts-missing' },
      { key: 'tlsRpt', fact: tlsRpt, label: 'tls-rpt', id: 'tls.tls-rpt-missing' },
    ];
    const data: Record<string, unknown> = {};
    for (const e of entries) {
      data[e.key] = e.fact.records[0] ?? null;
      if (lookupFailed(e.fact.lookup)) {
        status = 'partial';
        findings.push(lookupFailedFinding(CHECK, e.fact.lookup, e.label));
      } else if (e.fact.records.length > 0) {
        for (const r of e.fact.records) found.push(recordItem(e.fact.lookup.name, 'TXT', r));
      } else if (receives) {
        found.push(item('tls.none', { standard: e.label }));
        findings.push(finding(CHECK, e.id, 'info', { domain }, e.key === 'tlsRpt'
          ? { record: { name: `_smtp._tls.${domain}.`, type: 'TXT', value: `v=TLSRPTv1; rua=mailto:tls-reports@${domain}` } }
          : {}));
      }
    }
    // Nothing could be asked: both lookups failed.
    if (lookupFailed(mtaSts.lookup) && lookupFailed(tlsRpt.lookup)) status = 'failed';
    data.bimi = bimi.records[0] ?? null;
    if (bimi.records.length > 0) for (const r of bimi.records) found.push(recordItem(bimi.lookup.name, 'TXT', r));
    return { status, findings, found, data };
  },
};
