import type { DmarcAggregateReport, PolicyPublished } from '../parse/dmarc-report.js';
import { evaluateRecord, type OrgDomainFn } from './alignment.js';

// Aggregation of parsed DMARC aggregate reports into one picture per sending IP. Pure and streaming:
// `add(report)` for each report as it is read, `result()` at the end. What is kept grows with the number
// of distinct source IPs (capped), not with rows; per-source detail lists are capped too. The only other
// state is one key per distinct report, for de-duplication.
//
// Every number is a count of messages (the rows' `count`), never of rows. DMARC pass is recomputed from
// the raw results: SPF or DKIM passed *aligned* with the From domain under the policy's adkim/aspf.

export interface AggregateOptions {
  orgDomain: OrgDomainFn;
  /** Keep only reports whose date range ends at or after this time (seconds since the epoch). */
  since?: number;
  /** Keep only reports whose date range begins at or before this time. */
  until?: number;
  /** Most source IPs tracked one by one; rows from further IPs still count in the totals. */
  maxSources?: number;
  /** Most entries in each per-source detail list (DKIM domains, SPF domains, From domains, reporters). */
  maxDetails?: number;
}

export type AddOutcome = 'added' | 'duplicate' | 'out-of-range';

/** Messages by which identifier passed aligned; the four add up to `messages`. */
export interface AlignmentBreakdown {
  both: number;
  dkimOnly: number;
  spfOnly: number;
  none: number;
}

export interface DkimSeen {
  domain: string;
  /** '' when the reporter did not give the selector. */
  selector: string;
  messages: number;
  pass: number;
  /** Passed and aligned with the From domain. */
  aligned: number;
}

export interface SpfSeen {
  domain: string;
  messages: number;
  pass: number;
  aligned: number;
}

export interface SourceAggregate {
  /** Canonical IP text. */
  ip: string;
  messages: number;
  /** SPF or DKIM passed aligned. */
  dmarcPass: number;
  spfAligned: number;
  dkimAligned: number;
  /** SPF passed on any domain (aligned or not): an ESP's own bounce domain, a forwarder… */
  spfPass: number;
  /** Some DKIM signature passed on any domain. */
  dkimPass: number;
  /** Messages the reporters themselves counted as passing (policy_evaluated). */
  reporterPass: number;
  alignment: AlignmentBreakdown;
  /** Messages by disposition applied: none, quarantine, reject, pass, other, unspecified. */
  dispositions: Record<string, number>;
  /** Messages by policy-override reason type (a record may carry several). */
  reasons: Record<string, number>;
  headerFrom: { domain: string; messages: number }[];
  spf: SpfSeen[];
  dkim: DkimSeen[];
  reporters: { org: string; messages: number }[];
  /** Earliest report begin and latest report end this source appears in. */
  firstSeen: number;
  lastSeen: number;
  /** Some detail list hit its cap (the counts above still cover every message). */
  detailTruncated: boolean;
}

export interface ReporterAggregate {
  org: string;
  email: string;
  reports: number;
  messages: number;
}

/** A policy domain and the policy its most recent report showed. */
export interface PolicySeen {
  domain: string;
  policy: PolicyPublished;
  reports: number;
  messages: number;
  /** End of the latest report's date range. */
  lastSeen: number;
}

export interface AggregateTotals {
  /** Distinct reports added. */
  reports: number;
  duplicates: number;
  outOfRange: number;
  records: number;
  /** Records whose count is not a non-negative safe integer (only from reports not built by our parser). */
  invalidRecords: number;
  messages: number;
  dmarcPass: number;
  spfAligned: number;
  dkimAligned: number;
  spfPass: number;
  dkimPass: number;
  reporterPass: number;
  alignment: AlignmentBreakdown;
  dispositions: Record<string, number>;
  /** Distinct source IPs listed in `sources`. */
  sources: number;
  /** Rows and messages from IPs past `maxSources` (in the totals, not in `sources`). */
  droppedRecords: number;
  droppedMessages: number;
  /** Earliest begin and latest end over the reports added; undefined when none. */
  begin?: number;
  end?: number;
  /** A sum passed 2^53 − 1 and was saturated (never with real data). */
  overflow: boolean;
}

export interface DmarcAggregate {
  totals: AggregateTotals;
  /** By messages, most first (then by IP). */
  sources: SourceAggregate[];
  reporters: ReporterAggregate[];
  policies: PolicySeen[];
}

const DEFAULT_MAX_SOURCES = 100_000;
const DEFAULT_MAX_DETAILS = 32;
const ORG_CACHE_SIZE = 10_000;

interface Counter {
  key: string;
  messages: number;
  pass: number;
  aligned: number;
}

interface SourceState {
  ip: string;
  messages: number;
  dmarcPass: number;
  spfAligned: number;
  dkimAligned: number;
  spfPass: number;
  dkimPass: number;
  reporterPass: number;
  alignment: AlignmentBreakdown;
  dispositions: Map<string, number>;
  reasons: Map<string, number>;
  headerFrom: Map<string, Counter>;
  spf: Map<string, Counter & { domain: string }>;
  dkim: Map<string, Counter & { domain: string; selector: string }>;
  reporters: Map<string, Counter & { org: string }>;
  firstSeen: number;
  lastSeen: number;
  detailTruncated: boolean;
}

function emptyAlignment(): AlignmentBreakdown {
  return { both: 0, dkimOnly: 0, spfOnly: 0, none: 0 };
}

function byMessages<T extends { messages: number }>(key: (t: T) => string): (a: T, b: T) => number {
  return (a, b) => b.messages - a.messages || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

export class DmarcAggregator {
  private readonly orgDomain: OrgDomainFn;
  private readonly orgCache = new Map<string, string>();
  private readonly maxSources: number;
  private readonly maxDetails: number;
  private readonly seen = new Set<string>();
  private readonly sources = new Map<string, SourceState>();
  private readonly reporters = new Map<string, ReporterAggregate>();
  private readonly policies = new Map<string, PolicySeen>();
  private readonly totals: AggregateTotals = {
    reports: 0,
    duplicates: 0,
    outOfRange: 0,
    records: 0,
    invalidRecords: 0,
    messages: 0,
    dmarcPass: 0,
    spfAligned: 0,
    dkimAligned: 0,
    spfPass: 0,
    dkimPass: 0,
    reporterPass: 0,
    alignment: emptyAlignment(),
    dispositions: {},
    sources: 0,
    droppedRecords: 0,
    droppedMessages: 0,
    overflow: false,
  };

  constructor(private readonly options: AggregateOptions) {
    this.maxSources = options.maxSources ?? DEFAULT_MAX_SOURCES;
    this.maxDetails = options.maxDetails ?? DEFAULT_MAX_DETAILS;
    const cache = this.orgCache;
    this.orgDomain = (domain) => {
      let org = cache.get(domain);
      if (org === undefined) {
        if (cache.size >= ORG_CACHE_SIZE) cache.clear();
        org = options.orgDomain(domain);
        cache.set(domain, org);
      }
      return org;
    };
  }

  /** Exact addition, saturating (and flagging) past 2^53 − 1. */
  private sum(a: number, b: number): number {
    const s = a + b;
    if (Number.isSafeInteger(s)) return s;
    this.totals.overflow = true;
    return Number.MAX_SAFE_INTEGER;
  }

  /** The key two copies of one report share: reporter, Report-ID (unique per policy domain), policy domain. */
  static reportKey(report: DmarcAggregateReport): string {
    const m = report.metadata;
    const id = m.reportId !== '' ? m.reportId : `\u0001${m.email.toLowerCase()}\u0001${m.dateRange.begin}\u0001${m.dateRange.end}`;
    return `${m.orgName.trim().toLowerCase()}\u0000${id}\u0000${report.policy.domain}`;
  }

  add(report: DmarcAggregateReport): AddOutcome {
    const { begin, end } = report.metadata.dateRange;
    if ((this.options.since !== undefined && end < this.options.since) || (this.options.until !== undefined && begin > this.options.until)) {
      this.totals.outOfRange++;
      return 'out-of-range';
    }
    const key = DmarcAggregator.reportKey(report);
    if (this.seen.has(key)) {
      this.totals.duplicates++;
      return 'duplicate';
    }
    this.seen.add(key);
    const t = this.totals;
    t.reports++;
    t.begin = t.begin === undefined ? begin : Math.min(t.begin, begin);
    t.end = t.end === undefined ? end : Math.max(t.end, end);

    const org = report.metadata.orgName.trim();
    const orgKey = org.toLowerCase();
    let reportMessages = 0;
    for (const record of report.records) {
      const count = record.row.count;
      if (!Number.isSafeInteger(count) || count < 0) {
        t.invalidRecords++;
        continue;
      }
      t.records++;
      reportMessages = this.sum(reportMessages, count);
      const v = evaluateRecord(record, report.policy, this.orgDomain);
      const disposition = record.row.policyEvaluated.disposition ?? 'unspecified';
      const bucket: keyof AlignmentBreakdown = v.dkimAligned && v.spfAligned ? 'both' : v.dkimAligned ? 'dkimOnly' : v.spfAligned ? 'spfOnly' : 'none';

      t.messages = this.sum(t.messages, count);
      if (v.dmarcPass) t.dmarcPass = this.sum(t.dmarcPass, count);
      if (v.spfAligned) t.spfAligned = this.sum(t.spfAligned, count);
      if (v.dkimAligned) t.dkimAligned = this.sum(t.dkimAligned, count);
      if (v.spfPass) t.spfPass = this.sum(t.spfPass, count);
      if (v.dkimPass) t.dkimPass = this.sum(t.dkimPass, count);
      if (v.reporterPass) t.reporterPass = this.sum(t.reporterPass, count);
      t.alignment[bucket] = this.sum(t.alignment[bucket], count);
      t.dispositions[disposition] = this.sum(t.dispositions[disposition] ?? 0, count);

      const source = this.source(record.row.sourceIp, begin, end);
      if (!source) {
        t.droppedRecords++;
        t.droppedMessages = this.sum(t.droppedMessages, count);
        continue;
      }
      source.messages = this.sum(source.messages, count);
      if (v.dmarcPass) source.dmarcPass = this.sum(source.dmarcPass, count);
      if (v.spfAligned) source.spfAligned = this.sum(source.spfAligned, count);
      if (v.dkimAligned) source.dkimAligned = this.sum(source.dkimAligned, count);
      if (v.spfPass) source.spfPass = this.sum(source.spfPass, count);
      if (v.dkimPass) source.dkimPass = this.sum(source.dkimPass, count);
      if (v.reporterPass) source.reporterPass = this.sum(source.reporterPass, count);
      source.alignment[bucket] = this.sum(source.alignment[bucket], count);
      source.dispositions.set(disposition, this.sum(source.dispositions.get(disposition) ?? 0, count));
      for (const type of new Set(record.row.policyEvaluated.reasons.map((r) => r.type))) {
        if (source.reasons.has(type) || source.reasons.size < this.maxDetails) source.reasons.set(type, this.sum(source.reasons.get(type) ?? 0, count));
        else source.detailTruncated = true;
      }
      this.bump(source, source.headerFrom, record.identifiers.headerFrom, count, false, false, () => ({}));
      // A domain (or signature) listed twice in one record is still one set of messages.
      const spfDone = new Set<string>();
      for (const s of v.spf) {
        if (s.domain === '' || spfDone.has(s.domain)) continue;
        spfDone.add(s.domain);
        const pass = v.spf.some((x) => x.domain === s.domain && x.eligible && x.result === 'pass');
        const aligned = v.spf.some((x) => x.domain === s.domain && x.aligned);
        this.bump(source, source.spf, s.domain, count, pass, aligned, () => ({ domain: s.domain }));
      }
      const dkimDone = new Set<string>();
      for (const d of v.dkim) {
        const selector = d.selector ?? '';
        const dkey = `${d.domain}\u0000${selector}`;
        if (dkimDone.has(dkey)) continue;
        dkimDone.add(dkey);
        const same = v.dkim.filter((x) => x.domain === d.domain && (x.selector ?? '') === selector);
        this.bump(source, source.dkim, dkey, count, same.some((x) => x.result === 'pass'), same.some((x) => x.aligned), () => ({ domain: d.domain, selector }));
      }
      this.bump(source, source.reporters, orgKey, count, false, false, () => ({ org }));
    }

    const reporter = this.reporters.get(orgKey) ?? { org, email: report.metadata.email, reports: 0, messages: 0 };
    reporter.reports++;
    reporter.messages = this.sum(reporter.messages, reportMessages);
    this.reporters.set(orgKey, reporter);

    const policy = this.policies.get(report.policy.domain) ?? { domain: report.policy.domain, policy: report.policy, reports: 0, messages: 0, lastSeen: end };
    policy.reports++;
    policy.messages = this.sum(policy.messages, reportMessages);
    if (end >= policy.lastSeen) {
      policy.policy = report.policy;
      policy.lastSeen = end;
    }
    this.policies.set(report.policy.domain, policy);
    return 'added';
  }

  private source(ip: string, begin: number, end: number): SourceState | undefined {
    let source = this.sources.get(ip);
    if (source) {
      source.firstSeen = Math.min(source.firstSeen, begin);
      source.lastSeen = Math.max(source.lastSeen, end);
      return source;
    }
    if (this.sources.size >= this.maxSources) return undefined;
    source = {
      ip,
      messages: 0,
      dmarcPass: 0,
      spfAligned: 0,
      dkimAligned: 0,
      spfPass: 0,
      dkimPass: 0,
      reporterPass: 0,
      alignment: emptyAlignment(),
      dispositions: new Map(),
      reasons: new Map(),
      headerFrom: new Map(),
      spf: new Map(),
      dkim: new Map(),
      reporters: new Map(),
      firstSeen: begin,
      lastSeen: end,
      detailTruncated: false,
    };
    this.sources.set(ip, source);
    return source;
  }

  private bump<T extends Counter>(source: SourceState, map: Map<string, T>, key: string, count: number, pass: boolean, aligned: boolean, extra: () => Omit<T, keyof Counter>): void {
    let entry = map.get(key);
    if (!entry) {
      if (map.size >= this.maxDetails) {
        source.detailTruncated = true;
        return;
      }
      entry = { key, messages: 0, pass: 0, aligned: 0, ...extra() } as T;
      map.set(key, entry);
    }
    entry.messages = this.sum(entry.messages, count);
    if (pass) entry.pass = this.sum(entry.pass, count);
    if (aligned) entry.aligned = this.sum(entry.aligned, count);
  }

  result(): DmarcAggregate {
    const sources = [...this.sources.values()].map((s): SourceAggregate => ({
      ip: s.ip,
      messages: s.messages,
      dmarcPass: s.dmarcPass,
      spfAligned: s.spfAligned,
      dkimAligned: s.dkimAligned,
      spfPass: s.spfPass,
      dkimPass: s.dkimPass,
      reporterPass: s.reporterPass,
      alignment: { ...s.alignment },
      dispositions: Object.fromEntries(s.dispositions),
      reasons: Object.fromEntries(s.reasons),
      headerFrom: [...s.headerFrom.values()].map((c) => ({ domain: c.key, messages: c.messages })).sort(byMessages((c) => c.domain)),
      spf: [...s.spf.values()].map((c) => ({ domain: c.domain, messages: c.messages, pass: c.pass, aligned: c.aligned })).sort(byMessages((c) => c.domain)),
      dkim: [...s.dkim.values()]
        .map((c) => ({ domain: c.domain, selector: c.selector, messages: c.messages, pass: c.pass, aligned: c.aligned }))
        .sort(byMessages((c) => `${c.domain} ${c.selector}`)),
      reporters: [...s.reporters.values()].map((c) => ({ org: c.org, messages: c.messages })).sort(byMessages((c) => c.org.toLowerCase())),
      firstSeen: s.firstSeen,
      lastSeen: s.lastSeen,
      detailTruncated: s.detailTruncated,
    }));
    sources.sort(byMessages((s) => s.ip));
    const { begin, end, ...rest } = this.totals;
    return {
      totals: {
        ...rest,
        ...(begin !== undefined && { begin }),
        ...(end !== undefined && { end }),
        alignment: { ...this.totals.alignment },
        dispositions: { ...this.totals.dispositions },
        sources: this.sources.size,
      },
      sources,
      reporters: [...this.reporters.values()].map((r) => ({ ...r })).sort(byMessages((r) => r.org.toLowerCase())),
      policies: [...this.policies.values()].map((p) => ({ ...p })).sort(byMessages((p) => p.domain)),
    };
  }
}

/** Aggregates a list of reports at once (for tests and small inputs; stream with DmarcAggregator). */
export function aggregateReports(reports: Iterable<DmarcAggregateReport>, options: AggregateOptions): DmarcAggregate {
  const aggregator = new DmarcAggregator(options);
  for (const report of reports) aggregator.add(report);
  return aggregator.result();
}
