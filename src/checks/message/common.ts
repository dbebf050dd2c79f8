// What the checks of `mailcheck message` share: findings that carry their predicted effect at the
// recipients' provider (src/data/message-effects.ts), and the authentication state that both the
// authentication and the bulk-sender checks read.
import type { Check } from '../../core/check.js';
import type { Data, Finding, Severity } from '../../core/finding.js';
import { predictEffect } from '../../data/message-effects.js';
import { organizationalDomain, selectDmarc } from '../../gather/dmarc.js';
import { lookupFailed } from '../../gather/lookup.js';
import type { MessageFacts } from '../../gather/message.js';
import { parseDmarc, startsWithDmarcVersion } from '../../parse/dmarc.js';
import { finding } from '../common.js';

export type MessageCheck = Check<MessageFacts>;

/** A finding with `effect` in its data: what it does at the recipients' provider. */
/** The fix defaults to the catalogue's own for the id (`{}`). */
export function effectFinding(facts: Pick<MessageFacts, 'recipient'>, check: string, id: string, severity: Severity, data: Data, fix: Finding['fix'] = {}): Finding {
  const provider = facts.recipient?.provider ?? 'gmail';
  const effect = predictEffect(id, data, severity, provider);
  return finding(check, id, severity, { ...data, effect }, fix);
}

/** Relaxed alignment: the same organizational domain; strict: the same domain (RFC 7489 §3.1). */
export function aligned(domain: string, fromDomain: string, mode: 'r' | 's'): boolean {
  const a = domain.toLowerCase();
  const b = fromDomain.toLowerCase();
  if (mode === 's') return a === b;
  return organizationalDomain(a) === organizationalDomain(b);
}

export interface DmarcState {
  /** `_dmarc` lookup failed for the domain or the record that applies. */
  failed: boolean;
  /** The record that applies, or null when there is none. */
  record: string | null;
  recordDomain: string | null;
  policy: string | null;
  adkim: 'r' | 's';
  aspf: 'r' | 's';
  inherited: boolean;
}

export interface AuthState {
  fromDomain: string | null;
  /** SPF's result for the sending IP (null: not evaluated). */
  spf: string | null;
  spfDomain: string | null;
  spfAligned: boolean;
  /** Verified signatures, their d= and whether each aligns with From. */
  dkimPass: { domain: string; aligned: boolean }[];
  dkimAligned: boolean;
  /** Signatures whose key lookup failed: their result is not known. */
  dkimUnknown: number;
  dmarc: DmarcState | null;
  /** DMARC passes (SPF or DKIM aligned); null when it cannot be said (no record, lookups failed, nothing to judge). */
  dmarcPass: boolean | null;
  /** Neither SPF nor DKIM passes, for any domain: Gmail's "unauthenticated". */
  unauthenticated: boolean;
}

export function dmarcState(facts: Pick<MessageFacts, 'dmarc' | 'fromDomain'>): DmarcState | null {
  const fact = facts.dmarc;
  if (!fact) return null;
  const applied = selectDmarc(fact);
  const failedLookup = fact.lookups.find((l) => lookupFailed(l.lookup) && (l === applied || l.domain === fact.domain));
  const base: DmarcState = { failed: Boolean(failedLookup), record: null, recordDomain: null, policy: null, adkim: 'r', aspf: 'r', inherited: false };
  if (failedLookup || !applied) return base;
  const text = applied.records.find(startsWithDmarcVersion);
  if (!text) return base;
  const { record } = parseDmarc(text);
  const inherited = applied.domain !== fact.domain;
  return { ...base, record: text, recordDomain: applied.domain, policy: (inherited ? (record.sp ?? record.p) : record.p) ?? null, adkim: record.adkim ?? 'r', aspf: record.aspf ?? 'r', inherited };
}

export function authState(facts: Pick<MessageFacts, 'dkim' | 'spf' | 'dmarc' | 'fromDomain'>): AuthState {
  const fromDomain = facts.fromDomain;
  const dmarc = dmarcState(facts);
  const adkim = dmarc?.adkim ?? 'r';
  const aspf = dmarc?.aspf ?? 'r';
  const evaluation = facts.spf?.evaluation ?? null;
  const spf = evaluation?.result.result ?? null;
  const spfDomain = evaluation?.domain ?? null;
  const spfAligned = spf === 'pass' && fromDomain !== null && spfDomain !== null && aligned(spfDomain, fromDomain, aspf);
  const signatures = facts.dkim?.signatures ?? [];
  const dkimPass = signatures.filter((s) => s.result === 'pass').map((s) => ({ domain: s.domain, aligned: fromDomain !== null && aligned(s.domain, fromDomain, adkim) }));
  const dkimAligned = dkimPass.some((s) => s.aligned);
  const dkimUnknown = signatures.filter((s) => s.result === 'temperror').length;
  let dmarcPass: boolean | null = null;
  if (dmarc?.record) {
    if (spfAligned || dkimAligned) dmarcPass = true;
    // Fail only when SPF was evaluated and nothing unknown could still have passed.
    else if (evaluation !== null && spf !== 'temperror' && dkimUnknown === 0) dmarcPass = false;
  }
  const unauthenticated = evaluation !== null && spf !== 'pass' && spf !== 'temperror' && dkimPass.length === 0 && dkimUnknown === 0;
  return { fromDomain, spf, spfDomain, spfAligned, dkimPass, dkimAligned, dkimUnknown, dmarc, dmarcPass, unauthenticated };
}

/** The record to publish when a domain has no DMARC record (the `domain` command's suggestion). */
export function suggestedDmarc(fromDomain: string): { name: string; type: string; value: string } {
  const org = organizationalDomain(fromDomain);
  return { name: `_dmarc.${org}.`, type: 'TXT', value: `v=DMARC1; p=none; rua=mailto:dmarc-reports@${org}` };
}
