import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import test from 'node:test';
import { decodeDkimKey, rsaSpkiModulusBits } from '../src/parse/dkim.js';

const viaOpenSsl = (der: Buffer): number | undefined => {
  try {
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'rsa' ? key.asymmetricKeyDetails?.modulusLength : undefined;
  } catch {
    return undefined;
  }
};

test('an RSA key size read from the DER agrees with OpenSSL, for real keys of every size a DKIM record holds', () => {
  for (const bits of [512, 768, 1023, 1024, 1025, 1536, 2048, 3072, 4096]) {
    for (const publicExponent of [3, 65537]) {
      const der = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent }).publicKey.export({ type: 'spki', format: 'der' });
      assert.equal(rsaSpkiModulusBits(der), bits, `${bits} bits, e=${publicExponent}`);
      assert.equal(viaOpenSsl(der), bits);
      assert.deepEqual(decodeDkimKey('rsa', der.toString('base64')), { type: 'rsa', bits });
    }
  }
});

test('a key the DER reader does not take is left to OpenSSL; it never accepts what OpenSSL rejects', () => {
  const der = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' });
  const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' });
  const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'pkcs1', format: 'der' });
  const cases: Buffer[] = [ed, pkcs1, der.subarray(0, der.length - 1), Buffer.concat([der, Buffer.from([0])]), Buffer.alloc(0), Buffer.from([0x30])];
  // Every single-byte change of a real key: the reader either agrees with OpenSSL or steps aside.
  for (let i = 0; i < der.length; i++) {
    for (const flip of [0x01, 0x80, 0xff]) {
      const changed = Buffer.from(der);
      changed[i] = (changed[i] as number) ^ flip;
      cases.push(changed);
    }
  }
  let read = 0;
  for (const each of cases) {
    const fast = rsaSpkiModulusBits(each);
    if (fast === undefined) continue;
    read++;
    assert.equal(fast, viaOpenSsl(each), `bytes ${each.toString('hex')}`);
  }
  assert.ok(read > 100, `the reader read ${read} of ${cases.length} changed keys (modulus bytes change the value, not the shape)`);
  assert.equal(rsaSpkiModulusBits(ed), undefined);
  assert.equal(rsaSpkiModulusBits(pkcs1), undefined);
  assert.deepEqual(decodeDkimKey('rsa', pkcs1.toString('base64')), { error: { code: 'dkim.pkcs1', data: {} } });
});
