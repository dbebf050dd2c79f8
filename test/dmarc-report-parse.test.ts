import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDmarcReport, type DmarcAggregateReport, type DmarcReportParse } from '../src/parse/dmarc-report.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'dmarc-report');
const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

function ok(parse: DmarcReportParse): DmarcAggregateReport {
  if (!parse.ok) assert.fail(`rejected: ${JSON.stringify(parse.problem)}`);
  return parse.report;
}

function rejected(parse: DmarcReportParse): { code: string; data: Record<string, string | number> } {
  if (parse.ok) assert.fail('accepted a document that should be rejected');
  return parse.problem;
}

/** A minimal report around the given records / policy, for the variation tests. */
function report(records: string, policy = '<domain>example.com</domain><p>none</p>', head = '<feedback>', meta = ''): string {
  return `${head}<report_metadata><org_name>r.example</org_name><email>d@r.example</email><report_id>1</report_id>${meta}` +
    `<date_range><begin>1767225600</begin><end>1767311999</end></date_range></report_metadata>` +
    `<policy_published>${policy}</policy_published>${records}</feedback>`;
}

const RECORD = '<record><row><source_ip>192.0.2.1</source_ip><count>2</count><policy_evaluated><disposition>none</disposition>' +
  '<dkim>pass</dkim><spf>fail</spf></policy_evaluated></row><identifiers><header_from>example.com</header_from></identifiers>' +
  '<auth_results><dkim><domain>example.com</domain><selector>s1</selector><result>pass</result></dkim>' +
  '<spf><domain>example.com</domain><result>fail</result></spf></auth_results></record>';

test('Google-shaped report: metadata, policy with np, records with selectors, counts summed', () => {
  const r = ok(parseDmarcReport(fixture('google.com!example.com!1767225600!1767311999.xml')));
  assert.equal(r.version, '1.0');
  assert.equal(r.namespace, '');
  assert.deepEqual(r.metadata, {
    orgName: 'google.com',
    email: 'noreply-dmarc-support@google.com',
    extraContactInfo: 'https://support.google.com/a/answer/2466580',
    reportId: '4211908846370712345',
    dateRange: { begin: 1767225600, end: 1767311999 },
    errors: [],
  });
  assert.deepEqual(r.policy, { domain: 'example.com', adkim: 'r', aspf: 'r', p: 'none', sp: 'none', np: 'none', pct: 100 });
  assert.equal(r.records.length, 4);
  assert.equal(r.messages, 120 + 40 + 7 + 3);
  assert.deepEqual(r.records[0], {
    row: { sourceIp: '209.85.220.41', count: 120, policyEvaluated: { disposition: 'none', dkim: 'pass', spf: 'pass', reasons: [] } },
    identifiers: { headerFrom: 'example.com' },
    authResults: { dkim: [{ domain: 'example.com', selector: 'google', result: 'pass' }], spf: [{ domain: 'example.com', result: 'pass' }] },
  });
  assert.deepEqual(r.records[3]?.authResults, { dkim: [], spf: [{ domain: 'example.com', result: 'softfail' }] });
  assert.deepEqual(r.warnings, []);
});

test('Microsoft-shaped report: xsd/xsi namespace declarations, envelope_to, scope, fo', () => {
  const r = ok(parseDmarcReport(fixture('enterprise.protection.outlook.com!example.com!1767225600!1767312000.xml')));
  assert.equal(r.metadata.orgName, 'Enterprise Outlook');
  assert.equal(r.policy.fo, '0');
  assert.equal(r.records[0]?.row.sourceIp, '2001:db8:4860::27');
  assert.deepEqual(r.records[0]?.identifiers, { headerFrom: 'example.com', envelopeFrom: 'example.com', envelopeTo: 'contoso.example' });
  assert.deepEqual(r.records[1]?.authResults.spf, [{ domain: 'bounces.esp-mailer.example.net', scope: 'mfrom', result: 'pass' }]);
  assert.equal(r.messages, 67);
  assert.deepEqual(r.warnings, []);
});

test('Yahoo- and NetEase-shaped reports (no XML declaration, no selector)', () => {
  const y = ok(parseDmarcReport(fixture('yahoo.com!example.com!1767225600!1767311999.xml')));
  assert.equal(y.metadata.reportId, '1767312012.480117');
  assert.equal(y.messages, 35);
  const n = ok(parseDmarcReport(fixture('163.com!example.com!1767225600!1767311999.xml')));
  assert.equal(n.metadata.orgName, '163.com');
  assert.equal(n.metadata.reportId, 'aggr_report_example.com_20260101_163.com');
  assert.deepEqual(n.records[0]?.authResults.dkim, [{ domain: 'example.com', result: 'pass' }]);
  assert.equal(n.records[1]?.identifiers.headerFrom, 'mail.example.com');
  assert.equal(n.records[1]?.authResults.spf[0]?.result, 'none');
});

test('DMARCbis report: namespace, generator, np, testing, discovery_method, extensions, disposition pass, reasons', () => {
  const r = ok(parseDmarcReport(fixture('dmarcbis.example!example.com!1767225600!1767311999.xml')));
  assert.equal(r.namespace, 'urn:ietf:params:xml:ns:dmarc-2.0');
  assert.equal(r.metadata.generator, 'Example Reporter 2.1');
  assert.deepEqual(r.metadata.errors, ['np=bogus is not a valid value']);
  assert.deepEqual(r.policy, {
    domain: 'example.com', adkim: 's', aspf: 's', p: 'quarantine', sp: 'none', np: 'reject', fo: '1', testing: 'n', discoveryMethod: 'treewalk',
  });
  assert.deepEqual(r.extensions, ['arc:arc-override']);
  assert.deepEqual(r.records[0]?.extensions, ['arc:arc-results']);
  assert.equal(r.records[0]?.row.policyEvaluated.disposition, 'pass');
  assert.equal(r.records[0]?.authResults.dkim[0]?.humanResult, 'good signature');
  assert.deepEqual(r.records[1]?.row.policyEvaluated.reasons, [{ type: 'local_policy', comment: 'arrived through a mailing list' }]);
  assert.deepEqual(r.warnings, []);
});

test('real-world variations: whitespace, case, trailing dots, BOM, prefixed namespace, old 0.1 namespace', () => {
  const messy = report(
    '<record><row><source_ip>\n 192.0.2.1 \n</source_ip><count> 5 </count><policy_evaluated><disposition> None </disposition>' +
    '<dkim>PASS</dkim><spf>Fail</spf><reason/><reason><type></type></reason></policy_evaluated></row>' +
    '<identifiers><header_from> Example.COM. </header_from><envelope_from></envelope_from></identifiers>' +
    '<auth_results><dkim><domain>EXAMPLE.com</domain><selector> S1 </selector><result>Pass</result></dkim>' +
    '<spf><domain>bounce@Example.com</domain><result>SoftFail</result></spf></auth_results></record>',
    '<domain> EXAMPLE.COM </domain><adkim>R</adkim><p>None</p><pct>100.0</pct>',
  );
  const r = ok(parseDmarcReport(`\uFEFF\n${messy}\n\0\0`));
  assert.deepEqual(r.policy, { domain: 'example.com', adkim: 'r', p: 'none', pct: 100 });
  assert.deepEqual(r.records[0], {
    row: { sourceIp: '192.0.2.1', count: 5, policyEvaluated: { disposition: 'none', dkim: 'pass', spf: 'fail', reasons: [] } },
    identifiers: { headerFrom: 'example.com', envelopeFrom: '' },
    authResults: { dkim: [{ domain: 'example.com', selector: 's1', result: 'pass' }], spf: [{ domain: 'example.com', result: 'softfail' }] },
  });

  // Every element prefixed (gateways do this), and the pre-RFC dmarc.org namespace
  const prefixed = ok(parseDmarcReport(report(RECORD, undefined, '<dm:feedback xmlns:dm="http://dmarc.org/dmarc-xml/0.1">').replace(/<(\/?)(?!dm:)([a-z_]+)/g, '<$1dm:$2')));
  assert.equal(prefixed.namespace, 'http://dmarc.org/dmarc-xml/0.1');
  assert.equal(prefixed.records[0]?.row.count, 2);
  assert.equal(prefixed.metadata.orgName, 'r.example');
  // Default namespace on the root only
  const old = ok(parseDmarcReport(report(RECORD, undefined, '<feedback xmlns="http://dmarc.org/dmarc-xml/0.1">')));
  assert.equal(old.records.length, 1);
  assert.deepEqual(old.warnings, []);
  // CDATA
  assert.equal(ok(parseDmarcReport(report(RECORD).replace('<org_name>r.example', '<org_name><![CDATA[r.example]]>'))).metadata.orgName, 'r.example');
});

test('legacy spellings: unknown/error SPF results, relaxed/strict words, dates with decimals, swapped dates', () => {
  const rec = RECORD.replace('<result>fail</result></spf>', '<result>unknown</result></spf><spf><domain>example.com</domain><result>error</result></spf>');
  const r = ok(parseDmarcReport(report(rec, '<domain>example.com</domain><aspf>strict</aspf><p>none</p>')));
  assert.deepEqual(r.records[0]?.authResults.spf.map((s) => s.result), ['temperror', 'permerror']);
  assert.equal(r.policy.aspf, 's');
  const dec = report(RECORD).replace('<begin>1767225600</begin><end>1767311999</end>', '<begin>1767311999.0</begin><end>1767225600</end>');
  const d = ok(parseDmarcReport(dec));
  assert.deepEqual(d.metadata.dateRange, { begin: 1767225600, end: 1767311999 });
  assert.deepEqual(d.warnings.map((w) => w.code), ['dmarc-report.date-range-reversed']);
});

test('encodings: windows-1252 declaration, UTF-16 with BOM, invalid UTF-8 replaced', () => {
  const text = report(RECORD, undefined, "<feedback xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'>", '<extra_contact_info>Soci\u00e9t\u00e9</extra_contact_info>');
  const cp1252 = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="windows-1252"?>\n'), Buffer.from(text, 'latin1')]);
  assert.equal(ok(parseDmarcReport(cp1252)).metadata.extraContactInfo, 'Soci\u00e9t\u00e9');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  assert.equal(ok(parseDmarcReport(utf16)).metadata.extraContactInfo, 'Soci\u00e9t\u00e9');
  const bad = Buffer.from(text, 'latin1'); // latin-1 bytes in a document read as UTF-8
  assert.equal(ok(parseDmarcReport(bad)).metadata.extraContactInfo, 'Soci\uFFFDt\uFFFD');
  assert.deepEqual(rejected(parseDmarcReport(Buffer.from(`<?xml version="1.0" encoding="x-klingon"?>${text}`))), {
    code: 'dmarc-report.encoding-unsupported', data: { encoding: 'x-klingon' },
  });
});

test('missing optional parts are tolerated with warnings, required ones reject', () => {
  // no auth_results, no policy_evaluated, no header_from, no report_id, org_name from email
  const bare = '<feedback><report_metadata><email>dmarc@reporter.example</email><date_range><begin>1</begin><end>2</end></date_range></report_metadata>' +
    '<policy_published><domain>example.com</domain></policy_published>' +
    '<record><row><source_ip>192.0.2.9</source_ip><count>1</count></row></record></feedback>';
  const r = ok(parseDmarcReport(bare));
  assert.equal(r.metadata.orgName, 'reporter.example');
  assert.equal(r.metadata.reportId, '');
  assert.deepEqual(r.records[0], {
    row: { sourceIp: '192.0.2.9', count: 1, policyEvaluated: { reasons: [] } },
    identifiers: { headerFrom: '' },
    authResults: { dkim: [], spf: [] },
  });
  assert.deepEqual(r.warnings.map((w) => [w.code, w.data.field]), [
    ['dmarc-report.missing-field', 'header_from'],
    ['dmarc-report.missing-field', 'org_name'],
    ['dmarc-report.missing-field', 'report_id'],
  ]);

  const noDomain = report(RECORD, '<p>none</p>');
  assert.deepEqual(rejected(parseDmarcReport(noDomain)), { code: 'dmarc-report.missing-field', data: { field: 'policy_published/domain' } });
  const noDate = report(RECORD).replace('<end>1767311999</end>', '');
  assert.deepEqual(rejected(parseDmarcReport(noDate)), { code: 'dmarc-report.missing-field', data: { field: 'date_range/end' } });
  const badDate = report(RECORD).replace('<begin>1767225600</begin>', '<begin>2026-01-01</begin>');
  assert.equal(rejected(parseDmarcReport(badDate)).code, 'dmarc-report.date-invalid');
  const noOrg = report(RECORD).replace('<org_name>r.example</org_name><email>d@r.example</email>', '');
  assert.deepEqual(rejected(parseDmarcReport(noOrg)), { code: 'dmarc-report.missing-field', data: { field: 'org_name' } });
});

test('a record with an unusable source IP is skipped, the rest counted', () => {
  const r = ok(parseDmarcReport(report(RECORD.replace('192.0.2.1', 'not-an-ip') + RECORD)));
  assert.equal(r.records.length, 1);
  assert.equal(r.messages, 2);
  assert.deepEqual(r.warnings, [{ code: 'dmarc-report.record-skipped', data: { record: 0, reason: 'source-ip', value: 'not-an-ip' } }]);
});

test('single vs repeated elements: many DKIM signatures kept, repeated singular fields keep the first', () => {
  const sigs = Array.from({ length: 3 }, (_, i) => `<dkim><domain>d${i}.example</domain><selector>s${i}</selector><result>pass</result></dkim>`).join('');
  const r = ok(parseDmarcReport(report(RECORD.replace('<auth_results>', `<auth_results>${sigs}`).replace('<count>2</count>', '<count>2</count><count>9</count>'))));
  assert.deepEqual(r.records[0]?.authResults.dkim.map((d) => d.domain), ['d0.example', 'd1.example', 'd2.example', 'example.com']);
  assert.equal(r.records[0]?.row.count, 2);
  assert.deepEqual(r.warnings, [{ code: 'dmarc-report.repeated-element', data: { element: 'record/row/count' } }]);
  // over the cap: kept up to it, one warning
  const many = Array.from({ length: 150 }, (_, i) => `<dkim><domain>d${i}.example</domain><result>fail</result></dkim>`).join('');
  const m = ok(parseDmarcReport(report(RECORD.replace('<auth_results>', `<auth_results>${many}`))));
  assert.equal(m.records[0]?.authResults.dkim.length, 100);
  assert.deepEqual(m.warnings.map((w) => w.code), ['dmarc-report.too-many-results']);
});

test('warnings are capped', () => {
  const bad = RECORD.replace('<disposition>none</disposition>', '<disposition>maybe</disposition>');
  const r = ok(parseDmarcReport(report(bad.repeat(100))));
  assert.equal(r.records.length, 100);
  assert.equal(r.warnings.length, 32);
  assert.deepEqual(r.warnings.at(-1), { code: 'dmarc-report.more-warnings', data: { count: 69 } });
  assert.equal(r.records[0]?.row.policyEvaluated.disposition, 'other');
});

test('hostile XML: entity expansion, external entities and any DOCTYPE are refused', () => {
  const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
    report(RECORD).replace('<org_name>r.example', '<org_name>&lol3;');
  assert.deepEqual(rejected(parseDmarcReport(laughs)), { code: 'dmarc-report.doctype', data: {} });
  const xxe = '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>' + report(RECORD).replace('<report_id>1', '<report_id>&xxe;');
  assert.equal(rejected(parseDmarcReport(xxe)).code, 'dmarc-report.doctype');
  assert.equal(rejected(parseDmarcReport(`<!DOCTYPE feedback>${report(RECORD)}`)).code, 'dmarc-report.doctype');
  // an entity used without any declaration is an error, never a lookup
  const undeclared = report(RECORD).replace('<report_id>1', '<report_id>&xxe;');
  assert.deepEqual(rejected(parseDmarcReport(undeclared)).data.reason, 'entity');
});

test('hostile XML: deep nesting, too many records, huge counts, long values, size cap, attributes', () => {
  const deep = report(`<record>${'<a>'.repeat(100_000)}x${'</a>'.repeat(100_000)}</record>`);
  assert.deepEqual(rejected(parseDmarcReport(deep)), { code: 'dmarc-report.too-deep', data: { limit: 32 } });
  assert.deepEqual(rejected(parseDmarcReport(report(RECORD.repeat(11)), { maxRecords: 10 })), { code: 'dmarc-report.too-many-records', data: { limit: 10 } });
  for (const count of ['1000000001', '99999999999999999999', '-1', '1e9', '0x10', '']) {
    const problem = rejected(parseDmarcReport(report(RECORD.replace('<count>2</count>', `<count>${count}</count>`))));
    assert.equal(problem.code, 'dmarc-report.count-invalid', count);
  }
  assert.equal(ok(parseDmarcReport(report(RECORD.replace('<count>2</count>', '<count>1000000000</count>')))).messages, 1_000_000_000);
  assert.equal(ok(parseDmarcReport(report(RECORD.replace('<count>2</count>', '<count>0</count>')))).messages, 0);
  const longDomain = report(RECORD.replace('<header_from>example.com', `<header_from>${'a'.repeat(5000)}`));
  assert.deepEqual(rejected(parseDmarcReport(longDomain)), { code: 'dmarc-report.value-too-long', data: { element: 'record/identifiers/header_from', limit: 1024 } });
  // free text is cut, not rejected; whitespace does not count against a field
  const longText = report(RECORD, undefined, '<feedback>', `<error>${'e'.repeat(10_000)}</error>`);
  assert.equal(ok(parseDmarcReport(longText)).metadata.errors[0]?.length, 1024);
  const spaced = report(RECORD.replace('<header_from>example.com', `<header_from>${' '.repeat(5000)}example.com${' '.repeat(5000)}`));
  assert.equal(ok(parseDmarcReport(spaced)).records[0]?.identifiers.headerFrom, 'example.com');
  const big = report(RECORD.repeat(200));
  assert.deepEqual(rejected(parseDmarcReport(big, { maxBytes: 10_000 })), { code: 'dmarc-report.too-large', data: { size: big.length, limit: 10_000 } });
  const attrs = report(RECORD.replace('<record>', `<record ${Array.from({ length: 300 }, (_, i) => `a${i}="1"`).join(' ')}>`));
  assert.equal(rejected(parseDmarcReport(attrs)).code, 'dmarc-report.too-many-attributes');
});

test('malformed and truncated documents are one rejection each, never a throw', () => {
  const full = report(RECORD);
  assert.equal(rejected(parseDmarcReport(full.slice(0, full.length - 20))).code, 'dmarc-report.truncated');
  assert.equal(rejected(parseDmarcReport(full.slice(0, 40))).code, 'dmarc-report.truncated');
  const mismatched = rejected(parseDmarcReport(full.replace('</count>', '</counts>')));
  assert.equal(mismatched.code, 'dmarc-report.xml-malformed');
  assert.equal(mismatched.data.reason, 'mismatched-tag');
  assert.equal(typeof mismatched.data.line, 'number');
  assert.deepEqual(rejected(parseDmarcReport('unused')), { code: 'dmarc-report.not-xml', data: {} }); // Yahoo, May 2023
  assert.deepEqual(rejected(parseDmarcReport('  \n ')), { code: 'dmarc-report.empty', data: {} });
  assert.deepEqual(rejected(parseDmarcReport(new Uint8Array(0))), { code: 'dmarc-report.empty', data: {} });
  assert.deepEqual(rejected(parseDmarcReport('<html><body>hi</body></html>')), { code: 'dmarc-report.not-aggregate', data: { root: 'html' } });
  assert.deepEqual(rejected(parseDmarcReport('<!-- nothing -->')), { code: 'dmarc-report.not-xml', data: {} });
  assert.equal(rejected(parseDmarcReport(`${full}<feedback/>`)).data.reason, 'outside-root');
  assert.equal(rejected(parseDmarcReport(full.replace('r.example', 'r\u0001example'))).data.reason, 'bad-character');
  assert.equal(rejected(parseDmarcReport(full.replace('<record>', '<x:record>'))).data.reason, 'namespace');
  // random bytes
  const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
  assert.equal(parseDmarcReport(noise).ok, false);
  // every prefix of a real report is rejected cleanly, never thrown
  const google = fixture('google.com!example.com!1767225600!1767311999.xml').toString('utf8');
  for (let cut = 1; cut < google.length - 12; cut += 37) {
    const parse = parseDmarcReport(google.slice(0, cut));
    assert.equal(parse.ok, false, `prefix ${cut}`);
  }
});
