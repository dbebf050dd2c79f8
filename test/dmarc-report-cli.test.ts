import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCli, runBinary } from './helpers/run-cli.js';
import { makeZip } from './helpers/zip-writer.js';
import { DAY, T0, mbox, reportEmail, reportXml, type ReportSpec, type RowSpec } from './helpers/dmarc-reports.js';

// `mailcheck dmarc-report` end to end, in process: reports in the shapes of test/fixtures/dmarc-report/,
// written as files, gzip, zip, attached to .eml messages, in an mbox and a maildir; duplicates; strict
// alignment; forwarding; hostile files. DNS comes from a zone file (no network).

const FIXTURES = join(import.meta.dirname, 'fixtures', 'dmarc-report');
const ZONE = join(import.meta.dirname, 'fixtures', 'dmarc-report-dns.zone');

interface Source {
  ip: string; ptr: string | null; service: string | null; serviceName: string | null; identifiedBy: string | null;
  messages: number; dmarcPass: number; spfAligned: number; dkimAligned: number;
}
interface Json {
  domain: string; reports: number; duplicates: number; outOfRange: number; messages: number; dmarcPass: number;
  sources: Source[]; services: { service: string | null; name: string; kind: string; messages: number; failing: number }[];
  rejected: { file: string; message: number | null; document: string | null; reason: string; text: string }[];
  readyForQuarantine: boolean; verdict: { blocking: string[]; nextRecord: string | null; policy: string | null };
  findings: { id: string; severity: string; data: Record<string, unknown>; fix: { action: string; record?: { name: string; value: string } } | null }[];
}

const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'mailcheck-dmarc-'));
  made.push(d);
  return d;
}

async function json(args: string[]): Promise<{ code: number | null; value: Json; stderr: string }> {
  const r = await runCli(['--zone', ZONE, 'dmarc-report', '--json', ...args]);
  assert.equal(r.stdout.trim().startsWith('{'), true, `stdout: ${r.stdout.slice(0, 200)} stderr: ${r.stderr}`);
  return { code: r.code, value: JSON.parse(r.stdout) as Json, stderr: r.stderr };
}

const ids = (v: Json) => v.findings.map((f) => f.id);
const byId = (v: Json, id: string) => v.findings.find((f) => f.id === id);

// Mail sent as example.com through Google Workspace: DKIM and SPF aligned.
const google = (count: number): RowSpec => ({ ip: '209.85.220.41', count, dkim: [{ d: 'example.com', s: 'google', r: 'pass' }], spf: [{ d: 'example.com', r: 'pass' }] });
// Forgery from a dynamic address: nothing passes.
const forged = (count: number): RowSpec => ({ ip: '203.0.113.66', count, spf: [{ d: 'example.com', r: 'softfail' }] });

/** One report per day for `days` days, the same rows each day. */
function daily(org: string, days: number, rows: RowSpec[], extra: Partial<ReportSpec> = {}): string[] {
  return Array.from({ length: days }, (_, i) => reportXml({ org, id: `${org}-${i}`, begin: T0 + i * DAY, end: T0 + (i + 1) * DAY - 1, rows, ...extra }));
}

function write(root: string, name: string, data: string | Buffer): string {
  const path = join(root, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, data);
  return path;
}

test('the shipped fixtures: totals, duplicates across xml/zip/gz, services named by PTR, JSON arithmetic', async () => {
  const { code, value, stderr } = await json([FIXTURES]);
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '');
  assert.equal(value.domain, 'example.com');
  // google, microsoft, yahoo, 163 and the DMARCbis sample; the .zip/.gz copies are duplicates.
  assert.equal(value.reports, 5);
  assert.equal(value.duplicates, 4);
  assert.equal(value.messages, value.sources.reduce((n, s) => n + s.messages, 0));
  assert.equal(value.dmarcPass, value.sources.reduce((n, s) => n + s.dmarcPass, 0));
  const google41 = value.sources.find((s) => s.ip === '209.85.220.41');
  assert.deepEqual([google41?.ptr, google41?.service, google41?.serviceName, google41?.identifiedBy], ['mail-sor-f41.google.com', 'google-workspace', 'Google Workspace', 'ptr']);
  const own = value.sources.find((s) => s.ip === '192.0.2.10');
  assert.deepEqual([own?.service, own?.identifiedBy], ['own-mx', 'mx']);
  // The reports span one day: never ready on so little.
  assert.equal(value.readyForQuarantine, false);
  assert.ok(value.verdict.blocking.includes('dmarc-report.not-enough-data'));
});

test('ready: two weeks of aligned mail and some forgery → readyForQuarantine, the next record keeps rua', async () => {
  const root = dir();
  daily('google.com', 14, [google(1000), forged(20)]).forEach((xml, i) => write(root, `google-${i}.xml`, xml));
  const { code, value } = await json([root]);
  assert.equal(code, 0);
  assert.equal(value.reports, 14);
  assert.equal(value.messages, 14 * 1020);
  assert.equal(value.dmarcPass, 14 * 1000);
  assert.equal(value.readyForQuarantine, true);
  assert.deepEqual(ids(value).sort(), ['dmarc-report.forgery', 'dmarc-report.ready']);
  assert.equal(byId(value, 'dmarc-report.forgery')?.data.messages, 14 * 20);
  assert.deepEqual(byId(value, 'dmarc-report.ready')?.fix?.record, { name: '_dmarc.example.com.', type: 'TXT', value: 'v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com; fo=1' });
  assert.equal(value.verdict.nextRecord, 'v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com; fo=1');

  const text = await runCli(['--zone', ZONE, 'dmarc-report', root]);
  assert.match(text.stdout, /^ {2}Google Workspace: 14,000 messages, DKIM aligned ✓ SPF aligned ✓$/m);
  assert.match(text.stdout, /✔ ready for p=quarantine/);
});

test('a known ESP without the domain\'s DKIM: unaligned-service with the DKIM to turn on; an ESP bouncing to the domain gets the SPF include', async () => {
  const root = dir();
  const rows: RowSpec[] = [
    google(5000),
    // SendGrid signing as itself and bouncing to its own domain.
    { ip: '198.51.100.23', count: 300, dkim: [{ d: 'sendgrid.info', s: 's1', r: 'pass' }], spf: [{ d: 'em123.sendgrid.net', r: 'pass' }] },
    // Amazon SES with the domain as MAIL FROM but no include: SPF fails on example.com; DKIM d=amazonses.com.
    { ip: '54.240.8.30', count: 200, dkim: [{ d: 'amazonses.com', r: 'pass' }], spf: [{ d: 'example.com', r: 'softfail' }] },
    // Mailchimp with the domain's DKIM set up: passes on DKIM, SPF on its own bounce domain.
    { ip: '205.201.128.10', count: 1240, dkim: [{ d: 'example.com', s: 'k1', r: 'pass' }, { d: 'mcsv.net', s: 'k1', r: 'pass' }], spf: [{ d: 'mail123.atl11.mcsv.net', r: 'pass' }] },
  ];
  daily('google.com', 10, rows).forEach((xml, i) => write(root, `r${i}.xml`, xml));
  const { value } = await json([root]);
  assert.equal(value.readyForQuarantine, false);
  const unaligned = value.findings.filter((f) => f.id === 'dmarc-report.unaligned-service');
  assert.deepEqual(unaligned.map((f) => [f.data.service, f.data.failing]).sort(), [['amazon-ses', 2000], ['sendgrid', 3000]]);
  const ses = unaligned.find((f) => f.data.service === 'amazon-ses');
  assert.deepEqual(ses?.fix?.record, { name: 'example.com.', type: 'TXT', value: 'v=spf1 mx include:_spf.google.com include:amazonses.com ~all' });
  assert.match(ses?.fix?.action ?? '', /Turn on DKIM for example\.com at Amazon SES/);
  const sendgrid = unaligned.find((f) => f.data.service === 'sendgrid');
  assert.equal(sendgrid?.fix?.record, undefined, 'SPF passed on SendGrid\'s own domain: an include would not align it');
  assert.match(sendgrid?.fix?.action ?? '', /Sender Authentication/);
  assert.ok(value.verdict.blocking.includes('dmarc-report.unaligned-service'));
  const mailchimp = value.services.find((s) => s.service === 'mailchimp');
  assert.deepEqual([mailchimp?.messages, mailchimp?.failing], [12400, 0]);

  const text = await runCli(['--zone', ZONE, 'dmarc-report', root]);
  assert.match(text.stdout, /^ {2}Mailchimp: 12,400 messages, DKIM aligned ✓ SPF not aligned$/m);
  assert.match(text.stdout, /^ {2}SendGrid: 3,000 messages, DKIM not aligned SPF not aligned {2}\(3,000 fail DMARC\)$/m);
  assert.match(text.stdout, /✖ not ready for p=quarantine/);
  // --fail-on warning turns "not ready" into exit 1 for CI.
  assert.equal((await runCli(['--zone', ZONE, 'dmarc-report', '--fail-on', 'warning', root])).code, 1);
  assert.equal(text.code, 0);
});

test('strict alignment: a subdomain signature fails under adkim=s; the fix is the relaxed record', async () => {
  const root = dir();
  const rows: RowSpec[] = [{ ip: '209.85.220.41', count: 500, dkim: [{ d: 'mail.example.com', s: 'google', r: 'pass' }], spf: [{ d: 'bounce.example.com', r: 'pass' }] }];
  daily('google.com', 8, rows, { adkim: 's', aspf: 's' }).forEach((xml, i) => write(root, `s${i}.xml`, xml));
  const { value } = await json([root]);
  assert.equal(value.dmarcPass, 0);
  const strict = byId(value, 'dmarc-report.strict-alignment');
  assert.equal(strict?.data.strict, 8 * 500);
  // The DNS record has no adkim/aspf, so "relaxed" is the record as published in DNS.
  assert.deepEqual(strict?.fix?.record, { name: '_dmarc.example.com.', type: 'TXT', value: 'v=DMARC1; p=none; rua=mailto:dmarc@example.com; fo=1' });
  assert.ok(value.verdict.blocking.includes('dmarc-report.strict-alignment'));
  // The same mail under relaxed alignment passes.
  const relaxed = dir();
  daily('google.com', 8, rows).forEach((xml, i) => write(relaxed, `r${i}.xml`, xml));
  const r = await json([relaxed]);
  assert.equal(r.value.dmarcPass, 8 * 500);
  assert.equal(r.value.readyForQuarantine, true);
});

test('forwarding: DKIM survives (info), a mailing list breaks it (counted apart from forgery)', async () => {
  const root = dir();
  const rows: RowSpec[] = [
    google(2000),
    // Forwarded by a university: SPF fails for example.com, DKIM still passes.
    { ip: '192.0.2.77', count: 30, dkim: [{ d: 'example.com', s: 'google', r: 'pass' }], spf: [{ d: 'example.com', r: 'fail' }] },
    // A mailing list rewrote the body: the domain's signature fails, SPF passes for the list's domain.
    { ip: '192.0.2.88', count: 12, dkim: [{ d: 'example.com', s: 'google', r: 'fail' }], spf: [{ d: 'lists.example.org', r: 'pass' }], reasons: ['mailing_list'] },
    forged(5),
  ];
  daily('google.com', 7, rows).forEach((xml, i) => write(root, `f${i}.xml`, xml));
  const { value } = await json([root]);
  assert.equal(byId(value, 'dmarc-report.forwarding')?.data.messages, 7 * 30);
  const broken = byId(value, 'dmarc-report.forwarding-broken');
  assert.deepEqual([broken?.severity, broken?.data.messages], ['info', 7 * 12]);
  assert.equal(byId(value, 'dmarc-report.forgery')?.data.messages, 7 * 5);
  assert.equal(value.readyForQuarantine, true);
});

test('reports inside .eml, an mbox and a maildir, gzip and zip; one report in three containers counts once', async () => {
  const root = dir();
  const specs = daily('google.com', 7, [google(100)]);
  const [a, b, c, d] = specs as [string, string, string, string];
  write(root, 'inbox/one.eml', reportEmail(a));
  write(root, 'inbox/dup.eml', reportEmail(a, { gzip: false }));
  write(root, 'archive.mbox', mbox([reportEmail(b), reportEmail(c, { zip: makeZip([{ name: 'google.com!example.com!x.xml', data: c }]) }), 'From: someone@example.net\nSubject: hello\n\nnot a report\n']));
  write(root, 'Maildir/cur/1767225600.M1P1.host:2,S', reportEmail(d, { zip: makeZip([{ name: 'r.xml', data: d }]) }));
  write(root, 'Maildir/new/1767225601.M2P1.host', reportEmail(specs[4] as string));
  write(root, 'loose/r5.xml.gz', gzipSync(Buffer.from(specs[5] as string)));
  write(root, 'loose/r6.zip', makeZip([{ name: 'r6.xml', data: specs[6] as string }]));
  write(root, 'loose/r0-again.zip', makeZip([{ name: 'again.xml', data: a }]));
  const { code, value, stderr } = await json([root]);
  assert.equal(code, 0);
  assert.equal(value.reports, 7);
  assert.equal(value.duplicates, 2);
  assert.equal(value.messages, 700);
  assert.deepEqual(value.rejected.map((r) => [r.file.slice(root.length + 1), r.message, r.reason]), [['archive.mbox', 3, 'dmarc-report.no-report']]);
  assert.equal(stderr, `mailcheck: ${join(root, 'archive.mbox')} (message 3): rejected: a message with no report attached\n`);
});

test('hostile and broken files are rejected one line each; the rest is read', async () => {
  const root = dir();
  const good = daily('google.com', 7, [google(10)]);
  good.forEach((xml, i) => write(root, `ok-${i}.xml`, xml));
  write(root, 'bad/entities.xml', '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><feedback>&lol2;</feedback>');
  write(root, 'bad/truncated.xml', (good[0] as string).slice(0, 400));
  write(root, 'bad/not-a-report.xml', '<html><body>hello</body></html>');
  write(root, 'bad/bomb.xml.gz', gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20)));
  write(root, 'bad/bomb.zip', makeZip([{ name: 'big.xml', data: Buffer.alloc(4 * 1024 * 1024, 0x20) }]));
  write(root, 'bad/liar.zip', makeZip([{ name: 'r.xml', data: good[1] as string, declaredSize: 10 }]));
  write(root, 'bad/empty.xml', '');
  write(root, 'bad/noise.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  const { code, value, stderr } = await json([root, join(root, 'missing.xml')]);
  assert.equal(code, 0);
  assert.equal(value.reports, 7);
  const reasons = Object.fromEntries(value.rejected.map((r) => [r.file.slice(root.length + 1), r.reason]));
  assert.deepEqual(reasons, {
    'bad/bomb.xml.gz': 'archive.ratio',
    'bad/bomb.zip': 'archive.ratio',
    'bad/empty.xml': 'archive.empty',
    'bad/entities.xml': 'dmarc-report.doctype',
    'bad/liar.zip': 'archive.zip-corrupt',
    'bad/noise.bin': 'input.binary',
    'bad/not-a-report.xml': 'dmarc-report.not-aggregate',
    'bad/truncated.xml': 'dmarc-report.truncated',
    'missing.xml': 'input.not-found',
  });
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 9);
  for (const line of lines) assert.match(line, /^mailcheck: .+: rejected: \S/);
  assert.ok(value.rejected.every((r) => r.text.length > 0 && !r.text.startsWith('dmarc-report.') && !r.text.startsWith('archive.')));
});

test('nothing readable is exit 2 with one line; --since drops older reports; usage errors', async () => {
  const root = dir();
  write(root, 'junk.xml', '<feedback>');
  const none = await runCli(['dmarc-report', '--offline', root]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /rejected: the XML ends early/);
  assert.match(none.stderr, /no DMARC aggregate report could be read \(1 input rejected\)/);

  const dated = dir();
  daily('google.com', 10, [google(10)]).forEach((xml, i) => write(dated, `d${i}.xml`, xml));
  const since = await json(['--since', '2026-01-08', dated]);
  assert.deepEqual([since.value.reports, since.value.outOfRange, since.value.messages], [3, 7, 30]);

  for (const bad of ['yesterday', '2026-02-30', '30x']) {
    const r = await runCli(['dmarc-report', '--offline', '--since', bad, dated]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--since takes a date/);
  }
  const ptr = await runCli(['dmarc-report', '--ptr-lookups', 'many', dated]);
  assert.equal(ptr.code, 2);
});

test('--offline names services from the reports alone; --domain keeps one policy domain', async () => {
  const root = dir();
  daily('google.com', 7, [{ ip: '198.51.100.23', count: 40, dkim: [{ d: 'sendgrid.info', r: 'pass' }], spf: [{ d: 'sendgrid.net', r: 'pass' }] }]).forEach((xml, i) => write(root, `a${i}.xml`, xml));
  daily('google.com', 7, [google(10)], { domain: 'example.org' }).forEach((xml, i) => write(root, `b${i}.xml`, xml));
  const both = await runCli(['dmarc-report', '--offline', '--json', root]);
  const values = JSON.parse(both.stdout) as Json[];
  assert.deepEqual(values.map((v) => v.domain), ['example.com', 'example.org']);
  const sendgrid = values[0]?.sources[0];
  assert.deepEqual([sendgrid?.service, sendgrid?.identifiedBy, sendgrid?.ptr], ['sendgrid', 'dkim', null]);
  const one = await runCli(['dmarc-report', '--offline', '--json', '--domain', 'example.org', root]);
  const value = JSON.parse(one.stdout) as Json;
  assert.deepEqual([value.domain, value.reports, value.messages], ['example.org', 7, 70]);
});

test('no DMARC record in DNS: record-missing with the record to publish; a failed lookup: exit 3', async () => {
  const root = dir();
  daily('google.com', 7, [google(10)], { domain: 'example.net' }).forEach((xml, i) => write(root, `n${i}.xml`, xml));
  daily('google.com', 7, [google(10)], { domain: 'example.org' }).forEach((xml, i) => write(root, `o${i}.xml`, xml));
  const net = await json(['--domain', 'example.net', root]);
  assert.deepEqual(byId(net.value, 'dmarc-report.record-missing')?.fix?.record, { name: '_dmarc.example.net.', type: 'TXT', value: 'v=DMARC1; p=none; rua=mailto:dmarc-reports@example.net' });
  assert.equal(net.code, 0);
  // example.org is not in the zone file: its DMARC lookup is REFUSED, so the answer is incomplete.
  const org = await json(['--domain', 'example.org', root]);
  assert.equal(org.code, 3);
  assert.equal(byId(org.value, 'dns.lookup-failed')?.data.name, '_dmarc.example.org');
});

test('csv: one row per source; markdown: the findings; stdin', async () => {
  const root = dir();
  daily('google.com', 7, [google(10), forged(2)]).forEach((xml, i) => write(root, `c${i}.xml`, xml));
  const csv = await runCli(['--zone', ZONE, 'dmarc-report', '--format', 'csv', root]);
  const rows = csv.stdout.trim().split('\r\n');
  assert.equal(rows[0], 'domain,ip,ptr,ptrConfirmed,service,serviceName,messages,dmarcPass,spfAligned,dkimAligned,spfPass,dkimPass,headerFrom,dkimDomains,spfDomains,reporters,firstSeen,lastSeen');
  assert.equal(rows.length, 3);
  assert.equal(rows[1], 'example.com,209.85.220.41,mail-sor-f41.google.com,true,google-workspace,Google Workspace,70,70,70,70,70,70,example.com,example.com/google,example.com,google.com,2026-01-01,2026-01-07');
  const md = await runCli(['--zone', ZONE, 'dmarc-report', '--format', 'markdown', root]);
  assert.match(md.stdout, /`dmarc-report\.ready`/);
  const stdin = await runCli(['dmarc-report', '--offline', '--json', '-'], { stdin: gzipSync(readFileSync(join(root, 'c0.xml'))) });
  assert.equal((JSON.parse(stdin.stdout) as Json).messages, 12);
});

/** Stretches of four or more lowercase English words outside quotes and record lines (English left in Chinese text). */
function englishLeft(output: string): string[] {
  const left: string[] = [];
  for (const raw of output.split('\n')) {
    if (/^\s*\S+\.\s+TXT\s/.test(raw)) continue;
    const line = raw.replace(/"[^"]*"|“[^”]*”|`[^`]*`|<[^>]*>/g, ' ');
    let run: string[] = [];
    for (const token of [...line.split(/\s+/), '中']) {
      if (/[\u4e00-\u9fff]/.test(token)) {
        if (run.length >= 4) left.push(run.join(' '));
        run = [];
      } else if (/^[a-z]+$/.test(token.replace(/^[()[\]{},.;:!?'"]+|[()[\]{},.;:!?'"]+$/g, ''))) run.push(token);
    }
  }
  return left;
}

test('Chinese: LANG=zh_CN.UTF-8 and --lang zh give the list, findings, fixes, verdict and rejections in Chinese; JSON is the same', async () => {
  const root = dir();
  const rows: RowSpec[] = [google(900), { ip: '54.240.8.30', count: 100, dkim: [{ d: 'amazonses.com', r: 'pass' }], spf: [{ d: 'example.com', r: 'softfail' }] }, forged(10),
    { ip: '192.0.2.77', count: 30, dkim: [{ d: 'example.com', s: 'google', r: 'pass' }], spf: [{ d: 'example.com', r: 'fail' }] }];
  daily('google.com', 3, rows).forEach((xml, i) => write(root, `z${i}.xml`, xml));
  write(root, 'bad.xml', '<feedback>');
  const zh = await runCli(['--zone', ZONE, 'dmarc-report', root], { env: { LANG: 'zh_CN.UTF-8' } });
  const flag = await runCli(['--zone', ZONE, '--lang', 'zh', 'dmarc-report', root]);
  assert.equal(zh.stdout, flag.stdout);
  assert.match(zh.stdout, /^ {2}Google Workspace：2,700 封，DKIM 已对齐 ✓，SPF 已对齐 ✓$/m);
  assert.match(zh.stdout, /Amazon SES 以 example\.com 的名义发信/);
  assert.match(zh.stdout, /✖ 还不能改成 p=quarantine/);
  assert.match(zh.stdout, /example\.com\. TXT "v=spf1 mx include:_spf\.google\.com include:amazonses\.com ~all"/);
  for (const id of ['dmarc-report.unaligned-service', 'dmarc-report.forwarding', 'dmarc-report.forgery', 'dmarc-report.not-enough-data', 'dmarc-report.not-ready']) assert.ok(zh.stdout.includes(` ${id}  `), id);
  assert.deepEqual(englishLeft(zh.stdout), []);
  assert.doesNotMatch(zh.stdout, /undefined|NaN|\[object Object\]/);
  assert.match(zh.stderr, /bad\.xml：已拒绝：XML 提前结束/);
  const en = await runCli(['--zone', ZONE, 'dmarc-report', '--json', root]);
  const zhJson = await runCli(['--zone', ZONE, '--lang', 'zh', 'dmarc-report', '--json', root]);
  assert.equal(zhJson.stdout, en.stdout);
});

test('README: the dmarc-report example prints what the README shows', async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = /```console\n\$ mailcheck (--zone test\/fixtures\/dmarc-report-dns\.zone dmarc-report [^\n]*)\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'the README has the example');
  const r = await runCli((block[1] as string).split(' '));
  assert.equal(r.stdout, block[2]);
});

test('the built binary reads a folder and prints the verdict', async () => {
  const root = dir();
  daily('google.com', 7, [google(100)]).forEach((xml, i) => write(root, `g${i}.xml.gz`, gzipSync(Buffer.from(xml))));
  const r = await runBinary(['--zone', ZONE, 'dmarc-report', root]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Google Workspace: 700 messages, DKIM aligned ✓ SPF aligned ✓/);
  assert.match(r.stdout, /✔ ready for p=quarantine/);
});
