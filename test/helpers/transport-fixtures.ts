/**
 * Stand-ins for the network parts of the gather context, for check-level fixtures that need no
 * server: an HTTPS client that answers each URL with a prepared result, a STARTTLS prober that
 * answers each MX host with a prepared session. (The end-to-end tests use real local servers.)
 *
 *   reportFor(records, { ctx: { fetch: fetchAnswering(okPolicy('version: STSv1\n…')), smtp: proberAnswering({ 'mx1.good.test': okSession() }) } })
 */

import type { HttpsFetch, GatherContext, SmtpProber } from '../../src/gather/context.js';
import type { HttpsGetResult } from '../../src/net/https-get.js';
import type { SmtpProbeResult, SmtpTlsInfo } from '../../src/net/smtp-probe.js';
import type { CertificateSummary } from '../../src/net/tls-certificate.js';

const TLS = { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' };

/** The policy served as it should be: HTTP 200, text/plain. */
export function okPolicy(body: string, contentType = 'text/plain'): (url: string) => HttpsGetResult {
  return (url) => contentType === 'text/plain'
    ? { kind: 'ok', url, status: 200, contentType, body: Buffer.from(body), tls: TLS }
    : { kind: 'wrong-content-type', url, status: 200, contentType, body: Buffer.from(body), tls: TLS };
}

export function fetchAnswering(answer: (url: string, options: { address?: string }) => HttpsGetResult): HttpsFetch & { calls: { url: string; address?: string }[] } {
  const calls: { url: string; address?: string }[] = [];
  const fetch = (async (url: string, options: { timeoutMs: number; maxBytes: number; address?: string }) => {
    calls.push(options.address === undefined ? { url } : { url, address: options.address });
    return answer(url, options);
  }) as HttpsFetch & { calls: typeof calls };
  fetch.calls = calls;
  return fetch;
}

export function certificate(overrides: Partial<CertificateSummary> = {}): CertificateSummary {
  return {
    subject: 'CN=mx1.good.test', commonName: 'mx1.good.test', dnsNames: ['mx1.good.test'], ipAddresses: [], issuer: 'CN=Test CA', serialNumber: '01',
    validFrom: '2026-01-01T00:00:00.000Z', validTo: '2027-01-01T00:00:00.000Z', expired: false, notYetValid: false, daysLeft: 30,
    sha256: '00'.repeat(32), spkiSha256: '11'.repeat(32), keyType: 'ec', curve: 'prime256v1', isCa: false, selfIssued: false, derBase64: '',
    ...overrides,
  };
}

/** A whole session: banner, EHLO with STARTTLS, TLS 1.3, a trusted certificate for the MX. */
export function okSession(host: string, overrides: { tls?: Partial<SmtpTlsInfo>; bannerHost?: string } = {}): SmtpProbeResult {
  return {
    host, address: '192.0.2.10', port: 25, outcome: 'ok',
    banner: { code: 220, lines: [`${overrides.bannerHost ?? host} ESMTP`] }, bannerHost: overrides.bannerHost ?? host,
    ehlo: { code: 250, lines: [host, 'PIPELINING', 'STARTTLS'] }, extensions: ['PIPELINING', 'STARTTLS'],
    starttls: { code: 220, lines: ['ready'] }, quit: 'acknowledged',
    tls: { protocol: 'TLSv1.3', cipher: { name: 'TLS_AES_256_GCM_SHA384', standardName: 'TLS_AES_256_GCM_SHA384', version: 'TLSv1.3' }, trusted: true, nameMatches: true, chain: [certificate({ subject: `CN=${host}`, dnsNames: [host] })], injectedBytes: 0, ...overrides.tls },
  };
}

export function proberAnswering(answers: Record<string, (host: string, address: string) => SmtpProbeResult>): NonNullable<GatherContext['smtp']> & { calls: string[] } {
  const calls: string[] = [];
  const probe: SmtpProber = async (host, address) => {
    calls.push(`${host}|${address}`);
    const answer = answers[host];
    return answer ? answer(host, address) : { host, address, port: 25, outcome: 'connect-timeout', timeoutMs: 100 };
  };
  return { probe, port: 25, calls };
}
