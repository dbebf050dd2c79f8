import { finding, type Check, type CheckStatus, type FoundItem } from '../core/check.js';
import type { Finding, RecordFix, Severity } from '../core/finding.js';
import { OWN_MX, sendingServiceById, serviceInclude, serviceName, type ServiceKind } from '../data/sending-services.js';
import type { SourceAggregate } from '../dmarc-report/aggregate.js';
import { organizationalDomain, type DmarcReportFacts, type SourceIdentity } from '../gather/dmarc-report.js';
import { selectDmarc } from '../gather/dmarc.js';
import { lookupFailed } from '../gather/lookup.js';
import type { PolicyPublished } from '../parse/dmarc-report.js';
import { formatDmarc, parseDmarc, startsWithDmarcVersion, type DmarcPolicy, type DmarcRecord } from '../parse/dmarc.js';
import { formatSpf, parseSpf, type SpfRecord } from '../parse/spf.js';
import { item, lookupFailedFinding, recordItem, spec } from './common.js';
import { reportMailbox } from './dmarc.js';
import { mergeSpf } from './spf.js';

// The verdict of `mailcheck dmarc-report`: who sends as the domain, who is not aligned and why, what is
// forwarding and what is forgery, and whether p=quarantine would now hurt real mail. Pure: the aggregate
// of the reports and the DNS facts in, findings with fixes out (the SPF include to add, the DKIM to turn on
// at which service, the DMARC record to publish next).
//
// Sources are grouped by who they are (src/gather/dmarc-report.ts names them): a known service, the
// domain's own MX, a third party the mail authenticated as (its d= or MAIL FROM organizational domain),
// or nobody. The failing messages of a group are then split (from per-source counts; a record's
// combination of results is not kept, so these are estimates on the safe side):
//   forwarded — mail of the domain relayed by someone else: the reporter said so (override reason
//               forwarded, mailing_list, trusted_forwarder), or it carries the domain's own DKIM signature,
//               broken on the way, from a mailbox provider or an unknown host (an ESP with a broken
//               signature of the domain is that ESP's set-up, not forwarding);
//   sender    — the rest from a service, the domain's own MX or a third party: real mail, badly set up;
//   forgery   — the rest from nobody: no identity, no authentication of any domain.

export const SENDERS = 'dmarc-senders';
export const RECORD = 'dmarc-record';
export const VERDICT = 'dmarc-verdict';

/** A group's failing mail counts once it is this share of the group's messages… */
export const SIGNIFICANT_SHARE = 0.01;
/** …or this many messages. */
export const SIGNIFICANT_MESSAGES = 100;
/** Broken forwarding blocks quarantine past this share of the legitimate mail. */
export const FORWARDING_BLOCKS_SHARE = 0.02;
/** Reports must cover this many days before the verdict can say "ready" (weekly senders show up). */
export const MIN_DAYS = 7;
/** Unknown sources drawn one per line; the rest are summed in one line. */
export const UNKNOWN_LINES = 10;
/** Named groups drawn one per line. */
export const GROUP_LINES = 40;
const SAMPLE = 5;

export type GroupKind = ServiceKind | 'own' | 'third-party' | 'unknown';

export interface SenderGroup {
  /** `service:<id>`, `own-mx`, `domain:<organizational domain>`, `ip:<ip>`. */
  key: string;
  /** Sending-service id (`own-mx` for the domain's MX), or null. */
  service: string | null;
  /** The display name: the service's, the third party's domain, or the IP's PTR name. */
  name: string;
  kind: GroupKind;
  sources: number;
  /** The busiest IPs (at most 5). */
  ips: string[];
  ptr: string | null;
  /** What became of the PTR lookup of its busiest IP. */
  ptrStatus: string;
  messages: number;
  dmarcPass: number;
  spfAligned: number;
  dkimAligned: number;
  /** Passed on SPF alone / on DKIM alone (aligned). */
  spfOnly: number;
  dkimOnly: number;
  /** Failing messages that are forwarded mail of the domain. */
  forwardedFail: number;
  /** Failing messages sent by this group itself. */
  senderFail: number;
  /** Failing messages that would pass with relaxed alignment (adkim/aspf=s). */
  strictFail: number;
  /** Messages whose SPF was checked on the domain's own organization and did not pass. */
  spfOwnFail: number;
  /** Passing DKIM d= domains that are not aligned (the service's own), busiest first. */
  dkimDomains: string[];
  /** Passing SPF (MAIL FROM) domains that are not aligned, busiest first. */
  spfDomains: string[];
}

export interface SenderAnalysis {
  groups: SenderGroup[];
  /** Messages that are not forgery (what quarantine could hurt). */
  legitimate: number;
  legitimateFailing: number;
  forwardedPass: number;
  forwardedFail: number;
  forgery: number;
  forgerySources: number;
  findings: Finding[];
  /** Ids of the findings that keep the domain from p=quarantine. */
  blocking: string[];
  /** The policy in force: the DNS record's when known, else the latest report's. */
  policy: DmarcPolicy | null;
  /** The record the next step builds on, and where it lives. */
  base: { name: string; record: DmarcRecord; source: 'dns' | 'reports' };
  days: number;
}

const FORWARD_REASONS = ['forwarded', 'mailing_list', 'trusted_forwarder'];

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function significant(failing: number, messages: number): boolean {
  return failing > 0 && (share(failing, messages) >= SIGNIFICANT_SHARE || failing >= SIGNIFICANT_MESSAGES);
}

/** The From organizational domain of a source (its busiest From domain), or the policy domain's. */
function fromOrg(source: SourceAggregate, fallback: string): string {
  return organizationalDomain(source.headerFrom[0]?.domain || fallback);
}

interface SourceSplit {
  forwardedFail: number;
  strictFail: number;
  spfOwnFail: number;
  authDomain: string | undefined;
  dkimDomains: string[];
  spfDomains: string[];
}

function splitSource(s: SourceAggregate, org: string, policy: PolicyPublished | undefined, kind: GroupKind): SourceSplit {
  const fail = s.messages - s.dmarcPass;
  const ownSignatures = s.dkim.filter((d) => organizationalDomain(d.domain) === org);
  const brokenOwn = ownSignatures.reduce((n, d) => n + (d.messages - d.pass), 0);
  const reasons = FORWARD_REASONS.reduce((n, r) => n + (s.reasons[r] ?? 0), 0);
  const relayed = kind === 'mailbox' || kind === 'unknown' || kind === 'third-party' ? Math.max(brokenOwn, reasons) : reasons;
  const forwardedFail = Math.min(fail, relayed);
  // Passing on a domain of the same organization but not aligned: only strict mode does that.
  const strictDkim = policy?.adkim === 's' ? Math.max(0, ...ownSignatures.map((d) => d.pass - d.aligned)) : 0;
  const strictSpf = policy?.aspf === 's' ? Math.max(0, ...s.spf.filter((x) => organizationalDomain(x.domain) === org).map((x) => x.pass - x.aligned)) : 0;
  const strictFail = Math.min(fail - forwardedFail, Math.max(strictDkim, strictSpf));
  const spfOwnFail = s.spf.filter((x) => organizationalDomain(x.domain) === org).reduce((n, x) => n + (x.messages - x.pass), 0);
  const dkimDomains = s.dkim.filter((d) => d.pass > 0 && organizationalDomain(d.domain) !== org).map((d) => d.domain);
  const spfDomains = s.spf.filter((x) => x.pass > 0 && x.domain !== '' && organizationalDomain(x.domain) !== org).map((x) => x.domain);
  const authDomain = dkimDomains[0] ?? spfDomains[0];
  return { forwardedFail, strictFail, spfOwnFail, authDomain: authDomain === undefined ? undefined : organizationalDomain(authDomain), dkimDomains, spfDomains };
}

function kindOf(identity: SourceIdentity | undefined): GroupKind {
  if (!identity?.service) return 'unknown';
  if (identity.service === OWN_MX) return 'own';
  return sendingServiceById(identity.service)?.kind ?? 'esp';
}

function addUnique(list: string[], values: readonly string[], max = SAMPLE): void {
  for (const v of values) if (list.length < max && !list.includes(v)) list.push(v);
}

/** The groups of a domain's sources, busiest first. */
export function senderGroups(facts: DmarcReportFacts): SenderGroup[] {
  const policy = facts.aggregate.policies[0]?.policy;
  const groups = new Map<string, SenderGroup>();
  for (const s of facts.aggregate.sources) {
    const identity = facts.identities[s.ip];
    let kind = kindOf(identity);
    const org = fromOrg(s, facts.domain);
    let split = splitSource(s, org, policy, kind);
    let key: string;
    let name: string;
    let service: string | null = identity?.service ?? null;
    if (kind === 'own') [key, name] = [OWN_MX, facts.domain];
    else if (service !== null) [key, name] = [`service:${service}`, serviceName(service)];
    else if (split.authDomain !== undefined && split.forwardedFail < s.messages - s.dmarcPass) {
      // Mail that authenticated as another organization: a service we do not know (or mail relayed by it).
      kind = 'third-party';
      split = splitSource(s, org, policy, kind);
      [key, name] = [`domain:${split.authDomain}`, split.dkimDomains[0] ?? split.spfDomains[0] ?? (split.authDomain as string)];
    } else [key, name, service] = [`ip:${s.ip}`, identity?.ptr ?? s.ip, null];
    let g = groups.get(key);
    if (!g) {
      g = {
        key, service, name, kind, sources: 0, ips: [], ptr: identity?.ptr ?? null, ptrStatus: identity?.ptrStatus ?? 'skipped',
        messages: 0, dmarcPass: 0, spfAligned: 0, dkimAligned: 0, spfOnly: 0, dkimOnly: 0,
        forwardedFail: 0, senderFail: 0, strictFail: 0, spfOwnFail: 0, dkimDomains: [], spfDomains: [],
      };
      groups.set(key, g);
    }
    const fail = s.messages - s.dmarcPass;
    g.sources++;
    addUnique(g.ips, [s.ip]);
    g.messages += s.messages;
    g.dmarcPass += s.dmarcPass;
    g.spfAligned += s.spfAligned;
    g.dkimAligned += s.dkimAligned;
    g.spfOnly += s.alignment.spfOnly;
    g.dkimOnly += s.alignment.dkimOnly;
    g.forwardedFail += split.forwardedFail;
    g.senderFail += fail - split.forwardedFail;
    g.strictFail += split.strictFail;
    g.spfOwnFail += split.spfOwnFail;
    addUnique(g.dkimDomains, split.dkimDomains, 3);
    addUnique(g.spfDomains, split.spfDomains, 3);
  }
  return [...groups.values()].sort((a, b) => b.messages - a.messages || (a.key < b.key ? -1 : 1));
}

/** The DMARC record in DNS for the domain (parsed), or the one the reports show, with rua kept or suggested. */
function baseRecord(facts: DmarcReportFacts): SenderAnalysis['base'] {
  const applied = facts.policy.dmarc ? selectDmarc(facts.policy.dmarc) : undefined;
  const text = applied?.records.find(startsWithDmarcVersion);
  if (applied && text) {
    const { record } = parseDmarc(text);
    return { name: `_dmarc.${applied.domain}.`, record, source: 'dns' };
  }
  const published = facts.aggregate.policies[0]?.policy;
  const record: DmarcRecord = { p: published?.p ?? 'none', rua: [reportMailbox(organizationalDomain(facts.domain))], ruf: [], other: [] };
  if (published?.sp) record.sp = published.sp;
  if (published?.adkim === 's') record.adkim = 's';
  if (published?.aspf === 's') record.aspf = 's';
  if (published?.pct !== undefined && published.pct < 100) record.pct = published.pct;
  return { name: `_dmarc.${facts.domain}.`, record, source: 'reports' };
}

function dmarcFix(name: string, record: DmarcRecord): RecordFix {
  return { name, type: 'TXT', value: formatDmarc(record) };
}

/**
 * The policy domain's SPF record with one more mechanism (a service's include, or `mx`), or a new record.
 * `has` when the record already has it (then SPF fails for another reason: no fix to give); `unknown`
 * when the record could not be read (offline, a failed lookup, several records, a syntax error).
 */
function spfWith(facts: DmarcReportFacts, mechanism: string): RecordFix | 'has' | 'unknown' {
  const spf = facts.policy.spf;
  if (!spf || lookupFailed(spf.lookup) || spf.records.length > 1) return 'unknown';
  const text = spf.records[0];
  const added = parseSpf(`v=spf1 ${mechanism} ~all`);
  if (!added.ok) return 'unknown';
  let record: SpfRecord = added.record;
  if (text !== undefined) {
    const current = parseSpf(text);
    if (!current.ok) return 'unknown';
    if (current.record.terms.some((t) => t.kind === 'mechanism' && `${t.name}${t.domainSpec ? `:${t.domainSpec}` : ''}` === mechanism)) return 'has';
    record = mergeSpf([current.record, added.record]);
  }
  return { name: `${facts.domain}.`, type: 'TXT', value: formatSpf(record) };
}

function groupData(g: SenderGroup, domain: string): Record<string, unknown> {
  return {
    name: g.name, service: g.service, kind: g.kind, domain, messages: g.messages, dmarcPass: g.dmarcPass,
    failing: g.senderFail, share: share(g.senderFail, g.messages), sources: g.sources, ips: g.ips,
    spfAligned: g.spfAligned, dkimAligned: g.dkimAligned, dkimDomains: g.dkimDomains, spfDomains: g.spfDomains,
  };
}

const analyses = new WeakMap<DmarcReportFacts, SenderAnalysis>();

/** Groups, splits and findings of a domain's senders, and what blocks quarantine. Memoized per facts. */
export function analyzeSenders(facts: DmarcReportFacts): SenderAnalysis {
  const cached = analyses.get(facts);
  if (cached) return cached;
  const domain = facts.domain;
  const groups = senderGroups(facts);
  const base = baseRecord(facts);
  const policy = base.source === 'dns' ? (base.record.p ?? null) : (facts.aggregate.policies[0]?.policy.p ?? null);
  const enforcing = policy === 'quarantine' || policy === 'reject';
  const findings: Finding[] = [];
  const blocking = new Set<string>();
  let forgery = 0;
  let forgerySources = 0;
  const forgeryIps: string[] = [];
  let forwardedFail = 0;
  let forwardedPass = 0;
  const forwardersPass: string[] = [];
  const forwardersFail: string[] = [];
  let legitimateFailing = 0;

  for (const g of groups) {
    forwardedFail += g.forwardedFail;
    if (g.kind === 'mailbox' || g.kind === 'unknown') {
      forwardedPass += g.dkimOnly;
      if (g.dkimOnly > 0) addUnique(forwardersPass, [g.name]);
    }
    if (g.forwardedFail > 0) addUnique(forwardersFail, [g.name]);
    if (g.kind === 'unknown') {
      if (g.senderFail > 0) {
        forgery += g.senderFail;
        forgerySources++;
        addUnique(forgeryIps, g.ips);
      }
      continue;
    }
    legitimateFailing += g.senderFail;
    const data = groupData(g, domain);
    if (g.strictFail > 0 && significant(g.strictFail, g.messages)) {
      const relaxed: DmarcRecord = { ...base.record };
      delete relaxed.adkim;
      delete relaxed.aspf;
      findings.push(finding(SENDERS, 'dmarc-report.strict-alignment', enforcing ? 'error' : 'warning', { ...data, strict: g.strictFail, adkim: facts.aggregate.policies[0]?.policy.adkim ?? 'r', aspf: facts.aggregate.policies[0]?.policy.aspf ?? 'r' }, {
        record: dmarcFix(base.name, relaxed),
      }));
      blocking.add('dmarc-report.strict-alignment');
    }
    const rest = g.senderFail - g.strictFail;
    if (significant(rest, g.messages)) {
      const mechanism = g.kind === 'own' ? 'mx' : g.service ? serviceInclude(g.service) : undefined;
      const include = mechanism === undefined ? undefined : mechanism === 'mx' ? 'mx' : `include:${mechanism}`;
      // The include helps only when SPF was checked on the domain itself and failed there.
      const spf = include !== undefined && g.spfOwnFail > 0 ? spfWith(facts, include) : 'has';
      const spfRecord = typeof spf === 'object' ? spf : undefined;
      const severity: Severity = enforcing ? 'error' : 'warning';
      findings.push(finding(SENDERS, 'dmarc-report.unaligned-service', severity, { ...data, failing: rest, share: share(rest, g.messages) }, {
        advice: g.kind === 'own' ? 'dmarc-report.fix-own' : g.kind === 'third-party' ? 'dmarc-report.fix-third-party' : 'dmarc-report.fix-service',
        data: { include: spf === 'has' ? null : (include ?? null), spfOnDomain: g.spfOwnFail > 0, spfRecord: spfRecord !== undefined, hint: g.service },
        ...(spfRecord && { record: spfRecord }),
      }));
      blocking.add('dmarc-report.unaligned-service');
    }
    // Passing on SPF alone breaks as soon as the mail is forwarded.
    if (g.kind !== 'third-party' && g.spfOnly > 0 && g.dmarcPass > 0 && share(g.spfOnly, g.dmarcPass) >= 0.5 && share(g.dkimAligned, g.messages) < 0.5) {
      findings.push(finding(SENDERS, 'dmarc-report.spf-only', 'info', { ...data, spfOnly: g.spfOnly }, { advice: g.kind === 'own' ? 'dmarc-report.dkim-own' : 'dmarc-report.dkim-service', data: { hint: g.service } }));
    }
  }
  const legitimate = groups.reduce((n, g) => n + g.messages, 0) - forgery;
  if (forwardedPass > 0) {
    findings.push(finding(SENDERS, 'dmarc-report.forwarding', 'info', { domain, messages: forwardedPass, via: forwardersPass.slice(0, 3) }, null));
  }
  if (forwardedFail > 0) {
    const blocks = share(forwardedFail, legitimate) > FORWARDING_BLOCKS_SHARE;
    findings.push(finding(SENDERS, 'dmarc-report.forwarding-broken', blocks ? 'warning' : 'info', { domain, messages: forwardedFail, share: share(forwardedFail, legitimate), via: forwardersFail.slice(0, 3) }, { advice: 'dmarc-report.forwarding-broken' }));
    if (blocks) blocking.add('dmarc-report.forwarding-broken');
  }
  if (forgery > 0) {
    findings.push(finding(SENDERS, 'dmarc-report.forgery', 'info', { domain, messages: forgery, sources: forgerySources, ips: forgeryIps, share: share(forgery, forgery + legitimate), policy }, null));
  }
  const t = facts.aggregate.totals;
  const days = t.begin !== undefined && t.end !== undefined ? Math.round(((t.end - t.begin) / 86400) * 10) / 10 : 0;
  const analysis: SenderAnalysis = { groups, legitimate, legitimateFailing: legitimateFailing + (blocking.has('dmarc-report.forwarding-broken') ? forwardedFail : 0), forwardedPass, forwardedFail, forgery, forgerySources, findings, blocking: [...blocking], policy, base, days };
  analyses.set(facts, analysis);
  return analysis;
}

function fixed(n: number): number {
  return Math.round(n * 10000) / 10000;
}

/** Who sends as the domain, grouped by service, and what is wrong with each. */
export const sendersCheck: Check<DmarcReportFacts> = {
  id: SENDERS,
  docs: '#mailcheck-dmarc-report--read-the-aggregate-reports',
  requires: ['aggregate', 'identities'],
  findings: [
    spec('dmarc-report.unaligned-service', ['warning', 'error']), spec('dmarc-report.strict-alignment', ['warning', 'error']),
    spec('dmarc-report.spf-only', 'info'), spec('dmarc-report.forwarding', 'info'), spec('dmarc-report.forwarding-broken', ['info', 'warning']),
    spec('dmarc-report.forgery', 'info'),
  ],
  run(facts) {
    const a = analyzeSenders(facts);
    const t = facts.aggregate.totals;
    const found: FoundItem[] = [item('dmarc-report.totals', { reports: t.reports, duplicates: t.duplicates, messages: t.messages, dmarcPass: t.dmarcPass, share: share(t.dmarcPass, t.messages), reporters: facts.aggregate.reporters.length, begin: t.begin ?? null, end: t.end ?? null, sources: t.sources })];
    const named = a.groups.filter((g) => g.kind !== 'unknown');
    const unknown = a.groups.filter((g) => g.kind === 'unknown');
    const line = (g: SenderGroup) => item('dmarc-report.group', { name: g.name, service: g.service, kind: g.kind, ptr: g.ptr, ptrStatus: g.ptrStatus, ips: g.ips, sources: g.sources, messages: g.messages, dmarcPass: g.dmarcPass, spfAligned: g.spfAligned, dkimAligned: g.dkimAligned, forwarded: g.forwardedFail });
    for (const g of named.slice(0, GROUP_LINES)) found.push(line(g));
    for (const g of unknown.slice(0, UNKNOWN_LINES)) found.push(line(g));
    const rest = [...named.slice(GROUP_LINES), ...unknown.slice(UNKNOWN_LINES)];
    if (rest.length > 0) found.push(item('dmarc-report.more', { groups: rest.length, sources: rest.reduce((n, g) => n + g.sources, 0), messages: rest.reduce((n, g) => n + g.messages, 0) }));
    if (t.droppedMessages > 0) found.push(item('dmarc-report.dropped', { records: t.droppedRecords, messages: t.droppedMessages }));
    return {
      status: 'complete',
      findings: a.findings,
      found,
      data: { legitimate: a.legitimate, legitimateFailing: a.legitimateFailing, forwardedPass: a.forwardedPass, forwardedFail: a.forwardedFail, forgery: a.forgery, share: fixed(share(t.dmarcPass, t.messages)) },
    };
  },
};

/** The domain's DMARC record now, beside the policy the reports saw. */
export const recordCheck: Check<DmarcReportFacts> = {
  id: RECORD,
  docs: '#mailcheck-dmarc-report--read-the-aggregate-reports',
  requires: ['policy', 'aggregate'],
  findings: [spec('dmarc-report.record-missing', 'warning'), spec('dns.lookup-failed', 'warning')],
  run(facts) {
    const found: FoundItem[] = [];
    const findings: Finding[] = [];
    const published = facts.aggregate.policies[0];
    if (published) found.push(item('dmarc-report.published', { ...published.policy, domain: published.domain, reports: published.reports }));
    const dmarc = facts.policy.dmarc;
    if (!dmarc) return { status: 'skipped', findings, found, data: { record: null } };
    const applied = selectDmarc(dmarc);
    const failed = dmarc.lookups.find((l) => lookupFailed(l.lookup));
    if (!applied || (failed && (failed === applied || failed.domain === facts.domain))) {
      return { status: 'failed', findings: failed ? [lookupFailedFinding(RECORD, failed.lookup, 'dmarc')] : [], found, data: { record: null } };
    }
    const text = applied.records.find(startsWithDmarcVersion);
    if (!text) {
      const record: DmarcRecord = { p: 'none', rua: [reportMailbox(dmarc.orgDomain)], ruf: [], other: [] };
      findings.push(finding(RECORD, 'dmarc-report.record-missing', 'warning', { domain: facts.domain, searched: dmarc.lookups.map((l) => `_dmarc.${l.domain}`) }, { record: { name: `_dmarc.${dmarc.orgDomain}.`, type: 'TXT', value: formatDmarc(record) } }));
      return { status: 'complete', findings, found, data: { record: null } };
    }
    found.push(recordItem(`_dmarc.${applied.domain}`, 'TXT', text));
    return { status: 'complete', findings, found, data: { record: text, recordDomain: applied.domain } };
  },
};

/** The step after the current policy: none → quarantine, quarantine at pct < 100 → 100, quarantine → reject. */
export function nextPolicy(record: DmarcRecord): DmarcRecord | undefined {
  if (record.p === 'reject' && (record.pct === undefined || record.pct >= 100)) return undefined;
  if (record.p === 'quarantine' && record.pct !== undefined && record.pct < 100) {
    const next = { ...record };
    delete next.pct;
    return next;
  }
  if (record.p === 'quarantine') return { ...record, p: 'reject' };
  if (record.p === 'reject') {
    const next = { ...record };
    delete next.pct;
    return next;
  }
  const next: DmarcRecord = { ...record, p: 'quarantine' };
  delete next.pct;
  return next;
}

/** Would p=quarantine (or the next step) hurt real mail now? */
export const verdictCheck: Check<DmarcReportFacts> = {
  id: VERDICT,
  docs: '#mailcheck-dmarc-report--read-the-aggregate-reports',
  requires: ['aggregate', 'identities', 'policy'],
  findings: [spec('dmarc-report.not-enough-data', 'warning'), spec('dmarc-report.not-ready', ['warning', 'error']), spec('dmarc-report.ready', 'info'), spec('dmarc-report.enforced', 'info')],
  run(facts) {
    const a = analyzeSenders(facts);
    const t = facts.aggregate.totals;
    const findings: Finding[] = [];
    const status: CheckStatus = 'complete';
    const blocking = [...a.blocking];
    const base = { domain: facts.domain, policy: a.policy, messages: t.messages, days: a.days, legitimate: a.legitimate, failing: a.legitimateFailing, share: fixed(share(a.legitimate - a.legitimateFailing, a.legitimate)) };
    if (t.messages === 0 || a.days < MIN_DAYS) {
      findings.push(finding(VERDICT, 'dmarc-report.not-enough-data', 'warning', { ...base, minDays: MIN_DAYS }, null));
      blocking.push('dmarc-report.not-enough-data');
    }
    const next = nextPolicy(a.base.record);
    const ready = blocking.length === 0;
    if (!ready) {
      findings.push(finding(VERDICT, 'dmarc-report.not-ready', a.policy === 'quarantine' || a.policy === 'reject' ? 'error' : 'warning', { ...base, blocking }, null));
    } else if (!next) {
      findings.push(finding(VERDICT, 'dmarc-report.enforced', 'info', base, null));
    } else {
      findings.push(finding(VERDICT, 'dmarc-report.ready', 'info', { ...base, next: next.p ?? null }, { record: dmarcFix(a.base.name, next) }));
    }
    return {
      status,
      findings,
      found: [],
      data: { readyForQuarantine: ready, blocking, nextRecord: ready && next ? formatDmarc(next) : null, nextRecordName: a.base.name, recordSource: a.base.source, policy: a.policy, days: a.days },
    };
  },
};

export const DMARC_REPORT_CHECKS: readonly Check<DmarcReportFacts>[] = [sendersCheck, recordCheck, verdictCheck];
