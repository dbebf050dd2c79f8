// `mailcheck bounce --summary`: a campaign's bounces counted, the addresses to stop mailing, the ones that
// need a look, and the one or two things to fix first. Plain data (ids and counts); words are in the
// catalogue (`labels: bounce.fix.<topic>`), read by the renderers.
import type { MessageReport } from './run.js';
import type { RecipientResult } from './analyze.js';
import { fixTopicOf, type FixTopic } from './advice.js';
import { VERDICTS, type Verdict } from './verdict.js';
import { domainOf } from './text.js';
import { providerOfConsumerDomain, providerOfMx } from '../data/providers.js';

export interface Count<K extends string> {
  key: K;
  count: number;
}

export interface FixFirst {
  topic: FixTopic;
  /** Recipients it concerns, and all failed recipients (the "14 of 30"). */
  count: number;
  of: number;
  /** The provider most of them came from (registry id), when one stands out (at least half). */
  provider?: string;
  /** The reason most of them share. */
  reason: string;
  /** The sender's domain and sending IP the bounces name (for `mailcheck domain` / `mailcheck ip`). */
  senderDomain: string;
  sendingIp: string;
}

export interface BounceSummary {
  messages: number;
  bounces: number;
  notBounces: number;
  recipients: number;
  /** Every verdict, zero counts included, in VERDICTS order. */
  byVerdict: Record<Verdict, number>;
  /** Also `hard` as Sisimai counts it (the existing field's meaning). */
  hard: number;
  byReason: Count<string>[];
  byDomain: Count<string>[];
  /** Provider registry ids (the reader's, else from the remote host or the recipient's domain); `unknown` where none. */
  byProvider: Count<string>[];
  /** Addresses to stop mailing (verdict hard), once each, lower case, in the order first seen. */
  stopMailing: string[];
  /** Addresses that need a look (verdict unknown), once each, not already in stopMailing. */
  review: string[];
  /** At most two, largest first. */
  fixFirst: FixFirst[];
}

/** The provider the reader found, else the one the remote host or the recipient's domain names ('' when none). */
export function providerOf(r: Pick<RecipientResult, 'provider' | 'remoteMta' | 'recipient'>): string {
  if (r.provider) return r.provider;
  // remoteMta is `host [ip]`, `host (ip)` or a bare host: the first word, when it is a host name.
  const first = r.remoteMta.trim().split(/[\s[(]/, 1)[0] ?? '';
  const host = /^[a-z0-9][a-z0-9.-]*\.[a-z]{2,}$/i.test(first) ? first : undefined;
  return (host ? providerOfMx(host.toLowerCase())?.id : undefined) ?? providerOfConsumerDomain(domainOf(r.recipient))?.id ?? '';
}

function sorted(counts: ReadonlyMap<string, number>): Count<string>[] {
  return [...counts.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
}

/**
 * A copy of a string that shares nothing with the message it was cut from: V8 keeps a whole string alive
 * for any slice of it, so a key or list entry sliced from a message would hold that message until the end.
 */
export function own(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

function bump(counts: Map<string, number>, key: string): void {
  const n = counts.get(key);
  if (n === undefined) counts.set(own(key), 1);
  else counts.set(key, n + 1);
}

/** One address of the --suppress or review list: where it was first seen and what the server said. */
export interface ListEntry {
  file: string;
  message: number;
  recipient: Pick<RecipientResult, 'recipient' | 'reason' | 'status' | 'replyCode' | 'diagnostic'>;
}

interface TopicTally {
  count: number;
  providers: Map<string, number>;
  reasons: Map<string, number>;
  senderDomains: Map<string, number>;
  sendingIps: Map<string, number>;
}

/**
 * The summary built one message at a time: counts, the addresses to stop mailing and to review (once each,
 * first occurrence, with what the CSV lists need), and per fix topic the counts that pick what to fix first.
 * Memory grows with distinct addresses on those lists, not with messages.
 */
export class BounceTally {
  private messages = 0;
  private bounces = 0;
  private recipients = 0;
  private hardCount = 0;
  private failed = 0;
  private readonly byVerdict = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  private readonly byReason = new Map<string, number>();
  private readonly byDomain = new Map<string, number>();
  private readonly byProvider = new Map<string, number>();
  private readonly hard = new Map<string, ListEntry>();
  private readonly unknown = new Map<string, ListEntry>();
  private readonly topics = new Map<FixTopic, TopicTally>();
  /** providerOf by remote host and recipient domain (the registry lookups are linear). */
  private readonly providers = new Map<string, string>();

  private providerOf(r: RecipientResult): string {
    if (r.provider) return r.provider;
    const key = `${r.remoteMta}\n${domainOf(r.recipient)}`;
    let p = this.providers.get(key);
    if (p === undefined) this.providers.set(own(key), (p = providerOf(r)));
    return p;
  }

  add(m: MessageReport): void {
    this.messages++;
    if (m.bounce) this.bounces++;
    for (const r of m.recipients) {
      this.recipients++;
      this.byVerdict[r.verdict]++;
      if (r.hard) this.hardCount++;
      bump(this.byReason, r.reason);
      bump(this.byDomain, domainOf(r.recipient));
      const provider = this.providerOf(r);
      bump(this.byProvider, provider || 'unknown');
      const key = r.recipient.toLowerCase();
      const entry = (): ListEntry => JSON.parse(JSON.stringify({ file: m.file, message: m.message, recipient: { recipient: r.recipient, reason: r.reason, status: r.status, replyCode: r.replyCode, diagnostic: r.diagnostic } })) as ListEntry;
      if (r.hard && !this.hard.has(key)) this.hard.set(own(key), entry());
      if (r.verdict === 'unknown' && !this.unknown.has(key)) this.unknown.set(own(key), entry());
      if (r.verdict === 'none') continue;
      this.failed++;
      const topic = fixTopicOf(r);
      if (!topic) continue;
      let t = this.topics.get(topic);
      if (!t) this.topics.set(topic, (t = { count: 0, providers: new Map(), reasons: new Map(), senderDomains: new Map(), sendingIps: new Map() }));
      t.count++;
      bump(t.providers, provider);
      bump(t.reasons, r.reason);
      if (r.adviceData.senderDomain) bump(t.senderDomains, r.adviceData.senderDomain);
      if (r.adviceData.sendingIp) bump(t.sendingIps, r.adviceData.sendingIp);
    }
  }

  /** Hard-bounced addresses, once each, in the order first seen (the --suppress list). */
  hardEntries(): ListEntry[] {
    return [...this.hard.values()];
  }

  /** Addresses that need a look and never hard-bounced, once each, in the order first seen (the review list). */
  reviewEntries(): ListEntry[] {
    return [...this.unknown.entries()].filter(([key]) => !this.hard.has(key)).map(([, e]) => e);
  }

  summary(): BounceSummary {
    const fixFirst = [...this.topics.entries()]
      .sort((a, b) => b[1].count - a[1].count)
      .slice(0, 2)
      .map(([topic, t]): FixFirst => {
        // The provider that stands out: at least half of the group.
        const top = sorted(t.providers).find((c) => c.key !== '');
        const provider = top && top.count * 2 >= t.count ? top.key : undefined;
        return {
          topic,
          count: t.count,
          of: this.failed,
          ...(provider ? { provider } : {}),
          reason: sorted(t.reasons)[0]?.key ?? '',
          senderDomain: sorted(t.senderDomains)[0]?.key ?? '',
          sendingIp: sorted(t.sendingIps)[0]?.key ?? '',
        };
      });
    return {
      messages: this.messages,
      bounces: this.bounces,
      notBounces: this.messages - this.bounces,
      recipients: this.recipients,
      byVerdict: { ...this.byVerdict },
      hard: this.hardCount,
      byReason: sorted(this.byReason),
      byDomain: sorted(this.byDomain),
      byProvider: sorted(this.byProvider),
      stopMailing: [...this.hard.keys()],
      review: this.reviewEntries().map((e) => e.recipient.recipient.toLowerCase()),
      fixFirst,
    };
  }
}

export function summarizeBounces(reports: readonly MessageReport[]): BounceSummary {
  const t = new BounceTally();
  for (const r of reports) t.add(r);
  return t.summary();
}
