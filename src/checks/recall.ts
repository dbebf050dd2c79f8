import type { Check, FoundItem } from '../core/check.js';
import type { Data, Finding, Severity } from '../core/finding.js';
import { familyOf, providerById, providerOfMx, serviceOfInclude, tenantOfDkimTarget, type ProviderFamily } from '../data/providers.js';
import { rulesForSender, type RecallRule } from '../data/recall-rules.js';
import type { RecallDomainFact } from '../gather/recall.js';
import type { LookupFact } from '../gather/lookup.js';
import { lookupFailed } from '../gather/lookup.js';
import { finding } from './common.js';

// `mailcheck recall`: per recipient, can the message still be taken back, and what to do right now.
// Pure: the facts are each side's provider evidence (gather/recall.ts), the sending time, the clock, and
// what the user told us (read? fetched by a mail program? a competitor?). The rules are data
// (src/data/recall-rules.ts); here they are applied. Every reason and piece of advice is an id with data;
// the words live in the catalogue (`labels: recall.reason.<id>`, `advice: recall.<id>`).

const CHECK = 'recall';

export type Verdict = 'possible' | 'possible-if' | 'not-possible' | 'unknown';
export const VERDICTS: readonly Verdict[] = ['possible', 'possible-if', 'not-possible', 'unknown'];
export type Answer = 'yes' | 'no' | 'unknown';

/** possible and possible-if are "recallable" (exit 0); unknown and not-possible are not (exit 1). */
export const VERDICT_SEVERITY: Readonly<Record<Verdict, Severity>> = { possible: 'info', 'possible-if': 'info', unknown: 'warning', 'not-possible': 'error' };

export interface RecallRecipient {
  address: string;
  domain: string;
  field: 'to' | 'cc' | 'bcc';
}

export interface RecallFacts {
  sender: { address: string; domain: string };
  recipients: RecallRecipient[];
  /** Epoch ms the message was sent, when known. */
  sentAt: number | null;
  /** Epoch ms now (the run's clock). */
  now: number;
  read: Answer;
  fetched: Answer;
  /** Addresses and domains the user marked as competitors (lower case). */
  competitors: string[];
  /** What DNS said about each domain (gather/recall.ts), by domain. */
  domains: Record<string, RecallDomainFact>;
}

/** How a mailbox provider was told: the provider's own mail domain, its MX hosts, or the domain's SPF includes. */
export type ProviderEvidence = 'consumer-domain' | 'mx' | 'spf';

/** Who holds one side's mailbox, as far as DNS can tell. */
export interface SideInfo {
  domain: string;
  provider: string | null;
  providerName: string | null;
  family: ProviderFamily;
  via: ProviderEvidence | null;
  /** A filtering gateway named by the MX, in front of the mailbox. */
  gateway: string | null;
  /** The tenant named by DKIM CNAMEs (a hint, never proof). */
  tenant: string | null;
  mx: string[];
  /** The MX lookup failed: nothing is known. */
  failed: LookupFact | null;
  /** The domain has no MX and no mail server (nxdomain or no records). */
  noMx: boolean;
}

export interface Reason {
  id: string;
  data?: Data;
}

export interface AdviceItem {
  id: string;
  data?: Data;
}

export interface RecipientVerdict {
  address: string;
  field: RecallRecipient['field'];
  domain: string;
  verdict: Verdict;
  /** The rule row applied (src/data/recall-rules.ts), when one was. */
  rule: string | null;
  confidence: 'high' | 'low' | null;
  reasons: Reason[];
  /** What to do now, most urgent first. */
  advice: AdviceItem[];
  competitor: boolean;
  side: SideInfo;
}

/** A provider that holds mailboxes (not a gateway in front of one, not a sending service). */
function mailboxProvider(id: string | undefined): boolean {
  const p = id ? providerById(id) : undefined;
  return p !== undefined && p.kind !== 'gateway' && p.kind !== 'sending';
}

/** The provider evidence of one domain. */
export function classifySide(domain: string, fact: RecallDomainFact | undefined): SideInfo {
  const base: SideInfo = { domain, provider: null, providerName: null, family: 'other', via: null, gateway: null, tenant: null, mx: fact?.mx?.hosts ?? [], failed: null, noMx: false };
  const set = (id: string, via: ProviderEvidence): SideInfo => {
    const p = providerById(id);
    base.provider = id;
    base.providerName = p?.name ?? id;
    base.family = familyOf(id);
    base.via = via;
    return base;
  };
  if (!fact) {
    // Never looked up (past the gatherer's cap): nothing is known, as after a failed lookup.
    base.failed = { name: domain, type: 'MX', outcome: 'error', error: 'not looked up' };
    return base;
  }
  if (fact.consumer) return set(fact.consumer, 'consumer-domain');
  if (fact.mx && lookupFailed(fact.mx.lookup)) {
    base.failed = fact.mx.lookup;
    return base;
  }
  const hosts = fact.mx?.hosts ?? [];
  base.noMx = hosts.length === 0;
  for (const host of hosts) {
    const p = providerOfMx(host);
    if (p?.kind === 'gateway' && !base.gateway) base.gateway = p.id;
  }
  const byMx = hosts.map((h) => providerOfMx(h)).find((p) => p !== undefined && mailboxProvider(p.id));
  if (byMx) set(byMx.id, 'mx');
  else {
    const bySpf = (fact.spf?.targets ?? []).map((t) => serviceOfInclude(t)).find((p) => p !== undefined && mailboxProvider(p.id) && p.mx !== undefined);
    if (bySpf) set(bySpf.id, 'spf');
  }
  const patterns = base.provider ? providerById(base.provider)?.dkimTenant : undefined;
  if (patterns) {
    for (const d of fact.dkim ?? []) {
      const tenant = d.target ? tenantOfDkimTarget(d.target, patterns) : undefined;
      if (tenant) {
        base.tenant = tenant;
        break;
      }
    }
  }
  return base;
}

/** Two sides share an MX host: the same mail system, whoever runs it. */
function shareMx(a: SideInfo, b: SideInfo): boolean {
  return a.mx.some((h) => b.mx.includes(h));
}

interface Evaluation {
  verdict: Verdict;
  rule: RecallRule | null;
  reasons: Reason[];
  /** The recall is done by an administrator (advice: ask them). */
  admin: boolean;
}

const RANK: Readonly<Record<Verdict, number>> = { possible: 3, 'possible-if': 2, unknown: 1, 'not-possible': 0 };
/** Client and plan requirements that are conditions (the recall fails without them), not just how-to. */
const CONDITION_CLIENTS = new Set(['zoho-paid', 'workspace-enterprise']);

const MINUTE = 60_000;

/** One rule row applied to one recipient. */
export function evaluateRule(rule: RecallRule, sender: SideInfo, recipient: SideInfo, facts: Pick<RecallFacts, 'sentAt' | 'now' | 'read' | 'fetched'>): Evaluation {
  const blockers: Reason[] = [];
  const conditions: Reason[] = [];
  const notes: Reason[] = [];
  const sameDomain = sender.domain === recipient.domain;
  const provider = { provider: sender.providerName, recipientProvider: recipient.providerName };
  const otherSystem = () => blockers.push({ id: 'different-systems', data: { ...provider, recipientDomain: recipient.domain } });
  switch (rule.scope) {
    case 'same-domain':
      if (sameDomain) notes.push({ id: 'same-domain', data: { domain: sender.domain } });
      else if (recipient.provider === sender.provider) blockers.push({ id: 'other-domain', data: { ...provider, domain: sender.domain, recipientDomain: recipient.domain } });
      else otherSystem();
      break;
    case 'same-tenant':
      if (sameDomain) notes.push({ id: 'same-domain', data: { domain: sender.domain } });
      else if (recipient.provider !== sender.provider) otherSystem();
      else if (sender.tenant && recipient.tenant && sender.tenant === recipient.tenant) conditions.push({ id: 'tenant-hint-same', data: { ...provider, tenant: sender.tenant } });
      else if (sender.tenant && recipient.tenant) blockers.push({ id: 'tenant-hint-different', data: { ...provider, tenant: sender.tenant, recipientTenant: recipient.tenant } });
      else conditions.push({ id: 'tenant-unknown', data: { ...provider, domain: sender.domain, recipientDomain: recipient.domain } });
      break;
    case 'same-provider':
    case 'same-family': {
      const reaches = rule.reaches ?? (sender.provider ? [sender.provider] : []);
      if (recipient.provider && reaches.includes(recipient.provider)) notes.push({ id: rule.scope, data: { ...provider, family: sender.family } });
      else if (recipient.family === sender.family && recipient.family !== 'other') blockers.push({ id: 'outside-reach', data: { ...provider, reaches: [...(rule.reaches ?? [])].map((id) => providerById(id)?.name ?? id) } });
      else otherSystem();
      break;
    }
    case 'any':
      break;
    case 'none':
      blockers.push({ id: 'no-recall', data: provider });
      break;
  }

  const w = rule.window;
  if (w.kind === 'minutes') {
    if (facts.sentAt === null) conditions.push({ id: 'window-sent-unknown', data: { minutes: w.minutes } });
    else {
      const elapsed = Math.max(0, facts.now - facts.sentAt);
      const deadlineAt = facts.sentAt + w.minutes * MINUTE;
      if (elapsed > w.minutes * MINUTE) blockers.push({ id: 'window-closed', data: { minutes: w.minutes, elapsedMinutes: Math.floor(elapsed / MINUTE), deadlineAt } });
      else notes.push({ id: 'window-open', data: { minutes: w.minutes, leftMinutes: Math.floor((w.minutes * MINUTE - elapsed) / MINUTE), deadlineAt } });
    }
  } else if (w.kind === 'unknown') {
    const longest = w.longestClaimedMinutes;
    const elapsed = facts.sentAt === null ? null : Math.max(0, facts.now - facts.sentAt);
    if (longest !== undefined && elapsed !== null && elapsed > longest * MINUTE) blockers.push({ id: 'window-beyond-claims', data: { ...provider, minutes: longest, elapsedMinutes: Math.floor(elapsed / MINUTE) } });
    else conditions.push({ id: 'window-unknown', data: provider });
  }
  else if (w.kind === 'none-stated') notes.push({ id: 'window-none-stated', data: provider });

  if (rule.read === 'not-recallable') {
    if (facts.read === 'yes') blockers.push({ id: 'read' });
    else if (facts.read === 'unknown') conditions.push({ id: 'unread-needed' });
    else notes.push({ id: 'unread' });
  } else if (rule.read === 'recallable-by-default') {
    if (facts.read === 'yes') conditions.push({ id: 'read-setting', data: { setting: 'Set-OrganizationConfig -RecallReadMessagesEnabled' } });
    else notes.push({ id: 'read-recallable' });
  } else if (rule.read === 'recallable') notes.push({ id: 'read-recallable' });
  else if (facts.read === 'yes') conditions.push({ id: 'read-not-stated' });

  if (rule.fetched === 'not-recallable') {
    if (facts.fetched === 'yes') blockers.push({ id: 'fetched' });
    else if (facts.fetched === 'unknown') conditions.push({ id: 'not-fetched-needed' });
    else notes.push({ id: 'not-fetched' });
  } else if (facts.fetched === 'yes') conditions.push({ id: 'fetched-not-stated' });

  if (rule.admin?.default === 'off') conditions.push({ id: 'admin-must-enable', data: { setting: rule.admin.setting } });
  else if (rule.admin?.default === 'on') notes.push({ id: 'admin-default-on', data: { setting: rule.admin.setting } });
  for (const client of rule.client ?? []) (CONDITION_CLIENTS.has(client) ? conditions : notes).push({ id: `client.${client}` });
  for (const limit of rule.limits ?? []) notes.push({ id: `limit.${limit}` });
  if (rule.mechanism === 'admin-recall') conditions.push({ id: 'ask-admin', data: provider });
  if (rule.confidence === 'low') conditions.push({ id: 'low-confidence', data: { rule: rule.id } });

  const base = { rule, admin: rule.mechanism === 'admin-recall' };
  if (blockers.length > 0) return { ...base, verdict: 'not-possible', reasons: blockers };
  if (conditions.length > 0) return { ...base, verdict: 'possible-if', reasons: [...conditions, ...notes] };
  return { ...base, verdict: 'possible', reasons: notes };
}

function best(evaluations: Evaluation[]): Evaluation | undefined {
  let top: Evaluation | undefined;
  for (const e of evaluations) if (!top || RANK[e.verdict] > RANK[top.verdict]) top = e;
  return top;
}

/** What to do now, ranked for the case (the field's practice: correction at once, never resend the wrong file). */
export function adviceFor(verdict: Verdict, e: { rule: RecallRule | null; admin: boolean; undo: { seconds: number; rule: string } | null }, competitor: boolean): AdviceItem[] {
  const out: AdviceItem[] = [];
  const manager = () => (competitor ? out.push({ id: 'recall.tell-manager' }) : undefined);
  const rule = e.rule?.id;
  if (verdict === 'possible' || verdict === 'possible-if') {
    if (e.undo) out.push({ id: 'recall.undo-now', data: { seconds: e.undo.seconds, rule: e.undo.rule } });
    if (rule && e.admin) out.push({ id: 'recall.ask-admin', data: { rule } });
    else if (rule) out.push({ id: 'recall.now', data: { rule } });
    if (rule) out.push({ id: 'recall.read-report', data: { rule } });
    out.push({ id: 'recall.correction-if-failed' });
    manager();
    if (verdict === 'possible-if') out.push({ id: 'recall.call' });
    out.push({ id: 'recall.no-resend' });
    return out;
  }
  out.push({ id: 'recall.correction' });
  manager();
  if (verdict === 'unknown') out.push({ id: 'recall.try-internal' });
  out.push({ id: 'recall.call' });
  out.push({ id: 'recall.no-resend' });
  if (!competitor) out.push({ id: 'recall.tell-manager-if-competitor' });
  return out;
}

function isCompetitor(address: string, domain: string, competitors: readonly string[]): boolean {
  const a = address.toLowerCase();
  return competitors.some((c) => c === a || c === domain || domain.endsWith(`.${c}`));
}

/** The verdict for one recipient. */
export function judgeRecipient(sender: SideInfo, recipient: SideInfo, facts: Pick<RecallFacts, 'sentAt' | 'now' | 'read' | 'fetched'>): Omit<RecipientVerdict, 'address' | 'field' | 'domain' | 'competitor' | 'advice' | 'side'> & { admin: boolean; undo: { seconds: number; rule: string } | null } {
  const none = { rule: null, confidence: null, admin: false, undo: null } as const;
  if (sender.failed) return { ...none, verdict: 'unknown', reasons: [{ id: 'lookup-failed', data: { side: 'sender', domain: sender.domain, outcome: sender.failed.outcome } }] };
  if (recipient.failed) return { ...none, verdict: 'unknown', reasons: [{ id: 'lookup-failed', data: { side: 'recipient', domain: recipient.domain, outcome: recipient.failed.outcome } }] };
  const sameDomain = sender.domain === recipient.domain;
  const provider = { provider: sender.providerName, recipientProvider: recipient.providerName };
  if (recipient.noMx && !recipient.provider && !sameDomain) return { ...none, verdict: 'not-possible', reasons: [{ id: 'recipient-no-mx', data: { recipientDomain: recipient.domain } }] };
  if (!sender.provider) {
    if (sameDomain || shareMx(sender, recipient)) return { ...none, verdict: 'unknown', reasons: [{ id: 'system-unknown', data: { domain: sender.domain, mx: sender.mx.slice(0, 3) } }] };
    return { ...none, verdict: 'not-possible', reasons: [{ id: 'different-systems', data: { ...provider, recipientDomain: recipient.domain } }] };
  }
  const rules = rulesForSender(sender.provider, sender.domain);
  const recalls = rules.filter((r) => (r.mechanism === 'recall' || r.mechanism === 'admin-recall') && !r.fallbackOf);
  const delay = rules.find((r) => r.mechanism === 'send-delay');
  const noRecall = rules.find((r) => r.mechanism === 'none');
  let top: Evaluation | undefined = best(recalls.map((r) => evaluateRule(r, sender, recipient, facts)));
  if (!top) {
    if (rules.length === 0 && (recipient.provider === sender.provider || sameDomain)) top = { verdict: 'unknown', rule: null, admin: false, reasons: [{ id: 'no-rule', data: provider }] };
    else if (noRecall) top = { verdict: 'not-possible', rule: noRecall, admin: false, reasons: [{ id: 'no-recall', data: provider }] };
    else top = { verdict: 'not-possible', rule: null, admin: false, reasons: [{ id: 'different-systems', data: { ...provider, recipientDomain: recipient.domain } }] };
  }
  // "Undo send" is a send delay: only in its first seconds, and only from the sending screen.
  let undo: { seconds: number; rule: string } | null = null;
  if (delay && delay.window.kind === 'seconds' && top.verdict === 'not-possible') {
    const seconds = delay.window.seconds;
    const open = facts.sentAt !== null && facts.now - facts.sentAt <= seconds * 1000;
    if (open) {
      undo = { seconds, rule: delay.id };
      top = { verdict: 'possible-if', rule: delay, admin: false, reasons: [{ id: 'undo-send-open', data: { seconds, rule: delay.id } }, ...top.reasons] };
    } else top = { ...top, reasons: [...top.reasons, { id: 'undo-send-only', data: { seconds, rule: delay.id } }] };
  }
  // Across providers the general truth decides (SMTP has no recall), not the sender's provider row.
  const rule = top.verdict === 'not-possible' && top.reasons[0]?.id === 'different-systems' ? null : top.rule;
  return { verdict: top.verdict, rule: rule?.id ?? null, confidence: rule?.confidence ?? null, reasons: top.reasons, admin: top.admin, undo: rule?.mechanism === 'send-delay' ? undo : null };
}

/** Every recipient judged: the data of `mailcheck recall`. */
export function judgeAll(facts: RecallFacts): { sender: SideInfo; recipients: RecipientVerdict[] } {
  const sides = new Map<string, SideInfo>();
  const side = (domain: string) => {
    let s = sides.get(domain);
    if (!s) sides.set(domain, (s = classifySide(domain, facts.domains[domain])));
    return s;
  };
  const sender = side(facts.sender.domain);
  const recipients = facts.recipients.map((r): RecipientVerdict => {
    const s = side(r.domain);
    const j = judgeRecipient(sender, s, facts);
    const competitor = isCompetitor(r.address, r.domain, facts.competitors);
    const rule = j.rule ? rulesForSender(sender.provider ?? '', sender.domain).find((x) => x.id === j.rule) ?? null : null;
    const advice = adviceFor(j.verdict, { rule: rule?.mechanism === 'send-delay' ? null : rule, admin: j.admin, undo: j.undo }, competitor);
    return { address: r.address, field: r.field, domain: r.domain, verdict: j.verdict, rule: j.rule, confidence: j.confidence, reasons: j.reasons, advice, competitor, side: s };
  });
  return { sender, recipients };
}

export const recallCheck: Check<RecallFacts> = {
  id: CHECK,
  docs: '#mailcheck-recall--can-this-mis-sent-mail-still-be-recalled',
  requires: ['sender', 'recipients', 'domains'],
  findings: VERDICTS.map((v) => ({ id: `recall.${v}`, severity: VERDICT_SEVERITY[v] })),
  run(facts) {
    const { sender, recipients } = judgeAll(facts);
    const findings: Finding[] = recipients.map((r) => {
      const first = r.advice[0];
      const data: Data = { recipient: r.address, field: r.field, domain: r.domain, verdict: r.verdict, provider: r.side.provider, providerName: r.side.providerName, rule: r.rule, confidence: r.confidence, reasons: r.reasons, advice: r.advice, competitor: r.competitor, sender: facts.sender.address, senderProvider: sender.providerName };
      return finding(CHECK, `recall.${r.verdict}`, VERDICT_SEVERITY[r.verdict], data, first ? { advice: first.id, data: { ...first.data } } : null);
    });
    const failed = [sender, ...recipients.map((r) => r.side)].some((s) => s.failed);
    const found: FoundItem[] = [];
    return {
      status: failed ? 'partial' : 'complete',
      findings,
      found,
      data: { sender: { address: facts.sender.address, ...sender }, recipients },
    };
  },
};
