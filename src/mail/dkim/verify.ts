// DKIM verification of one received message (RFC 6376 §6; RFC 8301; RFC 8463), on raw bytes, with
// keys fetched through the project's resolver. One result per DKIM-Signature field, each a
// result word as in Authentication-Results (RFC 8601 §2.7.1) plus a stable code and data.
//
// Results, and why:
//   pass       the body hash and the signature verify, and nothing below applies.
//   fail       the message is not what was signed: body hash or signature mismatch.
//   neutral    the signature cannot be processed: syntax, v=, a=, c=, q= we do not know
//              (RFC 8601: "contained syntax errors or were not otherwise able to be processed"),
//              or the header block is over our scan limits.
//   permerror  the signature can never pass, for a reason that is not a change to the message:
//              i= outside d=, From not in h=, key missing/revoked/malformed/for another use,
//              l= past the body, x= expired, t= in the future, rsa-sha1 and RSA keys under
//              1024 bits (RFC 8301 §3.1/§3.2: such signatures "have permanently failed
//              evaluation"; we still run the cryptography and report it as `verified`, so a
//              report can say "correct, but rsa-sha1 is no longer accepted").
//   temperror  the key could not be fetched (timeout, SERVFAIL, refused): could not check.
//   policy     never produced here; left for a caller's local policy (RFC 8601).
// The order of judgement: syntax (no lookup) → key → body hash → signature → time and strength.

import { createHash, verify as cryptoVerify } from 'node:crypto';
import type { Resolver } from '../../dns/types.js';
import type { Canonicalization } from './canonicalize.js';
import { canonicalizeBody, canonicalizeHeader } from './canonicalize.js';
import type { DkimPublicKey, KeyLookup, KeyProblemCode } from './key.js';
import { keyName, keysFrom, lookupKey } from './key.js';
import type { HeaderField } from './message.js';
import { splitMessage } from './message.js';
import type { DkimSignature, SignatureProblem } from './signature.js';
import { parseSignature, withoutSignatureValue } from './signature.js';

export type DkimResult = 'pass' | 'fail' | 'neutral' | 'temperror' | 'permerror' | 'policy';

export type DkimCode =
  | 'dkim.pass'
  | 'dkim.body-hash-mismatch'
  | 'dkim.signature-mismatch'
  | 'dkim.body-length-exceeded'
  | 'dkim.expired'
  | 'dkim.future-timestamp'
  | 'dkim.sha1'
  | 'dkim.key-too-small'
  | 'dkim.header-limit'
  | SignatureProblem['code']
  | KeyProblemCode;

/** Things worth saying about a signature that do not change its result. */
export type DkimNote = 'dkim.body-length-partial' | 'dkim.key-testing';

export interface DkimSignatureResult {
  /** Position among the message's DKIM-Signature fields, 0 = topmost (most recently added). */
  index: number;
  /** `d=`, lower case ('' when unreadable). */
  domain: string;
  /** `s=`, lower case. */
  selector: string;
  /** `a=`, lower case, as written. */
  algorithm: string;
  /** `c=` as `header/body` (e.g. `relaxed/simple`), or as written when not understood. */
  canonicalization: string;
  result: DkimResult;
  code: DkimCode;
  data: Record<string, string | number | boolean>;
  /** Size of the key that was used (or rejected for its size); absent when no key was read. */
  keyBits?: number;
  keyType?: 'rsa' | 'ed25519';
  /** `h=` names, lower case, in order. */
  headersSigned: string[];
  /** `i=` (default `@d`). */
  identity: string;
  /** `l=`: how many canonical body bytes are signed. */
  bodyLength?: number;
  /** Canonical body bytes after the `l=` count, which anyone could have appended. */
  unsignedBodyBytes: number;
  /** `t=`, seconds since the epoch. */
  signedAt?: number;
  /** `x=`, seconds since the epoch. */
  expiresAt?: number;
  /** `x=` lies before `now` (less the clock-skew allowance). */
  expired: boolean;
  /** The key says `t=y`: the domain is testing DKIM (a result is still a result, §3.6.1). */
  testing: boolean;
  /** Body hash and signature both verified with the published key, whatever the result says. */
  verified: boolean;
  notes: DkimNote[];
}

export interface DkimVerification {
  signatures: DkimSignatureResult[];
  /** DKIM-Signature fields past `maxSignatures`, not verified. */
  omitted: number;
  /** Set when the header block went past the scan limits (see message.ts). */
  headerLimit?: 'bytes' | 'fields';
}

export interface DkimVerifyOptions {
  /** The verification time (default: the clock). For a saved copy, its arrival time is fairest. */
  now?: Date;
  /** Most signatures verified (default 10); the rest are counted in `omitted`. */
  maxSignatures?: number;
  /** Time allowed for all key lookups together (default 10 000 ms); later ones are temperror. */
  deadlineMs?: number;
  /** Allowance for clocks that differ, applied to `t=` and `x=` (default 300 s). */
  clockSkewSeconds?: number;
}

export const DEFAULT_MAX_SIGNATURES = 10;
export const DEFAULT_DEADLINE_MS = 10_000;
export const DEFAULT_CLOCK_SKEW_SECONDS = 300;
/** RFC 8301 §3.2: RSA keys under 1024 bits are not accepted. */
export const MIN_RSA_BITS = 1024;

const RESULT_OF: Record<DkimCode, DkimResult> = {
  'dkim.pass': 'pass',
  'dkim.body-hash-mismatch': 'fail',
  'dkim.signature-mismatch': 'fail',
  'dkim.syntax': 'neutral',
  'dkim.version-unsupported': 'neutral',
  'dkim.algorithm-unsupported': 'neutral',
  'dkim.canonicalization-unsupported': 'neutral',
  'dkim.query-unsupported': 'neutral',
  'dkim.header-limit': 'neutral',
  'dkim.identity-mismatch': 'permerror',
  'dkim.from-not-signed': 'permerror',
  'dkim.key-not-found': 'permerror',
  'dkim.key-syntax': 'permerror',
  'dkim.key-revoked': 'permerror',
  'dkim.key-type-mismatch': 'permerror',
  'dkim.key-hash-not-allowed': 'permerror',
  'dkim.key-service': 'permerror',
  'dkim.key-strict-subdomain': 'permerror',
  'dkim.body-length-exceeded': 'permerror',
  'dkim.expired': 'permerror',
  'dkim.future-timestamp': 'permerror',
  'dkim.sha1': 'permerror',
  'dkim.key-too-small': 'permerror',
  'dkim.key-lookup-failed': 'temperror',
};

/** The result word a code maps to (one table, so reports and tests agree). */
export function resultOf(code: DkimCode): DkimResult {
  return RESULT_OF[code];
}

/** The header fields `h=` selects, picked bottom-up; a name with no instance left adds nothing (§5.4.2). */
export function pickSignedFields(fields: readonly HeaderField[], names: readonly string[], exclude?: HeaderField): HeaderField[] {
  const wanted = new Set(names);
  // Per name, its instances bottom-up; each use of the name in h= takes the next one up.
  const instances = new Map<string, HeaderField[]>();
  for (let i = fields.length - 1; i >= 0; i--) {
    const field = fields[i] as HeaderField;
    if (field === exclude || !wanted.has(field.key)) continue;
    const list = instances.get(field.key);
    if (list) list.push(field);
    else instances.set(field.key, [field]);
  }
  const next = new Map<string, number>();
  const picked: HeaderField[] = [];
  for (const name of names) {
    const n = next.get(name) ?? 0;
    const field = instances.get(name)?.[n];
    next.set(name, n + 1);
    if (field) picked.push(field);
  }
  return picked;
}

/** The bytes the signature covers: the picked fields, then the signature field without `b=`'s value. */
export function signedHeaderData(fields: readonly HeaderField[], sigField: HeaderField, sig: DkimSignature, mode: Canonicalization): Buffer {
  const parts = pickSignedFields(fields, sig.headers, sigField).map((f) => canonicalizeHeader(f.raw, mode));
  parts.push(canonicalizeHeader(withoutSignatureValue(sigField.raw, sig.tags), mode, false));
  return Buffer.concat(parts);
}

function verifySignature(sig: DkimSignature, data: Buffer, key: DkimPublicKey): boolean {
  try {
    if (key.type === 'ed25519') {
      // RFC 8463 §3: Ed25519 (pure) over the SHA-256 hash of the header data.
      return cryptoVerify(null, createHash('sha256').update(data).digest(), key.key, sig.signature);
    }
    return cryptoVerify(sig.hash === 'sha1' ? 'sha1' : 'sha256', data, key.key, sig.signature);
  } catch {
    return false;
  }
}

interface Base {
  index: number;
  sig: DkimSignature;
}

function baseResult({ index, sig }: Base, code: DkimCode, data: DkimSignatureResult['data'] = {}): DkimSignatureResult {
  const result: DkimSignatureResult = {
    index,
    domain: sig.domain,
    selector: sig.selector,
    algorithm: sig.algorithm,
    canonicalization: sig.canonicalization ? `${sig.canonicalization.header}/${sig.canonicalization.body}` : sig.canonicalizationText,
    result: resultOf(code),
    code,
    data,
    headersSigned: sig.headers,
    identity: sig.identity,
    unsignedBodyBytes: 0,
    expired: false,
    testing: false,
    verified: false,
    notes: [],
  };
  if (sig.bodyLength !== undefined) result.bodyLength = sig.bodyLength;
  if (sig.timestamp !== undefined) result.signedAt = sig.timestamp;
  if (sig.expiration !== undefined) result.expiresAt = sig.expiration;
  return result;
}

/** Verifies every DKIM-Signature of a raw message (LF or CRLF line ends, any bytes). */
export async function verifyDkim(raw: Buffer, resolver: Resolver, options: DkimVerifyOptions = {}): Promise<DkimVerification> {
  const message = splitMessage(raw);
  const maxSignatures = Math.max(0, options.maxSignatures ?? DEFAULT_MAX_SIGNATURES);
  const sigFields = message.fields.filter((f) => f.key === 'dkim-signature');
  const taken = sigFields.slice(0, maxSignatures);
  const verification: DkimVerification = { signatures: [], omitted: sigFields.length - taken.length };
  const parsed = taken.map((field, index) => ({ field, index, sig: parseSignature(field.raw) }));

  if (message.headerLimit) {
    verification.headerLimit = message.headerLimit;
    verification.signatures = parsed.map((p) => baseResult(p, 'dkim.header-limit', { limit: message.headerLimit ?? 'bytes' }));
    return verification;
  }

  // Key lookups: one per distinct name, all at once, under one deadline.
  const lookups = new Map<string, Promise<KeyLookup>>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<KeyLookup>((resolve) => {
    timer = setTimeout(() => resolve({ outcome: 'failed', dnsOutcome: 'timeout' }), options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  });
  for (const { sig } of parsed) {
    if (sig.problem) continue;
    const name = keyName(sig);
    if (!lookups.has(name)) lookups.set(name, Promise.race([lookupKey(resolver, name), deadline]));
  }

  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const skew = options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const bodies = new Map<Canonicalization, Buffer>();
  // Several signatures over the same canonical body share its hash (a 30 MB body is hashed once).
  const bodyHashes = new Map<string, Buffer>();
  const canonicalBody = (mode: Canonicalization) => {
    let body = bodies.get(mode);
    if (!body) {
      body = canonicalizeBody(message.body, mode);
      bodies.set(mode, body);
    }
    return body;
  };

  try {
    for (const entry of parsed) {
      const { sig, field } = entry;
      if (sig.problem) {
        verification.signatures.push(baseResult(entry, sig.problem.code, sig.problem.data));
        continue;
      }
      const canonicalization = sig.canonicalization as { header: Canonicalization; body: Canonicalization };
      const expired = sig.expiration !== undefined && sig.expiration + skew < nowSeconds;
      const keys = keysFrom(await (lookups.get(keyName(sig)) as Promise<KeyLookup>), sig);
      if (!Array.isArray(keys)) {
        const result = baseResult(entry, keys.code, { ...keys.data, name: keyName(sig) });
        result.expired = expired;
        verification.signatures.push(result);
        continue;
      }

      // Body hash over the canonical body, cut at l=.
      const body = canonicalBody(canonicalization.body);
      const signedLength = sig.bodyLength === undefined ? body.length : Math.min(sig.bodyLength, body.length);
      const hashKey = `${canonicalization.body}:${sig.hash ?? 'sha256'}:${signedLength}`;
      let computed = bodyHashes.get(hashKey);
      if (!computed) {
        computed = createHash(sig.hash ?? 'sha256')
          .update(body.subarray(0, signedLength))
          .digest();
        bodyHashes.set(hashKey, computed);
      }
      const bodyHashOk = computed.equals(Buffer.from(sig.bodyHash, 'base64'));
      const data = signedHeaderData(message.fields, field, sig, canonicalization.header);
      let used = keys[0] as DkimPublicKey;
      let signatureOk = false;
      for (const key of keys) {
        if (verifySignature(sig, data, key)) {
          used = key;
          signatureOk = true;
          break;
        }
      }

      const judge = (): [DkimCode, DkimSignatureResult['data']] => {
        if (sig.bodyLength !== undefined && sig.bodyLength > body.length) return ['dkim.body-length-exceeded', { bodyLength: sig.bodyLength, canonicalLength: body.length }];
        if (!bodyHashOk) return ['dkim.body-hash-mismatch', { computed: (computed as Buffer).toString('base64') }];
        if (!signatureOk) return ['dkim.signature-mismatch', {}];
        if (expired) return ['dkim.expired', { expiresAt: sig.expiration ?? 0, now: nowSeconds }];
        if (sig.timestamp !== undefined && sig.timestamp - skew > nowSeconds) return ['dkim.future-timestamp', { signedAt: sig.timestamp, now: nowSeconds }];
        if (sig.hash === 'sha1') return ['dkim.sha1', {}];
        if (used.type === 'rsa' && used.bits < MIN_RSA_BITS) return ['dkim.key-too-small', { bits: used.bits, minimum: MIN_RSA_BITS }];
        return ['dkim.pass', {}];
      };
      const [code, codeData] = judge();
      const result = baseResult(entry, code, codeData);
      result.keyBits = used.bits;
      result.keyType = used.type;
      result.expired = expired;
      result.testing = used.testing;
      result.verified = bodyHashOk && signatureOk && !(sig.bodyLength !== undefined && sig.bodyLength > body.length);
      result.unsignedBodyBytes = body.length - signedLength;
      if (result.unsignedBodyBytes > 0) result.notes.push('dkim.body-length-partial');
      if (used.testing) result.notes.push('dkim.key-testing');
      verification.signatures.push(result);
    }
  } finally {
    clearTimeout(timer);
  }
  return verification;
}
