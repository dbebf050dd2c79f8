// The strict response decoder (src/dns/message.ts) on hand-built bytes: what it accepts, and every
// way a stranger's packet can be wrong.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import dnsPacket from 'dns-packet';
import { decodeResponse, interpretDecoded, matchesQuery, mismatchKind, questionEnd } from '../src/dns/message.js';
import { encodeQuery, fromWireAnswer, toWireAnswer } from '../src/dns/wire.js';
import type { DnsRecord } from '../src/dns/types.js';

const query = encodeQuery(0x1234, 'a.test', 'A');
const END = questionEnd(query);
const QUESTION = query.subarray(12, END);

/** A response to `query`: header (QR, RD, RA, `flags`), its question, then raw records. */
function message(records: Buffer[], options: { flags?: number; counts?: [number, number, number] } = {}): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(0x1234, 0);
  header.writeUInt16BE(0x8180 | (options.flags ?? 0), 2);
  header.writeUInt16BE(1, 4);
  const [an, ns, ar] = options.counts ?? [records.length, 0, 0];
  header.writeUInt16BE(an, 6);
  header.writeUInt16BE(ns, 8);
  header.writeUInt16BE(ar, 10);
  return Buffer.concat([header, QUESTION, ...records]);
}

/** A record: owner (raw name bytes, default a pointer to the question), type, class, TTL, rdata. */
function rr(type: number, rdata: Buffer | number[], options: { owner?: Buffer | number[]; klass?: number; ttl?: number; rdlength?: number } = {}): Buffer {
  const owner = Buffer.from(options.owner ?? [0xc0, 0x0c]);
  const data = Buffer.from(rdata);
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(type, 0);
  fixed.writeUInt16BE(options.klass ?? 1, 2);
  fixed.writeUInt32BE(options.ttl ?? 60, 4);
  fixed.writeUInt16BE(options.rdlength ?? data.length, 8);
  return Buffer.concat([owner, fixed, data]);
}

const name = (...labels: string[]) => Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([Buffer.byteLength(l)]), Buffer.from(l)])), Buffer.from([0])]);
const decode = (bytes: Buffer) => decodeResponse(bytes, END);
const records = (bytes: Buffer) => decode(bytes)?.answers;

test('well-formed answers of every modelled type decode as fromWireAnswer reads them', () => {
  const all: DnsRecord[] = [
    { name: 'a.test', type: 'A', ttl: 1, data: '192.0.2.1' },
    { name: 'a.test', type: 'AAAA', ttl: 1, data: '2001:db8::1' },
    { name: 'a.test', type: 'MX', ttl: 1, data: { preference: 0, exchange: '' } },
    { name: 'a.test', type: 'MX', ttl: 1, data: { preference: 5, exchange: 'mx.a.test' } },
    { name: 'a.test', type: 'TXT', ttl: 1, data: 'x'.repeat(600) },
    { name: 'a.test', type: 'SPF', ttl: 1, data: 'v=spf1 -all' },
    { name: 'a.test', type: 'CNAME', ttl: 1, data: 'b.test' },
    { name: 'a.test', type: 'PTR', ttl: 1, data: 'b.test' },
    { name: 'a.test', type: 'NS', ttl: 1, data: 'ns.test' },
    { name: 'a.test', type: 'SOA', ttl: 1, data: { mname: 'ns.test', rname: 'h.test', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 } },
    { name: 'a.test', type: 'CAA', ttl: 1, data: '128 issue "ca.example; x=\\"y\\""' },
    { name: 'a.test', type: 'TLSA', ttl: 1, data: '3 1 1 00ff' },
  ];
  const bytes = dnsPacket.encode({ type: 'response', id: 0x1234, flags: dnsPacket.RECURSION_DESIRED, questions: [{ name: 'a.test', type: 'A', class: 'IN' }], answers: all.map(toWireAnswer) });
  assert.equal(matchesQuery(bytes, query, END), true);
  assert.deepEqual(records(bytes), all);
  assert.deepEqual(records(bytes), dnsPacket.decode(bytes).answers?.map(fromWireAnswer));
});

test('names: compression, case folded, root, UTF-8 labels lower-cased', () => {
  const decoded = records(
    message([
      rr(5, [0x03, 0x57, 0x77, 0x57, 0xc0, 0x0c]), // CNAME WwW.<qname>
      rr(12, name('Bücher', 'TEST')),
      rr(2, [0]), // NS .
    ]),
  );
  assert.deepEqual(decoded?.map((r) => r.data), ['www.a.test', 'bücher.test', '.']);
});

test('rdata must fill its RDLENGTH exactly: A, AAAA, MX, CNAME, TXT, SOA, CAA, TLSA', () => {
  const bad = [
    rr(1, [192, 0, 2]),
    rr(1, [192, 0, 2, 1, 9]),
    rr(28, Buffer.alloc(15)),
    rr(15, [0, 10]),
    rr(15, [0, 10, ...name('mx', 'test'), 0xff]),
    rr(5, [...name('b', 'test'), 0]),
    rr(16, []),
    rr(16, [5, 0x61, 0x62]), // a string running past its record
    rr(16, [2, 0x61, 0x62, 3, 0x63]),
    rr(6, [...name('ns'), ...name('h'), ...Buffer.alloc(19)]),
    rr(6, [...name('ns'), ...name('h'), ...Buffer.alloc(21)]),
    rr(257, [0, 0]), // empty tag
    rr(257, [0, 5, 0x69, 0x73]), // tag past the end
    rr(257, [0, 2, 0x69, 0x20, 0x76]), // tag with a space
    rr(52, [3, 1]),
  ];
  for (const [i, record] of bad.entries()) assert.equal(decode(message([record])), undefined, `case ${i}`);
});

test('framing: counts promising more than is there, RDLENGTH past the end, a record cut in its fixed part', () => {
  const good = rr(1, [192, 0, 2, 1]);
  assert.equal(records(message([good]))?.length, 1);
  assert.equal(decode(message([good], { counts: [2, 0, 0] })), undefined);
  assert.equal(decode(message([good], { counts: [1, 1, 0] })), undefined, 'authority section promised');
  assert.equal(decode(message([rr(1, [192, 0, 2, 1], { rdlength: 40 })])), undefined);
  assert.equal(decode(message([good.subarray(0, 8)])), undefined);
  assert.equal(decode(message([good.subarray(0, good.length - 1)])), undefined, 'the classic "192.0.2.undefined"');
  // Bytes after the last section are ignored.
  assert.equal(records(Buffer.concat([message([good]), Buffer.from([1, 2, 3])]))?.length, 1);
});

test('names: pointers only strictly backwards and never into the header; reserved label types; 255 bytes; 127 pointers', () => {
  const at = END; // where the first record starts
  const a = (owner: number[]) => message([rr(1, [192, 0, 2, 1], { owner })]);
  assert.equal(decode(a([0xc0, at])), undefined, 'pointer to itself');
  assert.equal(decode(a([0xc0, at + 4])), undefined, 'pointer forwards');
  assert.equal(decode(a([0xc0, 0x02])), undefined, 'pointer into the header');
  assert.equal(decode(a([0x40, 0x00])), undefined, 'label type 01');
  assert.equal(decode(a([0x80, 0x00])), undefined, 'label type 10');
  assert.equal(decode(a([0x05, 0x61])), undefined, 'label past the end');
  const long = [...Array.from({ length: 4 }, () => [63, ...Buffer.alloc(63, 0x61)]).flat(), 0];
  assert.equal(decode(a(long)), undefined, '4 x 63-byte labels: 257 bytes');
  const fits = [...Array.from({ length: 3 }, () => [63, ...Buffer.alloc(63, 0x61)]).flat(), 61, ...Buffer.alloc(61, 0x62), 0];
  assert.equal(records(a(fits))?.[0]?.name.length, 253);
  // A chain of pointers, each to the one before it, inside the rdata of a type we skip.
  const chain = (length: number) => {
    const start = at + 12; // after the owner (2) and fixed part (10) of the skipped record
    const pointers: number[] = [0xc0, 0x0c];
    for (let i = 1; i < length; i++) pointers.push(0xc0 | ((start + 2 * (i - 1)) >> 8), (start + 2 * (i - 1)) & 0xff);
    const last = start + 2 * (length - 1);
    return message([rr(99_99, pointers), rr(1, [192, 0, 2, 1], { owner: [0xc0 | (last >> 8), last & 0xff] })]);
  };
  assert.equal(records(chain(100))?.[0]?.name, 'a.test');
  assert.equal(decode(chain(130)), undefined);
});

test('skipped: other types and classes; OPT extends the RCODE; two OPTs or an OPT not at the root are malformed', () => {
  const kept = records(message([rr(46, [1, 2, 3]), rr(1, [192, 0, 2, 1], { klass: 3 }), rr(1, [192, 0, 2, 2], { ttl: 0x80000000 })]));
  assert.deepEqual(kept, [{ name: 'a.test', type: 'A', ttl: 0, data: '192.0.2.2' }], 'RRSIG and class CH skipped; a TTL with the top bit set is 0');
  const opt = (extended: number) => rr(41, [], { owner: [0], klass: 1232, ttl: extended << 24 });
  const badvers = decode(message([opt(1)], { counts: [0, 0, 1] }));
  assert.equal(badvers?.rcode, 16);
  assert.deepEqual(interpretDecoded(badvers!, 'a.test', 'A', 'udp')?.reason, { code: 'dns.rcode', rcode: 'BADVERS' });
  assert.equal(decode(message([opt(0), opt(0)], { counts: [0, 0, 2] })), undefined);
  assert.equal(decode(message([rr(41, [], { klass: 1232 })], { counts: [0, 0, 1] })), undefined, 'OPT owned by the question name');
});

test('TC: only the header is read (the sections may be cut)', () => {
  const cut = message([rr(1, [192, 0, 2, 1]).subarray(0, 5)], { flags: 0x0200 });
  assert.deepEqual(decode(cut), { id: 0x1234, rcode: 0, truncated: true, ad: false, answers: [] });
});

test('mismatchKind: another question vs a header or question that cannot be read', () => {
  const other = dnsPacket.encode({ type: 'response', id: 0x1234, questions: [{ name: 'b.test', type: 'A' }] });
  assert.equal(matchesQuery(other, query, END), false);
  assert.equal(mismatchKind(other), 'dns.mismatch');
  assert.equal(mismatchKind(Buffer.concat([other.subarray(0, 12), Buffer.from([0xc0, 0xff, 0xff])])), 'dns.malformed');
  assert.equal(mismatchKind(other.subarray(0, 14)), 'dns.malformed');
});

test('interpretDecoded: NXDOMAIN may carry the CNAMEs that led to it (RFC 6604), nothing else', () => {
  const nx = (...answers: Buffer[]) => interpretDecoded(decode(message(answers, { flags: 3 }))!, 'a.test', 'A', 'udp');
  assert.equal(nx()?.outcome, 'nxdomain');
  const viaCname = nx(rr(5, name('gone', 'test')));
  assert.deepEqual([viaCname?.outcome, viaCname?.cnames.map((c) => c.data)], ['nxdomain', ['gone.test']]);
  assert.equal(nx(rr(1, [192, 0, 2, 1])), undefined);
  assert.equal(nx(rr(5, name('gone', 'test')), rr(16, [1, 0x78], { owner: name('gone', 'test') })), undefined);
});
