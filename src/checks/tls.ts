import { lookupFailed } from '../gather/lookup.js';
import type { Finding } from '../report/types.js';
import { finding, lookupFailedFinding, recordLine, type CheckStatus, type DomainCheck } from './types.js';

const CHECK = 'tls';

/**
 * Transport security and brand records (internet.nl's "modern standards"): MTA-STS (RFC 8461),
 * TLS reporting (RFC 8460), BIMI. Informational: shown, not scored (weight 0).
 */
export const tlsCheck: DomainCheck = {
  id: CHECK,
  title: 'MTA-STS, TLS reporting and BIMI',
  run({ domain, mx, policyRecords }) {
    const findings: Finding[] = [];
    const found: string[] = [];
    let status: CheckStatus = 'complete';
    const { mtaSts, tlsRpt, bimi } = policyRecords;
    const receives = mx.hosts.length > 0;
    const entries = [
      { key: 'mtaSts', fact: mtaSts, label: 'MTA-STS', id: 'tls.mta-sts-missing', message: `No MTA-STS policy (_mta-sts.${domain} TXT): senders cannot require TLS to your MX, so a network attacker can downgrade delivery to plain text.`, action: `Publish an MTA-STS policy at https://mta-sts.${domain}/.well-known/mta-sts.txt and a _mta-sts.${domain} TXT record "v=STSv1; id=<date>" (RFC 8461).` },
      { key: 'tlsRpt', fact: tlsRpt, label: 'TLS-RPT', id: 'tls.tls-rpt-missing', message: `No TLS reporting record (_smtp._tls.${domain} TXT): you get no reports when senders fail to connect to your MX over TLS.`, action: 'Publish a TLS-RPT record (RFC 8460):' },
    ];
    const data: Record<string, unknown> = {};
    for (const e of entries) {
      data[e.key] = e.fact.records[0] ?? null;
      if (lookupFailed(e.fact.lookup)) {
        status = 'partial';
        findings.push(lookupFailedFinding(CHECK, e.fact.lookup, e.label));
      } else if (e.fact.records.length > 0) {
        for (const r of e.fact.records) found.push(recordLine(e.fact.lookup.name, 'TXT', r));
      } else if (receives) {
        found.push(`no ${e.label} record`);
        findings.push(finding(CHECK, e.id, 'info', e.message, e.key === 'tlsRpt'
          ? { action: e.action, record: { name: `_smtp._tls.${domain}.`, type: 'TXT', value: `v=TLSRPTv1; rua=mailto:tls-reports@${domain}` } }
          : { action: e.action }));
      }
    }
    data.bimi = bimi.records[0] ?? null;
    if (bimi.records.length > 0) for (const r of bimi.records) found.push(recordLine(bimi.lookup.name, 'TXT', r));
    return { status, findings, found, data };
  },
};
