import { parseIp } from '../net/ip.js';
import { EXTENSION_NAME, EXTENSION_VALUE, looksLikeVersion, splitFields, startsWithVersion, trimWsp } from './txt-fields.js';

// MTA-STS (RFC 8461): the `_mta-sts.<domain>` TXT record (§3.1) and the policy file served at
// https://mta-sts.<domain>/.well-known/mta-sts.txt (§3.2). Pure parse and format: problems are
// stable codes with data, never sentences. Both grammars are case-sensitive (`%s"…"`); a key or
// value in another case is reported (with a code of its own) and not accepted, as a strict sender
// would.

// ---------------------------------------------------------------------------------------------
// Names

function bare(domain: string): string {
  return domain.toLowerCase().replace(/\.$/, '');
}

/** `_mta-sts.<domain>` (§3.1). */
export function mtaStsRecordName(domain: string): string {
  return `_mta-sts.${bare(domain)}`;
}

/** `mta-sts.<domain>`: the host whose certificate must be valid (§3.3). */
export function mtaStsPolicyHost(domain: string): string {
  return `mta-sts.${bare(domain)}`;
}

/** `https://mta-sts.<domain>/.well-known/mta-sts.txt` (§3.3). */
export function mtaStsPolicyUrl(domain: string): string {
  return `https://${mtaStsPolicyHost(domain)}/.well-known/mta-sts.txt`;
}

// ---------------------------------------------------------------------------------------------
// TXT record

export interface MtaStsRecord {
  /** 1–32 letters and digits; senders refetch the policy when it changes. */
  id: string;
  /** Other `name=value` fields, in order (senders ignore them). */
  extensions: { name: string; value: string }[];
}

export type MtaStsRecordProblem =
  /** No TXT string at the name starts with `v=STSv1`: the domain has no MTA-STS. */
  | { code: 'mta-sts.record-missing' }
  /** More than one `v=STSv1` record: senders MUST assume no policy (§3.1). */
  | { code: 'mta-sts.record-multiple'; count: number; records: string[] }
  /** A TXT string meant as the record that senders discard (`V=STSv1`, ` v=STSv1`, `v = STSv1`). */
  | { code: 'mta-sts.record-lookalike'; value: string }
  /** A part between ";" that is not `name=value` (spaces around "=", empty value, bad name). */
  | { code: 'mta-sts.record-syntax'; field: string; index: number }
  /** An extension value with characters the grammar excludes. */
  | { code: 'mta-sts.record-extension-invalid'; name: string; value: string }
  /** A field named like `id` in another case (`ID=`, `Id=`): the grammar is case-sensitive. */
  | { code: 'mta-sts.record-key-case'; key: string; expected: 'id' }
  | { code: 'mta-sts.id-missing' }
  /** `id` is not 1–32 letters and digits (a common mistake: a date with "-"). */
  | { code: 'mta-sts.id-invalid'; value: string; reason: 'length' | 'characters' }
  /** `id` given more than once; the first is used. */
  | { code: 'mta-sts.id-duplicate'; values: string[] };

export interface MtaStsRecordParse {
  /** Present when the record is usable by senders (version and a valid id); problems may remain. */
  record?: MtaStsRecord;
  problems: MtaStsRecordProblem[];
}

export interface MtaStsRecordSelection extends MtaStsRecordParse {
  /** The TXT string that was parsed (the one `v=STSv1` record), when there is exactly one. */
  text?: string;
}

const VERSION = 'STSv1';
const ID = /^[A-Za-z0-9]{1,32}$/;
/** Syntax problems listed per record (a hostile record can have thousands of empty fields). */
const MAX_FIELD_PROBLEMS = 10;

export function isMtaStsRecord(text: string): boolean {
  return startsWithVersion(text, VERSION);
}

/** Parses one TXT string that starts with `v=STSv1` (see isMtaStsRecord). */
export function parseMtaStsRecord(text: string): MtaStsRecordParse {
  if (!isMtaStsRecord(text)) {
    return { problems: looksLikeVersion(text, VERSION) ? [{ code: 'mta-sts.record-lookalike', value: text }] : [{ code: 'mta-sts.record-missing' }] };
  }
  const problems: MtaStsRecordProblem[] = [];
  const { fields, malformed } = splitFields(text, VERSION);
  for (const m of malformed.slice(0, MAX_FIELD_PROBLEMS)) problems.push({ code: 'mta-sts.record-syntax', field: m.text.slice(0, 200), index: m.index });
  const ids: string[] = [];
  const extensions: MtaStsRecord['extensions'] = [];
  for (const field of fields) {
    if (field.name === 'id') {
      ids.push(field.value);
    } else {
      if (field.name.toLowerCase() === 'id') problems.push({ code: 'mta-sts.record-key-case', key: field.name, expected: 'id' });
      if (!EXTENSION_VALUE.test(field.value)) problems.push({ code: 'mta-sts.record-extension-invalid', name: field.name, value: field.value });
      extensions.push({ name: field.name, value: field.value });
    }
  }
  if (ids.length > 1) problems.push({ code: 'mta-sts.id-duplicate', values: ids });
  const id = ids[0];
  if (id === undefined) {
    problems.push({ code: 'mta-sts.id-missing' });
    return { problems };
  }
  if (!ID.test(id)) {
    problems.push({ code: 'mta-sts.id-invalid', value: id, reason: /^[A-Za-z0-9]+$/.test(id) ? 'length' : 'characters' });
    return { problems };
  }
  return { record: { id, extensions }, problems };
}

/**
 * RFC 8461 §3.1 discovery over every TXT string at `_mta-sts.<domain>`: strings that do not
 * start with `v=STSv1` are discarded (lookalikes reported); exactly one must remain.
 */
export function selectMtaStsRecord(txts: readonly string[]): MtaStsRecordSelection {
  const candidates = txts.filter(isMtaStsRecord);
  const lookalikes: MtaStsRecordProblem[] = txts
    .filter((t) => looksLikeVersion(t, VERSION))
    .map((value) => ({ code: 'mta-sts.record-lookalike', value }));
  if (candidates.length > 1) return { problems: [{ code: 'mta-sts.record-multiple', count: candidates.length, records: candidates }, ...lookalikes] };
  const text = candidates[0];
  if (text === undefined) return { problems: [{ code: 'mta-sts.record-missing' }, ...lookalikes] };
  const parsed = parseMtaStsRecord(text);
  return { ...parsed, text, problems: [...parsed.problems, ...lookalikes] };
}

export function formatMtaStsRecord(record: MtaStsRecord): string {
  return [`v=${VERSION}`, `id=${record.id}`, ...record.extensions.map((e) => `${e.name}=${e.value}`)].join('; ');
}

// ---------------------------------------------------------------------------------------------
// Policy file

export type MtaStsMode = 'enforce' | 'testing' | 'none';

export interface MtaStsPolicy {
  version: 'STSv1';
  mode: MtaStsMode;
  /** Seconds, 0–31557600. */
  maxAge: number;
  /** Valid `mx` patterns, lower-cased, in order (`mx.example.com`, `*.example.net`). */
  mx: string[];
  /** Other keys, in order (senders ignore them). */
  extensions: { name: string; value: string }[];
}

export type MtaStsMxPatternFault = 'ip-address' | 'trailing-dot' | 'wildcard' | 'label' | 'too-long' | 'empty';

export type MtaStsPolicyProblem =
  /** The body is over the size cap (bytes as UTF-8); not parsed. */
  | { code: 'mta-sts.policy-too-large'; bytes: number; limit: number }
  /** A line that is not `key: value` (line numbers from 1). */
  | { code: 'mta-sts.policy-line-syntax'; line: number; text: string; reason: 'no-colon' | 'key' | 'value' | 'bare-cr' }
  /** A known key in another case (`Mode:`); the grammar is case-sensitive, so senders ignore it. */
  | { code: 'mta-sts.policy-key-case'; line: number; key: string; expected: 'version' | 'mode' | 'max_age' | 'mx' }
  /** `version`, `mode` or `max_age` given more than once; the first is used. */
  | { code: 'mta-sts.policy-duplicate-key'; line: number; key: 'version' | 'mode' | 'max_age'; value: string; first: string }
  | { code: 'mta-sts.policy-version-missing' }
  | { code: 'mta-sts.policy-version-invalid'; value: string }
  | { code: 'mta-sts.policy-mode-missing' }
  /** `caseOnly`: the value is a valid mode in another case (`Enforce`). */
  | { code: 'mta-sts.policy-mode-invalid'; value: string; caseOnly: boolean }
  | { code: 'mta-sts.policy-max-age-missing' }
  /** Not 1–10 digits (`1e6`, `-1`, `86400s`). */
  | { code: 'mta-sts.policy-max-age-invalid'; value: string }
  /** Digits, but over 31557600 (about a year). */
  | { code: 'mta-sts.policy-max-age-range'; value: string; max: number }
  /** No valid `mx` line while the mode is enforce or testing. */
  | { code: 'mta-sts.policy-mx-missing'; mode: MtaStsMode }
  /** An `mx` value that is not `["*."] Domain`; it matches nothing. */
  | { code: 'mta-sts.policy-mx-invalid'; line: number; value: string; reason: MtaStsMxPatternFault }
  /** More problems than the cap; the rest are not listed. */
  | { code: 'mta-sts.policy-problems-truncated'; omitted: number };

export interface MtaStsPolicyParse {
  /** Present when senders can apply the policy: version, mode, max_age valid and mx present unless mode none. */
  policy?: MtaStsPolicy;
  problems: MtaStsPolicyProblem[];
}

/** RFC 8461 §3.3: the common practice (and our fetch cap) for the policy body. */
export const MTA_STS_POLICY_MAX_BYTES = 64 * 1024;
/** RFC 8461 §3.2: "maximum value of 31557600". */
export const MTA_STS_MAX_AGE_MAX = 31_557_600;
const MAX_PROBLEMS = 32;

const MODES: readonly string[] = ['enforce', 'testing', 'none'];
const KNOWN_KEYS = ['version', 'mode', 'max_age', 'mx'] as const;
type KnownKey = (typeof KNOWN_KEYS)[number];
/** `sts-policy-ext-value`: printable characters (and UTF-8), spaces only inside. */
const POLICY_VALUE = /^[^\x00-\x20\x7f](?:[^\x00-\x1f\x7f]*[^\x00-\x20\x7f])?$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why an `mx` pattern is not `["*."] Domain` (RFC 8461 §3.2, RFC 5321 Domain), or undefined when valid. */
export function mxPatternFault(pattern: string): MtaStsMxPatternFault | undefined {
  if (pattern === '') return 'empty';
  if (pattern.length > 255) return 'too-long';
  // Only address-shaped text goes to the (slower) address parser.
  if (/^\[?[0-9A-Fa-f:.]+\]?$/.test(pattern) && parseIp(pattern.replace(/^\[|\]$/g, ''))) return 'ip-address';
  if (pattern.endsWith('.')) return 'trailing-dot';
  const body = pattern.startsWith('*.') ? pattern.slice(2) : pattern;
  if (body.includes('*')) return 'wildcard';
  const labels = body.toLowerCase().split('.');
  if (!labels.every((l) => LABEL.test(l))) return 'label';
  return undefined;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Parses a policy body (decoded text). Lines end in LF or CRLF; unknown keys are ignored. */
export function parseMtaStsPolicy(body: string, options: { maxBytes?: number } = {}): MtaStsPolicyParse {
  const limit = options.maxBytes ?? MTA_STS_POLICY_MAX_BYTES;
  // Cheap guard before measuring: a UTF-16 length over the cap is over the cap in UTF-8 too.
  const bytes = body.length > limit ? body.length : utf8Length(body);
  if (bytes > limit) return { problems: [{ code: 'mta-sts.policy-too-large', bytes, limit }] };

  const problems: MtaStsPolicyProblem[] = [];
  let omitted = 0;
  const report = (p: MtaStsPolicyProblem): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
    else omitted++;
  };
  const first: Partial<Record<Exclude<KnownKey, 'mx'>, { value: string; line: number }>> = {};
  const mx: string[] = [];
  const extensions: MtaStsPolicy['extensions'] = [];

  const lines = body.split('\n');
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return;
    if (text.includes('\r')) return report({ code: 'mta-sts.policy-line-syntax', line, text: text.slice(0, 200), reason: 'bare-cr' });
    const colon = text.indexOf(':');
    if (colon < 0) return report({ code: 'mta-sts.policy-line-syntax', line, text: text.slice(0, 200), reason: 'no-colon' });
    const key = text.slice(0, colon);
    const value = trimWsp(text.slice(colon + 1));
    if (!EXTENSION_NAME.test(key)) return report({ code: 'mta-sts.policy-line-syntax', line, text: text.slice(0, 200), reason: 'key' });
    if (!POLICY_VALUE.test(value)) return report({ code: 'mta-sts.policy-line-syntax', line, text: text.slice(0, 200), reason: 'value' });
    if (key === 'mx') {
      const fault = mxPatternFault(value);
      if (fault) report({ code: 'mta-sts.policy-mx-invalid', line, value, reason: fault });
      else mx.push(value.toLowerCase());
      return;
    }
    if (key === 'version' || key === 'mode' || key === 'max_age') {
      const seen = first[key];
      if (seen) report({ code: 'mta-sts.policy-duplicate-key', line, key, value, first: seen.value });
      else first[key] = { value, line };
      return;
    }
    const lower = key.toLowerCase();
    const known = KNOWN_KEYS.find((k) => k === lower);
    if (known) report({ code: 'mta-sts.policy-key-case', line, key, expected: known });
    extensions.push({ name: key, value });
  });

  let ok = true;
  const version = first.version?.value;
  if (version === undefined) {
    report({ code: 'mta-sts.policy-version-missing' });
    ok = false;
  } else if (version !== VERSION) {
    report({ code: 'mta-sts.policy-version-invalid', value: version });
    ok = false;
  }
  const modeText = first.mode?.value;
  let mode: MtaStsMode | undefined;
  if (modeText === undefined) {
    report({ code: 'mta-sts.policy-mode-missing' });
  } else if (MODES.includes(modeText)) {
    mode = modeText as MtaStsMode;
  } else {
    report({ code: 'mta-sts.policy-mode-invalid', value: modeText, caseOnly: MODES.includes(modeText.toLowerCase()) });
  }
  const ageText = first.max_age?.value;
  let maxAge: number | undefined;
  if (ageText === undefined) {
    report({ code: 'mta-sts.policy-max-age-missing' });
  } else if (!/^[0-9]{1,10}$/.test(ageText)) {
    report({ code: 'mta-sts.policy-max-age-invalid', value: ageText });
  } else if (Number(ageText) > MTA_STS_MAX_AGE_MAX) {
    report({ code: 'mta-sts.policy-max-age-range', value: ageText, max: MTA_STS_MAX_AGE_MAX });
  } else {
    maxAge = Number(ageText);
  }
  if (mode !== undefined && mode !== 'none' && mx.length === 0) {
    report({ code: 'mta-sts.policy-mx-missing', mode });
    ok = false;
  }
  if (omitted > 0) problems.push({ code: 'mta-sts.policy-problems-truncated', omitted });
  if (!ok || mode === undefined || maxAge === undefined) return { problems };
  return { policy: { version: VERSION, mode, maxAge, mx, extensions }, problems };
}

/** The policy file text (CRLF lines, as §3.2 shows), which parseMtaStsPolicy reads back unchanged. */
export function formatMtaStsPolicy(policy: Omit<MtaStsPolicy, 'version' | 'extensions'> & { extensions?: MtaStsPolicy['extensions'] }): string {
  const lines = [`version: ${VERSION}`, `mode: ${policy.mode}`, ...policy.mx.map((m) => `mx: ${m}`), `max_age: ${policy.maxAge}`, ...(policy.extensions ?? []).map((e) => `${e.name}: ${e.value}`)];
  return lines.map((l) => `${l}\r\n`).join('');
}
