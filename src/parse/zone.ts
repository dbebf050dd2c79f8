// RFC 1035 §5 master (zone) files: a pure parser to DnsRecord[] and a formatter back to zone lines.
//
// Supported: $ORIGIN, $TTL, `@`, relative and absolute owner names, an owner left blank (leading
// whitespace) meaning the previous owner, TTL and class (IN only) in either order, parentheses across
// lines, `;` comments, quoted strings with `\"`, `\\` and `\DDD` escapes, TTL units (1h, 2d, 1w...),
// the types of RecordDataMap (A, AAAA, MX, TXT, SPF, CNAME, PTR, NS, SOA, CAA, TLSA), `TYPEnn` type
// names (TYPE99 is SPF) and RFC 3597 `\# <length> <hex>` rdata for any type.
//
// Records of other types (SRV, DS, HINFO, TYPE65...) are checked for a valid owner and skipped: the
// resolver's vocabulary has no data shape for them, but their owner names still exist (so a query at
// such a name is NODATA, not NXDOMAIN); parseZoneFile reports them in `otherNames`.
// Not supported (clear error): $INCLUDE, $GENERATE, classes other than IN.
//
// Bounded work: one pass over the text, one logical line (entry) in memory at a time, at most
// `maxRecords` records (ZONE_LIMITS), each TXT record's rdata at most 65535 bytes as on the wire.
// A mistake is a ZoneSyntaxError with a stable `code` and `data`, never only English.

import type { DnsRecord, MxData, QueryType, RecordDataMap, SoaData } from '../dns/types.js';
import { isQueryType, normalizeName } from '../dns/types.js';
import { MAX_CHARACTER_STRING, MAX_RDATA, decodeCharacterStrings, formatCharacterStrings, quote, unescapeCharacterString } from '../dns/rdata.js';
import { parseIp } from '../net/ip.js';

/**
 * Limits on what one run loads from zone files (documented in the README's zone-file section): far
 * above any zone a mail domain needs, low enough that loading stays under about 300 MB of memory
 * (500,000 A records peak at 264 MB; 1,000,000 loaded in 4.9 s when the machine was quiet).
 */
export const ZONE_LIMITS = {
  /** Bytes of one zone file, checked while reading it (src/dns/zone.ts). */
  fileBytes: 32 * 1024 * 1024,
  /** Records (of any type) in all the zone files of one run together. */
  records: 500_000,
} as const;

/** The data of each zone error, by code; every ZoneSyntaxError also carries `file` and `line`. */
export interface ZoneErrorDataMap {
  // Reading the file (ZoneFileError, src/dns/zone.ts); `reason` is an errno code such as ENOENT.
  'zone.file-unreadable': { file: string; reason: string };
  'zone.file-too-large': { file: string; limit: number };
  'zone.file-binary': { file: string; line: number };
  'zone.too-many-records': { limit: number };
  // Tokens.
  'zone.nested-parentheses': Record<string, never>;
  'zone.unbalanced-parenthesis': Record<string, never>;
  'zone.unclosed-parenthesis': Record<string, never>;
  'zone.unterminated-string': Record<string, never>;
  'zone.escape-range': { escape: string };
  'zone.escape-digits': { escape: string };
  // Directives.
  'zone.origin-arguments': Record<string, never>;
  'zone.origin-relative': { value: string };
  'zone.ttl-arguments': Record<string, never>;
  'zone.ttl-directive': { value: string };
  'zone.directive-unsupported': { directive: string };
  // Owner, TTL, class, type.
  'zone.no-owner': Record<string, never>;
  'zone.owner-quoted': Record<string, never>;
  'zone.ttl': { value: string };
  'zone.class-unsupported': { class: string };
  'zone.no-type': Record<string, never>;
  'zone.type-number': { type: string };
  'zone.type-unknown': { type: string };
  'zone.rfc3597-required': { type: string };
  'zone.no-data': { type: string };
  // Names.
  'zone.at-without-origin': Record<string, never>;
  'zone.name-escape': { name: string };
  'zone.name-relative': { name: string };
  'zone.name-too-long': { name: string; limit: number };
  'zone.name-empty-label': { name: string };
  'zone.name-label-too-long': { name: string; limit: number };
  'zone.name-invalid': { name: string };
  // Record data. `shape` is the syntax of the type's data, e.g. `MX <preference> <exchange>`.
  'zone.rdata-shape': { type: string; shape: string; value: string };
  'zone.rdata-name-missing': { type: string };
  'zone.mx-preference': { value: string; max: number };
  'zone.soa-serial': { value: string; max: number };
  'zone.soa-time': { field: 'refresh' | 'retry' | 'expire' | 'minimum'; value: string };
  'zone.a-address': { value: string };
  'zone.aaaa-address': { value: string };
  'zone.txt-empty': { type: string };
  'zone.txt-string-too-long': { type: string; bytes: number; limit: number };
  'zone.rdata-too-long': { type: string; bytes: number; limit: number };
  'zone.caa-flags': { value: string; max: number };
  'zone.caa-tag': { value: string };
  'zone.tlsa-usage': { value: string; max: number };
  'zone.tlsa-selector': { value: string; max: number };
  'zone.tlsa-matching-type': { value: string; max: number };
  'zone.tlsa-data': { value: string };
  // RFC 3597 `\# <length> <hex>` rdata.
  'zone.rfc3597-length': { value: string; max: number };
  'zone.rfc3597-hex': { value: string };
  'zone.rfc3597-length-mismatch': { declared: number; bytes: number };
  'zone.rfc3597-rdata-length': { type: string; bytes: number };
  'zone.rfc3597-rdata-name': { type: string };
  'zone.rfc3597-rdata-trailing': { type: string };
  'zone.rfc3597-rdata-strings': { type: string };
}

export type ZoneErrorCode = keyof ZoneErrorDataMap;

/** An error's data: the code's fields, with the file and line it is on. */
export type ZoneErrorData = { file: string; line: number } & Record<string, string | number>;



/** A token as it may appear in an error's data: the first 64 characters, then `…`. */
export function clip(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}

/**
 * A zone file mistake, with the file and line it is on. `code` and `data` say what it is for any
 * renderer (the words are the catalogue's `syntax` entries); `.message` is `file:line: code`.
 */
export class ZoneSyntaxError extends Error {
  override name = 'ZoneSyntaxError';
  readonly data: ZoneErrorData;
  constructor(
    readonly file: string,
    readonly line: number,
    readonly code: ZoneErrorCode,
    details: Readonly<Record<string, string | number>> = {},
  ) {
    super(`${file}:${line}: ${code}`);
    this.data = { ...details, file, line };
  }
}

/** Throws the error `code` with its data (typed by code), at a line of a file. */
type Fail = <C extends ZoneErrorCode>(code: C, ...details: ZoneErrorDataMap[C] extends Record<string, never> ? [] : [ZoneErrorDataMap[C]]) => never;

function failAt(file: string, line: number): Fail {
  return (code, ...details) => {
    throw new ZoneSyntaxError(file, line, code, details[0] ?? {});
  };
}

export interface ParseZoneOptions {
  /** Shown in errors; default `<zone>`. */
  file?: string;
  /** Origin before any $ORIGIN line (absolute, with or without the trailing dot). */
  origin?: string;
  /** TTL for records before any $TTL or explicit TTL; default 3600. */
  defaultTtl?: number;
  /** Most records (of any type, skipped ones included) before `zone.too-many-records`; default ZONE_LIMITS.records. */
  maxRecords?: number;
}

export interface ZoneContents {
  records: DnsRecord[];
  /** Owner names of records whose type the resolver does not model (they exist, with no queryable data). */
  otherNames: string[];
  /** Entries read: records of modelled types and skipped ones together (what maxRecords bounds). */
  count: number;
  /** The line each record starts on, index for index with `records` (SARIF and annotations point there). */
  lines: number[];
}

const DEFAULT_TTL = 3600;
const MAX_TTL = 2_147_483_647;

/** Type numbers for `TYPEnn` names and RFC 3597 rdata. */
const TYPE_NUMBERS: Record<QueryType, number> = {
  A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SPF: 99, TLSA: 52, CAA: 257,
};
const TYPE_BY_NUMBER = new Map<number, QueryType>(Object.entries(TYPE_NUMBERS).map(([t, n]) => [n, t as QueryType]));

/** Well-known types we accept and skip (see the header comment). */
const OTHER_TYPES = new Set([
  'SRV', 'HINFO', 'DS', 'DNSKEY', 'RRSIG', 'NSEC', 'NSEC3', 'NSEC3PARAM', 'CDS', 'CDNSKEY', 'SSHFP', 'NAPTR',
  'DNAME', 'LOC', 'RP', 'SVCB', 'HTTPS', 'URI', 'OPENPGPKEY', 'SMIMEA', 'CERT', 'AFSDB', 'KX', 'NULL', 'ZONEMD', 'CSYNC',
]);

interface Token {
  text: string;
  quoted: boolean;
  line: number;
}

interface Entry {
  /** Line of the entry's first token. */
  line: number;
  /** True when the entry started with whitespace: the owner is inherited. */
  inheritsOwner: boolean;
  tokens: Token[];
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d;
}

/**
 * The entries of the text (logical lines, parentheses joined) one at a time, each split into tokens
 * and quoted strings: one pass, and only the entry being read is held.
 */
function* entries(text: string, file: string): Generator<Entry> {
  let line = 1;
  let depth = 0;
  let parenLine = 0;
  let current: Entry | undefined;
  let atLineStart = true;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;

  const push = (token: Token) => {
    if (current) current.tokens.push(token);
    else current = { line: token.line, inheritsOwner: false, tokens: [token] };
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      i++;
      if (depth === 0) {
        if (current) yield current;
        current = undefined;
        atLineStart = true;
      }
      continue;
    }
    if (isBlank(c)) {
      if (atLineStart && depth === 0 && !current) {
        // Leading whitespace: the entry (if any token follows on this line) inherits the owner.
        let j = i;
        while (j < n && isBlank(text.charCodeAt(j))) j++;
        const next = text.charCodeAt(j);
        if (j < n && next !== 0x0a && next !== 0x3b) current = { line, inheritsOwner: true, tokens: [] };
        i = j;
      } else i++;
      atLineStart = false;
      continue;
    }
    atLineStart = false;
    if (c === 0x3b) {
      // `;` comment to the end of the line.
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end;
      continue;
    }
    if (c === 0x28) {
      if (depth > 0) failAt(file, line)('zone.nested-parentheses');
      depth = 1;
      parenLine = line;
      current ??= { line, inheritsOwner: false, tokens: [] };
      i++;
      continue;
    }
    if (c === 0x29) {
      if (depth === 0) failAt(file, line)('zone.unbalanced-parenthesis');
      depth = 0;
      i++;
      continue;
    }
    if (c === 0x22) {
      // A quoted string, escapes kept raw (characterString decodes them into bytes).
      const start = line;
      let j = i + 1;
      for (;;) {
        if (j >= n) failAt(file, start)('zone.unterminated-string');
        const d = text.charCodeAt(j);
        if (d === 0x22) break;
        if (d === 0x5c) {
          if (j + 1 >= n) failAt(file, start)('zone.unterminated-string');
          if (text.charCodeAt(j + 1) === 0x0a) line++;
          j += 2;
          continue;
        }
        if (d === 0x0a) line++;
        j++;
      }
      push({ text: text.slice(i + 1, j), quoted: true, line: start });
      i = j + 1;
      continue;
    }
    // A bare word: up to whitespace, a comment, a quote or a parenthesis; backslash escapes kept raw.
    let j = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === 0x5c) {
        j += 2;
        continue;
      }
      if (isBlank(d) || d === 0x0a || d === 0x3b || d === 0x28 || d === 0x29 || d === 0x22) break;
      j++;
    }
    push({ text: text.slice(i, Math.min(j, n)), quoted: false, line });
    i = j;
  }
  if (depth > 0) failAt(file, parenLine)('zone.unclosed-parenthesis');
  if (current) yield current;
}

/** The bytes of a character-string token: `\DDD` escapes are bytes, `\X` is X, other text is UTF-8. */
function characterString(token: Token, file: string): Buffer {
  const bytes = unescapeCharacterString(token.text);
  if (Buffer.isBuffer(bytes)) return bytes;
  return failAt(file, token.line)(`zone.${bytes.code}`, { escape: bytes.escape });
}

const TTL_UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** TTL in seconds: digits, or BIND units (`1h30m`, `2d`, `1w`); undefined when malformed or over 2^31-1. One pass. */
export function parseTtl(text: string): number | undefined {
  let total = 0;
  let digits = '';
  let units = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c >= '0' && c <= '9') {
      digits += c;
      continue;
    }
    const factor = TTL_UNITS[c.toLowerCase()];
    if (factor === undefined || digits === '') return undefined;
    total += Number(digits) * factor;
    digits = '';
    units = true;
  }
  if (digits !== '') {
    // Bare digits are seconds only on their own: `1h30` is not a TTL.
    if (units) return undefined;
    total = Number(digits);
  } else if (!units) return undefined;
  return total <= MAX_TTL ? total : undefined;
}

function isClass(text: string): boolean {
  return /^(?:IN|CH|CS|HS|CLASS\d+)$/i.test(text);
}

const LABEL = /^[a-z0-9_*-]+$/;

/** Validates a presentation-form name and makes it absolute (lower case, no trailing dot). */
function absoluteName(text: string, origin: string | undefined, fail: Fail): string {
  if (text === '@') {
    if (origin === undefined) fail('zone.at-without-origin');
    return origin;
  }
  const shown = clip(text);
  if (text.includes('\\')) fail('zone.name-escape', { name: shown });
  let name: string;
  if (text === '.') name = '';
  else if (text.endsWith('.')) name = text.slice(0, -1);
  else {
    if (origin === undefined) fail('zone.name-relative', { name: shown });
    name = origin === '' ? text : `${text}.${origin}`;
  }
  if (name.length > 253) fail('zone.name-too-long', { name: shown, limit: 253 });
  name = name.toLowerCase();
  if (name !== '') {
    for (const label of name.split('.')) {
      if (label.length === 0) fail('zone.name-empty-label', { name: shown });
      if (label.length > 63) fail('zone.name-label-too-long', { name: shown, limit: 63 });
      if (!LABEL.test(label) || (label.includes('*') && label !== '*')) fail('zone.name-invalid', { name: shown });
    }
  }
  return name;
}

type NumberCode = 'zone.mx-preference' | 'zone.soa-serial' | 'zone.caa-flags' | 'zone.tlsa-usage' | 'zone.tlsa-selector' | 'zone.tlsa-matching-type' | 'zone.rfc3597-length';

function uint(text: string | undefined, max: number, code: NumberCode, fail: Fail): number {
  if (text === undefined || !/^\d+$/.test(text) || Number(text) > max) fail(code, { value: clip(text ?? ''), max });
  return Number(text);
}

/** Data of a record given in RFC 3597 `\# length hex` form, for the types we model. */
function genericRdata(type: QueryType, rdata: Buffer, fail: Fail): RecordDataMap[QueryType] {
  const wrongLength = (): never => fail('zone.rfc3597-rdata-length', { type, bytes: rdata.length });
  const name = (offset: number): [string, number] => {
    const labels: string[] = [];
    let i = offset;
    for (;;) {
      const length = rdata[i];
      if (length === undefined || length > 63) fail('zone.rfc3597-rdata-name', { type });
      i++;
      if (length === 0) break;
      if (i + length > rdata.length) fail('zone.rfc3597-rdata-name', { type });
      labels.push(rdata.subarray(i, i + length).toString('latin1').toLowerCase());
      i += length;
    }
    return [labels.join('.'), i];
  };
  const noTrailing = (end: number) => {
    if (end !== rdata.length) fail('zone.rfc3597-rdata-trailing', { type });
  };
  switch (type) {
    case 'A':
      if (rdata.length !== 4) wrongLength();
      return [...rdata].join('.');
    case 'AAAA': {
      if (rdata.length !== 16) wrongLength();
      const groups: string[] = [];
      for (let i = 0; i < 16; i += 2) groups.push(rdata.readUInt16BE(i).toString(16));
      return (parseIp(groups.join(':')) as { address: string }).address;
    }
    case 'TXT':
    case 'SPF': {
      const strings = decodeCharacterStrings(rdata);
      if (!strings || strings.length === 0) fail('zone.rfc3597-rdata-strings', { type });
      return Buffer.concat(strings).toString('utf8');
    }
    case 'CNAME':
    case 'PTR':
    case 'NS': {
      const [target, end] = name(0);
      noTrailing(end);
      return target;
    }
    case 'MX': {
      if (rdata.length < 3) wrongLength();
      const [exchange, end] = name(2);
      noTrailing(end);
      return { preference: rdata.readUInt16BE(0), exchange };
    }
    case 'SOA': {
      const [mname, afterM] = name(0);
      const [rname, afterR] = name(afterM);
      if (afterR + 20 !== rdata.length) wrongLength();
      const n = (k: number) => rdata.readUInt32BE(afterR + 4 * k);
      return { mname, rname, serial: n(0), refresh: n(1), retry: n(2), expire: n(3), minimum: n(4) };
    }
    case 'CAA': {
      if (rdata.length < 2) wrongLength();
      const flags = rdata[0] as number;
      const tagLength = rdata[1] as number;
      if (2 + tagLength > rdata.length) wrongLength();
      const tag = rdata.subarray(2, 2 + tagLength).toString('latin1');
      return `${flags} ${tag} ${quote(rdata.subarray(2 + tagLength))}`;
    }
    case 'TLSA':
      if (rdata.length < 3) wrongLength();
      return `${rdata[0]} ${rdata[1]} ${rdata[2]} ${rdata.subarray(3).toString('hex')}`;
  }
}

/** The syntax of each type's data, shown in `zone.rdata-shape` errors. */
const SHAPES: Record<QueryType, string> = {
  A: 'A <IPv4 address>',
  AAAA: 'AAAA <IPv6 address>',
  MX: 'MX <preference> <exchange>',
  CNAME: 'CNAME <name>',
  PTR: 'PTR <name>',
  NS: 'NS <name>',
  SOA: 'SOA <mname> <rname> <serial> <refresh> <retry> <expire> <minimum>',
  TXT: 'TXT "<text>" ...',
  SPF: 'SPF "<text>" ...',
  CAA: 'CAA <flags> <tag> "<value>"',
  TLSA: 'TLSA <usage> <selector> <matching type> <hex>',
};

/** Reads one entry's type and rdata (its tokens from `from` on) into record data. */
function recordData(type: QueryType, tokens: Token[], from: number, origin: string | undefined, fail: Fail, file: string): RecordDataMap[QueryType] {
  const rdata = from === 0 ? tokens : tokens.slice(from);
  const words = rdata.map((t) => t.text);
  const nameArg = (text: string | undefined) => {
    if (text === undefined) fail('zone.rdata-name-missing', { type });
    return absoluteName(text, origin, fail);
  };
  const count = (expected: number) => {
    if (words.length !== expected) fail('zone.rdata-shape', { type, shape: SHAPES[type], value: clip(words.join(' ')) });
  };
  if (rdata[0] && !rdata[0].quoted && rdata[0].text === '\\#') {
    const length = uint(words[1], MAX_RDATA, 'zone.rfc3597-length', fail);
    const hex = words.slice(2).join('');
    if (!/^[0-9a-f]*$/i.test(hex) || hex.length % 2 !== 0) fail('zone.rfc3597-hex', { value: clip(hex) });
    const bytes = Buffer.from(hex, 'hex');
    if (bytes.length !== length) fail('zone.rfc3597-length-mismatch', { declared: length, bytes: bytes.length });
    return genericRdata(type, bytes, fail);
  }
  switch (type) {
    case 'A': {
      count(1);
      const ip = parseIp(words[0] as string);
      if (!ip || ip.version !== 4) fail('zone.a-address', { value: clip(words[0] as string) });
      return ip.address;
    }
    case 'AAAA': {
      count(1);
      const ip = parseIp(words[0] as string);
      if (!ip || ip.version !== 6) fail('zone.aaaa-address', { value: clip(words[0] as string) });
      return ip.address;
    }
    case 'MX': {
      count(2);
      const preference = uint(words[0], 65535, 'zone.mx-preference', fail);
      // Null MX (RFC 7505): "0 ." → exchange "".
      const exchange = nameArg(words[1]);
      return { preference, exchange } satisfies MxData;
    }
    case 'CNAME':
    case 'PTR':
    case 'NS':
      count(1);
      return nameArg(words[0]);
    case 'SOA': {
      count(7);
      const time = (text: string | undefined, field: 'refresh' | 'retry' | 'expire' | 'minimum') => {
        const value = text === undefined ? undefined : parseTtl(text);
        if (value === undefined) fail('zone.soa-time', { field, value: clip(text ?? '') });
        return value;
      };
      return {
        mname: nameArg(words[0]),
        rname: nameArg(words[1]),
        serial: uint(words[2], 4294967295, 'zone.soa-serial', fail),
        refresh: time(words[3], 'refresh'),
        retry: time(words[4], 'retry'),
        expire: time(words[5], 'expire'),
        minimum: time(words[6], 'minimum'),
      } satisfies SoaData;
    }
    case 'TXT':
    case 'SPF': {
      if (rdata.length === 0) fail('zone.txt-empty', { type });
      const strings: Buffer[] = [];
      let wire = 0;
      for (const token of rdata) {
        const s = characterString(token, file);
        if (s.length > MAX_CHARACTER_STRING) fail('zone.txt-string-too-long', { type, bytes: s.length, limit: MAX_CHARACTER_STRING });
        wire += 1 + s.length;
        if (wire > MAX_RDATA) fail('zone.rdata-too-long', { type, bytes: wire, limit: MAX_RDATA });
        strings.push(s);
      }
      // RFC 7208 §3.3: the strings of one record are joined with no separator.
      return Buffer.concat(strings).toString('utf8');
    }
    case 'CAA': {
      count(3);
      const flags = uint(words[0], 255, 'zone.caa-flags', fail);
      const tag = words[1] as string;
      if (!/^[a-z0-9]{1,15}$/i.test(tag)) fail('zone.caa-tag', { value: clip(tag) });
      return `${flags} ${tag.toLowerCase()} ${quote(characterString(rdata[2] as Token, file))}`;
    }
    case 'TLSA': {
      if (words.length < 4) fail('zone.rdata-shape', { type, shape: SHAPES.TLSA, value: clip(words.join(' ')) });
      const usage = uint(words[0], 255, 'zone.tlsa-usage', fail);
      const selector = uint(words[1], 255, 'zone.tlsa-selector', fail);
      const matching = uint(words[2], 255, 'zone.tlsa-matching-type', fail);
      const hex = words.slice(3).join('');
      if (!/^[0-9a-f]+$/i.test(hex) || hex.length % 2 !== 0) fail('zone.tlsa-data', { value: clip(hex) });
      return `${usage} ${selector} ${matching} ${hex.toLowerCase()}`;
    }
  }
}

/** Parses a zone file, keeping the owners of unmodelled record types. Throws ZoneSyntaxError. */
export function parseZoneFile(text: string, options: ParseZoneOptions = {}): ZoneContents {
  const file = options.file ?? '<zone>';
  const maxRecords = options.maxRecords ?? ZONE_LIMITS.records;
  let origin = options.origin === undefined ? undefined : normalizeName(options.origin);
  if (origin === '.') origin = '';
  let dollarTtl: number | undefined;
  let lastTtl: number | undefined;
  let previousOwner: string | undefined;
  const records: DnsRecord[] = [];
  const lines: number[] = [];
  const otherNames = new Set<string>();
  let count = 0;

  for (const entry of entries(text, file)) {
    const fail: Fail = failAt(file, entry.line);
    const tokens = entry.tokens;
    if (tokens.length === 0) continue;
    const first = tokens[0] as Token;
    let at = 0;

    if (!entry.inheritsOwner && !first.quoted && first.text.startsWith('$')) {
      const directive = first.text.toUpperCase();
      if (directive === '$ORIGIN') {
        if (tokens.length !== 2) fail('zone.origin-arguments');
        const value = (tokens[1] as Token).text;
        if (!value.endsWith('.')) fail('zone.origin-relative', { value: clip(value) });
        origin = absoluteName(value, undefined, fail);
      } else if (directive === '$TTL') {
        if (tokens.length !== 2) fail('zone.ttl-arguments');
        const ttl = parseTtl((tokens[1] as Token).text);
        if (ttl === undefined) fail('zone.ttl-directive', { value: clip((tokens[1] as Token).text) });
        dollarTtl = ttl;
      } else {
        fail('zone.directive-unsupported', { directive: clip(first.text) });
      }
      continue;
    }

    let owner: string;
    if (entry.inheritsOwner) {
      if (previousOwner === undefined) fail('zone.no-owner');
      owner = previousOwner;
    } else {
      at = 1;
      if (first.quoted) fail('zone.owner-quoted');
      owner = absoluteName(first.text, origin, fail);
    }
    previousOwner = owner;

    // [TTL] [class] type, TTL and class in either order.
    let ttl: number | undefined;
    let typeText: string | undefined;
    for (let k = 0; k < 3 && at < tokens.length; k++) {
      const token = tokens[at] as Token;
      if (token.quoted) break;
      const word = token.text;
      at++;
      if (ttl === undefined && /^\d/.test(word)) {
        ttl = parseTtl(word);
        if (ttl === undefined) fail('zone.ttl', { value: clip(word) });
      } else if (isClass(word)) {
        if (word.toUpperCase() !== 'IN') fail('zone.class-unsupported', { class: clip(word) });
      } else {
        typeText = word.toUpperCase();
        break;
      }
    }
    if (typeText === undefined) fail('zone.no-type');
    let type = typeText;
    const numbered = /^TYPE(\d+)$/.exec(type);
    if (numbered) {
      const value = Number(numbered[1]);
      if (value > 65535) fail('zone.type-number', { type: clip(type) });
      const known = TYPE_BY_NUMBER.get(value);
      if (known) type = known;
      else if (tokens[at]?.text !== '\\#') fail('zone.rfc3597-required', { type });
    }

    if (ttl === undefined) ttl = dollarTtl ?? lastTtl ?? options.defaultTtl ?? DEFAULT_TTL;
    else lastTtl = ttl;

    if (++count > maxRecords) fail('zone.too-many-records', { limit: maxRecords });
    if (!isQueryType(type)) {
      if (!numbered && !OTHER_TYPES.has(type)) fail('zone.type-unknown', { type: clip(typeText) });
      if (at >= tokens.length) fail('zone.no-data', { type });
      otherNames.add(owner);
      continue;
    }
    const data = recordData(type, tokens, at, origin, fail, file);
    records.push({ name: owner, type, ttl, data } as DnsRecord);
    lines.push(entry.line);
  }
  return { records, otherNames: [...otherNames], count, lines };
}

/** Parses a zone file into records (see parseZoneFile for the owners of skipped types). */
export function parseZone(text: string, options: ParseZoneOptions = {}): DnsRecord[] {
  return parseZoneFile(text, options).records;
}

// ---- formatting (the inverse: every formatted record re-parses to itself) ----

function absolute(name: string): string {
  return `${name}.`;
}

/** Record data in zone-file presentation form, e.g. `10 mx1.example.test.` or `"v=spf1 " "-all"`. */
export function formatRecordData(record: DnsRecord): string {
  switch (record.type) {
    case 'A':
    case 'AAAA':
    case 'CAA':
    case 'TLSA':
      return record.data as string;
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return absolute(record.data as string);
    case 'MX': {
      const mx = record.data as MxData;
      return `${mx.preference} ${absolute(mx.exchange)}`;
    }
    case 'SOA': {
      const soa = record.data as SoaData;
      return `${absolute(soa.mname)} ${absolute(soa.rname)} ${soa.serial} ${soa.refresh} ${soa.retry} ${soa.expire} ${soa.minimum}`;
    }
    case 'TXT':
    case 'SPF':
      return formatCharacterStrings(record.data as string);
  }
}

/** One zone-file line: `name. TTL IN TYPE data`. */
export function formatRecord(record: DnsRecord): string {
  return `${absolute(record.name)}\t${record.ttl}\tIN\t${record.type}\t${formatRecordData(record)}`;
}
