import type { Finding, Severity } from '../../core/finding.js';
import { BULK_RULES, ONE_CLICK_POST, OPT_OUT_SENTENCE } from '../../data/bulk-senders.js';
import { item, spec, type FoundItem } from '../common.js';
import { authState, effectFinding, type MessageCheck } from './common.js';

const CHECK = 'bulk';

/** The URIs of a List-Unsubscribe value (RFC 2369: `<uri>, <uri>`). */
export function unsubscribeUris(value: string): string[] {
  return [...value.matchAll(/<([^<>]{1,2000})>/g)].map((m) => (m[1] as string).trim());
}

/**
 * The bulk-sender rules of Gmail and Yahoo (Feb 2024) and Microsoft (Outlook.com, May 2025), for a
 * message that looks bulk (List-Unsubscribe, List-Id, Precedence: bulk, an email service provider's
 * headers) or with --bulk: one-click unsubscribe (RFC 8058: an https URI, exactly
 * `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, both headers under a valid DKIM signature). The
 * authentication rules (SPF and DKIM both pass, DMARC published and aligned, FCrDNS, TLS) are judged by
 * the `auth` check, as errors with their codes when these rules apply; this section lists them. A letter
 * from webmail (Exmail, QQ, 163…) cannot carry list headers: a plain opt-out sentence is the advice.
 */
export const bulkCheck: MessageCheck = {
  id: CHECK,
  docs: '#mailcheck-message--will-this-mail-land-in-the-inbox',
  requires: ['anatomy', 'bulk', 'dkim', 'spf', 'dmarc', 'rdns', 'sending', 'recipient', 'fromDomain'],
  findings: [spec('bulk.unsubscribe-missing', ['error', 'info']), spec('bulk.unsubscribe-not-one-click', 'error'), spec('bulk.unsubscribe-unsigned', 'error')],
  run(facts) {
    const { anatomy, bulk } = facts;
    const findings: Finding[] = [];
    const found: FoundItem[] = [];
    const add = (id: string, severity: Severity, data: Record<string, unknown>) => findings.push(effectFinding(facts, CHECK, id, severity, { ...data, webmail: bulk.webmail?.name ?? null }));
    const data: Record<string, unknown> = { applies: bulk.applies, forced: bulk.forced, signals: bulk.signals, esp: bulk.esp, webmail: bulk.webmail, rules: [] };
    if (!bulk.applies) {
      return { status: 'skipped', findings, found: [item('message.bulk-not-applied', { webmail: bulk.webmail?.name ?? null })], data };
    }
    found.push(item('message.bulk-signals', { signals: bulk.signals, forced: bulk.forced, esp: bulk.esp, webmail: bulk.webmail?.name ?? null }));

    // One-click unsubscribe.
    const listUnsubscribe = anatomy.headers.get('list-unsubscribe');
    const post = anatomy.headers.get('list-unsubscribe-post') ?? null;
    const text = anatomy.bodies.map((b) => b.text).join('\n').slice(0, 512 * 1024);
    let unsubscribe: 'one-click' | 'not-one-click' | 'missing' | 'opt-out-sentence' = 'missing';
    if (listUnsubscribe === undefined) {
      if (bulk.webmail) {
        if (OPT_OUT_SENTENCE.test(text) || OPT_OUT_SENTENCE.test(anatomy.html?.text ?? '')) unsubscribe = 'opt-out-sentence';
        else add('bulk.unsubscribe-missing', 'info', {});
      } else add('bulk.unsubscribe-missing', 'error', {});
    } else {
      const uris = unsubscribeUris(listUnsubscribe);
      const https = uris.filter((u) => /^https:\/\//i.test(u));
      const oneClick = https.length > 0 && post !== null && post.trim() === ONE_CLICK_POST;
      if (!oneClick) {
        unsubscribe = 'not-one-click';
        add('bulk.unsubscribe-not-one-click', 'error', { https: https.length > 0, mailto: uris.some((u) => /^mailto:/i.test(u)), post });
      } else {
        unsubscribe = 'one-click';
        // RFC 8058 §3.1: a valid DKIM signature whose h= covers both headers.
        const covered = (facts.dkim?.signatures ?? []).some((s) => s.result === 'pass' && s.headersSigned.includes('list-unsubscribe') && s.headersSigned.includes('list-unsubscribe-post'));
        if (!covered) add('bulk.unsubscribe-unsigned', 'error', { signatures: facts.dkim?.signatures.filter((s) => s.result === 'pass').length ?? 0 });
      }
    }

    // The checklist, from the same facts the auth check judges.
    const state = authState(facts);
    const rdns = facts.rdns;
    const status = (ok: boolean | null) => (ok === null ? 'unknown' : ok ? 'pass' : 'fail');
    const checks: Record<string, boolean | null> = {
      'spf-and-dkim': state.spf === null ? null : state.spf === 'pass' && state.dkimPass.length > 0,
      'dmarc-published': state.dmarc === null || state.dmarc.failed ? null : state.dmarc.record !== null,
      'dmarc-aligned': state.dmarcPass,
      fcrdns: rdns ? (rdns.fcrdns ?? null) : null,
      tls: facts.sending.tls ?? null,
      'one-click-unsubscribe': unsubscribe === 'one-click' && !findings.some((f) => f.id === 'bulk.unsubscribe-unsigned') ? true : unsubscribe === 'opt-out-sentence' ? null : false,
    };
    const rules = BULK_RULES.map((r) => ({ rule: r.id, status: status(checks[r.id] ?? null), codes: r.codes }));
    data.rules = rules;
    data.unsubscribe = unsubscribe;
    for (const r of rules) found.push(item('message.bulk-rule', r));
    if (unsubscribe === 'opt-out-sentence') found.push(item('message.opt-out-sentence', { webmail: bulk.webmail?.name ?? null }));
    return { status: 'complete', findings, found, data };
  },
};
