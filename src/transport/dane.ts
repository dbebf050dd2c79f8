import { createHash, createPublicKey, type X509Certificate } from 'node:crypto';
import { formatTlsa, validateTlsa, type TlsaProblem, type TlsaRecord } from '../parse/tlsa.js';

// DANE for SMTP (RFC 7672, RFC 7671): does a server's certificate chain match its TLSA records?
// DANE-EE(3): the leaf certificate or its key matches; name and validity are NOT checked
// (RFC 7672 §3.1.1). DANE-TA(2): a certificate of the chain (or, for `2 1 0`, the key in the
// record) is the trust anchor, the chain from the leaf up to it verifies, each certificate on
// that path is within its validity period, and the leaf matches a reference name (the MX host;
// RFC 7672 §3.2.3). Usages 0/1 are not used by SMTP clients. Pure: the chain comes from the
// STARTTLS probe; `now` is a parameter.

export type DaneRecordOutcome =
  | 'match'
  /** The record is not usable (usage 0/1, bad selector/matching type/data): see `problems`. */
  | 'unusable'
  /** No certificate of the chain has this association data. */
  | 'no-certificate-matched'
  /** DANE-TA: a certificate matched, but the chain from the leaf to it does not verify. */
  | 'chain-invalid'
  /** DANE-TA: chain fine, but the leaf is valid for none of the reference names. */
  | 'name-mismatch'
  /** DANE-TA: chain fine, but a certificate on the path is expired or not yet valid. */
  | 'expired';

export interface DaneRecordEvaluation {
  index: number;
  record: TlsaRecord;
  outcome: DaneRecordOutcome;
  problems: TlsaProblem[];
  /** The chain position of the matched certificate (0 = leaf); `chain.length` when the trust anchor is the key in a `2 1 0` record. */
  certIndex?: number;
  /**
   * DANE-TA matched the last, self-issued certificate. Node completes a peer chain with the root
   * from the local trust store when the server did not send it, so this anchor may not have come
   * from the server — and a DANE sender, which has no such store, would then fail.
   */
  anchorMaybeLocal?: true;
}

export interface DaneEvaluation {
  /** match: at least one usable record authenticates the server. */
  status: 'match' | 'no-match' | 'no-usable-records' | 'no-certificate';
  usableRecords: number;
  records: DaneRecordEvaluation[];
}

export interface DaneOptions {
  /** Reference identifiers for DANE-TA: the MX host name (and the TLSA base domain when it differs). */
  names: readonly string[];
  now?: Date;
}

/** The association data a certificate gives for this selector and matching type, in hex. */
export function tlsaAssociation(cert: X509Certificate, selector: 0 | 1, matchingType: 0 | 1 | 2): string {
  const data = selector === 0 ? cert.raw : cert.publicKey.export({ type: 'spki', format: 'der' });
  if (matchingType === 0) return data.toString('hex');
  return createHash(matchingType === 1 ? 'sha256' : 'sha512').update(data).digest('hex');
}

/** The TLSA record that pins this certificate (`3 1 1` by default, the RFC 7671 §8.1 recommendation). */
export function tlsaForCertificate(cert: X509Certificate, usage: 2 | 3 = 3, selector: 0 | 1 = 1, matchingType: 0 | 1 | 2 = 1): TlsaRecord {
  return { usage, selector, matchingType, data: tlsaAssociation(cert, selector, matchingType) };
}

function associationMatches(record: TlsaRecord, cert: X509Certificate): boolean {
  return tlsaAssociation(cert, record.selector as 0 | 1, record.matchingType as 0 | 1 | 2) === record.data.toLowerCase();
}

function withinValidity(cert: X509Certificate, now: Date): boolean {
  const from = Date.parse(cert.validFrom);
  const to = Date.parse(cert.validTo);
  return !(Number.isNaN(from) || Number.isNaN(to)) && now.getTime() >= from && now.getTime() <= to;
}

/** True when chain[0..top] verifies link by link (each certificate issued and signed by the next). */
function pathVerifies(chain: readonly X509Certificate[], top: number): boolean {
  for (let i = 0; i < top; i++) {
    const child = chain[i] as X509Certificate;
    const parent = chain[i + 1] as X509Certificate;
    try {
      if (!child.checkIssued(parent) || !child.verify(parent.publicKey)) return false;
    } catch {
      return false;
    }
  }
  return true;
}

function nameMatches(leaf: X509Certificate, names: readonly string[]): boolean {
  return names.some((name) => {
    const host = name.toLowerCase().replace(/\.$/, '');
    try {
      return leaf.checkHost(host, { subject: 'default', wildcards: true, partialWildcards: false, multiLabelWildcards: false, singleLabelSubdomains: false }) !== undefined;
    } catch {
      return false;
    }
  });
}

function evaluateTa(record: TlsaRecord, chain: readonly X509Certificate[], options: DaneOptions, now: Date): Pick<DaneRecordEvaluation, 'outcome' | 'certIndex'> {
  let best: Pick<DaneRecordEvaluation, 'outcome' | 'certIndex'> = { outcome: 'no-certificate-matched' };
  const rank: Record<DaneRecordOutcome, number> = { match: 5, expired: 4, 'name-mismatch': 3, 'chain-invalid': 2, 'no-certificate-matched': 1, unusable: 0 };
  const consider = (certIndex: number, pathOk: boolean): void => {
    let outcome: DaneRecordOutcome;
    const path = chain.slice(0, Math.min(certIndex, chain.length - 1) + 1);
    if (!pathOk) outcome = 'chain-invalid';
    else if (!nameMatches(chain[0] as X509Certificate, options.names)) outcome = 'name-mismatch';
    else if (!path.every((c) => withinValidity(c, now))) outcome = 'expired';
    else outcome = 'match';
    if (rank[outcome] > rank[best.outcome]) best = { outcome, certIndex };
  };
  chain.forEach((cert, i) => {
    if (associationMatches(record, cert)) consider(i, pathVerifies(chain, i));
  });
  // `2 1 0`: the record holds the trust anchor's whole key, which the server need not send.
  if (best.outcome !== 'match' && record.selector === 1 && record.matchingType === 0) {
    const top = chain[chain.length - 1] as X509Certificate;
    let signed: boolean;
    try {
      signed = top.verify(createPublicKey({ key: Buffer.from(record.data, 'hex'), format: 'der', type: 'spki' }));
    } catch {
      signed = false;
    }
    if (signed) consider(chain.length, pathVerifies(chain, chain.length - 1));
  }
  return best;
}

/** Evaluates a server's chain (leaf first, as presented) against the TLSA RRset of its MX host. */
export function evaluateDane(records: readonly TlsaRecord[], chain: readonly X509Certificate[], options: DaneOptions): DaneEvaluation {
  const now = options.now ?? new Date();
  const evaluations: DaneRecordEvaluation[] = records.map((record, index) => {
    const problems = validateTlsa(record);
    if (problems.length > 0) return { index, record, outcome: 'unusable', problems };
    const leaf = chain[0];
    if (!leaf) return { index, record, outcome: 'no-certificate-matched', problems };
    if (record.usage === 3) {
      return associationMatches(record, leaf) ? { index, record, outcome: 'match', problems, certIndex: 0 } : { index, record, outcome: 'no-certificate-matched', problems };
    }
    const ta = evaluateTa(record, chain, options, now);
    const last = chain[chain.length - 1] as X509Certificate;
    const local = ta.certIndex !== undefined && ta.certIndex > 0 && ta.certIndex === chain.length - 1 && last.subject === last.issuer && last.checkIssued(last);
    return { index, record, problems, ...ta, ...(local ? { anchorMaybeLocal: true as const } : {}) };
  });
  const usableRecords = evaluations.filter((e) => e.outcome !== 'unusable').length;
  let status: DaneEvaluation['status'];
  if (usableRecords === 0) status = 'no-usable-records';
  else if (chain.length === 0) status = 'no-certificate';
  else status = evaluations.some((e) => e.outcome === 'match') ? 'match' : 'no-match';
  return { status, usableRecords, records: evaluations };
}

export type DaneAdvice =
  /** One DANE-EE association only: a key change breaks delivery unless the next key's `3 1 1` is published first. */
  | { code: 'dane.rollover-single-ee'; record: string }
  /** Only one DANE-TA association: a CA changing its issuing certificate breaks delivery; add the next one or a `3 1 1`. */
  | { code: 'dane.rollover-single-ta'; record: string }
  /** `3 0 x` pins the whole certificate, which changes at every renewal even when the key stays; prefer `3 1 1`. */
  | { code: 'dane.ee-certificate-hash'; records: string[] };

/**
 * Rollover advice for a TLSA RRset (RFC 7671 §8.1, RFC 7672 §3.1): publish two associations, the
 * current and the next key (`3 1 1` + `3 1 1`), or `3 1 1` + `2 1 1`.
 */
export function daneRolloverAdvice(records: readonly TlsaRecord[]): DaneAdvice[] {
  const usable = records.filter((r) => validateTlsa(r).length === 0);
  const advice: DaneAdvice[] = [];
  const distinct = new Map<string, TlsaRecord>();
  for (const r of usable) distinct.set(`${r.usage} ${r.selector} ${r.matchingType} ${r.data.toLowerCase()}`, r);
  const only = distinct.size === 1 ? [...distinct.values()][0] : undefined;
  if (only?.usage === 3) advice.push({ code: 'dane.rollover-single-ee', record: formatTlsa(only) });
  if (only?.usage === 2) advice.push({ code: 'dane.rollover-single-ta', record: formatTlsa(only) });
  const certPins = usable.filter((r) => r.usage === 3 && r.selector === 0);
  if (certPins.length > 0) advice.push({ code: 'dane.ee-certificate-hash', records: certPins.map(formatTlsa) });
  return advice;
}
