import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatMtaStsPolicy,
  formatMtaStsRecord,
  mtaStsPolicyHost,
  mtaStsPolicyUrl,
  mtaStsRecordName,
  mxPatternFault,
  parseMtaStsPolicy,
  parseMtaStsRecord,
  selectMtaStsRecord,
  MTA_STS_POLICY_MAX_BYTES,
} from '../src/parse/mta-sts.js';

const codes = (problems: readonly { code: string }[]): string[] => problems.map((p) => p.code);

test('MTA-STS TXT: a valid record, with and without trailing separator, spaces around ";"', () => {
  for (const text of ['v=STSv1; id=20240101T000000', 'v=STSv1;id=abc123;', 'v=STSv1 ;\tid=abc123 ; ', 'v=STSv1; id=A1']) {
    const parsed = parseMtaStsRecord(text);
    assert.ok(parsed.record, text);
    assert.deepEqual(parsed.problems, [], text);
  }
  assert.equal(parseMtaStsRecord('v=STSv1; id=20240101T000000').record?.id, '20240101T000000');
});

test('MTA-STS TXT: id must be 1–32 letters and digits', () => {
  assert.deepEqual(parseMtaStsRecord('v=STSv1; id=2024-01-01').problems, [{ code: 'mta-sts.id-invalid', value: '2024-01-01', reason: 'characters' }]);
  assert.equal(parseMtaStsRecord('v=STSv1; id=2024-01-01').record, undefined);
  const long = 'a'.repeat(33);
  assert.deepEqual(parseMtaStsRecord(`v=STSv1; id=${long}`).problems, [{ code: 'mta-sts.id-invalid', value: long, reason: 'length' }]);
  assert.ok(parseMtaStsRecord(`v=STSv1; id=${'a'.repeat(32)}`).record);
  assert.deepEqual(codes(parseMtaStsRecord('v=STSv1').problems), ['mta-sts.id-missing']);
  assert.deepEqual(codes(parseMtaStsRecord('v=STSv1;').problems), ['mta-sts.id-missing']);
});

test('MTA-STS TXT: case-sensitive keys, spaces around "=", duplicates, extensions', () => {
  const upper = parseMtaStsRecord('v=STSv1; ID=123');
  assert.equal(upper.record, undefined);
  assert.deepEqual(upper.problems, [{ code: 'mta-sts.record-key-case', key: 'ID', expected: 'id' }, { code: 'mta-sts.id-missing' }]);

  const spaced = parseMtaStsRecord('v=STSv1; id = 123');
  assert.equal(spaced.record, undefined);
  assert.deepEqual(spaced.problems, [{ code: 'mta-sts.record-syntax', field: 'id = 123', index: 0 }, { code: 'mta-sts.id-missing' }]);

  const dup = parseMtaStsRecord('v=STSv1; id=one; id=two');
  assert.equal(dup.record?.id, 'one');
  assert.deepEqual(dup.problems, [{ code: 'mta-sts.id-duplicate', values: ['one', 'two'] }]);

  const ext = parseMtaStsRecord('v=STSv1; id=1; foo.bar=baz');
  assert.deepEqual(ext.record, { id: '1', extensions: [{ name: 'foo.bar', value: 'baz' }] });
  assert.deepEqual(parseMtaStsRecord('v=STSv1; id=1;; x=y').problems, [{ code: 'mta-sts.record-syntax', field: '', index: 1 }]);
});

test('MTA-STS TXT discovery: exactly one v=STSv1 record; others discarded, lookalikes reported', () => {
  const one = selectMtaStsRecord(['v=spf1 -all', 'v=STSv1; id=1', 'google-site-verification=x']);
  assert.equal(one.record?.id, '1');
  assert.equal(one.text, 'v=STSv1; id=1');

  const two = selectMtaStsRecord(['v=STSv1; id=1', 'v=STSv1; id=2']);
  assert.equal(two.record, undefined);
  assert.deepEqual(two.problems, [{ code: 'mta-sts.record-multiple', count: 2, records: ['v=STSv1; id=1', 'v=STSv1; id=2'] }]);

  assert.deepEqual(selectMtaStsRecord([]).problems, [{ code: 'mta-sts.record-missing' }]);
  assert.deepEqual(selectMtaStsRecord(['v=stsv1; id=1', ' v=STSv1; id=2', 'v = STSv1; id=3']).problems, [
    { code: 'mta-sts.record-missing' },
    { code: 'mta-sts.record-lookalike', value: 'v=stsv1; id=1' },
    { code: 'mta-sts.record-lookalike', value: ' v=STSv1; id=2' },
    { code: 'mta-sts.record-lookalike', value: 'v = STSv1; id=3' },
  ]);
  assert.deepEqual(selectMtaStsRecord(['v=STSv1 id=1']).problems, [{ code: 'mta-sts.record-missing' }, { code: 'mta-sts.record-lookalike', value: 'v=STSv1 id=1' }]);
  // Not a lookalike: a longer version token.
  assert.deepEqual(selectMtaStsRecord(['v=STSv10; id=1']).problems, [{ code: 'mta-sts.record-missing' }]);
});

test('MTA-STS TXT: format re-parses to the same record', () => {
  const record = { id: '20260101', extensions: [{ name: 'x-note', value: 'a' }] };
  const text = formatMtaStsRecord(record);
  assert.equal(text, 'v=STSv1; id=20260101; x-note=a');
  assert.deepEqual(parseMtaStsRecord(text), { record, problems: [] });
});

const POLICY = 'version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n';

test('MTA-STS policy: CRLF and LF lines, order free, unknown keys ignored', () => {
  const crlf = parseMtaStsPolicy(POLICY);
  assert.deepEqual(crlf, { policy: { version: 'STSv1', mode: 'enforce', maxAge: 604800, mx: ['mx1.example.com', '*.example.net'], extensions: [] }, problems: [] });
  const lf = parseMtaStsPolicy('max_age: 86400\nmx: MX.Example.COM\nmode: testing\nversion: STSv1\nfoo_bar: some value\n\n');
  assert.deepEqual(lf.policy, { version: 'STSv1', mode: 'testing', maxAge: 86400, mx: ['mx.example.com'], extensions: [{ name: 'foo_bar', value: 'some value' }] });
  assert.deepEqual(lf.problems, []);
  // No final newline, trailing spaces, tab after the colon.
  assert.ok(parseMtaStsPolicy('version:\tSTSv1  \nmode: none\nmax_age: 0').policy);
});

test('MTA-STS policy: required keys and their values', () => {
  assert.deepEqual(codes(parseMtaStsPolicy('').problems), ['mta-sts.policy-version-missing', 'mta-sts.policy-mode-missing', 'mta-sts.policy-max-age-missing']);
  const bad = parseMtaStsPolicy('version: STSv2\nmode: Enforce\nmax_age: 1e6\nmx: mx.example.com\n');
  assert.equal(bad.policy, undefined);
  assert.deepEqual(bad.problems, [
    { code: 'mta-sts.policy-version-invalid', value: 'STSv2' },
    { code: 'mta-sts.policy-mode-invalid', value: 'Enforce', caseOnly: true },
    { code: 'mta-sts.policy-max-age-invalid', value: '1e6' },
  ]);
  assert.deepEqual(parseMtaStsPolicy('version: STSv1\nmode: strict\nmax_age: 1\nmx: a.b\n').problems, [{ code: 'mta-sts.policy-mode-invalid', value: 'strict', caseOnly: false }]);
});

test('MTA-STS policy: max_age range 0–31557600, digits only', () => {
  const age = (v: string) => parseMtaStsPolicy(`version: STSv1\nmode: none\nmax_age: ${v}\n`);
  assert.equal(age('0').policy?.maxAge, 0);
  assert.equal(age('31557600').policy?.maxAge, 31557600);
  assert.deepEqual(age('31557601').problems, [{ code: 'mta-sts.policy-max-age-range', value: '31557601', max: 31557600 }]);
  assert.deepEqual(age('99999999999').problems, [{ code: 'mta-sts.policy-max-age-invalid', value: '99999999999' }]);
  for (const v of ['-1', '+5', '1.5', '0x10', '86400s', '1 000']) assert.deepEqual(codes(age(v).problems), ['mta-sts.policy-max-age-invalid'], v);
});

test('MTA-STS policy: mx required unless mode none; invalid patterns named', () => {
  assert.deepEqual(parseMtaStsPolicy('version: STSv1\nmode: enforce\nmax_age: 86400\n').problems, [{ code: 'mta-sts.policy-mx-missing', mode: 'enforce' }]);
  assert.ok(parseMtaStsPolicy('version: STSv1\nmode: none\nmax_age: 86400\n').policy);
  const bad = parseMtaStsPolicy('version: STSv1\nmode: testing\nmax_age: 86400\nmx: 192.0.2.1\nmx: mx.example.com.\nmx: *.*.example.com\nmx: mx*.example.com\nmx: -bad.example.com\nmx: good.example.com\n');
  assert.deepEqual(bad.policy?.mx, ['good.example.com']);
  assert.deepEqual(bad.problems, [
    { code: 'mta-sts.policy-mx-invalid', line: 4, value: '192.0.2.1', reason: 'ip-address' },
    { code: 'mta-sts.policy-mx-invalid', line: 5, value: 'mx.example.com.', reason: 'trailing-dot' },
    { code: 'mta-sts.policy-mx-invalid', line: 6, value: '*.*.example.com', reason: 'wildcard' },
    { code: 'mta-sts.policy-mx-invalid', line: 7, value: 'mx*.example.com', reason: 'wildcard' },
    { code: 'mta-sts.policy-mx-invalid', line: 8, value: '-bad.example.com', reason: 'label' },
  ]);
  // Only invalid patterns in enforce mode: no usable policy.
  assert.deepEqual(codes(parseMtaStsPolicy('version: STSv1\nmode: enforce\nmax_age: 86400\nmx: 2001:db8::1\n').problems), ['mta-sts.policy-mx-invalid', 'mta-sts.policy-mx-missing']);
  assert.equal(mxPatternFault('[192.0.2.1]'), 'ip-address');
  assert.equal(mxPatternFault('*.example.com'), undefined);
});

test('MTA-STS policy: case-sensitive keys, duplicates keep the first, malformed lines', () => {
  const cased = parseMtaStsPolicy('Version: STSv1\nmode: none\nmax_age: 1\n');
  assert.equal(cased.policy, undefined);
  assert.deepEqual(cased.problems, [{ code: 'mta-sts.policy-key-case', line: 1, key: 'Version', expected: 'version' }, { code: 'mta-sts.policy-version-missing' }]);

  const dup = parseMtaStsPolicy('version: STSv1\nmode: testing\nmode: enforce\nmax_age: 1\nmx: a.example\n');
  assert.equal(dup.policy?.mode, 'testing');
  assert.deepEqual(dup.problems, [{ code: 'mta-sts.policy-duplicate-key', line: 3, key: 'mode', value: 'enforce', first: 'testing' }]);

  const junk = parseMtaStsPolicy('version: STSv1\r\nthis line has no colon\r\n: empty key\r\nmode: none\rmax_age: 1\r\nmax_age: 5\r\nx:\r\n');
  assert.deepEqual(junk.problems, [
    { code: 'mta-sts.policy-line-syntax', line: 2, text: 'this line has no colon', reason: 'no-colon' },
    { code: 'mta-sts.policy-line-syntax', line: 3, text: ': empty key', reason: 'key' },
    { code: 'mta-sts.policy-line-syntax', line: 4, text: 'mode: none\rmax_age: 1', reason: 'bare-cr' },
    { code: 'mta-sts.policy-line-syntax', line: 6, text: 'x:', reason: 'value' },
    { code: 'mta-sts.policy-mode-missing' },
  ]);
});

test('MTA-STS policy: size cap and problem cap (hostile input, bounded work)', () => {
  const big = 'x'.repeat(MTA_STS_POLICY_MAX_BYTES + 1);
  assert.deepEqual(parseMtaStsPolicy(big).problems, [{ code: 'mta-sts.policy-too-large', bytes: MTA_STS_POLICY_MAX_BYTES + 1, limit: MTA_STS_POLICY_MAX_BYTES }]);
  // Multi-byte characters count as UTF-8 bytes.
  const wide = '\u4e2d'.repeat(30_000);
  assert.equal(parseMtaStsPolicy(wide).problems[0]?.code, 'mta-sts.policy-too-large');
  const manyBad = Array.from({ length: 3000 }, (_, i) => `bad line ${i}`).join('\n');
  const parsed = parseMtaStsPolicy(manyBad);
  assert.equal(parsed.problems.length, 33);
  assert.deepEqual(parsed.problems.at(-1), { code: 'mta-sts.policy-problems-truncated', omitted: 3000 + 3 - 32 });
  // A long line of colons and spaces does not blow up.
  assert.equal(parseMtaStsPolicy(`mx:${' :'.repeat(20_000)}x`).policy, undefined);
});

test('MTA-STS policy: format re-parses to the same policy', () => {
  const policy = { mode: 'enforce' as const, maxAge: 1209600, mx: ['mx1.example.com', '*.mail.example.com'] };
  const text = formatMtaStsPolicy(policy);
  assert.equal(text, 'version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmx: *.mail.example.com\r\nmax_age: 1209600\r\n');
  assert.deepEqual(parseMtaStsPolicy(text), { policy: { version: 'STSv1', ...policy, extensions: [] }, problems: [] });
});

test('MTA-STS names', () => {
  assert.equal(mtaStsRecordName('Example.COM.'), '_mta-sts.example.com');
  assert.equal(mtaStsPolicyHost('example.com'), 'mta-sts.example.com');
  assert.equal(mtaStsPolicyUrl('example.com.'), 'https://mta-sts.example.com/.well-known/mta-sts.txt');
});
