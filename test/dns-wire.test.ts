import { test } from 'node:test';
import assert from 'node:assert/strict';
import dnsPacket from 'dns-packet';
import { encodeQuery, fromWireAnswer, toWireAnswer } from '../src/dns/wire.js';
import { decodeResponse, interpretDecoded, matchesQuery, questionEnd } from '../src/dns/message.js';
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

test('matchesQuery: ID, QR, exactly one question with the same name (any case), type and class', () => {
  const ours = encodeQuery(7, 'a.test', 'A');
  const end = questionEnd(ours);
  const query = dnsPacket.decode(ours);
  const response = (over: object) => dnsPacket.encode({ type: 'response', id: 7, questions: query.questions, ...over });
  assert.equal(matchesQuery(response({}), ours, end), true);
  assert.equal(matchesQuery(response({ questions: [{ name: 'A.TeSt', type: 'A' }] }), ours, end), true, 'name in any case (RFC 4343)');
  assert.equal(matchesQuery(response({ id: 8 }), ours, end), false);
  assert.equal(matchesQuery(response({ questions: [{ name: 'b.test', type: 'A' }] }), ours, end), false);
  assert.equal(matchesQuery(response({ questions: [{ name: 'a.test', type: 'AAAA' }] }), ours, end), false);
  assert.equal(matchesQuery(response({ questions: [{ name: 'a.test', type: 'A', class: 'CH' }] }), ours, end), false);
  assert.equal(matchesQuery(response({ questions: [{ name: 'a.test', type: 'A' }, { name: 'a.test', type: 'A' }] }), ours, end), false, 'two questions');
  assert.equal(matchesQuery(response({ questions: [] }), ours, end), false, 'no question');
  assert.equal(matchesQuery(ours, ours, end), false, 'a query is not a response');
  // Letters fold, nothing else does: "a" (0x61) and "A" (0x41) match, "!" (0x21) and "A" do not.
  const other = Buffer.from(response({}));
  other[13] = 0x21;
  assert.equal(matchesQuery(other, ours, end), false);
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

test('decodeResponse + interpretDecoded: RCODEs map to outcomes; a CNAME chain inside the answer is followed', () => {
  const ours = encodeQuery(1, 'www.a.test', 'A');
  const end = questionEnd(ours);
  const query = dnsPacket.decode(ours);
  const interpret = (flags: number, answers: DnsRecord[] = []) => {
    const bytes = dnsPacket.encode({ type: 'response', id: 1, flags, questions: query.questions, answers: answers.map(toWireAnswer) });
    assert.equal(matchesQuery(bytes, ours, end), true);
    const decoded = decodeResponse(bytes, end);
    assert.ok(decoded);
    return interpretDecoded(decoded, 'www.a.test', 'A', 'udp');
  };
  const chain: DnsRecord[] = [
    { name: 'www.a.test', type: 'CNAME', ttl: 1, data: 'a.test' },
    { name: 'a.test', type: 'A', ttl: 1, data: '192.0.2.1' },
    { name: 'unrelated.test', type: 'A', ttl: 1, data: '192.0.2.99' },
  ];
  const answered = interpret(0, chain);
  assert.deepEqual([answered?.outcome, answered?.cnames.length, answered?.answers.map((r) => r.data)], ['answer', 1, ['192.0.2.1']]);
  assert.equal(interpret(3, chain.slice(0, 1))?.outcome, 'nxdomain', 'RFC 6604: NXDOMAIN after a CNAME');
  assert.equal(interpret(0)?.outcome, 'nodata');
  assert.equal(interpret(2)?.outcome, 'servfail');
  assert.equal(interpret(5)?.outcome, 'refused');
  const notimp = interpret(4);
  assert.deepEqual([notimp?.outcome, notimp?.error, notimp?.reason], ['error', 'the server answered NOTIMP', { code: 'dns.rcode', rcode: 'NOTIMP' }]);
  assert.equal(interpret(dnsPacket.AUTHENTIC_DATA)?.ad, true);
  // NXDOMAIN with an address: the response contradicts itself (undefined: treated as malformed).
  assert.equal(interpret(3, chain), undefined);
});
