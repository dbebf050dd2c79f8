import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADDRESS_ERROR_CODES, MAX_ADDRESS_INPUT, parseAddress, type AddressErrorCode, type EmailAddress } from '../src/parse/address.js';

function ok(text: string): EmailAddress {
  const r = parseAddress(text);
  assert.ok(r.ok, `${text}: ${r.ok ? '' : JSON.stringify(r.error)}`);
  return r.address;
}

function code(text: string): AddressErrorCode {
  const r = parseAddress(text);
  assert.ok(!r.ok, `${text} should be refused`);
  return r.error.code;
}

test('plain, dot-atom and every atext character', () => {
  assert.deepEqual(ok('john@example.com'), {
    local: 'john', domain: 'example.com', domainUnicode: 'example.com', ascii: 'john@example.com', unicode: 'john@example.com',
    smtputf8: false, quoted: false, idn: false,
  });
  assert.equal(ok("a!#$%&'*+-/=?^_`{|}~.b@example.com").local, "a!#$%&'*+-/=?^_`{|}~.b");
  assert.equal(ok('  First.Last@Example.COM  ').ascii, 'First.Last@example.com', 'domain lower-cased, local kept');
});

test('display names, angle brackets, mailto: and trailing comments', () => {
  const a = ok('Zhang San <zhang.san@example.cn>');
  assert.equal(a.ascii, 'zhang.san@example.cn');
  assert.equal(a.displayName, 'Zhang San');
  assert.equal(ok('"Doe, John <boss>" <j@x.com>').displayName, 'Doe, John <boss>');
  assert.equal(ok('<j@x.com>').displayName, undefined);
  assert.equal(ok('John (Sales) <j@x.com>').displayName, 'John (Sales)');
  assert.equal(ok('<j@x.com> (Sales)').displayName, 'Sales');
  assert.equal(ok('j@x.com (Zhang San)').displayName, 'Zhang San');
  assert.equal(ok('mailto:j@x.com').ascii, 'j@x.com');
  assert.equal(ok('MAILTO:j@x.com').ascii, 'j@x.com');
});

test('quoted local parts: needless quotes dropped, needed ones kept with minimal escapes', () => {
  assert.equal(ok('"john"@x.com').local, 'john');
  const spaced = ok('"john doe"@x.com');
  assert.equal(spaced.local, '"john doe"');
  assert.equal(spaced.quoted, true);
  assert.equal(ok('"a\\"b"@x.com').local, '"a\\"b"');
  assert.equal(ok('"a@b"@x.com').local, '"a@b"');
  assert.equal(ok('"\\j"@x.com').local, 'j', 'a needless quoted-pair is unescaped');
  assert.equal(code('"a\\\u00e9"@x.com'), 'address.quoted-char-invalid', 'quoted-pairSMTP takes ASCII only');
  assert.equal(code('"abc@x.com'), 'address.quoted-unterminated');
  assert.equal(code('""@x.com'), 'address.local-empty');
  assert.equal(code('"a"b@x.com'), 'address.local-char-invalid');
  assert.equal(code('"a" @x.com'), 'address.whitespace');
});

test('RFC 6531 local parts and IDN domains, shown both ways', () => {
  const a = ok('用户@例子.广告');
  assert.equal(a.local, '用户');
  assert.equal(a.domain, 'xn--fsqu00a.xn--4rr70v');
  assert.equal(a.domainUnicode, '例子.广告');
  assert.equal(a.ascii, '用户@xn--fsqu00a.xn--4rr70v');
  assert.equal(a.unicode, '用户@例子.广告');
  assert.equal(a.smtputf8, true);
  assert.equal(a.idn, true);
  const b = ok('info@MÜNCHEN.de');
  assert.equal(b.domain, 'xn--mnchen-3ya.de');
  assert.equal(b.unicode, 'info@münchen.de');
  assert.equal(b.smtputf8, false, 'an IDN domain alone needs no SMTPUTF8');
  assert.equal(ok('info@xn--mnchen-3ya.de').domainUnicode, 'münchen.de', 'A-labels are shown as U-labels');
  assert.equal(code('a@xn--zz.com'), 'address.domain-idn-invalid');
});

test('address literals are accepted and flagged; bare IPs are not', () => {
  assert.deepEqual(ok('a@[192.0.2.1]').ipLiteral, { version: 4, address: '192.0.2.1' });
  const v6 = ok('a@[IPv6:2001:DB8:0:0::1]');
  assert.equal(v6.domain, '[IPv6:2001:db8::1]');
  assert.equal(v6.ipLiteral?.version, 6);
  assert.equal(code('a@[2001:db8::1]'), 'address.ip-literal-invalid', 'IPv6 needs the IPv6: tag');
  assert.equal(code('a@[300.0.0.1]'), 'address.ip-literal-invalid');
  assert.equal(code('a@[192.0.2.1'), 'address.ip-literal-invalid');
  const r = parseAddress('a@[x-tag:stuff]');
  assert.ok(!r.ok && r.error.data.form === 'general-literal');
  const bare = parseAddress('a@192.0.2.1');
  assert.ok(!bare.ok);
  assert.deepEqual(bare.error, { code: 'address.ip-unbracketed', data: { index: 2, suggestion: 'a@[192.0.2.1]' } });
});

// One hit and one near miss per error id: the near miss is the closest text that is valid (or fails differently).
const REASONS: { code: AddressErrorCode; hit: string; near: string; data?: Record<string, unknown> }[] = [
  { code: 'address.empty', hit: '   ', near: 'a@b.co' },
  { code: 'address.input-too-long', hit: `${'a'.repeat(MAX_ADDRESS_INPUT)}@x.com`, near: `"${'n'.repeat(200)}" <a@x.com>` },
  { code: 'address.no-at', hit: 'john.example.com', near: 'john@example.com' },
  { code: 'address.multiple-at', hit: 'a@b@c.com', near: '"a@b"@c.com', data: { index: 3 } },
  { code: 'address.multiple', hit: 'a@b.com, c@d.com', near: '"Doe, John" <a@b.com>', data: { index: 7, char: ',' } },
  { code: 'address.whitespace', hit: 'john @example.com', near: '"john "@example.com', data: { index: 4, part: 'local' } },
  { code: 'address.control-char', hit: 'jo\u0001hn@example.com', near: 'john@example.com', data: { index: 2, codePoint: 'U+0001' } },
  { code: 'address.fullwidth-char', hit: '张三＠qq．com', near: '张三@qq.com', data: { index: 2, char: '＠', codePoint: 'U+FF20', suggestion: '张三@qq.com' } },
  { code: 'address.comment', hit: 'john(sales)@example.com', near: 'john@example.com (sales)', data: { index: 4 } },
  { code: 'address.obsolete', hit: 'john."doe"@example.com', near: '"john.doe"@example.com', data: { index: 5, form: 'local-part' } },
  { code: 'address.angle-unterminated', hit: 'John <john@example.com', near: 'John <john@example.com>', data: { index: 5 } },
  { code: 'address.angle-trailing', hit: '<john@example.com> x', near: '<john@example.com> (x)' },
  { code: 'address.local-empty', hit: '@example.com', near: 'a@example.com' },
  { code: 'address.local-too-long', hit: `${'a'.repeat(65)}@example.com`, near: `${'a'.repeat(64)}@example.com`, data: { length: 65, max: 64 } },
  { code: 'address.local-char-invalid', hit: 'jo,hn@example.com', near: 'jo-hn@example.com', data: { index: 2, char: ',', codePoint: 'U+002C' } },
  { code: 'address.leading-dot', hit: '.john@example.com', near: 'j.ohn@example.com', data: { index: 0, part: 'local' } },
  { code: 'address.trailing-dot', hit: 'john.@example.com', near: 'joh.n@example.com', data: { index: 4, part: 'local' } },
  { code: 'address.double-dot', hit: 'john..doe@example.com', near: 'john.doe@example.com', data: { index: 5, part: 'local' } },
  { code: 'address.quoted-unterminated', hit: '"john@example.com', near: '"john"@example.com' },
  { code: 'address.quoted-char-invalid', hit: '"jo\\\u00e9"@example.com', near: '"jo\u00e9"@example.com' },
  { code: 'address.domain-empty', hit: 'john@', near: 'john@x.co' },
  { code: 'address.domain-too-long', hit: `a@${Array.from({ length: 5 }, () => 'd'.repeat(50)).join('.')}.com`, near: `a@${Array.from({ length: 4 }, () => 'd'.repeat(50)).join('.')}.com`, data: { length: 258, max: 255 } },
  { code: 'address.domain-label-invalid', hit: 'john@exa_mple.com', near: 'john@exa-mple.com', data: { index: 5, label: 'exa_mple', char: '_' } },
  { code: 'address.domain-label-too-long', hit: `a@${'d'.repeat(64)}.com`, near: `a@${'d'.repeat(63)}.com`, data: { index: 2, label: 'd'.repeat(64), length: 64, max: 63 } },
  { code: 'address.domain-no-dot', hit: 'john@localhost', near: 'john@local.host' },
  { code: 'address.domain-idn-invalid', hit: 'john@xn--a.com', near: 'john@xn--mnchen-3ya.de' },
  { code: 'address.domain-trailing-dot', hit: 'john@example.com.', near: 'john@example.com', data: { index: 16, suggestion: 'john@example.com' } },
  { code: 'address.ip-unbracketed', hit: 'john@192.0.2.1', near: 'john@[192.0.2.1]' },
  { code: 'address.ip-literal-invalid', hit: 'john@[192.0.2.256]', near: 'john@[192.0.2.255]' },
  { code: 'address.too-long', hit: `${'a'.repeat(64)}@${Array.from({ length: 4 }, () => 'd'.repeat(47)).join('.')}.com`, near: `${'a'.repeat(64)}@${Array.from({ length: 4 }, () => 'd'.repeat(45)).join('.')}.com`, data: { length: 260, max: 254 } },
];

test('each error id: a hit names the fault, the near miss does not', () => {
  for (const { code: expected, hit, near, data } of REASONS) {
    const r = parseAddress(hit);
    assert.ok(!r.ok, `${expected}: "${hit}" was accepted`);
    assert.equal(r.error.code, expected, `"${hit}" → ${JSON.stringify(r.error)}`);
    if (data) for (const [k, v] of Object.entries(data)) assert.deepEqual((r.error.data as Record<string, unknown>)[k], v, `${expected}.${k}`);
    const n = parseAddress(near);
    assert.ok(n.ok || n.error.code !== expected, `${expected}: near miss "${near}" gave the same error`);
  }
});

test('every declared error id has a hit in the table', () => {
  const covered = new Set(REASONS.map((r) => r.code));
  assert.deepEqual([...ADDRESS_ERROR_CODES].filter((c) => !covered.has(c)), []);
  assert.equal(covered.size, REASONS.length, 'one row per id');
});

test('domain details: trailing dot, dots, hyphens, numeric TLD, label limits', () => {
  assert.equal(code('a@.example.com'), 'address.leading-dot');
  assert.equal(code('a@example..com'), 'address.double-dot');
  assert.equal(code('a@-example.com'), 'address.domain-label-invalid');
  assert.equal(code('a@example-.com'), 'address.domain-label-invalid');
  assert.equal(code('a@example.123'), 'address.domain-label-invalid');
  assert.equal(code('a@exa mple.com'), 'address.whitespace');
  assert.equal(ok('a@1.example.com').domain, '1.example.com');
  assert.equal(ok('a@xn--fiqs8s.cn').domainUnicode, '中国.cn');
  assert.equal(code('a@ex\u200bample.com'), 'address.domain-label-invalid', 'zero-width space in the domain');
  assert.equal(code('a\u200b@example.com'), 'address.local-char-invalid', 'zero-width space in the local part');
  assert.equal(code('a@ex\u00a0ample.com'), 'address.domain-label-invalid', 'no-break space');
});

test('obsolete route syntax is refused', () => {
  const r = parseAddress('<@relay.example:john@example.com>');
  assert.ok(!r.ok);
  assert.deepEqual(r.error, { code: 'address.obsolete', data: { index: 1, form: 'route' } });
});

test('indexes point into the original input', () => {
  const r = parseAddress('  mailto:John <jo,hn@example.com>');
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'address.local-char-invalid');
  assert.equal(r.error.data.index, '  mailto:John <jo,hn@example.com>'.indexOf(','));
});

test('hostile input: never throws, linear time on long pathological strings', () => {
  const nasty = [
    '"'.repeat(1000), '('.repeat(1000), '<'.repeat(1000), '@'.repeat(1000), '.'.repeat(1000), '\\'.repeat(1000),
    `${'a.'.repeat(500)}`, `"${'\\"'.repeat(400)}`, `${'((('.repeat(300)}a@b.com`, '\ud800@x.com', 'a@\udfff.com',
    `a@${'[' .repeat(500)}`, `${'😀'.repeat(300)}@x.com`,
  ];
  for (const text of nasty) {
    const r = parseAddress(text);
    assert.equal(typeof r.ok, 'boolean');
  }
  // Random fuzz over the characters the parser cares about.
  const alphabet = ['a', 'Z', '0', '.', '@', '"', '\\', '(', ')', '<', '>', ',', ';', ' ', '[', ']', ':', '-', '_', '＠', 'ü', '用', '\u0000'];
  let seed = 42;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let n = 0; n < 5000; n++) {
    let s = '';
    const len = Math.floor(rnd() * 40);
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    const r = parseAddress(s);
    if (r.ok) {
      // Whatever is accepted re-parses to itself (the canonical form round-trips).
      const again = parseAddress(r.address.unicode);
      assert.ok(again.ok, `${s} → ${r.address.unicode} does not re-parse`);
      assert.equal(again.address.ascii, r.address.ascii);
    }
  }
});

test('canonical forms round-trip', () => {
  for (const text of ['"john doe"@x.com', '"a\\\\b"@x.com', '用户@例子.广告', 'a@[IPv6:2001:db8::1]', 'a+tag@sub.example.co.uk']) {
    const a = ok(text);
    assert.equal(ok(a.ascii).ascii, a.ascii);
    assert.equal(ok(a.unicode).unicode, a.unicode);
  }
});
