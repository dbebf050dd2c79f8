import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/run-cli.js';
import { BOUNCE_FIXTURES } from './helpers/bounce.js';
import { adviceOf, fixTopicOf } from '../src/bounce/advice.js';
import { summarizeBounces } from '../src/bounce/summary.js';
import type { MessageReport } from '../src/bounce/run.js';
import type { RecipientResult } from '../src/bounce/analyze.js';
import { bounceReport } from '../src/report/bounce.js';
import { renderContext } from '../src/cli/output.js';
import { memoryIo } from '../src/cli/io.js';
import { loadFormat } from '../src/render/index.js';

const fixture = (name: string) => join(BOUNCE_FIXTURES, name);

/** A bounce whose reason cannot be told (onhold): the verdict is "needs a look". */
const ONHOLD = `From: Mail Delivery System <MAILER-DAEMON@mail.example.com>
To: sales@example.com
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

<li.ming@example.org>: host mx.example.org[192.0.2.10] said: 550 Mission failed

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.com

Final-Recipient: rfc822; li.ming@example.org
Action: failed
Status: 5.0.0
Remote-MTA: dns; mx.example.org
Diagnostic-Code: smtp; 550 Mission failed

--B--
`;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'mailcheck-bounce-output-'));
}

test('--lang zh: a plain verdict line per recipient, the real reply with its host, permanence on its own line', async () => {
  const r = await runCli(['--lang', 'zh', 'bounce', fixture('postfix-user-unknown.eml')]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^ {2}jane\.doe@example\.net {2}userunknown {2}地址无效，停止发送$/m);
  assert.match(r.stdout, /^ {4}回复代码：550 5\.1\.1（mx1\.example\.net），在 RCPT 阶段$/m);
  assert.match(r.stdout, /^ {4}失败类型：永久（5xx）/m);
  assert.match(r.stdout, /^ {4}怎么办：地址无效，停止发送。.*电话、微信、LinkedIn/m);
  assert.doesNotMatch(r.stdout, /硬退信|软退信/);
});

test('LANG=zh_CN.UTF-8 (the in-process io env) prints the same Chinese as --lang zh; JSON stays language-neutral', async () => {
  const files = [fixture('three-messages.mbox'), fixture('qq-ip-frequency.eml')];
  const flag = await runCli(['--lang', 'zh-CN', 'bounce', ...files]);
  const env = await runCli(['bounce', ...files], { env: { LANG: 'zh_CN.UTF-8' } });
  assert.equal(env.stdout, flag.stdout);
  assert.match(env.stdout, /仍在重试，暂时无需处理/);
  assert.match(env.stdout, /^汇总：/m);
  const json = await runCli(['bounce', '--json', ...files], { env: { LANG: 'zh_CN.UTF-8' } });
  const english = await runCli(['bounce', '--json', ...files]);
  assert.equal(json.stdout, english.stdout);
});

test('a derived status is marked in JSON and never shown as if the server said it; the reply code is', async () => {
  const text = await runCli(['bounce', fixture('qq-ip-frequency.eml')]);
  assert.match(text.stdout, /^ {2}wang\.wei@qq\.com {2}toomanyconn {2}temporary failure — retry later$/m);
  assert.match(text.stdout, /^ {4}reply: 550$/m);
  assert.doesNotMatch(text.stdout, /5\.0\.945/);
  assert.doesNotMatch(text.stdout, /\bsoft\b/);
  for (const format of ['github', 'markdown']) {
    const out = await runCli(['bounce', '--format', format, fixture('qq-ip-frequency.eml')]);
    assert.match(out.stdout, /wang\.wei@qq\.com: too many connections or recipients at once \(550\)/, format);
    assert.doesNotMatch(out.stdout, /5\.0\.945/, format);
  }
  const json = JSON.parse((await runCli(['bounce', '--json', fixture('qq-ip-frequency.eml')])).stdout) as { recipients: Record<string, unknown>[] }[];
  const r = json[0]!.recipients[0]!;
  assert.equal(r.status, '5.0.945', 'the existing field keeps its value');
  assert.equal(r.statusDerived, true);
  assert.equal(r.replyCode, '550');
  assert.equal(r.verdict, 'retry');
  assert.equal(r.permanent, true);
  assert.equal(r.hard, false);
  assert.equal(r.refusedBy, 'recipient');
  assert.ok('provider' in r && 'providerExplanation' in r);
  const dsn = JSON.parse((await runCli(['bounce', '--json', fixture('postfix-user-unknown.eml')])).stdout) as { recipients: Record<string, unknown>[] }[];
  assert.deepEqual([dsn[0]!.recipients[0]!.verdict, dsn[0]!.recipients[0]!.statusDerived, dsn[0]!.recipients[0]!.hard], ['hard', false, true]);
});

test('a delay says it is still being retried and that nothing is to be done yet', async () => {
  const r = await runCli(['bounce', '--json', fixture('three-messages.mbox')]);
  const delayed = (JSON.parse(r.stdout) as { recipients: Record<string, unknown>[] }[]).flatMap((m) => m.recipients).find((x) => x.action === 'delayed');
  assert.ok(delayed, 'the fixture has a delayed recipient');
  assert.equal(delayed.verdict, 'delayed');
  assert.equal(delayed.adviceId, 'bounce.delayed');
  assert.match(String(delayed.advice), /nothing to do yet/);
  const text = await runCli(['bounce', fixture('three-messages.mbox')]);
  assert.match(text.stdout, /still retrying — nothing to do yet/);
});

test('advice: the sender\'s own provider refusing its outgoing mail is not the recipient\'s refusal', () => {
  assert.equal(adviceOf({ reason: 'spamdetected', refusedBy: 'own', verdict: 'refused' }), 'bounce.own-content');
  assert.equal(adviceOf({ reason: 'speeding', refusedBy: 'own', verdict: 'retry' }), 'bounce.own-quota');
  assert.equal(adviceOf({ reason: 'exceedlimit', refusedBy: 'own', verdict: 'retry' }), 'bounce.own-quota');
  assert.equal(adviceOf({ reason: 'blocked', refusedBy: 'own', verdict: 'refused' }), 'bounce.own-refused');
  assert.equal(adviceOf({ reason: 'spamdetected', refusedBy: 'recipient', verdict: 'refused' }), 'bounce.spamdetected');
  assert.equal(adviceOf({ reason: 'expired', refusedBy: 'recipient', verdict: 'delayed' }), 'bounce.delayed');
  assert.equal(fixTopicOf({ reason: 'spamdetected', refusedBy: 'own', verdict: 'refused' }), 'own');
  assert.equal(fixTopicOf({ reason: 'userunknown', refusedBy: 'recipient', verdict: 'hard' }), null);
});

function recipient(over: Partial<RecipientResult>): RecipientResult {
  return {
    recipient: 'buyer@contoso.example',
    action: 'failed',
    status: '5.7.1',
    replyCode: '550',
    reason: 'spamdetected',
    hard: false,
    diagnostic: '550 5.7.1 Message rejected as spam',
    remoteMta: 'contoso-example.mail.protection.outlook.com',
    command: 'DATA',
    advice: 'bounce.spamdetected',
    adviceData: { sendingIp: '203.0.113.9', senderDomain: 'example.com' },
    verdict: 'refused',
    permanent: true,
    statusDerived: false,
    refusedBy: 'recipient',
    ...over,
  };
}

function message(n: number, recipients: RecipientResult[]): MessageReport {
  return { file: `m${n}.eml`, message: 1, bounce: true, format: 'RFC3464', original: null, recipients };
}

async function renderText(messages: MessageReport[], lang: 'en' | 'zh-CN', options: Record<string, unknown> = {}): Promise<string> {
  const ctx = await renderContext({ lang, color: 'never' as never, quiet: false }, memoryIo(), { command: 'bounce', options });
  return (await loadFormat('text')).render(messages.map(bounceReport), ctx);
}

test('text: a refusal by the sender\'s own provider, the provider and its own explanation quoted as written', async () => {
  const own = recipient({ recipient: 'client@example.org', refusedBy: 'own', provider: 'tencent-exmail', providerExplanation: '发信行为异常，邮件被拦截。建议：减少群发。', remoteMta: '', advice: 'bounce.own-content' });
  const en = await renderText([message(1, [own])], 'en');
  assert.match(en, /client@example\.org {2}spamdetected {2}refused by your own mail provider — contact your mail administrator/);
  assert.match(en, /provider: Tencent Exmail/);
  assert.match(en, /provider says: “发信行为异常，邮件被拦截。建议：减少群发。”/);
  assert.match(en, /do: Your own mail provider refused to send this/);
  const zh = await renderText([message(1, [own])], 'zh-CN');
  assert.match(zh, /client@example\.org {2}spamdetected {2}被你自己的邮箱服务商拒发，需联系邮件管理员/);
  assert.match(zh, /服务商说明：“发信行为异常，邮件被拦截。建议：减少群发。”/);
  assert.match(zh, /怎么办：被你自己的邮箱服务商拒发/);
});

test('summary: counts, the addresses to stop mailing, and what to fix first ("3 of 5 refused as spam by Microsoft 365")', async () => {
  const spam = (n: number) => recipient({ recipient: `buyer${n}@contoso.example`, provider: 'microsoft-365' });
  const gone = recipient({ recipient: 'Old@Example.net', reason: 'userunknown', verdict: 'hard', hard: true, status: '5.1.1', remoteMta: 'mx.example.net', provider: undefined });
  const look = recipient({ recipient: 'odd@example.org', reason: 'onhold', verdict: 'unknown', status: '5.0.0', remoteMta: 'mx.example.org' });
  const reports = [message(1, [spam(1), spam(2)]), message(2, [spam(3), gone]), message(3, [look, gone])];
  const s = summarizeBounces(reports);
  assert.equal(s.recipients, 6);
  assert.deepEqual(s.byVerdict, { hard: 2, retry: 0, refused: 3, delayed: 0, unknown: 1, none: 0 });
  assert.deepEqual(s.stopMailing, ['old@example.net']);
  assert.deepEqual(s.review, ['odd@example.org']);
  assert.deepEqual(s.byProvider.find((p) => p.key === 'microsoft-365'), { key: 'microsoft-365', count: 3 });
  assert.equal(s.fixFirst[0]!.topic, 'content');
  assert.deepEqual([s.fixFirst[0]!.count, s.fixFirst[0]!.of, s.fixFirst[0]!.provider], [3, 6, 'microsoft-365']);
  const text = await renderText(reports, 'en', { summaryOnly: true });
  assert.match(text, /^ {4}3 of 6 refused as spam or by content filters by Microsoft 365: change the subject and body .*`mailcheck domain example\.com`$/m);
  assert.match(text, /^ {2}stop mailing \(1\):\n {4}old@example\.net$/m);
  assert.match(text, /^ {2}needs a look \(1\):\n {4}odd@example\.org$/m);
  assert.doesNotMatch(text, /server said/, '--summary prints the summary alone');
  const zh = await renderText(reports, 'zh-CN', { summaryOnly: true });
  assert.match(zh, /6 个里有 3 个被 Microsoft 365 当作垃圾邮件或因内容拒收/);
});

test('--summary (text and JSON) agrees with the per-recipient JSON of the same folder', async () => {
  const all = JSON.parse((await runCli(['bounce', '--json', BOUNCE_FIXTURES])).stdout) as { bounce: boolean; recipients: { recipient: string; verdict: string; hard: boolean; reason: string }[] }[];
  const recipients = all.flatMap((m) => m.recipients);
  const json = await runCli(['bounce', '--summary', '--format', 'json', BOUNCE_FIXTURES]);
  assert.equal(json.code, 0);
  const envelope = JSON.parse(json.stdout) as { command: string; summary: Record<string, unknown> };
  assert.equal(envelope.command, 'bounce');
  const s = envelope.summary as { messages: number; recipients: number; byVerdict: Record<string, number>; byReason: Record<string, number>; byDomain: Record<string, number>; byProvider: Record<string, number>; stopMailing: string[]; fixFirst: unknown[] };
  assert.equal(s.messages, all.length);
  assert.equal(s.recipients, recipients.length);
  for (const v of ['hard', 'retry', 'refused', 'delayed', 'unknown', 'none']) assert.equal(s.byVerdict[v], recipients.filter((r) => r.verdict === v).length, v);
  assert.equal(Object.values(s.byReason).reduce((a, b) => a + b, 0), recipients.length);
  assert.equal(Object.values(s.byProvider).reduce((a, b) => a + b, 0), recipients.length);
  assert.deepEqual(s.stopMailing, [...new Set(recipients.filter((r) => r.hard).map((r) => r.recipient.toLowerCase()))]);
  assert.ok(s.byProvider['gmail'] !== undefined && s.byProvider['qq-mail'] !== undefined, 'providers from the recipient domain');
  const legacy = JSON.parse((await runCli(['bounce', '--summary', '--json', BOUNCE_FIXTURES])).stdout) as Record<string, unknown>;
  assert.deepEqual(legacy, envelope.summary);
  const text = await runCli(['bounce', '--summary', BOUNCE_FIXTURES]);
  assert.match(text.stdout, new RegExp(`^Summary: ${all.length} message\\(s\\), ${recipients.length} recipient\\(s\\)`, 'm'));
  assert.match(text.stdout, /^ {2}by verdict:$/m);
  assert.match(text.stdout, /^ {2}by provider:$/m);
  // Each reason id with its meaning, in the chosen language.
  assert.match(text.stdout, /^ +\d+ {2}userunknown {2}the mailbox does not exist$/m);
  const zh = await runCli(['--lang', 'zh-CN', 'bounce', '--summary', BOUNCE_FIXTURES]);
  assert.match(zh.stdout, /^ +\d+ {2}userunknown {2}收件人邮箱不存在$/m);
  assert.match(text.stdout, /^ {2}fix first:$/m);
  assert.doesNotMatch(text.stdout, /server said/);
  const ndjson = await runCli(['bounce', '--summary', '--ndjson', BOUNCE_FIXTURES]);
  assert.equal(ndjson.stdout.trim().split('\n').length, 1);
  assert.deepEqual(JSON.parse(ndjson.stdout), envelope.summary);
});

test('--suppress FILE writes hard bounces and FILE.review.csv the ones that need a look; --review FILE moves it', async () => {
  const dir = tempDir();
  try {
    const onhold = join(dir, 'onhold.eml');
    writeFileSync(onhold, ONHOLD);
    const inputs = [fixture('postfix-user-unknown.eml'), onhold, fixture('qq-ip-frequency.eml')];
    const suppress = join(dir, 'hard.csv');
    const r = await runCli(['bounce', ...inputs, '--suppress', suppress]);
    assert.equal(r.code, 0, r.stderr);
    const hard = readFileSync(suppress, 'utf8').trim().split('\n');
    assert.deepEqual(hard.map((l) => l.split(',')[0]), ['recipient', 'jane.doe@example.net']);
    const review = readFileSync(join(dir, 'hard.review.csv'), 'utf8').trim().split('\n');
    assert.equal(review[0], 'recipient,reason,status,replyCode,file,message,diagnostic');
    assert.deepEqual(review.slice(1).map((l) => l.split(',').slice(0, 2)), [['li.ming@example.org', 'onhold']]);
    const other = join(dir, 'look-at-these.csv');
    const moved = await runCli(['bounce', ...inputs, '--suppress', join(dir, 'list'), '--review', other]);
    assert.equal(moved.code, 0);
    assert.match(readFileSync(other, 'utf8'), /^li\.ming@example\.org,onhold,/m);
    assert.ok(!existsSync(join(dir, 'list.review.csv')));
    assert.equal(readFileSync(join(dir, 'list'), 'utf8').trim().split('\n').length, 2);
    const alone = await runCli(['bounce', onhold, '--review', other]);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /^mailcheck: --review names where --suppress writes its review list/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('text never prints "soft", and every failed recipient of the fixtures gets one of the verdict lines', async () => {
  const r = await runCli(['bounce', BOUNCE_FIXTURES]);
  assert.doesNotMatch(r.stdout, /\bsoft\b/);
  const lines = r.stdout.split('\n').filter((l) => /^ {2}\S+@\S+ {2}[a-z]+ {2}/.test(l));
  assert.ok(lines.length >= 10);
  for (const l of lines) assert.match(l, / {2}(address invalid — stop mailing|temporary failure — retry later|refused — change the content or contact them|refused by your own mail provider — contact your mail administrator|still retrying — nothing to do yet|needs a look|not a failure — nothing to do)$/, l);
});

test('--summary when no input could be read: the error lines alone, exit 2 (no summary of nothing)', async () => {
  const r = await runCli(['bounce', '--summary', '/nonexistent/undelivered.eml']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^mailcheck: \/nonexistent\/undelivered\.eml: no such file or folder\n$/);
});

test('a provider explanation over several lines (原因 / 建议) is printed on one line, never as \\x0a', async () => {
  const r = await runCli(['--lang', 'zh', 'bounce', 'test/fixtures/bounce/providers/tencent-qq-html-three.eml']);
  assert.match(r.stdout, /服务商说明：“原因：收件人邮箱空间已满 建议：请核对地址后重新发送。”\n/);
  assert.doesNotMatch(r.stdout, /\\x0a/);
});

test('--summary of messages that are not bounces: no empty "by …" sections, only the count and "fix first"', async () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'hello.eml');
    writeFileSync(file, 'From: buyer@example.net\nTo: sales@example.com\nSubject: hello\n\nThanks for the quote.\n');
    const r = await runCli(['bounce', '--summary', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Summary: 1 message\(s\), 0 recipient\(s\), 1 not a bounce, 0 hard bounce\(s\)\n {2}fix first:\n {4}nothing to fix on your side\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
