// Provider-native notices (Tencent Exmail/QQ, NetEase 163/126/Qiye, Alibaba Mail, Coremail) in the layouts
// people meet: text, HTML-only tables, multipart/alternative, with and without a delivery-status part, one
// and several recipients, customer-hosted domains, Chinese-only, English-only, bilingual, GBK and UTF-8.
// Fixtures: test/fixtures/bounce/providers/ (written for these tests, invented addresses).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFixture } from './helpers/bounce.js';
import { analyzeMessage, type MessageResult, type RecipientResult } from '../src/bounce/analyze.js';
import { htmlToText } from '../src/mail/html-text.js';
import { labelOf, parseLabeled } from '../src/bounce/formats/labeled.js';
import { chineseReason } from '../src/bounce/reasons/chinese.js';

async function read(name: string): Promise<MessageResult> {
  const results = await analyzeFixture(`providers/${name}`);
  assert.equal(results.length, 1);
  const result = results[0] as MessageResult;
  assert.equal(result.bounce, true, name);
  return result;
}

function only(result: MessageResult): RecipientResult {
  assert.equal(result.recipients.length, 1, JSON.stringify(result.recipients.map((r) => r.recipient)));
  return result.recipients[0] as RecipientResult;
}

interface Expected {
  recipient: string;
  replyCode: string;
  status?: string;
  statusDerived?: boolean;
  reason: string;
  verdict: string;
  remoteMta?: string;
  provider?: string;
  explanation?: RegExp;
  diagnostic?: RegExp;
  refusedBy?: string;
}

function check(r: RecipientResult, e: Expected): void {
  assert.equal(r.recipient, e.recipient);
  assert.equal(r.replyCode, e.replyCode, `${e.recipient} reply code`);
  if (e.status !== undefined) assert.equal(r.status, e.status, `${e.recipient} status`);
  if (e.statusDerived !== undefined) assert.equal(r.statusDerived, e.statusDerived, `${e.recipient} statusDerived`);
  assert.equal(r.reason, e.reason, `${e.recipient} reason`);
  assert.equal(r.verdict, e.verdict, `${e.recipient} verdict`);
  assert.equal(r.hard, e.verdict === 'hard');
  assert.equal(r.remoteMta, e.remoteMta ?? '', `${e.recipient} remote MTA`);
  assert.equal(r.provider, e.provider, `${e.recipient} provider`);
  if (e.explanation) assert.match(r.providerExplanation ?? '', e.explanation);
  else assert.equal(r.providerExplanation, undefined);
  if (e.diagnostic) assert.match(r.diagnostic, e.diagnostic);
  // The provider's own words never leak into the server's diagnostic.
  if (r.providerExplanation) assert.ok(!r.diagnostic.includes(r.providerExplanation.split('\n')[0] as string));
  assert.equal(r.refusedBy, e.refusedBy ?? 'recipient', `${e.recipient} refusedBy`);
}

test('Tencent Exmail, text, Chinese only, GBK: padded labels, "HOST [IP] said:" with the reply on the next line, a customer-hosted domain', async () => {
  const result = await read('tencent-exmail-text-gbk.eml');
  assert.equal(result.format, 'Tencent');
  check(only(result), {
    recipient: 'wang.fang@hk-trading.example', replyCode: '550', statusDerived: true, reason: 'userunknown', verdict: 'hard',
    remoteMta: 'mxbiz1.qq.com [203.205.232.7]', provider: 'tencent-exmail', explanation: /^退信原因：收件人邮箱不存在\n建\u3000\u3000议：请核实/,
    diagnostic: /^550 Mailbox not found\./,
  });
  assert.equal(result.original?.subject, 'Quotation / 报价单');
});

test('QQ Mail, HTML-only table with a header row: one row per recipient, the delivered co-recipient is not reported', async () => {
  const result = await read('tencent-qq-html-three.eml');
  assert.deepEqual(result.recipients.map((r) => r.recipient), ['zhao.lei@qq.com', 'sun.li@foxmail.com']);
  check(result.recipients[0] as RecipientResult, {
    recipient: 'zhao.lei@qq.com', replyCode: '550', reason: 'userunknown', verdict: 'hard', provider: 'qq-mail', explanation: /原因：收件人不存在/, diagnostic: /Mailbox not found/,
  });
  // Its own row's words: not the other recipient's.
  check(result.recipients[1] as RecipientResult, {
    recipient: 'sun.li@foxmail.com', replyCode: '552', status: '5.2.2', statusDerived: false, reason: 'mailboxfull', verdict: 'retry', provider: 'qq-mail', explanation: /原因：收件人邮箱空间已满/, diagnostic: /^552 5\.2\.2 Mailbox is full/,
  });
});

test('NetEase 163, multipart/alternative, bilingual labels with the value on the next line: the Gmail server that answered is the provider', async () => {
  const r = only(await read('netease-163-alternative-bilingual.eml'));
  check(r, {
    recipient: 'jane.doe@gmail.com', replyCode: '550', status: '5.1.1', statusDerived: false, reason: 'userunknown', verdict: 'hard',
    remoteMta: 'gmail-smtp-in.l.google.com [142.250.4.26]', provider: 'gmail', explanation: /退信原因 Reason：收件人地址不存在[^\n]*\n建议 Suggestion：/,
    diagnostic: /^550 5\.1\.1 The email account that you tried to reach does not exist\. Please try double-checking .* gsmtp$/,
  });
});

test('NetEase Qiye with a delivery-status part, GBK: the DSN is the authority, the Chinese part only adds the explanation', async () => {
  const result = await read('netease-qiye-dsn-gbk.eml');
  assert.equal(result.format, 'RFC3464');
  check(only(result), {
    recipient: 'mark.w@buyer-gmbh.example', replyCode: '552', status: '5.2.2', statusDerived: false, reason: 'mailboxfull', verdict: 'retry',
    remoteMta: 'mx01.buyer-gmbh.example', explanation: /^失败原因：对方邮箱空间不足，无法接收新邮件。\n建议：请过1-3天后重试/, diagnostic: /^552 5\.2\.2 <mark\.w@buyer-gmbh\.example>: Mailbox full/,
  });
});

test('Alibaba Mail, English only, padded labels with the value on the next line: "response from HOST [IP]:" is the reply', async () => {
  const r = only(await read('alibaba-english-padded.eml'));
  check(r, {
    recipient: 'purchasing@buyer-ltd.example', replyCode: '550', status: '5.7.1', statusDerived: false, reason: 'spamdetected', verdict: 'refused',
    remoteMta: 'mx1.buyer-ltd.example [203.0.113.25]', explanation: /^Suggestion：Change the subject/, diagnostic: /^550 5\.7\.1 Message rejected as spam/,
  });
});

test('Alibaba Mail refusing its own user\'s outgoing mail (daily quota): refusedBy own, the real reply code, a derived status', async () => {
  const r = only(await read('alibaba-own-quota.eml'));
  check(r, {
    recipient: 'anna@buyer-ltd.example', replyCode: '552', statusDerived: true, reason: 'exceedlimit', verdict: 'refused', refusedBy: 'own',
    explanation: /发信数量已超过限制/, diagnostic: /^552 Daily sending quota exceeded$/,
  });
});

test('Coremail on a customer domain, GBK, Chinese only, no reply code: each block its own reason (frozen account, domain not found)', async () => {
  const result = await read('coremail-gbk-two-blocks.eml');
  assert.equal(result.format, 'Coremail');
  const [frozen, nodomain] = result.recipients as [RecipientResult, RecipientResult];
  assert.equal(result.recipients.length, 2);
  check(frozen, { recipient: 'liu.yang@example-univ.edu.cn', replyCode: '', statusDerived: true, reason: 'suspend', verdict: 'retry', explanation: /管理员冻结/ });
  check(nodomain, { recipient: 'info@exampel-trade.con', replyCode: '', statusDerived: true, reason: 'hostunknown', verdict: 'hard', explanation: /域名不存在/ });
  assert.ok(!frozen.providerExplanation?.includes('域名'), 'the second block\'s words are not lent to the first');
});

test('a sender-verify refusal about OUR sender is rejected (soft), not userunknown', async () => {
  const r = only(await read('tencent-sender-rejected.eml'));
  check(r, { recipient: 'tom@buyer.example', replyCode: '550', status: '5.1.0', reason: 'rejected', verdict: 'refused', remoteMta: 'mx.buyer.example [198.51.100.77]', diagnostic: /sender rejected/ });
});

test('NetEase, three recipient blocks with different replies; NetEase\'s help URL alone does not make a rejection spam', async () => {
  const result = await read('netease-three-blocks.eml');
  const [amy, bob, carl] = result.recipients as [RecipientResult, RecipientResult, RecipientResult];
  assert.equal(result.recipients.length, 3);
  check(amy, { recipient: 'amy@buyer-one.example', replyCode: '550', status: '5.1.1', reason: 'userunknown', verdict: 'hard', remoteMta: 'mx.buyer-one.example [192.0.2.31]', diagnostic: /User unknown in local recipient table/ });
  check(bob, { recipient: 'bob@buyer-two.example', replyCode: '451', status: '4.7.1', reason: 'blocked', verdict: 'refused', remoteMta: 'mx.buyer-two.example [192.0.2.32]', diagnostic: /^451 4\.7\.1 Greylisted/ });
  check(carl, { recipient: 'carl@126.com', replyCode: '550', statusDerived: true, reason: 'userunknown', verdict: 'hard', provider: 'netease-mail', diagnostic: /User not found: http:\/\/mail\.163\.com\/help\/help_spam_16\.htm/ });
});

// Smaller layouts, straight from text.

const notice = (from: string, body: string, headers = '') =>
  `From: ${from}\nTo: sales@example.com\nSubject: =?UTF-8?B?6YCA5L+h?=\n${headers}MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n${body}`;
const latin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

test('a summary line naming several addresses applies to each; a details block overrides it; bilingual repeats are one recipient', async () => {
  const body = `以下收件人投递失败 The following recipients failed: ann@buyer.example, ben@buyer.example\n对方服务器返回：554 5.7.1 Message refused by policy\n\n收件人 / To: ben@buyer.example\n对方服务器返回 / Reply: 550 5.1.1 No such user here\n\nRecipient: ben@buyer.example\nReply: 550 5.1.1 No such user here\n`;
  const result = await analyzeMessage(latin1(notice('MAILER-DAEMON@163.com', body)));
  assert.deepEqual(result.recipients.map((r) => [r.recipient, r.replyCode, r.reason]), [
    ['ann@buyer.example', '554', 'securityerror'],
    ['ben@buyer.example', '550', 'userunknown'],
  ]);
});

test('labels: ideographic and ASCII padding, bilingual forms, full-width colon; a value on the next line', () => {
  for (const l of ['收件人', '收 件 人', '收　件　人', '收件人 Recipient', '收件人 / To', 'Recipient address', 'TO']) assert.equal(labelOf(l), 'recipient', l);
  for (const l of ['错误代码', '对方服务器返回', 'Reply', 'Response', '服务器返回信息 / Server response']) assert.equal(labelOf(l), 'reply', l);
  for (const l of ['退信原因', '失败原因 Reason', '建议', 'Suggestion']) assert.ok(labelOf(l), l);
  assert.equal(labelOf('Dear customer'), '');
  const records = parseLabeled('收　件　人：\n\n  lee@buyer.example\n错误代码：\n  550 5.1.1 user unknown\n');
  assert.deepEqual(records.map((r) => [r.recipient, r.diagnostic]), [['lee@buyer.example', '550 5.1.1 user unknown']]);
});

test('the sender\'s own address and delivered co-recipients are never reported', () => {
  const records = parseLabeled('发件人：sales@example.com\n以下收件人已成功投递：\nok@buyer.example\n\n以下收件人投递失败：\nbad@buyer.example: 550 5.1.1 unknown user\n', { exclude: ['sales@example.com'] });
  assert.deepEqual(records.map((r) => r.recipient), ['bad@buyer.example']);
});

test('HTML to text keeps table structure: a tab between cells, a newline per row; entities and addresses survive', () => {
  const text = htmlToText('<table><tr><td>收件人</td><td><a href="mailto:a@b.example">a@b.example</a></td></tr><tr><th>原因</th><td>550 &lt;a@b.example&gt; &#65306;x&nbsp;y</td></tr></table><p>Reply: <b>ok</b></p><script>alert(1)</script>');
  assert.equal(text.trim(), '收件人\ta@b.example\n原因\t550 <a@b.example> ：x y\n\nReply: ok');
});

test('Chinese phrases as normalised concepts', () => {
  const cases: [string, string][] = [
    ['收件人帐号不存在', 'userunknown'], ['该用户地址不存在', 'userunknown'], ['对方邮箱已满', 'mailboxfull'], ['收件人邮箱空间不足', 'mailboxfull'],
    ['域名不存在', 'hostunknown'], ['账号已被管理员冻结', 'suspend'], ['发送频率过快', 'speeding'], ['今日发送数量已达到上限', 'toomanyconn'],
    ['附件存在安全风险', 'policyviolation'], ['邮件内容被判定为垃圾邮件', 'spamdetected'], ['发信IP没有反向解析(PTR)', 'requireptr'],
    ['不允许转发', 'norelaying'], ['DMARC 校验不通过', 'authfailure'], ['SPF验证失败', 'authfailure'], ['IP 在黑名单中', 'blocked'],
  ];
  for (const [text, reason] of cases) assert.equal(chineseReason(text), reason, text);
  assert.equal(chineseReason('请稍后重试'), '');
  assert.equal(chineseReason('no chinese here'), '');
});

test('Exchange Online 5.4.1 "Recipient address rejected: Access denied" is userunknown; RESOLVER.RST is filtered', async () => {
  const dsn = (diag: string, status: string) => `From: postmaster@contoso.onmicrosoft.com\nTo: sales@example.com\nSubject: Undeliverable: Quotation\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\n\n--b\nContent-Type: text/plain\n\nDelivery has failed.\n\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; AM0PR01MB0001.eurprd01.prod.outlook.com\n\nFinal-Recipient: rfc822; buyer@contoso.example\nAction: failed\nStatus: ${status}\nRemote-MTA: dns; contoso-example.mail.protection.outlook.com\nDiagnostic-Code: smtp; ${diag}\n\n--b--\n`;
  const a = only(await analyzeMessage(dsn('550 5.4.1 Recipient address rejected: Access denied. [AM0PR01MB0001.eurprd01.prod.outlook.com]', '5.4.1')));
  assert.equal(a.reason, 'userunknown');
  assert.equal(a.verdict, 'hard');
  assert.equal(a.provider, 'microsoft-365');
  const b = only(await analyzeMessage(dsn('550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized', '5.7.1')));
  assert.equal(b.reason, 'filtered');
});

test('the Status field\'s comment is evidence for the reason ("5.2.1 (mailbox disabled)" is suspend), not part of the diagnostic', async () => {
  const raw = `From: MAILER-DAEMON@mta.example.org\nTo: sales@example.com\nSubject: Delivery failure\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\n\n--b\nContent-Type: text/plain\n\nDelivery failed.\n\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mta.example.org\n\nFinal-Recipient: rfc822; old@buyer.example\nAction: failed\nStatus: 5.2.1 (mailbox disabled, not accepting messages)\nDiagnostic-Code: smtp; 550 5.2.1 <old@buyer.example>... rejected\n\nFinal-Recipient: rfc822; other@buyer.example\nAction: failed\nStatus: 5.0.0 (permanent failure)\nDiagnostic-Code: smtp; 550 user unknown\n\n--b--\n`;
  const [disabled, other] = (await analyzeMessage(raw)).recipients as [RecipientResult, RecipientResult];
  assert.equal(disabled.reason, 'suspend');
  assert.equal(disabled.diagnostic, '550 5.2.1 <old@buyer.example>... rejected');
  // "(permanent failure)" only repeats the class: the reply decides.
  assert.notEqual(other.reason, 'suspend');
});

test('the generic scanner never lends a reply that names another address', async () => {
  const raw = `From: MAILER-DAEMON@mta.example.org\nTo: sales@example.com\nSubject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\nContent-Type: text/plain\n\nMessage could not be delivered.\nRecipient one@buyer.example was not reached, details unknown\n\nSMTP transcript:\n550 5.1.1 <two@buyer.example> user unknown\n`;
  const result = await analyzeMessage(raw);
  const one = result.recipients.find((r) => r.recipient === 'one@buyer.example');
  assert.ok(one);
  assert.doesNotMatch(one.diagnostic, /two@buyer\.example/);
  assert.notEqual(one.replyCode, '550');
});
