import { test } from 'node:test';
import assert from 'node:assert/strict';
import { syntax } from './helpers/words.js';
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
  assert.deepEqual((decodeDkimKey('ed25519', RSA_1024) as { error: unknown }).error, { code: 'dkim.ed25519-length', data: { bytes: 162 } });
});

test('malformed keys and records are named', () => {
  const codes = (text: string) => parseDkim(text).errors.map((e) => e.code);
  assert.deepEqual(codes(`v=DKIM1; p=${RSA_1024_PKCS1}`), ['dkim.pkcs1']);
  assert.deepEqual(codes('v=DKIM1; p=not*base64'), ['dkim.base64']);
  assert.deepEqual(codes('v=DKIM1; p=AAAA'), ['dkim.rsa-invalid']);
  assert.deepEqual(parseDkim('v=DKIM1; k=dsa; p=AAAA').errors, [{ code: 'dkim.key-type', data: { keyType: 'dsa' } }]);
  assert.deepEqual(codes('v=DKIM1; k=rsa'), ['dkim.p-missing']);
  assert.deepEqual(codes(`k=rsa; v=DKIM1; p=${RSA_2048}`), ['dkim.version-not-first']);
  assert.deepEqual(codes(`v=DKIM2; p=${RSA_2048}`), ['dkim.version']);
  assert.deepEqual(codes(`v=DKIM1; h=sha1; p=${RSA_2048}`), ['dkim.hashes']);
  assert.deepEqual(codes(`v=DKIM1; s=other; p=${RSA_2048}`), ['dkim.service']);
  // The words, as a person reads them.
  assert.match(syntax(parseDkim(`v=DKIM1; p=${RSA_1024_PKCS1}`).errors[0]), /PKCS#1/);
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
