import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SPAM_PHRASES } from '../src/data/spam-phrases.js';
import { SHORTENERS, shortenerOf } from '../src/data/shorteners.js';
import { blockedExtension } from '../src/data/blocked-attachments.js';
import { EFFECT_RULES, predictEffect } from '../src/data/message-effects.js';
import { MESSAGE_CHECKS } from '../src/checks/message/index.js';
import { en } from '../src/messages/en/index.js';

// The data tables of `mailcheck message`: every phrase with a hit and a near miss, linear patterns, the
// shortener and attachment lists, and an effect rule for every finding id.

for (const phrase of SPAM_PHRASES) {
  test(`phrase ${phrase.id}: matches its hit, not its near miss`, () => {
    assert.match(phrase.hit, phrase.pattern);
    assert.doesNotMatch(phrase.nearMiss, phrase.pattern);
    assert.ok(phrase.weight > 0 && phrase.weight <= 3, String(phrase.weight));
    assert.ok(phrase.rationale.length > 5 && phrase.source.length > 2);
    assert.ok((en.labels as Record<string, unknown>)[`phrase.${phrase.id}`], `no words for phrase ${phrase.id}`);
    assert.ok(!phrase.pattern.global && !phrase.pattern.sticky, 'stateless patterns only');
  });
}

test('phrase ids are unique, and the set includes the Chinese B2B self-introduction (CN_B2B_SPAMMER)', () => {
  const ids = SPAM_PHRASES.map((p) => p.id);
  assert.equal(new Set(ids).size, ids.length);
  const b2b = SPAM_PHRASES.find((p) => p.id === 'en.cn-b2b-intro');
  assert.match(b2b?.source ?? '', /CN_B2B_SPAMMER/);
  assert.match('Dear Sir, We are one of the best suppliers of PCB boards from Shenzhen, China.', b2b?.pattern as RegExp);
  assert.ok(SPAM_PHRASES.filter((p) => p.lang === 'zh').length >= 15);
});

test('hostile text costs linear time in every phrase (a hang guard, not a timing assertion)', () => {
  const hostile = ['we are a leading '.repeat(2000), 'dear '.repeat(5000), `${'a'.repeat(50_000)} in china`, '代开'.repeat(20_000), 'urgent '.repeat(5000), ' '.repeat(100_000)];
  for (const phrase of SPAM_PHRASES) for (const text of hostile) phrase.pattern.exec(text);
});

test('shorteners: the list matches hosts and subdomains of dotted entries, nothing else', () => {
  assert.equal(shortenerOf('bit.ly'), 'bit.ly');
  assert.equal(shortenerOf('www.tinyurl.com'), 'tinyurl.com');
  assert.equal(shortenerOf('abc.page.link'), '.page.link');
  assert.equal(shortenerOf('page.link'), undefined);
  assert.equal(shortenerOf('bit.ly.example.test'), undefined);
  assert.equal(shortenerOf('t.cn'), 't.cn');
  assert.ok(!SHORTENERS.includes('doi.org'));
  assert.equal(new Set(SHORTENERS).size, SHORTENERS.length);
});

test("blocked attachment types are Gmail's, by the last extension only", () => {
  for (const name of ['setup.exe', 'INVOICE.PDF.js', 'a.ps1', 'disk.iso ', 'x.scr.']) assert.ok(blockedExtension(name), name);
  for (const name of ['catalogue.pdf', 'price.xlsx', 'photo.jpg', 'exe', 'notes.js.txt']) assert.equal(blockedExtension(name), undefined, name);
});

test('every message finding id has a predicted effect rule, and Gmail gets its codes', () => {
  for (const check of MESSAGE_CHECKS) for (const f of check.findings) assert.ok(EFFECT_RULES[f.id], `no effect rule for ${f.id}`);
  assert.deepEqual(predictEffect('header.message-id-invalid', {}, 'error', 'gmail'), { kind: 'reject', code: '550 5.7.1', source: (EFFECT_RULES['header.message-id-invalid']?.[0]?.effects.gmail?.source as string), provider: 'gmail' });
  assert.equal(predictEffect('header.message-id-invalid', {}, 'error', 'yahoo').kind, 'spam');
  assert.equal(predictEffect('header.mime-invalid', { kind: 'boundary-not-found' }, 'error', 'gmail').code, '554 5.6.0');
  assert.equal(predictEffect('auth.dmarc-missing', { bulk: true }, 'error', 'gmail').code, '550 5.7.40');
  assert.equal(predictEffect('auth.dmarc-missing', { bulk: true }, 'error', 'microsoft').code, '550 5.7.515');
  assert.equal(predictEffect('content.attachment-blocked', {}, 'error', 'gmail').code, '552 5.7.0');
});
