import ipaddr from 'ipaddr.js';
import type { LookupResult, QueryType, Resolver } from '../dns/types.js';
import { isFailure, isMissing, normalizeName } from '../dns/types.js';
import type { Qualifier, SpfMechanism, SpfRecord } from '../parse/spf.js';
import { formatTerm, isSpfRecord, parseSpf } from '../parse/spf.js';
import type { MacroContext } from '../parse/spf-macro.js';
import { parseMacroString } from '../parse/spf-macro.js';
import type { MacroValues } from './macro.js';
import { expandTokens } from './macro.js';
import { isCheckableDomain, isQueryableName, truncateDomain } from './names.js';
import { SPF_LOOKUP_LIMIT, SPF_MX_LIMIT, SPF_PTR_LIMIT, SPF_TIME_LIMIT_MS, SPF_VOID_LIMIT } from './limits.js';

import type { ParsedIp } from '../net/ip.js';
import { dottedLabels, parseIp, reverseName } from '../net/ip.js';

// check_host() of RFC 7208 §4: evaluates the SPF policy of a domain for a client IP, sender and HELO.
// Mechanisms are evaluated in order (they must be: the first match decides); each lookup is a value
// (LookupResult), and a DNS failure or limit breach ends the evaluation through SpfAbort.

export type SpfResult = 'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror';

export const SPF_RESULTS: readonly SpfResult[] = ['none', 'neutral', 'pass', 'fail', 'softfail', 'temperror', 'permerror'];

export function isSpfResult(value: string): value is SpfResult {
  return (SPF_RESULTS as readonly string[]).includes(value);
}

export interface CheckHostInput {
  /** The SMTP client's address (IPv4, IPv6; IPv4-mapped IPv6 counts as IPv4, §5). */
  ip: string;
  /** The domain whose policy is checked (the MAIL FROM domain, or the HELO name). */
  domain: string;
  /** MAIL FROM; empty means the null sender, checked as `postmaster@<helo>` (§2.4). */
  sender?: string;
  /** HELO/EHLO name (the %{h} macro). */
  helo?: string;
}

export interface CheckHostOptions {
  /** %{r}: the receiving host's domain (default `unknown`). */
  receiver?: string;
  /** Clock for %{t} (default: now). */
  now?: () => number;
  /** Explanation for a fail when the policy gives none (or its exp= fails); an explain-string, macros allowed. */
  defaultExplanation?: string;
  /** DNS-querying terms allowed (§4.6.4: 10). */
  maxLookups?: number;
  /** Void lookups allowed (§4.6.4: 2). */
  maxVoidLookups?: number;
  /** Elapsed-time limit for the whole evaluation, then temperror (§4.6.4: at least 20 s); 0 for none. */
  timeLimitMs?: number;
}

export interface MatchedTerm {
  /** Domain whose record holds the term. */
  domain: string;
  /** The term as text, e.g. `ip4:192.0.2.0/24` or `-all`. */
  term: string;
}

export interface TraceStep {
  /** 0 at the checked domain, +1 inside each include (a redirect stays at the same depth). */
  depth: number;
  domain: string;
  /** The term being evaluated, or null for record-level steps. */
  term: string | null;
  /** What happened (a catalogue id under `spf.trace.`), with its facts. */
  event: string;
  data: Record<string, unknown>;
}

/** Why an evaluation ended in permerror or temperror: a catalogue id under `spf.problem.`, with its facts. */
export interface SpfProblem {
  id: string;
  data: Record<string, unknown>;
}

export interface CheckHostResult {
  result: SpfResult;
  /** The mechanism that decided the result (in the top-level or redirected record); null for none, neutral by default, errors. */
  matched: MatchedTerm | null;
  /** For fail only: the exp= text (expanded) or the default explanation. */
  explanation: string | null;
  /** For permerror and temperror: what went wrong. */
  problem: SpfProblem | null;
  /** DNS-querying terms evaluated (include, a, mx, ptr, exists, redirect). */
  lookups: number;
  /** Lookups that returned NXDOMAIN or no answers. */
  voidLookups: number;
  trace: TraceStep[];
}

export const DEFAULT_EXPLANATION = '%{c} is not permitted to send mail for %{d}';
export const DEFAULT_TIME_LIMIT_MS = SPF_TIME_LIMIT_MS;
const MAX_MX_NAMES = SPF_MX_LIMIT;
const MAX_PTR_NAMES = SPF_PTR_LIMIT;

/** Ends an evaluation with permerror or temperror. Internal only: checkHost returns it as a value. */
class SpfAbort extends Error {
  constructor(
    readonly result: 'permerror' | 'temperror',
    readonly problem: SpfProblem,
  ) {
    super(problem.id);
  }
}

interface Client {
  address: ipaddr.IPv4 | ipaddr.IPv6;
  version: 4 | 6;
  /** The same address in the shape the shared DNS-name helpers take (src/net/ip.ts). */
  parsed: ParsedIp;
}

interface Evaluation {
  resolver: Resolver;
  client: Client;
  values: Omit<MacroValues, 'd' | 'p'>;
  options: Required<Pick<CheckHostOptions, 'maxLookups' | 'maxVoidLookups'>>;
  lookups: number;
  voidLookups: number;
  trace: TraceStep[];
  validated?: Promise<string[]>;
}

interface DomainOutcome {
  result: SpfResult;
  matched: MatchedTerm | null;
  /** The domain whose record decided, and its exp= (only the deciding record's exp is used, §6.2). */
  decidedBy: string;
  exp?: string;
}

const QUALIFIER_RESULTS: Record<Qualifier, SpfResult> = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };

/** Parses the client address; IPv4-mapped IPv6 becomes IPv4 (§5: "MUST still be considered an IPv4 address"). */
export function parseClientIp(text: string): Client | undefined {
  const trimmed = text.trim();
  const client = (address: ipaddr.IPv4 | ipaddr.IPv6, version: 4 | 6): Client => ({ address, version, parsed: parseIp(address.toString()) as ParsedIp });
  if (ipaddr.IPv4.isValidFourPartDecimal(trimmed)) return client(ipaddr.IPv4.parse(trimmed), 4);
  if (trimmed.includes(':') && !trimmed.includes('%') && ipaddr.IPv6.isValid(trimmed)) {
    const v6 = ipaddr.IPv6.parse(trimmed);
    // An IPv4-mapped client is an IPv4 client (RFC 7208 §5).
    if (v6.isIPv4MappedAddress()) return client(v6.toIPv4Address(), 4);
    return client(v6, 6);
  }
  return undefined;
}

function dottedIp(client: Client): string {
  if (client.version === 4) return client.address.toString();
  // Nibbles in upper case, as the reference implementation (pyspf) writes them; DNS does not care.
  return dottedLabels(client.parsed).toUpperCase();
}

function step(state: Evaluation, depth: number, domain: string, term: string | null, event: string, data: Record<string, unknown> = {}): void {
  state.trace.push({ depth, domain, term, event, data });
}

function abort(result: 'permerror' | 'temperror', id: string, data: Record<string, unknown>): SpfAbort {
  return new SpfAbort(result, { id, data });
}

function macroValues(state: Evaluation, domain: string): MacroValues {
  return { ...state.values, d: domain, p: () => validatedDomain(state, domain) };
}

async function expand(state: Evaluation, text: string, domain: string, context: MacroContext): Promise<string> {
  if (!text.includes('%')) return text;
  const parsed = parseMacroString(text, context);
  // The record parser has validated every domain-spec already; explanation text is checked by the caller.
  if (!parsed.ok) throw abort('permerror', 'macro', { text, error: { code: parsed.code, data: parsed.data } });
  return expandTokens(parsed.tokens, macroValues(state, domain));
}

/** Expands a domain-spec into a name to query (§7.3: trailing dot ignored, over-long names cut from the left). */
async function targetName(state: Evaluation, spec: string | undefined, domain: string): Promise<string> {
  if (spec === undefined) return domain;
  const expanded = await expand(state, spec, domain, 'domain');
  return truncateDomain(expanded.endsWith('.') ? expanded.slice(0, -1) : expanded);
}

function countLookup(state: Evaluation, depth: number, domain: string, term: string): void {
  state.lookups++;
  if (state.lookups > state.options.maxLookups) {
    step(state, depth, domain, term, 'limit-lookups', { max: state.options.maxLookups });
    throw abort('permerror', 'lookups', { max: state.options.maxLookups });
  }
}

function countVoid(state: Evaluation, depth: number, domain: string, term: string, result: LookupResult): void {
  if (!isMissing(result)) return;
  state.voidLookups++;
  if (state.voidLookups > state.options.maxVoidLookups) {
    step(state, depth, domain, term, 'limit-void', { max: state.options.maxVoidLookups });
    throw abort('permerror', 'void', { max: state.options.maxVoidLookups });
  }
}

/** Queries a name; a DNS failure ends the evaluation with temperror (§5, §4.4). */
async function mustQuery<T extends QueryType>(state: Evaluation, name: string, type: T, depth: number, domain: string, term: string): Promise<LookupResult<T>> {
  const result = await state.resolver.query(name, type);
  if (isFailure(result)) {
    step(state, depth, domain, term, 'lookup-failed', { type, name, outcome: result.outcome });
    throw abort('temperror', 'dns', { type, name, outcome: result.outcome });
  }
  return result;
}

function inNetwork(client: Client, addressText: string, bits: number): boolean {
  try {
    const address = ipaddr.parse(addressText);
    if (address.kind() !== client.address.kind()) return false;
    return client.address.match(address, bits);
  } catch {
    return false;
  }
}

/** Validated names of the client IP (§5.5): PTR names (at most 10) whose A/AAAA include the IP. */
function validatedNames(state: Evaluation): Promise<string[]> {
  state.validated ??= (async () => {
    const ptr = await state.resolver.query(reverseName(state.client.parsed), 'PTR');
    // A failed or empty PTR lookup means no match (§5.5), never an error.
    const names = ptr.answers.slice(0, MAX_PTR_NAMES).map((r) => normalizeName(r.data));
    const type = state.client.version === 4 ? 'A' : 'AAAA';
    const checked = await Promise.all(
      names.map(async (name) => {
        if (!isQueryableName(name)) return false;
        const forward = await state.resolver.query(name, type);
        // A DNS error on one name skips that name (§5.5).
        return forward.answers.some((r) => inNetwork(state.client, r.data, state.client.version === 4 ? 32 : 128));
      }),
    );
    return names.filter((_, i) => checked[i]);
  })();
  return state.validated;
}

/** %{p} (§7.3): the target domain if validated, else a validated subdomain of it, else any validated name, else `unknown`. */
async function validatedDomain(state: Evaluation, domain: string): Promise<string> {
  const names = await validatedNames(state);
  const target = normalizeName(domain);
  return names.find((n) => n === target) ?? names.find((n) => n.endsWith(`.${target}`)) ?? names[0] ?? 'unknown';
}

async function matchAddresses(state: Evaluation, term: SpfMechanism, hosts: string[], depth: number, domain: string, text: string): Promise<boolean> {
  const type = state.client.version === 4 ? 'A' : 'AAAA';
  const bits = state.client.version === 4 ? (term.cidr4 ?? 32) : (term.cidr6 ?? 128);
  const results = await Promise.all(hosts.map((host) => (isQueryableName(host) ? mustQuery(state, host, type, depth, domain, text) : undefined)));
  const addresses = results.flatMap((r) => r?.answers.map((a) => a.data) ?? []);
  return addresses.some((a) => inNetwork(state.client, a, bits));
}

/** Whether one mechanism matches. Throws SpfAbort for limits, DNS failures and errors in includes. */
async function mechanismMatches(state: Evaluation, term: SpfMechanism, domain: string, depth: number): Promise<boolean> {
  const text = formatTerm(term);
  switch (term.name) {
    case 'all':
      return true;

    case 'ip4':
    case 'ip6': {
      const wanted = term.name === 'ip4' ? 4 : 6;
      if (state.client.version !== wanted) return false;
      const bits = term.name === 'ip4' ? (term.cidr4 ?? 32) : (term.cidr6 ?? 128);
      return inNetwork(state.client, term.ip as string, bits);
    }

    case 'include': {
      countLookup(state, depth, domain, text);
      const target = await targetName(state, term.domainSpec, domain);
      step(state, depth, domain, text, 'include', { target });
      const inner = await checkDomain(state, target, depth + 1);
      step(state, depth, domain, text, 'include-result', { target, result: inner.result });
      // §5.2: pass matches; fail, softfail, neutral do not; errors propagate; none is a permerror.
      switch (inner.result) {
        case 'pass':
          return true;
        case 'fail':
        case 'softfail':
        case 'neutral':
          return false;
        case 'temperror':
          throw abort('temperror', 'include-error', { target, result: 'temperror' });
        case 'permerror':
          throw abort('permerror', 'include-error', { target, result: 'permerror' });
        case 'none':
          step(state, depth, domain, text, 'include-none', { target });
          throw abort('permerror', 'include-none', { target });
      }
      return false;
    }

    case 'a': {
      countLookup(state, depth, domain, text);
      const target = await targetName(state, term.domainSpec, domain);
      // A name no query can be composed for matches nothing (suite: invalid-domain-long).
      if (!isQueryableName(target)) return false;
      const type = state.client.version === 4 ? 'A' : 'AAAA';
      const result = await mustQuery(state, target, type, depth, domain, text);
      countVoid(state, depth, domain, text, result);
      const bits = state.client.version === 4 ? (term.cidr4 ?? 32) : (term.cidr6 ?? 128);
      const addresses = result.answers.map((r) => r.data);
      step(state, depth, domain, text, 'addresses', { type, target, addresses, outcome: result.outcome });
      return addresses.some((a) => inNetwork(state.client, a, bits));
    }

    case 'mx': {
      countLookup(state, depth, domain, text);
      const target = await targetName(state, term.domainSpec, domain);
      if (!isQueryableName(target)) return false;
      const result = await mustQuery(state, target, 'MX', depth, domain, text);
      countVoid(state, depth, domain, text, result);
      // §4.6.4: more than 10 MX names is a permerror (RFC 7208 settled the RFC 4408 ambiguity).
      if (result.answers.length > MAX_MX_NAMES) {
        step(state, depth, domain, text, 'mx-too-many', { count: result.answers.length, max: MAX_MX_NAMES });
        throw abort('permerror', 'mx-too-many', { target, max: MAX_MX_NAMES });
      }
      const hosts = [...new Set(result.answers.map((r) => r.data.exchange).filter((h) => h !== ''))];
      step(state, depth, domain, text, 'mx', { target, hosts, outcome: result.outcome });
      return matchAddresses(state, term, hosts, depth, domain, text);
    }

    case 'ptr': {
      countLookup(state, depth, domain, text);
      const target = normalizeName(await targetName(state, term.domainSpec, domain));
      const names = await validatedNames(state);
      step(state, depth, domain, text, 'ptr', { names });
      return names.some((n) => n === target || n.endsWith(`.${target}`));
    }

    case 'exists': {
      countLookup(state, depth, domain, text);
      const target = await targetName(state, term.domainSpec, domain);
      if (!isQueryableName(target)) return false;
      // §5.7: always an A query, whatever the client's address family.
      const result = await mustQuery(state, target, 'A', depth, domain, text);
      countVoid(state, depth, domain, text, result);
      step(state, depth, domain, text, 'addresses', { type: 'A', target, addresses: result.answers.map((r) => r.data), outcome: result.outcome });
      return result.answers.length > 0;
    }
  }
}

/** §4.4-§4.5: the one SPF record of a domain, or the result that ends the check. */
async function fetchRecord(state: Evaluation, domain: string, depth: number): Promise<{ record: SpfRecord } | { result: 'none' }> {
  const txt = await state.resolver.query(domain, 'TXT');
  if (isFailure(txt)) {
    step(state, depth, domain, null, 'txt-failed', { outcome: txt.outcome });
    throw abort('temperror', 'dns', { type: 'TXT', name: domain, outcome: txt.outcome });
  }
  const records = txt.answers.map((r) => r.data).filter(isSpfRecord);
  if (records.length === 0) {
    step(state, depth, domain, null, 'no-record', { outcome: txt.outcome });
    return { result: 'none' };
  }
  if (records.length > 1) {
    step(state, depth, domain, null, 'multiple', { count: records.length });
    throw abort('permerror', 'multiple', { domain, count: records.length });
  }
  const text = records[0] as string;
  step(state, depth, domain, null, 'record', { record: text });
  const parsed = parseSpf(text);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    step(state, depth, domain, first?.term ?? null, 'syntax', { error: first ?? null });
    throw abort('permerror', 'syntax', { domain, term: first?.term ?? null, error: first ?? null });
  }
  return { record: parsed.record };
}

async function checkDomain(state: Evaluation, domain: string, depth: number): Promise<DomainOutcome> {
  // A name no query can be composed for has no record (§4.3; pyspf does the same for include targets).
  if (!isQueryableName(domain)) {
    step(state, depth, domain, null, 'invalid-domain');
    return { result: 'none', matched: null, decidedBy: domain };
  }
  const name = normalizeName(domain);
  const fetched = await fetchRecord(state, name, depth);
  if ('result' in fetched) return { result: 'none', matched: null, decidedBy: name };
  const { record } = fetched;

  let redirect: string | undefined;
  let exp: string | undefined;
  for (const term of record.terms) {
    if (term.kind === 'modifier') {
      if (term.name === 'redirect') redirect = term.value;
      else if (term.name === 'exp') exp = term.value;
    }
  }

  for (const term of record.terms) {
    if (term.kind !== 'mechanism') continue;
    const text = formatTerm(term);
    if (await mechanismMatches(state, term, name, depth)) {
      const result = QUALIFIER_RESULTS[term.qualifier];
      step(state, depth, name, text, 'match', { result });
      const outcome: DomainOutcome = { result, matched: { domain: name, term: text }, decidedBy: name };
      if (exp !== undefined) outcome.exp = exp;
      return outcome;
    }
    step(state, depth, name, text, 'no-match');
  }

  if (redirect !== undefined) {
    const text = `redirect=${redirect}`;
    countLookup(state, depth, name, text);
    const target = await targetName(state, redirect, name);
    step(state, depth, name, text, 'redirect', { target });
    const redirected = await checkDomain(state, target, depth);
    // §6.1: a redirect to a domain without an SPF record is a permerror.
    if (redirected.result === 'none') {
      step(state, depth, target, null, 'redirect-none');
      throw abort('permerror', 'redirect-none', { target });
    }
    return redirected;
  }
  step(state, depth, name, null, 'neutral-default');
  return { result: 'neutral', matched: null, decidedBy: name };
}

/** §6.2: the exp= text, expanded; undefined when anything about it fails (then the default is used). */
async function explanationOf(state: Evaluation, spec: string, domain: string): Promise<string | undefined> {
  const term = `exp=${spec}`;
  const ignore = (why: string, data: Record<string, unknown> = {}): undefined => {
    step(state, 0, domain, term, 'exp-ignored', { why, ...data });
    return undefined;
  };
  try {
    const target = await targetName(state, spec, domain);
    if (!isQueryableName(target)) return ignore('invalid-domain', { target });
    const txt = await state.resolver.query(target, 'TXT');
    // Not counted as a void lookup (suite: exp-void); errors, none or several records → ignore exp=.
    if (txt.outcome !== 'answer') return ignore('lookup', { target, outcome: txt.outcome });
    if (txt.answers.length !== 1) return ignore('count', { target, count: txt.answers.length });
    const parsed = parseMacroString((txt.answers[0] as { data: string }).data, 'explain');
    if (!parsed.ok) return ignore('macro', { target, error: { code: parsed.code, data: parsed.data } });
    const text = await expandTokens(parsed.tokens, macroValues(state, domain));
    step(state, 0, domain, term, 'explanation', { text });
    return text;
  } catch {
    return ignore('expand');
  }
}

async function defaultExplanation(state: Evaluation, text: string, domain: string): Promise<string> {
  const parsed = parseMacroString(text, 'explain');
  return parsed.ok ? expandTokens(parsed.tokens, macroValues(state, domain)) : text;
}

/** Splits <sender> into local-part and domain (§4.3: an empty local-part is `postmaster`). */
function splitSender(sender: string): { local: string; domain: string } {
  const at = sender.lastIndexOf('@');
  if (at < 0) return { local: 'postmaster', domain: sender };
  return { local: sender.slice(0, at) || 'postmaster', domain: sender.slice(at + 1) };
}

/**
 * check_host(<ip>, <domain>, <sender>) of RFC 7208 §4. Never throws for DNS trouble or bad records:
 * those are the temperror and permerror results. Throws TypeError only for an IP that does not parse.
 */
export async function checkHost(input: CheckHostInput, resolver: Resolver, options: CheckHostOptions = {}): Promise<CheckHostResult> {
  const client = parseClientIp(input.ip);
  if (!client) throw new TypeError(`not an IP address: ${input.ip}`);
  const helo = input.helo ?? '';
  const sender = input.sender ? input.sender : `postmaster@${helo}`;
  const { local, domain: senderDomain } = splitSender(sender);
  const state: Evaluation = {
    resolver,
    client,
    values: {
      s: `${local}@${senderDomain}`,
      l: local,
      o: senderDomain,
      i: dottedIp(client),
      c: client.address.toString(),
      v: client.version === 4 ? 'in-addr' : 'ip6',
      h: helo,
      r: options.receiver ?? 'unknown',
      t: String(Math.floor((options.now ? options.now() : Date.now()) / 1000)),
    },
    options: { maxLookups: options.maxLookups ?? SPF_LOOKUP_LIMIT, maxVoidLookups: options.maxVoidLookups ?? SPF_VOID_LIMIT },
    lookups: 0,
    voidLookups: 0,
    trace: [],
  };
  const finish = (result: SpfResult, matched: MatchedTerm | null, explanation: string | null, problem: SpfProblem | null): CheckHostResult => ({
    result,
    matched,
    explanation,
    problem,
    lookups: state.lookups,
    voidLookups: state.voidLookups,
    // A copy: after a time-out the abandoned evaluation may still add steps.
    trace: state.trace.slice(),
  });

  const domain = input.domain.endsWith('.') ? input.domain.slice(0, -1) : input.domain;
  // §4.3: a malformed or single-label domain (or a domain literal) gives none without any lookup.
  if (!isCheckableDomain(domain)) {
    step(state, 0, domain, null, 'not-fqdn');
    return finish('none', null, null, null);
  }
  const evaluation = (async (): Promise<CheckHostResult> => {
    try {
      const outcome = await checkDomain(state, domain, 0);
      if (outcome.result !== 'fail') {
        step(state, 0, domain, null, 'result', { result: outcome.result });
        return finish(outcome.result, outcome.matched, null, null);
      }
      const fromExp = outcome.exp === undefined ? undefined : await explanationOf(state, outcome.exp, outcome.decidedBy);
      const explanation = fromExp ?? (await defaultExplanation(state, options.defaultExplanation ?? DEFAULT_EXPLANATION, outcome.decidedBy));
      step(state, 0, domain, null, 'result', { result: 'fail' });
      return finish('fail', outcome.matched, explanation, null);
    } catch (error) {
      if (error instanceof SpfAbort) {
        step(state, 0, domain, null, 'result-problem', { result: error.result, problem: error.problem });
        return finish(error.result, null, null, error.problem);
      }
      throw error;
    }
  })();

  // §4.6.4: a limit on the whole evaluation's elapsed time (at least 20 s); exceeding it is temperror.
  const limitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  if (limitMs <= 0) return evaluation;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<CheckHostResult>((resolve) => {
    timer = setTimeout(() => {
      step(state, 0, domain, null, 'result-problem', { result: 'temperror', problem: { id: 'time', data: { ms: limitMs } } });
      resolve(finish('temperror', null, null, { id: 'time', data: { ms: limitMs } }));

    }, limitMs);
  });
  try {
    return await Promise.race([evaluation, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
