import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCharacterStrings, encodeCharacterStrings, formatCharacterStrings, quote, splitCharacterStrings, unescapeCharacterString } from '../src/dns/rdata.js';
import { parseZone } from '../src/parse/zone.js';
import { quoteTxt } from '../src/render/record.js';

test('character-strings: wire form round-trips; a length past the end is undefined', () => {
  const strings = [Buffer.from('v=spf1 '), Buffer.alloc(0), Buffer.from('-all')];
  const wire = encodeCharacterStrings(strings);
  assert.deepEqual(wire, Buffer.from('\x07v=spf1 \x00\x04-all', 'latin1'));
  assert.deepEqual(decodeCharacterStrings(wire), strings);
  assert.equal(decodeCharacterStrings(Buffer.from([5, 0x61])), undefined);
  assert.throws(() => encodeCharacterStrings([Buffer.alloc(256)]), RangeError);
});

test('splitCharacterStrings: at most 255 bytes each, cut only between UTF-8 characters', () => {
  assert.deepEqual(splitCharacterStrings('').map(String), ['']);
  assert.deepEqual(splitCharacterStrings(`${'a'.repeat(254)}中`).map((b) => b.length), [254, 3]);
  assert.deepEqual(splitCharacterStrings(`${'a'.repeat(253)}🙂b`).map((b) => b.length), [253, 5]);
  assert.deepEqual(splitCharacterStrings('x'.repeat(600)).map((b) => b.length), [255, 255, 90]);
});

test('quote: readable UTF-8, escapes for quotes, backslashes and controls (C0, DEL, C1), \\DDD for bytes that are not UTF-8', () => {
  assert.equal(quote(Buffer.from('say "hi" \\ 中文 🙂')), '"say \\"hi\\" \\\\ 中文 🙂"');
  assert.equal(quote(Buffer.from('a\tb\x7f\u0085')), '"a\\009b\\127\\194\\133"');
  assert.equal(quote(Buffer.from([0x61, 0xff, 0x22])), '"a\\255\\""');
  assert.equal(formatCharacterStrings(`${'a'.repeat(254)}中`), `"${'a'.repeat(254)}" "中"`);
});

test('unescapeCharacterString: \\DDD bytes, \\X literal (a whole code point), errors as codes', () => {
  assert.deepEqual(unescapeCharacterString('A\\066\\"\\\\\\🙂'), Buffer.from('AB"\\🙂'));
  assert.deepEqual(unescapeCharacterString('\\195\\169'), Buffer.from('é'));
  assert.deepEqual(unescapeCharacterString('\\256'), { code: 'escape-range', escape: '\\256' });
  assert.deepEqual(unescapeCharacterString('\\12x'), { code: 'escape-digits', escape: '\\12' });
});

test('render quoteTxt formats through the rdata module: the CJK value that used to be cut at byte 255 re-parses', () => {
  const value = `v=DKIM1; n=${'说明'.repeat(60)}; p=${'A'.repeat(200)}`;
  const line = `x._domainkey.example.test. TXT ${quoteTxt(value)}`;
  assert.equal(parseZone(line)[0]?.data, value);
  assert.equal(quoteTxt('a "b" \\c'), '"a \\"b\\" \\\\c"');
});
