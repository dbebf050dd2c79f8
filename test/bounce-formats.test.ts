import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFixture } from './helpers/bounce.js';
import { analyzeMessage } from '../src/bounce/analyze.js';

function one(results: Awaited<ReturnType<typeof analyzeFixture>>, index = 0) {
  const result = results[index];
  assert.ok(result, 'a message');
  assert.equal(result.bounce, true, 'read as a bounce');
  assert.equal(result.recipients.length, 1, 'one recipient');
  return { result, r: result.recipients[0]! };
}

import { en } from '../src/messages/en/index.js';
import { text } from '../src/messages/types.js';
/** The English words of a recipient's advice. */
function advice(r: { advice: string; adviceData: { sendingIp: string; senderDomain: string } }): string {
  return text(en, 'advice', r.advice, { ...r.adviceData });
}

test('Postfix DSN: recipient, status, reply code, command from the human part, original headers', async () => {
  for (const name of ['postfix-user-unknown.eml', 'postfix-user-unknown-crlf.eml', 'postfix-user-unknown-cr.eml']) {
    const { result, r } = one(await analyzeFixture(name));
    assert.equal(r.recipient, 'jane.doe@example.net', name);
    assert.equal(r.status, '5.1.1');
    assert.equal(r.replyCode, '550');
    assert.equal(r.command, 'RCPT');
    assert.equal(r.reason, 'userunknown');
    assert.equal(r.hard, true);
    assert.equal(r.remoteMta, 'mx1.example.net');
    assert.match(r.diagnostic, /User unknown in virtual mailbox table/);
    assert.deepEqual(result.original, { messageId: '<20260315093000.4711@mail.example.com>', from: 'Sales Team <sales@example.com>', to: 'jane.doe@example.net', subject: 'Your quote' });
  }
});

test('Exchange Online NDR: 5.7.606 banned sending IP is blocked, advice names the IP and the sender domain', async () => {
  const { r } = one(await analyzeFixture('office365-banned-ip.eml'));
  assert.equal(r.recipient, 'bob@contoso.example');
  assert.equal(r.status, '5.7.606');
  assert.equal(r.reason, 'blocked');
  assert.equal(r.hard, false);
  assert.match(advice(r), /`mailcheck ip 203\.0\.113\.9`/);
  assert.match(advice(r), /`mailcheck domain example\.com`/);
});

test('Gmail 5.7.26 (DMARC): authfailure at DATA, advice runs mailcheck domain', async () => {
  const { r } = one(await analyzeFixture('gmail-dmarc.eml'));
  assert.equal(r.recipient, 'alice.customer@gmail.com');
  assert.equal(r.status, '5.7.26');
  assert.equal(r.replyCode, '550');
  assert.equal(r.command, 'DATA');
  assert.equal(r.reason, 'authfailure');
  assert.match(advice(r), /mailcheck domain example\.com/);
});

test('Tencent Exmail notice in GB2312/base64 with a GB2312 RFC 2047 subject: Ip frequency limited is toomanyconn (as Sisimai files it)', async () => {
  const { result, r } = one(await analyzeFixture('qq-ip-frequency.eml'));
  assert.equal(result.format, 'Tencent');
  assert.equal(r.recipient, 'wang.wei@qq.com');
  assert.equal(r.replyCode, '550');
  assert.equal(r.reason, 'toomanyconn');
  // The server's reply is the diagnostic; Tencent's own explanation is kept apart.
  assert.match(r.diagnostic, /^550 Ip frequency limited/);
  assert.match(r.providerExplanation ?? '', /对方服务器拒绝了您的邮件/);
  assert.doesNotMatch(r.diagnostic, /对方服务器/);
  assert.equal(result.original?.subject, '报价单');
});

test('NetEase notice in GBK/base64: DT:SPM is spamdetected', async () => {
  const { result, r } = one(await analyzeFixture('netease-dt-spm.eml'));
  assert.equal(result.format, 'NetEase');
  assert.equal(r.recipient, 'li.na@163.com');
  assert.equal(r.replyCode, '554');
  assert.equal(r.reason, 'spamdetected');
  assert.match(r.diagnostic, /^554 DT:SPM/);
  assert.match(r.providerExplanation ?? '', /收件方服务器拒绝了此邮件/);
});

test('Alibaba Mail notice in UTF-8/base64: "Rcptto account isn\'t a local account" is userunknown (hard)', async () => {
  const { result, r } = one(await analyzeFixture('alibaba-rcpt-not-local.eml'));
  assert.equal(result.format, 'Alibaba');
  assert.equal(r.recipient, 'zhang.min@aliyun.com');
  assert.equal(r.replyCode, '503');
  assert.equal(r.reason, 'userunknown');
  assert.equal(r.hard, true);
});

test('Big5 body decoded; mailbox full is soft', async () => {
  const { r } = one(await analyzeFixture('big5-mailbox-full.eml'));
  assert.equal(r.recipient, 'chen.mei@example.tw');
  assert.equal(r.status, '5.2.2');
  assert.equal(r.reason, 'mailboxfull');
  assert.equal(r.hard, false);
  assert.match(r.diagnostic, /信箱已滿/);
});

test('qmail bounce with an ISO-2022-JP subject: userunknown at RCPT', async () => {
  const { r } = one(await analyzeFixture('qmail-jp.eml'));
  assert.equal(r.recipient, 'yamada@example.jp');
  assert.equal(r.status, '5.1.1');
  assert.equal(r.command, 'RCPT');
  assert.equal(r.reason, 'userunknown');
});

test('mbox of three: Exim mailbox full, Yahoo TSS04 deferral (badreputation), then a message that is not a bounce', async () => {
  const results = await analyzeFixture('three-messages.mbox');
  assert.equal(results.length, 3);
  const exim = one(results, 0);
  assert.equal(exim.result.format, 'Exim');
  assert.equal(exim.r.recipient, 'full@example.org');
  assert.equal(exim.r.reason, 'mailboxfull');
  assert.equal(exim.r.command, 'RCPT');
  const yahoo = one(results, 1);
  assert.equal(yahoo.r.action, 'delayed');
  assert.equal(yahoo.r.status, '4.7.0');
  assert.equal(yahoo.r.replyCode, '421');
  assert.equal(yahoo.r.reason, 'badreputation');
  assert.equal(yahoo.r.command, 'MAIL');
  assert.equal(results[2]!.bounce, false);
  assert.deepEqual(results[2]!.recipients, []);
});

test('ARF feedback report and an RFC 3834 auto-reply are not bounces of the address', async () => {
  const arf = one(await analyzeFixture('arf-abuse.eml'));
  assert.equal(arf.r.recipient, 'tom@yahoo.com');
  assert.equal(arf.r.reason, 'feedback');
  assert.equal(arf.r.feedbackType, 'abuse');
  assert.equal(arf.r.status, '');
  const vacation = one(await analyzeFixture('vacation.eml'));
  assert.equal(vacation.r.recipient, 'jane.smith@example.org');
  assert.equal(vacation.r.reason, 'vacation');
  assert.equal(vacation.r.hard, false);
});

test('an ordinary message is not a bounce, and nothing is guessed for it', async () => {
  const [result] = await analyzeFixture('not-a-bounce.eml');
  assert.deepEqual(result, { bounce: false, format: '', original: null, recipients: [] });
});

test('broken input does not crash the reader', async () => {
  for (const text of ['', 'x', '22\n', 'Content-Type: multipart/report; boundary="b"\n\n--b\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822;\n']) {
    const result = await analyzeMessage(text);
    assert.equal(typeof result.bounce, 'boolean');
  }
});

test('a transcript: the recipient\'s status comes from its own failing reply, not the earlier 250 2.1.5 Ok', async () => {
  const raw = `From: MAILER-DAEMON@mx.example.org\nTo: sales@example.com\nSubject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\nContent-Type: text/plain\n\nTranscript of session follows.\n\n Out: 220 mx.example.org ESMTP\n In:  RCPT TO:<buyer@example.net>\n Out: 250 2.1.5 Ok\n In:  DATA\n Out: 354 End data with <CR><LF>.<CR><LF>\n Out: 451 4.3.0 Error: queue file write error\n`;
  const result = await analyzeMessage(raw);
  const r = result.recipients.find((x) => x.recipient === 'buyer@example.net');
  assert.ok(r);
  assert.equal(r.status, '4.3.0');
  assert.equal(r.replyCode, '451');
  assert.notEqual(r.reason, 'delivered');
});

test('a Sendmail transcript reply about the envelope sender (">>> MAIL From:") does not make the sender a recipient', async () => {
  const raw = `From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.com>\nTo: sales@example.com\nSubject: Returned mail: Service unavailable\nMIME-Version: 1.0\nContent-Type: text/plain\n\n   ----- Transcript of session follows -----\nWhile talking to mx.example.org:\n>>> MAIL From:<sales@example.com>\n<<< 501 <sales@example.com>... no access from mail server [192.0.2.55]\n554 <buyer@example.org>... Remote protocol error\n\n   ----- Unsent message follows -----\nFrom: sales@example.com\nTo: buyer@example.org\nSubject: Hello\n\nHi\n`;
  const result = await analyzeMessage(raw);
  assert.deepEqual(result.recipients.map((r) => r.recipient), ['buyer@example.org']);
});

test('fml mailing-list notices: "not a member" is rejected, a loop alert is systemerror; the list address is the recipient', async () => {
  const notice = (subject: string, body: string) => `From: list-admin@lists.example.org\nTo: sales@example.com\nSubject: ${subject}\nX-MLServer: fml [fml 4.0.3 release (20011202/4.0.3)]\nMIME-Version: 1.0\nContent-Type: text/plain\n\n${body}`;
  const a = await analyzeMessage(notice('You sales@example.com are not member (buyers ML)', 'You are not a member of this mailing list <buyers@lists.example.org>.\n\nIf you know the general guide of this list, please send mail with the mail body\n\n\tguide\n'));
  assert.equal(a.format, 'fml');
  assert.deepEqual(a.recipients.map((r) => [r.recipient, r.reason, r.verdict]), [['buyers@lists.example.org', 'rejected', 'refused']]);
  const b = await analyzeMessage(notice('Loop Alert: Duplicated Message-ID (buyers ML)', 'Duplicated Message-ID in <buyers@lists.example.org>.\n\n\nOriginal mail as follows:\n\n   From: sales@example.com\n   Subject: Hello\n'));
  assert.deepEqual(b.recipients.map((r) => [r.recipient, r.reason]), [['buyers@lists.example.org', 'systemerror']]);
});

test('a bounce forwarded by a person with its lines quoted ("> ") is read from the quoted text', async () => {
  const quoted = ['From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.jp>', 'To: <sales@example.com>', 'Subject: Returned mail: see transcript for details', '', '   ----- Transcript of session follows -----', '... while talking to mx.example.net.:', '>>> RCPT To:<buyer@example.net>', '<<< 550 5.1.1 <buyer@example.net>... User unknown', '550 5.1.1 <buyer@example.net>... User unknown'];
  const raw = `From: Sales <sales@example.com>\nTo: it@example.com\nSubject: Fwd: Returned mail: see transcript for details\nMIME-Version: 1.0\nContent-Type: text/plain\n\nCan you look at this?\n\nBegin forwarded message:\n\n${quoted.map((l) => `> ${l}`).join('\n')}\n`;
  const result = await analyzeMessage(raw);
  assert.equal(result.bounce, true);
  assert.deepEqual(result.recipients.map((r) => [r.recipient, r.status, r.reason]), [['buyer@example.net', '5.1.1', 'userunknown']]);
});

test('Exim local delivery ("save to FILE") names no address: X-Failed-Recipients gives the recipient, the block the reason', async () => {
  const raw = `From: Mail Delivery System <MAILER-DAEMON@mx.example.jp>\nTo: sales@example.com\nX-Failed-Recipients: buyer@example.com\nSubject: Mail delivery failed: returning message to sender\nMIME-Version: 1.0\nContent-Type: text/plain\n\nThis message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  save to /var/mail/buyer\n    generated by buyer@example.com\n    mailbox is full: retry timeout exceeded\n\n------ This is a copy of the message, including all the headers. ------\n\nSubject: Hello\n`;
  const result = await analyzeMessage(raw);
  assert.deepEqual(result.recipients.map((r) => [r.recipient, r.reason]), [['buyer@example.com', 'mailboxfull']]);
});

/** A multipart/report notice to sales@example.com: its sender and subject, then each part (its headers, a blank line, its lines). */
function reportNotice(from: string, subject: string, parts: string[][]): string {
  const head = [`From: ${from}`, 'To: sales@example.com', `Subject: ${subject}`, 'MIME-Version: 1.0', 'Content-Type: multipart/report; report-type=delivery-status; boundary="b"', ''];
  return [...head, ...parts.flatMap((part) => ['--b', ...part, '']), '--b--', ''].join('\n');
}

test('Postfix "Delivery report unavailable": the recipients are the original To: addresses, the reason is unknown (needs a look)', async () => {
  const raw = reportNotice('MAILER-DAEMON@mx.example.com (Mail Delivery System)', 'Undelivered Mail Returned to Sender', [
    ['Content-Description: Notification', 'Content-Type: text/plain; charset=utf-8', '', 'This is the mail system at host mx.example.com.', '', "I'm sorry to have to inform you that your message could not", "be delivered to one or more recipients. It's attached below.", '', '                   The mail system', '', '\t--- Delivery report unavailable ---'],
    ['Content-Description: Delivery report', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.example.com', 'X-Postfix-Queue-ID: B1C79423C925', 'X-Postfix-Sender: rfc822; sales@example.com'],
    ['Content-Description: Undelivered Message', 'Content-Type: message/rfc822', '', 'From: Sales <sales@example.com>', 'To: "Buyer One" <buyer@example.net>, buyer2@example.org', 'Subject: Quote', 'Message-Id: <q1@example.com>', '', 'The quote.'],
  ]);
  const result = await analyzeMessage(raw);
  assert.equal(result.bounce, true);
  assert.equal(result.format, 'Postfix');
  assert.deepEqual(result.recipients.map((r) => r.recipient), ['buyer@example.net', 'buyer2@example.org']);
  for (const r of result.recipients) {
    assert.equal(r.reason, 'undefined');
    assert.equal(r.hard, false);
    assert.equal(r.replyCode, '');
    assert.equal(r.status, '5.0.900', 'the pseudo status of an unknown reason');
  }
  // The same notice without that line, and without any recipient paragraph, is not read as a bounce of anyone.
  const without = await analyzeMessage(raw.replace('\t--- Delivery report unavailable ---\n', ''));
  assert.deepEqual(without.recipients.map((r) => r.recipient), []);
});

test('DSN: a source-routed Final-Recipient (@relay:user@server) gives way to the Original-Recipient; a plain one is kept', async () => {
  const dsn = (finalRecipient: string) =>
    reportNotice('Mail Delivery System <postmaster@mx.example.net>', 'Delivery Notification: Delivery has failed', [
      ['Content-Type: text/plain', '', 'Your message cannot be delivered to the following recipients.'],
      ['Content-Type: message/delivery-status', '', 'Reporting-MTA: dns;mx.example.net', '', 'Original-recipient: rfc822;buyer@example.net', `Final-recipient: rfc822;${finalRecipient}`, 'Action: failed', 'Status: 5.2.0', 'Diagnostic-code: smtp;522 5.2.0 Delivery failed: Over quota'],
    ]);
  const routed = await analyzeMessage(dsn('@smtp.example.net:buyer@server'));
  assert.deepEqual(routed.recipients.map((r) => [r.recipient, r.reason]), [['buyer@example.net', 'mailboxfull']]);
  // An alias expanded to a local mailbox: Final-Recipient is where it failed (Sisimai reads it so too).
  const expanded = await analyzeMessage(dsn('buyer@mailhub0'));
  assert.deepEqual(expanded.recipients.map((r) => r.recipient), ['buyer@mailhub0']);
});

test('Sendmail: a local delivery agent\'s "unknown user" before "554 …… Service unavailable" makes the recipient userunknown (hard)', async () => {
  /** The notice for these recipients, with these transcript lines. */
  const notice = (recipients: string[], transcript: string[]) =>
    reportNotice('Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>', 'Returned mail: see transcript for details', [
      ['', 'The original message was received at Thu, 29 Apr 2026 23:34:45 +0900', '', '   ----- The following addresses had permanent fatal errors -----', ...recipients.map((r) => `<${r}>`), '', '   ----- Transcript of session follows -----', ...transcript],
      ['Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.example.net', ...recipients.flatMap((r) => ['', `Final-Recipient: RFC822; <${r}>`, 'Action: failed', 'Status: 5.5.0'])],
    ]);
  const raw = (agentLine: string) => notice(['buyer@example.net'], [agentLine, '554 <buyer@example.net>... Service unavailable']);
  const unknown = await analyzeMessage(raw('mail.local: unknown user: buyer'));
  assert.deepEqual(unknown.recipients.map((r) => [r.recipient, r.reason, r.hard]), [['buyer@example.net', 'userunknown', true]]);
  assert.match(unknown.recipients[0]!.diagnostic, /^mail\.local: unknown user: buyer 554 /);
  // Another complaint of the agent is kept as evidence but does not make the address bad.
  const quota = await analyzeMessage(raw('procmail: Quota exceeded while writing "/var/mail/buyer"'));
  assert.notEqual(quota.recipients[0]!.reason, 'userunknown');
  assert.equal(quota.recipients[0]!.hard, false);
  // Two recipients: the agent's complaint about one is not lent to the other.
  const two = notice(['buyer@example.net', 'other@example.net'], ['mail.local: unknown user: buyer', '554 <buyer@example.net>... Service unavailable', '554 <other@example.net>... Service unavailable']);
  const byAddress = Object.fromEntries((await analyzeMessage(two)).recipients.map((r) => [r.recipient, r]));
  assert.equal(byAddress['buyer@example.net']?.reason, 'userunknown');
  assert.ok(byAddress['other@example.net'], 'the second recipient is read');
  assert.notEqual(byAddress['other@example.net']?.reason, 'userunknown');
  assert.doesNotMatch(byAddress['other@example.net']!.diagnostic, /mail\.local/);
  // A complaint naming another mailbox is not this one's.
  const elsewhere = await analyzeMessage(raw('mail.local: unknown user: someone'));
  assert.notEqual(elsewhere.recipients[0]!.reason, 'userunknown');
});
