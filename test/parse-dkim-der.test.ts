import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import test from 'node:test';
import { decodeDkimKey, rsaSpkiModulusBits } from '../src/parse/dkim.js';
import { rsaKey } from './helpers/dkim-sign.js';

const viaOpenSsl = (der: Buffer): number | undefined => {
  try {
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'rsa' ? key.asymmetricKeyDetails?.modulusLength : undefined;
  } catch {
    return undefined;
  }
};

/** DER length octets (short form, or long form in as few bytes as it takes). */
const derLength = (n: number): Buffer => (n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]));
const tlv = (tag: number, body: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);

/** An RSA SubjectPublicKeyInfo around a made-up modulus of exactly `bits` bits (OpenSSL does not test primality). */
function spkiOfBits(bits: number): Buffer {
  const bytes = Math.ceil(bits / 8);
  const modulus = Buffer.alloc(bytes, 0xa5);
  modulus[0] = (1 << ((bits - 1) % 8)) | 1;
  modulus[bytes - 1] = 0xa5 | 1;
  const n = modulus[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), modulus]) : modulus;
  const rsaKey = tlv(0x30, Buffer.concat([tlv(0x02, n), tlv(0x02, Buffer.from([0x01, 0x00, 0x01]))]));
  const algorithm = Buffer.from('300d06092a864886f70d0101010500', 'hex');
  return tlv(0x30, Buffer.concat([algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), rsaKey]))]));
}

test('an RSA key size read from the DER agrees with OpenSSL: real keys, and every size a DKIM record holds', () => {
  // Real keys (generated: 2048 bits is the largest a test can afford to make).
  for (const [bits, publicExponent] of [[512, 65537], [1024, 3], [1024, 65537], [2048, 65537]] as const) {
    // e=65537 keys: the ones the DKIM tests share (test/helpers/dkim-sign).
    const der = publicExponent === 65537 ? Buffer.from(rsaKey(bits).p, 'base64') : generateKeyPairSync('rsa', { modulusLength: bits, publicExponent }).publicKey.export({ type: 'spki', format: 'der' });
    assert.equal(rsaSpkiModulusBits(der), bits, `${bits} bits, e=${publicExponent}`);
    assert.equal(viaOpenSsl(der), bits);
    assert.deepEqual(decodeDkimKey('rsa', der.toString('base64')), { type: 'rsa', bits });
  }
  // Every length form and bit position: moduli of 505–520, 1017–1032, 2041–2056 and 4089–4104 bits, and 8192.
  for (const bits of [...[512, 1024, 2048, 4096].flatMap((b) => Array.from({ length: 16 }, (_, i) => b - 7 + i)), 8192]) {
    const der = spkiOfBits(bits);
    assert.equal(viaOpenSsl(der), bits, `OpenSSL reads the made-up ${bits}-bit key`);
    assert.equal(rsaSpkiModulusBits(der), bits, `${bits} bits`);
  }
});

test('a key the DER reader does not take is left to OpenSSL; it never accepts what OpenSSL rejects', () => {
  const der = Buffer.from(rsaKey(1024).p, 'base64');
  const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' });
  const pkcs1 = createPublicKey({ key: der, format: 'der', type: 'spki' }).export({ type: 'pkcs1', format: 'der' });
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
