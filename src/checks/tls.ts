import { lookupFailed } from '../gather/lookup.js';
import type { MtaStsPolicyFact } from '../gather/mta-sts.js';
import type { MxFact } from '../gather/mx.js';
import type { CertificateSummary } from '../net/tls-certificate.js';
import { parseMtaStsPolicy, selectMtaStsRecord, type MtaStsPolicy } from '../parse/mta-sts.js';
import { selectTlsRpt } from '../parse/tls-rpt.js';
import { looksLikeVersion } from '../parse/txt-fields.js';
import { matchMx } from '../transport/mx-pattern.js';
import type { Data, Finding } from '../core/finding.js';
import { finding, item, lookupFailedFinding, recordItem, spec, type CheckStatus, type DomainCheck, type FoundItem } from './common.js';

const CHECK = 'tls';

/** A parser problem as data: its code and facts (the catalogue's `syntax` section has the words). */
type Problem = { code: string } & Data;

/** The certificate facts a finding or the JSON shows (not the DER). */
export function certificateData(cert: CertificateSummary | undefined): Data | null {
  if (!cert) return null;
  return { subject: cert.subject, issuer: cert.issuer, dnsNames: cert.dnsNames.slice(0, 10), validFrom: cert.validFrom, validTo: cert.validTo, daysLeft: cert.daysLeft, expired: cert.expired, selfIssued: cert.selfIssued };
}

/** MX hosts an MTA-STS sender would match: names, not IP literals (RFC 8461 §4.1). */
function mxNames(mx: MxFact): string[] {
  return mx.hosts.filter((h) => !h.ipLiteral).map((h) => h.exchange);
}

interface PolicyOutcome {
  status: CheckStatus;
  findings: Finding[];
  found: FoundItem[];
  data: Data;
}

/** What the policy fetch (or file) gave, judged: could not check, a fault senders hit too, or the policy. */
function judgeFetch(domain: string, fact: MtaStsPolicyFact): PolicyOutcome & { body?: string } {
  const out: PolicyOutcome & { body?: string } = { status: 'complete', findings: [], found: [], data: {} };
  const where = { domain, host: fact.host, url: fact.url };
  const fetchFailed = (kind: string, data: Data, couldNotCheck = false): void => {
    out.findings.push(finding(CHECK, 'tls.mta-sts-fetch-failed', 'warning', { ...where, kind, couldNotCheck, ...data }, {}));
    out.found.push(item('tls.policy-fetch', { url: fact.url, kind, ...data }));
    out.data.status = couldNotCheck ? 'could-not-check' : 'fetch-failed';
    if (couldNotCheck) out.status = 'partial';
  };
  if (fact.source === 'file') {
    out.found.push(item('tls.policy-file', { file: fact.file }));
    if (fact.body !== undefined) out.body = fact.body;
    return out;
  }
  if (fact.addresses.length === 0) {
    const failed = [fact.a, fact.aaaa].find((l) => l && lookupFailed(l));
    if (failed) {
      out.status = 'partial';
      out.data.status = 'could-not-check';
      out.findings.push(lookupFailedFinding(CHECK, failed, 'mta-sts-host', { host: fact.host }));
    } else {
      fetchFailed('no-address', {});
    }
    return out;
  }
  const http = fact.http;
  if (!http) return out;
  switch (http.kind) {
    case 'ok':
      out.found.push(item('tls.policy-fetched', { url: fact.url, address: http.address ?? fact.address ?? null, protocol: http.tls.protocol, certificate: certificateData(http.tls.certificate) }));
      break;
    case 'wrong-content-type':
      out.found.push(item('tls.policy-fetched', { url: fact.url, address: http.address ?? fact.address ?? null, protocol: http.tls.protocol, certificate: certificateData(http.tls.certificate) }));
      out.findings.push(finding(CHECK, 'tls.mta-sts-invalid', 'warning', { ...where, part: 'content-type', contentType: http.contentType, problems: [] }, {}));
      break;
    case 'redirect':
      fetchFailed('redirect', { status: http.status, location: http.location });
      break;
    case 'status':
      fetchFailed('status', { status: http.status });
      break;
    case 'too-large':
      fetchFailed('too-large', { limit: http.limit, declared: http.declared ?? null });
      break;
    case 'tls-error':
      fetchFailed('certificate', { reason: http.reason, code: http.code, expired: http.expired ?? null, nameMatches: http.nameMatches ?? null, certificate: certificateData(http.certificate) });
      break;
    case 'timeout':
      fetchFailed('unreachable', { phase: http.phase, timeoutMs: http.timeoutMs, code: 'timeout', address: http.address ?? fact.address ?? null }, true);
      break;
    case 'network-error':
      fetchFailed('unreachable', { phase: http.phase, code: http.code, address: http.address ?? fact.address ?? null }, true);
      break;
    case 'invalid-url':
      fetchFailed('unreachable', { phase: 'connect', code: http.reason }, true);
      break;
  }
  if (fact.body !== undefined) out.body = fact.body;
  return out;
}

/** The policy's own problems, its mode, and whether every MX host matches its patterns. */
function judgePolicy(domain: string, mx: MxFact, fact: MtaStsPolicyFact, body: string): PolicyOutcome & { policy?: MtaStsPolicy } {
  const out: PolicyOutcome & { policy?: MtaStsPolicy } = { status: 'complete', findings: [], found: [], data: {} };
  const parsed = parseMtaStsPolicy(body);
  const problems: Problem[] = [...(fact.bodyNotUtf8 ? [{ code: 'mta-sts.policy-not-utf8' }] : []), ...parsed.problems];
  const where = { domain, source: fact.source, url: fact.url, file: fact.file ?? null };
  out.data.problems = problems;
  if (!parsed.policy) {
    out.findings.push(finding(CHECK, 'tls.mta-sts-invalid', 'warning', { ...where, part: 'policy', usable: false, problems }, {}));
    out.data.status = 'invalid';
    return out;
  }
  const policy = parsed.policy;
  out.policy = policy;
  out.data.status = 'ok';
  if (problems.length > 0) out.findings.push(finding(CHECK, 'tls.mta-sts-invalid', 'info', { ...where, part: 'policy', usable: true, problems }, {}));
  out.found.push(item('tls.policy', { mode: policy.mode, maxAge: policy.maxAge, mx: policy.mx }));
  if (policy.mode === 'testing') out.findings.push(finding(CHECK, 'tls.mta-sts-testing', 'info', { domain, maxAge: policy.maxAge }, {}));
  const hosts: Data[] = [];
  // Only a policy that senders apply (enforce, testing) and MX hosts that could be read are matched.
  if (policy.mode !== 'none' && !lookupFailed(mx.lookup)) {
    for (const host of mxNames(mx)) {
      const match = matchMx(policy.mx, host);
      hosts.push({ host, matched: match.matched, pattern: match.matched ? match.pattern : null });
      out.found.push(item('tls.policy-mx', { host, matched: match.matched, pattern: match.matched ? match.pattern : null }));
      if (match.matched) continue;
      const near = match.nearMiss;
      out.findings.push(finding(CHECK, 'tls.mta-sts-mx-mismatch', policy.mode === 'enforce' ? 'error' : 'warning', {
        domain, host, mode: policy.mode, patterns: policy.mx,
        nearMiss: near ? { reason: near.reason, pattern: near.pattern, ...(near.reason === 'wildcard-depth' ? { labels: near.labels } : {}) } : null,
        trap: near?.reason === 'wildcard-depth' && near.trap ? near.trap : null,
        suggestions: match.suggestions,
      }, { data: { line: `mx: ${match.suggestions[match.suggestions.length - 1] ?? host}` } }));
    }
  }
  out.data.hosts = hosts;
  return out;
}

/**
 * Transport security and brand records: MTA-STS (RFC 8461: the `_mta-sts` record, the policy
 * fetched as senders fetch it, every MX host against its patterns), TLS reporting (RFC 8460),
 * BIMI. Shown, not scored, except an enforced policy that does not match the MX: mail from
 * MTA-STS senders then fails (report/score.ts).
 */
export const tlsCheck: DomainCheck = {
  id: CHECK,
  docs: '#what-is-checked',
  requires: ['mx', 'policyRecords', 'mtaStsPolicy'],
  findings: [
    spec('tls.mta-sts-missing', 'info'), spec('tls.mta-sts-invalid', ['warning', 'info']), spec('tls.mta-sts-fetch-failed', 'warning'),
    spec('tls.mta-sts-mx-mismatch', ['error', 'warning']), spec('tls.mta-sts-testing', 'info'),
    spec('tls.tls-rpt-missing', 'info'), spec('tls.tls-rpt-invalid', ['warning', 'info']), spec('dns.lookup-failed', 'warning'),
  ],
  run({ domain, mx, policyRecords, mtaStsPolicy }) {
    const findings: Finding[] = [];
    const found: FoundItem[] = [];
    let status: CheckStatus = 'complete';
    const { mtaSts, tlsRpt, bimi } = policyRecords;
    const receives = mx.hosts.length > 0;
    const data: Record<string, unknown> = { mtaSts: mtaSts.records[0] ?? null, tlsRpt: tlsRpt.records[0] ?? null };

    // MTA-STS: the TXT record (§3.1).
    let mtaStsId: string | null = null;
    if (lookupFailed(mtaSts.lookup)) {
      status = 'partial';
      findings.push(lookupFailedFinding(CHECK, mtaSts.lookup, 'mta-sts'));
    } else if (mtaSts.all.some((t) => mtaSts.records.includes(t) || looksLikeVersion(t, 'STSv1'))) {
      for (const r of mtaSts.all.filter((t) => mtaSts.records.includes(t) || looksLikeVersion(t, 'STSv1'))) found.push(recordItem(mtaSts.lookup.name, 'TXT', r));
      const selected = selectMtaStsRecord(mtaSts.all);
      mtaStsId = selected.record?.id ?? null;
      if (selected.problems.length > 0) {
        findings.push(finding(CHECK, 'tls.mta-sts-invalid', selected.record ? 'info' : 'warning', { domain, part: 'record', name: mtaSts.lookup.name, usable: selected.record !== undefined, problems: selected.problems }, {}));
      }
    } else if (receives) {
      found.push(item('tls.none', { standard: 'mta-sts' }));
      findings.push(finding(CHECK, 'tls.mta-sts-missing', 'info', { domain }, {}));
    }
    data.mtaStsId = mtaStsId;

    // MTA-STS: the policy (§3.2, §3.3) and the MX hosts against it (§4.1).
    const policyData: Data = { status: 'not-published', source: mtaStsPolicy.source === 'none' ? null : mtaStsPolicy.source, url: mtaStsPolicy.url, file: mtaStsPolicy.file ?? null, mode: null, maxAge: null, mx: [], hosts: [], problems: [] };
    if (mtaStsPolicy.skipped === 'offline') {
      policyData.status = 'skipped';
      found.push(item('tls.policy-offline', { url: mtaStsPolicy.url }));
    } else if (mtaStsPolicy.source !== 'none') {
      const fetched = judgeFetch(domain, mtaStsPolicy);
      findings.push(...fetched.findings);
      found.push(...fetched.found);
      Object.assign(policyData, fetched.data);
      if (fetched.status === 'partial') status = 'partial';
      if (mtaStsPolicy.http) {
        const h = mtaStsPolicy.http;
        policyData.http = { kind: h.kind, status: 'status' in h ? h.status : null, contentType: 'contentType' in h ? h.contentType : null, location: 'location' in h ? h.location : null };
        policyData.address = mtaStsPolicy.address ?? null;
      }
      if (fetched.body !== undefined) {
        const judged = judgePolicy(domain, mx, mtaStsPolicy, fetched.body);
        findings.push(...judged.findings);
        found.push(...judged.found);
        Object.assign(policyData, judged.data);
        if (judged.policy) Object.assign(policyData, { mode: judged.policy.mode, maxAge: judged.policy.maxAge, mx: judged.policy.mx });
      }
    }
    data.mtaStsPolicy = policyData;

    // TLS reporting (RFC 8460 §3).
    let rua: string[] = [];
    if (lookupFailed(tlsRpt.lookup)) {
      status = 'partial';
      findings.push(lookupFailedFinding(CHECK, tlsRpt.lookup, 'tls-rpt'));
    } else if (tlsRpt.all.some((t) => tlsRpt.records.includes(t) || looksLikeVersion(t, 'TLSRPTv1'))) {
      for (const r of tlsRpt.all.filter((t) => tlsRpt.records.includes(t) || looksLikeVersion(t, 'TLSRPTv1'))) found.push(recordItem(tlsRpt.lookup.name, 'TXT', r));
      const selected = selectTlsRpt(tlsRpt.all);
      rua = selected.record?.rua.map((u) => u.uri) ?? [];
      if (selected.problems.length > 0) {
        findings.push(finding(CHECK, 'tls.tls-rpt-invalid', selected.record ? 'info' : 'warning', { domain, name: tlsRpt.lookup.name, usable: selected.record !== undefined, problems: selected.problems }, {
          record: { name: `_smtp._tls.${domain}.`, type: 'TXT', value: `v=TLSRPTv1; rua=${rua.join(',') || `mailto:tls-reports@${domain}`}` },
        }));
      }
    } else if (receives) {
      found.push(item('tls.none', { standard: 'tls-rpt' }));
      findings.push(finding(CHECK, 'tls.tls-rpt-missing', 'info', { domain }, { record: { name: `_smtp._tls.${domain}.`, type: 'TXT', value: `v=TLSRPTv1; rua=mailto:tls-reports@${domain}` } }));
    }
    data.tlsRptRua = rua;

    data.bimi = bimi.records[0] ?? null;
    if (bimi.records.length > 0) for (const r of bimi.records) found.push(recordItem(bimi.lookup.name, 'TXT', r));
    // The JSON keeps its first three fields in their order: mtaSts, tlsRpt, bimi.
    const { mtaSts: m, tlsRpt: r, bimi: b, ...rest } = data;
    return { status, findings, found, data: { mtaSts: m, tlsRpt: r, bimi: b, ...rest } };
  },
};
