import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeDkimKey } from '../src/parse/dkim.js';
import { RSA_2048 } from './helpers/dkim-keys.js';

// decodeDkimKey keeps the last few keys (a report reads a domain's key twice): the answers are the
// same as decoding afresh, and no caller can change what the next one gets.
test('a key decoded again gives the same answer, as a fresh object', () => {
  const first = decodeDkimKey('rsa', RSA_2048);
  assert.deepEqual(first, { type: 'rsa', bits: 2048 });
  (first as { bits: number }).bits = 1;
  assert.deepEqual(decodeDkimKey('rsa', RSA_2048), { type: 'rsa', bits: 2048 });
  const bad = decodeDkimKey('rsa', 'AAAA');
  assert.ok('error' in bad);
  (bad.error.data as Record<string, unknown>).x = 1;
  assert.deepEqual(decodeDkimKey('rsa', 'AAAA'), { error: { code: 'dkim.rsa-invalid', data: {} } });
  // The key type is part of what is remembered.
  assert.deepEqual(decodeDkimKey('ed25519', RSA_2048), { error: { code: 'dkim.ed25519-length', data: { bytes: 294 } } });
  for (let i = 0; i < 20; i++) decodeDkimKey('rsa', `${'A'.repeat(4 * (i + 1))}`);
  assert.deepEqual(decodeDkimKey('rsa', RSA_2048), { type: 'rsa', bits: 2048 }, 'after eviction: decoded again');
});
