// DNS wire format through dns-packet: queries, responses, and the mapping between dns-packet's
// answers and our DnsRecord. Shared by the UDP/TCP and DoH transports (and the test DNS server).

import dnsPacket from 'dns-packet';
import type { Answer, DecodedPacket, Packet, RecordType } from 'dns-packet';
import { decodeCharacterStrings, quote, splitCharacterStrings } from '../parse/zone.js';
import type { DnsRecord, LookupResult, MxData, QueryOptions, QueryType, Resolver, SoaData, Transport } from './types.js';
import { isQueryType, normalizeName } from './types.js';

/** EDNS0 UDP payload size we advertise (DNS Flag Day 2020 recommendation). */
export const EDNS_UDP_PAYLOAD = 1232;
/** Most CNAMEs followed for one question (in the answer and with extra queries together). */
export const MAX_CNAME_CHAIN = 8;

const RCODE_MASK = 0xf;

/** A query packet: RD set, EDNS0 OPT advertising 1232 bytes, DO when DNSSEC is asked for. */
export function encodeQuery(id: number, name: string, type: QueryType, options: QueryOptions = {}): Buffer {
  return dnsPacket.encode({
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type: type as RecordType, name, class: 'IN' }],
    additionals: [
      { type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_PAYLOAD, extendedRcode: 0, ednsVersion: 0, flags: options.dnssec ? dnsPacket.DNSSEC_OK : 0, flag_do: Boolean(options.dnssec), options: [] },
    ],
  });
}

/** Decodes a packet; undefined for bytes dns-packet cannot read. */
export function decodePacket(bytes: Buffer): DecodedPacket | undefined {
  try {
    return dnsPacket.decode(bytes);
  } catch {
    return undefined;
  }
}

/** True when a response answers exactly this question (RFC 5452 §9.1: ID and question must match). */
export function responseMatches(packet: DecodedPacket, id: number, name: string, type: QueryType): boolean {
  if (packet.id !== id || !packet.flag_qr) return false;
  const question = packet.questions?.[0];
  if (!question || packet.questions?.length !== 1) return false;
  return question.type === type && normalizeName(question.name) === normalizeName(name) && (question.class ?? 'IN') === 'IN';
}

function unquote(text: string): string {
  return text.replace(/\\(\d{3}|.)/g, (_, c: string) => (c.length === 3 ? String.fromCharCode(Number(c)) : c));
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
      const rdata = Buffer.concat(splitCharacterStrings(record.data as string).flatMap((s) => [Buffer.from([s.length]), s]));
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

function bufferText(data: unknown): string {
  return Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
}

/** A dns-packet answer as our record; undefined for types we do not model (RRSIG, OPT...). */
export function fromWireAnswer(answer: Answer): DnsRecord | undefined {
  // dns-packet's union lacks SPF (type 99 decodes as raw rdata); read the fields generically.
  const wire = answer as { type: string; name: string; class?: string; ttl?: number; data?: unknown };
  if (!isQueryType(wire.type) || (wire.class && wire.class !== 'IN')) return undefined;
  const base = { name: normalizeName(wire.name), ttl: wire.ttl ?? 0 };
  const data = wire.data;
  switch (wire.type) {
    case 'A':
    case 'AAAA':
      return { ...base, type: wire.type, data: String(data) };
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return { ...base, type: wire.type, data: normalizeName(String(data)) };
    case 'MX': {
      const mx = data as { preference?: number; exchange: string };
      const exchange = normalizeName(mx.exchange);
      return { ...base, type: 'MX', data: { preference: mx.preference ?? 0, exchange: exchange === '.' || exchange === '' ? '' : exchange } };
    }
    case 'SOA': {
      const soa = data as Partial<SoaData> & { mname: string; rname: string };
      return {
        ...base,
        type: 'SOA',
        data: { mname: normalizeName(soa.mname), rname: normalizeName(soa.rname), serial: soa.serial ?? 0, refresh: soa.refresh ?? 0, retry: soa.retry ?? 0, expire: soa.expire ?? 0, minimum: soa.minimum ?? 0 },
      };
    }
    case 'TXT': {
      // RFC 7208 §3.3: the strings of one record are joined with no separator.
      const parts = Array.isArray(data) ? data : [data];
      return { ...base, type: 'TXT', data: parts.map(bufferText).join('') };
    }
    case 'SPF': {
      const strings = Buffer.isBuffer(data) ? decodeCharacterStrings(data) : undefined;
      if (!strings) return undefined;
      return { ...base, type: 'SPF', data: Buffer.concat(strings).toString('utf8') };
    }
    case 'CAA': {
      const caa = data as { flags?: number; tag: string; value: string };
      return { ...base, type: 'CAA', data: `${caa.flags ?? 0} ${caa.tag} ${quote(Buffer.from(caa.value, 'utf8'))}` };
    }
    case 'TLSA': {
      const tlsa = data as { usage: number; selector: number; matchingType: number; certificate: Buffer };
      return { ...base, type: 'TLSA', data: `${tlsa.usage} ${tlsa.selector} ${tlsa.matchingType} ${tlsa.certificate.toString('hex')}` };
    }
  }
}

/**
 * What a response says about the question: the outcome, the CNAMEs followed inside the answer
 * section, and the records of the asked type at the end of the chain.
 */
export function interpretResponse<T extends QueryType>(packet: DecodedPacket, name: string, type: T, transport: Transport): LookupResult<T> {
  const asked = normalizeName(name);
  const rcode = (packet.flags ?? 0) & RCODE_MASK;
  const base = { name: asked, type, transport, ad: packet.flag_ad, cnames: [] as DnsRecord<'CNAME'>[], answers: [] as DnsRecord<T>[] };
  if (rcode === 2) return { ...base, outcome: 'servfail', error: 'the server answered SERVFAIL' };
  if (rcode === 5) return { ...base, outcome: 'refused', error: 'the server answered REFUSED' };
  if (rcode !== 0 && rcode !== 3) return { ...base, outcome: 'error', error: `the server answered ${(packet as { rcode?: string }).rcode ?? `rcode ${rcode}`}` };

  const records = (packet.answers ?? []).map(fromWireAnswer).filter((r): r is DnsRecord => r !== undefined);
  let current = asked;
  for (let hop = 0; hop <= MAX_CNAME_CHAIN; hop++) {
    const answers = records.filter((r): r is DnsRecord<T> => r.type === type && r.name === current);
    if (answers.length > 0) return { ...base, outcome: 'answer', answers };
    const cname = type === 'CNAME' ? undefined : records.find((r): r is DnsRecord<'CNAME'> => r.type === 'CNAME' && r.name === current);
    if (!cname || base.cnames.includes(cname)) break;
    base.cnames.push(cname);
    current = cname.data;
  }
  return { ...base, outcome: rcode === 3 ? 'nxdomain' : 'nodata' };
}

/** One question put to the configured servers, without following CNAMEs beyond the response. */
export type Exchange = <T extends QueryType>(name: string, type: T, options: QueryOptions) => Promise<LookupResult<T>>;

/**
 * A Resolver over an exchange: when the server's answer stops at a CNAME (NOERROR, no records of
 * the type at the target), asks again for the target, bounded by MAX_CNAME_CHAIN in total.
 */
export function followingCnames(exchange: Exchange): Resolver {
  return {
    async query<T extends QueryType>(name: string, type: T, options: QueryOptions = {}): Promise<LookupResult<T>> {
      const asked = normalizeName(name);
      let result = await exchange(asked, type, options);
      let cnames = result.cnames;
      while (result.outcome === 'nodata' && result.cnames.length > 0 && type !== 'CNAME') {
        const target = (result.cnames[result.cnames.length - 1] as DnsRecord<'CNAME'>).data;
        if (cnames.length > MAX_CNAME_CHAIN || cnames.slice(0, -1).some((c) => c.name === target) || target === asked) {
          return { ...result, name: asked, cnames, outcome: 'servfail', error: 'CNAME chain too long or looping' };
        }
        result = await exchange(target, type, options);
        cnames = [...cnames, ...result.cnames];
      }
      return { ...result, name: asked, cnames };
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
