import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemorySource } from '../src/dns/memory.js';
import { verifyDkim } from '../src/mail/dkim/verify.js';
import { txt } from './helpers/records.js';

// Published DKIM test vectors, reproduced byte for byte and verified with the published keys.

// RFC 8463 Appendix A: one message signed with ed25519-sha256 (A.2 key) and rsa-sha256 (A.1 key),
// relaxed/relaxed, over-signed From, Subject and Date.
const RFC8463_ED25519_KEY = 'v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=';
const RFC8463_RSA_KEY =
  'v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB';
const RFC8463_MESSAGE = [
  'DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;',
  ' d=football.example.com; i=@football.example.com;',
  ' q=dns/txt; s=brisbane; t=1528637909; h=from : to :',
  ' subject : date : message-id : from : subject : date;',
  ' bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;',
  ' b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus',
  ' Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==',
  'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;',
  ' d=football.example.com; i=@football.example.com;',
  ' q=dns/txt; s=test; t=1528637909; h=from : to : subject :',
  ' date : message-id : from : subject : date;',
  ' bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;',
  ' b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3',
  ' DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz',
  ' dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=',
  'From: Joe SixPack <joe@football.example.com>',
  'To: Suzie Q <suzie@shopping.example.net>',
  'Subject: Is dinner ready?',
  'Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)',
  'Message-ID: <20030712040037.46341.5F8J@football.example.com>',
  '',
  'Hi.',
  '',
  'We lost the game.  Are you hungry yet?',
  '',
  'Joe.',
  '',
].join('\r\n');

// RFC 6376 Appendix A.2 (simple/simple, i= a subdomain of d=), key from Appendix C.
const RFC6376_KEY =
  'v=DKIM1; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/zYtIxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v/RtdC2UzJ1lWT947qR+Rcac2gbto/NMqJ0fzfVjH4OuKhitdY9tf6mcwGjaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB';
const RFC6376_MESSAGE = [
  'DKIM-Signature: v=1; a=rsa-sha256; s=brisbane; d=example.com;',
  '      c=simple/simple; q=dns/txt; i=joe@football.example.com;',
  '      h=Received : From : To : Subject : Date : Message-ID;',
  '      bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;',
  '      b=AuUoFEfDxTDkHlLXSZEpZj79LICEps6eda7W3deTVFOk4yAUoqOB',
  '        4nujc7YopdG5dWLSdNg6xNAZpOPr+kHxt1IrE+NahM6L/LbvaHut',
  '        KVdkLLkpVaVVQPzeRDI009SO2Il5Lu7rDNH6mZckBdrIx0orEtZV',
  '        4bmp/YzhwvcubU4=;',
  'Received: from client1.football.example.com  [192.0.2.1]',
  '      by submitserver.example.com with SUBMISSION;',
  '      Fri, 11 Jul 2003 21:01:54 -0700 (PDT)',
  'From: Joe SixPack <joe@football.example.com>',
  'To: Suzie Q <suzie@shopping.example.net>',
  'Subject: Is dinner ready?',
  'Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)',
  'Message-ID: <20030712040037.46341.5F8J@football.example.com>',
  '',
  'Hi.',
  '',
  'We lost the game. Are you hungry yet?',
  '',
  'Joe.',
  '',
].join('\r\n');

const signedAt = new Date(1528637909 * 1000 + 60_000);

test('RFC 8463 Appendix A: the ed25519-sha256 and rsa-sha256 signatures pass', async () => {
  const resolver = createMemorySource([txt('brisbane._domainkey.football.example.com', RFC8463_ED25519_KEY), txt('test._domainkey.football.example.com', RFC8463_RSA_KEY)]);
  const { signatures, omitted } = await verifyDkim(Buffer.from(RFC8463_MESSAGE, 'latin1'), resolver, { now: signedAt });
  assert.equal(omitted, 0);
  assert.deepEqual(
    signatures.map((s) => [s.algorithm, s.result, s.code, s.keyType, s.keyBits, s.canonicalization]),
    [
      ['ed25519-sha256', 'pass', 'dkim.pass', 'ed25519', 256, 'relaxed/relaxed'],
      ['rsa-sha256', 'pass', 'dkim.pass', 'rsa', 1024, 'relaxed/relaxed'],
    ],
  );
  assert.deepEqual(signatures[0]?.headersSigned, ['from', 'to', 'subject', 'date', 'message-id', 'from', 'subject', 'date']);
  assert.equal(signatures[0]?.signedAt, 1528637909);
});

test('RFC 6376 Appendix A.2: the simple/simple example passes with the Appendix C key', async () => {
  const resolver = createMemorySource([txt('brisbane._domainkey.example.com', RFC6376_KEY)]);
  const { signatures } = await verifyDkim(Buffer.from(RFC6376_MESSAGE, 'latin1'), resolver, { now: signedAt });
  assert.equal(signatures.length, 1);
  assert.equal(signatures[0]?.code, 'dkim.pass');
  assert.equal(signatures[0]?.identity, 'joe@football.example.com');
  assert.equal(signatures[0]?.canonicalization, 'simple/simple');
});
