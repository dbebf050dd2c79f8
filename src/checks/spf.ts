import { lookupFailed } from '../gather/lookup.js';
import type { Finding } from '../report/types.js';
import { finding, lookupFailedFinding, recordLine, type DomainCheck } from './types.js';

const CHECK = 'spf';

export const spfCheck: DomainCheck = {
  id: CHECK,
  title: 'SPF (who may send as the domain)',
  run({ domain, spfRecords }) {
    const findings: Finding[] = [];
    const found: string[] = [];
    if (lookupFailed(spfRecords.lookup)) return { status: 'failed', findings: [lookupFailedFinding(CHECK, spfRecords.lookup, 'SPF')], found, data: { record: null } };
    for (const r of spfRecords.records) found.push(recordLine(domain, 'TXT', r));
    if (spfRecords.records.length === 0) {
      findings.push(finding(CHECK, 'spf.missing', 'error', `${domain} has no SPF record.`, { action: 'Publish an SPF record.', record: { name: `${domain}.`, type: 'TXT', value: 'v=spf1 mx ~all' } }));
    } else if (spfRecords.records.length > 1) {
      findings.push(finding(CHECK, 'spf.multiple', 'error', `${domain} has ${spfRecords.records.length} SPF records; receivers return permerror (RFC 7208 §4.5).`, { action: 'Merge them into one record.' }));
    }
    return { status: 'complete', findings, found, data: { record: spfRecords.records[0] ?? null } };
  },
};
