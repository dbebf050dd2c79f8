import { createPublicKey, type KeyObject } from 'node:crypto';
import { formatTagList, parseTagList, tagValue, type Tag, type TagError } from './taglist.js';

// DKIM key records (RFC 6376 §3.6.1; ed25519 keys RFC 8463). Pure: decodes the public key with
// node:crypto to report its type and size, which is what receivers judge a key by.

export interface DkimKey {
  type: 'rsa' | 'ed25519';
  bits: number;
}

export interface DkimParse {
  tags: Tag[];
  /** `k=`, default rsa. */
  keyType: string;
  /** `t=` flags, lower case: `y` testing, `s` strict (no subdomains). */
  flags: string[];
  /** `p=` present and empty: the key was revoked (§3.6.1). */
  revoked: boolean;
  /** Decoded key, when `p=` holds a valid key of a known type. */
  key?: DkimKey;
  /** Problems that make the record or key unusable to a verifier (words: the catalogue's `syntax`). */
  errors: TagError[];
}

/** TXT at a selector that is meant as a DKIM key (a stray SPF or verification record is not). */
export function looksLikeDkim(txt: string): boolean {
  return /^\s*v\s*=\s*DKIM1\s*(;|$)/i.test(txt) || /(^|;)\s*p\s*=/.test(txt);
}

// DER prefix of an Ed25519 SubjectPublicKeyInfo: the record holds only the 32 raw key bytes (RFC 8463 §4.2).
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function decodeBase64(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
  return Buffer.from(compact, 'base64');
}

/**
 * The public key of `p=` for key type `k=` as a node:crypto KeyObject, for verifying signatures
 * (src/mail/dkim); undefined when `p=` is not a usable key of that type. RSA keys must be in the
 * SubjectPublicKeyInfo form, ed25519 keys the 32 raw bytes (RFC 8463 §4.2).
 */
export function dkimPublicKey(keyType: string, p: string): KeyObject | undefined {
  const der = decodeBase64(p);
  if (!der) return undefined;
  try {
    if (keyType === 'ed25519') {
      return der.length === 32 ? createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, der]), format: 'der', type: 'spki' }) : undefined;
    }
    if (keyType !== 'rsa') return undefined;
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'rsa' ? key : undefined;
  } catch {
    return undefined;
  }
}

// The last few keys decoded: one report reads a domain's keys more than once (the DKIM check, then the
// bulk-sender rules), and decoding an RSA key (createPublicKey) is the dearest step of a domain.
const RECENT_KEYS = 8;
const recentKeys = new Map<string, DkimKey | { error: TagError }>();

/** Decodes `p=` for key type `k=`; returns the key or why it is unusable. */
export function decodeDkimKey(keyType: string, p: string): DkimKey | { error: TagError } {
  const cacheKey = `${keyType}\u0000${p}`;
  const known = recentKeys.get(cacheKey);
  if (known) return 'error' in known ? { error: { ...known.error, data: { ...known.error.data } } } : { ...known };
  const decoded = decodeDkimKeyOnce(keyType, p);
  if (recentKeys.size >= RECENT_KEYS) recentKeys.delete(recentKeys.keys().next().value as string);
  recentKeys.set(cacheKey, decoded);
  return 'error' in decoded ? { error: { ...decoded.error, data: { ...decoded.error.data } } } : { ...decoded };
}

// rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters: the AlgorithmIdentifier of an RSA SubjectPublicKeyInfo.
const RSA_ALGORITHM = Buffer.from('300d06092a864886f70d0101010500', 'hex');

/**
 * The modulus size of an RSA SubjectPublicKeyInfo in canonical DER, read without OpenSSL: decoding a key
 * with createPublicKey costs ~0.3–0.5 ms (OpenSSL 3's decoders), the dearest step of a domain in a bulk
 * run, and a key is only judged by its size here. Only the exact shape OpenSSL accepts is read — definite
 * minimal lengths, a positive minimal modulus and exponent, nothing left over; anything else is
 * undefined and goes to createPublicKey (test/parse-dkim-der.test.ts checks both agree).
 */
export function rsaSpkiModulusBits(der: Uint8Array): number | undefined {
  let at = 0;
  const header = (tag: number): number | undefined => {
    if (der[at] !== tag) return undefined;
    const first = der[at + 1];
    if (first === undefined) return undefined;
    at += 2;
    if (first < 0x80) return first;
    const count = first & 0x7f;
    if (count === 0 || count > 3 || at + count > der.length || der[at] === 0) return undefined;
    let length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[at++] as number);
    return length < 0x80 ? undefined : length;
  };
  const integer = (): { start: number; length: number } | undefined => {
    const length = header(0x02);
    if (length === undefined || length === 0 || at + length > der.length) return undefined;
    const start = at;
    // Positive (high bit clear) and minimal (a leading zero only before a high bit).
    if ((der[start] as number) & 0x80) return undefined;
    if (der[start] === 0 && (length === 1 || !((der[start + 1] as number) & 0x80))) return undefined;
    at += length;
    return { start, length };
  };
  if (header(0x30) !== der.length - at) return undefined;
  for (let i = 0; i < RSA_ALGORITHM.length; i++) if (der[at + i] !== RSA_ALGORITHM[i]) return undefined;
  at += RSA_ALGORITHM.length;
  if (header(0x03) !== der.length - at || der[at++] !== 0) return undefined;
  if (header(0x30) !== der.length - at) return undefined;
  const modulus = integer();
  const exponent = integer();
  if (!modulus || !exponent || at !== der.length) return undefined;
  let start = modulus.start;
  let length = modulus.length;
  if (der[start] === 0) {
    start++;
    length--;
  }
  return (length - 1) * 8 + (32 - Math.clz32(der[start] as number));
}

function decodeDkimKeyOnce(keyType: string, p: string): DkimKey | { error: TagError } {
  const fail = (code: string, data: Record<string, string | number> = {}) => ({ error: { code, data } });
  const der = decodeBase64(p);
  if (!der) return fail('dkim.base64');
  if (keyType === 'ed25519') {
    if (der.length !== 32) return fail('dkim.ed25519-length', { bytes: der.length });
    try {
      createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, der]), format: 'der', type: 'spki' });
      return { type: 'ed25519', bits: 256 };
    } catch {
      return fail('dkim.ed25519-invalid');
    }
  }
  if (keyType !== 'rsa') return fail('dkim.key-type', { keyType: keyType.slice(0, 32) });
  const fast = rsaSpkiModulusBits(der);
  if (fast !== undefined) return { type: 'rsa', bits: fast };
  try {
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    const bits = key.asymmetricKeyDetails?.modulusLength;
    if (key.asymmetricKeyType !== 'rsa' || bits === undefined) return fail('dkim.not-rsa', { keyType: key.asymmetricKeyType ?? 'non-RSA' });
    return { type: 'rsa', bits };
  } catch {
    try {
      createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
      return fail('dkim.pkcs1');
    } catch {
      return fail('dkim.rsa-invalid');
    }
  }
}

export function parseDkim(text: string): DkimParse {
  const list = parseTagList(text);
  const errors = [...list.errors];
  const tags = list.tags;
  const version = tagValue(tags, 'v');
  if (version !== undefined) {
    if (version !== 'DKIM1') errors.push({ code: 'dkim.version', data: { version: version.slice(0, 32) } });
    else if (tags[0]?.name.toLowerCase() !== 'v') errors.push({ code: 'dkim.version-not-first', data: {} });
  }
  const keyType = (tagValue(tags, 'k') ?? 'rsa').toLowerCase();
  const flags = (tagValue(tags, 't') ?? '').split(':').map((f) => f.trim().toLowerCase()).filter((f) => f !== '');
  const service = tagValue(tags, 's');
  if (service !== undefined && !service.split(':').some((s) => s.trim() === '*' || s.trim().toLowerCase() === 'email')) {
    errors.push({ code: 'dkim.service', data: { service: service.slice(0, 64) } });
  }
  const hashes = tagValue(tags, 'h');
  if (hashes !== undefined && !hashes.split(':').some((h) => h.trim().toLowerCase() === 'sha256')) {
    errors.push({ code: 'dkim.hashes', data: { hashes: hashes.slice(0, 64) } });
  }
  const p = tagValue(tags, 'p');
  let revoked = false;
  let key: DkimKey | undefined;
  if (p === undefined) errors.push({ code: 'dkim.p-missing', data: {} });
  else if (p.trim() === '') revoked = true;
  else {
    const decoded = decodeDkimKey(keyType, p);
    if ('error' in decoded) errors.push(decoded.error);
    else key = decoded;
  }
  const result: DkimParse = { tags, keyType, flags, revoked, errors };
  if (key) result.key = key;
  return result;
}

export function formatDkim(tags: readonly Tag[]): string {
  return formatTagList(tags);
}
