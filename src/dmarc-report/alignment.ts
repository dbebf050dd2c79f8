import type { AlignmentMode, DkimResult, PolicyPublished, ReportRecord, SpfResult, SpfScope } from '../parse/dmarc-report.js';

// Identifier alignment (RFC 7489 §3.1, RFC 9989 §4.4): an authenticated domain is aligned with the
// RFC5322.From domain when equal (strict), or when both have the same organizational domain (relaxed).
// Pure: the organizational-domain function is a parameter (the project's is organizationalDomain in
// src/gather/dmarc.ts, PSL via tldts), so this layer needs no PSL of its own.

/** Organizational domain of a lower-case domain name (e.g. `mail.example.co.uk` → `example.co.uk`). */
export type OrgDomainFn = (domain: string) => string;

export function isAligned(authDomain: string, fromDomain: string, mode: AlignmentMode, orgDomain: OrgDomainFn): boolean {
  if (authDomain === '' || fromDomain === '') return false;
  if (authDomain === fromDomain) return true;
  if (mode === 's') return false;
  return orgDomain(authDomain) === orgDomain(fromDomain);
}

export interface DkimVerdict {
  domain: string;
  selector?: string;
  result: DkimResult;
  /** Passed and aligned with the From domain. */
  aligned: boolean;
}

export interface SpfVerdict {
  domain: string;
  scope?: SpfScope;
  result: SpfResult;
  /** Counts for DMARC: the MAIL FROM identity (a HELO result only for a null reverse-path, as RFC 7489 allows). */
  eligible: boolean;
  /** Passed, eligible, and aligned with the From domain. */
  aligned: boolean;
}

/** What one report record says, recomputed from its raw SPF/DKIM results and the published policy. */
export interface RecordVerdict {
  /** Some DKIM signature passed, on any domain. */
  dkimPass: boolean;
  /** Some eligible SPF result passed, on any domain. */
  spfPass: boolean;
  dkimAligned: boolean;
  spfAligned: boolean;
  /** DMARC pass: SPF or DKIM passed aligned. */
  dmarcPass: boolean;
  /** The reporter's own verdict (`policy_evaluated` dkim or spf = pass), which may differ from ours. */
  reporterPass: boolean;
  dkim: DkimVerdict[];
  spf: SpfVerdict[];
}

export function evaluateRecord(record: ReportRecord, policy: PolicyPublished, orgDomain: OrgDomainFn): RecordVerdict {
  const from = record.identifiers.headerFrom;
  const adkim = policy.adkim ?? 'r';
  const aspf = policy.aspf ?? 'r';
  const dkim = record.authResults.dkim.map((d): DkimVerdict => ({
    ...d,
    aligned: d.result === 'pass' && isAligned(d.domain, from, adkim, orgDomain),
  }));
  const nullSender = record.identifiers.envelopeFrom === '';
  const spf = record.authResults.spf.map((s): SpfVerdict => {
    const eligible = s.scope !== 'helo' || nullSender;
    return { ...s, eligible, aligned: eligible && s.result === 'pass' && isAligned(s.domain, from, aspf, orgDomain) };
  });
  const dkimAligned = dkim.some((d) => d.aligned);
  const spfAligned = spf.some((s) => s.aligned);
  const evaluated = record.row.policyEvaluated;
  return {
    dkimPass: dkim.some((d) => d.result === 'pass'),
    spfPass: spf.some((s) => s.eligible && s.result === 'pass'),
    dkimAligned,
    spfAligned,
    dmarcPass: dkimAligned || spfAligned,
    reporterPass: evaluated.dkim === 'pass' || evaluated.spf === 'pass',
    dkim,
    spf,
  };
}
