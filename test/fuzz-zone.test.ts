import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZoneSyntaxError, formatRecord, parseZone, parseZoneFile } from '../src/parse/zone.js';
import { syntax } from './helpers/words.js';
import type { ZoneErrorCode } from '../src/parse/zone.js';
import { quote, splitCharacterStrings } from '../src/dns/rdata.js';
import { parseIp } from '../src/net/ip.js';
import { formatRecordFix, quoteTxt } from '../src/render/record.js';
import { createZoneSource } from '../src/dns/zone.js';
import type { DnsRecord } from '../src/dns/types.js';
import { budget, pumped, stringOf, timed } from './helpers/fuzz.js';

// Zone files, TXT quoting and the zone source under fast-check (budget and per-input bound: helpers/fuzz.ts).

/** Characters that stress TXT quoting: quotes, backslashes, zone-file syntax, controls, C1, CJK, emoji. */
const TRICKY = ['"', '\\', ' ', ';', '(', ')', '$', '@', '\t', '\n', '\r', '\0', '\x7f', '\u0085', '\u00a0', 'é', '中', '文', '🙂', '👍🏽', '\u{10ffff}', '\ufeff'];
const txtChar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 4, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c)) },
  { weight: 2, arbitrary: fc.integer({ min: 0x1f300, max: 0x1faff }).map((c) => String.fromCodePoint(c)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
/** TXT values from 0 to about 2000 bytes of UTF-8. */
const txtValue = fc
  .oneof(fc.string({ unit: txtChar, maxLength: 600 }), fc.string({ unit: txtChar, maxLength: 600, size: 'max' }))
  .filter((s) => Buffer.byteLength(s) <= 2000);

const label = stringOf('abcdefghijklmnopqrstuvwxyz0123456789-_'.split(''), 20).filter((l) => l.length > 0);
const hostName = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
const ownerName = fc.tuple(fc.boolean(), hostName).map(([wild, name]) => (wild ? `*.${name}` : name));
const u8 = fc.integer({ min: 0, max: 255 });
const u32 = fc.integer({ min: 0, max: 4294967295 });
const ttl = fc.integer({ min: 0, max: 2147483647 });
const ipv4 = fc.tuple(u8, u8, u8, u8).map((b) => b.join('.'));
const ipv6 = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }).map((g) => (parseIp(g.map((x) => x.toString(16)).join(':')) as { address: string }).address);
const hex = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => Buffer.from(b).toString('hex'));

/** fc.record with plain objects (deepStrictEqual compares prototypes). */
const plain = <T extends Record<string, unknown>>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record<T>(model, { noNullPrototype: true });

/** Records of every modelled type, in the canonical form parseZone produces. */
const record: fc.Arbitrary<DnsRecord> = fc.oneof(
  plain({ name: ownerName, type: fc.constant('A' as const), ttl, data: ipv4 }),
  plain({ name: ownerName, type: fc.constant('AAAA' as const), ttl, data: ipv6 }),
  plain({ name: ownerName, type: fc.constant('MX' as const), ttl, data: plain({ preference: fc.integer({ min: 0, max: 65535 }), exchange: fc.oneof(hostName, fc.constant('')) }) }),
  plain({ name: ownerName, type: fc.constantFrom('TXT' as const, 'SPF' as const), ttl, data: txtValue }),
  plain({ name: ownerName, type: fc.constantFrom('CNAME' as const, 'PTR' as const, 'NS' as const), ttl, data: hostName }),
  plain({ name: ownerName, type: fc.constant('SOA' as const), ttl, data: plain({ mname: hostName, rname: hostName, serial: u32, refresh: ttl, retry: ttl, expire: ttl, minimum: ttl }) }),
  plain({
    name: ownerName, type: fc.constant('CAA' as const), ttl,
    data: fc.tuple(u8, stringOf('abcdefghijklmnopqrstuvwxyz0123456789'.split(''), 15).filter((t) => t.length > 0), txtValue.filter((v) => Buffer.byteLength(v) <= 255))
      .map(([flags, tag, value]) => `${flags} ${tag} ${quote(Buffer.from(value, 'utf8'))}`),
  }),
  plain({ name: ownerName, type: fc.constant('TLSA' as const), ttl, data: fc.tuple(u8, u8, u8, hex).map((p) => p.join(' ')) }),
) as fc.Arbitrary<DnsRecord>;

test('property: a TXT value formatted by the zone formatter re-parses to itself (ASCII, CJK, emoji, quotes, backslashes, 0-2000 bytes)', () => {
  fc.assert(
    fc.property(txtValue, (value) => {
      const line = formatRecord({ name: 'txt.test', type: 'TXT', ttl: 60, data: value });
      const [parsed] = timed('parseZone', () => parseZone(line));
      assert.equal(parsed?.data, value);
      // Every character-string fits its length byte, and none cuts a UTF-8 character in two.
      for (const part of splitCharacterStrings(value)) {
        assert.ok(part.length <= 255);
        assert.equal(Buffer.from(part.toString('utf8'), 'utf8').length, part.length);
      }
    }),
    budget(400),
  );
});

test('property: the suggested-record renderer (quoteTxt, formatRecordFix) emits TXT lines that re-parse to the value', () => {
  fc.assert(
    fc.property(txtValue, (value) => {
      assert.equal(parseZone(`fix.test. 300 IN TXT ${quoteTxt(value)}`)[0]?.data, value);
      assert.equal(parseZone(formatRecordFix({ name: 'fix.test', type: 'TXT', value }))[0]?.data, value);
    }),
    budget(300),
  );
});

test('TXT at the 255-byte boundary: a multi-byte character is never cut (regression: quoteTxt cut 中 at byte 255)', () => {
  for (const tail of ['中', '🙂', 'é', '"', '\\']) {
    for (let pad = 250; pad <= 256; pad++) {
      const value = 'a'.repeat(pad) + tail.repeat(3);
      assert.equal(parseZone(`x.test. TXT ${quoteTxt(value)}`)[0]?.data, value, `${pad} + ${tail}`);
    }
  }
  // 254 ASCII bytes and a 3-byte character: the character starts the second string.
  assert.equal(quoteTxt(`${'a'.repeat(254)}中`), `"${'a'.repeat(254)}" "中"`);
  assert.equal(quoteTxt(''), '""');
  assert.equal(quoteTxt('tab\there'), '"tab\\009here"');
});

test('property: formatRecord then parseZone gives back every record of every modelled type', () => {
  fc.assert(
    fc.property(fc.array(record, { maxLength: 8 }), (records) => {
      const text = records.map(formatRecord).join('\n');
      assert.deepEqual(timed('parseZone', () => parseZone(text)), records);
    }),
    budget(300),
  );
});

/** Zone-file text: tokens, directives, names, escapes, quotes, parentheses, comments, newlines. */
const zoneToken = fc.oneof(
  fc.constantFrom('$ORIGIN', '$TTL', '$INCLUDE', '@', '.', 'example.test.', 'www', '*', 'IN', 'CH', '3600', '1h30m', '99999999999',
    'A', 'AAAA', 'MX', 'TXT', 'SPF', 'SOA', 'CAA', 'TLSA', 'CNAME', 'SRV', 'TYPE99', 'TYPE65280', 'TYPE99999', '\\#', '0', '10', '2', 'ab', '0161',
    '192.0.2.1', '2001:db8::1', '"', '"x"', '"\\"', '\\065', '\\300', '\\1', '(', ')', ';', ' ', '  ', '\t', '\n', '\n ', '\r\n', 'issue', '中', '\ufeff'),
  fc.string({ unit: 'binary-ascii', maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 3 }),
);
const zoneText = fc.array(zoneToken, { maxLength: 400, size: 'large' }).map((tokens) => tokens.join(' '));

function checkOutcome(text: string): void {
  try {
    const contents = timed('parseZoneFile', () => parseZoneFile(text, { file: 'f.zone' }));
    for (const r of contents.records) assert.equal(typeof r.name, 'string');
  } catch (error) {
    assert.ok(error instanceof ZoneSyntaxError, `not a ZoneSyntaxError: ${String(error)}`);
    assert.match(error.code, /^zone\.[a-z0-9-]+$/);
    assert.equal(error.data.file, 'f.zone');
    assert.ok(Number.isInteger(error.line) && error.line >= 1);
    assert.equal(error.message, `f.zone:${error.line}: ${error.code}`);
    assert.ok(syntax(error).length < 400, 'long tokens are clipped in errors');
  }
}

test('property: parseZoneFile returns records or throws a ZoneSyntaxError with a code and data, never anything else', () => {
  fc.assert(fc.property(zoneText, checkOutcome), budget(1500, 2000));
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000, size: 'large' }), checkOutcome), budget(500));
});

test('property: attack-string shaped zone text of 20 KB takes linear time', () => {
  const units = ['a', '.', ' ', '\t', '\n', '"', '\\', '(', ')', ';', '1', 'h', 'A', 'TXT', '"x" ', '\\#', '0', '$TTL', '@', 'IN', '*'];
  fc.assert(fc.property(pumped(units), (text) => checkOutcome(text)), budget(80));
  // Long single tokens: names, TTLs, quoted strings, escapes, hex.
  for (const text of [`${'a'.repeat(20_000)} A 192.0.2.1`, `a.test. ${'1'.repeat(20_000)}x A 192.0.2.1`, `a.test. TXT "${'\\'.repeat(20_000)}`, `a.test. TXT ${'"x" '.repeat(5_000)}`, `a.test. TXT \\# 1 ${'ab'.repeat(10_000)}`, `a.test. TXT ${'\\0'.repeat(10_000)}`]) checkOutcome(text);
});

test('regression: 130,000 records at one owner load (no call-stack overflow, no quadratic duplicate check)', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-fuzz-zone-'));
  const file = join(dir, 'big.zone');
  const lines = ['$ORIGIN big.test.', '@ SOA ns hostmaster 1 2 3 4 5'];
  for (let i = 0; i < 130_000; i++) lines.push(` TXT "${i}"`);
  lines.push(' TXT "0"', ' TXT "1"');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const source = await createZoneSource([file]);
  const answer = await source.query('big.test', 'TXT');
  assert.equal(answer.outcome, 'answer');
  // The duplicates at the end are one RRset member each (RFC 2181 §5).
  assert.equal(answer.answers.length, 130_000);
});

test('errors carry stable codes with data; long tokens are clipped', () => {
  const code = (text: string): [ZoneErrorCode, Record<string, unknown>] => {
    try {
      parseZone(text, { file: 'c.zone' });
    } catch (error) {
      assert.ok(error instanceof ZoneSyntaxError);
      return [error.code, error.data];
    }
    assert.fail(`no error for ${JSON.stringify(text)}`);
  };
  assert.deepEqual(code('$ORIGIN e.test.\n\nmx MX ten mx1\n'), ['zone.mx-preference', { value: 'ten', max: 65535, file: 'c.zone', line: 3 }]);
  const [longCode, longData] = code(`a.test. A ${'9'.repeat(100_000)}\n`);
  assert.equal(longCode, 'zone.a-address');
  assert.equal(String(longData.value).length, 65);
  const strings = Array.from({ length: 259 }, () => `"${'x'.repeat(253)}"`).join(' ');
  assert.deepEqual(code(`a.test. TXT ( ${strings} )\n`), ['zone.rdata-too-long', { type: 'TXT', bytes: 65_786, limit: 65_535, file: 'c.zone', line: 1 }]);
  // The record cap counts skipped types too.
  assert.throws(() => parseZoneFile('a.test. A 192.0.2.1\nb.test. A 192.0.2.2\nc.test. SRV 0 0 0 x.test.\n', { file: 'c.zone', maxRecords: 2 }), (error: unknown) => {
    assert.ok(error instanceof ZoneSyntaxError);
    assert.deepEqual([error.code, error.data], ['zone.too-many-records', { limit: 2, file: 'c.zone', line: 3 }]);
    return true;
  });
});
