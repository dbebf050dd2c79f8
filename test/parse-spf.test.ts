import { test } from 'node:test';
import assert from 'node:assert/strict';
import { syntax } from './helpers/words.js';
import type { SpfRecord } from '../src/parse/spf.js';
import { MAX_SPF_RECORD_BYTES, allQualifier, dnsQueryingTerms, formatSpf, formatTerm, isSpfRecord, modifierValue, parseSpf } from '../src/parse/spf.js';
import { domainSpecError, parseMacroString } from '../src/parse/spf-macro.js';

function parsed(text: string): SpfRecord {
  const result = parseSpf(text);
  if (!result.ok) assert.fail(`expected ${JSON.stringify(text)} to parse: ${result.errors.map((e) => syntax(e)).join('; ')}`);
  return result.record;
}

function firstError(text: string) {
  const result = parseSpf(text);
  if (result.ok) assert.fail(`expected ${JSON.stringify(text)} to be a syntax error`);
  return result.errors[0];
}

test('version: v=spf1 followed by a space or the end, any case', () => {
  assert.equal(isSpfRecord('v=spf1'), true);
  assert.equal(isSpfRecord('v=spf1 -all'), true);
  assert.equal(isSpfRecord('V=SpF1 ~all'), true);
  assert.equal(isSpfRecord('v=spf10'), false);
  assert.equal(isSpfRecord('v=spf1mx'), false);
  assert.equal(isSpfRecord(' v=spf1 -all'), false);
  assert.equal(isSpfRecord('v=spf2.0/pra -all'), false);
  assert.deepEqual(parsed('v=spf1'), { terms: [] });
  assert.match(syntax(firstError('v=spf10 -all')), /v=spf1/);
});

test('terms as plain data: qualifiers, names, domain-specs, ip networks and CIDR lengths', () => {
  const record = parsed('v=spf1 +a -mx:mail.example.com/24 ~a/24//64 ?ptr ip4:192.0.2.0/24 ip6:2001:db8::/32 include:_spf.example.net exists:%{i}.bl.example.org -all');
  assert.deepEqual(record.terms, [
    { kind: 'mechanism', qualifier: '+', name: 'a' },
    { kind: 'mechanism', qualifier: '-', name: 'mx', domainSpec: 'mail.example.com', cidr4: 24 },
    { kind: 'mechanism', qualifier: '~', name: 'a', cidr4: 24, cidr6: 64 },
    { kind: 'mechanism', qualifier: '?', name: 'ptr' },
    { kind: 'mechanism', qualifier: '+', name: 'ip4', ip: '192.0.2.0', cidr4: 24 },
    { kind: 'mechanism', qualifier: '+', name: 'ip6', ip: '2001:db8::', cidr6: 32 },
    { kind: 'mechanism', qualifier: '+', name: 'include', domainSpec: '_spf.example.net' },
    { kind: 'mechanism', qualifier: '+', name: 'exists', domainSpec: '%{i}.bl.example.org' },
    { kind: 'mechanism', qualifier: '-', name: 'all' },
  ]);
});

test('modifiers: redirect and exp lower-cased, unknown modifiers kept as written', () => {
  const record = parsed('v=spf1 Redirect=_spf.example.com EXP=explain.%{d} moo.cow-far_out=man:dog/cat default=+');
  assert.deepEqual(record.terms, [
    { kind: 'modifier', name: 'redirect', value: '_spf.example.com' },
    { kind: 'modifier', name: 'exp', value: 'explain.%{d}' },
    { kind: 'modifier', name: 'moo.cow-far_out', value: 'man:dog/cat' },
    { kind: 'modifier', name: 'default', value: '+' },
  ]);
  assert.equal(modifierValue(record, 'redirect'), '_spf.example.com');
  assert.equal(modifierValue(record, 'exp'), 'explain.%{d}');
});

test('several spaces and trailing spaces separate terms; dual CIDR forms', () => {
  assert.equal(parsed('v=spf1 a  -all ').terms.length, 2);
  assert.deepEqual(parsed('v=spf1 a//0').terms[0], { kind: 'mechanism', qualifier: '+', name: 'a', cidr6: 0 });
  assert.deepEqual(parsed('v=spf1 a:foo:bar/baz.example.com').terms[0], { kind: 'mechanism', qualifier: '+', name: 'a', domainSpec: 'foo:bar/baz.example.com' });
  assert.deepEqual(parsed('v=spf1 mx:foo.example.com/24').terms[0], { kind: 'mechanism', qualifier: '+', name: 'mx', domainSpec: 'foo.example.com', cidr4: 24 });
  assert.deepEqual(parsed('v=spf1 ip6:::1.1.1.1/0').terms[0], { kind: 'mechanism', qualifier: '+', name: 'ip6', ip: '::1.1.1.1', cidr6: 0 }); // an address in an SPF term, not a resolver
  assert.deepEqual(parsed('v=spf1 a:foo.example.xn--zckzah').terms[0], { kind: 'mechanism', qualifier: '+', name: 'a', domainSpec: 'foo.example.xn--zckzah' });
});

test('syntax errors name the offending term and its position', () => {
  const error = firstError('v=spf1 ip4:1.2.3.4 -all moo');
  assert.equal(error?.term, 'moo');
  assert.equal(error?.position, 24);
  assert.match(syntax(error), /unknown mechanism "moo"/);

  const all = parseSpf('v=spf1 a:museum ip4:1.2.3 -all');
  assert.equal(all.ok, false);
  if (!all.ok) assert.deepEqual(all.errors.map((e) => [e.term, e.position]), [['a:museum', 7], ['ip4:1.2.3', 16]]);
});

test('an address written where a domain belongs gets a pointed message', () => {
  assert.equal(syntax(firstError('v=spf1 a:111.222.33.44')), '"a:" takes a domain name, not an address: use ip4:111.222.33.44');
  assert.equal(syntax(firstError('v=spf1 include:192.0.2.0/24 -all')), '"include:" takes a domain name, not an address: use ip4:192.0.2.0/24');
  assert.equal(syntax(firstError('v=spf1 mx:2001:db8::1 -all')), '"mx:" takes a domain name, not an address: use ip6:2001:db8::1');
});

test('invalid records from the RFC 7208 suite are syntax errors', () => {
  const bad = [
    'v=spf1 -all.', 'v=spf1 -all:foobar', 'v=spf1 -all/8', 'v=spf1 ptr/0 -all', 'v=spf1 ptr:',
    'v=spf1 a/33 -all', 'v=spf1 a//129 -all', 'v=spf1 a/24/64 -all', 'v=spf1 a:example.com:8080',
    'v=spf1 a:111.222.33.44', 'v=spf1 a:abc.123', 'v=spf1 a:museum', 'v=spf1 a:museum.', 'v=spf1 a:example.-com', 'v=spf1 a:',
    'v=spf1 a:foo.example.com\0', 'v=spf1 a:foo-bar -all', 'v=spf1 include', 'v=spf1 include: -all', 'v=spf1 include:ip5.example.com/24 -all',
    'v=spf1 mx: -all', 'v=spf1 exists:', 'v=spf1 exists', 'v=spf1 exists:mail.example.com/24',
    'v=spf1 ip4:1.2.3.4/33 -all', 'v=spf1 ip4:1.2.3.4/032 -all', 'v=spf1 ip4', 'v=spf1 ip4:1.2.3.4//32', 'v=spf1 ip4:1.2.3.4:8080', 'v=spf1 ip4:1.2.3',
    'v=spf1 ip4:01.2.3.4', 'v=spf1 -all ip6', 'v=spf1 ip6:::1.1.1.1/129', 'v=spf1 ip6:::1.1.1.1//33', 'v=spf1 ip6::CAFE::BABE', 'v=spf1 ip6:fe80::1%eth0', // SPF terms, not resolvers
    'v=spf1 moo.cow/far_out=man:dog/cat ip4:1.2.3.4 -all', 'v=spf1 moo.cow:far_out=man:dog/cat ip4:1.2.3.4 -all', 'v=spf1 ip4:1.2.3.4 redirect:t2.example.com',
    'v=spf1 1up=foo', 'v=spf1 =all', 'v=spf1 -all foo=%abc', 'v=spf1 exp= -all', 'v=spf1 exp=-all', 'v=spf1 redirect=-all ?all', 'v=spf1 ?all redirect=',
    'v=spf1 exp=a.example.com -all exp=b.example.com', 'v=spf1 redirect=a.example.com -all redirect=a.example.com',
    'v=spf1 a:ctrl.example.com\rptr -all', 'v=spf1 ip4:192.0.2.5\n include:spf.protection.outlook.com ~all', 'v=spf1 \u0080a:example.net -all',
    'v=spf1 a:\u00ef\u00bb\u00bfgarbage.example.net -all', 'v=spf1 -exists:%(ir).sbl.example.com ?all', 'v=spf1 exists:foo%.sbl.example.com ?all',
    'v=spf1 -all exp=%{r}.example.com', 'v=spf1 a:%{a}.example.com -all', 'v=spf1 exists:%{d0}.example.com', 'v=spf1 exists:%{d}.%{l!}.example.com',
  ];
  for (const text of bad) assert.equal(parseSpf(text).ok, false, `expected a syntax error: ${JSON.stringify(text)}`);
});

test('valid records from the RFC 7208 suite parse', () => {
  const good = [
    'v=spf1 a:macro%%percent%_%_space%-url-space.example.com -all', 'v=spf1 -include:_spfh.%{d2} ip4:1.2.3.0/24 -all',
    'v=spf1 exists:%{i}.%{l2r-}.user.%{d2}', 'v=spf1 exists:%{l2r+-}.user.%{d2}', 'v=spf1 -all exp=msg8.%{D2}', 'v=spf1 a:%{H}.bar -all',
    'v=spf1 a:mail.example...com -all', 'v=spf1 redirect=%{d}.d.spf.example.com.', 'v=spf1 include:o.spf.example.com. ~all', 'v=spf1 default=+',
    'v=spf1 ip6:Cafe:Babe:8000::/33', 'v=spf1 -ip4:1.2.3.4 ip6:::FFFF:1.2.3.4', 'v=spf1 all -all', 'v=spf1 a//33 -all', 'v=spf1 exists:%{ir}.%{v}._spf.%{d2}',
  ];
  for (const text of good) parsed(text);
});

test('round trip: parse(format(x)) equals x, and format(parse(text)) is canonical', () => {
  const records = [
    'v=spf1',
    'v=spf1 -all',
    'v=spf1 mx a ip4:192.0.2.1 ip4:198.51.100.0/24 ip6:2001:db8::1 ip6:2001:db8:1::/48 ~all',
    'v=spf1 a/24//64 mx:mail.example.com//56 a:example.org/0 -all',
    'v=spf1 include:_spf.google.com include:spf.protection.outlook.com include:sendgrid.net -all',
    'v=spf1 ?ptr:example.com exists:%{ir}.%{v}._spf.%{d2} -all exp=explain._spf.%{d}',
    'v=spf1 redirect=_spf.example.com',
    'v=spf1 a:macro%%percent%_%_space%-url-space.example.com moo.cow-far_out=man:dog/cat ~all',
    'v=spf1 exists:%{l2r+-}.user.%{D2} -include:_spfh.%{d2} all',
  ];
  for (const text of records) {
    const record = parsed(text);
    assert.equal(formatSpf(record), text);
    assert.deepEqual(parsed(formatSpf(record)), record);
  }
  // Canonical form: qualifier + dropped, names lower case.
  assert.equal(formatSpf(parsed('V=SPF1 +A MX:Mail.Example.COM -ALL')), 'v=spf1 a mx:Mail.Example.COM -all');
});

test('round trip of records built as data (as suggestions are)', () => {
  const built: SpfRecord = {
    terms: [
      { kind: 'mechanism', qualifier: '+', name: 'mx' },
      { kind: 'mechanism', qualifier: '+', name: 'ip4', ip: '203.0.113.5' },
      { kind: 'mechanism', qualifier: '+', name: 'ip6', ip: '2001:db8::5', cidr6: 128 },
      { kind: 'mechanism', qualifier: '+', name: 'a', domainSpec: 'out.example.com', cidr4: 28, cidr6: 64 },
      { kind: 'mechanism', qualifier: '+', name: 'include', domainSpec: 'spf.mail.qq.com' },
      { kind: 'mechanism', qualifier: '~', name: 'all' },
    ],
  };
  const text = formatSpf(built);
  assert.equal(text, 'v=spf1 mx ip4:203.0.113.5 ip6:2001:db8::5/128 a:out.example.com/28//64 include:spf.mail.qq.com ~all');
  assert.deepEqual(parsed(text), built);
  assert.equal(formatTerm({ kind: 'modifier', name: 'redirect', value: '_spf.example.com' }), 'redirect=_spf.example.com');
});

test('helpers: DNS-querying terms and the all qualifier', () => {
  const record = parsed('v=spf1 ip4:192.0.2.1 a mx ptr include:a.example exists:%{i}.b.example ip6:::1 -all redirect=c.example exp=d.example');
  assert.deepEqual(dnsQueryingTerms(record).map(formatTerm), ['a', 'mx', 'ptr', 'include:a.example', 'exists:%{i}.b.example', 'redirect=c.example']);
  assert.equal(allQualifier(record), '-');
  assert.equal(allQualifier(parsed('v=spf1 mx')), undefined);
  assert.equal(allQualifier(parsed('v=spf1 mx ?all')), '?');
});

test('macro-string syntax (§7.1): letters, transformers, delimiters, escapes', () => {
  const result = parseMacroString('%{ir}.%{L2r+-}.%%%_%-x', 'domain');
  assert.equal(result.ok, true);
  if (result.ok) {
    assert.deepEqual(result.tokens, [
      { kind: 'macro', letter: 'i', urlEscape: false, reverse: true, delimiters: '.' },
      { kind: 'literal', text: '.', escape: false },
      { kind: 'macro', letter: 'l', urlEscape: true, digits: 2, reverse: true, delimiters: '+-' },
      { kind: 'literal', text: '.', escape: false },
      { kind: 'literal', text: '%', escape: true },
      { kind: 'literal', text: ' ', escape: true },
      { kind: 'literal', text: '%20', escape: true },
      { kind: 'literal', text: 'x', escape: false },
    ]);
  }
  assert.equal(parseMacroString('%{c} and %{r} at %{t}', 'explain').ok, true);
  assert.equal(parseMacroString('%{c}', 'domain').ok, false);
  assert.equal(parseMacroString('a b', 'domain').ok, false);
  assert.equal(parseMacroString('The %{x}-files.', 'explain').ok, false);
  assert.equal(parseMacroString('100%', 'explain').ok, false);
  assert.equal(parseMacroString('%{d', 'domain').ok, false);
  assert.equal(parseMacroString('%{d2r;}', 'domain').ok, false);
  assert.equal(domainSpecError('%{d}'), undefined);
  assert.equal(domainSpecError('%{d}.example.com.'), undefined);
  assert.equal(domainSpecError('foo%%'), undefined);
  assert.equal(domainSpecError('museum'), 'spf.domain-end');
});

test('syntax errors carry a stable code and data beside the English message', () => {
  const codes = (text: string) => {
    const result = parseSpf(text);
    return result.ok ? [] : result.errors.map((e) => [e.code, e.data]);
  };
  assert.deepEqual(codes('v=spf10'), [['spf.version', {}]]);
  assert.deepEqual(codes('v=spf1 moo a:museum ip4:1.2.3 a/33 mx//129 ip6:::1/129 a:1.2.3.4/24'), [
    ['spf.mechanism-unknown', { name: 'moo' }],
    ['spf.domain-end', { value: 'museum' }],
    ['spf.address-invalid', { mechanism: 'ip4', value: '1.2.3' }],
    ['spf.cidr4-length', { value: '33' }],
    ['spf.cidr6-length', { value: '129' }],
    ['spf.cidr-length', { value: '129', max: 128 }],
    ['spf.address-as-domain', { mechanism: 'a', value: '1.2.3.4', use: 'ip4' }],
  ]);
  assert.deepEqual(codes('v=spf1 exp=%{x} foo=%z redirect:a.example -all/8 include exists:%{d0}.x'), [
    ['spf.macro-letter', { letter: 'x', macro: 'x', modifier: 'exp' }],
    ['spf.macro-percent', { modifier: 'foo' }],
    ['spf.modifier-colon', { name: 'redirect' }],
    ['spf.all-argument', {}],
    ['spf.domain-required', { mechanism: 'include' }],
    ['spf.macro-digits-zero', { macro: 'd0' }],
  ]);
  assert.deepEqual(codes('v=spf1 redirect=a.example redirect=b.example a:\u0080.example'), [
    ['spf.modifier-duplicate', { name: 'redirect' }],
    ['spf.macro-char', { char: '\u0080', codePoint: 0x80 }],
  ]);
  const result = parseSpf('v=spf1 exp=%{x}');
  assert.equal(result.ok ? '' : syntax(result.errors[0]), 'exp=: unknown macro letter "x" in "%{x}"');
});

test('a record longer than MAX_SPF_RECORD_BYTES is one error, found without reading its terms', () => {
  const longest = `v=spf1${' a'.repeat((MAX_SPF_RECORD_BYTES - 6) / 2)}`;
  assert.equal(longest.length, MAX_SPF_RECORD_BYTES);
  assert.equal(parseSpf(longest).ok, true);
  const result = parseSpf(`${longest}x`);
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.deepEqual(result.errors.map((e) => [e.code, e.data, e.term, e.position]), [['spf.record-too-long', { bytes: MAX_SPF_RECORD_BYTES + 1, limit: MAX_SPF_RECORD_BYTES }, 'v=spf1', 0]]);
  }
  // Counted in UTF-8 bytes: 2,000 two-byte characters are 4,000 bytes plus the version.
  const wide = parseSpf(`v=spf1 a:${'é'.repeat(2100)}.example`);
  assert.equal(wide.ok ? '' : wide.errors[0]?.code, 'spf.record-too-long');
});

test('toplabel and dual-CIDR edge cases (one-pass checks that replaced two backtracking regexes)', () => {
  for (const spec of ['a.com', 'a.com.', 'a.x-1', 'a.1-2', '.com', 'x.9a', 'x.A9']) assert.equal(domainSpecError(spec), undefined, spec);
  for (const spec of ['a.123', 'a.com..', 'a.-com', 'a.com-', 'com', 'a.', '.', 'a.co_m']) assert.equal(domainSpecError(spec), 'spf.domain-end', spec);
  const terms = (text: string) => parsed(text).terms;
  // The longest suffix of CIDR lengths is taken, as the ABNF's greedy split does: `/24//64` here.
  assert.equal(firstError('v=spf1 a:x.example//24//64')?.code, 'spf.domain-end');
  assert.deepEqual(terms('v=spf1 a:x.example/24//64')[0], { kind: 'mechanism', qualifier: '+', name: 'a', domainSpec: 'x.example', cidr4: 24, cidr6: 64 });
  assert.deepEqual(terms('v=spf1 mx:x.example/bar.example/8')[0], { kind: 'mechanism', qualifier: '+', name: 'mx', domainSpec: 'x.example/bar.example', cidr4: 8 });
  assert.equal(firstError('v=spf1 a/24/32')?.code, 'spf.cidr-syntax');
  assert.equal(firstError('v=spf1 a:x.example///64')?.code, 'spf.domain-end');
});
