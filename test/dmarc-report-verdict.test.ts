import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SENDING_SERVICES, serviceInclude, serviceName, serviceOfDkimDomain, serviceOfPtr, serviceOfSpfDomain } from '../src/data/sending-services.js';
import { analyzeSenders, nextPolicy } from '../src/checks/dmarc-report.js';
import { aggregateReports } from '../src/dmarc-report/aggregate.js';
import type { DomainAggregate } from '../src/dmarc-report/run.js';
import { gatherDmarcReport, identifySource, organizationalDomain, type DmarcReportFacts } from '../src/gather/dmarc-report.js';
import { gatherContext } from '../src/gather/context.js';
import type { LookupResult, QueryType, Resolver } from '../src/dns/types.js';
import { parseDmarcReport } from '../src/parse/dmarc-report.js';
import { parseSince } from '../src/cli/commands/dmarc-report.js';
import { progressBar } from '../src/cli/progress.js';
import { memoryIo } from '../src/cli/io.js';
import { DAY, T0, reportXml, type RowSpec } from './helpers/dmarc-reports.js';

test('sending services: PTR names of the big senders, most specific suffix first, names and includes from the registry', () => {
  const cases: [string, string][] = [
    ['mail-sor-f41.google.com', 'google-workspace'],
    ['mail-dm6nam10on2041.outbound.protection.outlook.com', 'microsoft-365'],
    ['a8-30.smtp-out.amazonses.com', 'amazon-ses'],
    ['o1.ptr1234.sendgrid.net', 'sendgrid'],
    ['mail123.atl11.rsgsv.net', 'mailchimp'],
    ['smtpbg151.qq.com', 'tencent-exmail'],
    ['mail-m118208.qiye.163.com', 'netease-qiye'],
    ['m12-34.163.com', 'netease-mail'],
    ['out30-119.freemail.mail.aliyun.com', 'alibaba-mail'],
  ];
  for (const [ptr, id] of cases) assert.equal(serviceOfPtr(ptr)?.id, id, ptr);
  assert.equal(serviceOfPtr('notgoogle.com'), undefined);
  assert.equal(serviceOfDkimDomain('example-com.20230601.gappssmtp.com')?.id, 'google-workspace');
  assert.equal(serviceOfSpfDomain('bounce.mail123.atl11.mcsv.net')?.id, 'mailchimp');
  for (const s of SENDING_SERVICES) assert.notEqual(serviceName(s.id), s.id, `${s.id} has a name`);
  assert.deepEqual(['amazon-ses', 'sendgrid', 'mailchimp', 'google-workspace', 'tencent-exmail'].map(serviceInclude), ['amazonses.com', 'sendgrid.net', 'servers.mcsv.net', '_spf.google.com', 'spf.mail.qq.com']);
});

function aggregate(rows: RowSpec[], days = 7, extra: { adkim?: string } = {}): DomainAggregate {
  const reports = Array.from({ length: days }, (_, i) => {
    const parsed = parseDmarcReport(reportXml({ org: 'google.com', id: `r${i}`, begin: T0 + i * DAY, end: T0 + (i + 1) * DAY - 1, rows, ...extra }));
    assert.ok(parsed.ok);
    return parsed.report;
  });
  return { domain: 'example.com', aggregate: aggregateReports(reports, { orgDomain: organizationalDomain }) };
}

function offlineFacts(d: DomainAggregate): DmarcReportFacts {
  const identities = Object.fromEntries(d.aggregate.sources.map((s) => [s.ip, identifySource(s, new Set(), 'offline')]));
  return { domain: d.domain, aggregate: d.aggregate, identities, policy: { domain: d.domain, dmarc: null, spf: null, mx: null }, ptr: { limit: 0, looked: 0, failed: 0, skipped: 0, notCovered: 0 }, offline: true, now: T0 + 30 * DAY };
}

const aligned = (ip: string, count: number): RowSpec => ({ ip, count, dkim: [{ d: 'example.com', r: 'pass' }], spf: [{ d: 'example.com', r: 'pass' }] });

test('arithmetic: a failing sliver under 1% of a service is not a finding; at 1% it is, and it blocks', () => {
  const esp = (count: number): RowSpec => ({ ip: '198.51.100.23', count, dkim: [{ d: 'sendgrid.info', r: 'pass' }], spf: [{ d: 'sendgrid.net', r: 'pass' }] });
  const sendgridAligned: RowSpec = { ip: '198.51.100.24', count: 1000, dkim: [{ d: 'example.com', r: 'pass' }, { d: 'sendgrid.info', r: 'pass' }], spf: [{ d: 'sendgrid.net', r: 'pass' }] };
  const small = analyzeSenders(offlineFacts(aggregate([sendgridAligned, esp(1)], 7)));
  const group = small.groups.find((g) => g.service === 'sendgrid');
  assert.deepEqual([group?.messages, group?.dmarcPass, group?.senderFail, group?.sources], [7 * 1001, 7 * 1000, 7, 2]);
  assert.deepEqual(small.findings.map((f) => f.id), []);
  assert.deepEqual(small.blocking, []);
  const big = analyzeSenders(offlineFacts(aggregate([sendgridAligned, esp(11)], 7)));
  assert.deepEqual(big.findings.map((f) => [f.id, f.data.failing]), [['dmarc-report.unaligned-service', 77]]);
  assert.deepEqual(big.blocking, ['dmarc-report.unaligned-service']);
});

test('arithmetic: legitimate, failing and forgery add up; the split of a mailbox provider into forwarded and sent', () => {
  const rows: RowSpec[] = [
    aligned('209.85.220.41', 900),
    // Google relaying the domain's mail with a broken signature (forwarded) and mail without any (sent by someone at Google).
    { ip: '209.85.220.69', count: 40, dkim: [{ d: 'example.com', r: 'fail' }], spf: [{ d: 'example.com', r: 'fail' }] },
    { ip: '209.85.220.70', count: 60, spf: [{ d: 'gmail.com', r: 'pass' }] },
    { ip: '203.0.113.5', count: 25, spf: [{ d: 'example.com', r: 'fail' }] },
  ];
  const agg = aggregate(rows, 7);
  const facts = offlineFacts(agg);
  // Name the Google IPs as a PTR lookup would have.
  for (const ip of ['209.85.220.41', '209.85.220.69', '209.85.220.70']) {
    const identity = facts.identities[ip];
    assert.ok(identity);
    facts.identities[ip] = { ...identity, service: 'google-workspace', identifiedBy: 'ptr' };
  }
  const a = analyzeSenders(facts);
  const google = a.groups.find((g) => g.service === 'google-workspace');
  assert.deepEqual([google?.messages, google?.dmarcPass, google?.forwardedFail, google?.senderFail], [7000, 6300, 280, 420]);
  assert.equal(a.forgery, 175);
  assert.equal(a.legitimate, 7000);
  assert.equal(a.legitimate + a.forgery, agg.aggregate.totals.messages);
  assert.deepEqual(a.findings.map((f) => f.id).sort(), ['dmarc-report.forgery', 'dmarc-report.forwarding-broken', 'dmarc-report.unaligned-service']);
  assert.equal(a.findings.find((f) => f.id === 'dmarc-report.forwarding-broken')?.severity, 'warning', '4% of the mail: it blocks');
});

test('identifySource: own MX first, then a service the mail authenticated as, then a forward-confirmed PTR only', () => {
  const [source] = aggregate([{ ip: '192.0.2.50', count: 1, spf: [{ d: 'example.com', r: 'pass' }] }], 1).aggregate.sources;
  assert.ok(source);
  const rdns = (fcrdns: boolean | undefined) => ({ ip: source.ip, status: 'ok' as const, ptr: ['mail-x.google.com'], confirmed: fcrdns ? ['mail-x.google.com'] : [], fcrdns, failedForward: fcrdns === undefined ? ['mail-x.google.com'] : [] });
  assert.equal(identifySource(source, new Set(['192.0.2.50']), rdns(true)).service, 'own-mx');
  assert.deepEqual([identifySource(source, new Set(), rdns(true)).service, identifySource(source, new Set(), rdns(true)).ptrConfirmed], ['google-workspace', true]);
  assert.equal(identifySource(source, new Set(), rdns(false)).service, null, 'a PTR that does not resolve back is anyone\'s claim');
  assert.equal(identifySource(source, new Set(), rdns(undefined)).service, 'google-workspace', 'forward lookup failed: the PTR is kept');
  assert.equal(identifySource(source, new Set(), 'timeout').ptrStatus, 'timeout');
});

test('nextPolicy: none → quarantine, quarantine at pct<100 → all, quarantine → reject, reject → nothing', () => {
  const r = (p: 'none' | 'quarantine' | 'reject', pct?: number) => ({ p, rua: ['mailto:d@example.com'], ruf: [], other: [], ...(pct !== undefined && { pct }) });
  assert.deepEqual(nextPolicy(r('none', 100)), r('quarantine'));
  assert.deepEqual(nextPolicy(r('quarantine', 50)), r('quarantine'));
  assert.deepEqual(nextPolicy(r('quarantine')), r('reject'));
  assert.deepEqual(nextPolicy(r('reject', 20)), r('reject'));
  assert.equal(nextPolicy(r('reject')), undefined);
});

test('the verdict when p=quarantine is already in force: unaligned mail is an error, since it is lost now', async () => {
  const rows: RowSpec[] = [aligned('209.85.220.41', 500), { ip: '198.51.100.23', count: 100, dkim: [{ d: 'sendgrid.info', r: 'pass' }], spf: [{ d: 'sendgrid.net', r: 'pass' }], disposition: 'quarantine' }];
  const reports = Array.from({ length: 8 }, (_, i) => {
    const p = parseDmarcReport(reportXml({ org: 'google.com', id: `q${i}`, begin: T0 + i * DAY, end: T0 + (i + 1) * DAY - 1, p: 'quarantine', rows }));
    assert.ok(p.ok);
    return p.report;
  });
  const facts = offlineFacts({ domain: 'example.com', aggregate: aggregateReports(reports, { orgDomain: organizationalDomain }) });
  const a = analyzeSenders(facts);
  assert.equal(a.policy, 'quarantine');
  assert.deepEqual(a.findings.map((f) => [f.id, f.severity]), [['dmarc-report.unaligned-service', 'error']]);
});

test('PTR lookups: at most the budget, each IP once over every domain, never more at once than asked, none after the deadline', async () => {
  let inFlight = 0;
  let most = 0;
  const asked: string[] = [];
  const resolver: Resolver = {
    async query<T extends QueryType>(name: string, type: T): Promise<LookupResult<T>> {
      asked.push(`${name} ${type}`);
      const ptr = type === 'PTR';
      if (ptr) most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      if (ptr) inFlight--;
      return { name, type, outcome: 'nxdomain', answers: [], cnames: [], transport: 'memory', ad: false };
    },
  };
  const rows = Array.from({ length: 30 }, (_, i) => aligned(`192.0.2.${i + 1}`, 100 - i));
  const a = aggregate(rows, 1);
  const b = { domain: 'example.org', aggregate: a.aggregate };
  const facts = await gatherDmarcReport([a, b], gatherContext(resolver, { timeoutMs: 1000 }), { maxPtr: 12, concurrency: 3 });
  const ptrQueries = asked.filter((q) => q.endsWith(' PTR'));
  assert.equal(ptrQueries.length, 12);
  assert.equal(new Set(ptrQueries).size, 12);
  assert.equal(most, 3);
  assert.equal(facts[0]?.ptr.looked, 12);
  assert.equal(facts[0]?.ptr.skipped, 18);
  assert.equal(facts[0]?.identities['192.0.2.1']?.ptrStatus, 'missing');
  assert.equal(facts[0]?.identities['192.0.2.30']?.ptrStatus, 'skipped');

  // A resolver that answers nothing in time: the PTR phase ends at its deadline, the rest is skipped.
  const answer = <T extends QueryType>(name: string, type: T, outcome: 'timeout' | 'nxdomain'): LookupResult<T> => ({ name, type, outcome, answers: [], cnames: [], transport: 'memory', ad: false });
  const slow: Resolver = {
    query: (name, type, options) => (options?.signal ? new Promise((resolve) => options.signal?.addEventListener('abort', () => resolve(answer(name, type, 'timeout')))) : Promise.resolve(answer(name, type, 'nxdomain'))),
  };
  const late = await gatherDmarcReport([a], gatherContext(slow, { timeoutMs: 1000 }), { maxPtr: 30, concurrency: 2, budgetMs: 20 });
  const statuses = Object.values(late[0]?.identities ?? {}).map((i) => i.ptrStatus);
  assert.deepEqual([statuses.filter((x) => x === 'timeout').length, statuses.filter((x) => x === 'skipped').length], [2, 28]);
  assert.deepEqual([late[0]?.ptr.failed, late[0]?.ptr.skipped], [2, 28]);
});

test('--since: dates, date-times with a zone, and durations back from now', () => {
  const now = Date.UTC(2026, 1, 1) ;
  assert.equal(parseSince('2026-01-08', now), Date.UTC(2026, 0, 8) / 1000);
  assert.equal(parseSince('2026-01-08T12:00:00Z', now), Date.UTC(2026, 0, 8, 12) / 1000);
  assert.equal(parseSince('2026-01-08T12:00+08:00', now), Date.UTC(2026, 0, 8, 4) / 1000);
  assert.equal(parseSince('30d', now), now / 1000 - 30 * 86400);
  assert.equal(parseSince('2w', now), now / 1000 - 14 * 86400);
  assert.equal(parseSince('12h', now), now / 1000 - 12 * 3600);
  for (const bad of ['', '2026-13-01', '2026-02-29', '2026-01-08T12:00:00', 'last week', '-3d']) assert.throws(() => parseSince(bad, now), { name: 'UsageError' }, bad);
});

test('the progress bar draws only on a terminal, at most ten times a second, and clears itself', () => {
  const pipe = memoryIo();
  const quiet = progressBar(pipe, () => 'x');
  quiet.update(1, 2);
  quiet.clear();
  assert.equal(pipe.err, '');
  const tty = { ...memoryIo(), stderrIsTTY: true };
  let err = '';
  tty.stderr = (t: string) => void (err += t);
  let clock = 0;
  const bar = progressBar(tty, (done, total) => `${done}/${total} files`, () => clock);
  bar.update(1, 4);
  bar.update(2, 4); // within 100 ms: not drawn
  clock = 150;
  bar.update(3, 4);
  bar.update(4, 4); // the last step is always drawn
  bar.clear();
  assert.deepEqual(err.split('\r\x1b[2K').filter(Boolean).map((s) => s.replace(/^\[[#.]+\] /, '')), ['1/4 files', '3/4 files', '4/4 files']);
  assert.ok(err.endsWith('\r\x1b[2K'));
});

test('the sender list: ten unknown sources one by one, the rest summed; IPs past the tracked limit counted in the totals only', async () => {
  const { sendersCheck } = await import('../src/checks/dmarc-report.js');
  const rows = Array.from({ length: 15 }, (_, i) => ({ ip: `203.0.113.${i + 1}`, count: 20 - i, spf: [{ d: 'example.com', r: 'fail' }] }));
  const result = sendersCheck.run(offlineFacts(aggregate(rows, 1)));
  const lines = result.found.filter((f) => f.id === 'dmarc-report.group');
  assert.equal(lines.length, 10);
  assert.deepEqual(result.found.find((f) => f.id === 'dmarc-report.more')?.data, { groups: 5, sources: 5, messages: 6 + 7 + 8 + 9 + 10 });

  const { runDmarcReport } = await import('../src/dmarc-report/run.js');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const root = mkdtempSync(join(tmpdir(), 'mailcheck-dmarc-cap-'));
  writeFileSync(join(root, 'r.xml'), reportXml({ org: 'google.com', id: 'cap', begin: T0, end: T0 + DAY - 1, rows }));
  const run = await runDmarcReport([root], { orgDomain: organizationalDomain, readStdin: async () => Buffer.alloc(0), maxSources: 4 });
  const totals = run.domains[0]?.aggregate.totals;
  assert.deepEqual([totals?.sources, totals?.droppedRecords, totals?.messages], [4, 11, rows.reduce((n, r) => n + r.count, 0)]);
  const { rmSync } = await import('node:fs');
  rmSync(root, { recursive: true, force: true });
  const capped = sendersCheck.run(offlineFacts(run.domains[0] as DomainAggregate));
  assert.deepEqual(capped.found.find((f) => f.id === 'dmarc-report.dropped')?.data, { records: 11, messages: totals?.droppedMessages });
});
