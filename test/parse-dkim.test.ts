import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeDkimKey, formatDkim, looksLikeDkim, parseDkim } from '../src/parse/dkim.js';
import { ED25519_RAW, RSA_1024, RSA_1024_PKCS1, RSA_2048, RSA_512 } from './helpers/dkim-keys.js';

test('RSA key sizes are decoded from the SubjectPublicKeyInfo', () => {
  assert.deepEqual(parseDkim(`v=DKIM1; k=rsa; p=${RSA_2048}`).key, { type: 'rsa', bits: 2048 });
  assert.deepEqual(parseDkim(`v=DKIM1; p=${RSA_1024}`).key, { type: 'rsa', bits: 1024 });
  assert.deepEqual(parseDkim(`p=${RSA_512}`).key, { type: 'rsa', bits: 512 });
  // Keys split over TXT strings may carry spaces inside p= after joining in some zone tools.
  const spaced = `${RSA_2048.slice(0, 100)} ${RSA_2048.slice(100)}`;
  assert.deepEqual(parseDkim(`v=DKIM1; p=${spaced}`).key, { type: 'rsa', bits: 2048 });
});

test('ed25519 keys are the 32 raw bytes (RFC 8463)', () => {
  assert.deepEqual(parseDkim(`v=DKIM1; k=ed25519; p=${ED25519_RAW}`).key, { type: 'ed25519', bits: 256 });
  assert.match(String((decodeDkimKey('ed25519', RSA_1024) as { error: string }).error), /32 raw key bytes/);
});

test('malformed keys and records are named', () => {
  assert.match(parseDkim(`v=DKIM1; p=${RSA_1024_PKCS1}`).errors.join(), /PKCS#1/);
  assert.match(parseDkim('v=DKIM1; p=not*base64').errors.join(), /not valid base64/);
  assert.match(parseDkim('v=DKIM1; p=AAAA').errors.join(), /not a valid RSA public key/);
  assert.match(parseDkim('v=DKIM1; k=dsa; p=AAAA').errors.join(), /unknown key type/);
  assert.match(parseDkim('v=DKIM1; k=rsa').errors.join(), /"p" tag/);
  assert.match(parseDkim(`k=rsa; v=DKIM1; p=${RSA_2048}`).errors.join(), /first tag/);
  assert.match(parseDkim(`v=DKIM2; p=${RSA_2048}`).errors.join(), /must be DKIM1/);
  assert.match(parseDkim(`v=DKIM1; h=sha1; p=${RSA_2048}`).errors.join(), /sha256/);
  assert.match(parseDkim(`v=DKIM1; s=other; p=${RSA_2048}`).errors.join(), /not for email/);
});

test('revoked keys, testing flag, recognition, round trip', () => {
  const revoked = parseDkim('v=DKIM1; k=rsa; p=');
  assert.equal(revoked.revoked, true);
  assert.deepEqual(revoked.errors, []);
  assert.deepEqual(parseDkim(`v=DKIM1; t=y:s; p=${RSA_2048}`).flags, ['y', 's']);
  assert.equal(looksLikeDkim('v=spf1 -all'), false);
  assert.equal(looksLikeDkim(`k=rsa; p=${RSA_2048}`), true);
  const text = `v=DKIM1; k=rsa; t=s; p=${RSA_2048}`;
  assert.deepEqual(parseDkim(formatDkim(parseDkim(text).tags)), parseDkim(text));
});
