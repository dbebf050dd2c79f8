import type { HttpsGetResult } from '../net/https-get.js';
import { MTA_STS_POLICY_MAX_BYTES, isMtaStsRecord, mtaStsPolicyHost, mtaStsPolicyUrl } from '../parse/mta-sts.js';
import { looksLikeVersion } from '../parse/txt-fields.js';
import type { GatherContext } from './context.js';
import { lookupFact, type LookupFact } from './lookup.js';
import type { PolicyRecordsFact } from './policy-records.js';

// The MTA-STS policy (RFC 8461 §3.3) of a domain that publishes an `_mta-sts` record: fetched from
// https://mta-sts.<domain>/.well-known/mta-sts.txt at the address our own resolver gives for that
// host (loopback and private addresses too, so a lab or a test works end to end), through the
// context's HTTPS client (HTTP 200 only, no redirects, 64 KB, one deadline); or read from the file
// given with --mta-sts-policy. An offline run (zone files) without that file fetches nothing.

/** What the policy fetch gave, without the body bytes (the body is kept as text beside it). */
export type HttpsOutcome = HttpsGetResult extends infer R ? (R extends { body: Buffer } ? Omit<R, 'body'> : R) : never;

export interface MtaStsPolicyFact {
  /** `https`: fetched; `file`: read from --mta-sts-policy; `none`: nothing to judge (see `skipped`). */
  source: 'https' | 'file' | 'none';
  /** Why there is no policy: no `_mta-sts` record (senders would not fetch one), or an offline run without --mta-sts-policy. */
  skipped?: 'no-record' | 'offline';
  /** The policy host `mta-sts.<domain>` and URL. */
  host: string;
  url: string;
  /** --mta-sts-policy. */
  file?: string;
  /** A and AAAA of the policy host (fetches only). */
  a?: LookupFact;
  aaaa?: LookupFact;
  addresses: string[];
  /** The address fetched from. */
  address?: string;
  /** The GET's outcome (fetches only; absent when the host has no address or its lookup failed). */
  http?: HttpsOutcome;
  /** The body as UTF-8 text (a 200 response, or the file), when it was read. */
  body?: string;
  /** The body is not valid UTF-8 (RFC 8461 §3.2: the policy is UTF-8 text); decoded with replacement characters. */
  bodyNotUtf8?: true;
  /** Milliseconds the fetch had. */
  timeoutMs?: number;
}

/** The fetch deadline: three times the per-query --timeout (9 s by default; RFC 8461 §3.3 suggests at most a minute). */
export function mtaStsFetchTimeout(ctx: Pick<GatherContext, 'timeoutMs'>): number {
  return ctx.timeoutMs * 3;
}

function decode(body: Buffer): { text: string; notUtf8: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), notUtf8: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(body), notUtf8: true };
  }
}

/** True when a TXT string at `_mta-sts` is the record or meant as one: senders would look for a policy. */
export function announcesMtaSts(records: PolicyRecordsFact['mtaSts']): boolean {
  return records.all.some((t) => isMtaStsRecord(t) || looksLikeVersion(t, 'STSv1'));
}

export async function gatherMtaStsPolicy(domain: string, records: PolicyRecordsFact['mtaSts'], ctx: GatherContext): Promise<MtaStsPolicyFact> {
  const host = mtaStsPolicyHost(domain);
  const url = mtaStsPolicyUrl(domain);
  const base = { host, url, addresses: [] as string[] };
  if (ctx.mtaStsPolicy) {
    const { text, notUtf8 } = decode(ctx.mtaStsPolicy.body);
    return { ...base, source: 'file', file: ctx.mtaStsPolicy.file, body: text, ...(notUtf8 ? { bodyNotUtf8: true as const } : {}) };
  }
  if (!announcesMtaSts(records)) return { ...base, source: 'none', skipped: 'no-record' };
  if (!ctx.fetch) return { ...base, source: 'none', skipped: 'offline' };

  const [a, aaaa] = await Promise.all([ctx.resolver.query(host, 'A'), ctx.resolver.query(host, 'AAAA')]);
  const addresses = [...a.answers, ...aaaa.answers].map((r) => r.data);
  const fact: MtaStsPolicyFact = { ...base, source: 'https', a: lookupFact(a), aaaa: lookupFact(aaaa), addresses };
  const address = addresses[0];
  // No address: the host does not exist (a definite fault), unless a lookup failed (could not check).
  if (address === undefined) return fact;
  const timeoutMs = mtaStsFetchTimeout(ctx);
  const result = await ctx.fetch(url, { timeoutMs, maxBytes: MTA_STS_POLICY_MAX_BYTES, address });
  fact.address = address;
  fact.timeoutMs = timeoutMs;
  if ('body' in result) {
    const { body, ...rest } = result;
    fact.http = rest as HttpsOutcome;
    if (result.kind === 'ok' || result.kind === 'wrong-content-type') {
      const { text, notUtf8 } = decode(body);
      fact.body = text;
      if (notUtf8) fact.bodyNotUtf8 = true;
    }
  } else {
    fact.http = result as HttpsOutcome;
  }
  return fact;
}
