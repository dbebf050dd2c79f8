// The public key of one signature: fetched through the project's resolver at
// `<s>._domainkey.<d>` and judged against the signature (RFC 6376 §3.6.1, §6.1.2; RFC 8301;
// RFC 8463). Every outcome is a stable id with data.

import type { KeyObject } from 'node:crypto';
import type { FailureOutcome, LookupResult, Resolver } from '../../dns/types.js';
import { isFailure } from '../../dns/types.js';
import { dkimPublicKey, looksLikeDkim } from '../../parse/dkim.js';
import { parseTagList, tagValue } from '../../parse/taglist.js';
import type { DkimSignature } from './signature.js';

/** Most TXT records at one selector that are tried (§6.1.2 lets a verifier cycle through them). */
export const MAX_KEY_RECORDS = 4;
/** Longest key record read (a 4096-bit key is ~740 characters). */
export const MAX_KEY_RECORD_LENGTH = 8192;
/** Largest RSA key used (RFC 8301 §3.2 asks verifiers for up to 4096 bits): bounds the work per signature. */
export const MAX_RSA_BITS = 8192;

export type KeyProblemCode =
  | 'dkim.key-not-found'
  | 'dkim.key-lookup-failed'
  | 'dkim.key-syntax'
  | 'dkim.key-revoked'
  | 'dkim.key-type-mismatch'
  | 'dkim.key-hash-not-allowed'
  | 'dkim.key-service'
  | 'dkim.key-strict-subdomain';

export interface KeyProblem {
  code: KeyProblemCode;
  data: Record<string, string | number>;
}

export interface DkimPublicKey {
  key: KeyObject;
  type: 'rsa' | 'ed25519';
  bits: number;
  /** `t=y`: the domain is testing DKIM. */
  testing: boolean;
  /** The record as published. */
  record: string;
}

export type KeyLookup = { outcome: 'answer'; records: string[] } | { outcome: 'missing'; dnsOutcome: 'nxdomain' | 'nodata' } | { outcome: 'failed'; dnsOutcome: FailureOutcome };

export function keyName(sig: Pick<DkimSignature, 'selector' | 'domain'>): string {
  return `${sig.selector}._domainkey.${sig.domain}`;
}

/** What a TXT lookup at the key name says, as a value (a failure is never "missing"). */
export function keyLookupFrom(result: LookupResult<'TXT'>): KeyLookup {
  if (result.outcome === 'answer') return { outcome: 'answer', records: result.answers.map((a) => a.data) };
  if (result.outcome === 'nxdomain' || result.outcome === 'nodata') return { outcome: 'missing', dnsOutcome: result.outcome };
  if (isFailure(result)) return { outcome: 'failed', dnsOutcome: result.outcome as FailureOutcome };
  return { outcome: 'failed', dnsOutcome: 'error' };
}

export async function lookupKey(resolver: Resolver, name: string): Promise<KeyLookup> {
  try {
    return keyLookupFrom(await resolver.query(name, 'TXT'));
  } catch {
    return { outcome: 'failed', dnsOutcome: 'error' };
  }
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(':')
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== '');

/** Judges one key record for one signature. */
export function judgeKeyRecord(record: string, sig: DkimSignature): DkimPublicKey | KeyProblem {
  if (record.length > MAX_KEY_RECORD_LENGTH) return { code: 'dkim.key-syntax', data: { reason: 'too-long' } };
  const parsed = parseTagList(record);
  if (parsed.errors.length > 0) return { code: 'dkim.key-syntax', data: { reason: 'tag-list' } };
  const tags = parsed.tags;
  const version = tagValue(tags, 'v');
  if (version !== undefined && (version !== 'DKIM1' || tags[0]?.name !== 'v')) return { code: 'dkim.key-syntax', data: { reason: 'version' } };
  const hashes = tagValue(tags, 'h');
  if (hashes !== undefined && sig.hash && !list(hashes).includes(sig.hash)) {
    return { code: 'dkim.key-hash-not-allowed', data: { allowed: hashes.slice(0, 40), hash: sig.hash } };
  }
  const keyType = (tagValue(tags, 'k') ?? 'rsa').trim().toLowerCase();
  if (keyType !== sig.keyType) return { code: 'dkim.key-type-mismatch', data: { keyType: keyType.slice(0, 20), algorithm: sig.algorithm } };
  const service = tagValue(tags, 's');
  if (service !== undefined && !list(service).some((s) => s === '*' || s === 'email')) {
    return { code: 'dkim.key-service', data: { service: service.slice(0, 40) } };
  }
  const flags = list(tagValue(tags, 't'));
  // t=s: i= must be exactly d=, not a subdomain (§3.6.1).
  if (flags.includes('s') && sig.identityDomain !== sig.domain) {
    return { code: 'dkim.key-strict-subdomain', data: { identity: sig.identityDomain, domain: sig.domain } };
  }
  const p = tagValue(tags, 'p');
  if (p === undefined) return { code: 'dkim.key-syntax', data: { reason: 'no-p' } };
  if (p.trim() === '') return { code: 'dkim.key-revoked', data: {} };
  const key = dkimPublicKey(keyType, p);
  if (!key) return { code: 'dkim.key-syntax', data: { reason: 'bad-key' } };
  const bits = keyType === 'ed25519' ? 256 : (key.asymmetricKeyDetails?.modulusLength ?? 0);
  if (bits > MAX_RSA_BITS) return { code: 'dkim.key-syntax', data: { reason: 'too-large', bits } };
  return { key, type: sig.keyType ?? 'rsa', bits, testing: flags.includes('y'), record };
}

/**
 * The usable keys for a signature from a lookup, in record order, or the problem that stops it:
 * the first record's problem when none is usable (§6.1.2 lets a verifier try each record).
 */
export function keysFrom(lookup: KeyLookup, sig: DkimSignature): DkimPublicKey[] | KeyProblem {
  if (lookup.outcome === 'failed') return { code: 'dkim.key-lookup-failed', data: { outcome: lookup.dnsOutcome } };
  if (lookup.outcome === 'missing') return { code: 'dkim.key-not-found', data: { outcome: lookup.dnsOutcome } };
  const records = lookup.records.filter(looksLikeDkim).slice(0, MAX_KEY_RECORDS);
  if (records.length === 0) return { code: 'dkim.key-not-found', data: { outcome: 'no-key-record' } };
  const keys: DkimPublicKey[] = [];
  let first: KeyProblem | undefined;
  for (const record of records) {
    const judged = judgeKeyRecord(record, sig);
    if ('code' in judged) first ??= judged;
    else keys.push(judged);
  }
  return keys.length > 0 ? keys : (first as KeyProblem);
}
