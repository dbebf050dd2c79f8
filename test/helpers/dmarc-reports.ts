import { gzipSync } from 'node:zlib';

// DMARC aggregate reports written for tests, in the RFC 7489 Appendix C shape the big reporters send.

export interface RowSpec {
  ip: string;
  count: number;
  from?: string;
  envelopeFrom?: string;
  dkim?: { d: string; s?: string; r: string }[];
  spf?: { d: string; r: string; scope?: string }[];
  /** policy_evaluated results (the reporter's own verdict); computed loosely when absent. */
  evaluated?: { dkim: string; spf: string };
  disposition?: string;
  reasons?: string[];
}

export interface ReportSpec {
  org: string;
  email?: string;
  id: string;
  /** Seconds since the epoch. */
  begin: number;
  end: number;
  domain?: string;
  p?: string;
  sp?: string;
  adkim?: string;
  aspf?: string;
  rows: RowSpec[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function reportXml(r: ReportSpec): string {
  const domain = r.domain ?? 'example.com';
  const rows = r.rows.map((row) => {
    const from = row.from ?? domain;
    const dkim = row.dkim ?? [];
    const spf = row.spf ?? [];
    const evaluated = row.evaluated ?? {
      dkim: dkim.some((d) => d.r === 'pass' && d.d.endsWith(from)) ? 'pass' : 'fail',
      spf: spf.some((s) => s.r === 'pass' && s.d.endsWith(from)) ? 'pass' : 'fail',
    };
    const reasons = (row.reasons ?? []).map((t) => `<reason><type>${t}</type></reason>`).join('');
    return `  <record>
    <row><source_ip>${row.ip}</source_ip><count>${row.count}</count>
      <policy_evaluated><disposition>${row.disposition ?? 'none'}</disposition><dkim>${evaluated.dkim}</dkim><spf>${evaluated.spf}</spf>${reasons}</policy_evaluated></row>
    <identifiers>${row.envelopeFrom !== undefined ? `<envelope_from>${esc(row.envelopeFrom)}</envelope_from>` : ''}<header_from>${esc(from)}</header_from></identifiers>
    <auth_results>${dkim.map((d) => `<dkim><domain>${esc(d.d)}</domain>${d.s ? `<selector>${esc(d.s)}</selector>` : ''}<result>${d.r}</result></dkim>`).join('')}${spf.map((s) => `<spf><domain>${esc(s.d)}</domain>${s.scope ? `<scope>${s.scope}</scope>` : ''}<result>${s.r}</result></spf>`).join('')}</auth_results>
  </record>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" ?>
<feedback>
  <report_metadata><org_name>${esc(r.org)}</org_name><email>${esc(r.email ?? `dmarc@${r.org}`)}</email><report_id>${esc(r.id)}</report_id>
    <date_range><begin>${r.begin}</begin><end>${r.end}</end></date_range></report_metadata>
  <policy_published><domain>${domain}</domain><adkim>${r.adkim ?? 'r'}</adkim><aspf>${r.aspf ?? 'r'}</aspf><p>${r.p ?? 'none'}</p>${r.sp ? `<sp>${r.sp}</sp>` : ''}<pct>100</pct></policy_published>
${rows.join('\n')}
</feedback>
`;
}

/** A report message as a receiver sends it: the report gzipped and attached in base64. */
export function reportEmail(xml: string, options: { filename?: string; from?: string; subject?: string; gzip?: boolean; zip?: Buffer } = {}): string {
  const gz = options.gzip ?? true;
  const body = options.zip ?? (gz ? gzipSync(Buffer.from(xml)) : Buffer.from(xml));
  const name = options.filename ?? (options.zip ? 'report.zip' : gz ? 'report.xml.gz' : 'report.xml');
  const type = options.zip ? 'application/zip' : gz ? 'application/gzip' : 'text/xml';
  const b64 = body.toString('base64').replace(/.{76}/g, '$&\n');
  return [
    `From: ${options.from ?? 'noreply-dmarc-support@google.com'}`,
    'To: dmarc-reports@example.com',
    `Subject: ${options.subject ?? 'Report domain: example.com Submitter: google.com'}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is an aggregate report.',
    '--b1',
    `Content-Type: ${type}; name="${name}"`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; filename="${name}"`,
    '',
    b64,
    '--b1--',
    '',
  ].join('\r\n');
}

/** Messages joined into an mbox (From_ lines, >From escaping). */
export function mbox(messages: string[]): string {
  return messages.map((m, i) => `From MAILER-DAEMON Thu Jan  ${String(i + 1).padStart(2, ' ')} 00:00:00 2026\n${m.replace(/\r\n/g, '\n').replace(/^From /gm, '>From ')}\n`).join('\n');
}

export const DAY = 86400;
/** 2026-01-01T00:00:00Z */
export const T0 = 1767225600;
