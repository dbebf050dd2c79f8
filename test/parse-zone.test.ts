import { test } from 'node:test';
import assert from 'node:assert/strict';
import { syntax } from './helpers/words.js';
import { readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { ZoneSyntaxError, formatRecord, parseTtl, parseZone, parseZoneFile } from '../src/parse/zone.js';
import type { DnsRecord } from '../src/dns/types.js';

const zone = String.raw`
$ORIGIN example.test.
$TTL 1h
@   IN SOA ns1 hostmaster ( 2026010101 ; serial
        2h 15m 2w 300 )
    NS   ns1
    IN 600 MX 10 mx1          ; TTL and class in either order
    600 IN MX 20 mx2.example.test.
    TXT "v=spf1 " "include:_spf.example.test" " -all"
mx1 A 192.0.2.25
    AAAA 2001:DB8:0:0::25
www CNAME @
ptr.other.test. PTR mx1
quoted TXT "say \"hi\"" "back\\slash" "\065\066C" unquoted
caa CAA 128 ISSUE "ca.example; account=1"
_25._tcp.mx1 TLSA 3 1 1 ( 0123456789ABCDEF
                          0123456789abcdef )
null MX 0 .
old SPF "v=spf1 -all"
numbered TYPE99 "v=spf1 ?all"
generic TYPE16 \# 6 0568656c6c6f
srv SRV 10 5 5060 sip
unknown TYPE65280 \# 2 abcd
`;

test('parseZone: directives, relative and @ names, inherited owners, parentheses, comments', () => {
  const records = parseZone(zone, { file: 'x.zone' });
  const at = (name: string, type: string) => records.filter((r) => r.name === name && r.type === type);
  assert.deepEqual(at('example.test', 'SOA')[0], {
    name: 'example.test', type: 'SOA', ttl: 3600,
    data: { mname: 'ns1.example.test', rname: 'hostmaster.example.test', serial: 2026010101, refresh: 7200, retry: 900, expire: 1209600, minimum: 300 },
  });
  assert.deepEqual(at('example.test', 'NS').map((r) => r.data), ['ns1.example.test']);
  assert.deepEqual(at('example.test', 'MX').map((r) => [r.ttl, r.data]), [
    [600, { preference: 10, exchange: 'mx1.example.test' }],
    [600, { preference: 20, exchange: 'mx2.example.test' }],
  ]);
  // $TTL applies to records without an explicit TTL, and multi-string TXT is joined with no separator.
  assert.deepEqual(at('example.test', 'TXT').map((r) => [r.ttl, r.data]), [[3600, 'v=spf1 include:_spf.example.test -all']]);
  assert.equal(at('mx1.example.test', 'AAAA')[0]?.data, '2001:db8::25');
  assert.equal(at('www.example.test', 'CNAME')[0]?.data, 'example.test');
  assert.equal(at('ptr.other.test', 'PTR')[0]?.data, 'mx1.example.test');
  assert.equal(at('quoted.example.test', 'TXT')[0]?.data, 'say "hi"back\\slashABCunquoted');
  assert.equal(at('caa.example.test', 'CAA')[0]?.data, '128 issue "ca.example; account=1"');
  assert.equal(at('_25._tcp.mx1.example.test', 'TLSA')[0]?.data, '3 1 1 0123456789abcdef0123456789abcdef');
  assert.deepEqual(at('null.example.test', 'MX')[0]?.data, { preference: 0, exchange: '' });
  assert.equal(at('old.example.test', 'SPF')[0]?.data, 'v=spf1 -all');
  assert.equal(at('numbered.example.test', 'SPF')[0]?.data, 'v=spf1 ?all');
  assert.equal(at('generic.example.test', 'TXT')[0]?.data, 'hello');
});

test('parseZoneFile: unmodelled types are skipped but their owners exist', () => {
  const { records, otherNames } = parseZoneFile(zone);
  assert.equal(records.some((r) => r.name === 'srv.example.test'), false);
  assert.deepEqual(otherNames.sort(), ['srv.example.test', 'unknown.example.test']);
});

test('parseTtl: seconds and BIND units', () => {
  assert.equal(parseTtl('300'), 300);
  assert.equal(parseTtl('1h30m'), 5400);
  assert.equal(parseTtl('1W2d'), 777600);
  assert.equal(parseTtl('h'), undefined);
  assert.equal(parseTtl('99999999999'), undefined);
});

test('without $TTL, a record takes the previous explicit TTL (RFC 1035), else the default', () => {
  const records = parseZone('a.test. A 192.0.2.1\nb.test. 60 A 192.0.2.2\nc.test. A 192.0.2.3\n');
  assert.deepEqual(records.map((r) => r.ttl), [3600, 60, 60]);
});

test('origin option and $ORIGIN . for fully relative files', () => {
  assert.equal(parseZone('www A 192.0.2.1', { origin: 'example.test.' })[0]?.name, 'www.example.test');
  assert.equal(parseZone('$ORIGIN .\nexample.test A 192.0.2.1')[0]?.name, 'example.test');
});

const errors: [string, RegExp, number, string][] = [
  ['$ORIGIN example.test.\n\nmx1 MX ten mx1\n', /MX preference must be a number/, 3, 'zone.mx-preference'],
  ['$ORIGIN example.test.\n@ A 192.0.2.300\n', /bad A record: "192\.0\.2\.300" is not an IPv4 address/, 2, 'zone.a-address'],
  ['www A 192.0.2.1\n', /relative name "www" with no \$ORIGIN/, 1, 'zone.name-relative'],
  ['a.test. TXT "unterminated\n\n', /unterminated quoted string/, 1, 'zone.unterminated-string'],
  ['a.test. SOA ( ns1.a.test. h.a.test. 1 2 3 4 5\n\n', /"\(" is never closed/, 1, 'zone.unclosed-parenthesis'],
  ['a.test. A 192.0.2.1 )\n', /unbalanced "\)"/, 1, 'zone.unbalanced-parenthesis'],
  ['a.test. A ( ( 192.0.2.1 ) )\n', /nested parentheses/, 1, 'zone.nested-parentheses'],
  ['a.test. CH TXT "x"\n', /class CH is not supported/, 1, 'zone.class-unsupported'],
  ['a.test. BOGUS x\n', /unknown record type "BOGUS"/, 1, 'zone.type-unknown'],
  ['$INCLUDE other.zone\n', /\$INCLUDE is not supported/, 1, 'zone.directive-unsupported'],
  ['  A 192.0.2.1\n', /record with no owner name/, 1, 'zone.no-owner'],
  [`a.test. TXT "${'x'.repeat(256)}"\n`, /TXT string longer than 255 bytes/, 1, 'zone.txt-string-too-long'],
  ['a.test. TXT "\\300"\n', /bad escape \\300/, 1, 'zone.escape-range'],
  ['a.test. TXT "\\12x"\n', /bad escape \\12: use three digits/, 1, 'zone.escape-digits'],
  ['a.test. TYPE65280 abc\n', /needs RFC 3597 rdata/, 1, 'zone.rfc3597-required'],
  ['a.test. TXT \\# 3 0161\n', /says 3 bytes but has 2/, 1, 'zone.rfc3597-length-mismatch'],
  ['a.test. A \\# 3 010203\n', /A rdata in \\# form cannot be 3 bytes long/, 1, 'zone.rfc3597-rdata-length'],
  ['a..test. A 192.0.2.1\n', /empty label/, 1, 'zone.name-empty-label'],
  ['a.test. AAAA 192.0.2.1\n', /not an IPv6 address/, 1, 'zone.aaaa-address'],
  ['a.test. MX 10\n', /bad MX record: expected "MX <preference> <exchange>", got "10"/, 1, 'zone.rdata-shape'],
  ['a.test. SOA a. b. 1 2 3 4 x\n', /bad SOA minimum: "x"/, 1, 'zone.soa-time'],
  ['$TTL 1x\n', /bad \$TTL "1x"/, 1, 'zone.ttl-directive'],
  ['$ORIGIN example.test\n', /\$ORIGIN must be absolute/, 1, 'zone.origin-relative'],
  ['a.test. TYPE70000 \\# 0\n', /bad type TYPE70000/, 1, 'zone.type-number'],
  ['a.test. CAA 0 is_sue "x"\n', /bad CAA tag "is_sue"/, 1, 'zone.caa-tag'],
];

for (const [text, message, line, code] of errors) {
  test(`zone error ${code}: ${message.source}`, () => {
    assert.throws(() => parseZone(text, { file: 'x.zone' }), (error: unknown) => {
      assert.ok(error instanceof ZoneSyntaxError);
      assert.equal(error.code, code);
      assert.match(syntax(error), message);
      assert.equal(error.line, line);
      assert.equal(error.file, 'x.zone');
      assert.deepEqual([error.data.file, error.data.line], ['x.zone', line]);
      return true;
    });
  });
}

test('a byte-order mark at the start of the file is not a token', () => {
  assert.deepEqual(parseZone('\ufeffa.test. A 192.0.2.1\n').map((r) => r.name), ['a.test']);
});

test('formatRecord round-trips through parseZone (long TXT split into 255-byte strings, escapes)', () => {
  const records: DnsRecord[] = [
    { name: 'example.test', type: 'TXT', ttl: 300, data: `v=DKIM1; p=${'A'.repeat(600)}` },
    { name: 'example.test', type: 'TXT', ttl: 300, data: 'quote " and back\\slash and tab\t and é' },
    { name: 'example.test', type: 'SPF', ttl: 300, data: 'v=spf1 -all' },
    { name: 'example.test', type: 'MX', ttl: 300, data: { preference: 0, exchange: '' } },
    { name: 'example.test', type: 'CAA', ttl: 300, data: '0 iodef "mailto:x@example.test"' },
    { name: 'example.test', type: 'SOA', ttl: 300, data: { mname: 'a.test', rname: 'b.test', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 } },
    { name: '*.dnsbl.test', type: 'A', ttl: 300, data: '127.0.0.2' },
    { name: 'x.test', type: 'TLSA', ttl: 300, data: '3 1 1 abcd' },
  ];
  const text = records.map(formatRecord).join('\n');
  assert.deepEqual(parseZone(text), records);
});

test('examples/example.test.zone parses, and its DKIM keys are real RSA keys (2048 and 1024 bits)', () => {
  const text = readFileSync(new URL('../examples/example.test.zone', import.meta.url), 'utf8');
  const records = parseZone(text, { file: 'examples/example.test.zone' });
  const txt = (name: string) => records.filter((r) => r.name === name && r.type === 'TXT').map((r) => r.data as string);
  for (const [selector, bits] of [['s2026', 2048], ['legacy', 1024]] as const) {
    const value = txt(`${selector}._domainkey.example.test`)[0] ?? '';
    const p = /p=([A-Za-z0-9+/=]+)/.exec(value)?.[1] ?? '';
    const key = createPublicKey({ key: Buffer.from(p, 'base64'), format: 'der', type: 'spki' });
    assert.equal(key.asymmetricKeyDetails?.modulusLength, bits);
  }
  assert.match(txt('example.test').find((t) => t.startsWith('v=spf1')) ?? '', /include:spf\.mailer\.test/);
  assert.equal(txt('_netblocks.mailer.test').length, 1);
  assert.equal(records.filter((r) => r.type === 'PTR').length, 4);
});
