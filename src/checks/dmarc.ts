import { organizationalDomain, selectDmarc } from '../gather/dmarc.js';
import { lookupFailed } from '../gather/lookup.js';
import { formatDmarc, parseDmarc, parseReportUri, startsWithDmarcVersion, type DmarcRecord } from '../parse/dmarc.js';
import type { Finding } from '../report/types.js';
import { finding, lookupFailedFinding, recordLine, type CheckStatus, type DomainCheck } from './types.js';

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
  title: 'DMARC (policy for mail that fails SPF and DKIM)',
  run({ domain, dmarc }) {
    const findings: Finding[] = [];
    const found: string[] = [];
    let status: CheckStatus = 'complete';
    const applied = selectDmarc(dmarc);
    const data: Record<string, unknown> = { record: null, recordDomain: null, inherited: false, policy: null };
    if (!applied) return { status, findings, found, data };
    const failed = dmarc.lookups.find((l) => lookupFailed(l.lookup) && (l === applied || l.domain === domain));
    if (failed) {
      return { status: 'failed', findings: [lookupFailedFinding(CHECK, failed.lookup, 'the DMARC policy')], found, data };
    }
    const policyName = `_dmarc.${applied.domain}`;
    const orgDomain = dmarc.orgDomain;
    if (applied.records.length === 0) {
      const searched = dmarc.lookups.map((l) => `_dmarc.${l.domain}`).join(' or ');
      const record: DmarcRecord = { p: 'none', rua: [reportMailbox(orgDomain)], ruf: [], other: [] };
      findings.push(finding(CHECK, 'dmarc.missing', 'error', `No DMARC record at ${searched}: receivers apply no policy to mail forging ${domain}, and Gmail, Yahoo and Microsoft require DMARC from bulk senders.`, {
        action: `Publish a DMARC record (at the organizational domain it covers subdomains too). Start with p=none and a mailbox you read, then move to quarantine once the reports show your mail passes:`,
        record: { name: `_dmarc.${orgDomain}.`, type: 'TXT', value: formatDmarc(record) },
      }));
      found.push(`no DMARC record at ${searched}`);
      return { status, findings, found, data };
    }

    for (const text of applied.records) found.push(recordLine(policyName, 'TXT', text));
    const valid = applied.records.filter(startsWithDmarcVersion);
    if (valid.length === 0) {
      findings.push(finding(CHECK, 'dmarc.syntax', 'error', `The record at ${policyName} does not start with "v=DMARC1", so receivers ignore it (RFC 7489 §6.6.3).`, {
        action: 'Put v=DMARC1 first:',
        record: { name: `${policyName}.`, type: 'TXT', value: formatDmarc(withPolicy(parseDmarc(applied.records[0] ?? '').record)) },
      }));
      return { status, findings, found, data };
    }
    if (valid.length > 1) {
      findings.push(finding(CHECK, 'dmarc.multiple', 'error', `${policyName} has ${valid.length} DMARC records; receivers then apply no DMARC policy at all (RFC 7489 §6.6.3).`, { action: 'Keep exactly one v=DMARC1 record and delete the others.' }));
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
    found.push(`policy ${policy ?? 'invalid'}${inherited ? ` (inherited from ${applied.domain})` : ''}, pct ${record.pct ?? 100}, sp ${record.sp ?? record.p ?? '-'}, adkim ${record.adkim ?? 'r'}, aspf ${record.aspf ?? 'r'}`);
    found.push(`reports: rua ${record.rua.join(', ') || 'none'}${record.ruf.length ? `; ruf ${record.ruf.join(', ')}` : ''}`);
    const fixed = (change: Partial<DmarcRecord>) => ({ name: `${policyName}.`, type: 'TXT', value: formatDmarc({ ...record, ...change }) });

    if (errors.length > 0) {
      findings.push(finding(CHECK, 'dmarc.syntax', 'error', `The DMARC record at ${policyName} is invalid: ${errors.join('; ')}.`, { action: 'Correct the record; a valid form of it is:', record: fixed(withPolicy(record)) }));
    }
    if (unknownTags.length > 0) {
      findings.push(finding(CHECK, 'dmarc.unknown-tag', 'warning', `The DMARC record has tags RFC 7489 does not define (${unknownTags.join(', ')}); receivers ignore them, which usually hides a typo.`, { action: 'Correct or remove them.' }));
    }
    if (policy === 'none') {
      findings.push(finding(CHECK, 'dmarc.policy-none', 'warning', `The DMARC policy is p=none${inherited ? ' (sp)' : ''}: mail forging ${domain} is still delivered; it only produces reports.`, {
        action: 'Once the reports show your own mail passes SPF or DKIM aligned, enforce the policy:',
        record: fixed(inherited ? { sp: 'quarantine' } : { p: 'quarantine' }),
      }));
    }
    if (record.pct !== undefined && record.pct < 100) {
      findings.push(finding(CHECK, 'dmarc.partial', 'warning', `pct=${record.pct}: the policy applies to only ${record.pct}% of failing mail.`, { action: 'Remove pct (the default is 100) once you are confident:', record: fixed({ pct: undefined }) }));
    }
    if (record.rua.length === 0) {
      findings.push(finding(CHECK, 'dmarc.no-reports', 'warning', 'The DMARC record has no rua= address, so you receive no aggregate reports and cannot see who sends mail as your domain.', {
        action: 'Add a rua= mailbox you read (or a DMARC report service):',
        record: fixed({ rua: [reportMailbox(organizationalDomain(applied.domain))] }),
      }));
    }
    for (const [tag, uris] of [['rua', record.rua], ['ruf', record.ruf]] as const) {
      for (const uri of uris) {
        if (!parseReportUri(uri).valid) {
          findings.push(finding(CHECK, 'dmarc.invalid-report-uri', 'warning', `${tag}=${uri} is not a valid mailto: URI, so no reports are sent there.`, { action: `Use the form ${tag}=mailto:reports@example.com (several separated by commas).` }));
        }
      }
    }
    for (const auth of dmarc.authorizations) {
      if (auth.authorized === undefined) {
        status = 'partial';
        findings.push(lookupFailedFinding(CHECK, auth.lookup, `whether ${auth.destination} accepts reports for ${applied.domain}`));
      } else if (!auth.authorized) {
        findings.push(finding(CHECK, 'dmarc.external-unauthorized', 'warning', `Reports go to ${auth.destination}, outside ${applied.domain}, but ${auth.destination} has not authorized them (no v=DMARC1 at ${auth.name}); receivers drop those reports (RFC 7489 §7.1).`, {
          action: `Ask the operator of ${auth.destination} to publish this record in their zone (report services do it when you register the domain):`,
          record: { name: `${auth.name}.`, type: 'TXT', value: 'v=DMARC1' },
        }));
      }
    }
    return { status, findings, found, data };
  },
};
