import http from 'node:http';
import type { LookupFunction } from 'node:net';
import tls from 'node:tls';
import { parseIp } from './ip.js';
import { certificateMatchesHost, classifyVerifyError, peerChain, summarizeCertificate, type CertificateSummary } from './tls-certificate.js';

// One HTTPS GET, as the MTA-STS policy fetch needs it (RFC 8461 §3.3): HTTPS only, HTTP 200 only,
// redirects NOT followed (a 3xx is a result, with its Location), the certificate validated for the
// URL's host name against Node's trust store, a content type checked, the body streamed and capped,
// one overall deadline. Every outcome is a value; this function does not throw.
//
// Trust: without `ca`, Node's built-in Mozilla store is used, plus the certificates in the file
// named by NODE_EXTRA_CA_CERTS — Node reads that variable itself when it starts, so a private
// deployment (or a test run) adds its CA by setting it; nothing here reads the environment.
// `ca` REPLACES the store (Node's semantics), which is how tests trust their own test CA.
//
// Connection: to `address` when given (so the caller's own resolver is used, loopback included),
// else through `lookup` (net's LookupFunction; Node 20 may call it with `{ all: true }`), else the
// system resolver. The TLS handshake finishes and the certificate is judged before a byte of HTTP
// is sent; http.request then runs over that socket (Node parses the response, chunked or not).

export interface HttpsGetOptions {
  /** One deadline for the whole exchange: connect, handshake, headers, body. */
  timeoutMs: number;
  /** Body cap in bytes (the MTA-STS policy: 64 KB). */
  maxBytes: number;
  /** Trusted CAs instead of Node's store (PEM). */
  ca?: string | Buffer | (string | Buffer)[];
  /** A pre-resolved address of the URL's host. */
  address?: string;
  lookup?: LookupFunction;
  /** Accepted media types, lower case; default `['text/plain']`. */
  contentTypes?: readonly string[];
  userAgent?: string;
  /** For the certificate summary's expiry fields. */
  now?: Date;
}

export interface HttpsTlsInfo {
  /** `TLSv1.3`… */
  protocol: string | null;
  cipher: string;
  /** The leaf certificate. */
  certificate?: CertificateSummary;
}

export type HttpsGetPhase = 'connect' | 'tls' | 'response' | 'body';

export type HttpsTlsFault = 'expired' | 'not-yet-valid' | 'untrusted' | 'name-mismatch' | 'handshake' | 'other';

export type HttpsGetResult =
  | { kind: 'ok'; url: string; address?: string; status: 200; contentType: string; body: Buffer; tls: HttpsTlsInfo }
  /** HTTP 200, but the media type is not accepted (missing: null). The body is still read, capped. */
  | { kind: 'wrong-content-type'; url: string; address?: string; status: 200; contentType: string | null; body: Buffer; tls: HttpsTlsInfo }
  /** A 3xx: not followed. `location` as sent (capped), null when absent. */
  | { kind: 'redirect'; url: string; address?: string; status: number; location: string | null; tls: HttpsTlsInfo }
  /** Any other status than 200 (a 204 or 206 too). */
  | { kind: 'status'; url: string; address?: string; status: number; tls: HttpsTlsInfo }
  /**
   * The certificate was not accepted, or the handshake failed. `reason` is the verdict
   * (chain first, then name); `expired` and `nameMatches` are kept as facts of their own, so an
   * expired certificate for the wrong name says both.
   */
  | {
      kind: 'tls-error';
      url: string;
      address?: string;
      reason: HttpsTlsFault;
      /** OpenSSL's verification code (`CERT_HAS_EXPIRED`…) or the handshake error's code. */
      code: string;
      expired?: boolean;
      nameMatches?: boolean;
      certificate?: CertificateSummary;
    }
  | { kind: 'timeout'; url: string; address?: string; phase: HttpsGetPhase; timeoutMs: number }
  | { kind: 'network-error'; url: string; address?: string; phase: HttpsGetPhase; code: string }
  /** The body is over maxBytes: by Content-Length (`declared`) or while streaming. */
  | { kind: 'too-large'; url: string; address?: string; status: 200; limit: number; declared?: number; tls: HttpsTlsInfo }
  | { kind: 'invalid-url'; url: string; reason: 'syntax' | 'scheme' | 'credentials' };

const MAX_LOCATION = 2048;
const MAX_HEADER_BYTES = 16 * 1024;

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Za-z0-9_]{1,64}$/.test(code) ? code : 'unknown';
}

/** A media type without parameters, lower case: `text/plain; charset=utf-8` → `text/plain`. */
export function mediaType(header: string | undefined): string | null {
  if (header === undefined) return null;
  const type = (header.split(';')[0] as string).trim().toLowerCase();
  return type === '' ? null : type.slice(0, 200);
}

export function httpsGet(url: string, options: HttpsGetOptions): Promise<HttpsGetResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.resolve({ kind: 'invalid-url', url, reason: 'syntax' });
  }
  if (parsed.protocol !== 'https:') return Promise.resolve({ kind: 'invalid-url', url, reason: 'scheme' });
  if (parsed.username !== '' || parsed.password !== '') return Promise.resolve({ kind: 'invalid-url', url, reason: 'credentials' });
  // No brackets around an IPv6 literal, no trailing dot (SNI and the name check take neither).
  const hostname = parsed.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  const port = parsed.port === '' ? 443 : Number(parsed.port);
  const accepted = options.contentTypes ?? ['text/plain'];
  const now = options.now ?? new Date();

  return new Promise<HttpsGetResult>((resolve) => {
    let phase: HttpsGetPhase = 'connect';
    let settled = false;
    let socket: tls.TLSSocket | undefined;
    let request: http.ClientRequest | undefined;
    let address: string | undefined = options.address;
    const withAddress = <T extends object>(r: T): T & { address?: string } => (address !== undefined ? { ...r, address } : r);
    const finish = (result: HttpsGetResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request?.destroy();
      socket?.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish(withAddress({ kind: 'timeout', url, phase, timeoutMs: options.timeoutMs })), options.timeoutMs);

    const isIp = parseIp(hostname) !== undefined;
    const connectOptions: tls.ConnectionOptions = {
      host: options.address ?? hostname,
      port,
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    };
    if (!isIp) connectOptions.servername = hostname;
    if (options.ca !== undefined) connectOptions.ca = options.ca;
    if (options.address === undefined && options.lookup) connectOptions.lookup = options.lookup;

    try {
      socket = tls.connect(connectOptions);
    } catch (error) {
      finish({ kind: 'network-error', url, phase, code: errorCode(error) });
      return;
    }
    const tlsSocket = socket;
    tlsSocket.once('connect', () => {
      phase = 'tls';
      address = tlsSocket.remoteAddress ?? address;
    });
    tlsSocket.on('error', (error) => {
      const code = errorCode(error);
      if (phase === 'tls' && (code.startsWith('ERR_SSL_') || code === 'EPROTO' || code.startsWith('ERR_TLS_'))) {
        finish(withAddress({ kind: 'tls-error', url, reason: 'handshake', code }));
      } else {
        finish(withAddress({ kind: 'network-error', url, phase, code }));
      }
    });
    tlsSocket.once('secureConnect', () => {
      phase = 'response';
      const chain = peerChain(tlsSocket);
      const leaf = chain[0];
      const certificate = leaf ? summarizeCertificate(leaf, now) : undefined;
      const nameMatches = leaf ? certificateMatchesHost(hostname, leaf) : false;
      const verifyCode = tlsSocket.authorizationError ? String(tlsSocket.authorizationError) : undefined;
      const fault = classifyVerifyError(verifyCode);
      if (!tlsSocket.authorized || !nameMatches) {
        const base = { kind: 'tls-error' as const, url, reason: fault ?? ('name-mismatch' as HttpsTlsFault), code: verifyCode ?? 'ERR_TLS_CERT_ALTNAME_INVALID', nameMatches };
        finish(withAddress(certificate ? { ...base, expired: certificate.expired, certificate } : base));
        return;
      }
      const info: HttpsTlsInfo = { protocol: tlsSocket.getProtocol(), cipher: tlsSocket.getCipher()?.name ?? '' };
      if (certificate) info.certificate = certificate;
      sendRequest(tlsSocket, info);
    });

    const sendRequest = (connected: tls.TLSSocket, info: HttpsTlsInfo): void => {
      const headers: Record<string, string> = { host: parsed.host, accept: 'text/plain', connection: 'close' };
      if (options.userAgent) headers['user-agent'] = options.userAgent;
      request = http.request({
        createConnection: () => connected,
        method: 'GET',
        path: `${parsed.pathname}${parsed.search}`,
        headers,
        maxHeaderSize: MAX_HEADER_BYTES,
      });
      request.on('error', (error) => finish(withAddress({ kind: 'network-error', url, phase, code: errorCode(error) })));
      request.on('response', (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          const location = response.headers.location;
          finish(withAddress({ kind: 'redirect', url, status, location: location === undefined ? null : location.slice(0, MAX_LOCATION), tls: info }));
          return;
        }
        if (status !== 200) {
          finish(withAddress({ kind: 'status', url, status, tls: info }));
          return;
        }
        const declaredHeader = response.headers['content-length'];
        const declared = declaredHeader !== undefined && /^[0-9]{1,15}$/.test(declaredHeader) ? Number(declaredHeader) : undefined;
        if (declared !== undefined && declared > options.maxBytes) {
          finish(withAddress({ kind: 'too-large', url, status: 200, limit: options.maxBytes, declared, tls: info }));
          return;
        }
        phase = 'body';
        const chunks: Buffer[] = [];
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > options.maxBytes) {
            finish(withAddress({ kind: 'too-large', url, status: 200, limit: options.maxBytes, tls: info }));
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', (error) => finish(withAddress({ kind: 'network-error', url, phase, code: errorCode(error) })));
        response.on('end', () => {
          if (!response.complete) {
            finish(withAddress({ kind: 'network-error', url, phase, code: 'incomplete-body' }));
            return;
          }
          const body = Buffer.concat(chunks);
          const type = mediaType(response.headers['content-type']);
          if (type === null || !accepted.includes(type)) finish(withAddress({ kind: 'wrong-content-type', url, status: 200, contentType: type, body, tls: info }));
          else finish(withAddress({ kind: 'ok', url, status: 200, contentType: type, body, tls: info }));
        });
        response.on('close', () => {
          if (!response.complete) finish(withAddress({ kind: 'network-error', url, phase, code: 'incomplete-body' }));
        });
      });
      request.end();
    };
  });
}
