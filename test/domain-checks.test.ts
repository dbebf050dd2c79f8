import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dkimCheck } from '../src/checks/dkim.js';
import { rdnsCheck, isGenericPtr } from '../src/checks/rdns.js';
import { mergeSpf, suggestedSpf, withAll } from '../src/checks/spf.js';
import { domainAddresses, type DomainFacts } from '../src/gather/domain.js';
import { formatSpf, parseSpf, type SpfRecord } from '../src/parse/spf.js';
import { parseDmarc } from '../src/parse/dmarc.js';
import { goodDomain, memoryResolver, replace, reportFor, rr, factsFor } from './helpers/domain-fixtures.js';
import { checkDomains } from '../src/report/domain.js';
import { gatherContext } from '../src/gather/context.js';
import { lines, msg } from './helpers/words.js';
import type { Resolver } from '../src/dns/types.js';
import { RSA_2048 } from './helpers/dkim-keys.js';

// Checks are pure functions of facts: these build the facts by hand.

const lookup = (name: string, outcome: 'answer' | 'nxdomain' | 'timeout' = 'answer') => ({ name, type: 'TXT' as const, outcome });

function facts(partial: Partial<DomainFacts>): DomainFacts {
  return {
    domain: 'hand.test',
    mx: { lookup: { name: 'hand.test', type: 'MX', outcome: 'nodata' }, records: [], hosts: [], fallback: { a: lookup('hand.test', 'nxdomain'), aaaa: lookup('hand.test', 'nxdomain'), addresses: [] } },
    spf: undefined as never,
    dmarc: { domain: 'hand.test', orgDomain: 'hand.test', lookups: [], authorizations: [] },
    dkim: { selectors: [] },
    rdns: [],
    spfIp: [],
    policyRecords: undefined as never,
    rbl: { lists: 0, notCovered: [], entries: [] },
    mtaStsPolicy: undefined as never,
    tlsa: undefined as never,
    dnssec: undefined as never,
    smtp: undefined as never,
    bulkProfile: null,
    ...partial,
  };
}

test('dkim check on hand-written facts: key found via CNAME, reported with size', () => {
  const result = dkimCheck.run(facts({
    dkim: { selectors: [{ selector: 'selector1', source: 'probe', usedBy: 'Microsoft 365', lookup: lookup('selector1._domainkey.hand.test'), cname: 'selector1-hand-test._domainkey.hand.onmicrosoft.com', records: [`v=DKIM1; k=rsa; p=${RSA_2048}`] }] },
  }));
  assert.deepEqual(result.findings, []);
  assert.equal(result.status, 'complete');
  assert.deepEqual((result.data.selectors as { bits: number; cname: string }[]).map((s) => [s.bits, s.cname]), [[2048, 'selector1-hand-test._domainkey.hand.onmicrosoft.com']]);
});

test('dkim check: all probes timed out → could not check, not "not found"', () => {
  const result = dkimCheck.run(facts({ dkim: { selectors: [{ selector: 'google', source: 'probe', lookup: lookup('google._domainkey.hand.test', 'timeout'), records: [] }] } }));
  assert.equal(result.status, 'failed');
  assert.deepEqual(result.findings.map((f) => f.id), ['dns.lookup-failed']);
});

test('rdns check on hand-written facts: private addresses are not judged; mismatch for a sender is an error', () => {
  const result = rdnsCheck.run(facts({
    rdns: [
      { ip: '10.0.0.1', role: 'mx', host: 'mx.hand.test', status: 'missing', ptr: [], confirmed: [], fcrdns: false, failedForward: [] },
      { ip: '198.51.100.9', role: 'sender', status: 'ok', ptr: ['x.hand.test'], confirmed: [], fcrdns: false, failedForward: [] },
    ],
  }));
  assert.deepEqual(result.findings.map((f) => [f.id, f.severity]), [['rdns.mismatch', 'error']]);
});

test('generic PTR names', () => {
  assert.equal(isGenericPtr('198-51-100-7.dyn.isp.test', '198.51.100.7'), true);
  assert.equal(isGenericPtr('ec2-198-51-100-7.compute-1.amazonaws.com', '198.51.100.7'), true);
  assert.equal(isGenericPtr('7.100.51.198.static.isp.test', '198.51.100.7'), true);
  assert.equal(isGenericPtr('c6336407.isp.test', '198.51.100.7'), true);
  assert.equal(isGenericPtr('adsl-pool.isp.test', '203.0.113.1'), true);
  assert.equal(isGenericPtr('mail.example.com', '198.51.100.7'), false);
  assert.equal(isGenericPtr('mx1.example.com', '192.0.2.1'), false);
});

test('suggested SPF records come from the SPF formatter and re-parse', async () => {
  const google = await factsFor([rr('g.test', 'MX', { preference: 1, exchange: 'smtp.google.com' })], { domain: 'g.test' });
  assert.equal(formatSpf(suggestedSpf(google)), 'v=spf1 include:_spf.google.com ~all');
  const parked = await factsFor([rr('p.test', 'MX', { preference: 0, exchange: '' })], { domain: 'p.test' });
  assert.equal(formatSpf(suggestedSpf(parked)), 'v=spf1 -all');
  const parse = (t: string) => (parseSpf(t) as { ok: true; record: SpfRecord }).record;
  const merged = formatSpf(mergeSpf([parse('v=spf1 mx include:a.test -all'), parse('v=spf1 include:a.test ip4:192.0.2.1 ~all exp=x.test')]));
  assert.equal(merged, 'v=spf1 mx include:a.test ip4:192.0.2.1 -all exp=x.test');
  assert.equal(formatSpf(withAll(parse('v=spf1 mx +all'), '~')), 'v=spf1 mx ~all');
  assert.equal(formatSpf(withAll(parse('v=spf1 mx'), '~')), 'v=spf1 mx ~all');
  for (const text of [merged, 'v=spf1 mx ~all']) assert.equal(parseSpf(text).ok, true);
});

test('the spf.missing fix for a Google Workspace domain names its include; multiple records get a merged record', async () => {
  const records = [rr('g.test', 'MX', { preference: 1, exchange: 'smtp.google.com' }), rr('smtp.google.com', 'A', '192.0.2.99')];
  const missing = (await reportFor(records, { domain: 'g.test' })).findings.find((f) => f.id === 'spf.missing');
  assert.deepEqual(missing?.fix?.record, { name: 'g.test.', type: 'TXT', value: 'v=spf1 include:_spf.google.com ~all' });
  const two = [...records, rr('g.test', 'TXT', 'v=spf1 include:_spf.google.com ~all'), rr('g.test', 'TXT', 'v=spf1 include:sendgrid.net -all')];
  const multiple = (await reportFor(two, { domain: 'g.test' })).findings.find((f) => f.id === 'spf.multiple');
  assert.equal(multiple?.fix?.record?.value, 'v=spf1 include:_spf.google.com include:sendgrid.net ~all');
});

test('DMARC fixes keep the existing tags and re-parse; the missing-record fix is at the organizational domain', async () => {
  const D = 'good.test';
  const none = await reportFor(replace(goodDomain(D), `_dmarc.${D}`, 'TXT', rr(`_dmarc.${D}`, 'TXT', `v=DMARC1; p=none; rua=mailto:d@${D}; adkim=s`)));
  const fix = none.findings.find((f) => f.id === 'dmarc.policy-none')?.fix?.record;
  assert.deepEqual(fix, { name: `_dmarc.${D}.`, type: 'TXT', value: `v=DMARC1; p=quarantine; rua=mailto:d@${D}; adkim=s` });
  assert.deepEqual(parseDmarc(fix?.value ?? '').errors, []);

  const sub = await reportFor(replace(goodDomain('example.co.uk'), '_dmarc.example.co.uk', 'TXT'), { domain: 'mail.example.co.uk' });
  const missing = sub.findings.find((f) => f.id === 'dmarc.missing');
  assert.equal(missing?.fix?.record?.name, '_dmarc.example.co.uk.');
  assert.match(missing ? msg(missing) : '', /_dmarc\.mail\.example\.co\.uk or _dmarc\.example\.co\.uk/);
});

test('a subdomain inherits the organizational domain record (sp applies), and external reports authorized are fine', async () => {
  const records = [
    ...goodDomain('org.test'),
    rr('_dmarc.org.test', 'TXT', 'v=DMARC1; p=reject; sp=none; rua=mailto:r@reports.test'),
    rr('org.test._report._dmarc.reports.test', 'TXT', 'v=DMARC1'),
  ];
  const report = await reportFor(replace(records, '_dmarc.org.test', 'TXT', records[records.length - 2]!), { domain: 'news.org.test' });
  const dmarc = report.sections.find((s) => s.id === 'dmarc')!;
  assert.equal(dmarc.data.inherited, true);
  assert.equal(dmarc.data.policy, 'none');
  assert.ok(report.findings.some((f) => f.id === 'dmarc.policy-none'));
  assert.ok(!report.findings.some((f) => f.id === 'dmarc.external-unauthorized'));
});

test('a wildcard under _domainkey is reported once, not once per probed selector', async () => {
  const D = 'good.test';
  const report = await reportFor([...replace(goodDomain(D), `s1._domainkey.${D}`, 'TXT'), rr(`*._domainkey.${D}`, 'TXT', 'v=DKIM1; p=')], { domain: D });
  assert.deepEqual(report.findings.filter((f) => f.check === 'dkim').map((f) => f.id), ['dkim.revoked']);
  const dkim = report.sections.find((s) => s.id === 'dkim')!;
  assert.deepEqual((dkim.data.selectors as { selector: string }[]).map((s) => s.selector), ['*']);
});

test('domainAddresses: --ip, then MX addresses, then the SPF record\'s own addresses, each once', async () => {
  const D = 'good.test';
  const f = await factsFor(replace(goodDomain(D), D, 'TXT', rr(D, 'TXT', 'v=spf1 mx ip4:198.51.100.5 ip4:203.0.113.0/24 -all')), { domain: D });
  assert.deepEqual(domainAddresses({ ips: ['198.51.100.5'] }, f.mx, f.spf), [
    { ip: '198.51.100.5', source: 'sender' },
    { ip: '192.0.2.10', source: 'mx', host: 'mx1.good.test' },
    { ip: '2001:db8::10', source: 'mx', host: 'mx1.good.test' },
  ]);
});

test('checkDomains keeps input order and never checks more than --concurrency domains at once', async () => {
  const domains = Array.from({ length: 12 }, (_, i) => `d${i}.test`);
  const inner = memoryResolver(domains.flatMap((d) => goodDomain(d)));
  const started = new Set<string>();
  let finished = 0;
  let most = 0;
  const resolver: Resolver = {
    async query(name, type) {
      // The first query of a domain is for the domain itself (MX, TXT...): it has started.
      if (domains.includes(name) && !started.has(name)) {
        started.add(name);
        most = Math.max(most, started.size - finished);
      }
      await new Promise((r) => setTimeout(r, 1));
      return inner.query(name, type);
    },
  };
  const reports = await checkDomains(domains, { selectors: [], ips: [], concurrency: 3 }, gatherContext(resolver, { timeoutMs: 3000 }), () => finished++);
  assert.deepEqual(reports.map((r) => r.subject), domains);
  assert.equal(most, 3);
  assert.ok(reports.every((r) => r.score === 100));
});

test('the spinner never writes with --json, even on a terminal; text output on stdout is the same with or without it', async () => {
  const { memoryIo } = await import('../src/cli/io.js');
  const { runDomainCommand } = await import('../src/cli/commands/domain.js');
  const { Writable } = await import('node:stream');
  const options = { selectors: [], ips: [], failOn: 'error' as const, minScore: 0, concurrency: 8 };
  for (const json of [true, false]) {
    let spinnerOutput = '';
    const stream = Object.assign(new Writable({ write(chunk, _enc, done) { spinnerOutput += String(chunk); done(); } }), { isTTY: true, columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    const io = { ...memoryIo(), stderrIsTTY: true, stderrStream: stream as unknown as NodeJS.WriteStream };
    const tty = Object.assign(io, { out: '' });
    tty.stdout = (text: string) => void (tty.out += text);
    const code = await runDomainCommand(['good.test'], options, { format: json ? 'json' : 'text', formatGiven: json, lang: 'en', quiet: false, color: false, resolver: [], zone: [], timeout: 3000, retries: 0 }, memoryResolver(goodDomain()), tty);
    assert.equal(code, 0);
    if (json) {
      assert.equal(spinnerOutput, '');
      assert.equal(JSON.parse(tty.out).domain, 'good.test');
    } else {
      assert.match(tty.out, /^good\.test {2}score 100\/100/);
    }
  }
});

test('spf.void-lookups names the names that do not exist; the tree says which include is gone', async () => {
  const D = 'good.test';
  const report = await reportFor(replace(goodDomain(D), D, 'TXT', rr(D, 'TXT', 'v=spf1 mx a:v1.test a:v2.test include:gone.test -all')), { domain: D });
  const f = report.findings.find((x) => x.id === 'spf.void-lookups');
  assert.match(f ? msg(f) : '', /\(v1\.test, v2\.test, gone\.test\)/);
  assert.ok(lines(report.sections.find((s) => s.id === 'spf')!).some((l) => /include:gone\.test {2}does not exist/.test(l)));
});
