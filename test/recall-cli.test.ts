import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBinary, runCli } from './helpers/run-cli.js';

// `mailcheck recall` end to end in process, answering from the providers' zone file (no network).
const ZONE = ['--zone', 'test/fixtures/recall/providers.zone'];
const SH = { env: { TZ: 'Asia/Shanghai' } };
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

test('flags: a verdict per recipient, what to do now, exit 1 when some cannot be recalled', async () => {
  const r = await runCli([...ZONE, 'recall', '--from', 'wang@acme-exmail.test', '--to', 'buyer@buyer-abroad.test', '--to', 'li@acme-exmail.test', '--sent', '10 minutes ago'], SH);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^Recall sent by wang@acme-exmail\.test\n {2}acme-exmail\.test: Tencent Exmail \(MX mxbiz1\.qq\.com, mxbiz2\.qq\.com\)/);
  assert.match(r.stdout, /GMT\+8 \(10 minutes ago\)/);
  assert.match(r.stdout, /✖ buyer@buyer-abroad\.test {2}cannot be recalled/);
  assert.match(r.stdout, /◐ li@acme-exmail\.test {2}can be recalled only if/);
  assert.match(r.stdout, /What to do now\n {2}buyer@buyer-abroad\.test\n {4}1\. Send a short correction now/);
  assert.match(r.stdout, /1 of 2 recipients can be recalled/);
});

test('exit 0 when every recipient can be recalled; --read and --fetched-by-client decide', async () => {
  const args = [...ZONE, 'recall', '--from', 'a@ali.test', '--to', 'b@ali.test', '--sent', minutesAgo(5)];
  const ok = await runCli([...args, '--read', 'no', '--fetched-by-client', 'no'], SH);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /✔ b@ali\.test {2}can be recalled {2}To/);
  assert.match(ok.stdout, /Recall it now: in Alibaba Mail on the web open Sent/);
  const fetched = await runCli([...args, '--read', 'no', '--fetched-by-client', 'yes'], SH);
  assert.equal(fetched.code, 1);
  assert.match(fetched.stdout, /a mail program has already fetched it/);
});

test('--json: the documented shape, reasons and advice as ids, data and English words', async () => {
  const r = await runCli([...ZONE, '--json', 'recall', '--from', 'a@contoso.test', '--to', 'b@contoso-sub.test', '--to', 'c@fabrikam.test', '--to', 'd@gmail.com', '--sent', minutesAgo(3), '--competitor', 'gmail.com'], SH);
  assert.equal(r.code, 1, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j), ['command', 'file', 'subject', 'sender', 'sent', 'sentInput', 'now', 'minutesSinceSent', 'read', 'fetchedByClient', 'recallable', 'incomplete', 'recipients', 'findings']);
  assert.equal(j.command, 'recall');
  assert.equal(j.sender.provider, 'microsoft-365');
  assert.equal(j.sender.tenant, 'contoso');
  assert.equal(j.minutesSinceSent, 3);
  assert.equal(j.recallable, false);
  assert.deepEqual(j.recipients.map((x: { address: string; verdict: string }) => [x.address, x.verdict]), [
    ['b@contoso-sub.test', 'possible-if'],
    ['c@fabrikam.test', 'not-possible'],
    ['d@gmail.com', 'not-possible'],
  ]);
  const [sub, fabrikam, gmail] = j.recipients;
  assert.deepEqual(Object.keys(sub), ['address', 'field', 'domain', 'provider', 'providerName', 'family', 'via', 'gateway', 'tenant', 'mx', 'lookupFailed', 'noMx', 'verdict', 'recallable', 'rule', 'reasons', 'advice', 'competitor']);
  assert.equal(sub.rule.id, 'exchange-online-cloud');
  assert.equal(sub.rule.confidence, 'high');
  assert.ok(sub.rule.sources[0].startsWith('https://learn.microsoft.com/'));
  assert.equal(sub.reasons[0].id, 'tenant-hint-same');
  assert.match(sub.reasons[0].text, /same Microsoft 365 tenant \("contoso"/);
  assert.equal(fabrikam.reasons[0].id, 'tenant-hint-different');
  assert.equal(gmail.competitor, true);
  assert.deepEqual(gmail.advice.slice(0, 2).map((a: { id: string }) => a.id), ['recall.correction', 'recall.tell-manager']);
  assert.equal(gmail.rule, null, 'across providers the general truth decides, not a provider row');
  assert.deepEqual(j.findings.map((f: { id: string; severity: string }) => [f.id, f.severity]), [['recall.possible-if', 'info'], ['recall.not-possible', 'error'], ['recall.not-possible', 'error']]);
  assert.match(j.findings[1].message, /^c@fabrikam\.test: cannot be recalled: the domains belong to different Microsoft 365 tenants/);
  assert.match(j.findings[2].fix.action, /^Send a short correction now/);
});

test('the sent .eml: From, To, Cc, Bcc and Date are read; the sender\'s own copy is left out', async () => {
  const r = await runCli([...ZONE, '--json', 'recall', 'test/fixtures/recall/sent-quote.eml'], SH);
  assert.equal(r.stderr, '');
  const j = JSON.parse(r.stdout);
  assert.equal(j.file, 'test/fixtures/recall/sent-quote.eml');
  assert.equal(j.subject, '报价单 Quotation 2026-03');
  assert.equal(j.sender.address, 'wang.fang@acme-exmail.test');
  assert.equal(j.sent, '2026-03-04T02:21:07.000Z');
  assert.equal(j.sentInput, 'Wed, 4 Mar 2026 10:21:07 +0800');
  assert.deepEqual(j.recipients.map((x: { address: string; field: string }) => [x.address, x.field]), [
    ['anna.schmidt@buyer-abroad.test', 'to'],
    ['li.ming@acme-exmail.test', 'to'],
    ['sales@qq.com', 'cc'],
    ['boss@acme-exmail.test', 'bcc'],
  ]);
  // Months ago: beyond the longest window anyone claims for Tencent.
  assert.deepEqual(j.recipients.map((x: { verdict: string }) => x.verdict), ['not-possible', 'not-possible', 'not-possible', 'not-possible']);
  assert.equal(j.recipients[1].reasons[0].id, 'window-beyond-claims');
  assert.equal(r.code, 1);
  // --sent overrides the Date: header, --to adds a recipient, --from replaces the sender.
  const now = await runCli([...ZONE, 'recall', 'test/fixtures/recall/sent-quote.eml', '--sent', '刚才', '--to', 'new@qq.com', '--json'], SH);
  const k = JSON.parse(now.stdout);
  assert.equal(k.sentInput, '刚才');
  assert.deepEqual(k.recipients.map((x: { verdict: string }) => x.verdict), ['not-possible', 'possible-if', 'possible-if', 'possible-if', 'possible-if']);
  assert.equal(k.recipients[4].address, 'new@qq.com');
});

test('the .eml: addresses that are not addresses and a missing Date: are notices; stdin works', async () => {
  const r = await runCli([...ZONE, 'recall', 'test/fixtures/recall/sent-bad-headers.eml'], SH);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^mailcheck: notice: test\/fixtures\/recall\/sent-bad-headers\.eml: To: "not-an-address" is not an address \(address\.no-at\); left out$/m);
  assert.match(r.stderr, /has no readable Date: header; give --sent/);
  assert.match(r.stdout, /Sending time not given \(--sent\)/);
  const stdin = await runCli([...ZONE, '--json', 'recall', '-', '--sent', '5 minutes ago'], { ...SH, stdin: 'From: a@ali.test\nTo: b@ali.test\nSubject: x\n\nbody\n' });
  assert.equal(JSON.parse(stdin.stdout).recipients[0].verdict, 'possible-if');
  assert.equal(stdin.code, 0);
});

test('bad input: one line on stderr, exit 2', async () => {
  const cases: [string[], RegExp][] = [
    [['recall', '--to', 'b@ali.test'], /Who sent it\? Give --from ADDRESS/],
    [['recall', '--from', 'a@ali.test'], /Who received it\? Give --to ADDRESS/],
    [['recall', '--from', 'a@ali.test', '--to', 'nobody'], /--to nobody: not an email address \(address\.no-at\)/],
    [['recall', '--from', 'a@ali', '--to', 'b@ali.test'], /--from a@ali: not an email address \(address\.domain-no-dot\)/],
    [['recall', '--from', 'a@ali.test', '--to', 'b@ali.test', '--sent', 'soon'], /--sent soon: not a time mailcheck can read/],
    [['recall', '--from', 'a@ali.test', '--to', 'b@ali.test', '--sent', '2999-01-01'], /--sent 2999-01-01: that is in the future/],
    [['recall', '--from', 'a@ali.test', '--to', 'b@ali.test', '--read', 'maybe'], /--read must be yes, no or unknown, not "maybe"/],
    [['recall', '--from', 'a@ali.test', '--to', 'b@ali.test', '--fetched-by-client', 'y'], /--fetched-by-client must be yes, no or unknown/],
    [['recall', '--from', 'a@ali.test', '--to', 'b@ali.test', '--competitor', 'not a domain'], /--competitor not a domain: give an address or a domain/],
    [['recall', 'test/fixtures/recall/missing.eml'], /missing\.eml: no such file or folder/],
    [['recall', 'test/fixtures/recall/sent-no-from.eml'], /Who sent it\?/],
    [['--format', 'csv', 'recall', '--from', 'a@ali.test', '--to', 'b@ali.test'], /csv/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli([...ZONE, ...args], SH);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, args.join(' '));
  }
  const mbox = await runCli([...ZONE, 'recall', '-'], { stdin: 'From a@ali.test Wed Mar  4 10:21:07 2026\nFrom: a@ali.test\nTo: b@ali.test\n\none\n\nFrom a@ali.test Wed Mar  4 10:22:07 2026\nFrom: a@ali.test\nTo: c@ali.test\n\ntwo\n' });
  assert.equal(mbox.code, 2);
  assert.match(mbox.stderr, /holds 2 messages: give one sent message/);
});

test('a lookup that fails is "cannot tell" and the report incomplete, never "not possible"', async () => {
  const r = await runCli([...ZONE, '--json', 'recall', '--from', 'a@ali.test', '--to', 'x@not-in-the-zone.example', '--sent', '1 minute ago'], SH);
  assert.equal(r.code, 1);
  const j = JSON.parse(r.stdout);
  assert.equal(j.incomplete, true);
  assert.equal(j.recipients[0].verdict, 'unknown');
  assert.equal(j.recipients[0].lookupFailed, 'refused');
  assert.equal(j.recipients[0].reasons[0].id, 'lookup-failed');
});

test('times are shown in TZ; a TZ that names no zone is a notice', async () => {
  const args = [...ZONE, 'recall', '--from', 'a@ali.test', '--to', 'b@ali.test', '--sent', '2026-03-04T02:21:00Z'];
  const berlin = await runCli(args, { env: { TZ: 'Europe/Berlin' } });
  assert.match(berlin.stdout, /Sent Mar 4, 2026, 03:21 GMT\+1/);
  const shanghai = await runCli(args, SH);
  assert.match(shanghai.stdout, /Sent Mar 4, 2026, 10:21 GMT\+8/);
  const bad = await runCli(args, { env: { TZ: 'Mars/Olympus' } });
  assert.match(bad.stderr, /notice: the time zone TZ=Mars\/Olympus is not known; times are shown in /);
});

test('other formats from the registry: markdown lists the findings', async () => {
  const r = await runCli([...ZONE, '--format', 'markdown', 'recall', '--from', 'a@ali.test', '--to', 'b@gmail.com'], SH);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^# mailcheck recall/);
  assert.match(r.stdout, /`recall\.not-possible` — b@gmail\.com: cannot be recalled/);
});

test('the built binary: one run', async () => {
  const r = await runBinary([...ZONE, 'recall', '--from', 'a@ali.test', '--to', 'b@gmail.com'], SH);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /✖ b@gmail\.com {2}cannot be recalled/);
});
