import { EXTENSION_VALUE, looksLikeVersion, splitFields, startsWithVersion } from './txt-fields.js';

// SMTP TLS Reporting (RFC 8460 §3): the `_smtp._tls.<domain>` TXT record
// `v=TLSRPTv1; rua=mailto:tls@example.com,https://reports.example.com/tls`. Pure parse and
// format; problems are stable codes with data.

export interface TlsRptUri {
  uri: string;
  scheme: 'mailto' | 'https';
  /** mailto: the address, domain lower-cased. */
  address?: string;
  /** mailto: the mailbox domain; https: the host. Lower case. */
  domain?: string;
}

export interface TlsRptRecord {
  rua: TlsRptUri[];
  extensions: { name: string; value: string }[];
}

export type TlsRptUriFault = 'scheme' | 'http' | 'mailto' | 'https' | 'empty';

export type TlsRptProblem =
  | { code: 'tls-rpt.record-missing' }
  /** More than one `v=TLSRPTv1` record: senders MUST assume no TLS-RPT (§3). */
  | { code: 'tls-rpt.record-multiple'; count: number; records: string[] }
  /** A TXT string meant as the record that senders discard (`v=tlsrptv1`, ` v=TLSRPTv1`). */
  | { code: 'tls-rpt.record-lookalike'; value: string }
  | { code: 'tls-rpt.record-syntax'; field: string; index: number }
  | { code: 'tls-rpt.record-extension-invalid'; name: string; value: string }
  /** `RUA=` or `Rua=`: the grammar is case-sensitive. */
  | { code: 'tls-rpt.record-key-case'; key: string; expected: 'rua' }
  | { code: 'tls-rpt.rua-missing' }
  /** `rua` given more than once; the first is used. */
  | { code: 'tls-rpt.rua-duplicate'; count: number }
  /** A report URI receivers cannot use: not mailto:/https: (`http` for plain http:), or malformed. */
  | { code: 'tls-rpt.rua-uri-invalid'; uri: string; reason: TlsRptUriFault }
  /** Every rua URI is invalid: nowhere to send reports. */
  | { code: 'tls-rpt.rua-none-valid' };

export interface TlsRptParse {
  /** Present when senders can use the record (version and at least one valid rua URI). */
  record?: TlsRptRecord;
  problems: TlsRptProblem[];
}

export interface TlsRptSelection extends TlsRptParse {
  text?: string;
}

const VERSION = 'TLSRPTv1';
/** Problems of one kind listed per record (a hostile record can have thousands of parts). */
const MAX_LISTED = 10;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$/;

function validDomain(name: string): boolean {
  const labels = name.split('.');
  return name.length <= 253 && labels.length >= 2 && labels.every((l) => LABEL.test(l));
}

/** One rua URI; undefined fault when valid. */
export function parseTlsRptUri(text: string): { uri: TlsRptUri } | { fault: TlsRptUriFault } {
  const uri = text.trim();
  if (uri === '') return { fault: 'empty' };
  const colon = uri.indexOf(':');
  const scheme = colon < 0 ? '' : uri.slice(0, colon).toLowerCase();
  if (scheme === 'mailto') {
    // RFC 6068: one address (percent-encoded specials); hfields after "?" are allowed and ignored.
    const rest = uri.slice(colon + 1).split('?')[0] as string;
    let decoded: string;
    try {
      decoded = decodeURIComponent(rest);
    } catch {
      return { fault: 'mailto' };
    }
    const at = decoded.lastIndexOf('@');
    const local = decoded.slice(0, at);
    const domain = decoded.slice(at + 1).toLowerCase();
    if (at <= 0 || !LOCAL_PART.test(local) || !validDomain(domain)) return { fault: 'mailto' };
    return { uri: { uri, scheme: 'mailto', address: `${local}@${domain}`, domain } };
  }
  if (scheme === 'https') {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return { fault: 'https' };
    }
    const host = url.hostname.toLowerCase();
    if (!uri.slice(colon).startsWith('://') || host === '' || url.username !== '' || url.password !== '') return { fault: 'https' };
    return { uri: { uri, scheme: 'https', domain: host } };
  }
  return { fault: scheme === 'http' ? 'http' : 'scheme' };
}

/** `_smtp._tls.<domain>` (RFC 8460 §3). */
export function tlsRptRecordName(domain: string): string {
  return `_smtp._tls.${domain.toLowerCase().replace(/\.$/, '')}`;
}

export function isTlsRptRecord(text: string): boolean {
  return startsWithVersion(text, VERSION);
}

export function parseTlsRpt(text: string): TlsRptParse {
  if (!isTlsRptRecord(text)) {
    return { problems: looksLikeVersion(text, VERSION) ? [{ code: 'tls-rpt.record-lookalike', value: text }] : [{ code: 'tls-rpt.record-missing' }] };
  }
  const problems: TlsRptProblem[] = [];
  const { fields, malformed } = splitFields(text, VERSION);
  for (const m of malformed.slice(0, MAX_LISTED)) problems.push({ code: 'tls-rpt.record-syntax', field: m.text.slice(0, 200), index: m.index });
  const ruaFields = fields.filter((f) => f.name === 'rua');
  const extensions: TlsRptRecord['extensions'] = [];
  for (const field of fields) {
    if (field.name === 'rua') continue;
    if (field.name.toLowerCase() === 'rua') problems.push({ code: 'tls-rpt.record-key-case', key: field.name, expected: 'rua' });
    if (!EXTENSION_VALUE.test(field.value)) problems.push({ code: 'tls-rpt.record-extension-invalid', name: field.name, value: field.value });
    extensions.push({ name: field.name, value: field.value });
  }
  const rua = ruaFields[0];
  if (rua === undefined) {
    problems.push({ code: 'tls-rpt.rua-missing' });
    return { problems };
  }
  if (ruaFields.length > 1) problems.push({ code: 'tls-rpt.rua-duplicate', count: ruaFields.length });
  const uris: TlsRptUri[] = [];
  let invalid = 0;
  // Commas inside a URI must be percent-encoded (§3), so "," always separates URIs.
  for (const part of rua.value.split(',')) {
    const parsed = parseTlsRptUri(part);
    if ('uri' in parsed) uris.push(parsed.uri);
    else if (invalid++ < MAX_LISTED) problems.push({ code: 'tls-rpt.rua-uri-invalid', uri: part.trim().slice(0, 200), reason: parsed.fault });
  }
  if (uris.length === 0) {
    problems.push({ code: 'tls-rpt.rua-none-valid' });
    return { problems };
  }
  return { record: { rua: uris, extensions }, problems };
}

/** RFC 8460 §3 discovery over every TXT string at `_smtp._tls.<domain>`. */
export function selectTlsRpt(txts: readonly string[]): TlsRptSelection {
  const candidates = txts.filter(isTlsRptRecord);
  const lookalikes: TlsRptProblem[] = txts
    .filter((t) => looksLikeVersion(t, VERSION))
    .map((value) => ({ code: 'tls-rpt.record-lookalike', value }));
  if (candidates.length > 1) return { problems: [{ code: 'tls-rpt.record-multiple', count: candidates.length, records: candidates }, ...lookalikes] };
  const text = candidates[0];
  if (text === undefined) return { problems: [{ code: 'tls-rpt.record-missing' }, ...lookalikes] };
  const parsed = parseTlsRpt(text);
  return { ...parsed, text, problems: [...parsed.problems, ...lookalikes] };
}

export function formatTlsRpt(record: { rua: readonly (TlsRptUri | string)[]; extensions?: TlsRptRecord['extensions'] }): string {
  const rua = record.rua.map((u) => (typeof u === 'string' ? u : u.uri)).join(',');
  return [`v=${VERSION}`, `rua=${rua}`, ...(record.extensions ?? []).map((e) => `${e.name}=${e.value}`)].join('; ');
}
