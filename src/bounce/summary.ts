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
  const host = /[a-z0-9][a-z0-9.-]*\.[a-z]{2,}/i.exec(r.remoteMta)?.[0];
  return (host ? providerOfMx(host.toLowerCase())?.id : undefined) ?? providerOfConsumerDomain(domainOf(r.recipient))?.id ?? '';
}

function tally(values: readonly string[]): Count<string>[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
}

function unique(list: readonly RecipientResult[]): string[] {
  return [...new Set(list.map((r) => r.recipient.toLowerCase()))];
}

/** The most common value when it covers at least half of the list. */
function dominant(values: readonly string[]): string | undefined {
  const top = tally(values.filter(Boolean))[0];
  return top && top.count * 2 >= values.length ? top.key : undefined;
}

export function summarizeBounces(reports: readonly MessageReport[]): BounceSummary {
  const recipients = reports.flatMap((r) => r.recipients);
  const byVerdict = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const r of recipients) byVerdict[r.verdict]++;
  const stopMailing = unique(recipients.filter((r) => r.verdict === 'hard'));
  const stop = new Set(stopMailing);
  const review = unique(recipients.filter((r) => r.verdict === 'unknown')).filter((a) => !stop.has(a));
  const failed = recipients.filter((r) => r.verdict !== 'none');
  const groups = new Map<FixTopic, RecipientResult[]>();
  for (const r of failed) {
    const topic = fixTopicOf(r);
    if (!topic) continue;
    const list = groups.get(topic) ?? [];
    list.push(r);
    groups.set(topic, list);
  }
  const fixFirst = [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .slice(0, 2)
    .map(([topic, list]): FixFirst => {
      const provider = dominant(list.map(providerOf));
      return {
        topic,
        count: list.length,
        of: failed.length,
        ...(provider ? { provider } : {}),
        reason: tally(list.map((r) => r.reason))[0]?.key ?? '',
        senderDomain: tally(list.map((r) => r.adviceData.senderDomain).filter(Boolean))[0]?.key ?? '',
        sendingIp: tally(list.map((r) => r.adviceData.sendingIp).filter(Boolean))[0]?.key ?? '',
      };
    });
  return {
    messages: reports.length,
    bounces: reports.filter((r) => r.bounce).length,
    notBounces: reports.filter((r) => !r.bounce).length,
    recipients: recipients.length,
    byVerdict,
    hard: recipients.filter((r) => r.hard).length,
    byReason: tally(recipients.map((r) => r.reason)),
    byDomain: tally(recipients.map((r) => domainOf(r.recipient))),
    byProvider: tally(recipients.map((r) => providerOf(r) || 'unknown')),
    stopMailing,
    review,
    fixFirst,
  };
}
