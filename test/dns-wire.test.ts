import { test } from 'node:test';
import assert from 'node:assert/strict';
import dnsPacket from 'dns-packet';
import { encodeQuery, fromWireAnswer, interpretResponse, responseMatches, toWireAnswer } from '../src/dns/wire.js';
import type { DnsRecord } from '../src/dns/types.js';

test('fromWireAnswer: TXT strings are joined as bytes (a UTF-8 character may straddle two strings)', () => {
  const e = Buffer.from('é', 'utf8');
  const parts = [Buffer.concat([Buffer.from('a'.repeat(254)), e.subarray(0, 1)]), Buffer.concat([e.subarray(1), Buffer.from(' ok')])];
  const record = fromWireAnswer({ type: 'TXT', name: 'X.Test.', ttl: 5, data: parts });
  assert.deepEqual(record, { name: 'x.test', type: 'TXT', ttl: 5, data: `${'a'.repeat(254)}é ok` });
});

test('toWireAnswer/fromWireAnswer round-trip every modelled type through real packets', () => {
  const records: DnsRecord[] = [
    { name: 'a.test', type: 'A', ttl: 1, data: '192.0.2.1' },
    { name: 'a.test', type: 'AAAA', ttl: 1, data: '2001:db8::1' },
    { name: 'a.test', type: 'MX', ttl: 1, data: { preference: 0, exchange: '' } },
    { name: 'a.test', type: 'TXT', ttl: 1, data: 'x'.repeat(600) },
    { name: 'a.test', type: 'SPF', ttl: 1, data: 'v=spf1 -all' },
    { name: 'a.test', type: 'CNAME', ttl: 1, data: 'b.test' },
    { name: 'a.test', type: 'PTR', ttl: 1, data: 'b.test' },
    { name: 'a.test', type: 'NS', ttl: 1, data: 'ns.test' },
    { name: 'a.test', type: 'SOA', ttl: 1, data: { mname: 'ns.test', rname: 'h.test', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 } },
    { name: 'a.test', type: 'CAA', ttl: 1, data: '128 issue "ca.example; x=\\"y\\""' },
    { name: 'a.test', type: 'TLSA', ttl: 1, data: '3 1 1 00ff' },
  ];
  const bytes = dnsPacket.encode({ type: 'response', id: 1, answers: records.map(toWireAnswer) });
  assert.deepEqual(dnsPacket.decode(bytes).answers?.map(fromWireAnswer), records);
});

test('responseMatches: ID, QR, exactly one question with the same name (any case) and type', () => {
  const query = dnsPacket.decode(encodeQuery(7, 'a.test', 'A'));
  const response = (over: object) => dnsPacket.decode(dnsPacket.encode({ type: 'response', id: 7, questions: query.questions, ...over }));
  assert.equal(responseMatches(response({}), 7, 'A.TEST.', 'A'), true);
  assert.equal(responseMatches(response({ id: 8 }), 7, 'a.test', 'A'), false);
  assert.equal(responseMatches(response({ questions: [{ name: 'b.test', type: 'A' }] }), 7, 'a.test', 'A'), false);
  assert.equal(responseMatches(response({ questions: [{ name: 'a.test', type: 'AAAA' }] }), 7, 'a.test', 'A'), false);
  assert.equal(responseMatches(dnsPacket.decode(encodeQuery(7, 'a.test', 'A')), 7, 'a.test', 'A'), false, 'a query is not a response');
});

test('encodeQuery: RD, one question, EDNS0 OPT with 1232 bytes; DO only when asked', () => {
  const plain = dnsPacket.decode(encodeQuery(9, 'a.test', 'MX'));
  const opt = plain.additionals?.[0] as { type: string; udpPayloadSize: number; flags: number };
  assert.deepEqual([plain.flag_rd, plain.questions?.length, opt.type, opt.udpPayloadSize, opt.flags & dnsPacket.DNSSEC_OK], [true, 1, 'OPT', 1232, 0]);
  const signed = dnsPacket.decode(encodeQuery(9, 'a.test', 'MX', { dnssec: true }));
  assert.equal(((signed.additionals?.[0] as { flags: number }).flags & dnsPacket.DNSSEC_OK) !== 0, true);
});

test('encodeQuery: byte for byte what dns-packet encodes for the whole query (ID, name, type, DO)', () => {
  const names = ['a.test', 'WWW.Mixed.Test.', '.', '..', '.lead.test', 'xn--bcher-kva.test', 'bücher.test', '_dmarc.a-b.test', `${'x'.repeat(63)}.test`, `${'y'.repeat(64)}.test`, 'a..b.test', 'tab\there.test'];
  for (const name of names) {
    for (const type of ['A', 'MX', 'TXT', 'SPF', 'TLSA'] as const) {
      for (const dnssec of [false, true]) {
        const id = (name.length * 977 + type.length * 131) & 0xffff;
        const expected = dnsPacket.encode({
          type: 'query',
          id,
          flags: dnsPacket.RECURSION_DESIRED,
          questions: [{ type: type as 'A', name, class: 'IN' }],
          additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: dnssec ? dnsPacket.DNSSEC_OK : 0, flag_do: dnssec, options: [] } as never],
        });
        assert.deepEqual(encodeQuery(id, name, type, { dnssec }), expected, `${name} ${type} dnssec=${dnssec}`);
      }
    }
  }
  // Each query is its own buffer: encoding the next one does not change the last.
  const first = encodeQuery(1, 'one.test', 'A');
  const copy = Buffer.from(first);
  encodeQuery(2, 'two.test', 'A');
  assert.deepEqual(first, copy);
});

test('interpretResponse: RCODEs map to outcomes; a CNAME chain inside the answer is followed', () => {
  const query = dnsPacket.decode(encodeQuery(1, 'www.a.test', 'A'));
  const packet = (flags: number, answers: DnsRecord[] = []) =>
    dnsPacket.decode(dnsPacket.encode({ type: 'response', id: 1, flags, questions: query.questions, answers: answers.map(toWireAnswer) }));
  const chain: DnsRecord[] = [
    { name: 'www.a.test', type: 'CNAME', ttl: 1, data: 'a.test' },
    { name: 'a.test', type: 'A', ttl: 1, data: '192.0.2.1' },
    { name: 'unrelated.test', type: 'A', ttl: 1, data: '192.0.2.99' },
  ];
  const answered = interpretResponse(packet(0, chain), 'www.a.test', 'A', 'udp');
  assert.deepEqual([answered.outcome, answered.cnames.length, answered.answers.map((r) => r.data)], ['answer', 1, ['192.0.2.1']]);
  assert.equal(interpretResponse(packet(3, chain.slice(0, 1)), 'www.a.test', 'A', 'udp').outcome, 'nxdomain');
  assert.equal(interpretResponse(packet(0), 'www.a.test', 'A', 'udp').outcome, 'nodata');
  assert.equal(interpretResponse(packet(2), 'www.a.test', 'A', 'udp').outcome, 'servfail');
  assert.equal(interpretResponse(packet(5), 'www.a.test', 'A', 'udp').outcome, 'refused');
  assert.deepEqual(
    (({ outcome, error }) => [outcome, error])(interpretResponse(packet(4), 'www.a.test', 'A', 'udp')),
    ['error', 'the server answered NOTIMP'],
  );
  const ad = interpretResponse(packet(dnsPacket.AUTHENTIC_DATA), 'www.a.test', 'A', 'udp');
  assert.equal(ad.ad, true);
});
