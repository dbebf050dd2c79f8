import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DmarcRecord } from '../src/parse/dmarc.js';
import { formatDmarc, looksLikeDmarc, parseDmarc, parseReportUri, startsWithDmarcVersion } from '../src/parse/dmarc.js';
import { decodeDkimKey, formatDkim, looksLikeDkim, parseDkim } from '../src/parse/dkim.js';
import type { Tag } from '../src/parse/taglist.js';
import { formatTagList, MAX_TAG_ERRORS, parseTagList } from '../src/parse/taglist.js';
import { ED25519_RAW, RSA_2048 } from './helpers/dkim-keys.js';
import { budget, pumped, stringOf, timed } from './helpers/fuzz.js';

// DMARC and DKIM key records (tag=value lists) under fast-check (budget and per-input bound: helpers/fuzz.ts).

const tagText = fc.oneof(
  fc.constantFrom('v', '=', ';', ' ', '\t', 'DMARC1', 'DKIM1', 'p', 'sp', 'np', 'pct', 'rua', 'ruf', 'adkim', 'aspf', 'fo', 'rf', 'ri', 'k', 't', 'h', 's',
    'none', 'reject', 'quarantine', 'mailto:', '@', 'a.example', ',', '!10m', 'r', 'y:s', 'rsa', 'ed25519', 'sha256', 'email', '*', 'MIIB', '==', '\0', '中'),
  fc.string({ unit: 'binary-ascii', maxLength: 4 }),
);
const policyText = fc.array(tagText, { maxLength: 150, size: 'large' }).map((t) => t.join(''));

function checkPolicyParsers(text: string): void {
  const dmarc = timed('parseDmarc', () => parseDmarc(text));
  assert.ok(Array.isArray(dmarc.errors) && dmarc.errors.every((e) => typeof e.code === 'string' && typeof e.data === 'object'));
  const dkim = timed('parseDkim', () => parseDkim(text));
  assert.ok(Array.isArray(dkim.errors));
  timed('looksLike', () => [looksLikeDmarc(text), startsWithDmarcVersion(text), looksLikeDkim(text), parseReportUri(text)]);
  // Whatever tags were read format to a list that reads back as the same tags.
  const tags = parseTagList(text).tags;
  assert.deepEqual(parseTagList(formatTagList(tags)).tags, tags);
}

test('property: the DMARC, DKIM and tag-list parsers never throw on arbitrary strings', () => {
  fc.assert(fc.property(policyText, checkPolicyParsers), budget(1500, 2000));
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 600, size: 'large' }), checkPolicyParsers), budget(400));
});

/** Some of the fields (each may be left out), as plain objects. */
const someOf = <T extends object>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record<T>(model, { requiredKeys: [], noNullPrototype: true });
const policy = fc.constantFrom('none' as const, 'quarantine' as const, 'reject' as const);
const mailto = fc.tuple(stringOf('abcxyz09._+-'.split(''), 10).filter((l) => l !== ''), stringOf('abc09-'.split(''), 8).filter((l) => l !== ''), fc.option(fc.constantFrom('!10m', '!5', '!1g'), { nil: '' }))
  .map(([local, host, size]) => `mailto:${local}@${host}.example${size}`);
const HANDLED = new Set(['v', 'p', 'sp', 'np', 'pct', 'rua', 'ruf', 'adkim', 'aspf', 'fo', 'rf', 'ri']);
const otherTag = fc.record<Tag>({
  name: fc.tuple(stringOf('abcxyzXYZ'.split(''), 1).filter((s) => s.length === 1), stringOf('abz09_'.split(''), 6)).map(([a, b]) => a + b).filter((n) => !HANDLED.has(n.toLowerCase())),
  value: stringOf('abc 09.:,-/+=!'.split(''), 12).map((v) => v.trim()),
}, { noNullPrototype: true });

const dmarcRecord: fc.Arbitrary<DmarcRecord> = fc
  .tuple(
    someOf({
      sp: policy, np: policy, pct: fc.integer({ min: 0, max: 100 }), adkim: fc.constantFrom('r' as const, 's' as const), aspf: fc.constantFrom('r' as const, 's' as const),
      fo: fc.array(fc.constantFrom('0', '1', 'd', 's'), { minLength: 1, maxLength: 4 }).map((f) => f.join(':')), rf: fc.constant('afrf'), ri: fc.integer({ min: 0, max: 999_999_999 }),
    }),
    policy,
    fc.array(mailto, { maxLength: 3 }),
    fc.array(mailto, { maxLength: 2 }),
    fc.uniqueArray(otherTag, { maxLength: 4, selector: (t) => t.name.toLowerCase() }),
  )
  .map(([optional, p, rua, ruf, other]) => ({ p, ...optional, rua, ruf, other }));

test('property: parseDmarc(formatDmarc(record)) is the record, with no errors', () => {
  fc.assert(
    fc.property(dmarcRecord, (record) => {
      const parsed = timed('parseDmarc', () => parseDmarc(formatDmarc(record)));
      assert.deepEqual(parsed.errors, []);
      assert.deepEqual(parsed.record, record);
      for (const uri of record.rua) assert.equal(parseReportUri(uri).valid, true, uri);
    }),
    budget(600),
  );
});

test('property: DKIM tags round-trip through formatDkim; real keys decode whatever else the record says', () => {
  const key = fc.constantFrom(['rsa', RSA_2048, 2048] as const, ['ed25519', ED25519_RAW, 256] as const);
  fc.assert(
    fc.property(key, fc.uniqueArray(otherTag.filter((t) => !['v', 'k', 'p', 't', 'h', 's'].includes(t.name.toLowerCase())), { maxLength: 4, selector: (t) => t.name.toLowerCase() }), ([k, p, bits], extra) => {
      const tags: Tag[] = [{ name: 'v', value: 'DKIM1' }, { name: 'k', value: k }, ...extra, { name: 'p', value: p }];
      const parsed = timed('parseDkim', () => parseDkim(formatDkim(tags)));
      assert.deepEqual(parsed.tags, tags);
      assert.deepEqual(parsed.errors, []);
      assert.deepEqual(parsed.key, { type: k, bits });
    }),
    budget(200),
  );
});

test('property: attack-string shaped records of 20 KB take linear time', () => {
  const units = ['v', '=', ';', ' ', '\t', 'p', 'DMARC1', 'mailto:', 'a', '@', '.', '-', ',', '!', '1', ':', 'A', '+', '/'];
  fc.assert(
    fc.property(pumped(units), (text) => {
      timed('parseDmarc', () => parseDmarc(text));
      timed('parseDkim', () => parseDkim(text));
      timed('looksLike', () => [looksLikeDmarc(text), looksLikeDkim(text), startsWithDmarcVersion(text), parseReportUri(text), parseReportUri(`mailto:${text}`)]);
    }),
    budget(60),
  );
});

test('regression: 64 KB hostile policy records are read in linear time', () => {
  const n = 65_000;
  const inputs = [
    `v=DMARC1; p=none; rua=mailto:x@${'a.'.repeat(n / 2)}!`,
    `v=DMARC1; ${';'.repeat(n)}`,
    `v=DMARC1; p=reject; fo=${'0:'.repeat(n / 2)}x`,
    `v=DMARC1; p=reject; rf=afrf${':a'.repeat(n / 2)}!`,
    `${' '.repeat(n)}v=DMARC1`,
    `v=DKIM1; p=${'A'.repeat(n)}`,
    `v=DKIM1; p=${'A '.repeat(n / 2)}!`,
    `${'; p'.repeat(n / 3)}`,
    `${'='.repeat(n)}`,
  ];
  for (const text of inputs) {
    timed(`parseDmarc(${text.slice(0, 24)}...)`, () => parseDmarc(text));
    timed(`parseDkim(${text.slice(0, 24)}...)`, () => parseDkim(text));
    timed('looksLike', () => [looksLikeDmarc(text), looksLikeDkim(text), parseReportUri(text.slice(text.indexOf('mailto:')))]);
  }
  assert.deepEqual(decodeDkimKey('rsa', 'A'.repeat(n)), { error: { code: 'dkim.rsa-invalid', data: {} } });
});

test('a tag list reports each kind of empty tag once and at most MAX_TAG_ERRORS errors', () => {
  const empties = parseTagList(`v=DMARC1; ${';'.repeat(10_000)} p=none`);
  assert.deepEqual(empties.errors, [{ code: 'taglist.empty-tag', data: {} }]);
  assert.deepEqual(empties.tags.map((t) => t.name), ['v', 'p']);
  const junk = parseTagList(Array.from({ length: 500 }, (_, i) => `junk${i}`).join(';'));
  assert.equal(junk.errors.length, MAX_TAG_ERRORS);
  assert.deepEqual(junk.errors[0], { code: 'taglist.not-pair', data: { part: 'junk0' } });
});
