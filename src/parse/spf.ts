import ipaddr from 'ipaddr.js';
import { domainSpecError, parseMacroString } from './spf-macro.js';

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

export interface SpfSyntaxError {
  /** What is wrong, in one sentence. */
  message: string;
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

type TermResult = { term: SpfTerm } | { error: string };

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
    if (rawName === '') return { error: 'missing mechanism name' };
    if (lowerName === 'redirect' || lowerName === 'exp') return { error: `"${rawName}" is a modifier and takes "=", not ":"` };
    return { error: `unknown mechanism "${rawName}"` };
  }
  const name = lowerName as MechanismName;
  const mechanism: SpfMechanism = { kind: 'mechanism', qualifier, name };

  switch (name) {
    case 'all':
      if (rest !== '') return { error: '"all" takes no argument' };
      return { term: mechanism };

    case 'include':
    case 'exists': {
      if (!rest.startsWith(':')) return { error: `"${name}" needs ":domain"` };
      const domainSpec = rest.slice(1);
      const problem = domainSpecError(domainSpec);
      if (problem) return { error: problem };
      mechanism.domainSpec = domainSpec;
      return { term: mechanism };
    }

    case 'ptr': {
      if (rest === '') return { term: mechanism };
      if (!rest.startsWith(':')) return { error: '"ptr" takes only ":domain" (no CIDR length)' };
      const domainSpec = rest.slice(1);
      const problem = domainSpecError(domainSpec);
      if (problem) return { error: problem };
      mechanism.domainSpec = domainSpec;
      return { term: mechanism };
    }

    case 'a':
    case 'mx': {
      // [ ":" domain-spec ] [ "/" ip4-cidr ] [ "//" ip6-cidr ]: the lengths are taken from the end,
      // since "/" may also appear inside a domain-spec (`a:foo:bar/baz.example.com`).
      const split = /^(.*?)(?:\/(\d+))?(?:\/\/(\d+))?$/s.exec(rest);
      const [, head = '', cidr4Text, cidr6Text] = split ?? [];
      if (head !== '') {
        if (!head.startsWith(':')) return { error: `invalid CIDR length "${rest}" (use /N for IPv4 and //N for IPv6)` };
        const domainSpec = head.slice(1);
        const problem = domainSpecError(domainSpec);
        if (problem) return { error: problem };
        mechanism.domainSpec = domainSpec;
      }
      if (cidr4Text !== undefined) {
        const value = cidrValue(cidr4Text, 32);
        if (value === undefined) return { error: `invalid IPv4 CIDR length "/${cidr4Text}" (0-32, no leading zeros)` };
        mechanism.cidr4 = value;
      }
      if (cidr6Text !== undefined) {
        const value = cidrValue(cidr6Text, 128);
        if (value === undefined) return { error: `invalid IPv6 CIDR length "//${cidr6Text}" (0-128, no leading zeros)` };
        mechanism.cidr6 = value;
      }
      return { term: mechanism };
    }

    case 'ip4':
    case 'ip6': {
      if (!rest.startsWith(':') || rest === ':') return { error: `"${name}" needs ":address"` };
      const slash = rest.indexOf('/');
      const ip = slash < 0 ? rest.slice(1) : rest.slice(1, slash);
      const cidrText = slash < 0 ? undefined : rest.slice(slash + 1);
      const valid = name === 'ip4' ? isIp4Network(ip) : isIp6Network(ip);
      if (!valid) return { error: `"${ip}" is not a valid ${name === 'ip4' ? 'IPv4' : 'IPv6'} address` };
      mechanism.ip = ip;
      if (cidrText !== undefined) {
        const max = name === 'ip4' ? 32 : 128;
        const value = cidrValue(cidrText, max);
        if (value === undefined) return { error: `invalid CIDR length "/${cidrText}" (0-${max}, no leading zeros)` };
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
    const problem = domainSpecError(value);
    if (problem) return { error: `${lower}=: ${problem}` };
    return { term: { kind: 'modifier', name: lower, value } };
  }
  const parsed = parseMacroString(value, 'domain');
  if (!parsed.ok) return { error: `${name}=: ${parsed.message}` };
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
  if (!VERSION.test(text)) {
    const first = /^\S*/.exec(text)?.[0] ?? '';
    return { ok: false, errors: [{ message: 'an SPF record starts with "v=spf1" followed by a space', term: first, position: 0 }] };
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
      errors.push({ message: result.error, term: raw, position: match.index });
      continue;
    }
    const term = result.term;
    if (term.kind === 'modifier' && (term.name === 'redirect' || term.name === 'exp')) {
      // §6: redirect and exp may each appear at most once.
      if (seen.has(term.name)) {
        errors.push({ message: `"${term.name}=" appears more than once`, term: raw, position: match.index });
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
