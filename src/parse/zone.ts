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

import type { DnsRecord, MxData, QueryType, RecordDataMap, SoaData } from '../dns/types.js';
import { isQueryType, normalizeName } from '../dns/types.js';
import { parseIp } from '../net/ip.js';

/** A zone file mistake, with the file and line it is on: `examples/x.zone:12: bad MX record ...`. */
export class ZoneSyntaxError extends Error {
  override name = 'ZoneSyntaxError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

export interface ParseZoneOptions {
  /** Shown in errors; default `<zone>`. */
  file?: string;
  /** Origin before any $ORIGIN line (absolute, with or without the trailing dot). */
  origin?: string;
  /** TTL for records before any $TTL or explicit TTL; default 3600. */
  defaultTtl?: number;
}

export interface ZoneContents {
  records: DnsRecord[];
  /** Owner names of records whose type the resolver does not model (they exist, with no queryable data). */
  otherNames: string[];
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

/** Splits the text into entries (logical lines, parentheses joined), tokens and quoted strings. */
function tokenize(text: string, file: string): Entry[] {
  const entries: Entry[] = [];
  let line = 1;
  let depth = 0;
  let parenLine = 0;
  let current: Entry | undefined;
  let atLineStart = true;
  let i = 0;
  const n = text.length;

  const push = (token: Token) => {
    if (!current) {
      current = { line: token.line, inheritsOwner: false, tokens: [] };
      entries.push(current);
    }
    current.tokens.push(token);
  };

  while (i < n) {
    const c = text[i] as string;
    if (c === '\n') {
      line++;
      i++;
      if (depth === 0) {
        current = undefined;
        atLineStart = true;
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      if (atLineStart && depth === 0 && !current) {
        // Leading whitespace: the entry (if any token follows on this line) inherits the owner.
        let j = i;
        while (j < n && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j++;
        const next = text[j];
        if (next !== undefined && next !== '\n' && next !== ';') {
          current = { line, inheritsOwner: true, tokens: [] };
          entries.push(current);
        }
      }
      atLineStart = false;
      i++;
      continue;
    }
    atLineStart = false;
    if (c === ';') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '(') {
      if (depth > 0) throw new ZoneSyntaxError(file, line, 'nested parentheses');
      depth = 1;
      parenLine = line;
      if (!current) {
        current = { line, inheritsOwner: false, tokens: [] };
        entries.push(current);
      }
      i++;
      continue;
    }
    if (c === ')') {
      if (depth === 0) throw new ZoneSyntaxError(file, line, 'unbalanced ")"');
      depth = 0;
      i++;
      continue;
    }
    if (c === '"') {
      const start = line;
      let value = '';
      i++;
      for (;;) {
        if (i >= n) throw new ZoneSyntaxError(file, start, 'unterminated quoted string');
        const d = text[i] as string;
        if (d === '"') {
          i++;
          break;
        }
        if (d === '\\') {
          // Kept raw; characterString decodes escapes into bytes.
          if (i + 1 >= n) throw new ZoneSyntaxError(file, start, 'unterminated quoted string');
          if (text[i + 1] === '\n') line++;
          value += text.slice(i, i + 2);
          i += 2;
          continue;
        }
        if (d === '\n') line++;
        value += d;
        i++;
      }
      push({ text: value, quoted: true, line: start });
      continue;
    }
    // A bare word: up to whitespace, a comment, a quote or a parenthesis; backslash escapes kept raw.
    let j = i;
    while (j < n) {
      const d = text[j] as string;
      if (d === '\\') {
        j += 2;
        continue;
      }
      if (d === ' ' || d === '\t' || d === '\r' || d === '\n' || d === ';' || d === '(' || d === ')' || d === '"') break;
      j++;
    }
    push({ text: text.slice(i, Math.min(j, n)), quoted: false, line });
    i = j;
  }
  if (depth > 0) throw new ZoneSyntaxError(file, parenLine, '"(" is never closed');
  return entries;
}

/** The bytes of a character-string token: `\DDD` escapes are bytes, `\X` is X, other text is UTF-8. */
function characterString(token: Token, file: string): Buffer {
  const raw = token.text;
  if (!raw.includes('\\')) return Buffer.from(raw, 'utf8');
  const parts: Buffer[] = [];
  let run = '';
  for (let i = 0; i < raw.length; ) {
    if (raw[i] !== '\\') {
      run += raw[i];
      i++;
      continue;
    }
    const digits = raw.slice(i + 1, i + 4);
    if (/^\d{3}$/.test(digits)) {
      if (Number(digits) > 255) throw new ZoneSyntaxError(file, token.line, `bad escape \\${digits}`);
      parts.push(Buffer.from(run, 'utf8'), Buffer.from([Number(digits)]));
      run = '';
      i += 4;
    } else if (/^\d/.test(digits)) {
      throw new ZoneSyntaxError(file, token.line, `bad escape \\${digits}: use three digits`);
    } else {
      run += raw[i + 1] ?? '';
      i += 2;
    }
  }
  parts.push(Buffer.from(run, 'utf8'));
  return Buffer.concat(parts);
}

/** TTL in seconds: digits, or BIND units (`1h30m`, `2d`, `1w`). */
export function parseTtl(text: string): number | undefined {
  let total: number;
  if (/^\d+$/.test(text)) total = Number(text);
  else {
    const match = /^(?:\d+[smhdw])+$/i.test(text);
    if (!match) return undefined;
    total = 0;
    for (const [, digits, unit] of text.toLowerCase().matchAll(/(\d+)([smhdw])/g)) {
      const factor = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[unit as 's' | 'm' | 'h' | 'd' | 'w'];
      total += Number(digits) * factor;
    }
  }
  return total <= MAX_TTL ? total : undefined;
}

function isClass(text: string): boolean {
  return /^(IN|CH|CS|HS|CLASS\d+)$/i.test(text);
}

/** Validates a presentation-form name and makes it absolute (lower case, no trailing dot). */
function absoluteName(text: string, origin: string | undefined, fail: (reason: string) => never): string {
  if (text === '@') {
    if (origin === undefined) fail('"@" used before any $ORIGIN');
    return origin;
  }
  if (text.includes('\\')) fail(`escapes in names are not supported: ${text}`);
  let name: string;
  if (text === '.') name = '';
  else if (text.endsWith('.')) name = text.slice(0, -1);
  else {
    if (origin === undefined) fail(`relative name "${text}" with no $ORIGIN (end it with "." or add $ORIGIN)`);
    name = origin === '' ? text : `${text}.${origin}`;
  }
  name = name.toLowerCase();
  if (name.length > 253) fail(`name longer than 253 characters: ${text}`);
  if (name !== '') {
    for (const label of name.split('.')) {
      if (label.length === 0) fail(`empty label in name "${text}"`);
      if (label.length > 63) fail(`label longer than 63 characters in "${text}"`);
      if (!/^[a-z0-9_*-]+$/.test(label) || (label.includes('*') && label !== '*')) fail(`bad name "${text}"`);
    }
  }
  return name;
}

function uint(text: string | undefined, max: number, what: string, fail: (reason: string) => never): number {
  if (text === undefined || !/^\d+$/.test(text) || Number(text) > max) fail(`${what} must be a number from 0 to ${max}, not ${text === undefined ? 'nothing' : `"${text}"`}`);
  return Number(text);
}

/** Character-strings of TXT-like rdata, read from wire form (RFC 1035 §3.3.14). */
export function decodeCharacterStrings(rdata: Buffer): Buffer[] | undefined {
  const strings: Buffer[] = [];
  for (let i = 0; i < rdata.length; ) {
    const length = rdata[i] as number;
    if (i + 1 + length > rdata.length) return undefined;
    strings.push(rdata.subarray(i + 1, i + 1 + length));
    i += 1 + length;
  }
  return strings;
}

/** Data of a record given in RFC 3597 `\# length hex` form, for the types we model. */
function genericRdata(type: QueryType, rdata: Buffer, fail: (reason: string) => never): RecordDataMap[QueryType] {
  const name = (offset: number): [string, number] => {
    const labels: string[] = [];
    let i = offset;
    for (;;) {
      const length = rdata[i];
      if (length === undefined || length > 63) fail(`bad name in \\# rdata of ${type}`);
      i++;
      if (length === 0) break;
      if (i + length > rdata.length) fail(`bad name in \\# rdata of ${type}`);
      labels.push(rdata.subarray(i, i + length).toString('latin1').toLowerCase());
      i += length;
    }
    return [labels.join('.'), i];
  };
  switch (type) {
    case 'A':
      if (rdata.length !== 4) fail('A rdata must be 4 bytes');
      return [...rdata].join('.');
    case 'AAAA': {
      if (rdata.length !== 16) fail('AAAA rdata must be 16 bytes');
      const groups: string[] = [];
      for (let i = 0; i < 16; i += 2) groups.push(rdata.readUInt16BE(i).toString(16));
      return (parseIp(groups.join(':')) as { address: string }).address;
    }
    case 'TXT':
    case 'SPF': {
      const strings = decodeCharacterStrings(rdata);
      if (!strings || strings.length === 0) fail(`bad ${type} rdata in \\# form`);
      return Buffer.concat(strings).toString('utf8');
    }
    case 'CNAME':
    case 'PTR':
    case 'NS': {
      const [target, end] = name(0);
      if (end !== rdata.length) fail(`trailing bytes in \\# rdata of ${type}`);
      return target;
    }
    case 'MX': {
      if (rdata.length < 3) fail('MX rdata too short');
      const [exchange, end] = name(2);
      if (end !== rdata.length) fail('trailing bytes in \\# rdata of MX');
      return { preference: rdata.readUInt16BE(0), exchange };
    }
    case 'SOA': {
      const [mname, afterM] = name(0);
      const [rname, afterR] = name(afterM);
      if (afterR + 20 !== rdata.length) fail('bad SOA rdata length');
      const n = (k: number) => rdata.readUInt32BE(afterR + 4 * k);
      return { mname, rname, serial: n(0), refresh: n(1), retry: n(2), expire: n(3), minimum: n(4) };
    }
    case 'CAA': {
      if (rdata.length < 2) fail('CAA rdata too short');
      const flags = rdata[0] as number;
      const tagLength = rdata[1] as number;
      if (2 + tagLength > rdata.length) fail('bad CAA rdata');
      const tag = rdata.subarray(2, 2 + tagLength).toString('latin1');
      return `${flags} ${tag} ${quote(rdata.subarray(2 + tagLength))}`;
    }
    case 'TLSA':
      if (rdata.length < 3) fail('TLSA rdata too short');
      return `${rdata[0]} ${rdata[1]} ${rdata[2]} ${rdata.subarray(3).toString('hex')}`;
  }
}

/** Reads one entry's type and rdata into record data. */
function recordData(
  type: QueryType,
  rdata: Token[],
  origin: string | undefined,
  fail: (reason: string) => never,
  file: string,
): RecordDataMap[QueryType] {
  const words = rdata.map((t) => t.text);
  const nameArg = (text: string | undefined, what: string) => {
    if (text === undefined) fail(`${type} record needs ${what}`);
    return absoluteName(text, origin, fail);
  };
  const count = (expected: number, shape: string) => {
    if (words.length !== expected) fail(`bad ${type} record: expected "${shape}", got "${words.join(' ')}"`);
  };
  if (rdata[0] && !rdata[0].quoted && rdata[0].text === '\\#') {
    const length = uint(words[1], 65535, 'the \\# length', fail);
    const hex = words.slice(2).join('');
    if (!/^[0-9a-f]*$/i.test(hex) || hex.length % 2 !== 0) fail(`bad hex in \\# rdata: ${hex}`);
    const bytes = Buffer.from(hex, 'hex');
    if (bytes.length !== length) fail(`\\# rdata says ${length} bytes but has ${bytes.length}`);
    return genericRdata(type, bytes, fail);
  }
  switch (type) {
    case 'A': {
      count(1, 'A <IPv4 address>');
      const ip = parseIp(words[0] as string);
      if (!ip || ip.version !== 4) fail(`bad A record: "${words[0]}" is not an IPv4 address`);
      return ip.address;
    }
    case 'AAAA': {
      count(1, 'AAAA <IPv6 address>');
      const ip = parseIp(words[0] as string);
      if (!ip || ip.version !== 6) fail(`bad AAAA record: "${words[0]}" is not an IPv6 address`);
      return ip.address;
    }
    case 'MX': {
      count(2, 'MX <preference> <exchange>');
      const preference = uint(words[0], 65535, 'MX preference', fail);
      // Null MX (RFC 7505): "0 ." → exchange "".
      const exchange = nameArg(words[1], 'an exchange');
      return { preference, exchange } satisfies MxData;
    }
    case 'CNAME':
    case 'PTR':
    case 'NS':
      count(1, `${type} <name>`);
      return nameArg(words[0], 'a target name');
    case 'SOA': {
      count(7, 'SOA <mname> <rname> <serial> <refresh> <retry> <expire> <minimum>');
      const time = (text: string | undefined, what: string) => {
        const value = text === undefined ? undefined : parseTtl(text);
        if (value === undefined) fail(`bad SOA ${what}: "${text}"`);
        return value;
      };
      return {
        mname: nameArg(words[0], 'an mname'),
        rname: nameArg(words[1], 'an rname'),
        serial: uint(words[2], 4294967295, 'SOA serial', fail),
        refresh: time(words[3], 'refresh'),
        retry: time(words[4], 'retry'),
        expire: time(words[5], 'expire'),
        minimum: time(words[6], 'minimum'),
      } satisfies SoaData;
    }
    case 'TXT':
    case 'SPF': {
      if (rdata.length === 0) fail(`${type} record needs at least one string`);
      const strings = rdata.map((token) => characterString(token, file));
      for (const s of strings) {
        if (s.length > 255) fail(`${type} string longer than 255 bytes (${s.length}): split it into several quoted strings`);
      }
      // RFC 7208 §3.3: the strings of one record are joined with no separator.
      return Buffer.concat(strings).toString('utf8');
    }
    case 'CAA': {
      count(3, 'CAA <flags> <tag> "<value>"');
      const flags = uint(words[0], 255, 'CAA flags', fail);
      const tag = words[1] as string;
      if (!/^[a-z0-9]{1,15}$/i.test(tag)) fail(`bad CAA tag "${tag}"`);
      return `${flags} ${tag.toLowerCase()} ${quote(characterString(rdata[2] as Token, file))}`;
    }
    case 'TLSA': {
      if (words.length < 4) fail('bad TLSA record: expected "TLSA <usage> <selector> <matching type> <hex>"');
      const usage = uint(words[0], 255, 'TLSA usage', fail);
      const selector = uint(words[1], 255, 'TLSA selector', fail);
      const matching = uint(words[2], 255, 'TLSA matching type', fail);
      const hex = words.slice(3).join('');
      if (!/^[0-9a-f]+$/i.test(hex) || hex.length % 2 !== 0) fail(`bad TLSA certificate data "${hex}"`);
      return `${usage} ${selector} ${matching} ${hex.toLowerCase()}`;
    }
  }
}

/** Parses a zone file, keeping the owners of unmodelled record types. */
export function parseZoneFile(text: string, options: ParseZoneOptions = {}): ZoneContents {
  const file = options.file ?? '<zone>';
  let origin = options.origin === undefined ? undefined : normalizeName(options.origin);
  if (origin === '.') origin = '';
  let dollarTtl: number | undefined;
  let lastTtl: number | undefined;
  let previousOwner: string | undefined;
  const records: DnsRecord[] = [];
  const otherNames = new Set<string>();

  for (const entry of tokenize(text, file)) {
    const fail = (reason: string): never => {
      throw new ZoneSyntaxError(file, entry.line, reason);
    };
    const tokens = [...entry.tokens];
    if (tokens.length === 0) continue;
    const first = tokens[0] as Token;

    if (!entry.inheritsOwner && !first.quoted && first.text.startsWith('$')) {
      const directive = first.text.toUpperCase();
      if (directive === '$ORIGIN') {
        if (tokens.length !== 2) fail('$ORIGIN takes one absolute name');
        const value = (tokens[1] as Token).text;
        if (!value.endsWith('.')) fail(`$ORIGIN must be absolute (end with "."): ${value}`);
        origin = absoluteName(value, undefined, fail);
      } else if (directive === '$TTL') {
        if (tokens.length !== 2) fail('$TTL takes one TTL');
        const ttl = parseTtl((tokens[1] as Token).text);
        if (ttl === undefined) fail(`bad $TTL "${(tokens[1] as Token).text}"`);
        dollarTtl = ttl;
      } else {
        fail(`${first.text} is not supported (only $ORIGIN and $TTL)`);
      }
      continue;
    }

    let owner: string;
    if (entry.inheritsOwner) {
      if (previousOwner === undefined) fail('record with no owner name (the line starts with whitespace and no record precedes it)');
      owner = previousOwner as string;
    } else {
      tokens.shift();
      if (first.quoted) fail('owner name cannot be quoted');
      owner = absoluteName(first.text, origin, fail);
    }
    previousOwner = owner;

    // [TTL] [class] type, TTL and class in either order.
    let ttl: number | undefined;
    let typeText: string | undefined;
    for (let k = 0; k < 3 && tokens.length > 0; k++) {
      const word = (tokens[0] as Token).text;
      if ((tokens[0] as Token).quoted) break;
      if (ttl === undefined && /^\d/.test(word)) {
        ttl = parseTtl(word);
        if (ttl === undefined) fail(`bad TTL "${word}"`);
        tokens.shift();
      } else if (isClass(word)) {
        if (word.toUpperCase() !== 'IN') fail(`class ${word} is not supported (only IN)`);
        tokens.shift();
      } else {
        typeText = word.toUpperCase();
        tokens.shift();
        break;
      }
    }
    if (typeText === undefined) fail('record with no type');
    let type = typeText as string;
    const numbered = /^TYPE(\d+)$/.exec(type);
    if (numbered) {
      const known = TYPE_BY_NUMBER.get(Number(numbered[1]));
      if (Number(numbered[1]) > 65535) fail(`bad type ${type}`);
      if (known) type = known;
      else if (tokens[0]?.text !== '\\#') fail(`${type} needs RFC 3597 rdata: \\# <length> <hex>`);
    }

    if (ttl === undefined) ttl = dollarTtl ?? lastTtl ?? options.defaultTtl ?? DEFAULT_TTL;
    else lastTtl = ttl;

    if (!isQueryType(type)) {
      if (!numbered && !OTHER_TYPES.has(type)) fail(`unknown record type "${typeText}"`);
      if (tokens.length === 0) fail(`${type} record has no data`);
      otherNames.add(owner);
      continue;
    }
    const data = recordData(type, tokens, origin, fail, file);
    records.push({ name: owner, type, ttl, data } as DnsRecord);
  }
  return { records, otherNames: [...otherNames] };
}

/** Parses a zone file into records (see parseZoneFile for the owners of skipped types). */
export function parseZone(text: string, options: ParseZoneOptions = {}): DnsRecord[] {
  return parseZoneFile(text, options).records;
}

// ---- formatting (the inverse: every formatted record re-parses to itself) ----

/** A quoted character-string with `"` and `\` escaped and non-printable bytes as `\DDD`. */
export function quote(bytes: Buffer): string {
  let out = '"';
  const text = bytes.toString('utf8');
  const roundTrips = Buffer.from(text, 'utf8').equals(bytes);
  if (roundTrips) {
    for (const ch of text) {
      const code = ch.codePointAt(0) as number;
      if (ch === '"' || ch === '\\') out += `\\${ch}`;
      else if (code < 32 || code === 127) out += `\\${String(code).padStart(3, '0')}`;
      else out += ch;
    }
  } else {
    for (const byte of bytes) {
      if (byte === 34 || byte === 92) out += `\\${String.fromCharCode(byte)}`;
      else if (byte < 32 || byte >= 127) out += `\\${String(byte).padStart(3, '0')}`;
      else out += String.fromCharCode(byte);
    }
  }
  return `${out}"`;
}

/** TXT data as quoted strings of at most 255 bytes each (never splitting a UTF-8 character). */
export function splitCharacterStrings(text: string): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + 255, bytes.length);
    // Back off to a character boundary (continuation bytes are 10xxxxxx).
    while (end < bytes.length && end > start && ((bytes[end] as number) & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end));
    start = end;
  }
  return parts.length > 0 ? parts : [Buffer.alloc(0)];
}

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
      return splitCharacterStrings(record.data as string).map(quote).join(' ');
  }
}

/** One zone-file line: `name. TTL IN TYPE data`. */
export function formatRecord(record: DnsRecord): string {
  return `${absolute(record.name)}\t${record.ttl}\tIN\t${record.type}\t${formatRecordData(record)}`;
}
