import type { Finding, Severity } from '../../core/finding.js';
import { lookupFailed } from '../../gather/lookup.js';
import type { MessageFacts } from '../../gather/message.js';
import { couldNotCheck, item, lookupFailedFinding, spec, type CheckStatus, type FoundItem } from '../common.js';
import { aligned, authState, effectFinding, suggestedDmarc, type MessageCheck } from './common.js';

const CHECK = 'auth';

/** Whether the message carries what a received copy carries (a Received line, a signature) or an IP was given. */
export function isReceivedCopy(facts: Pick<MessageFacts, 'sending' | 'anatomy'>): boolean {
  return facts.sending.hops.length > 0 || facts.anatomy.headers.count('dkim-signature') > 0 || facts.sending.ipSource === 'option';
}

/**
 * Authentication of a received copy: every DKIM signature verified (mail/dkim), SPF for the sending IP
 * (the first public Received hop, or --ip) and the envelope domain, DMARC alignment for the From domain,
 * the sending IP's reverse DNS (FCrDNS) and TLS on the last hop. Authentication-Results and ARC sets are
 * shown as what a receiver said. Under the bulk-sender rules, each failure is an error with the code it
 * causes. A draft (no Received line, no signature, no --ip) is not judged here.
 */
export const authCheck: MessageCheck = {
  id: CHECK,
  docs: '#mailcheck-message--will-this-mail-land-in-the-inbox',
  requires: ['sending', 'anatomy', 'dkim', 'spf', 'dmarc', 'rdns', 'bulk', 'recipient', 'fromDomain'],
  findings: [
    spec('auth.dkim-none', ['error', 'warning']), spec('auth.dkim-fail', ['error', 'warning']), spec('auth.dkim-weak-key', ['error', 'warning']),
    spec('auth.spf-fail', 'error'), spec('auth.spf-softfail', ['error', 'warning']), spec('auth.spf-none', ['error', 'warning']),
    spec('auth.dmarc-fail', ['error', 'warning']), spec('auth.dmarc-missing', ['error', 'warning']), spec('auth.tls-missing', ['error', 'warning']),
    spec('rdns.missing', 'error'), spec('rdns.mismatch', 'error'), spec('dns.lookup-failed', 'warning'),
  ],
  run(facts) {
    const { sending, fromDomain } = facts;
    const bulk = facts.bulk.applies;
    const findings: Finding[] = [];
    const found: FoundItem[] = [];
    let status: CheckStatus = 'complete';
    const add = (id: string, severity: Severity, data: Record<string, unknown>, fix: Finding['fix'] = {}) => findings.push(effectFinding(facts, CHECK, id, severity, { ...data, bulk }, fix));

    for (const ar of sending.authResults) {
      found.push(item('message.auth-results', { server: ar.server, results: ar.results.map((r) => `${r.method}=${r.result}`) }));
    }
    if (sending.arc) found.push(item('message.arc', { ...sending.arc }));

    if (!isReceivedCopy(facts)) {
      found.unshift(item('message.draft', { fromDomain }));
      return { status: 'skipped', findings, found, data: { received: false } };
    }
    const state = authState(facts);
    const data: Record<string, unknown> = { received: true, sentFrom: null, dkim: [], spf: null, dmarc: null, rdns: null, arc: sending.arc, authenticationResults: sending.authResults };

    // Where it came from.
    if (sending.ip) {
      const hop = sending.trusted;
      const from = { ip: sending.ip, source: sending.ipSource, helo: sending.helo, rdns: hop?.rdns ?? null, by: hop?.by ?? null, tls: sending.tls ?? null };
      data.sentFrom = from;
      found.push(item('message.sent-from', from));
    } else if (sending.submissionOnly) {
      found.push(item('message.submission-only', { ip: sending.trusted?.ip ?? null, by: sending.trusted?.by ?? null }));
    } else {
      found.push(item('message.no-ip', {}));
    }

    // DKIM.
    const signatures = facts.dkim?.signatures ?? [];
    const dkimData: Record<string, unknown>[] = [];
    for (const s of signatures) {
      const row = {
        domain: s.domain, selector: s.selector, algorithm: s.algorithm, canonicalization: s.canonicalization, result: s.result, code: s.code,
        keyBits: s.keyBits ?? null, keyType: s.keyType ?? null, aligned: fromDomain !== null && s.domain !== '' && aligned(s.domain, fromDomain, state.dmarc?.adkim ?? 'r'),
        headersSigned: s.headersSigned, unsignedBodyBytes: s.unsignedBodyBytes,
      };
      dkimData.push(row);
      found.push(item('message.dkim', row));
    }
    data.dkim = dkimData;
    const judged = signatures.filter((s) => s.result !== 'temperror');
    for (const s of signatures.filter((x) => x.result === 'temperror')) {
      status = 'partial';
      findings.push(couldNotCheck(CHECK, 'dkim-key', { name: `${s.selector}._domainkey.${s.domain}`, type: 'TXT', domain: s.domain, selector: s.selector, outcome: String(s.data.outcome ?? 'timeout') }));
    }
    if (signatures.length === 0) {
      add('auth.dkim-none', bulk || state.unauthenticated ? 'error' : 'warning', { fromDomain, unauthenticated: state.unauthenticated });
    } else {
      const passing = signatures.filter((s) => s.result === 'pass');
      for (const s of judged) {
        if (s.result === 'pass') continue;
        if (s.code === 'dkim.key-too-small') {
          add('auth.dkim-weak-key', 'error', { domain: s.domain, selector: s.selector, bits: s.keyBits ?? 0 });
          continue;
        }
        add('auth.dkim-fail', passing.length === 0 ? 'error' : 'warning', {
          domain: s.domain, selector: s.selector, result: s.result, code: s.code, reason: s.data, others: passing.length, unauthenticated: state.unauthenticated,
        });
      }
      for (const s of passing) {
        if (s.keyType === 'rsa' && (s.keyBits ?? 0) < 2048) add('auth.dkim-weak-key', 'warning', { domain: s.domain, selector: s.selector, bits: s.keyBits ?? 0 });
      }
    }

    // SPF.
    const evaluation = facts.spf?.evaluation ?? null;
    if (evaluation) {
      const r = evaluation.result;
      const spfData = { ip: evaluation.ip, domain: evaluation.domain, sender: evaluation.sender, source: sending.mailFrom?.source ?? null, result: r.result, matched: r.matched?.term ?? null, aligned: state.spfAligned };
      data.spf = spfData;
      found.push(item('message.spf', spfData));
      const spfFacts = { ip: evaluation.ip, domain: evaluation.domain, source: sending.mailFrom?.source ?? null, result: r.result, matched: r.matched?.term ?? null, problem: r.problem, unauthenticated: state.unauthenticated };
      if (r.result === 'fail' || r.result === 'permerror') add('auth.spf-fail', 'error', spfFacts);
      else if (r.result === 'softfail' || r.result === 'neutral') add('auth.spf-softfail', bulk ? 'error' : 'warning', spfFacts);
      else if (r.result === 'none') add('auth.spf-none', bulk ? 'error' : 'warning', spfFacts);
      else if (r.result === 'temperror') {
        status = 'partial';
        findings.push(couldNotCheck(CHECK, 'spf-ip', { ip: evaluation.ip, problem: r.problem }));
      }
    } else if (facts.spf?.record) {
      const rec = facts.spf.record;
      data.spf = { domain: rec.domain, present: rec.present, result: null };
      found.push(item('message.spf-record', { domain: rec.domain, present: rec.present }));
      if (lookupFailed(rec.lookup)) {
        status = 'partial';
        findings.push(couldNotCheck(CHECK, 'spf-txt', { domain: rec.domain, outcome: rec.lookup.outcome }));
      } else if (!rec.present) {
        add('auth.spf-none', bulk ? 'error' : 'warning', { ip: null, domain: rec.domain, source: sending.mailFrom?.source ?? null, result: 'none', matched: null, problem: null, unauthenticated: false });
      }
    }

    // DMARC.
    const dmarc = state.dmarc;
    if (fromDomain && facts.dmarc) {
      if (dmarc?.failed) {
        status = 'partial';
        const failed = facts.dmarc.lookups.find((l) => lookupFailed(l.lookup));
        if (failed) findings.push(lookupFailedFinding(CHECK, failed.lookup, 'dmarc'));
      } else if (!dmarc?.record) {
        add('auth.dmarc-missing', bulk ? 'error' : 'warning', { domain: fromDomain, searched: facts.dmarc.lookups.map((l) => `_dmarc.${l.domain}`) }, { record: suggestedDmarc(fromDomain) });
      } else {
        const dmarcData = {
          domain: fromDomain, recordDomain: dmarc.recordDomain, record: dmarc.record, policy: dmarc.policy, inherited: dmarc.inherited,
          pass: state.dmarcPass, spfAligned: state.spfAligned, dkimAligned: state.dkimAligned,
        };
        data.dmarc = dmarcData;
        found.push(item('message.dmarc', dmarcData));
        if (state.dmarcPass === false) {
          const enforcing = dmarc.policy === 'reject' || dmarc.policy === 'quarantine';
          add('auth.dmarc-fail', enforcing || bulk ? 'error' : 'warning', {
            domain: fromDomain, policy: dmarc.policy, spf: state.spf, spfDomain: state.spfDomain, dkimDomains: state.dkimPass.map((d) => d.domain), unauthenticated: state.unauthenticated,
          });
        } else if (state.dmarcPass === null && (state.dkimUnknown > 0 || state.spf === 'temperror')) status = 'partial';
      }
    }

    // Reverse DNS of the sending IP (Gmail requires FCrDNS of every sender).
    const rdns = facts.rdns;
    if (rdns) {
      data.rdns = { ip: rdns.ip, status: rdns.status, ptr: rdns.ptr, confirmed: rdns.fcrdns ?? null };
      found.push(item('message.rdns', { ip: rdns.ip, ptr: rdns.ptr, status: rdns.status, confirmed: rdns.fcrdns ?? null }));
      const who = { ip: rdns.ip, role: 'sender', host: null };
      if (rdns.status !== 'ok' && rdns.status !== 'missing') {
        status = 'partial';
        findings.push(couldNotCheck(CHECK, 'ptr', { ip: rdns.ip, outcome: rdns.status }));
      } else if (rdns.status === 'missing') add('rdns.missing', 'error', who);
      else if (rdns.fcrdns === undefined) {
        status = 'partial';
        findings.push(couldNotCheck(CHECK, 'ptr-forward', { ip: rdns.ip, names: rdns.failedForward }));
      } else if (!rdns.fcrdns) add('rdns.mismatch', 'error', { ...who, ptr: rdns.ptr, type: rdns.ip.includes(':') ? 'AAAA' : 'A' });
    }

    // TLS on the hop into the receiver.
    if (sending.ipSource === 'received' && sending.tls === false) {
      add('auth.tls-missing', bulk ? 'error' : 'warning', { ip: sending.ip, by: sending.trusted?.by ?? null, protocol: sending.trusted?.protocol ?? null });
    }
    return { status, findings, found, data };
  },
};
