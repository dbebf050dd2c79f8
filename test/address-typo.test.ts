import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseDomainName } from 'tldts';
import { editDistance, MAX_TYPO_CANDIDATES, typoCandidates, type TypoKind } from '../src/address/typo.js';
import { FREE_PROVIDERS } from '../src/data/free-providers.js';
import { COMMON_TLDS, TYPO_TARGETS } from '../src/data/typo-domains.js';

// typed → [first candidate, its kind]
const GOOD: [string, string, TypoKind][] = [
  ['gmial.com', 'gmail.com', 'provider-name'],
  ['gamil.com', 'gmail.com', 'provider-name'],
  ['gmai.com', 'gmail.com', 'provider-name'],
  ['gmaill.com', 'gmail.com', 'provider-name'],
  ['gmail.con', 'gmail.com', 'tld'],
  ['gmail.comm', 'gmail.com', 'tld'],
  ['gmail.c0m', 'gmail.com', 'tld'],
  ['gmail.cmo', 'gmail.com', 'tld'],
  ['gmail.cm', 'gmail.com', 'provider-tld'],
  ['gmail.om', 'gmail.com', 'provider-tld'],
  ['gmail.co', 'gmail.com', 'provider-tld'],
  ['gmailcom', 'gmail.com', 'missing-dot'],
  ['hotmial.com', 'hotmail.com', 'provider-name'],
  ['hotmai.com', 'hotmail.com', 'provider-name'],
  ['hotmail.co', 'hotmail.com', 'provider-tld'],
  ['outlok.com', 'outlook.com', 'provider-name'],
  ['yaho.com', 'yahoo.com', 'provider-name'],
  ['yahoo.co', 'yahoo.com', 'provider-tld'],
  ['icloud.co', 'icloud.com', 'provider-tld'],
  ['foxmai.com', 'foxmail.com', 'provider-name'],
  ['foxmial.com', 'foxmail.com', 'provider-name'],
  ['protonmial.com', 'protonmail.com', 'provider-name'],
  ['yandx.ru', 'yandex.ru', 'provider-name'],
  ['qq.co', 'qq.com', 'provider-tld'],
  ['qq.cm', 'qq.com', 'provider-tld'],
  ['qq.con', 'qq.com', 'tld'],
  ['qqcom', 'qq.com', 'missing-dot'],
  ['163.con', '163.com', 'tld'],
  ['163.cm', '163.com', 'provider-tld'],
  ['163.om', '163.com', 'provider-tld'],
  ['126.co', '126.com', 'provider-tld'],
  ['sina.cm', 'sina.com', 'provider-tld'],
  ['yeah.ne', 'yeah.net', 'provider-tld'],
  ['vip.qq.con', 'vip.qq.com', 'tld'],
  ['acme-trading.con', 'acme-trading.com', 'tld'],
  ['acme.nte', 'acme.net', 'tld'],
  ['acme.ogr', 'acme.org', 'tld'],
  ['empresa.con.br', 'empresa.com.br', 'second-level'],
  ['abc.con.cn', 'abc.com.cn', 'second-level'],
];

test('good corrections: the first candidate and its kind', () => {
  for (const [typed, expected, kind] of GOOD) {
    const candidates = typoCandidates(typed);
    assert.equal(candidates[0]?.domain, expected, `${typed} → ${JSON.stringify(candidates)}`);
    assert.equal(candidates[0]?.kind, kind, typed);
  }
});

test('candidates name the provider they point to', () => {
  assert.deepEqual(typoCandidates('gmial.com'), [{ domain: 'gmail.com', kind: 'provider-name', provider: 'gmail' }]);
  assert.deepEqual(typoCandidates('163.con')[0], { domain: '163.com', kind: 'tld', provider: 'netease-163' });
  assert.deepEqual(typoCandidates('acme.nte'), [{ domain: 'acme.net', kind: 'tld' }]);
  // sina.cm is one keystroke from both of Sina's domains: both offered, DNS picks.
  assert.deepEqual(typoCandidates('sina.cm').map((c) => c.domain), ['sina.com', 'sina.cn']);
  // gmial.con: the provider first, the literal repair after it.
  assert.deepEqual(typoCandidates('gmial.con').map((c) => c.domain), ['gmail.com', 'gmial.com', 'gmial.cn']);
  assert.ok(typoCandidates('gmial.con').length <= MAX_TYPO_CANDIDATES);
});

// Valid domains that must come back with no candidate at all. The first block is what mailcheck.js's defaults
// "correct" (wave2-facts §2.3: .com.br→.com.au, .cn→.ca, .com.cn→.com.au, .ae→.ca, .co.za→.co.nz, .com.mx→.com.au)
// and deep-email-validator then rejects.
const MUST_NOT: string[] = [
  'empresa.com.br', 'firma.cn', 'abc.com.cn', 'company.ae', 'company.co.za', 'firm.com.mx',
  'example.co.uk', 'firma.de', 'company.in', 'congty.vn', 'sirket.com.tr', 'company.sa', 'empresa.com.ar', 'firma.com.pl',
  'company.co.in', 'company.com.sg', 'company.co.jp', 'company.com.au', 'company.co.nz', 'company.ca', 'company.ru',
  'company.com.vn', 'company.co.id', 'company.com.eg', 'company.com.sa', 'company.ng', 'company.co.ke', 'company.pk',
  'acme.co', 'acme.cm', 'acme.om', 'acme.ne', 'sales.co.za', 'x.co', 'a.com.uk', 'mail.example.com',
  // real providers next to the ones we correct to
  'email.com', 'ymail.com', 'gmx.de', 'gmx.net', 'gmx.com', 'mail.ru', 'mail.com', 'sina.cn', 'sina.com.cn', 'live.cn', '263.net',
  '188.com', '139.com', '189.cn', 'yahoo.co.jp', 'yahoo.com.br', 'hotmail.co.uk', 'hotmail.fr', 'outlook.com.br', 'me.com', 'mac.com',
  'proton.me', 'pm.me', 'vip.qq.com', 'vip.163.com', 'googlemail.com', 'naver.com', 'yandex.ru', 'ya.ru', 'qq.com', 'gmail.com',
  // near provider names but a different first letter or too short to guess
  'cloud.com', 'mi.com', 'qk.com', '162.com', 'sinu.com', 'live.co.uk'.replace('live', 'love'),
];

test('must-not-correct: valid buyers and providers get no candidate', () => {
  for (const domain of MUST_NOT) assert.deepEqual(typoCandidates(domain), [], domain);
});

test('every free-provider domain is left alone', () => {
  for (const provider of FREE_PROVIDERS) for (const domain of provider.domains) assert.deepEqual(typoCandidates(domain), [], domain);
});

test('the TLD repairs only fire on labels that are no TLD', () => {
  for (const typo of ['con', 'comm', 'c0m', 'cmo', 'cpm', 'vom', 'xom', 'nte', 'ogr']) {
    assert.equal(parseDomainName(`x.${typo}`, { allowPrivateDomains: false }).isIcann, false, `.${typo} became a TLD: the repair must go`);
  }
  for (const tld of COMMON_TLDS) assert.equal(parseDomainName(`x.${tld}`).isIcann, true, tld);
  // .cm .om .co are real ccTLDs: only repaired for known provider names.
  assert.deepEqual(typoCandidates('company.cm'), []);
  assert.equal(typoCandidates('qq.cm')[0]?.domain, 'qq.com');
});

test('targets are registrable domains of known free providers or ISPs', () => {
  for (const domain of TYPO_TARGETS) {
    const p = parseDomainName(domain, { allowPrivateDomains: false });
    assert.equal(p.domain, domain, domain);
    assert.equal(p.isIcann, true, domain);
  }
});

test('hostile or odd input: no throw, no candidate', () => {
  for (const text of ['', '.', '..', 'a..b', '-', 'x'.repeat(300), 'xn--', '中国.cn', '[192.0.2.1]', 'a b.com', `${'a.'.repeat(120)}con`]) {
    assert.ok(Array.isArray(typoCandidates(text)), text);
  }
  assert.deepEqual(typoCandidates('GMIAL.COM.')[0]?.domain, 'gmail.com', 'case and a trailing dot are ignored');
});

test('editDistance: transpositions count once; gives up early above max', () => {
  assert.equal(editDistance('gmial', 'gmail', 2), 1);
  assert.equal(editDistance('gmail', 'gmail', 2), 0);
  assert.equal(editDistance('hotmail', 'hotmal', 2), 1);
  assert.equal(editDistance('abc', 'xyz', 1), 2, 'capped at max + 1');
  assert.equal(editDistance('a', 'abcdef', 2), 3, 'length gap alone exceeds max');
});
