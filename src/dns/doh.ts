// DNS over HTTPS (RFC 8484): wire-format queries POSTed as application/dns-message with Node's
// built-in fetch. The ID is 0 (RFC 8484 §4.1: HTTP already pairs requests and responses).

import type { LookupResult, QueryOptions, QueryType, Resolver } from './types.js';
import { decodePacket, encodeQuery, followingCnames, interpretResponse, responseMatches } from './wire.js';

export interface DohSourceOptions {
  /** The DoH endpoint, e.g. https://dns.example/dns-query (http: only for local testing). */
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

export function createDohSource(options: DohSourceOptions): Resolver {
  /** One HTTP request; `retry` says whether another attempt could do better (timeout, network, HTTP 5xx). */
  const attempt = async <T extends QueryType>(name: string, type: T, queryOptions: QueryOptions): Promise<{ result: LookupResult<T>; retry: boolean }> => {
    const done = (result: LookupResult<T>, retry = false) => ({ result, retry });
    const base = { name, type, transport: 'doh' as const, ad: false, answers: [], cnames: [] };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': MEDIA_TYPE, accept: MEDIA_TYPE },
        body: encodeQuery(0, name, type, queryOptions),
        signal: controller.signal,
      });
      const body = Buffer.from(await response.arrayBuffer());
      if (response.status >= 500) return done({ ...base, outcome: 'servfail', error: `DoH server answered HTTP ${response.status}` }, true);
      if (response.status !== 200) return done({ ...base, outcome: 'error', error: `DoH server answered HTTP ${response.status}` });
      const contentType = response.headers.get('content-type') ?? '';
      if (!contentType.startsWith(MEDIA_TYPE)) return done({ ...base, outcome: 'error', error: `DoH server answered ${contentType || 'no content type'}, not ${MEDIA_TYPE}` });
      const packet = decodePacket(body);
      if (!packet) return done({ ...base, outcome: 'error', error: 'malformed DoH response' });
      if (!responseMatches(packet, 0, name, type)) return done({ ...base, outcome: 'error', error: 'DoH response does not match the question' });
      return done(interpretResponse(packet, name, type, 'doh'));
    } catch (error) {
      if (controller.signal.aborted) return done({ ...base, outcome: 'timeout', error: `no answer from ${options.url.host} within ${options.timeoutMs} ms` }, true);
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      return done({ ...base, outcome: 'error', error: `DoH request failed: ${cause ?? (error as Error).message}` }, true);
    } finally {
      clearTimeout(timer);
    }
  };

  return followingCnames(async (name, type, queryOptions) => {
    let outcome = await attempt(name, type, queryOptions);
    for (let retry = 0; retry < options.retries && outcome.retry; retry++) outcome = await attempt(name, type, queryOptions);
    return outcome.result;
  });
}
