import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { organizationalDomain } from '../src/gather/dmarc.js';
import { parseDmarcReport, type DmarcAggregateReport, type ReportRecord } from '../src/parse/dmarc-report.js';
import { evaluateRecord, isAligned } from '../src/dmarc-report/alignment.js';
import { aggregateReports, DmarcAggregator } from '../src/dmarc-report/aggregate.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'dmarc-report');
const orgDomain = organizationalDomain;

function load(name: string): DmarcAggregateReport {
  const parse = parseDmarcReport(readFileSync(join(FIXTURES, `${name}.xml`)));
  if (!parse.ok) assert.fail(JSON.stringify(parse.problem));
  return parse.report;
}

const GOOGLE = load('google.com!example.com!1767225600!1767311999');
const MICROSOFT = load('enterprise.protection.outlook.com!example.com!1767225600!1767312000');
const YAHOO = load('yahoo.com!example.com!1767225600!1767311999');
const NETEASE = load('163.com!example.com!1767225600!1767311999');
const BIS = load('dmarcbis.example!example.com!1767225600!1767311999');
const ALL = [GOOGLE, MICROSOFT, YAHOO, NETEASE, BIS];

function record(over: { from?: string; dkim?: ReportRecord['authResults']['dkim']; spf?: ReportRecord['authResults']['spf']; envelopeFrom?: string; ip?: string; count?: number }): ReportRecord {
  return {
    row: { sourceIp: over.ip ?? '192.0.2.1', count: over.count ?? 1, policyEvaluated: { disposition: 'none', dkim: 'fail', spf: 'fail', reasons: [] } },
    identifiers: { headerFrom: over.from ?? 'example.com', ...(over.envelopeFrom !== undefined && { envelopeFrom: over.envelopeFrom }) },
    authResults: { dkim: over.dkim ?? [], spf: over.spf ?? [] },
  };
}

function withRecords(records: ReportRecord[], id = 'x', policy: Partial<DmarcAggregateReport['policy']> = {}): DmarcAggregateReport {
  return { ...GOOGLE, metadata: { ...GOOGLE.metadata, reportId: id }, policy: { ...GOOGLE.policy, ...policy }, records, messages: 0, warnings: [] };
}

test('alignment: strict needs the same domain, relaxed the same organizational domain', () => {
  assert.equal(isAligned('example.com', 'example.com', 's', orgDomain), true);
  assert.equal(isAligned('mail.example.com', 'example.com', 's', orgDomain), false);
  assert.equal(isAligned('mail.example.com', 'example.com', 'r', orgDomain), true);
  assert.equal(isAligned('a.example.co.uk', 'b.example.co.uk', 'r', orgDomain), true);
  assert.equal(isAligned('example.co.uk', 'other.co.uk', 'r', orgDomain), false); // co.uk is a public suffix
  assert.equal(isAligned('esp-mailer.example.net', 'example.com', 'r', orgDomain), false);
  assert.equal(isAligned('', 'example.com', 'r', orgDomain), false);
  assert.equal(isAligned('example.com', '', 'r', orgDomain), false);
});

test('record verdicts: forwarding keeps DKIM, ESP without the domain DKIM fails, HELO only counts for a null sender', () => {
  // forwarded: SPF fails (the forwarder's IP is not ours) but our DKIM signature survives → DMARC pass
  const forwarded = evaluateRecord(record({ dkim: [{ domain: 'example.com', selector: 's1', result: 'pass' }], spf: [{ domain: 'example.com', result: 'fail' }] }), GOOGLE.policy, orgDomain);
  assert.deepEqual([forwarded.dmarcPass, forwarded.dkimAligned, forwarded.spfAligned, forwarded.spfPass], [true, true, false, false]);
  // an ESP signing and bouncing with its own domain: both pass, neither aligned → DMARC fails
  const esp = evaluateRecord(record({ dkim: [{ domain: 'esp.example.net', result: 'pass' }], spf: [{ domain: 'bounce.esp.example.net', result: 'pass' }] }), GOOGLE.policy, orgDomain);
  assert.deepEqual([esp.dmarcPass, esp.dkimPass, esp.spfPass], [false, true, true]);
  // aligned but failed signature does not count
  assert.equal(evaluateRecord(record({ dkim: [{ domain: 'example.com', result: 'fail' }] }), GOOGLE.policy, orgDomain).dkimAligned, false);
  // a HELO-scope SPF pass counts only when the reverse-path was null
  const helo = { domain: 'mx.example.com', scope: 'helo' as const, result: 'pass' as const };
  assert.equal(evaluateRecord(record({ spf: [helo], envelopeFrom: 'other.example' }), GOOGLE.policy, orgDomain).spfAligned, false);
  assert.equal(evaluateRecord(record({ spf: [helo], envelopeFrom: '' }), GOOGLE.policy, orgDomain).spfAligned, true);
  // the policy's modes apply: subdomain From, parent-domain signature
  const sub = record({ from: 'news.example.com', dkim: [{ domain: 'example.com', result: 'pass' }], spf: [{ domain: 'example.com', result: 'pass' }] });
  assert.equal(evaluateRecord(sub, { ...GOOGLE.policy, adkim: 's', aspf: 's' }, orgDomain).dmarcPass, false);
  assert.deepEqual(evaluateRecord(sub, { ...GOOGLE.policy, adkim: 's' }, orgDomain).spfAligned, true);
  assert.equal(evaluateRecord(sub, { domain: 'example.com' }, orgDomain).dmarcPass, true); // modes default to relaxed
});

test('aggregation of five reporters, checked by hand', () => {
  const { totals, sources, reporters, policies } = aggregateReports(ALL, { orgDomain });
  // messages: Google 120+40+7+3, Microsoft 55+12, Yahoo 30+5, NetEase 9+2, DMARCbis 4+6
  assert.equal(totals.messages, 170 + 67 + 35 + 11 + 10);
  // both aligned: 120 (G) + 55 (M) + 30 (Y) + 9 (N); DKIM only: 7 (G, forwarded) + 4 (bis, strict still equal)
  // none: 40 + 3 (G) + 12 (M) + 5 (Y) + 2 (N) + 6 (bis: news.example.com under adkim=s/aspf=s)
  assert.deepEqual(totals.alignment, { both: 214, dkimOnly: 11, spfOnly: 0, none: 68 });
  assert.equal(totals.dmarcPass, 225);
  assert.equal(totals.dkimAligned, 225);
  assert.equal(totals.spfAligned, 214);
  // any DKIM pass: everything but G4 (3), Y2 (5), N2 (2) → 293 − 10
  assert.equal(totals.dkimPass, 283);
  // any SPF pass: not G4 softfail (3), Y2 (5), N2 none (2), bis B1 fail (4) → 293 − 14
  assert.equal(totals.spfPass, 279);
  assert.equal(totals.reporterPass, 225);
  assert.deepEqual(totals.dispositions, { none: 283, pass: 4, quarantine: 6 });
  assert.equal(totals.reports, 5);
  assert.equal(totals.records, 12);
  assert.equal(totals.sources, 7);
  assert.equal(totals.begin, 1767225600);
  assert.equal(totals.end, 1767312000);
  assert.equal(totals.overflow, false);

  assert.deepEqual(sources.map((s) => [s.ip, s.messages, s.dmarcPass]), [
    ['209.85.220.41', 159, 159],
    ['2001:db8:4860::27', 55, 55],
    ['198.51.100.23', 52, 0],
    ['203.0.113.66', 10, 0],
    ['192.0.2.77', 7, 7],
    ['192.0.2.11', 6, 0],
    ['192.0.2.10', 4, 4],
  ]);
  const gmail = sources[0];
  assert.deepEqual(gmail?.dkim, [
    { domain: 'example.com', selector: 'google', messages: 150, pass: 150, aligned: 150 },
    { domain: 'example.com', selector: '', messages: 9, pass: 9, aligned: 9 },
  ]);
  assert.deepEqual(gmail?.reporters, [{ org: 'google.com', messages: 120 }, { org: 'Yahoo', messages: 30 }, { org: '163.com', messages: 9 }]);
  const esp = sources[2];
  assert.deepEqual(esp && [esp.spfPass, esp.dkimPass, esp.spfAligned, esp.dkimAligned], [52, 52, 0, 0]);
  assert.deepEqual(esp?.dkim, [{ domain: 'esp-mailer.example.net', selector: 'k1', messages: 52, pass: 52, aligned: 0 }]);
  assert.deepEqual(esp?.spf, [{ domain: 'bounces.esp-mailer.example.net', messages: 52, pass: 52, aligned: 0 }]);
  const forger = sources[3];
  assert.deepEqual(forger?.headerFrom, [{ domain: 'example.com', messages: 8 }, { domain: 'mail.example.com', messages: 2 }]);
  assert.deepEqual(forger?.spf, [{ domain: 'example.com', messages: 8, pass: 0, aligned: 0 }, { domain: 'mail.example.com', messages: 2, pass: 0, aligned: 0 }]);
  assert.deepEqual(forger?.alignment, { both: 0, dkimOnly: 0, spfOnly: 0, none: 10 });
  const forwarder = sources[4];
  assert.deepEqual(forwarder && [forwarder.dkimAligned, forwarder.spfAligned, forwarder.spfPass], [7, 0, 7]);
  const listed = sources[5];
  assert.deepEqual(listed?.reasons, { local_policy: 6 });
  assert.deepEqual(listed?.dispositions, { quarantine: 6 });
  // every source's breakdown adds up to its messages, and the sources to the totals
  for (const s of sources) assert.equal(s.alignment.both + s.alignment.dkimOnly + s.alignment.spfOnly + s.alignment.none, s.messages, s.ip);
  assert.equal(sources.reduce((n, s) => n + s.messages, 0), totals.messages);

  assert.deepEqual(reporters.map((r) => [r.org, r.reports, r.messages]), [
    ['google.com', 1, 170], ['Enterprise Outlook', 1, 67], ['Yahoo', 1, 35], ['163.com', 1, 11], ['Reporter Example', 1, 10],
  ]);
  assert.equal(policies.length, 1);
  assert.equal(policies[0]?.reports, 5);
  assert.equal(policies[0]?.lastSeen, 1767312000);
  assert.equal(policies[0]?.policy.fo, '0'); // the latest report (Microsoft's ends last) names the policy
});

test('relaxed alignment turns the subdomain record aligned', () => {
  const relaxed = { ...BIS, policy: { ...BIS.policy, adkim: 'r' as const, aspf: 'r' as const } };
  const { totals } = aggregateReports([relaxed], { orgDomain });
  assert.deepEqual(totals.alignment, { both: 6, dkimOnly: 4, spfOnly: 0, none: 0 });
});

test('duplicates: same reporter and Report-ID counted once; other reporters, ids or domains are distinct', () => {
  const agg = new DmarcAggregator({ orgDomain });
  assert.equal(agg.add(GOOGLE), 'added');
  assert.equal(agg.add(GOOGLE), 'duplicate');
  assert.equal(agg.add({ ...GOOGLE, metadata: { ...GOOGLE.metadata, orgName: ' GOOGLE.COM ' } }), 'duplicate');
  assert.equal(agg.add({ ...GOOGLE, metadata: { ...GOOGLE.metadata, reportId: '4211908846370712346' } }), 'added');
  assert.equal(agg.add({ ...GOOGLE, metadata: { ...GOOGLE.metadata, orgName: 'Yahoo' } }), 'added');
  assert.equal(agg.add({ ...GOOGLE, policy: { ...GOOGLE.policy, domain: 'example.org' } }), 'added');
  const { totals } = agg.result();
  assert.equal(totals.reports, 4);
  assert.equal(totals.duplicates, 2);
  assert.equal(totals.messages, 4 * 170);
  // without a Report-ID, the reporter's address and the date range stand in
  const noId = { ...YAHOO, metadata: { ...YAHOO.metadata, reportId: '' } };
  const agg2 = new DmarcAggregator({ orgDomain });
  assert.deepEqual([agg2.add(noId), agg2.add(noId), agg2.add({ ...noId, metadata: { ...noId.metadata, dateRange: { begin: 1, end: 2 } } })], ['added', 'duplicate', 'added']);
});

test('since / until keep reports whose date range overlaps the window', () => {
  const since = aggregateReports(ALL, { orgDomain, since: 1767312000 });
  assert.deepEqual([since.totals.reports, since.totals.outOfRange, since.totals.messages], [1, 4, 67]); // only Microsoft's ends that late
  const until = aggregateReports(ALL, { orgDomain, until: 1767225599 });
  assert.deepEqual([until.totals.reports, until.totals.outOfRange], [0, 5]);
  assert.equal(until.totals.begin, undefined);
  assert.deepEqual(until.sources, []);
  const window = aggregateReports(ALL, { orgDomain, since: 1767225600, until: 1767225600 });
  assert.equal(window.totals.reports, 5);
});

test('bounded memory: sources and detail lists are capped, totals still exact', () => {
  const many = Array.from({ length: 50 }, (_, i) =>
    record({ ip: `198.51.100.${i}`, count: i + 1, dkim: Array.from({ length: 3 }, (_, k) => ({ domain: `d${k}.example`, selector: `s${i}`, result: 'pass' as const })) }));
  const { totals, sources } = aggregateReports([withRecords(many)], { orgDomain, maxSources: 10, maxDetails: 2 });
  assert.equal(totals.messages, (50 * 51) / 2);
  assert.equal(totals.sources, 10);
  assert.equal(totals.droppedRecords, 40);
  assert.equal(totals.droppedMessages, (50 * 51) / 2 - (10 * 11) / 2);
  assert.equal(sources.length, 10);
  assert.ok(sources.every((s) => s.dkim.length === 2 && s.detailTruncated));
  assert.equal(sources.reduce((n, s) => n + s.messages, 0) + totals.droppedMessages, totals.messages);

  // streaming many reports over few sources: state stays per source
  const agg = new DmarcAggregator({ orgDomain });
  let expected = 0;
  for (let r = 0; r < 2000; r++) {
    const rows = Array.from({ length: 20 }, (_, i) => record({ ip: `192.0.2.${i % 5}`, count: (r + i) % 7 }));
    expected += rows.reduce((n, x) => n + x.row.count, 0);
    agg.add(withRecords(rows, `r${r}`));
  }
  const res = agg.result();
  assert.equal(res.totals.reports, 2000);
  assert.equal(res.totals.records, 40_000);
  assert.equal(res.totals.messages, expected);
  assert.equal(res.sources.length, 5);
});

test('careful arithmetic: records count messages, not rows; bad counts are skipped; sums saturate, flagged', () => {
  const rows = [record({ count: 0 }), record({ count: 1_000_000_000 }), record({ count: 3, dkim: [{ domain: 'example.com', result: 'pass' }] })];
  const { totals } = aggregateReports([withRecords(rows)], { orgDomain });
  assert.deepEqual([totals.records, totals.messages, totals.dmarcPass], [3, 1_000_000_003, 3]);
  const bad = withRecords([record({ count: -5 }), record({ count: 1.5 }), record({ count: Number.NaN }), record({ count: 2 })]);
  const b = aggregateReports([bad], { orgDomain }).totals;
  assert.deepEqual([b.invalidRecords, b.records, b.messages], [3, 1, 2]);
  const huge = withRecords([record({ count: Number.MAX_SAFE_INTEGER }), record({ count: 10 })]);
  const h = aggregateReports([huge], { orgDomain }).totals;
  assert.equal(h.overflow, true);
  assert.equal(h.messages, Number.MAX_SAFE_INTEGER);
  // a signature listed twice in one record is one set of messages
  const twice = withRecords([record({ count: 4, dkim: [{ domain: 'example.com', selector: 's', result: 'fail' }, { domain: 'example.com', selector: 's', result: 'pass' }] })]);
  const t = aggregateReports([twice], { orgDomain });
  assert.deepEqual(t.sources[0]?.dkim, [{ domain: 'example.com', selector: 's', messages: 4, pass: 4, aligned: 4 }]);
  assert.equal(t.totals.dkimAligned, 4);
});
