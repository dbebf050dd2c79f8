import { domainToASCII } from 'node:url';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { parseIp } from '../net/ip.js';

// DMARC aggregate ("rua") reports: RFC 7489 Appendix C `feedback` XML, and the additions of DMARCbis
// aggregate reporting (draft-ietf-dmarc-aggregate-reporting, published as RFC 9990): `version`, `generator`,
// `np`, `testing`, `discovery_method`, `human_result`, `extension` elements, the dmarc-2.0 namespace.
// Pure: text or bytes in, a typed report or one rejection `{ code, data }` out. Never throws, never expands
// entities, refuses any DOCTYPE, and bounds every dimension (bytes, depth, records, text lengths).
//
// The XML is read with saxes, a streaming, well-formedness-checking SAX parser that does not process DTDs
// (an entity declared in a DTD is never expanded: referencing one is an error), so "billion laughs" and XXE
// cannot happen; we additionally reject the DOCTYPE itself. Streaming means we build the typed report as
// elements close and never hold a generic object tree of the document.

/** A rejection or a warning: a stable id and plain data, never a sentence. */
export interface ReportProblem {
  code: string;
  data: Record<string, string | number>;
}

export type PolicyAction = 'none' | 'quarantine' | 'reject';
export type AlignmentMode = 'r' | 's';
/** What the receiver did: `pass` appears in DMARCbis-era reports (no action, DMARC passed). */
export type Disposition = PolicyAction | 'pass' | 'other';
/** The DMARC-aligned verdict in `policy_evaluated` (anything but `pass` counts as `fail`). */
export type EvaluatedResult = 'pass' | 'fail';
export type DkimResult = 'none' | 'pass' | 'fail' | 'policy' | 'neutral' | 'temperror' | 'permerror' | 'other';
export type SpfResult = 'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror' | 'other';
export type SpfScope = 'mfrom' | 'helo';

export interface DateRange {
  /** Seconds since the epoch (UTC). */
  begin: number;
  end: number;
}

export interface ReportMetadata {
  orgName: string;
  email: string;
  extraContactInfo?: string;
  /** As written (trimmed); '' when the reporter left it out (a warning says so). */
  reportId: string;
  dateRange: DateRange;
  /** `error` elements, verbatim (reporter-written free text: display only, never interpret). */
  errors: string[];
  /** DMARCbis: name and version of the reporting software. */
  generator?: string;
}

export interface PolicyPublished {
  /** Lower-case, no trailing dot. */
  domain: string;
  adkim?: AlignmentMode;
  aspf?: AlignmentMode;
  p?: PolicyAction;
  sp?: PolicyAction;
  /** DMARCbis: policy for non-existent subdomains. */
  np?: PolicyAction;
  /** RFC 7489 only (DMARCbis replaced it with `testing`). */
  pct?: number;
  fo?: string;
  /** DMARCbis: the `t` tag (`y` = testing mode). */
  testing?: 'y' | 'n';
  /** DMARCbis: how the receiver found the policy record. */
  discoveryMethod?: 'psl' | 'treewalk';
}

export interface PolicyOverrideReason {
  /** forwarded, sampled_out, trusted_forwarder, mailing_list, local_policy, policy_test_mode, other… (lower case). */
  type: string;
  comment?: string;
}

export interface ReportRow {
  /** Canonical text (dotted quad, or RFC 5952 IPv6). */
  sourceIp: string;
  /** Messages this record stands for. */
  count: number;
  policyEvaluated: {
    disposition?: Disposition;
    dkim?: EvaluatedResult;
    spf?: EvaluatedResult;
    reasons: PolicyOverrideReason[];
  };
}

export interface ReportIdentifiers {
  /** RFC5322.From domain; '' when missing (a warning says so). */
  headerFrom: string;
  /** RFC5321.MailFrom domain; '' when present but empty (null reverse-path), undefined when absent. */
  envelopeFrom?: string;
  envelopeTo?: string;
}

export interface DkimAuthResult {
  domain: string;
  selector?: string;
  result: DkimResult;
  humanResult?: string;
}

export interface SpfAuthResult {
  domain: string;
  scope?: SpfScope;
  result: SpfResult;
  humanResult?: string;
}

export interface ReportRecord {
  row: ReportRow;
  identifiers: ReportIdentifiers;
  authResults: { dkim: DkimAuthResult[]; spf: SpfAuthResult[] };
  /** Qualified names of record-level extension elements (DMARCbis), when any. */
  extensions?: string[];
}

export interface DmarcAggregateReport {
  /** `<version>` (DMARCbis reports say 1.0), when present. */
  version?: string;
  /** Namespace of the root element: '' (most reporters), http://dmarc.org/dmarc-xml/0.1, urn:ietf:params:xml:ns:dmarc-2.0… */
  namespace: string;
  metadata: ReportMetadata;
  policy: PolicyPublished;
  records: ReportRecord[];
  /** Sum of the records' counts. */
  messages: number;
  /** Qualified names of file-level extension elements (DMARCbis `<extension>`), when any. */
  extensions: string[];
  /** Oddities tolerated while reading (capped; the last one may be `dmarc-report.more-warnings`). */
  warnings: ReportProblem[];
}

export type DmarcReportParse = { ok: true; report: DmarcAggregateReport } | { ok: false; problem: ReportProblem };

export interface DmarcReportLimits {
  /** Largest document accepted, in bytes (or UTF-16 code units for text input). */
  maxBytes: number;
  /** Deepest element nesting accepted (real reports nest 6 deep). */
  maxDepth: number;
  /** Most `record` elements in one report. */
  maxRecords: number;
  /** Largest `count` in one record. Keeps every sum exact in a double. */
  maxCount: number;
  /** DKIM signatures, SPF results and override reasons kept per record (the draft says at most 100 signatures). */
  maxAuthResults: number;
  /** Longest value of an identifier field (domain, IP, count…); longer is a rejection. */
  maxFieldLength: number;
  /** Free-text fields (error, comment, human_result…) are cut to this length. */
  maxFreeTextLength: number;
}

export const DEFAULT_REPORT_LIMITS: DmarcReportLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxDepth: 32,
  maxRecords: 200_000,
  maxCount: 1_000_000_000,
  maxAuthResults: 100,
  maxFieldLength: 1024,
  maxFreeTextLength: 1024,
};

/** Namespaces real reporters and the specifications use for the root element. */
export const KNOWN_NAMESPACES: readonly string[] = [
  '',
  'http://dmarc.org/dmarc-xml/0.1',
  'http://dmarc.org/dmarc-xml/2.0',
  'urn:ietf:params:xml:ns:dmarc-2.0',
];

const MAX_WARNINGS = 32;
const MAX_EXTENSION_NAMES = 32;
const MAX_ERRORS = 32;
const MAX_ATTRIBUTES = 256;
const LATEST_TIMESTAMP = 253402300799; // 9999-12-31T23:59:59Z

/** Thrown inside saxes handlers to stop parsing at once; caught in parseDmarcReport. */
class Stop {
  constructor(readonly problem: ReportProblem) {}
}

function stop(code: string, data: Record<string, string | number> = {}): never {
  throw new Stop({ code, data });
}

/** A value quoted in problem data: short, so hostile input cannot bloat a rejection. */
function sample(value: string): string {
  return value.length > 64 ? `${value.slice(0, 64)}…` : value;
}

// ---------------------------------------------------------------------------------------------------------
// Bytes → text

/** The encoding named in an XML declaration (`<?xml … encoding="…"?>`) at the start of the bytes. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 256)).toString('latin1');
  const match = /^\s*<\?xml\s[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/.exec(head);
  return match?.[1];
}

/** Decodes a report's bytes: BOM first, then the declared encoding, else UTF-8 (bad bytes become U+FFFD). */
export function decodeReportBytes(bytes: Uint8Array): { text: string } | { problem: ReportProblem } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  let label = 'utf-8';
  let offset = 0;
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) offset = 3;
  else if (b0 === 0xff && b1 === 0xfe) [label, offset] = ['utf-16le', 2];
  else if (b0 === 0xfe && b1 === 0xff) [label, offset] = ['utf-16be', 2];
  else if (b0 === 0x3c && b1 === 0x00) label = 'utf-16le';
  else if (b0 === 0x00 && b1 === 0x3c) label = 'utf-16be';
  else {
    const declared = declaredEncoding(bytes)?.toLowerCase();
    // A document that says UTF-16 but has neither a BOM nor 16-bit '<' is not UTF-16: read it as 8-bit.
    if (declared && !declared.startsWith('utf-16') && declared !== 'utf-8' && declared !== 'utf8') label = declared;
  }
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: false, ignoreBOM: true });
  } catch {
    return { problem: { code: 'dmarc-report.encoding-unsupported', data: { encoding: sample(label) } } };
  }
  return { text: decoder.decode(bytes.subarray(offset)) };
}

// ---------------------------------------------------------------------------------------------------------
// Value normalisation

/** A domain field: lower case, no trailing dots, A-label for Unicode; the part after '@' if an address slipped in. */
function domainValue(raw: string): string {
  let value = raw.trim().toLowerCase();
  const at = value.lastIndexOf('@');
  if (at >= 0) value = value.slice(at + 1);
  let end = value.length;
  while (end > 0 && value[end - 1] === '.') end--;
  value = value.slice(0, end);
  if (/[^\x00-\x7f]/.test(value)) {
    const ascii = domainToASCII(value);
    if (ascii !== '') value = ascii;
  }
  return value;
}

function enumValue<T extends string>(raw: string, allowed: readonly T[]): T | undefined {
  const value = raw.trim().toLowerCase();
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

const POLICY_ACTIONS = ['none', 'quarantine', 'reject'] as const;
const DISPOSITIONS = ['none', 'quarantine', 'reject', 'pass'] as const;
const DKIM_RESULTS = ['none', 'pass', 'fail', 'policy', 'neutral', 'temperror', 'permerror'] as const;
const SPF_RESULTS = ['none', 'neutral', 'pass', 'fail', 'softfail', 'temperror', 'permerror'] as const;
/** Older spellings: RFC 7489's schema notes temperror "commonly implemented as unknown", permerror as "error". */
const SPF_ALIASES: Record<string, SpfResult> = { unknown: 'temperror', error: 'permerror', hardfail: 'fail' };
const DKIM_ALIASES: Record<string, DkimResult> = { unknown: 'temperror', error: 'permerror', hardfail: 'fail' };

const INTEGER = /^\+?(\d{1,15})(?:\.0*)?$/;
const TIMESTAMP = /^\+?(\d{1,15})(?:\.\d{0,9})?$/;

// ---------------------------------------------------------------------------------------------------------
// The element paths we read. Paths are local names joined by '/', below the root `feedback`.

const FREE_TEXT = new Set([
  'report_metadata/extra_contact_info',
  'report_metadata/error',
  'report_metadata/generator',
  'record/row/policy_evaluated/reason/comment',
  'record/auth_results/dkim/human_result',
  'record/auth_results/spf/human_result',
]);

const LEAVES = new Set([
  'version',
  'report_metadata/org_name',
  'report_metadata/email',
  'report_metadata/report_id',
  'report_metadata/date_range/begin',
  'report_metadata/date_range/end',
  'policy_published/domain',
  'policy_published/adkim',
  'policy_published/aspf',
  'policy_published/p',
  'policy_published/sp',
  'policy_published/np',
  'policy_published/pct',
  'policy_published/fo',
  'policy_published/testing',
  'policy_published/discovery_method',
  'record/row/source_ip',
  'record/row/count',
  'record/row/policy_evaluated/disposition',
  'record/row/policy_evaluated/dkim',
  'record/row/policy_evaluated/spf',
  'record/row/policy_evaluated/reason/type',
  'record/identifiers/header_from',
  'record/identifiers/envelope_from',
  'record/identifiers/envelope_to',
  'record/auth_results/dkim/domain',
  'record/auth_results/dkim/selector',
  'record/auth_results/dkim/result',
  'record/auth_results/spf/domain',
  'record/auth_results/spf/scope',
  'record/auth_results/spf/result',
  ...FREE_TEXT,
]);

/** Where a leaf's value goes: the report, the current record, or the current DKIM/SPF/reason entry. */
type Scope = 'top' | 'record' | 'entry';

/** One element of the report's shape; built once, so no path string is assembled while parsing. */
interface ShapeNode {
  /** Local names joined by '/' below the root (in warnings and problem data). */
  path: string;
  /** Field name in its scope: the path for top and record fields, the last name inside an entry. */
  key: string;
  scope: Scope;
  leaf: boolean;
  free: boolean;
  children: Map<string, ShapeNode>;
}

const ENTRY_PARENTS = new Set(['record/auth_results/dkim', 'record/auth_results/spf', 'record/row/policy_evaluated/reason']);

function shapeNode(path: string): ShapeNode {
  const entryParent = [...ENTRY_PARENTS].find((e) => path.startsWith(`${e}/`));
  return {
    path,
    key: entryParent ? path.slice(entryParent.length + 1) : path,
    scope: entryParent ? 'entry' : path.startsWith('record/') ? 'record' : 'top',
    leaf: LEAVES.has(path),
    free: FREE_TEXT.has(path),
    children: new Map(),
  };
}

/** The tree of the elements we read, rooted at `feedback`. */
const SHAPE: ShapeNode = (() => {
  const root = shapeNode('');
  for (const leaf of [...LEAVES, 'extension']) {
    let node = root;
    for (const name of leaf.split('/')) {
      const path = node.path === '' ? name : `${node.path}/${name}`;
      let child = node.children.get(name);
      if (!child) node.children.set(name, (child = shapeNode(path)));
      node = child;
    }
  }
  return root;
})();
const EXTENSION = SHAPE.children.get('extension') as ShapeNode;
const RECORD = SHAPE.children.get('record') as ShapeNode;
/** Stands for every element we do not read (and everything below it). */
const UNKNOWN: ShapeNode = { path: '', key: '', scope: 'top', leaf: false, free: false, children: new Map() };

/**
 * A copy of a value that does not share memory with the document. V8 keeps substrings of 13 characters or
 * more as slices of their parent string, so a domain kept from a report would keep that whole report's text
 * alive; concatenating and slicing again flattens the value into its own small string.
 */
function own(value: string): string {
  return value.length < 13 ? value : ` ${value}`.slice(1);
}

/** A strict dotted quad (no leading zeros), the form reporters write: already canonical, no library call. */
const DOTTED_QUAD = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function canonicalIp(text: string): string | undefined {
  const trimmed = text.trim();
  if (DOTTED_QUAD.test(trimmed)) return trimmed;
  return parseIp(trimmed)?.address;
}

type Fields = Map<string, string>;

interface RecordDraft {
  fields: Fields;
  reasons: Fields[];
  dkim: Fields[];
  spf: Fields[];
  extensions: string[];
  dropped: number;
}

function newRecord(): RecordDraft {
  return { fields: new Map(), reasons: [], dkim: [], spf: [], extensions: [], dropped: 0 };
}

class ReportBuilder {
  readonly warnings: ReportProblem[] = [];
  private warningCount = 0;
  readonly top: Fields = new Map();
  readonly errors: string[] = [];
  readonly extensions: string[] = [];
  readonly records: ReportRecord[] = [];
  messages = 0;
  namespace = '';
  record: RecordDraft | undefined;
  /** The entry (DKIM, SPF or reason) being filled, when inside one; a throwaway when over the cap. */
  entry: Fields | undefined;
  private recordIndex = 0;

  constructor(private readonly limits: DmarcReportLimits) {}

  warn(code: string, data: Record<string, string | number> = {}): void {
    this.warningCount++;
    if (this.warnings.length < MAX_WARNINGS - 1) this.warnings.push({ code, data });
    else if (this.warnings.length === MAX_WARNINGS - 1) this.warnings.push({ code: 'dmarc-report.more-warnings', data: {} });
    const last = this.warnings[MAX_WARNINGS - 1];
    if (last && last.code === 'dmarc-report.more-warnings') last.data.count = this.warningCount - (MAX_WARNINGS - 1);
  }

  /** Stores a leaf value; singular fields keep their first occurrence. */
  set(fields: Fields, name: string, value: string, path: string): void {
    if (fields.has(name)) {
      this.warn('dmarc-report.repeated-element', { element: path });
      return;
    }
    fields.set(name, value);
  }

  startEntry(list: Fields[], path: string): void {
    const entry: Fields = new Map();
    if (list.length < this.limits.maxAuthResults) list.push(entry);
    else if (this.record) {
      if (this.record.dropped === 0) this.warn('dmarc-report.too-many-results', { element: path, limit: this.limits.maxAuthResults });
      this.record.dropped++;
    }
    this.entry = entry;
  }

  leaf(node: ShapeNode, raw: string): void {
    const value = own(raw);
    if (node.scope === 'top') {
      if (node.key === 'report_metadata/error') {
        if (this.errors.length < MAX_ERRORS) this.errors.push(value);
      } else this.set(this.top, node.key, value, node.path);
    } else if (node.scope === 'record') {
      if (this.record) this.set(this.record.fields, node.key, value, node.path);
    } else if (this.entry) this.set(this.entry, node.key, value, node.path);
  }

  finishRecord(): void {
    const draft = this.record;
    this.record = undefined;
    this.entry = undefined;
    if (!draft) return;
    const index = this.recordIndex++;
    const f = draft.fields;
    const ipText = f.get('record/row/source_ip') ?? '';
    const ip = canonicalIp(ipText);
    const countText = f.get('record/row/count');
    const countMatch = INTEGER.exec((countText ?? '').trim());
    const count = countMatch ? Number(countMatch[1]) : NaN;
    if (!Number.isSafeInteger(count) || count > this.limits.maxCount) {
      stop('dmarc-report.count-invalid', { record: index, value: sample(countText ?? ''), limit: this.limits.maxCount });
    }
    if (!ip) {
      this.warn('dmarc-report.record-skipped', { record: index, reason: 'source-ip', value: sample(ipText) });
      return;
    }
    if (this.records.length >= this.limits.maxRecords) stop('dmarc-report.too-many-records', { limit: this.limits.maxRecords });

    const disposition = f.get('record/row/policy_evaluated/disposition');
    const reasons: PolicyOverrideReason[] = [];
    for (const r of draft.reasons) {
      const type = (r.get('type') ?? '').trim().toLowerCase();
      if (type === '') continue; // `<reason/>` and `<reason><type></type></reason>` occur in the wild
      const comment = r.get('comment')?.trim();
      reasons.push(comment ? { type: type.slice(0, 64), comment } : { type: type.slice(0, 64) });
    }
    const row: ReportRow = {
      sourceIp: ip,
      count,
      policyEvaluated: {
        ...(disposition !== undefined && { disposition: this.disposition(disposition) }),
        ...this.evaluated('dkim', f.get('record/row/policy_evaluated/dkim')),
        ...this.evaluated('spf', f.get('record/row/policy_evaluated/spf')),
        reasons,
      },
    };

    const headerFrom = f.get('record/identifiers/header_from');
    if (headerFrom === undefined || headerFrom.trim() === '') this.warn('dmarc-report.missing-field', { record: index, field: 'header_from' });
    const envelopeFrom = f.get('record/identifiers/envelope_from');
    const envelopeTo = f.get('record/identifiers/envelope_to');
    const identifiers: ReportIdentifiers = {
      headerFrom: domainValue(headerFrom ?? ''),
      ...(envelopeFrom !== undefined && { envelopeFrom: domainValue(envelopeFrom) }),
      ...(envelopeTo !== undefined && { envelopeTo: domainValue(envelopeTo) }),
    };

    const dkim: DkimAuthResult[] = [];
    for (const d of draft.dkim) {
      const domain = domainValue(d.get('domain') ?? '');
      if (domain === '') continue; // a signature without d= tells nothing (parsedmarc drops these too)
      const selector = d.get('selector')?.trim().toLowerCase();
      const humanResult = d.get('human_result')?.trim();
      dkim.push({
        domain,
        ...(selector && { selector }),
        result: this.result(d.get('result'), DKIM_RESULTS, DKIM_ALIASES, 'dkim'),
        ...(humanResult && { humanResult }),
      });
    }
    const spf: SpfAuthResult[] = [];
    for (const s of draft.spf) {
      const domain = domainValue(s.get('domain') ?? '');
      const scopeText = s.get('scope');
      const scope = scopeText === undefined ? undefined : enumValue(scopeText, ['mfrom', 'helo'] as const);
      if (scopeText !== undefined && scopeText.trim() !== '' && !scope) this.warn('dmarc-report.unknown-value', { element: 'spf/scope', value: sample(scopeText) });
      const humanResult = s.get('human_result')?.trim();
      spf.push({
        domain,
        ...(scope && { scope }),
        result: this.result(s.get('result'), SPF_RESULTS, SPF_ALIASES, 'spf'),
        ...(humanResult && { humanResult }),
      });
    }
    const record: ReportRecord = { row, identifiers, authResults: { dkim, spf } };
    if (draft.extensions.length > 0) record.extensions = draft.extensions;
    this.records.push(record);
    this.messages += count;
  }

  private disposition(raw: string): Disposition {
    const value = enumValue(raw, DISPOSITIONS);
    if (value) return value;
    this.warn('dmarc-report.unknown-value', { element: 'disposition', value: sample(raw) });
    return 'other';
  }

  private evaluated(name: 'dkim' | 'spf', raw: string | undefined): { dkim?: EvaluatedResult; spf?: EvaluatedResult } {
    if (raw === undefined || raw.trim() === '') return {};
    const value = raw.trim().toLowerCase();
    if (value !== 'pass' && value !== 'fail') this.warn('dmarc-report.unknown-value', { element: `policy_evaluated/${name}`, value: sample(raw) });
    return { [name]: value === 'pass' ? 'pass' : 'fail' };
  }

  private result<T extends string>(raw: string | undefined, allowed: readonly T[], aliases: Record<string, T>, element: string): T | 'other' {
    const value = (raw ?? '').trim().toLowerCase();
    if ((allowed as readonly string[]).includes(value)) return value as T;
    const alias = aliases[value];
    if (alias !== undefined && Object.hasOwn(aliases, value)) return alias;
    this.warn('dmarc-report.unknown-value', { element: `${element}/result`, value: sample(raw ?? '') });
    return 'other';
  }

  /** The finished report, or a rejection for a missing required part. */
  finish(): DmarcAggregateReport {
    const t = this.top;
    const email = (t.get('report_metadata/email') ?? '').trim();
    let orgName = (t.get('report_metadata/org_name') ?? '').trim();
    if (orgName === '' && email.includes('@')) {
      orgName = domainValue(email);
      this.warn('dmarc-report.missing-field', { field: 'org_name' });
    }
    if (orgName === '') stop('dmarc-report.missing-field', { field: 'org_name' });
    const reportId = (t.get('report_metadata/report_id') ?? '').trim();
    if (reportId === '') this.warn('dmarc-report.missing-field', { field: 'report_id' });
    const begin = this.timestamp('begin');
    const end = this.timestamp('end');
    const dateRange = begin <= end ? { begin, end } : { begin: end, end: begin };
    if (begin > end) this.warn('dmarc-report.date-range-reversed', { begin, end });

    const domain = domainValue(t.get('policy_published/domain') ?? '');
    if (domain === '') stop('dmarc-report.missing-field', { field: 'policy_published/domain' });
    const policy: PolicyPublished = { domain };
    const mode = (name: 'adkim' | 'aspf'): void => {
      const raw = t.get(`policy_published/${name}`);
      if (raw === undefined || raw.trim() === '') return;
      const value = enumValue(raw, ['r', 's'] as const) ?? enumValue(raw, ['relaxed', 'strict'] as const)?.charAt(0);
      if (value === 'r' || value === 's') policy[name] = value;
      else this.warn('dmarc-report.unknown-value', { element: `policy_published/${name}`, value: sample(raw) });
    };
    mode('adkim');
    mode('aspf');
    for (const name of ['p', 'sp', 'np'] as const) {
      const raw = t.get(`policy_published/${name}`);
      if (raw === undefined || raw.trim() === '') continue;
      const value = enumValue(raw, POLICY_ACTIONS);
      if (value) policy[name] = value;
      else this.warn('dmarc-report.unknown-value', { element: `policy_published/${name}`, value: sample(raw) });
    }
    const pctText = t.get('policy_published/pct');
    if (pctText !== undefined && pctText.trim() !== '') {
      const match = INTEGER.exec(pctText.trim());
      const pct = match ? Number(match[1]) : NaN;
      if (pct >= 0 && pct <= 100) policy.pct = pct;
      else this.warn('dmarc-report.unknown-value', { element: 'policy_published/pct', value: sample(pctText) });
    }
    const fo = t.get('policy_published/fo')?.trim();
    if (fo) policy.fo = fo;
    const testingText = t.get('policy_published/testing');
    const testing = testingText === undefined ? undefined : enumValue(testingText, ['y', 'n'] as const);
    if (testing) policy.testing = testing;
    const discoveryText = t.get('policy_published/discovery_method');
    const discovery = discoveryText === undefined ? undefined : enumValue(discoveryText, ['psl', 'treewalk'] as const);
    if (discovery) policy.discoveryMethod = discovery;
    else if (discoveryText !== undefined && discoveryText.trim() !== '') {
      this.warn('dmarc-report.unknown-value', { element: 'policy_published/discovery_method', value: sample(discoveryText) });
    }

    const extra = t.get('report_metadata/extra_contact_info')?.trim();
    const generator = t.get('report_metadata/generator')?.trim();
    const metadata: ReportMetadata = {
      orgName,
      email,
      ...(extra && { extraContactInfo: extra }),
      reportId,
      dateRange,
      errors: this.errors.map((e) => e.trim()).filter((e) => e !== ''),
      ...(generator && { generator }),
    };
    if (this.records.length === 0) this.warn('dmarc-report.no-records');
    const version = t.get('version')?.trim();
    return {
      ...(version && { version }),
      namespace: this.namespace,
      metadata,
      policy,
      records: this.records,
      messages: this.messages,
      extensions: this.extensions,
      warnings: this.warnings,
    };
  }

  private timestamp(name: 'begin' | 'end'): number {
    const raw = this.top.get(`report_metadata/date_range/${name}`);
    if (raw === undefined) stop('dmarc-report.missing-field', { field: `date_range/${name}` });
    const match = TIMESTAMP.exec(raw.trim());
    const value = match ? Number(match[1]) : NaN;
    if (!(value >= 0 && value <= LATEST_TIMESTAMP)) stop('dmarc-report.date-invalid', { field: name, value: sample(raw) });
    return value;
  }
}

// ---------------------------------------------------------------------------------------------------------
// saxes errors → ids. saxes writes "line:column: message"; we keep the position and a short reason token.

function xmlProblem(error: Error, atEnd: boolean): ReportProblem {
  const match = /^(\d+):(\d+): (.*)$/s.exec(error.message);
  const line = match ? Number(match[1]) : 0;
  const column = match ? Number(match[2]) : 0;
  const message = (match?.[3] ?? error.message).toLowerCase();
  if (atEnd) return { code: 'dmarc-report.truncated', data: { line, column } };
  const reason = message.includes('entity')
    ? 'entity'
    : message.includes('close tag')
      ? 'mismatched-tag'
      : message.includes('outside of root') || message.includes('only one root')
        ? 'outside-root'
        : message.includes('disallowed character')
          ? 'bad-character'
          : message.includes('namespace')
            ? 'namespace'
            : message.includes('attribute')
              ? 'attribute'
              : 'syntax';
  return { code: 'dmarc-report.xml-malformed', data: { line, column, reason } };
}

/**
 * Reads one aggregate report. Text is used as is; bytes are decoded (BOM, then the XML declaration's
 * encoding, else UTF-8). Never throws: a document that is not a readable report is one rejection.
 */
export function parseDmarcReport(input: string | Uint8Array, limits: Partial<DmarcReportLimits> = {}): DmarcReportParse {
  const lim: DmarcReportLimits = { ...DEFAULT_REPORT_LIMITS, ...limits };
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > lim.maxBytes) return { ok: false, problem: { code: 'dmarc-report.too-large', data: { size, limit: lim.maxBytes } } };
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    const decoded = decodeReportBytes(input);
    if ('problem' in decoded) return { ok: false, problem: decoded.problem };
    text = decoded.text;
  }
  // Tolerated framing: a BOM, whitespace before the XML declaration, NUL padding or whitespace at the end.
  let start = 0;
  while (start < text.length && (text[start] === '\uFEFF' || /\s/.test(text[start] as string))) start++;
  let end = text.length;
  while (end > start && (text[end - 1] === '\0' || /\s/.test(text[end - 1] as string))) end--;
  if (start > 0 || end < text.length) text = text.slice(start, end);
  if (text === '') return { ok: false, problem: { code: 'dmarc-report.empty', data: {} } };
  if (text[0] !== '<') return { ok: false, problem: { code: 'dmarc-report.not-xml', data: {} } };
  // No report has a DTD. Refused outright (a literal "<!DOCTYPE" can only be markup, a comment or CDATA).
  if (text.includes('<!DOCTYPE')) return { ok: false, problem: { code: 'dmarc-report.doctype', data: {} } };

  try {
    return { ok: true, report: readFeedback(text, lim) };
  } catch (error) {
    if (error instanceof Stop) return { ok: false, problem: error.problem };
    // Anything else is a bug of ours; still a value, never a crash of the whole run.
    return { ok: false, problem: { code: 'dmarc-report.internal-error', data: { name: error instanceof Error ? error.name : typeof error } } };
  }
}

function readFeedback(text: string, lim: DmarcReportLimits): DmarcAggregateReport {
  const builder = new ReportBuilder(lim);
  const parser = new SaxesParser({ xmlns: true, position: true });
  let atEnd = false;
  let rootNs: string | undefined;
  let depth = 0;
  /** Depth inside an element we skip (foreign namespace or extension); 0 when not skipping. */
  let skipDepth = 0;
  /** The shape nodes of the open elements below the root (UNKNOWN for the ones we do not read). */
  const stack: ShapeNode[] = [];
  let current: ShapeNode = SHAPE;
  let captured = '';

  // Only four handlers: saxes keeps each as a property of the parser object, and with more of them V8 made
  // every character read 4x slower here. Without an error handler saxes throws its error, caught below.
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (Object.keys(tag.attributes).length > MAX_ATTRIBUTES) stop('dmarc-report.too-many-attributes', { limit: MAX_ATTRIBUTES });
    depth++;
    if (depth > lim.maxDepth) stop('dmarc-report.too-deep', { limit: lim.maxDepth });
    if (skipDepth > 0) {
      skipDepth++;
      return;
    }
    if (rootNs === undefined) {
      if (tag.local.toLowerCase() !== 'feedback') stop('dmarc-report.not-aggregate', { root: sample(tag.name) });
      rootNs = tag.uri;
      builder.namespace = own(tag.uri);
      if (!KNOWN_NAMESPACES.includes(tag.uri)) builder.warn('dmarc-report.unknown-namespace', { namespace: sample(tag.uri) });
      return;
    }
    const parent = current;
    if ((tag.uri !== rootNs && tag.uri !== '') || parent === EXTENSION) {
      // DMARCbis extensions: namespaced elements under <extension> or at the end of <record>.
      const list = parent === EXTENSION ? builder.extensions : parent === RECORD ? builder.record?.extensions : undefined;
      if (list && list.length < MAX_EXTENSION_NAMES && !list.includes(tag.name)) list.push(own(tag.name));
      skipDepth = 1;
      return;
    }
    const child = parent.children.get(tag.local) ?? parent.children.get(tag.local.toLowerCase()) ?? UNKNOWN;
    stack.push(child);
    current = child;
    if (child === RECORD) builder.record = newRecord();
    else if (child.children.size > 0 && ENTRY_PARENTS.has(child.path) && builder.record) {
      const r = builder.record;
      builder.startEntry(child.path.endsWith('/dkim') ? r.dkim : child.path.endsWith('/spf') ? r.spf : r.reasons, child.path);
    }
    captured = '';
  });
  const onText = (chunk: string): void => {
    if (!current.leaf || skipDepth > 0) return;
    captured += chunk;
    if (current.free) {
      if (captured.length > lim.maxFreeTextLength) captured = captured.slice(0, lim.maxFreeTextLength);
    } else if (captured.length > lim.maxFieldLength) {
      captured = captured.trim(); // values are trimmed anyway; only real characters count against the limit
      if (captured.length > lim.maxFieldLength) stop('dmarc-report.value-too-long', { element: current.path, limit: lim.maxFieldLength });
    }
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    depth--;
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    const node = stack.pop();
    if (node === undefined) return; // the root
    if (node.leaf) builder.leaf(node, captured);
    else if (node === RECORD) builder.finishRecord();
    else if (ENTRY_PARENTS.has(node.path)) builder.entry = undefined;
    captured = '';
    current = stack[stack.length - 1] ?? SHAPE;
  });

  try {
    parser.write(text);
    atEnd = true;
    parser.close();
  } catch (error) {
    if (error instanceof Stop || !(error instanceof Error) || !/^\d+:\d+: /.test(error.message)) throw error;
    if (atEnd && rootNs === undefined) stop('dmarc-report.not-xml');
    throw new Stop(xmlProblem(error, atEnd));
  }
  if (rootNs === undefined) stop('dmarc-report.not-xml');
  return builder.finish();
}
