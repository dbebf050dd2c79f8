import { organizationalDomain, selectDmarc } from '../gather/dmarc.js';
import { GATHER_LIMITS } from '../gather/limits.js';
import { lookupFailed } from '../gather/lookup.js';
import { formatDmarc, parseDmarc, parseReportUri, startsWithDmarcVersion, type DmarcRecord } from '../parse/dmarc.js';
import type { Finding } from '../core/finding.js';
import { finding, item, lookupFailedFinding, recordItem, spec, type CheckStatus, type DomainCheck, type FoundItem } from './common.js';

const CHECK = 'dmarc';

/** The mailbox we suggest for aggregate reports; the fix text says to use one that is read. */
export function reportMailbox(domain: string): string {
  return `mailto:dmarc-reports@${domain}`;
}

/** The record with p=none added when it has no valid policy, so a suggested record always parses. */
function withPolicy(record: DmarcRecord): DmarcRecord {
  return record.p ? record : { ...record, p: 'none' };
}

/** DMARC (RFC 7489): one valid record at _dmarc (or the organizational domain), enforced, with reports. */
export const dmarcCheck: DomainCheck = {
  id: CHECK,
  docs: '#what-is-checked',
  requires: ['dmarc'],
  findings: [
    spec('dmarc.missing', 'error'), spec('dmarc.multiple', 'error'), spec('dmarc.syntax', 'error'), spec('dmarc.unknown-tag', 'warning'),
    spec('dmarc.policy-none', 'warning'), spec('dmarc.partial', 'warning'), spec('dmarc.no-reports', 'warning'),
    spec('dmarc.invalid-report-uri', 'warning'), spec('dmarc.external-unauthorized', 'warning'), spec('dns.lookup-failed', 'warning'),
  ],
  run({ domain, dmarc }) {
    const findings: Finding[] = [];
    const found: FoundItem[] = [];
    let status: CheckStatus = 'complete';
    const applied = selectDmarc(dmarc);
    const data: Record<string, unknown> = { record: null, recordDomain: null, inherited: false, policy: null };
    if (!applied) return { status, findings, found, data };
    const failed = dmarc.lookups.find((l) => lookupFailed(l.lookup) && (l === applied || l.domain === domain));
    if (failed) {
      return { status: 'failed', findings: [lookupFailedFinding(CHECK, failed.lookup, 'dmarc')], found, data };
    }
    const policyName = `_dmarc.${applied.domain}`;
    const orgDomain = dmarc.orgDomain;
    if (applied.records.length === 0) {
      const searched = dmarc.lookups.map((l) => `_dmarc.${l.domain}`);
      const record: DmarcRecord = { p: 'none', rua: [reportMailbox(orgDomain)], ruf: [], other: [] };
      findings.push(finding(CHECK, 'dmarc.missing', 'error', { searched, domain }, {
        record: { name: `_dmarc.${orgDomain}.`, type: 'TXT', value: formatDmarc(record) },
      }));
      found.push(item('dmarc.none', { searched }));
      return { status, findings, found, data };
    }

    for (const text of applied.records) found.push(recordItem(policyName, 'TXT', text));
    const valid = applied.records.filter(startsWithDmarcVersion);
    if (valid.length === 0) {
      findings.push(finding(CHECK, 'dmarc.syntax', 'error', { name: policyName, kind: 'version' }, {
        record: { name: `${policyName}.`, type: 'TXT', value: formatDmarc(withPolicy(parseDmarc(applied.records[0] ?? '').record)) },
      }));
      return { status, findings, found, data };
    }
    if (valid.length > 1) {
      findings.push(finding(CHECK, 'dmarc.multiple', 'error', { name: policyName, count: valid.length }, {}));
      return { status, findings, found, data };
    }

    const text = valid[0] as string;
    const { record, errors, unknownTags } = parseDmarc(text);
    const inherited = applied.domain !== domain;
    // A subdomain without its own record gets the organizational domain's sp= (falling back to p=).
    const policy = inherited ? (record.sp ?? record.p) : record.p;
    Object.assign(data, {
      record: text,
      recordDomain: applied.domain,
      inherited,
      policy: policy ?? null,
      p: record.p ?? null,
      sp: record.sp ?? record.p ?? null,
      pct: record.pct ?? 100,
      adkim: record.adkim ?? 'r',
      aspf: record.aspf ?? 'r',
      rua: record.rua,
      ruf: record.ruf,
    });
    found.push(item('dmarc.policy', { policy: policy ?? null, inherited, from: applied.domain, pct: record.pct ?? 100, sp: record.sp ?? record.p ?? null, adkim: record.adkim ?? 'r', aspf: record.aspf ?? 'r' }));
    found.push(item('dmarc.reports', { rua: record.rua, ruf: record.ruf }));
    const fixed = (change: Partial<DmarcRecord>) => ({ name: `${policyName}.`, type: 'TXT', value: formatDmarc({ ...record, ...change }) });

    if (errors.length > 0) {
      findings.push(finding(CHECK, 'dmarc.syntax', 'error', { name: policyName, kind: 'invalid', errors }, { record: fixed(withPolicy(record)) }));
    }
    if (unknownTags.length > 0) {
      findings.push(finding(CHECK, 'dmarc.unknown-tag', 'warning', { tags: unknownTags }, {}));
    }
    if (policy === 'none') {
      findings.push(finding(CHECK, 'dmarc.policy-none', 'warning', { domain, inherited }, {
        record: fixed(inherited ? { sp: 'quarantine' } : { p: 'quarantine' }),
      }));
    }
    if (record.pct !== undefined && record.pct < 100) {
      findings.push(finding(CHECK, 'dmarc.partial', 'warning', { pct: record.pct }, { record: fixed({ pct: undefined }) }));
    }
    if (record.rua.length === 0) {
      findings.push(finding(CHECK, 'dmarc.no-reports', 'warning', {}, {
        record: fixed({ rua: [reportMailbox(organizationalDomain(applied.domain))] }),
      }));
    }
    for (const [tag, uris] of [['rua', record.rua], ['ruf', record.ruf]] as const) {
      for (const uri of uris) {
        if (!parseReportUri(uri).valid) {
          findings.push(finding(CHECK, 'dmarc.invalid-report-uri', 'warning', { tag, uri }, {}));
        }
      }
    }
    if (dmarc.authorizationsNotFollowed) found.push(item('dmarc.authorizations-not-followed', { count: dmarc.authorizationsNotFollowed, limit: GATHER_LIMITS.dmarcDestinations }));
    for (const auth of dmarc.authorizations) {
      if (auth.authorized === undefined) {
        status = 'partial';
        findings.push(lookupFailedFinding(CHECK, auth.lookup, 'dmarc-authorization', { destination: auth.destination, domain: applied.domain }));
      } else if (!auth.authorized) {
        findings.push(finding(CHECK, 'dmarc.external-unauthorized', 'warning', { destination: auth.destination, domain: applied.domain, name: auth.name }, {
          record: { name: `${auth.name}.`, type: 'TXT', value: 'v=DMARC1' },
        }));
      }
    }
    return { status, findings, found, data };
  },
};
