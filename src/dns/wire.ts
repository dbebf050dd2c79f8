// DNS wire format: queries, the mapping between dns-packet's answers and our DnsRecord (for the
// test servers), and CNAME following. Responses are decoded strictly by message.ts, not dns-packet.
// Shared by the UDP/TCP and DoH transports (and the test DNS server).

import dnsPacket from 'dns-packet';
import type { Answer, Packet, RecordType } from 'dns-packet';
import { decodeCharacterStrings, encodeCharacterStrings, quote, splitCharacterStrings, unescapeCharacterString } from './rdata.js';
import type { DnsRecord, LookupResult, MxData, QueryOptions, QueryType, Resolver, SoaData } from './types.js';
import { MAX_CNAME_CHAIN } from './message.js';
import { isQueryType, normalizeName } from './types.js';

/** EDNS0 UDP payload size we advertise (DNS Flag Day 2020 recommendation). */
export const EDNS_UDP_PAYLOAD = 1232;
export { MAX_CNAME_CHAIN } from './message.js';

/**
 * The bytes around the name that are the same for every query of a type: the header (ID zero) and
 * the question's type and class with the OPT record, encoded once by dns-packet from a query for
 * the root name (one zero byte between them).
 */
interface QueryTemplate {
  head: Buffer;
  tail: Buffer;
}
const queryTemplates = new Map<string, QueryTemplate>();

// dns-packet's name codec is public (its `name` export) but missing from @types/dns-packet.
const nameCodec = (dnsPacket as unknown as { name: { encode: ((name: string, buffer: Buffer, offset: number) => Buffer) & { bytes: number }; encodingLength: (name: string) => number } }).name;

function queryTemplate(type: QueryType, dnssec: boolean, checkingDisabled = false): QueryTemplate {
  const key = `${type}${dnssec ? '+do' : ''}${checkingDisabled ? '+cd' : ''}`;
  let template = queryTemplates.get(key);
  if (!template) {
    const root = dnsPacket.encode({
      type: 'query',
      id: 0,
      flags: dnsPacket.RECURSION_DESIRED | (checkingDisabled ? dnsPacket.CHECKING_DISABLED : 0),
      questions: [{ type: type as RecordType, name: '.', class: 'IN' }],
      additionals: [
        { type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_PAYLOAD, extendedRcode: 0, ednsVersion: 0, flags: dnssec ? dnsPacket.DNSSEC_OK : 0, flag_do: dnssec, options: [] },
      ],
    });
    template = { head: root.subarray(0, 12), tail: root.subarray(13) };
    queryTemplates.set(key, template);
  }
  return template;
}

/**
 * Writes `name` in wire form at `offset` exactly as dns-packet's name encoder does (one leading and
 * one trailing dot dropped, labels split at dots) and returns the offset after it; -1, having
 * written nothing that matters, when the name is not plain ASCII with labels of at most 63 bytes
 * (those go through dns-packet). One JS loop instead of a regex, a split and a native write per
 * label: this runs for every query sent.
 */
function writeAsciiName(name: string, packet: Buffer, offset: number): number {
  let start = 0;
  let end = name.length;
  if (end > 0 && name.charCodeAt(0) === 0x2e) start = 1;
  if (end > start && name.charCodeAt(end - 1) === 0x2e) end--;
  let lengthAt = offset;
  let position = offset + 1;
  for (let i = start; i < end; i++) {
    const code = name.charCodeAt(i);
    if (code === 0x2e) {
      const length = position - lengthAt - 1;
      if (length > 63) return -1;
      packet[lengthAt] = length;
      lengthAt = position++;
    } else {
      if (code > 0x7e || code < 0x20) return -1;
      packet[position++] = code;
    }
  }
  if (end > start) {
    const length = position - lengthAt - 1;
    if (length > 63) return -1;
    packet[lengthAt] = length;
    packet[position++] = 0;
    return position;
  }
  packet[offset] = 0;
  return offset + 1;
}

/**
 * A query packet: RD set, EDNS0 OPT advertising 1232 bytes, DO when DNSSEC is asked for, CD when asked. The same
 * bytes dns-packet encodes for the whole packet (a test checks byte for byte); only the ID and the
 * name vary, so the rest is copied from a template dns-packet encoded once.
 */
export function encodeQuery(id: number, name: string, type: QueryType, options: QueryOptions = {}): Buffer {
  const { head, tail } = queryTemplate(type, options.dnssec === true, options.checkingDisabled === true);
  let packet = Buffer.allocUnsafe(12 + name.length + 2 + tail.length);
  let end = writeAsciiName(name, packet, 12);
  if (end < 0) {
    packet = Buffer.allocUnsafe(12 + nameCodec.encodingLength(name) + tail.length);
    nameCodec.encode(name, packet, 12);
    end = 12 + nameCodec.encode.bytes;
  }
  for (let i = 2; i < 12; i++) packet[i] = head[i] as number;
  packet[0] = id >>> 8;
  packet[1] = id & 0xff;
  for (let i = 0; i < tail.length; i++) packet[end++] = tail[i] as number;
  return end === packet.length ? packet : packet.subarray(0, end);
}

/** The text of a quoted character-string's inside (escapes read as bytes, then UTF-8). */
function unquote(text: string): string {
  const bytes = unescapeCharacterString(text);
  return Buffer.isBuffer(bytes) ? bytes.toString('utf8') : text;
}

/** Our record as a dns-packet answer, for servers that serve DnsRecord[]. */
export function toWireAnswer(record: DnsRecord): Answer {
  const base = { name: record.name, ttl: record.ttl, class: 'IN' as const };
  switch (record.type) {
    case 'A':
    case 'AAAA':
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return { ...base, type: record.type, data: record.data as string };
    case 'MX': {
      const mx = record.data as MxData;
      return { ...base, type: 'MX', data: { preference: mx.preference, exchange: mx.exchange === '' ? '.' : mx.exchange } };
    }
    case 'SOA':
      return { ...base, type: 'SOA', data: { ...(record.data as SoaData) } };
    case 'TXT':
      return { ...base, type: 'TXT', data: splitCharacterStrings(record.data as string) };
    case 'SPF': {
      // dns-packet has no SPF codec: hand it the raw TXT-format rdata.
      const rdata = encodeCharacterStrings(splitCharacterStrings(record.data as string));
      return { ...base, type: 'SPF' as RecordType, data: rdata } as unknown as Answer;
    }
    case 'CAA': {
      const match = /^(\d+) (\S+) "(.*)"$/s.exec(record.data as string);
      if (!match) throw new TypeError(`bad CAA data: ${record.data as string}`);
      return { ...base, type: 'CAA', data: { flags: Number(match[1]), tag: match[2] as 'issue', value: unquote(match[3] as string) } };
    }
    case 'TLSA': {
      const [usage, selector, matchingType, hex] = (record.data as string).split(' ');
      return { ...base, type: 'TLSA', data: { usage: Number(usage), selector: Number(selector), matchingType: Number(matchingType), certificate: Buffer.from(hex ?? '', 'hex') } };
    }
  }
}

/** A dns-packet answer as our record; undefined for types we do not model (RRSIG, OPT...). */
export function fromWireAnswer(answer: Answer): DnsRecord | undefined {
  // dns-packet's union lacks SPF (type 99 decodes as raw rdata); read the fields generically.
  const wire = answer as { type: string; name: string; class?: string; ttl?: number; data?: unknown };
  const type = wire.type;
  if (!isQueryType(type) || (wire.class && wire.class !== 'IN')) return undefined;
  // Objects built in one literal with one key order: this runs for every record received.
  const name = normalizeName(wire.name);
  const ttl = wire.ttl ?? 0;
  const data = wire.data;
  switch (type) {
    case 'A':
    case 'AAAA':
      return { name, type, ttl, data: String(data) };
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return { name, type, ttl, data: normalizeName(String(data)) };
    case 'MX': {
      const mx = data as { preference?: number; exchange: string };
      const exchange = normalizeName(mx.exchange);
      return { name, type, ttl, data: { preference: mx.preference ?? 0, exchange: exchange === '.' || exchange === '' ? '' : exchange } };
    }
    case 'SOA': {
      const soa = data as Partial<SoaData> & { mname: string; rname: string };
      const fields = { mname: normalizeName(soa.mname), rname: normalizeName(soa.rname), serial: soa.serial ?? 0, refresh: soa.refresh ?? 0, retry: soa.retry ?? 0, expire: soa.expire ?? 0, minimum: soa.minimum ?? 0 };
      return { name, type, ttl, data: fields };
    }
    case 'TXT': {
      // RFC 7208 §3.3: the strings of one record are joined with no separator.
      // Concatenate bytes before decoding: a UTF-8 character may straddle two strings.
      const parts = (Array.isArray(data) ? data : [data]).map((part) => (Buffer.isBuffer(part) ? part : Buffer.from(String(part), 'utf8')));
      return { name, type, ttl, data: Buffer.concat(parts).toString('utf8') };
    }
    case 'SPF': {
      const strings = Buffer.isBuffer(data) ? decodeCharacterStrings(data) : undefined;
      if (!strings) return undefined;
      return { name, type, ttl, data: Buffer.concat(strings).toString('utf8') };
    }
    case 'CAA': {
      const caa = data as { flags?: number; tag: string; value: string };
      return { name, type, ttl, data: `${caa.flags ?? 0} ${caa.tag} ${quote(Buffer.from(caa.value, 'utf8'))}` };
    }
    case 'TLSA': {
      const tlsa = data as { usage: number; selector: number; matchingType: number; certificate: Buffer };
      return { name, type, ttl, data: `${tlsa.usage} ${tlsa.selector} ${tlsa.matchingType} ${tlsa.certificate.toString('hex')}` };
    }
  }
}

/**
 * One question put to the configured servers, without following CNAMEs beyond the response.
 * `deadline` (a performance.now() time) bounds the whole lookup, CNAME follow-ups included.
 */
export type Exchange = <T extends QueryType>(name: string, type: T, options: QueryOptions, deadline: number) => Promise<LookupResult<T>>;

/** True when the server's answer stopped at a CNAME: NOERROR, no records of the type at its target. */
export function stopsAtCname(result: LookupResult, type: QueryType): boolean {
  return result.outcome === 'nodata' && result.cnames.length > 0 && type !== 'CNAME';
}

/**
 * Follows the CNAME that `first` stopped at: asks again for the target, bounded by MAX_CNAME_CHAIN
 * in total, within the same lookup deadline.
 */
export async function followCnames<T extends QueryType>(exchange: Exchange, asked: string, type: T, options: QueryOptions, first: LookupResult<T>, deadline: number): Promise<LookupResult<T>> {
  let result = first;
  let cnames = result.cnames;
  while (result.outcome === 'nodata' && result.cnames.length > 0) {
    const target = (result.cnames[result.cnames.length - 1] as DnsRecord<'CNAME'>).data;
    if (cnames.length > MAX_CNAME_CHAIN || cnames.slice(0, -1).some((c) => c.name === target) || target === asked) {
      return { ...result, name: asked, cnames, outcome: 'servfail', error: 'CNAME chain too long or looping', reason: { code: 'dns.cname-loop' } };
    }
    result = await exchange(target, type, options, deadline);
    cnames = [...cnames, ...result.cnames];
  }
  return { ...result, name: asked, cnames };
}

/**
 * A Resolver over an exchange: when the server's answer stops at a CNAME, asks again for the
 * target (followCnames). One lookup, follow-ups included, takes at most `budgetMs`.
 */
export function followingCnames(exchange: Exchange, budgetMs: number): Resolver {
  return {
    query<T extends QueryType>(name: string, type: T, options: QueryOptions = {}): Promise<LookupResult<T>> {
      const asked = normalizeName(name);
      const deadline = performance.now() + budgetMs;
      // The common case, the server's answer did not stop at a CNAME, costs one promise step.
      return exchange(asked, type, options, deadline).then((result) => (stopsAtCname(result, type) ? followCnames(exchange, asked, type, options, result, deadline) : result));
    },
  };
}

/** A response packet to a query, for servers (the test DNS server, the DoH test endpoint). */
export function encodeResponse(query: Packet, result: LookupResult | { outcome: 'servfail' | 'refused' }, options: { truncated?: boolean; id?: number } = {}): Buffer {
  const rcode = result.outcome === 'nxdomain' ? 3 : result.outcome === 'refused' ? 5 : result.outcome === 'servfail' || result.outcome === 'error' || result.outcome === 'timeout' ? 2 : 0;
  const answers = 'answers' in result && !options.truncated ? [...result.cnames, ...result.answers].map(toWireAnswer) : [];
  let flags = dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | rcode;
  if (options.truncated) flags |= dnsPacket.TRUNCATED_RESPONSE;
  if ('ad' in result && result.ad) flags |= dnsPacket.AUTHENTIC_DATA;
  return dnsPacket.encode({ type: 'response', id: options.id ?? query.id ?? 0, flags, questions: query.questions ?? [], answers });
}
