import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import type { DnsRecord } from '../src/dns/types.js';
import { parseDmarc } from '../src/parse/dmarc.js';
import { parseSpf } from '../src/parse/spf.js';
import type { Severity } from '../src/core/finding.js';
import { DOMAIN_CHECKS } from '../src/checks/index.js';
import { fix, keysRead, msg } from './helpers/words.js';
import { LANGS, loadCatalogue } from '../src/messages/index.js';
import { fixText, message } from '../src/render/words.js';
import type { Finding } from '../src/core/finding.js';

const catalogues = await Promise.all(LANGS.map(async (lang) => [lang, await loadCatalogue(lang)] as const));

/** Every language renders the finding from the same facts, with every placeholder filled. */
function everyLanguage(f: Finding): void {
  const en = catalogues[0]![1];
  const enKeys = keysRead((d) => message(en, { ...f, data: d }), f.data);
  for (const [lang, c] of catalogues) {
    const words = `${message(c, f)} ${fixText(c, f)}`;
    assert.doesNotMatch(words, /undefined|\[object Object\]|NaN/, `${lang}: ${words}`);
    assert.deepEqual(keysRead((d) => message(c, { ...f, data: d }), f.data), enKeys, `${lang}: ${f.id} reads other facts than English`);
  }
}
import { goodDomain, ids, replace, reportFor, rr, type FixtureOptions } from './helpers/domain-fixtures.js';
import { fetchAnswering, okPolicy, okSession, proberAnswering } from './helpers/transport-fixtures.js';
import { RSA_1024, RSA_1024_PKCS1, RSA_2048, RSA_512 } from './helpers/dkim-keys.js';

// Every finding id of `mailcheck domain`, each with a fixture (the good domain with one thing broken).
// The README documents the same ids; the last test keeps the two lists in step.

const D = 'good.test';
const base = goodDomain(D);
const txt = (name: string, ...values: string[]) => values.map((v) => rr(name, 'TXT', v));

interface Case {
  id: string;
  severity: Severity;
  records: DnsRecord[];
  options?: FixtureOptions;
  /** The report must be marked incomplete (default false). */
  incomplete?: boolean;
}

const includeChain = (n: number): DnsRecord[] =>
  Array.from({ length: n }, (_, i) => rr(`i${i}.spf.test`, 'TXT', 'v=spf1 ip4:198.51.100.0/24 -all'));

// Transport fixtures: the policy host, a policy fetched by a stand-in client, a stand-in STARTTLS prober.
const policyHost = rr(`mta-sts.${D}`, 'A', '192.0.2.80');
const GOOD_POLICY = `version: STSv1\nmode: enforce\nmx: mx1.${D}\nmax_age: 86400\n`;
const policyFetch = (body: string): FixtureOptions => ({ ctx: { fetch: fetchAnswering(okPolicy(body)) } });
const smtpAnswer = (answer: Parameters<typeof proberAnswering>[0][string]): FixtureOptions => ({ ctx: { smtp: proberAnswering({ [`mx1.${D}`]: answer }) } });
const TLSA_NAME = `_25._tcp.mx1.${D}`;
/** Neither SPF nor a DKIM key at the domain. */
const noAuth = replace(replace(base, D, 'TXT'), `s1._domainkey.${D}`, 'TXT');

const CASES: Case[] = [
  { id: 'mx.missing', severity: 'error', records: replace(base, D, 'MX') },
  { id: 'mx.missing', severity: 'warning', records: [...replace(base, D, 'MX'), rr(D, 'A', '192.0.2.80')] },
  { id: 'mx.missing', severity: 'error', records: [], options: { domain: 'absent.test' } },
  { id: 'mx.null', severity: 'warning', records: replace(base, D, 'MX', rr(D, 'MX', { preference: 0, exchange: '' })) },
  { id: 'mx.null', severity: 'error', records: [...base, rr(D, 'MX', { preference: 0, exchange: '' })] },
  { id: 'mx.cname', severity: 'warning', records: [...replace(base, D, 'MX', rr(D, 'MX', { preference: 10, exchange: `mail.${D}` })), rr(`mail.${D}`, 'CNAME', `mx1.${D}`)] },
  { id: 'mx.ip-literal', severity: 'error', records: replace(base, D, 'MX', rr(D, 'MX', { preference: 10, exchange: '192.0.2.10' })) },
  { id: 'mx.unresolvable', severity: 'error', records: replace(base, D, 'MX', rr(D, 'MX', { preference: 10, exchange: `gone.${D}` })) },
  { id: 'mx.unresolvable', severity: 'warning', records: [...base, rr(D, 'MX', { preference: 20, exchange: `gone.${D}` })] },
  { id: 'mx.private-ip', severity: 'warning', records: [...base, rr(D, 'MX', { preference: 20, exchange: `int.${D}` }), rr(`int.${D}`, 'A', '10.1.2.3')] },
  { id: 'mx.no-ipv6', severity: 'info', records: replace(base, `mx1.${D}`, 'AAAA') },

  { id: 'spf.missing', severity: 'error', records: replace(base, D, 'TXT') },
  { id: 'spf.multiple', severity: 'error', records: [...base, ...txt(D, 'v=spf1 include:_spf.google.com ~all')] },
  { id: 'spf.syntax', severity: 'error', records: replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx ip4:192.0.2.300 -all')) },
  { id: 'spf.syntax', severity: 'error', records: [...replace(base, D, 'TXT', ...txt(D, 'v=spf1 include:bad.spf.test -all')), ...txt('bad.spf.test', 'v=spf1 foo:bar -all')] },
  {
    id: 'spf.too-many-lookups', severity: 'error',
    records: [...replace(base, D, 'TXT', ...txt(D, `v=spf1 mx ${Array.from({ length: 11 }, (_, i) => `include:i${i}.spf.test`).join(' ')} -all`)), ...includeChain(11)],
  },
  { id: 'spf.void-lookups', severity: 'error', records: replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx a:v1.test a:v2.test a:v3.test -all')) },
  { id: 'spf.loop', severity: 'error', records: [...replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx include:loop.spf.test -all')), ...txt('loop.spf.test', `v=spf1 include:${D} -all`)] },
  { id: 'spf.include-missing', severity: 'error', records: replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx include:gone.spf.test -all')) },
  { id: 'spf.pass-all', severity: 'error', records: replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx +all')) },
  { id: 'spf.neutral', severity: 'warning', records: replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx ?all')) },
  { id: 'spf.neutral', severity: 'warning', records: replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx')) },
  { id: 'spf.softfail', severity: 'info', records: replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx ~all')) },
  { id: 'spf.ptr', severity: 'warning', records: replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx ptr -all')) },
  { id: 'spf.too-long', severity: 'warning', records: replace(base, D, 'TXT', ...txt(D, `v=spf1 mx ${Array.from({ length: 30 }, (_, i) => `ip4:198.51.100.${i}`).join(' ')} -all`)) },
  { id: 'spf.ip-not-authorized', severity: 'error', records: base, options: { ips: ['198.51.100.7'] } },
  { id: 'spf.ip-not-authorized', severity: 'warning', records: replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx ~all')), options: { ips: ['198.51.100.7'] } },
  { id: 'spf.rr-type', severity: 'warning', records: [...base, rr(D, 'SPF', 'v=spf1 mx -all')] },

  { id: 'dmarc.missing', severity: 'error', records: replace(base, `_dmarc.${D}`, 'TXT') },
  { id: 'dmarc.multiple', severity: 'error', records: [...base, ...txt(`_dmarc.${D}`, 'v=DMARC1; p=none')] },
  { id: 'dmarc.syntax', severity: 'error', records: replace(base, `_dmarc.${D}`, 'TXT', ...txt(`_dmarc.${D}`, `v=DMARC1; p=block; rua=mailto:d@${D}`)) },
  { id: 'dmarc.syntax', severity: 'error', records: replace(base, `_dmarc.${D}`, 'TXT', ...txt(`_dmarc.${D}`, `p=reject; v=DMARC1; rua=mailto:d@${D}`)) },
  { id: 'dmarc.syntax', severity: 'error', records: replace(base, `_dmarc.${D}`, 'TXT', ...txt(`_dmarc.${D}`, `rua=mailto:d@${D}; v=DMARC1`)) },
  { id: 'dmarc.unknown-tag', severity: 'warning', records: replace(base, `_dmarc.${D}`, 'TXT', ...txt(`_dmarc.${D}`, `v=DMARC1; p=reject; rua=mailto:d@${D}; rue=mailto:d@${D}`)) },
  { id: 'dmarc.policy-none', severity: 'warning', records: replace(base, `_dmarc.${D}`, 'TXT', ...txt(`_dmarc.${D}`, `v=DMARC1; p=none; rua=mailto:d@${D}`)) },
  { id: 'dmarc.partial', severity: 'warning', records: replace(base, `_dmarc.${D}`, 'TXT', ...txt(`_dmarc.${D}`, `v=DMARC1; p=reject; pct=20; rua=mailto:d@${D}`)) },
  { id: 'dmarc.no-reports', severity: 'warning', records: replace(base, `_dmarc.${D}`, 'TXT', ...txt(`_dmarc.${D}`, 'v=DMARC1; p=reject')) },
  { id: 'dmarc.invalid-report-uri', severity: 'warning', records: replace(base, `_dmarc.${D}`, 'TXT', ...txt(`_dmarc.${D}`, `v=DMARC1; p=reject; rua=d@${D}`)) },
  { id: 'dmarc.external-unauthorized', severity: 'warning', records: replace(base, `_dmarc.${D}`, 'TXT', ...txt(`_dmarc.${D}`, 'v=DMARC1; p=reject; rua=mailto:r@reports.test')) },

  { id: 'dkim.not-found', severity: 'warning', records: replace(base, `s1._domainkey.${D}`, 'TXT') },
  { id: 'dkim.not-found', severity: 'warning', records: base, options: { selectors: ['nokey'] } },
  { id: 'dkim.weak-key', severity: 'warning', records: replace(base, `s1._domainkey.${D}`, 'TXT', ...txt(`s1._domainkey.${D}`, `v=DKIM1; k=rsa; p=${RSA_1024}`)) },
  { id: 'dkim.weak-key', severity: 'error', records: replace(base, `s1._domainkey.${D}`, 'TXT', ...txt(`s1._domainkey.${D}`, `v=DKIM1; k=rsa; p=${RSA_512}`)) },
  { id: 'dkim.revoked', severity: 'warning', records: [...base, ...txt(`google._domainkey.${D}`, 'v=DKIM1; p=')] },
  { id: 'dkim.testing', severity: 'warning', records: replace(base, `s1._domainkey.${D}`, 'TXT', ...txt(`s1._domainkey.${D}`, `v=DKIM1; t=y; p=${RSA_2048}`)) },
  { id: 'dkim.malformed', severity: 'error', records: replace(base, `s1._domainkey.${D}`, 'TXT', ...txt(`s1._domainkey.${D}`, `v=DKIM1; p=${RSA_1024_PKCS1}`)) },

  { id: 'rdns.missing', severity: 'warning', records: replace(base, '10.2.0.192.in-addr.arpa', 'PTR') },
  { id: 'rdns.missing', severity: 'error', records: base, options: { ips: ['198.51.100.7'] } },
  { id: 'rdns.mismatch', severity: 'warning', records: replace(base, '10.2.0.192.in-addr.arpa', 'PTR', rr('10.2.0.192.in-addr.arpa', 'PTR', 'other.example.net')) },
  { id: 'rdns.mismatch', severity: 'error', records: [...base, rr('7.100.51.198.in-addr.arpa', 'PTR', `out.${D}`)], options: { ips: ['198.51.100.7'] } },
  { id: 'rdns.generic', severity: 'info', records: [...base, rr('7.100.51.198.in-addr.arpa', 'PTR', '198-51-100-7.dyn.isp.test'), rr('198-51-100-7.dyn.isp.test', 'A', '198.51.100.7')], options: { ips: ['198.51.100.7'] } },

  // Blacklists: MX address on a major list, an own-SPF ip4 and an --ip sender on minor lists, the domain on the DBL.
  { id: 'rbl.listed', severity: 'error', records: [...base, rr('10.2.0.192.zen.spamhaus.org', 'A', '127.0.0.2'), rr('10.2.0.192.zen.spamhaus.org', 'TXT', 'https://check.spamhaus.org/')] },
  { id: 'rbl.listed', severity: 'error', records: [...base, rr(`${D}.dbl.spamhaus.org`, 'A', '127.0.1.2')] },
  { id: 'rbl.listed', severity: 'warning', records: [...replace(base, D, 'TXT', rr(D, 'TXT', 'v=spf1 ip4:192.0.2.10 ip4:198.51.100.0/24 -all')), rr('10.2.0.192.psbl.surriel.com', 'A', '127.0.0.2')] },
  { id: 'rbl.listed', severity: 'warning', records: [...base, rr('7.100.51.198.in-addr.arpa', 'PTR', `out.${D}`), rr(`out.${D}`, 'A', '198.51.100.7'), rr('7.100.51.198.all.s5h.net', 'A', '127.0.0.2')], options: { ips: ['198.51.100.7'] } },
  { id: 'rbl.unchecked', severity: 'warning', records: base, options: { failures: [{ name: '10.2.0.192.zen.spamhaus.org', outcome: 'timeout' }] }, incomplete: true },
  { id: 'rbl.unchecked', severity: 'warning', records: [...base, rr('10.2.0.192.psbl.surriel.com', 'A', '127.255.255.254')] },

  { id: 'provider.spf-include-missing', severity: 'warning', records: [...replace(base, D, 'MX', rr(D, 'MX', { preference: 1, exchange: 'smtp.google.com' })), rr('smtp.google.com', 'A', '192.0.2.99'), rr('smtp.google.com', 'AAAA', '2001:db8::99')] },

  { id: 'tls.mta-sts-missing', severity: 'info', records: replace(base, `_mta-sts.${D}`, 'TXT') },
  { id: 'tls.tls-rpt-missing', severity: 'info', records: replace(base, `_smtp._tls.${D}`, 'TXT') },
  { id: 'tls.mta-sts-invalid', severity: 'warning', records: replace(base, `_mta-sts.${D}`, 'TXT', ...txt(`_mta-sts.${D}`, 'v=STSv1; id=2024-01-01')) },
  { id: 'tls.mta-sts-invalid', severity: 'info', records: [...base, policyHost], options: policyFetch('version: STSv1\nmode: enforce\nmode: testing\nmx: mx1.good.test\nmax_age: 86400\n') },
  { id: 'tls.mta-sts-invalid', severity: 'warning', records: [...base, policyHost], options: { ctx: { fetch: fetchAnswering(okPolicy(GOOD_POLICY, 'text/html')) } } },
  { id: 'tls.mta-sts-fetch-failed', severity: 'warning', records: [...base, policyHost], options: { ctx: { fetch: fetchAnswering((url) => ({ kind: 'status', url, status: 404, tls: { protocol: 'TLSv1.3', cipher: 'x' } })) } } },
  { id: 'tls.mta-sts-fetch-failed', severity: 'warning', records: base, options: policyFetch(GOOD_POLICY) },
  { id: 'tls.mta-sts-fetch-failed', severity: 'warning', records: [...base, policyHost], options: { ctx: { fetch: fetchAnswering((url) => ({ kind: 'network-error', url, phase: 'connect', code: 'ECONNREFUSED' })) } }, incomplete: true },
  { id: 'tls.mta-sts-mx-mismatch', severity: 'error', records: [...base, policyHost], options: policyFetch('version: STSv1\nmode: enforce\nmx: *.mx.microsoft\nmax_age: 86400\n') },
  { id: 'tls.mta-sts-mx-mismatch', severity: 'warning', records: [...base, policyHost], options: policyFetch('version: STSv1\nmode: testing\nmx: *.other.test\nmax_age: 86400\n') },
  { id: 'tls.mta-sts-testing', severity: 'info', records: [...base, policyHost], options: policyFetch('version: STSv1\nmode: testing\nmx: mx1.good.test\nmax_age: 86400\n') },
  { id: 'tls.tls-rpt-invalid', severity: 'warning', records: replace(base, `_smtp._tls.${D}`, 'TXT', ...txt(`_smtp._tls.${D}`, 'v=TLSRPTv1; rua=http://reports.good.test/tls')) },
  { id: 'tls.tls-rpt-invalid', severity: 'info', records: replace(base, `_smtp._tls.${D}`, 'TXT', ...txt(`_smtp._tls.${D}`, `v=TLSRPTv1; rua=mailto:tls@${D},ftp://x.test/`)) },

  { id: 'dnssec.unsigned', severity: 'info', records: base, options: { dnssec: {} } },
  { id: 'dnssec.bogus', severity: 'error', records: base, options: { dnssec: { bogus: (name) => name === D || name.endsWith(`.${D}`) } }, incomplete: true },

  { id: 'dane.not-published', severity: 'info', records: base, options: { dnssec: { signed: (name) => name.startsWith('_25._tcp.') } } },
  { id: 'dane.invalid', severity: 'warning', records: [...base, rr(TLSA_NAME, 'TLSA', `1 1 1 ${'ab'.repeat(32)}`)], options: { dnssec: { signed: (name) => name === TLSA_NAME } } },
  { id: 'dane.invalid', severity: 'warning', records: [...base, rr(TLSA_NAME, 'TLSA', `3 1 1 ${'ab'.repeat(32)}`)], options: { dnssec: { signed: (name) => name === TLSA_NAME }, ctx: { smtp: proberAnswering({ [`mx1.${D}`]: (host) => okSession(host) }) } } },
  { id: 'dane.unsigned', severity: 'warning', records: [...base, rr(TLSA_NAME, 'TLSA', `3 1 1 ${'ab'.repeat(32)}`)], options: { dnssec: {} } },
  { id: 'dane.rollover', severity: 'info', records: [...base, rr(TLSA_NAME, 'TLSA', `3 1 1 ${'ab'.repeat(32)}`)], options: { dnssec: { signed: (name) => name === TLSA_NAME } } },

  { id: 'smtp.no-starttls', severity: 'warning', records: base, options: smtpAnswer((host, address) => ({ host, address, port: 25, outcome: 'no-starttls', reason: 'not-advertised', banner: { code: 220, lines: [host] }, ehlo: { code: 250, lines: [host, 'PIPELINING'] }, extensions: ['PIPELINING'] })) },
  { id: 'smtp.tls-old', severity: 'warning', records: base, options: smtpAnswer((host) => okSession(host, { tls: { protocol: 'TLSv1' } })) },
  { id: 'smtp.cert-invalid', severity: 'warning', records: base, options: smtpAnswer((host) => okSession(host, { tls: { trusted: false, verifyError: 'DEPTH_ZERO_SELF_SIGNED_CERT', verifyFault: 'untrusted' } })) },
  { id: 'smtp.banner-mismatch', severity: 'info', records: base, options: smtpAnswer((host) => okSession(host, { bannerHost: 'relay.hosting.test' })) },
  { id: 'smtp.unchecked', severity: 'warning', records: base, options: { ctx: { smtp: proberAnswering({}) } }, incomplete: true },

  { id: 'profile.authenticated', severity: 'info', records: noAuth, options: { selectors: ['nokey'] } },
  { id: 'profile.spf', severity: 'info', records: replace(base, D, 'TXT') },
  { id: 'profile.spf', severity: 'error', records: base, options: { ips: ['198.51.100.7'], profile: 'microsoft' } },
  { id: 'profile.dkim', severity: 'error', records: replace(base, `s1._domainkey.${D}`, 'TXT'), options: { selectors: ['nokey'], profile: 'gmail' } },
  { id: 'profile.dmarc', severity: 'info', records: replace(base, `_dmarc.${D}`, 'TXT') },
  { id: 'profile.alignment', severity: 'error', records: noAuth, options: { selectors: ['nokey'], profile: 'all' } },
  { id: 'profile.fcrdns', severity: 'error', records: base, options: { ips: ['198.51.100.7'], profile: 'gmail' } },
  { id: 'profile.fcrdns', severity: 'warning', records: base, options: { ips: ['198.51.100.7'], profile: 'yahoo' } },
  { id: 'profile.tls', severity: 'info', records: base, options: smtpAnswer((host, address) => ({ host, address, port: 25, outcome: 'no-starttls', reason: 'starttls-rejected' })) },

  { id: 'dns.lookup-failed', severity: 'warning', records: base, options: { failures: [{ name: D, outcome: 'timeout', types: ['TXT'] }] }, incomplete: true },
  { id: 'dns.lookup-failed', severity: 'warning', records: base, options: { failures: [{ name: `_dmarc.${D}`, outcome: 'servfail' }] }, incomplete: true },
  { id: 'dns.lookup-failed', severity: 'warning', records: base, options: { failures: [{ name: D, outcome: 'servfail', types: ['MX'] }] }, incomplete: true },
  { id: 'dns.lookup-failed', severity: 'warning', records: base, options: { failures: [{ name: '10.2.0.192.in-addr.arpa', outcome: 'timeout' }] }, incomplete: true },
  { id: 'dns.lookup-failed', severity: 'warning', records: [...replace(base, D, 'TXT', ...txt(D, 'v=spf1 include:slow.spf.test -all'))], options: { ips: ['192.0.2.10'], failures: [{ name: 'slow.spf.test', outcome: 'servfail' }] }, incomplete: true },
];

test('the good fixture domain has no warning or error and scores 100', async () => {
  const report = await reportFor(base);
  assert.deepEqual(report.findings.filter((f) => f.severity !== 'info'), []);
  assert.equal(report.score, 100);
  assert.equal(report.grade, 'A');
  assert.equal(report.incomplete, false);
});

for (const c of CASES) {
  test(`${c.id} (${c.severity})${c.options ? ` ${JSON.stringify(c.options)}` : ''}`, async () => {
    const report = await reportFor(c.records, { domain: D, ...c.options });
    const hits = report.findings.filter((f) => f.id === c.id);
    assert.ok(hits.length > 0, `expected ${c.id}, got ${ids(report).join(', ')}`);
    assert.ok(hits.some((f) => f.severity === c.severity), `expected severity ${c.severity}, got ${hits.map((f) => f.severity).join(', ')}`);
    for (const f of hits) {
      // The words exist and every placeholder was filled from the finding's data.
      const words = `${msg(f)} ${fix(f)}`;
      assert.doesNotMatch(words, /undefined|\[object Object\]|NaN/, words);
      assert.ok(msg(f) !== f.id, `no catalogue entry for ${f.id}`);
      if (f.fix) assert.ok(fix(f).length > 0, `${f.id} has a fix without words`);
      everyLanguage(f);
      // A finding belongs to its area's check; a failed lookup to the check whose lookup failed.
      if (f.id === 'dns.lookup-failed') assert.ok(DOMAIN_CHECKS.some((check) => check.id === f.check), f.check);
      else assert.equal(f.check, f.id.split('.')[0]);
    }
    assert.equal(report.incomplete, c.incomplete ?? false, 'incomplete flag');
    // A failed lookup is never reported as a missing record.
    if (c.incomplete) assert.ok(!ids(report).some((id) => id.endsWith('.missing') && id !== 'dkim.not-found'), ids(report).join(', '));
    // Every suggested SPF and DMARC record re-parses with our own parsers.
    for (const f of report.findings) {
      const record = f.fix?.record;
      if (!record || record.type !== 'TXT') continue;
      if (record.value.startsWith('v=spf1')) assert.equal(parseSpf(record.value).ok, true, record.value);
      if (record.value.startsWith('v=DMARC1') && record.name.startsWith('_dmarc.')) assert.deepEqual(parseDmarc(record.value).errors, [], record.value);
    }
  });
}

test('the README documents exactly the finding ids that have fixtures', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## `mailcheck domain`'), readme.indexOf('## `mailcheck spf`'));
  const table = section.slice(section.indexOf('### Finding ids'), section.indexOf('### Score and grade'));
  const documented = [...table.matchAll(/^\| `([a-z0-9-]+\.[a-z0-9-]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual([...new Set(documented)].sort(), [...new Set(CASES.map((c) => c.id))].sort());
});
