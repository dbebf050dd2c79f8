import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify, isHardBounce } from '../src/bounce/classify.js';
import { emptyRecord, REASONS, type DeliveryRecord } from '../src/bounce/types.js';
import { matchesReason, PHRASES } from '../src/bounce/reasons/phrases.js';
import { findReplyCode, findStatus, internalStatus, preferStatus, reasonOfStatus } from '../src/bounce/reasons/status-codes.js';
import { findProvider, providerReason } from '../src/bounce/reasons/providers.js';
import { adviceFor } from '../src/bounce/advice.js';
import { en } from '../src/messages/en/index.js';
import { FIRST_PASS, SECOND_PASS } from '../src/bounce/reasons/precedence.js';
import { findCommand, joinReplyLines, squeezeReplyPrefixes } from '../src/bounce/text.js';
import { findNestedReply } from '../src/bounce/reasons/status-codes.js';

function record(fields: Partial<DeliveryRecord>): DeliveryRecord {
  return { ...emptyRecord('someone@example.net'), diagnosticType: 'SMTP', ...fields };
}

test('the reason vocabulary is Sisimai\'s, and every reason has a meaning and advice', () => {
  assert.equal(REASONS.length, 36);
  for (const reason of REASONS) {
    assert.ok((en.reasons as Record<string, string>)[reason], reason);
    assert.ok(adviceFor(reason) in en.advice, reason);
  }
  for (const reason of [...FIRST_PASS, ...SECOND_PASS]) assert.ok((REASONS as readonly string[]).includes(reason), reason);
});

test('status codes map to reasons; generic codes map to none; internal codes stand in for missing ones', () => {
  assert.equal(reasonOfStatus('5.1.1'), 'userunknown');
  assert.equal(reasonOfStatus('5.2.2'), 'mailboxfull');
  assert.equal(reasonOfStatus('4.4.7'), 'expired');
  assert.equal(reasonOfStatus('5.7.26'), 'authfailure');
  assert.equal(reasonOfStatus('5.0.0'), '');
  assert.equal(internalStatus('filtered', false), '5.0.910');
  assert.equal(internalStatus('expired', true), '4.0.947');
  assert.equal(internalStatus('userunknown', true), '5.0.911');
});

test('reply codes: a permanent code wins; numbers inside IPs and status codes are not reply codes', () => {
  assert.equal(findReplyCode('451 try later then 550 5.1.1 no such user'), '550');
  assert.equal(findReplyCode('host 192.0.2.550 said nothing'), '');
  assert.equal(findReplyCode('550-5.7.26 text'), '550');
  assert.equal(findReplyCode('421 4.7.0 [TSS04]', '4.7.0'), '421');
  assert.equal(findReplyCode('x-unix; 550 mailer'), '');
  assert.equal(findStatus('550 5.1.1 <a@b>: unknown'), '5.1.1');
  assert.equal(findStatus('from 192.0.2.1 at 10.1.1.1'), '');
});

test('the status quoted in the text is preferred when the Status: field is generic', () => {
  assert.equal(preferStatus('5.0.0', '5.1.1', '550'), '5.1.1');
  assert.equal(preferStatus('5.1.1', '5.1.1', '550'), '5.1.1');
  assert.equal(preferStatus('4.4.7', '4.2.2', '452'), '4.2.2');
  assert.equal(preferStatus('', '5.7.1', ''), '5.7.1');
  assert.equal(preferStatus('5.2.2', '4.2.2', '552'), '5.2.2');
});

test('phrase tables match in English and Chinese, ordered phrases need their order', () => {
  assert.ok(matchesReason('userunknown', 'recipient address rejected: user unknown in local recipient table'));
  assert.ok(matchesReason('userunknown', '收件人不存在'));
  assert.ok(matchesReason('mailboxfull', 'mailbox for kijitora is full'));
  assert.ok(!matchesReason('mailboxfull', 'full of things in a mailbox'));
  assert.ok(matchesReason('spamdetected', '邮件被识别为垃圾邮件'));
  assert.ok(!matchesReason('rejected', 'recipient address rejected: access denied'), 'a "not" phrase rules it out');
  for (const [reason, table] of Object.entries(PHRASES)) {
    for (const phrase of table.any) assert.equal(phrase, phrase.toLowerCase(), `${reason}: phrases are lower-case`);
  }
});

test('classification precedence: status first, phrases revise, the command decides userunknown vs filtered', () => {
  assert.equal(classify(record({ status: '5.1.1', diagnostic: '550 5.1.1 <a@b>... User Unknown' })), 'userunknown');
  assert.equal(classify(record({ status: '5.1.1', diagnostic: '550 5.1.1 Mailbox full' })), 'mailboxfull');
  assert.equal(classify(record({ status: '5.0.0', command: 'RCPT', diagnostic: '550 no such user here' })), 'userunknown');
  assert.equal(classify(record({ status: '5.0.0', command: 'DATA', diagnostic: '550 user unknown' })), 'filtered');
  assert.equal(classify(record({ status: '5.7.1', command: 'MAIL', diagnostic: '553 sender rejected' })), 'rejected');
  assert.equal(classify(record({ status: '4.4.7', action: 'delayed', diagnostic: 'connection timed out' })), 'expired');
  assert.equal(classify(record({ status: '2.1.5', diagnostic: '250 ok' })), 'delivered');
  assert.equal(classify(record({ diagnostic: '' })), 'undefined');
  assert.equal(classify(record({ status: '5.9.9', diagnostic: 'something odd happened' })), 'onhold');
  assert.equal(classify(record({ reason: 'feedback' })), 'feedback');
});

test('provider tables: Microsoft 5.7.606-649, Gmail 5.7.26/5.7.25, Yahoo TSS04, NetEase codes, QQ frequency limits', () => {
  const cases: [string, Partial<DeliveryRecord>, string][] = [
    ['x.mail.protection.outlook.com', { status: '5.7.606' }, 'blocked'],
    ['x.mail.protection.outlook.com', { status: '5.7.649' }, 'blocked'],
    ['x.mail.protection.outlook.com', { status: '5.7.509' }, 'authfailure'],
    ['gmail-smtp-in.l.google.com', { status: '5.7.26' }, 'authfailure'],
    ['gmail-smtp-in.l.google.com', { status: '5.7.25' }, 'requireptr'],
    ['mta5.am0.yahoodns.net', { status: '4.7.0', diagnostic: '421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred' }, 'badreputation'],
    ['163mx01.mxmail.netease.com', { diagnostic: '451 DT:SPM 163 smtp3, please try again' }, 'spamdetected'],
    ['163mx01.mxmail.netease.com', { diagnostic: '550 MI:IMF 126 mx2, sender not rfc compliant' }, 'rejected'], // NetEase's page: the sender address is not RFC-compliant
    ['163mx01.mxmail.netease.com', { diagnostic: '550 RP:TRC 163 mta1, too many recipients today' }, 'toomanyconn'], // daily recipient cap: toomanyconn, as Sisimai files daily volume
    ['mx3.qq.com', { diagnostic: '550 Ip frequency limited' }, 'toomanyconn'],
    ['mx3.qq.com', { diagnostic: '550 Mailbox not found. http://service.mail.qq.com/detail/122/169' }, 'userunknown'],
  ];
  for (const [host, fields, expected] of cases) {
    const r = record({ remoteMta: host, ...fields });
    assert.equal(providerReason(r, r.diagnostic.toLowerCase(), [host]), expected, `${host} ${JSON.stringify(fields)}`);
    assert.equal(classify(r, [host]), expected);
  }
  assert.equal(findProvider(['mx.example.org']), undefined);
  assert.equal(findProvider(['notqq.com']), undefined, 'suffixes match on a label boundary');
});

test('hard bounces: the address is bad (userunknown, hostunknown, hasmoved, permanent notaccept)', () => {
  assert.equal(isHardBounce('userunknown', '5.1.1', '550'), true);
  assert.equal(isHardBounce('hostunknown', '5.0.912', ''), true);
  assert.equal(isHardBounce('hasmoved', '5.1.6', ''), true);
  assert.equal(isHardBounce('notaccept', '5.1.10', '556'), true);
  assert.equal(isHardBounce('notaccept', '4.3.2', '421'), false);
  assert.equal(isHardBounce('mailboxfull', '5.2.2', '552'), false);
  assert.equal(isHardBounce('blocked', '5.7.1', '554'), false);
});

test('multi-line SMTP replies are joined with the code written once; commands are found in the text', () => {
  assert.equal(joinReplyLines(['550-5.7.26 first part', '550-5.7.26 second part', '550 5.7.26 end']), '550 5.7.26 first part second part end');
  assert.equal(findCommand('(in reply to RCPT TO command)'), 'RCPT');
  assert.equal(findCommand('SMTP error from remote mail server after end of data:'), 'DATA');
  assert.equal(findCommand('did not like our MAIL FROM:'), 'MAIL');
  assert.equal(findCommand('no command here'), '');
});

test('a reply quoted inside the reporting MTA\'s words wins; flattened multi-line prefixes are squeezed', () => {
  assert.deepEqual(findNestedReply("5.1.0 - Unknown address error 550-'5.7.1 <a@b>... Access denied'"), { reply: '550', status: '5.7.1' });
  assert.deepEqual(findNestedReply('554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>'), { reply: '421', status: '4.4.2' });
  assert.equal(findNestedReply('550 5.1.1 <a@b>: user unknown'), null);
  assert.equal(squeezeReplyPrefixes('said: 550-5.2.1 The user is receiving mail at a rate that 550-5.2.1 prevents more'), 'said: 550 5.2.1 The user is receiving mail at a rate that prevents more');
});
