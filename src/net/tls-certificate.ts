import { X509Certificate, createHash } from 'node:crypto';
import { checkServerIdentity, type TLSSocket } from 'node:tls';

// What a TLS peer presented, as plain data (JSON-safe, no sentences), shared by the HTTPS fetch
// and the STARTTLS probe. Certificate text comes from strangers: control characters are replaced
// and lists are capped.

export interface CertificateSummary {
  /** RDNs joined with ", " (`CN=mx.example.com, O=Example`). */
  subject: string;
  commonName?: string;
  /** DNS and IP subject alternative names, as written (lower-cased DNS names). */
  dnsNames: string[];
  ipAddresses: string[];
  issuer: string;
  serialNumber: string;
  /** ISO 8601. */
  validFrom: string;
  validTo: string;
  expired: boolean;
  notYetValid: boolean;
  /** Whole days from `now` to validTo (negative when expired). */
  daysLeft: number;
  /** SHA-256 of the DER certificate, lower-case hex without colons. */
  sha256: string;
  /** SHA-256 of the SubjectPublicKeyInfo: the `3 1 1` TLSA data and the HPKP-style pin. */
  spkiSha256: string;
  /** `rsa`, `ec`, `ed25519`… and the size (RSA bits) or curve. */
  keyType?: string;
  keyBits?: number;
  curve?: string;
  isCa: boolean;
  selfIssued: boolean;
  /** The DER certificate in base64, so a later step (DANE) can rebuild the X509Certificate. */
  derBase64: string;
}

/** Why a chain did not verify, from OpenSSL's code in `socket.authorizationError`. */
export type VerifyFault = 'expired' | 'not-yet-valid' | 'untrusted' | 'name-mismatch' | 'other';

const MAX_NAMES = 100;
const MAX_TEXT = 1024;
const MAX_CHAIN = 10;

function clean(text: string): string {
  return text.slice(0, MAX_TEXT).replace(/[\x00-\x1f\x7f]/g, '?');
}

function joinRdns(text: string): string {
  return text.split('\n').map(clean).join(', ');
}

/**
 * Node's `subjectAltName` string: `DNS:a.example, IP Address:192.0.2.1, DNS:"quoted,value"` (values
 * with special characters are JSON-quoted since Node 17 / 16.13.2). Split on ", " outside quotes.
 */
export function parseSubjectAltName(text: string | undefined): { dnsNames: string[]; ipAddresses: string[] } {
  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  if (!text) return { dnsNames, ipAddresses };
  const entries: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length && entries.length < MAX_NAMES * 2; i++) {
    const c = text[i] as string;
    if (c === '\\' && quoted) {
      current += c + (text[i + 1] ?? '');
      i++;
    } else if (c === '"') {
      quoted = !quoted;
      current += c;
    } else if (c === ',' && !quoted && text[i + 1] === ' ') {
      entries.push(current);
      current = '';
      i++;
    } else {
      current += c;
    }
  }
  if (current !== '') entries.push(current);
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    if (colon < 0) continue;
    const type = entry.slice(0, colon);
    let value = entry.slice(colon + 1);
    if (value.startsWith('"')) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        // keep as written
      }
    }
    if (type === 'DNS' && dnsNames.length < MAX_NAMES) dnsNames.push(clean(value).toLowerCase());
    else if (type === 'IP Address' && ipAddresses.length < MAX_NAMES) ipAddresses.push(clean(value));
  }
  return { dnsNames, ipAddresses };
}

function iso(text: string): string {
  const t = Date.parse(text);
  return Number.isNaN(t) ? clean(text) : new Date(t).toISOString();
}

export function summarizeCertificate(cert: X509Certificate, now: Date = new Date()): CertificateSummary {
  const from = Date.parse(cert.validFrom);
  const to = Date.parse(cert.validTo);
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails;
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1];
  const summary: CertificateSummary = {
    subject: joinRdns(cert.subject),
    ...(cn !== undefined ? { commonName: clean(cn) } : {}),
    ...parseSubjectAltName(cert.subjectAltName),
    issuer: joinRdns(cert.issuer),
    serialNumber: clean(cert.serialNumber).toLowerCase(),
    validFrom: iso(cert.validFrom),
    validTo: iso(cert.validTo),
    expired: !Number.isNaN(to) && now.getTime() > to,
    notYetValid: !Number.isNaN(from) && now.getTime() < from,
    daysLeft: Number.isNaN(to) ? 0 : Math.floor((to - now.getTime()) / 86_400_000),
    sha256: createHash('sha256').update(cert.raw).digest('hex'),
    spkiSha256: createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex'),
    isCa: cert.ca,
    selfIssued: cert.subject === cert.issuer,
    derBase64: cert.raw.toString('base64'),
  };
  if (key.asymmetricKeyType) summary.keyType = key.asymmetricKeyType;
  if (details?.modulusLength) summary.keyBits = details.modulusLength;
  if (details?.namedCurve) summary.curve = details.namedCurve;
  return summary;
}

/**
 * The peer's chain, leaf first, as X509Certificate objects. Node builds it from the certificates
 * the server sent and may append the issuing root from the local trust store.
 */
export function peerChain(socket: TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let cert = socket.getPeerCertificate(true);
  while (cert && cert.raw && chain.length < MAX_CHAIN) {
    if (seen.has(cert.fingerprint256)) break;
    seen.add(cert.fingerprint256);
    try {
      chain.push(new X509Certificate(cert.raw));
    } catch {
      break;
    }
    cert = cert.issuerCertificate;
  }
  return chain;
}

/** True when the certificate is valid for the host name (RFC 6125 rules, as Node's HTTPS client applies them). */
export function certificateMatchesHost(host: string, cert: X509Certificate): boolean {
  try {
    return checkServerIdentity(host.toLowerCase().replace(/\.$/, ''), cert.toLegacyObject()) === undefined;
  } catch {
    return false;
  }
}

export function classifyVerifyError(code: string | undefined): VerifyFault | undefined {
  if (!code) return undefined;
  if (code === 'CERT_HAS_EXPIRED') return 'expired';
  if (code === 'CERT_NOT_YET_VALID') return 'not-yet-valid';
  // Node's own host-name check (run when the chain verified and a servername was given).
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'name-mismatch';
  if (
    [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'UNABLE_TO_GET_ISSUER_CERT',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'CERT_UNTRUSTED',
      'CERT_CHAIN_TOO_LONG',
      'INVALID_CA',
      'CERT_SIGNATURE_FAILURE',
      'CERT_REJECTED',
    ].includes(code)
  ) {
    return 'untrusted';
  }
  return 'other';
}
