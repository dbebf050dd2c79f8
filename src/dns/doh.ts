// DNS over HTTPS (RFC 8484): wire-format queries POSTed as application/dns-message with Node's
// built-in fetch. The ID is 0 (RFC 8484 §4.1: HTTP already pairs requests and responses).
//
// Hostile endpoints: redirects are not followed (a 3xx is a failure, reason doh.redirect); the
// body is read as a stream and given up past 65535 bytes (no DNS message is larger); the response
// is decoded as strictly as over UDP. `timeoutMs` bounds one request, body included; one lookup
// (retries and CNAME follow-ups) takes at most (retries + 1) × timeoutMs; QueryOptions.signal
// stops it sooner.

import { parseIp } from '../net/ip.js';
import { AbortWatch } from './abort.js';
import { decodeResponse, interpretDecoded, matchesQuery, MAX_MESSAGE_BYTES, mismatchKind, questionEnd } from './message.js';
import type { LookupFailureReason, LookupResult, QueryOptions, QueryType, Resolver } from './types.js';
import { encodeQuery, followingCnames } from './wire.js';

export interface DohSourceOptions {
  /** The DoH endpoint, e.g. https://dns.example/dns-query (http: only for loopback: see checkDohUrl). */
  url: URL;
  timeoutMs: number;
  /** Further attempts after a timeout, network error or HTTP 5xx. */
  retries: number;
}

const MEDIA_TYPE = 'application/dns-message';

/** `https:` (or `http:`) URL, or undefined. */
export function parseDohUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why a DoH URL is refused: not a URL; not https: (nor http:); user name or password in it
 * (fetch refuses them); http: to a host other than loopback (queries and answers in clear text).
 */
export type DohUrlProblem = 'doh.url-invalid' | 'doh.url-scheme' | 'doh.url-credentials' | 'doh.http-not-loopback';

/** True for `localhost` and loopback IP literals (127.0.0.0/8, ::1, ::ffff:127.x.y.z), as URL.hostname spells them. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost' || host === 'localhost.') return true;
  const ip = parseIp(host);
  if (!ip) return false;
  if (ip.range === 'loopback') return true;
  // IPv4-mapped IPv6 (::ffff:127.0.0.1, which URL writes as ::ffff:7f00:1).
  return ip.version === 6 && ip.range === 'ipv4Mapped' && ip.bytes[12] === 127;
}

/** A DoH URL the CLI may use: https:, or http: to a loopback host only (local testing). */
export function checkDohUrl(text: string): { url: URL } | { problem: DohUrlProblem } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'doh.url-invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: 'doh.url-scheme' };
  if (url.username !== '' || url.password !== '') return { problem: 'doh.url-credentials' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { problem: 'doh.http-not-loopback' };
  return { url };
}

/** The body, read as a stream; undefined (and the rest discarded) past `cap` bytes. */
async function readCapped(response: Response, cap: number): Promise<Buffer | undefined> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > cap) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

export function createDohSource(options: DohSourceOptions): Resolver {
  const watch = new AbortWatch();
  const host = options.url.host;

  /** One HTTP request; `retry` says whether another attempt could do better (timeout, network, HTTP 5xx). */
  const attempt = async <T extends QueryType>(name: string, type: T, queryOptions: QueryOptions, deadline: number): Promise<{ result: LookupResult<T>; retry: boolean }> => {
    const base = { name, type, transport: 'doh' as const, ad: false, answers: [], cnames: [] };
    const fail = (outcome: 'error' | 'servfail' | 'timeout', error: string, reason: Omit<LookupFailureReason, 'server'>, retry = false) => ({
      result: { ...base, outcome, error, reason: { ...reason, server: host } } as LookupResult<T>,
      retry,
    });
    const signal = queryOptions.signal;
    if (signal?.aborted) return fail('timeout', 'stopped at the deadline', { code: 'dns.aborted' });
    const wait = Math.min(options.timeoutMs, Math.ceil(deadline - performance.now()));
    if (wait <= 0) return fail('timeout', `no answer from ${host} within ${options.timeoutMs} ms`, { code: 'dns.timeout' });
    const controller = new AbortController();
    let stopped: 'timeout' | 'signal' | undefined;
    const timer = setTimeout(() => {
      stopped ??= 'timeout';
      controller.abort();
    }, wait);
    const target = {
      abort: () => {
        stopped ??= 'signal';
        controller.abort();
      },
    };
    if (signal) watch.add(signal, target);
    try {
      const query = encodeQuery(0, name, type, queryOptions);
      const end = questionEnd(query);
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': MEDIA_TYPE, accept: MEDIA_TYPE },
        body: query,
        signal: controller.signal,
        // A redirect is an error: DoH endpoints do not move, and following one would send our
        // questions wherever a stranger points (and re-send a body fetch has already consumed).
        redirect: 'manual',
      });
      const status = response.status;
      if (status !== 200) await response.body?.cancel().catch(() => undefined);
      if (status >= 300 && status < 400) return fail('error', `DoH server answered HTTP ${status} (redirects are not followed)`, { code: 'doh.redirect', status });
      if (status >= 500) return fail('servfail', `DoH server answered HTTP ${status}`, { code: 'doh.http-status', status }, true);
      if (status !== 200) return fail('error', `DoH server answered HTTP ${status}`, { code: 'doh.http-status', status });
      const contentType = response.headers.get('content-type') ?? '';
      if (!contentType.startsWith(MEDIA_TYPE)) {
        await response.body?.cancel().catch(() => undefined);
        return fail('error', `DoH server answered ${contentType || 'no content type'}, not ${MEDIA_TYPE}`, { code: 'doh.content-type', contentType });
      }
      const body = await readCapped(response, MAX_MESSAGE_BYTES);
      if (!body) return fail('error', `DoH response over ${MAX_MESSAGE_BYTES} bytes`, { code: 'doh.too-large' });
      if (!matchesQuery(body, query, end)) {
        return mismatchKind(body) === 'dns.malformed'
          ? fail('error', 'malformed DoH response', { code: 'dns.malformed' })
          : fail('error', 'DoH response does not match the question', { code: 'dns.mismatch' });
      }
      const decoded = decodeResponse(body, end);
      const result = decoded && !decoded.truncated ? interpretDecoded(decoded, name, type, 'doh') : undefined;
      if (!result) return fail('error', 'malformed DoH response', { code: 'dns.malformed' });
      if (result.reason) result.reason.server = host;
      return { result, retry: false };
    } catch (error) {
      if (stopped === 'signal') return fail('timeout', 'stopped at the deadline', { code: 'dns.aborted' });
      if (stopped === 'timeout') return fail('timeout', `no answer from ${host} within ${options.timeoutMs} ms`, { code: 'dns.timeout' }, true);
      const cause = (error as { cause?: { message?: string; code?: string } }).cause;
      return fail('error', `DoH request failed: ${cause?.message ?? (error as Error).message}`, { code: 'doh.network', ...(cause?.code ? { errno: cause.code } : {}) }, true);
    } finally {
      clearTimeout(timer);
      if (signal) watch.delete(signal, target);
    }
  };

  return followingCnames(async (name, type, queryOptions, deadline) => {
    let outcome = await attempt(name, type, queryOptions, deadline);
    for (let retry = 0; retry < options.retries && outcome.retry; retry++) outcome = await attempt(name, type, queryOptions, deadline);
    return outcome.result;
  }, options.timeoutMs * (options.retries + 1));
}
