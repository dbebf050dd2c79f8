// The resolver's public vocabulary. Every check, gatherer and command speaks only these types;
// transports (UDP/TCP, DoH, zone files, in-memory fixtures) all produce them.

export interface MxData {
  preference: number;
  /** Host name, lower case, no trailing dot; "" for the null MX target "." (RFC 7505). */
  exchange: string;
}

export interface SoaData {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

/** Record data by type. TXT and SPF data is the record's character-strings joined with no separator (RFC 7208 §3.3). */
export interface RecordDataMap {
  A: string;
  AAAA: string;
  MX: MxData;
  TXT: string;
  SPF: string;
  CNAME: string;
  PTR: string;
  NS: string;
  SOA: SoaData;
  /** Presentation form, e.g. `0 issue "letsencrypt.org"`. */
  CAA: string;
  /** Presentation form, e.g. `3 1 1 <hex>`. */
  TLSA: string;
}

export type QueryType = keyof RecordDataMap;

export const QUERY_TYPES: readonly QueryType[] = ['A', 'AAAA', 'MX', 'TXT', 'SPF', 'CNAME', 'PTR', 'NS', 'SOA', 'CAA', 'TLSA'];

export function isQueryType(value: string): value is QueryType {
  return (QUERY_TYPES as readonly string[]).includes(value);
}

export interface DnsRecord<T extends QueryType = QueryType> {
  /** Owner name, lower case, no trailing dot. */
  name: string;
  type: T;
  ttl: number;
  data: RecordDataMap[T];
}

/**
 * What became of one query. `answer`, `nxdomain` and `nodata` are facts about the DNS;
 * the other outcomes mean the lookup failed and nothing is known.
 */
export type Outcome = 'answer' | 'nxdomain' | 'nodata' | 'timeout' | 'servfail' | 'refused' | 'error';

export type FailureOutcome = 'timeout' | 'servfail' | 'refused' | 'error';

export type Transport = 'udp' | 'tcp' | 'doh' | 'zone' | 'memory';

export interface LookupResult<T extends QueryType = QueryType> {
  /** The name asked for (normalised: lower case, no trailing dot). */
  name: string;
  type: T;
  outcome: Outcome;
  /** Records of the asked type, at the end of any CNAME chain. Empty unless outcome is `answer`. */
  answers: DnsRecord<T>[];
  /** CNAME records followed to reach the answers, in order. */
  cnames: DnsRecord<'CNAME'>[];
  /** How the final answer arrived (`tcp` after a truncated UDP answer). */
  transport: Transport;
  /** DNSSEC: the AD bit of the response, when the query set DO. */
  ad: boolean;
  /** Human-readable reason for a failure outcome. */
  error?: string;
  /** Why a failure outcome happened, as a stable id plus data (set by the network transports). */
  reason?: LookupFailureReason;
}

/**
 * Stable ids for why a lookup failed:
 * - `dns.timeout`: no acceptable answer within the time allowed (outcome `timeout`);
 * - `dns.aborted`: the caller's `signal` stopped the lookup (outcome `timeout`);
 * - `dns.malformed`: only responses that do not decode, fail validation or contradict themselves arrived;
 * - `dns.mismatch`: a TCP or DoH response to another question;
 * - `dns.rcode`: the server's RCODE (`rcode`: SERVFAIL, REFUSED, FORMERR, NOTIMP...);
 * - `dns.network`: a socket error (`errno`: ECONNREFUSED, ENETUNREACH, EACCES...);
 * - `dns.tcp-closed`: the TCP connection closed before a full response;
 * - `dns.cname-loop`: a CNAME chain too long or looping;
 * - `doh.http-status` (`status`), `doh.redirect` (`status`; redirects are not followed),
 *   `doh.content-type` (`contentType`), `doh.too-large` (a body over 65535 bytes), `doh.network` (`errno`).
 */
export type LookupFailureCode =
  | 'dns.timeout'
  | 'dns.aborted'
  | 'dns.malformed'
  | 'dns.mismatch'
  | 'dns.rcode'
  | 'dns.network'
  | 'dns.tcp-closed'
  | 'dns.cname-loop'
  | 'doh.http-status'
  | 'doh.redirect'
  | 'doh.content-type'
  | 'doh.too-large'
  | 'doh.network';

export interface LookupFailureReason {
  code: LookupFailureCode;
  /** The server asked: `192.0.2.53:53`, `[2001:db8::53]:53`, or the DoH URL's host. */
  server?: string;
  rcode?: string;
  errno?: string;
  status?: number;
  contentType?: string;
}

export interface QueryOptions {
  /** Set the DO bit (RFC 3225) so a validating resolver reports AD. */
  dnssec?: boolean;
  /**
   * Set the CD bit (RFC 4035 §3.2.2): a validating resolver then answers without validating, so a
   * SERVFAIL that turns into an answer with CD set marks a bogus DNSSEC chain.
   */
  checkingDisabled?: boolean;
  /**
   * Stops the lookup when aborted (a per-run deadline: `AbortSignal.timeout(ms)`): outstanding
   * attempts end at once, their sockets are released, and the result is outcome `timeout` with
   * reason `dns.aborted`. Through the caching resolver, a shared query runs under the signal of
   * its first caller, so use one signal per run.
   */
  signal?: AbortSignal;
}

/** Anything that answers DNS questions. Sources (transports) and the caching resolver share it. */
export interface Resolver {
  query<T extends QueryType>(name: string, type: T, options?: QueryOptions): Promise<LookupResult<T>>;
  /**
   * Present on sources that speak only for some domains (zone files): whether they can answer for
   * `name`. Absent means the whole DNS. Callers that would read NXDOMAIN as good news (a blacklist's
   * "not listed") skip what is not covered instead of asking.
   */
  covers?(name: string): boolean;
  /** Zone files only: where a record of this name and type is written (file and line). */
  locate?(name: string, type: string): { file: string; line: number } | undefined;
}

export function isFailure(result: LookupResult): boolean {
  return result.outcome === 'timeout' || result.outcome === 'servfail' || result.outcome === 'refused' || result.outcome === 'error';
}

/** NXDOMAIN or NODATA: the DNS says there is no such record (RFC 7208 calls these "void"). */
export function isMissing(result: LookupResult): boolean {
  return result.outcome === 'nxdomain' || result.outcome === 'nodata';
}

/** Lower case, no trailing dot: the one spelling of a name used for keys and comparisons. */
export function normalizeName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') && lower.length > 1 ? lower.slice(0, -1) : lower;
}
