import ipaddr from 'ipaddr.js';
import type { MacroError, MacroErrorCode } from './spf-macro.js';
import { domainSpecProblem, parseMacroString } from './spf-macro.js';

// SPF records (RFC 7208 §4.5, §4.6.1, §5, §6, §12 ABNF) as plain data, with a formatter whose output
// re-parses to the same data. The evaluator (src/spf/) and the domain report both read this shape.

export type Qualifier = '+' | '-' | '~' | '?';

export type MechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

export const MECHANISM_NAMES: readonly MechanismName[] = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'];

export interface SpfMechanism {
  kind: 'mechanism';
  /** `+` when the record wrote none. */
  qualifier: Qualifier;
  /** Lower case. */
  name: MechanismName;
  /** include, exists (required); a, mx, ptr (optional). A macro-string, as written. */
  domainSpec?: string;
  /** ip4/ip6 network address, as written. */
  ip?: string;
  /** IPv4 prefix length: ip4, and the first length of a/mx (`a/24`). */
  cidr4?: number;
  /** IPv6 prefix length: ip6, and the `//64` of a/mx. */
  cidr6?: number;
}

export interface SpfModifier {
  kind: 'modifier';
  /** Lower case for redirect and exp; as written for unknown modifiers. */
  name: string;
  /** A macro-string (a domain-spec for redirect and exp). */
  value: string;
}

export type SpfTerm = SpfMechanism | SpfModifier;

export interface SpfRecord {
  terms: SpfTerm[];
}

/**
 * Most bytes of a record parseSpf reads. RFC 7208 §3.4 advises keeping records under 450 bytes (so
 * an answer fits one UDP packet); DNS allows a TXT record of 64 KB. A longer record is one error,
 * `spf.record-too-long`, found without reading its terms.
 */
export const MAX_SPF_RECORD_BYTES = 4096;

/** The data of each SPF record error, by code. Macro-string errors (MacroErrorCode) may carry `modifier`. */
export interface SpfErrorDataMap {
  'spf.version': Record<string, never>;
  'spf.record-too-long': { bytes: number; limit: number };
  'spf.mechanism-missing': Record<string, never>;
  'spf.modifier-colon': { name: string };
  'spf.mechanism-unknown': { name: string };
  'spf.all-argument': Record<string, never>;
  'spf.domain-required': { mechanism: string };
  'spf.ptr-cidr': Record<string, never>;
  'spf.cidr-syntax': { value: string };
  'spf.cidr4-length': { value: string };
  'spf.cidr6-length': { value: string };
  'spf.address-required': { mechanism: string };
  'spf.address-invalid': { mechanism: 'ip4' | 'ip6'; value: string };
  'spf.cidr-length': { value: string; max: number };
  'spf.address-as-domain': { mechanism: string; value: string; use: 'ip4' | 'ip6' };
  'spf.modifier-duplicate': { name: string };
}

export type SpfErrorCode = keyof SpfErrorDataMap | MacroErrorCode;

export type SpfErrorData = Readonly<Record<string, string | number>>;



export interface SpfSyntaxError {
  /** What is wrong: a stable id, e.g. `spf.mechanism-unknown`. */
  code: SpfErrorCode;
  /** The values the id's text needs (`name`, `value`, ...). */
  data: SpfErrorData;
  /** The offending term, as written (or the record's start for a version problem). */
  term: string;
  /** 0-based character offset of the term in the record text. */
  position: number;
}

export type SpfParseResult = { ok: true; record: SpfRecord } | { ok: false; errors: SpfSyntaxError[] };

const VERSION = /^v=spf1(?: |$)/i;

/** §4.5: a record is an SPF record when it starts with `v=spf1` followed by a space or its end (any case). */
export function isSpfRecord(text: string): boolean {
  return VERSION.test(text);
}

const MODIFIER = /^([A-Za-z][A-Za-z0-9._-]*)=(.*)$/s;
const QUALIFIERS = '+-~?';

function cidrValue(text: string, max: number): number | undefined {
  // ip4-cidr-length = "/" ("0" / %x31-39 0*1DIGIT); leading zeros are not allowed (suite: cidr4-032).
  if (!/^(?:0|[1-9]\d{0,2})$/.test(text)) return undefined;
  const value = Number(text);
  return value <= max ? value : undefined;
}

/** ip4-network = qnum "." qnum "." qnum "." qnum, qnum 0-255 without leading zeros. */
export function isIp4Network(text: string): boolean {
  return /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(text);
}

export function isIp6Network(text: string): boolean {
  // ipaddr.js accepts zone ids (`fe80::1%eth0`); SPF does not.
  return /^[0-9A-Fa-f:.]+$/.test(text) && ipaddr.IPv6.isValid(text);
}

interface TermError {
  code: SpfErrorCode;
  data: SpfErrorData;
}

type TermResult = { term: SpfTerm } | { error: TermError };

function fail<C extends keyof SpfErrorDataMap>(code: C, data: SpfErrorDataMap[C]): { error: TermError } {
  return { error: { code, data } };
}

function macroFailure(problem: MacroError, modifier?: string): { error: TermError } {
  return { error: { code: problem.code, data: modifier === undefined ? problem.data : { ...problem.data, modifier } } };
}

/** The text before a trailing `/digits`, or the whole text. */
function withoutPrefixLength(text: string): string {
  let i = text.length;
  while (i > 0 && isDigitCode(text.charCodeAt(i - 1))) i--;
  return i < text.length && i > 0 && text.charCodeAt(i - 1) === 0x2f ? text.slice(0, i - 1) : text;
}

function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** A domain-spec's syntax error, with the common mistake of writing an address where a name belongs called out. */
function targetError(name: MechanismName, domainSpec: string): { error: TermError } | undefined {
  const problem = domainSpecProblem(domainSpec);
  if (!problem) return undefined;
  const address = withoutPrefixLength(domainSpec);
  if (isIp4Network(address)) return fail('spf.address-as-domain', { mechanism: name, value: domainSpec, use: 'ip4' });
  if (address.includes(':') && isIp6Network(address)) return fail('spf.address-as-domain', { mechanism: name, value: domainSpec, use: 'ip6' });
  return macroFailure(problem);
}

/**
 * Splits `[ ":" domain-spec ] [ "/" ip4-cidr ] [ "//" ip6-cidr ]` (the rest of an a or mx term) into
 * the head and the digits of the lengths, taken from the end since "/" may also appear inside a
 * domain-spec (`a:foo:bar/baz.example.com`): the longest suffix of the form `/D+`, `//D+` or
 * `/D+//D+`. One backwards pass.
 */
export function splitDualCidr(rest: string): { head: string; cidr4?: string; cidr6?: string } {
  let end = rest.length;
  let start = end;
  while (start > 0 && isDigitCode(rest.charCodeAt(start - 1))) start--;
  let cidr6: string | undefined;
  if (start < end && start >= 2 && rest.charCodeAt(start - 1) === 0x2f && rest.charCodeAt(start - 2) === 0x2f) {
    cidr6 = rest.slice(start, end);
    end = start - 2;
    start = end;
    while (start > 0 && isDigitCode(rest.charCodeAt(start - 1))) start--;
  }
  let cidr4: string | undefined;
  if (start < end && start >= 1 && rest.charCodeAt(start - 1) === 0x2f) {
    cidr4 = rest.slice(start, end);
    end = start - 1;
  }
  const split: { head: string; cidr4?: string; cidr6?: string } = { head: rest.slice(0, end) };
  if (cidr4 !== undefined) split.cidr4 = cidr4;
  if (cidr6 !== undefined) split.cidr6 = cidr6;
  return split;
}

function parseMechanism(text: string): TermResult {
  let qualifier: Qualifier = '+';
  let body = text;
  if (QUALIFIERS.includes(text[0] as string)) {
    qualifier = text[0] as Qualifier;
    body = text.slice(1);
  }
  const nameMatch = /^[^:/]*/.exec(body);
  const rawName = nameMatch ? nameMatch[0] : '';
  const lowerName = rawName.toLowerCase();
  const rest = body.slice(rawName.length);
  if (!(MECHANISM_NAMES as readonly string[]).includes(lowerName)) {
    if (rawName === '') return fail('spf.mechanism-missing', {});
    if (lowerName === 'redirect' || lowerName === 'exp') return fail('spf.modifier-colon', { name: rawName });
    return fail('spf.mechanism-unknown', { name: rawName });
  }
  const name = lowerName as MechanismName;
  const mechanism: SpfMechanism = { kind: 'mechanism', qualifier, name };

  switch (name) {
    case 'all':
      if (rest !== '') return fail('spf.all-argument', {});
      return { term: mechanism };

    case 'include':
    case 'exists': {
      if (!rest.startsWith(':')) return fail('spf.domain-required', { mechanism: name });
      const domainSpec = rest.slice(1);
      const problem = targetError(name, domainSpec);
      if (problem) return problem;
      mechanism.domainSpec = domainSpec;
      return { term: mechanism };
    }

    case 'ptr': {
      if (rest === '') return { term: mechanism };
      if (!rest.startsWith(':')) return fail('spf.ptr-cidr', {});
      const domainSpec = rest.slice(1);
      const problem = targetError(name, domainSpec);
      if (problem) return problem;
      mechanism.domainSpec = domainSpec;
      return { term: mechanism };
    }

    case 'a':
    case 'mx': {
      const { head, cidr4: cidr4Text, cidr6: cidr6Text } = splitDualCidr(rest);
      if (head !== '') {
        if (!head.startsWith(':')) return fail('spf.cidr-syntax', { value: rest });
        const domainSpec = head.slice(1);
        const problem = targetError(name, domainSpec);
        if (problem) return problem;
        mechanism.domainSpec = domainSpec;
      }
      if (cidr4Text !== undefined) {
        const value = cidrValue(cidr4Text, 32);
        if (value === undefined) return fail('spf.cidr4-length', { value: cidr4Text });
        mechanism.cidr4 = value;
      }
      if (cidr6Text !== undefined) {
        const value = cidrValue(cidr6Text, 128);
        if (value === undefined) return fail('spf.cidr6-length', { value: cidr6Text });
        mechanism.cidr6 = value;
      }
      return { term: mechanism };
    }

    case 'ip4':
    case 'ip6': {
      if (!rest.startsWith(':') || rest === ':') return fail('spf.address-required', { mechanism: name });
      const slash = rest.indexOf('/');
      const ip = slash < 0 ? rest.slice(1) : rest.slice(1, slash);
      const cidrText = slash < 0 ? undefined : rest.slice(slash + 1);
      const valid = name === 'ip4' ? isIp4Network(ip) : isIp6Network(ip);
      if (!valid) return fail('spf.address-invalid', { mechanism: name, value: ip });
      mechanism.ip = ip;
      if (cidrText !== undefined) {
        const max = name === 'ip4' ? 32 : 128;
        const value = cidrValue(cidrText, max);
        if (value === undefined) return fail('spf.cidr-length', { value: cidrText, max });
        if (name === 'ip4') mechanism.cidr4 = value;
        else mechanism.cidr6 = value;
      }
      return { term: mechanism };
    }
  }
}

function parseModifier(name: string, value: string): TermResult {
  const lower = name.toLowerCase();
  if (lower === 'redirect' || lower === 'exp') {
    // Known modifiers are never re-read as unknown ones (suite: redirect-syntax-error, exp-syntax-error).
    const problem = domainSpecProblem(value);
    if (problem) return macroFailure(problem, lower);
    return { term: { kind: 'modifier', name: lower, value } };
  }
  const parsed = parseMacroString(value, 'domain');
  if (!parsed.ok) return macroFailure(parsed, name);
  return { term: { kind: 'modifier', name, value } };
}

function parseTerm(text: string): TermResult {
  const modifier = MODIFIER.exec(text);
  if (modifier) return parseModifier(modifier[1] as string, modifier[2] as string);
  return parseMechanism(text);
}

/**
 * Parses one SPF record. Every term is checked (§4.6: any syntax error anywhere makes the record a
 * permerror), and every bad term is reported, with its position. Terms are separated by spaces only
 * (§4.6.1); any other control or non-ASCII character is an error in the term that holds it.
 */
export function parseSpf(text: string): SpfParseResult {
  const error = (code: SpfErrorCode, data: SpfErrorData, term: string, position: number): SpfSyntaxError => ({ code, data, term, position });
  if (!VERSION.test(text)) {
    const first = /^\S{0,64}/.exec(text)?.[0] ?? '';
    return { ok: false, errors: [error('spf.version', {}, first, 0)] };
  }
  // Past the cap, one length check: the terms of an oversized record are never read.
  if (text.length > MAX_SPF_RECORD_BYTES || Buffer.byteLength(text, 'utf8') > MAX_SPF_RECORD_BYTES) {
    return { ok: false, errors: [error('spf.record-too-long', { bytes: Buffer.byteLength(text, 'utf8'), limit: MAX_SPF_RECORD_BYTES }, 'v=spf1', 0)] };
  }
  const terms: SpfTerm[] = [];
  const errors: SpfSyntaxError[] = [];
  const seen = new Set<string>();
  const termPattern = /[^ ]+/g;
  termPattern.lastIndex = 'v=spf1'.length;
  for (let match = termPattern.exec(text); match; match = termPattern.exec(text)) {
    const raw = match[0];
    const result = parseTerm(raw);
    if ('error' in result) {
      errors.push(error(result.error.code, result.error.data, raw, match.index));
      continue;
    }
    const term = result.term;
    if (term.kind === 'modifier' && (term.name === 'redirect' || term.name === 'exp')) {
      // §6: redirect and exp may each appear at most once.
      if (seen.has(term.name)) {
        errors.push(error('spf.modifier-duplicate', { name: term.name }, raw, match.index));
        continue;
      }
      seen.add(term.name);
    }
    terms.push(term);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, record: { terms } };
}

/** The text of one term: qualifier only when not `+`, names in lower case, CIDR lengths when set. */
export function formatTerm(term: SpfTerm): string {
  if (term.kind === 'modifier') return `${term.name}=${term.value}`;
  let text = (term.qualifier === '+' ? '' : term.qualifier) + term.name;
  if (term.domainSpec !== undefined) text += `:${term.domainSpec}`;
  if (term.ip !== undefined) text += `:${term.ip}`;
  if (term.name === 'ip6') {
    if (term.cidr6 !== undefined) text += `/${term.cidr6}`;
    return text;
  }
  if (term.cidr4 !== undefined) text += `/${term.cidr4}`;
  if (term.cidr6 !== undefined) text += `//${term.cidr6}`;
  return text;
}

/** The record text: `v=spf1` and the terms separated by single spaces. */
export function formatSpf(record: SpfRecord): string {
  return ['v=spf1', ...record.terms.map(formatTerm)].join(' ');
}

/** Mechanisms that cost a DNS lookup against the limit of 10 (§4.6.4); `redirect` is the modifier that does. */
export const DNS_MECHANISMS: readonly MechanismName[] = ['include', 'a', 'mx', 'ptr', 'exists'];

/** True for include, a, mx, ptr, exists and redirect= — the terms §4.6.4 counts. */
export function queriesDns(term: SpfTerm): boolean {
  return term.kind === 'mechanism' ? DNS_MECHANISMS.includes(term.name) : term.name === 'redirect';
}

/** The terms of a record that count against the DNS lookup limit, in record order. */
export function dnsQueryingTerms(record: SpfRecord): SpfTerm[] {
  return record.terms.filter(queriesDns);
}

/** The first `all` mechanism, whose qualifier decides the record's default; undefined when it has none. */
export function allMechanism(record: SpfRecord): SpfMechanism | undefined {
  return record.terms.find((t): t is SpfMechanism => t.kind === 'mechanism' && t.name === 'all');
}

/** The qualifier of the record's `all`, or undefined when there is none. */
export function allQualifier(record: SpfRecord): Qualifier | undefined {
  return allMechanism(record)?.qualifier;
}

/** The value of redirect= or exp= (or an unknown modifier), when present. */
export function modifierValue(record: SpfRecord, name: string): string | undefined {
  const lower = name.toLowerCase();
  return record.terms.find((t): t is SpfModifier => t.kind === 'modifier' && t.name.toLowerCase() === lower)?.value;
}

/** Mechanisms in record order (modifiers left out). */
export function mechanisms(record: SpfRecord): SpfMechanism[] {
  return record.terms.filter((t): t is SpfMechanism => t.kind === 'mechanism');
}
