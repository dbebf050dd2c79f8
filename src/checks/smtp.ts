import type { SmtpProbeResult } from '../net/smtp-probe.js';
import type { Data, Finding } from '../core/finding.js';
import { certificateData } from './tls.js';
import { finding, item, spec, type CheckStatus, type DomainCheck, type FoundItem } from './common.js';

const CHECK = 'smtp';
const OLD_PROTOCOLS = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1'];

export type CertificateFault = 'expired' | 'not-yet-valid' | 'untrusted' | 'name-mismatch';

/** What is wrong with the certificate an MX presented, checked against the MX host name from DNS. */
export function certificateFaults(result: Extract<SmtpProbeResult, { outcome: 'ok' }>): CertificateFault[] {
  const leaf = result.tls.chain[0];
  const faults: CertificateFault[] = [];
  if (leaf?.expired) faults.push('expired');
  if (leaf?.notYetValid) faults.push('not-yet-valid');
  const dated = result.tls.verifyFault === 'expired' || result.tls.verifyFault === 'not-yet-valid';
  if (!result.tls.trusted && !dated) faults.push('untrusted');
  if (!result.tls.nameMatches) faults.push('name-mismatch');
  return faults;
}

/** Why a probe could not say anything about TLS (never "no TLS"), or undefined when it could. */
function unchecked(result: SmtpProbeResult): Data | undefined {
  switch (result.outcome) {
    case 'ok':
    case 'no-starttls':
      return undefined;
    case 'tls-failed':
      return result.reason === 'handshake' ? undefined : { reason: `tls-${result.reason}` };
    case 'connect-timeout':
      return { reason: 'connect-timeout', timeoutMs: result.timeoutMs };
    case 'connect-refused':
      return { reason: 'connect-refused', code: result.code };
    case 'connect-failed':
      return { reason: 'connect-failed', code: result.code };
    case 'banner-timeout':
      return { reason: 'banner-timeout', timeoutMs: result.timeoutMs };
    case 'banner-rejected':
      return { reason: 'banner-rejected', code: result.banner.code, text: result.banner.lines[0] ?? '' };
    case 'timeout':
      return { reason: 'timeout', stage: result.stage, timeoutMs: result.timeoutMs };
    case 'protocol-error':
      return { reason: 'protocol-error', stage: result.stage, fault: result.reason };
    case 'invalid-argument':
      return { reason: 'invalid-argument', field: result.field };
  }
}

/**
 * The opt-in STARTTLS probe (--smtp) of each MX host: STARTTLS offered, the TLS version, and the
 * certificate (chain, expiry, the MX host name). Most senders encrypt opportunistically and accept
 * any certificate (RFC 7435); MTA-STS and DANE senders do not. Port 25 blocked on this network is
 * "could not check" (`smtp.unchecked`), never "no TLS".
 */
export const smtpCheck: DomainCheck = {
  id: CHECK,
  docs: '#what-is-checked',
  requires: ['mx', 'smtp'],
  findings: [spec('smtp.no-starttls', 'warning'), spec('smtp.tls-old', 'warning'), spec('smtp.cert-invalid', 'warning'), spec('smtp.banner-mismatch', 'info'), spec('smtp.unchecked', 'warning')],
  run({ smtp }) {
    const findings: Finding[] = [];
    const found: FoundItem[] = [];
    if (!smtp.enabled) return { status: 'skipped', findings, found: [item('smtp.off')], data: { enabled: false, port: null, hosts: [] } };
    const hosts: Data[] = [];
    const probed = smtp.hosts.filter((h) => h.result !== undefined);
    let failed = 0;
    // Every connect unanswered: port 25 is blocked on this network, most likely; say it once.
    const blocked = probed.length > 0 && probed.every((h) => h.result?.outcome === 'connect-timeout');
    if (blocked) findings.push(finding(CHECK, 'smtp.unchecked', 'warning', { reason: 'port-blocked', port: smtp.port, hosts: probed.map((h) => h.host) }, {}));
    for (const h of smtp.hosts) {
      const r = h.result;
      if (!r) {
        found.push(item('smtp.no-address', { host: h.host }));
        hosts.push({ host: h.host, address: null, outcome: null });
        continue;
      }
      const entry: Data = { host: h.host, address: r.address, port: r.port, outcome: r.outcome };
      hosts.push(entry);
      const why = unchecked(r);
      if (why) {
        failed++;
        found.push(item('smtp.unchecked', { host: h.host, address: r.address, port: r.port, ...why }));
        if (!blocked) findings.push(finding(CHECK, 'smtp.unchecked', 'warning', { host: h.host, address: r.address, port: r.port, ...why }, {}));
        continue;
      }
      if ('bannerHost' in r && r.bannerHost) entry.bannerHost = r.bannerHost;
      if (r.outcome === 'no-starttls' || r.outcome === 'tls-failed') {
        const reason = r.outcome === 'tls-failed' ? 'handshake' : r.reason;
        found.push(item('smtp.plain', { host: h.host, address: r.address, reason }));
        findings.push(finding(CHECK, 'smtp.no-starttls', 'warning', { host: h.host, address: r.address, reason, code: r.outcome === 'tls-failed' ? (r.code ?? null) : null }, {}));
        continue;
      }
      if (r.outcome !== 'ok') continue;
      const leaf = r.tls.chain[0];
      const faults = certificateFaults(r);
      Object.assign(entry, {
        protocol: r.tls.protocol, cipher: r.tls.cipher.standardName ?? r.tls.cipher.name, trusted: r.tls.trusted, nameMatches: r.tls.nameMatches,
        faults, certificate: certificateData(leaf), extensions: r.extensions, quit: r.quit,
      });
      found.push(item('smtp.tls', { host: h.host, address: r.address, protocol: r.tls.protocol, cipher: r.tls.cipher.standardName ?? r.tls.cipher.name, certificate: certificateData(leaf), faults }));
      if (r.tls.protocol === null || OLD_PROTOCOLS.includes(r.tls.protocol)) {
        findings.push(finding(CHECK, 'smtp.tls-old', 'warning', { host: h.host, protocol: r.tls.protocol }, {}));
      }
      if (faults.length > 0) {
        findings.push(finding(CHECK, 'smtp.cert-invalid', 'warning', { host: h.host, faults, verifyError: r.tls.verifyError ?? null, certificate: certificateData(leaf) }, {}));
      }
      if (r.bannerHost && r.bannerHost !== h.host.toLowerCase()) {
        findings.push(finding(CHECK, 'smtp.banner-mismatch', 'info', { host: h.host, bannerHost: r.bannerHost }, null));
      }
    }
    const status: CheckStatus = failed === 0 ? 'complete' : failed === probed.length ? 'failed' : 'partial';
    return { status, findings, found, data: { enabled: true, port: smtp.port, hosts, notChecked: smtp.notChecked } };
  },
};
