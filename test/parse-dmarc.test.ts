import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDmarc, looksLikeDmarc, parseDmarc, parseReportUri, startsWithDmarcVersion } from '../src/parse/dmarc.js';
import { parseTagList, formatTagList } from '../src/parse/taglist.js';
import { syntax } from './helpers/words.js';

test('tag lists: whitespace, trailing semicolon, duplicates, bad names', () => {
  assert.deepEqual(parseTagList(' v = DMARC1 ;p=none; '), { tags: [{ name: 'v', value: 'DMARC1' }, { name: 'p', value: 'none' }], errors: [] });
  assert.deepEqual(parseTagList('p=none; p=reject').errors[0], { code: 'taglist.duplicate', data: { name: 'p' } });
  assert.equal(parseTagList('p=none; junk').errors[0]?.code, 'taglist.not-pair');
  assert.equal(parseTagList('1p=none').errors[0]?.code, 'taglist.tag-name');
  assert.equal(formatTagList([{ name: 'a', value: '1' }, { name: 'b', value: '' }]), 'a=1; b=');
});

test('parseDmarc reads every RFC 7489 tag', () => {
  const { record, errors, unknownTags } = parseDmarc('v=DMARC1; p=quarantine; sp=reject; pct=50; rua=mailto:a@example.com, mailto:b@example.net!10m; ruf=mailto:f@example.com; adkim=s; aspf=r; fo=1:d; rf=afrf; ri=3600');
  assert.deepEqual(errors, []);
  assert.deepEqual(unknownTags, []);
  assert.deepEqual(record, {
    p: 'quarantine', sp: 'reject', pct: 50, rua: ['mailto:a@example.com', 'mailto:b@example.net!10m'], ruf: ['mailto:f@example.com'],
    adkim: 's', aspf: 'r', fo: '1:d', rf: 'afrf', ri: 3600, other: [],
  });
});

test('parseDmarc names the offending tag', () => {
  const cases: [string, RegExp][] = [
    ['v=DMARC1; p=block', /p=block: the policy must be/],
    ['v=DMARC1; p=none; pct=150', /pct=150/],
    ['v=DMARC1; p=none; pct=abc', /pct=abc/],
    ['p=none; v=DMARC1', /must be the first tag/],
    ['v=DMARC1; rua=mailto:a@example.com', /"p" tag .* is missing/],
    ['v=DMARC1; p=none; adkim=x', /adkim=x/],
    ['v=DMARC1; p=none; fo=2', /fo=2/],
    ['v=DMARC1; p=none; ri=soon', /ri=soon/],
  ];
  for (const [text, pattern] of cases) {
    const { errors } = parseDmarc(text);
    assert.ok(errors.some((e) => pattern.test(syntax(e))), `${text}: ${errors.map(syntax).join(' | ')}`);
  }
  assert.deepEqual(parseDmarc('v=DMARC1; p=none; rue=mailto:a@example.com').unknownTags, ['rue']);
});

test('formatDmarc output re-parses to the same record (round trip)', () => {
  const texts = [
    'v=DMARC1; p=none',
    'v=DMARC1; p=reject; sp=quarantine; np=reject; pct=25; rua=mailto:a@example.com,mailto:b@example.org; ruf=mailto:c@example.com; adkim=s; aspf=s; fo=1; rf=afrf; ri=86400; psd=n',
    'v=DMARC1;p=quarantine;rua=mailto:x@example.com;',
  ];
  for (const text of texts) {
    const first = parseDmarc(text);
    assert.deepEqual(first.errors, []);
    const again = parseDmarc(formatDmarc(first.record));
    assert.deepEqual(again.errors, []);
    assert.deepEqual(again.record, first.record);
    assert.equal(formatDmarc(again.record), formatDmarc(first.record));
  }
});

test('record recognition and report URIs', () => {
  assert.equal(startsWithDmarcVersion('v=DMARC1; p=none'), true);
  assert.equal(startsWithDmarcVersion('p=none; v=DMARC1'), false);
  assert.equal(looksLikeDmarc('p=none; v=DMARC1'), true);
  assert.equal(looksLikeDmarc('google-site-verification=x'), false);
  assert.deepEqual(parseReportUri('mailto:Reports@Example.COM!50m'), { uri: 'mailto:Reports@Example.COM!50m', address: 'Reports@example.com', domain: 'example.com', valid: true });
  assert.equal(parseReportUri('reports@example.com').valid, false);
  assert.equal(parseReportUri('https://example.com/dmarc').valid, false);
});
