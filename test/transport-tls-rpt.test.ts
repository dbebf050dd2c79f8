import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTlsRpt, parseTlsRpt, parseTlsRptUri, selectTlsRpt, tlsRptRecordName } from '../src/parse/tls-rpt.js';

test('TLS-RPT: mailto and https report URIs', () => {
  const parsed = parseTlsRpt('v=TLSRPTv1; rua=mailto:tls@Example.COM,https://reports.example.net/v1/tls');
  assert.deepEqual(parsed, {
    record: {
      rua: [
        { uri: 'mailto:tls@Example.COM', scheme: 'mailto', address: 'tls@example.com', domain: 'example.com' },
        { uri: 'https://reports.example.net/v1/tls', scheme: 'https', domain: 'reports.example.net' },
      ],
      extensions: [],
    },
    problems: [],
  });
  // Spaces around ",", trailing ";", percent-encoded and hfields in mailto.
  const spaced = parseTlsRpt('v=TLSRPTv1;rua=mailto:a%2Bb@example.com?subject=tls , mailto:c@example.org;');
  assert.deepEqual(spaced.record?.rua.map((u) => u.address), ['a+b@example.com', 'c@example.org']);
  assert.deepEqual(spaced.problems, []);
});

test('TLS-RPT: rua required, URIs checked, case-sensitive key', () => {
  assert.deepEqual(parseTlsRpt('v=TLSRPTv1').problems, [{ code: 'tls-rpt.rua-missing' }]);
  assert.deepEqual(parseTlsRpt('v=TLSRPTv1; RUA=mailto:a@example.com').problems, [{ code: 'tls-rpt.record-key-case', key: 'RUA', expected: 'rua' }, { code: 'tls-rpt.rua-missing' }]);
  const bad = parseTlsRpt('v=TLSRPTv1; rua=http://example.com/r,tls@example.com,mailto:nobody,https:example.com,mailto:ok@example.com');
  assert.deepEqual(bad.problems, [
    { code: 'tls-rpt.rua-uri-invalid', uri: 'http://example.com/r', reason: 'http' },
    { code: 'tls-rpt.rua-uri-invalid', uri: 'tls@example.com', reason: 'scheme' },
    { code: 'tls-rpt.rua-uri-invalid', uri: 'mailto:nobody', reason: 'mailto' },
    { code: 'tls-rpt.rua-uri-invalid', uri: 'https:example.com', reason: 'https' },
  ]);
  assert.deepEqual(bad.record?.rua.map((u) => u.uri), ['mailto:ok@example.com']);
  const none = parseTlsRpt('v=TLSRPTv1; rua=ftp://x.example');
  assert.equal(none.record, undefined);
  assert.deepEqual(none.problems.map((p) => p.code), ['tls-rpt.rua-uri-invalid', 'tls-rpt.rua-none-valid']);
  const dup = parseTlsRpt('v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com');
  assert.deepEqual(dup.record?.rua.map((u) => u.address), ['a@example.com']);
  assert.deepEqual(dup.problems, [{ code: 'tls-rpt.rua-duplicate', count: 2 }]);
  assert.deepEqual(parseTlsRpt('v=TLSRPTv1; rua = mailto:a@example.com').problems.map((p) => p.code), ['tls-rpt.record-syntax', 'tls-rpt.rua-missing']);
  assert.deepEqual(parseTlsRptUri('https://user:pw@example.com/'), { fault: 'https' });
  assert.deepEqual(parseTlsRptUri('mailto:%zz@example.com'), { fault: 'mailto' });
  assert.deepEqual(parseTlsRptUri('mailto:a@localhost'), { fault: 'mailto' });
});

test('TLS-RPT discovery: exactly one record, lookalikes reported', () => {
  assert.equal(selectTlsRpt(['v=spf1 -all', 'v=TLSRPTv1; rua=mailto:a@example.com']).record?.rua.length, 1);
  assert.deepEqual(selectTlsRpt(['v=TLSRPTv1; rua=mailto:a@example.com', 'v=TLSRPTv1; rua=mailto:b@example.com']).problems.map((p) => p.code), ['tls-rpt.record-multiple']);
  assert.deepEqual(selectTlsRpt(['v=tlsrptv1; rua=mailto:a@example.com']).problems, [
    { code: 'tls-rpt.record-missing' },
    { code: 'tls-rpt.record-lookalike', value: 'v=tlsrptv1; rua=mailto:a@example.com' },
  ]);
  assert.deepEqual(selectTlsRpt([]).problems, [{ code: 'tls-rpt.record-missing' }]);
  assert.equal(tlsRptRecordName('Example.com.'), '_smtp._tls.example.com');
});

test('TLS-RPT: format re-parses; hostile input is bounded', () => {
  const text = formatTlsRpt({ rua: ['mailto:tls-reports@example.com', 'https://r.example.com/x'] });
  assert.equal(text, 'v=TLSRPTv1; rua=mailto:tls-reports@example.com,https://r.example.com/x');
  const parsed = parseTlsRpt(text);
  assert.deepEqual(parsed.problems, []);
  assert.equal(formatTlsRpt(parsed.record as NonNullable<typeof parsed.record>), text);
  const hostile = `v=TLSRPTv1; rua=${'mailto:@,'.repeat(5000)}`;
  assert.equal(parseTlsRpt(hostile).record, undefined);
});
