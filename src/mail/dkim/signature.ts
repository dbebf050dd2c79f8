// The DKIM-Signature header field (RFC 6376 §3.5): its tag list parsed with byte positions, so
// that the `b=` value can be removed from the very bytes that were signed (§3.7), and its tags
// checked. Problems are stable ids with data, never sentences.

import type { Canonicalization } from './canonicalize.js';
import { parseCanonicalization } from './canonicalize.js';

/** Longest DKIM-Signature field read (real ones are under 2 KiB; a 4096-bit b= is ~700 bytes). */
export const MAX_SIGNATURE_BYTES = 16 * 1024;
/** Most tags in one signature. */
export const MAX_SIGNATURE_TAGS = 64;
/** Most names in `h=`. */
export const MAX_SIGNED_HEADERS = 128;

export type SignatureAlgorithm = 'rsa-sha256' | 'rsa-sha1' | 'ed25519-sha256';

export interface SignatureTag {
  name: string;
  /** Value with FWS at both ends removed. */
  value: string;
  /** Offsets in the field's bytes of the value as written (between `=` and `;` or the end). */
  valueStart: number;
  valueEnd: number;
}

export interface SignatureProblem {
  code: 'dkim.syntax' | 'dkim.version-unsupported' | 'dkim.algorithm-unsupported' | 'dkim.canonicalization-unsupported' | 'dkim.query-unsupported' | 'dkim.identity-mismatch' | 'dkim.from-not-signed';
  data: Record<string, string | number>;
}

export interface DkimSignature {
  tags: SignatureTag[];
  /** `a=` lower case, as written (may be an unsupported one). */
  algorithm: string;
  /** Set when `a=` is one we verify. */
  knownAlgorithm?: SignatureAlgorithm;
  keyType?: 'rsa' | 'ed25519';
  hash?: 'sha256' | 'sha1';
  /** `c=` as written, `simple/simple` when absent. */
  canonicalizationText: string;
  canonicalization?: { header: Canonicalization; body: Canonicalization };
  /** `d=` lower case. */
  domain: string;
  /** `s=` lower case. */
  selector: string;
  /** `h=` names, lower case, in order (repeats kept: over-signing). */
  headers: string[];
  /** `i=`, default `@d`. */
  identity: string;
  /** The domain part of `i=`, lower case. */
  identityDomain: string;
  bodyHash: string;
  signature: Buffer;
  /** `l=` */
  bodyLength?: number;
  /** `t=` seconds since the epoch. */
  timestamp?: number;
  /** `x=` seconds since the epoch. */
  expiration?: number;
  /** First problem found (RFC 6376 §6.1.1 order), or none. */
  problem?: SignatureProblem;
}

const SEMI = 0x3b;
const EQ = 0x3d;

const isFws = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

function trimFws(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isFws(text[start] as string)) start++;
  while (end > start && isFws(text[end - 1] as string)) end--;
  return text.slice(start, end);
}

/** Removes all FWS (base64 values may be folded anywhere). */
function stripFws(text: string): string {
  let out = '';
  for (const c of text) if (!isFws(c)) out += c;
  return out;
}

const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DIGITS = /^[0-9]{1,20}$/;
// Domain and selector labels: letters, digits, hyphen, underscore; dots between labels.
const DNS_NAME = /^[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}))*$/;
// RFC 5322 field name: printable US-ASCII except colon.
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]{1,200}$/;

/**
 * Parses the tag list of a DKIM-Signature field (`field` is the whole field, name and colon
 * included). Returns the tags with value offsets into `field`, or a syntax problem.
 */
export function parseTags(field: Buffer): { tags: SignatureTag[] } | { problem: SignatureProblem } {
  const colon = field.indexOf(':');
  if (colon < 0) return { problem: { code: 'dkim.syntax', data: { reason: 'no-colon' } } };
  const tags: SignatureTag[] = [];
  let start = colon + 1;
  const seen = new Set<string>();
  while (start <= field.length) {
    let end = field.indexOf(SEMI, start);
    if (end < 0) end = field.length;
    const eq = field.indexOf(EQ, start);
    const partText = field.toString('latin1', start, end);
    if (eq < 0 || eq >= end) {
      // Only an empty last part (after a final ";") is allowed.
      if (trimFws(partText) !== '' || end !== field.length) {
        return { problem: { code: 'dkim.syntax', data: { reason: 'not-a-tag', part: trimFws(partText).slice(0, 40) } } };
      }
      break;
    }
    const name = trimFws(field.toString('latin1', start, eq));
    if (!TAG_NAME.test(name)) return { problem: { code: 'dkim.syntax', data: { reason: 'bad-tag-name', tag: name.slice(0, 40) } } };
    // Tag names are case-sensitive (§3.2); a duplicate makes the whole list invalid.
    if (seen.has(name)) return { problem: { code: 'dkim.syntax', data: { reason: 'duplicate-tag', tag: name } } };
    seen.add(name);
    if (tags.length >= MAX_SIGNATURE_TAGS) return { problem: { code: 'dkim.syntax', data: { reason: 'too-many-tags' } } };
    tags.push({ name, value: trimFws(field.toString('latin1', eq + 1, end)), valueStart: eq + 1, valueEnd: end });
    if (end === field.length) break;
    start = end + 1;
  }
  return { tags };
}

const syntax = (reason: string, tag: string): SignatureProblem => ({ code: 'dkim.syntax', data: { reason, tag } });

/** Parses and checks one DKIM-Signature field (whole field, name included, no final CRLF). */
export function parseSignature(field: Buffer): DkimSignature {
  const empty: DkimSignature = {
    tags: [],
    algorithm: '',
    canonicalizationText: 'simple/simple',
    domain: '',
    selector: '',
    headers: [],
    identity: '',
    identityDomain: '',
    bodyHash: '',
    signature: Buffer.alloc(0),
  };
  if (field.length > MAX_SIGNATURE_BYTES) return { ...empty, problem: { code: 'dkim.syntax', data: { reason: 'too-long', bytes: field.length } } };
  const parsed = parseTags(field);
  if ('problem' in parsed) return { ...empty, problem: parsed.problem };
  const tags = parsed.tags;
  const get = (name: string) => tags.find((t) => t.name === name)?.value;

  const algorithm = (get('a') ?? '').toLowerCase();
  const canonicalizationText = get('c') ?? 'simple/simple';
  const domain = (get('d') ?? '').toLowerCase();
  const selector = (get('s') ?? '').toLowerCase();
  const headers = (get('h') ?? '')
    .split(':')
    .map((h) => trimFws(h).toLowerCase())
    .filter((h) => h !== '');
  const sig: DkimSignature = {
    ...empty,
    tags,
    algorithm,
    canonicalizationText,
    domain,
    selector,
    headers: headers.slice(0, MAX_SIGNED_HEADERS),
    identity: get('i') ?? `@${domain}`,
    bodyHash: stripFws(get('bh') ?? ''),
  };
  const fail = (problem: SignatureProblem): DkimSignature => ({ ...sig, problem });

  // Required tags (§3.5): v, a, b, bh, d, h, s.
  for (const name of ['v', 'a', 'b', 'bh', 'd', 'h', 's']) {
    if (get(name) === undefined) return fail(syntax('missing-tag', name));
  }
  if (get('v') !== '1') return fail({ code: 'dkim.version-unsupported', data: { value: (get('v') ?? '').slice(0, 20) } });

  const b = stripFws(get('b') ?? '');
  if (b === '' || !BASE64.test(b)) return fail(syntax('bad-base64', 'b'));
  sig.signature = Buffer.from(b, 'base64');
  if (sig.bodyHash === '' || !BASE64.test(sig.bodyHash)) return fail(syntax('bad-base64', 'bh'));

  if (!DNS_NAME.test(domain) || domain.length > 253) return fail(syntax('bad-domain', 'd'));
  if (!DNS_NAME.test(selector) || selector.length > 253) return fail(syntax('bad-selector', 's'));
  if (headers.length === 0) return fail(syntax('empty', 'h'));
  if (headers.length > MAX_SIGNED_HEADERS) return fail(syntax('too-many-headers', 'h'));
  const badHeader = headers.find((h) => !FIELD_NAME.test(h));
  if (badHeader !== undefined) return fail(syntax('bad-header-name', 'h'));

  for (const name of ['l', 't', 'x'] as const) {
    const value = get(name);
    if (value === undefined) continue;
    // l= is at most 76 digits and t=/x= 12 (§3.5); we read numbers up to 2^53.
    if (!DIGITS.test(value)) return fail(syntax('not-a-number', name));
    const n = Number(value);
    if (!Number.isSafeInteger(n)) return fail(syntax('out-of-range', name));
    if (name === 'l') sig.bodyLength = n;
    else if (name === 't') sig.timestamp = n;
    else sig.expiration = n;
  }
  if (sig.timestamp !== undefined && sig.expiration !== undefined && sig.expiration < sig.timestamp) {
    return fail(syntax('expires-before-signed', 'x'));
  }

  // i=: [local-part] "@" domain, and the domain is d= or below it (§3.5, §6.1.1).
  const at = sig.identity.lastIndexOf('@');
  if (at < 0) return fail(syntax('bad-identity', 'i'));
  sig.identityDomain = sig.identity.slice(at + 1).toLowerCase();
  if (!DNS_NAME.test(sig.identityDomain)) return fail(syntax('bad-identity', 'i'));

  const known: Record<string, SignatureAlgorithm> = { 'rsa-sha256': 'rsa-sha256', 'rsa-sha1': 'rsa-sha1', 'ed25519-sha256': 'ed25519-sha256' };
  const knownAlgorithm = known[algorithm];
  if (!knownAlgorithm) return fail({ code: 'dkim.algorithm-unsupported', data: { algorithm: algorithm.slice(0, 40) } });
  sig.knownAlgorithm = knownAlgorithm;
  sig.keyType = knownAlgorithm.startsWith('ed25519') ? 'ed25519' : 'rsa';
  sig.hash = knownAlgorithm.endsWith('sha1') ? 'sha1' : 'sha256';

  const canonicalization = parseCanonicalization(get('c'));
  if (!canonicalization) return fail({ code: 'dkim.canonicalization-unsupported', data: { value: canonicalizationText.slice(0, 40) } });
  sig.canonicalization = canonicalization;

  const query = get('q');
  if (query !== undefined && !query.split(':').some((q) => trimFws(q).toLowerCase() === 'dns/txt')) {
    return fail({ code: 'dkim.query-unsupported', data: { value: query.slice(0, 40) } });
  }

  if (sig.identityDomain !== domain && !sig.identityDomain.endsWith(`.${domain}`)) {
    return fail({ code: 'dkim.identity-mismatch', data: { identity: sig.identityDomain, domain } });
  }
  if (!headers.includes('from')) return fail({ code: 'dkim.from-not-signed', data: {} });
  return sig;
}

/**
 * The signature field with its `b=` value removed (§3.7: "treated as the empty string"): the bytes
 * from after `b=` up to the next `;` or the end are dropped, everything else is kept as written.
 */
export function withoutSignatureValue(field: Buffer, tags: readonly SignatureTag[]): Buffer {
  const b = tags.find((t) => t.name === 'b');
  if (!b) return field;
  return Buffer.concat([field.subarray(0, b.valueStart), field.subarray(b.valueEnd)]);
}
