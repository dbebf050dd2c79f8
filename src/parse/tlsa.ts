import { X509Certificate, createPublicKey } from 'node:crypto';

// TLSA records (RFC 6698 §2) as DANE for SMTP uses them (RFC 7672 §3.1): the presentation text
// `usage selector matching-type data-hex` (our resolver gives TLSA as `3 1 1 <hex>`). Pure parse,
// validation and format; problems are stable codes with data.

export type TlsaUsage = 0 | 1 | 2 | 3;

export interface TlsaRecord {
  /** 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE; other values kept as numbers. */
  usage: number;
  /** 0 full certificate, 1 SubjectPublicKeyInfo. */
  selector: number;
  /** 0 exact data, 1 SHA-256, 2 SHA-512. */
  matchingType: number;
  /** Lower-case hex, no spaces. */
  data: string;
}

export type TlsaProblem =
  /** Not four fields of the form `n n n hex` (numbers 0–255, even-length hex). */
  | { code: 'tlsa.syntax'; value: string; reason: 'fields' | 'number' | 'hex' | 'too-long' }
  /** Usage 0 or 1 (PKIX-TA/PKIX-EE): SMTP clients treat these as unusable (RFC 7672 §3.1.3). */
  | { code: 'tlsa.usage-pkix'; usage: 0 | 1 }
  | { code: 'tlsa.usage-unknown'; usage: number }
  | { code: 'tlsa.selector-unknown'; selector: number }
  | { code: 'tlsa.matching-unknown'; matchingType: number }
  /** Hash data of the wrong length for the matching type (SHA-256 = 32 bytes, SHA-512 = 64). */
  | { code: 'tlsa.hash-length'; matchingType: 1 | 2; expected: number; actual: number }
  /** Matching type 0 data that is not a DER certificate (selector 0) or SPKI (selector 1). */
  | { code: 'tlsa.full-data-invalid'; selector: 0 | 1 };

export interface TlsaParse {
  /** Present when the text has the TLSA shape, whether or not the values are usable. */
  record?: TlsaRecord;
  /** True when an SMTP client can use the record: usage 2/3, selector 0/1, matching 0/1/2 with valid data. */
  usable: boolean;
  problems: TlsaProblem[];
}

/** Longest presentation text we read: a full certificate of 16 KB in hex, plus spacing. */
const MAX_TEXT = 40_000;
const HASH_BYTES: Record<1 | 2, number> = { 1: 32, 2: 64 };

export function parseTlsa(text: string): TlsaParse {
  if (text.length > MAX_TEXT) return { usable: false, problems: [{ code: 'tlsa.syntax', value: text.slice(0, 80), reason: 'too-long' }] };
  const tokens = text.trim().split(/[ \t\r\n]+/);
  if (tokens.length < 4) return { usable: false, problems: [{ code: 'tlsa.syntax', value: text, reason: 'fields' }] };
  const [u, s, m] = tokens as [string, string, string];
  // RFC 6698 §2.2: whitespace is allowed inside the hex data.
  const hex = tokens.slice(3).join('');
  if (![u, s, m].every((n) => /^[0-9]{1,3}$/.test(n) && Number(n) <= 255)) return { usable: false, problems: [{ code: 'tlsa.syntax', value: text.slice(0, 200), reason: 'number' }] };
  if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length % 2 !== 0) return { usable: false, problems: [{ code: 'tlsa.syntax', value: text.slice(0, 200), reason: 'hex' }] };
  const record: TlsaRecord = { usage: Number(u), selector: Number(s), matchingType: Number(m), data: hex.toLowerCase() };
  const problems = validateTlsa(record);
  return { record, usable: problems.length === 0, problems };
}

/** Why an SMTP client cannot use this record (RFC 7672 §3.1); empty when it can. */
export function validateTlsa(record: TlsaRecord): TlsaProblem[] {
  const problems: TlsaProblem[] = [];
  const { usage, selector, matchingType } = record;
  if (usage === 0 || usage === 1) problems.push({ code: 'tlsa.usage-pkix', usage });
  else if (usage !== 2 && usage !== 3) problems.push({ code: 'tlsa.usage-unknown', usage });
  if (selector !== 0 && selector !== 1) problems.push({ code: 'tlsa.selector-unknown', selector });
  if (matchingType === 1 || matchingType === 2) {
    const actual = record.data.length / 2;
    if (actual !== HASH_BYTES[matchingType]) problems.push({ code: 'tlsa.hash-length', matchingType, expected: HASH_BYTES[matchingType], actual });
  } else if (matchingType === 0) {
    if (selector === 0 || selector === 1) {
      const der = Buffer.from(record.data, 'hex');
      try {
        if (selector === 0) new X509Certificate(der);
        else createPublicKey({ key: der, format: 'der', type: 'spki' });
      } catch {
        problems.push({ code: 'tlsa.full-data-invalid', selector });
      }
    }
  } else {
    problems.push({ code: 'tlsa.matching-unknown', matchingType });
  }
  return problems;
}

/** Presentation text `u s m hex` (lower-case hex), which parseTlsa reads back unchanged. */
export function formatTlsa(record: TlsaRecord): string {
  return `${record.usage} ${record.selector} ${record.matchingType} ${record.data.toLowerCase()}`;
}

/** The TLSA owner name for SMTP to an MX host (RFC 7672 §2.2.3): `_25._tcp.<host>`. */
export function tlsaName(host: string, port = 25): string {
  return `_${port}._tcp.${host.toLowerCase().replace(/\.$/, '')}`;
}
