// Strict decoding of DNS responses (RFC 1035 §4.1) straight from the bytes, for the transports.
// Everything here comes from strangers, so every length is checked against the message and the
// record's RDLENGTH: a packet cut short, a record whose data does not fill its RDLENGTH exactly
// (A not 4 bytes, a TXT string running past its record...), a compression pointer that does not
// point strictly backwards (loops) or a name over 255 bytes makes the whole message malformed,
// never a half-read answer. Work is linear in the message size (at most 65535 bytes over TCP).
//
// Matching a response to our query (RFC 5452 §9.1) compares the question bytes with the ones we
// sent, letters case-insensitively (RFC 4343), before anything else is decoded.

import { parseIp } from '../net/ip.js';
import { quote } from './rdata.js';
import type { DnsRecord, LookupResult, QueryType, Transport } from './types.js';

/** Most bytes in a DNS message (the TCP length prefix is 16 bits; RFC 8484 has the same bound for DoH). */
export const MAX_MESSAGE_BYTES = 65535;
/** Most CNAMEs followed for one question (in the answer and with extra queries together). */
export const MAX_CNAME_CHAIN = 8;

const HEADER = 12;
/** Most compression pointers followed for one name: a name has at most 127 labels. */
const MAX_POINTERS = 127;

const TYPE_NAMES = new Map<number, QueryType>([
  [1, 'A'],
  [2, 'NS'],
  [5, 'CNAME'],
  [6, 'SOA'],
  [12, 'PTR'],
  [15, 'MX'],
  [16, 'TXT'],
  [28, 'AAAA'],
  [52, 'TLSA'],
  [99, 'SPF'],
  [257, 'CAA'],
]);
const TYPE_OPT = 41;
const CLASS_IN = 1;

/** RCODE names (RFC 6895 §2.3) for failures; other values print as `rcode N`. */
const RCODE_NAMES = new Map<number, string>([
  [1, 'FORMERR'],
  [2, 'SERVFAIL'],
  [4, 'NOTIMP'],
  [5, 'REFUSED'],
  [6, 'YXDOMAIN'],
  [7, 'YXRRSET'],
  [8, 'NXRRSET'],
  [9, 'NOTAUTH'],
  [10, 'NOTZONE'],
  [16, 'BADVERS'],
]);

export function rcodeName(rcode: number): string {
  return RCODE_NAMES.get(rcode) ?? `rcode ${rcode}`;
}

export interface DecodedResponse {
  id: number;
  /** RCODE with the EDNS0 extended bits (RFC 6891 §6.1.3). */
  rcode: number;
  /** TC: the answer did not fit (the sections are not decoded: ask again over TCP). */
  truncated: boolean;
  /** AD: a validating resolver vouches for the answer (RFC 4035 §3.2.3). */
  ad: boolean;
  /** Answer-section records of the modelled types and class IN, in order; others are skipped. */
  answers: DnsRecord[];
}

/** The offset just past the question of a query we encoded (uncompressed name, type, class); -1 if there is none. */
export function questionEnd(query: Buffer): number {
  let offset = HEADER;
  for (;;) {
    const length = query[offset];
    if (length === undefined || length > 63) return -1;
    offset += 1 + length;
    if (length === 0) break;
  }
  return offset + 4 <= query.length ? offset + 4 : -1;
}

/**
 * True when `response` is a response (QR, opcode QUERY) with our ID and exactly our one question:
 * the same name bytes (ASCII letters in any case), type and class. `questionEnd` is
 * questionEnd(query). Nothing past the question is read.
 */
export function matchesQuery(response: Buffer, query: Buffer, end: number): boolean {
  if (response.length < end || end < HEADER + 5) return false;
  if (response[0] !== query[0] || response[1] !== query[1]) return false;
  // QR set, opcode 0 (the opcode bits 0x78 of byte 2), exactly one question.
  if (((response[2] as number) & 0xf8) !== 0x80 || response[4] !== 0 || response[5] !== 1) return false;
  for (let i = HEADER; i < end; i++) {
    const ours = query[i] as number;
    const theirs = response[i] as number;
    if (ours === theirs) continue;
    // Length bytes (at most 63) and the type and class are never letters, so folding only
    // letters compares the label structure exactly and the label text case-insensitively.
    const folded = ours | 0x20;
    if (folded < 0x61 || folded > 0x7a || (theirs | 0x20) !== folded) return false;
  }
  return true;
}

/**
 * Why a datagram carrying our ID failed matchesQuery: `dns.mismatch` when it is a well-formed
 * response to another question, `dns.malformed` when its header or question cannot be read.
 */
export function mismatchKind(response: Buffer): 'dns.malformed' | 'dns.mismatch' {
  if (response.length < HEADER + 5 || ((response[2] as number) & 0x80) === 0 || response.readUInt16BE(4) !== 1) return 'dns.malformed';
  const after = readName(response, HEADER);
  return after < 0 || after + 4 > response.length ? 'dns.malformed' : 'dns.mismatch';
}

// Names are assembled here (labels folded to lower case, dots between) and read out once.
const scratch = Buffer.allocUnsafe(256);
/** The name read by the last readName call. */
let nameRead = '';

/**
 * Reads the (possibly compressed) name at `offset` into `nameRead`, lower case, no trailing dot,
 * `.` for the root, labels as UTF-8 (as dns-packet reads them); returns the offset after the
 * name where it starts, or -1 if it is malformed: past the end, a reserved label type, a pointer
 * that is not strictly before the labels that led to it, too many pointers, over 255 bytes.
 */
function readName(bytes: Buffer, offset: number): number {
  let position = offset;
  let after = -1;
  let segmentStart = offset;
  let pointers = 0;
  let length = 0;
  let wire = 1;
  let ascii = true;
  for (;;) {
    const label = bytes[position];
    if (label === undefined) return -1;
    if (label === 0) {
      if (after < 0) after = position + 1;
      break;
    }
    if (label < 64) {
      const start = position + 1;
      const end = start + label;
      if (end > bytes.length) return -1;
      wire += label + 1;
      if (wire > 255) return -1;
      if (length > 0) scratch[length++] = 0x2e;
      for (let i = start; i < end; i++) {
        let c = bytes[i] as number;
        if (c >= 0x41 && c <= 0x5a) c |= 0x20;
        else if (c >= 0x80) ascii = false;
        scratch[length++] = c;
      }
      position = end;
    } else if (label >= 0xc0) {
      const low = bytes[position + 1];
      if (low === undefined) return -1;
      const target = ((label & 0x3f) << 8) | low;
      // Strictly before the labels read since the last jump (so pointers cannot loop), and
      // never into the header.
      if (target < HEADER || target >= segmentStart || ++pointers > MAX_POINTERS) return -1;
      if (after < 0) after = position + 2;
      position = target;
      segmentStart = target;
    } else {
      return -1;
    }
  }
  if (length === 0) nameRead = '.';
  else if (ascii) nameRead = scratch.toString('latin1', 0, length);
  else nameRead = scratch.toString('utf8', 0, length).toLowerCase();
  return after;
}

/** The name that fills [offset, end) exactly (compression allowed), or undefined. */
function nameFilling(bytes: Buffer, offset: number, end: number): string | undefined {
  return readName(bytes, offset) === end ? nameRead : undefined;
}

function ipv6(bytes: Buffer, offset: number): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(offset + i).toString(16));
  return (parseIp(groups.join(':')) as { address: string }).address;
}

/** TXT/SPF rdata: one or more character-strings filling [offset, end) exactly, joined as bytes. */
function characterStrings(bytes: Buffer, offset: number, end: number): string | undefined {
  if (offset >= end) return undefined;
  const first = bytes[offset] as number;
  // One string (the common case) needs no copy.
  if (offset + 1 + first === end) return bytes.toString('utf8', offset + 1, end);
  const parts: Buffer[] = [];
  for (let i = offset; i < end; ) {
    const length = bytes[i] as number;
    if (i + 1 + length > end) return undefined;
    parts.push(bytes.subarray(i + 1, i + 1 + length));
    i += 1 + length;
  }
  return Buffer.concat(parts).toString('utf8');
}

/** A record of a modelled type from its rdata [offset, end); undefined when the rdata is invalid. */
function recordData(bytes: Buffer, type: QueryType, offset: number, end: number): DnsRecord['data'] | undefined {
  const length = end - offset;
  switch (type) {
    case 'A':
      return length === 4 ? `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}` : undefined;
    case 'AAAA':
      return length === 16 ? ipv6(bytes, offset) : undefined;
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return nameFilling(bytes, offset, end);
    case 'MX': {
      if (length < 3) return undefined;
      const exchange = nameFilling(bytes, offset + 2, end);
      if (exchange === undefined) return undefined;
      return { preference: bytes.readUInt16BE(offset), exchange: exchange === '.' ? '' : exchange };
    }
    case 'TXT':
    case 'SPF':
      return characterStrings(bytes, offset, end);
    case 'SOA': {
      const afterM = readName(bytes, offset);
      if (afterM < 0 || afterM > end) return undefined;
      const mname = nameRead;
      const afterR = readName(bytes, afterM);
      if (afterR < 0 || afterR + 20 !== end) return undefined;
      const n = (k: number) => bytes.readUInt32BE(afterR + 4 * k);
      return { mname, rname: nameRead, serial: n(0), refresh: n(1), retry: n(2), expire: n(3), minimum: n(4) };
    }
    case 'CAA': {
      // flags, tag length (1..15, RFC 8659 §4.1), tag (letters and digits), value.
      if (length < 2) return undefined;
      const tagLength = bytes[offset + 1] as number;
      if (tagLength < 1 || tagLength > 15 || offset + 2 + tagLength > end) return undefined;
      const tag = bytes.toString('latin1', offset + 2, offset + 2 + tagLength);
      if (!/^[A-Za-z0-9]+$/.test(tag)) return undefined;
      return `${bytes[offset]} ${tag} ${quote(bytes.subarray(offset + 2 + tagLength, end))}`;
    }
    case 'TLSA':
      if (length < 3) return undefined;
      return `${bytes[offset]} ${bytes[offset + 1]} ${bytes[offset + 2]} ${bytes.toString('hex', offset + 3, end)}`;
  }
}

/**
 * Decodes a response already matched to our query (matchesQuery), reading from the end of its
 * question. The answer section's records of modelled types are decoded and validated; every
 * section's framing (names, RDLENGTH) is checked, and the OPT record's extended RCODE is read.
 * Undefined when anything is malformed. A truncated (TC) response is not read past the header:
 * its sections may be cut, and it will be asked again over TCP.
 */
export function decodeResponse(bytes: Buffer, questionEnd: number): DecodedResponse | undefined {
  if (bytes.length < HEADER || bytes.length > MAX_MESSAGE_BYTES) return undefined;
  const flags = bytes.readUInt16BE(2);
  const id = bytes.readUInt16BE(0);
  const truncated = (flags & 0x0200) !== 0;
  const ad = (flags & 0x0020) !== 0;
  let rcode = flags & 0xf;
  const answers: DnsRecord[] = [];
  if (truncated) return { id, rcode, truncated, ad, answers };
  const counts = [bytes.readUInt16BE(6), bytes.readUInt16BE(8), bytes.readUInt16BE(10)];
  let offset = questionEnd;
  // The question's name, read once when a record points at it (as most owner names do).
  let questionName: string | undefined;
  let opt = false;
  for (let section = 0; section < 3; section++) {
    const count = counts[section] as number;
    for (let i = 0; i < count; i++) {
      let owner: string;
      if (bytes[offset] === 0xc0 && bytes[offset + 1] === HEADER) {
        if (questionName === undefined) {
          if (readName(bytes, HEADER) < 0) return undefined;
          questionName = nameRead;
        }
        owner = questionName;
        offset += 2;
      } else {
        offset = readName(bytes, offset);
        if (offset < 0) return undefined;
        owner = nameRead;
      }
      if (offset + 10 > bytes.length) return undefined;
      const typeCode = bytes.readUInt16BE(offset);
      const classCode = bytes.readUInt16BE(offset + 2);
      const ttl = bytes.readUInt32BE(offset + 4);
      const start = offset + 10;
      const end = start + bytes.readUInt16BE(offset + 8);
      if (end > bytes.length) return undefined;
      offset = end;
      if (section === 0) {
        const type = TYPE_NAMES.get(typeCode);
        if (type === undefined || classCode !== CLASS_IN) continue;
        const data = recordData(bytes, type, start, end);
        if (data === undefined) return undefined;
        // RFC 2181 §8: a TTL with the top bit set is read as zero.
        answers.push({ name: owner, type, ttl: ttl > 0x7fffffff ? 0 : ttl, data } as DnsRecord);
      } else if (section === 2 && typeCode === TYPE_OPT) {
        // RFC 6891 §6.1.1: at most one OPT, owned by the root; its TTL's top byte extends the RCODE.
        if (opt || owner !== '.') return undefined;
        opt = true;
        rcode |= (ttl >>> 24) << 4;
      }
    }
  }
  return { id, rcode, truncated, ad, answers };
}

/**
 * What a decoded response says about the question: the outcome, the CNAMEs followed inside the
 * answer section, and the records of the asked type at the end of the chain. Undefined when the
 * response contradicts itself: NXDOMAIN with records other than CNAMEs in the answer (RFC 6604
 * allows the CNAMEs that led to the name that does not exist, nothing else). Such a response
 * says neither "exists" nor "does not exist" believably, so callers treat it as malformed.
 */
export function interpretDecoded<T extends QueryType>(response: DecodedResponse, name: string, type: T, transport: Transport): LookupResult<T> | undefined {
  const { rcode, ad } = response;
  const cnames: DnsRecord<'CNAME'>[] = [];
  if (rcode === 2) return { name, type, outcome: 'servfail', answers: [], cnames, transport, ad, error: 'the server answered SERVFAIL', reason: { code: 'dns.rcode', rcode: 'SERVFAIL' } };
  if (rcode === 5) return { name, type, outcome: 'refused', answers: [], cnames, transport, ad, error: 'the server answered REFUSED', reason: { code: 'dns.rcode', rcode: 'REFUSED' } };
  if (rcode !== 0 && rcode !== 3) {
    const rname = rcodeName(rcode);
    return { name, type, outcome: 'error', answers: [], cnames, transport, ad, error: `the server answered ${rname}`, reason: { code: 'dns.rcode', rcode: rname } };
  }
  const records = response.answers;
  if (rcode === 3) {
    for (const record of records) if (record.type !== 'CNAME') return undefined;
  }
  const answers: DnsRecord<T>[] = [];
  let current = name;
  for (let hop = 0; hop <= MAX_CNAME_CHAIN; hop++) {
    let cname: DnsRecord<'CNAME'> | undefined;
    for (const record of records) {
      if (record.name !== current) continue;
      if (record.type === type) answers.push(record as DnsRecord<T>);
      else if (record.type === 'CNAME' && !cname) cname = record as DnsRecord<'CNAME'>;
    }
    if (answers.length > 0 || !cname || type === 'CNAME' || cnames.includes(cname)) break;
    cnames.push(cname);
    current = cname.data;
  }
  const outcome = answers.length > 0 ? 'answer' : rcode === 3 ? 'nxdomain' : 'nodata';
  return { name, type, outcome, answers, cnames, transport, ad };
}
