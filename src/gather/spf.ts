import type { FailureOutcome, LookupResult, Outcome, QueryType, Resolver } from '../dns/types.js';
import { isFailure, isMissing, normalizeName } from '../dns/types.js';
import type { SpfMechanism, SpfRecord, SpfSyntaxError, SpfTerm } from '../parse/spf.js';
import { formatTerm, isSpfRecord, parseSpf, queriesDns } from '../parse/spf.js';
import { parseIp } from '../net/ip.js';
import { parseMacroString } from '../parse/spf-macro.js';
import { transform, urlEscape } from '../spf/macro.js';
import { isQueryableName, truncateDomain } from '../spf/names.js';
import { SPF_MX_LIMIT } from '../spf/limits.js';


// The SPF facts of one domain for the `domain` report: its record(s) and the whole include/redirect
// tree, walked with every lookup of one record issued at once. Failed lookups are values; a check
// reads this data and does no I/O.
//
// Shape (SpfFacts):
// {
//   domain: 'example.com',
//   txt: 'answer' | 'nxdomain' | 'nodata' | 'timeout' | 'servfail' | 'refused' | 'error',  // the TXT lookup
//   records: ['v=spf1 ...'],            // v=spf1 TXT records at the domain (§4.5 selection): 0, 1 or several
//   spfRrRecords: ['v=spf1 ...'] | null, // type-99 SPF RRs (deprecated, RFC 7208 §3.1); null when that lookup failed
//   bytes: 123 | null,                   // octets of the record when exactly one was found
//   tree: SpfNode,                       // rooted at the domain, see below
//   lookups: 7,                          // DNS-querying terms across the tree that evaluation can reach (limit 10)
//   voidLookups: 1,                      // include/redirect targets and a/mx names that do not exist (limit 2)
//   loops: [{ chain: ['example.com', 'a.example.net', 'example.com'], term: 'include:example.com' }],
//   missingIncludes: [{ from: 'example.com', term: 'include:gone.example', domain: 'gone.example', outcome: 'nxdomain' }],
//   failures: [{ name: 'spf.example.net', type: 'TXT', outcome: 'timeout' }],   // → the SPF check is incomplete
//   incomplete: true,                    // some lookup failed (timeout, SERVFAIL...): never read that as "missing"
//   truncated: false,                    // the walk stopped at MAX_NODES records (a runaway tree)
//   addresses: [{ ip: '192.0.2.1', term: 'ip4:192.0.2.1' }, { ip: '192.0.2.25', term: 'mx', host: 'mx.example.com' }],
//                                        // named by the domain's own policy: ip4/ip6 single addresses (/32, /128 or no
//                                        // length) and a/mx host addresses, in its record and its redirect= chain, not includes
// }
// SpfNode: { domain, outcome (of its TXT lookup), status, record?, records, errors?, bytes?, lookups, voidNames, children }
//   status: 'ok' | 'missing' (no v=spf1 record) | 'failed' (TXT lookup failed) | 'multiple' | 'syntax-error'
//   lookups: this record's reachable DNS-querying terms (terms after `all`, and redirect= beside `all`, are never evaluated)
//   voidNames: names of this record's a/mx terms that do not exist (a: neither A nor AAAA; mx: no MX)
// SpfEdge: { via: 'include' | 'redirect', term: 'include:_spf.example.net', target, node?, skipped? }
//   skipped: 'loop' (target already on the chain), 'macro' (target needs the IP, sender or HELO to expand;
//            %{d} and %{o} are expanded with the domains),
//            'invalid-domain' (no query can be composed), 'limit' (walk truncated)

export type SpfNodeStatus = 'ok' | 'missing' | 'failed' | 'multiple' | 'syntax-error';

export interface SpfEdge {
  via: 'include' | 'redirect';
  /** The term as text, e.g. `include:_spf.example.net` or `redirect=_spf.example.com`. */
  term: string;
  /** The target domain (lower case, no trailing dot), or the domain-spec as written when not walked. */
  target: string;
  node?: SpfNode;
  skipped?: 'loop' | 'macro' | 'invalid-domain' | 'limit';
}

export interface SpfNode {
  domain: string;
  /** Outcome of the TXT lookup for this domain. */
  outcome: Outcome;
  status: SpfNodeStatus;
  /** The record, when exactly one v=spf1 record was found (status ok or syntax-error). */
  record?: string;
  /** Every v=spf1 record found (several when status is multiple). */
  records: string[];
  errors?: SpfSyntaxError[];
  /** Octets of the record. */
  bytes?: number;
  /** DNS-querying terms of this record that evaluation can reach (not counting its children). */
  lookups: number;
  /** Names of this record's a/mx terms that do not exist (void lookups). */
  voidNames: string[];
  children: SpfEdge[];
}

export interface SpfAddress {
  ip: string;
  /** The term that names it: `ip4:192.0.2.1`, `a`, `mx:example.com/24`... */
  term: string;
  /** For a and mx terms, the host whose address it is. */
  host?: string;
}

export interface SpfLookupFailure {
  name: string;
  type: QueryType;
  outcome: FailureOutcome;
}

export interface SpfFacts {
  domain: string;
  txt: Outcome;
  records: string[];
  spfRrRecords: string[] | null;
  bytes: number | null;
  tree: SpfNode;
  lookups: number;
  voidLookups: number;
  loops: { chain: string[]; term: string }[];
  missingIncludes: { from: string; term: string; domain: string; outcome: Outcome }[];
  failures: SpfLookupFailure[];
  incomplete: boolean;
  truncated: boolean;
  addresses: SpfAddress[];
}

/** Records walked at most; a tree this size is far past the limit of 10 lookups already. */
export const MAX_NODES = 100;
/** §4.6.4: MX names looked at per mx term. */
const MAX_MX_NAMES = SPF_MX_LIMIT;

interface WalkState {
  resolver: Resolver;
  /** The domain the report is about (stands in for %{o}). */
  topDomain: string;
  nodes: number;
  failures: SpfLookupFailure[];
}

function noteFailure(state: WalkState, result: LookupResult): void {
  if (isFailure(result)) state.failures.push({ name: result.name, type: result.type, outcome: result.outcome as FailureOutcome });
}

/** The TXT strings of a lookup that are SPF records (§4.5: `v=spf1` then a space or the end). */
function spfRecordsOf(result: LookupResult<'TXT'> | LookupResult<'SPF'>): string[] {
  return result.answers.map((r) => r.data).filter(isSpfRecord);
}

/** Terms that evaluation can reach: mechanisms up to the first `all`, and redirect= only when there is no `all` (§6.1). */
function reachableTerms(record: SpfRecord): SpfTerm[] {
  const reachable: SpfTerm[] = [];
  let sawAll = false;
  for (const term of record.terms) {
    if (term.kind === 'mechanism') {
      if (sawAll) continue;
      reachable.push(term);
      if (term.name === 'all') sawAll = true;
    } else if (term.name !== 'redirect' || !record.terms.some((t) => t.kind === 'mechanism' && t.name === 'all')) {
      reachable.push(term);
    }
  }
  return reachable;
}

/** The literal target of a term, or why it cannot be looked up without a sender and IP. */
function targetOf(state: WalkState, spec: string | undefined, domain: string): { name: string } | { skipped: 'macro' | 'invalid-domain' } {
  if (spec === undefined) return { name: domain };
  let name = spec;
  if (spec.includes('%')) {
    const expanded = expandDomainOnly(spec, domain, state.topDomain);
    if (expanded === undefined) return { skipped: 'macro' };
    name = truncateDomain(expanded.endsWith('.') ? expanded.slice(0, -1) : expanded);
  }
  if (!isQueryableName(name)) return { skipped: 'invalid-domain' };
  return { name: normalizeName(name) };
}

/**
 * Expands a domain-spec whose macros need only the domains (%{d}: the current domain, %{o}: the
 * sender's domain, which the domain report takes to be the domain itself). Undefined when it needs
 * the client IP, sender or HELO, which a domain report does not have.
 */
function expandDomainOnly(spec: string, domain: string, topDomain: string): string | undefined {
  const parsed = parseMacroString(spec, 'domain');
  if (!parsed.ok) return undefined;
  let out = '';
  for (const token of parsed.tokens) {
    if (token.kind === 'literal') out += token.text;
    else if (token.letter === 'd' || token.letter === 'o') {
      const value = transform(token.letter === 'd' ? domain : topDomain, token);
      out += token.urlEscape ? urlEscape(value) : value;
    } else return undefined;
  }
  return out;
}

interface HostLookup {
  term: SpfMechanism;
  host: string;
  a: LookupResult<'A'>;
  aaaa: LookupResult<'AAAA'>;
}

/** A and AAAA of a name, both at once. */
async function addressesOf(state: WalkState, term: SpfMechanism, host: string): Promise<HostLookup> {
  const [a, aaaa] = await Promise.all([state.resolver.query(host, 'A'), state.resolver.query(host, 'AAAA')]);
  noteFailure(state, a);
  noteFailure(state, aaaa);
  return { term, host, a, aaaa };
}

interface TermLookups {
  hosts: HostLookup[];
  voidNames: string[];
}

/** The a and mx lookups of one record (for void counting and, at the top, the sending addresses). */
async function lookupAddressTerms(state: WalkState, terms: SpfTerm[], domain: string): Promise<TermLookups> {
  const voidNames: string[] = [];
  const perTerm = await Promise.all(
    terms.map(async (term): Promise<HostLookup[]> => {
      if (term.kind !== 'mechanism' || (term.name !== 'a' && term.name !== 'mx')) return [];
      const target = targetOf(state, term.domainSpec, domain);
      if (!('name' in target)) return [];
      if (term.name === 'a') {
        const lookup = await addressesOf(state, term, target.name);
        if (isMissing(lookup.a) && isMissing(lookup.aaaa)) voidNames.push(target.name);
        return [lookup];
      }
      const mx = await state.resolver.query(target.name, 'MX');
      noteFailure(state, mx);
      if (isMissing(mx)) voidNames.push(target.name);
      const hosts = [...new Set(mx.answers.map((r) => r.data.exchange).filter((h) => h !== ''))].slice(0, MAX_MX_NAMES);
      return Promise.all(hosts.map((host) => addressesOf(state, term, host)));
    }),
  );
  return { hosts: perTerm.flat(), voidNames };
}

/** What a policy names directly: its own record text and a/mx host lookups, plus those of its redirect target. */
interface OwnTerms {
  records: string[];
  hosts: HostLookup[];
}

interface WalkedNode {
  node: SpfNode;
  own: OwnTerms;
}

const NOTHING_OWN: OwnTerms = { records: [], hosts: [] };

async function walk(state: WalkState, domain: string, txt: LookupResult<'TXT'>, chain: string[]): Promise<WalkedNode> {
  const records = spfRecordsOf(txt);
  const base = { domain, outcome: txt.outcome, records, lookups: 0, voidNames: [] as string[], children: [] as SpfEdge[] };
  if (isFailure(txt)) return { node: { ...base, status: 'failed' }, own: NOTHING_OWN };
  if (records.length === 0) return { node: { ...base, status: 'missing' }, own: NOTHING_OWN };
  if (records.length > 1) return { node: { ...base, status: 'multiple' }, own: NOTHING_OWN };
  const text = records[0] as string;
  const bytes = Buffer.byteLength(text, 'utf8');
  const parsed = parseSpf(text);
  if (!parsed.ok) return { node: { ...base, status: 'syntax-error', record: text, bytes, errors: parsed.errors }, own: NOTHING_OWN };

  const terms = reachableTerms(parsed.record);
  const edgeTerms = terms.filter(
    (t) => (t.kind === 'mechanism' && t.name === 'include') || (t.kind === 'modifier' && t.name === 'redirect'),
  );
  // Every lookup this record needs, at once: the a/mx names and the TXT of each include/redirect target.
  const [addressLookups, walkedEdges] = await Promise.all([
    lookupAddressTerms(state, terms, domain),
    Promise.all(
      edgeTerms.map(async (term): Promise<{ edge: SpfEdge; own?: OwnTerms }> => {
        const via = term.kind === 'mechanism' ? 'include' : 'redirect';
        const spec = term.kind === 'mechanism' ? (term.domainSpec as string) : term.value;
        const edge: SpfEdge = { via, term: formatTerm(term), target: spec };
        const target = targetOf(state, spec, domain);
        if (!('name' in target)) return { edge: { ...edge, skipped: target.skipped } };
        edge.target = target.name;
        if (chain.includes(target.name)) return { edge: { ...edge, skipped: 'loop' } };
        // Checked and counted before any await, so concurrent branches cannot overshoot the cap.
        if (state.nodes >= MAX_NODES) return { edge: { ...edge, skipped: 'limit' } };
        state.nodes++;
        const childTxt = await state.resolver.query(target.name, 'TXT');
        noteFailure(state, childTxt);
        const child = await walk(state, target.name, childTxt, [...chain, target.name]);
        // A redirect replaces this policy, so the target's own addresses are this domain's too.
        return via === 'redirect' ? { edge: { ...edge, node: child.node }, own: child.own } : { edge: { ...edge, node: child.node } };
      }),
    ),
  ]);
  const node: SpfNode = {
    ...base,
    status: 'ok',
    record: text,
    bytes,
    lookups: terms.filter(queriesDns).length,
    voidNames: addressLookups.voidNames,
    children: walkedEdges.map((w) => w.edge),
  };
  const own: OwnTerms = { records: [text], hosts: addressLookups.hosts };
  for (const walked of walkedEdges) {
    if (!walked.own) continue;
    own.records.push(...walked.own.records);
    own.hosts.push(...walked.own.hosts);
  }
  return { node, own };
}

interface TreeTotals {
  lookups: number;
  voidLookups: number;
  loops: SpfFacts['loops'];
  missingIncludes: SpfFacts['missingIncludes'];
  truncated: boolean;
}

function totals(node: SpfNode, chain: string[], into: TreeTotals): void {
  into.lookups += node.lookups;
  into.voidLookups += node.voidNames.length;
  for (const edge of node.children) {
    if (edge.skipped === 'loop') into.loops.push({ chain: [...chain, edge.target], term: edge.term });
    if (edge.skipped === 'limit') into.truncated = true;
    const child = edge.node;
    if (!child) continue;
    if (child.outcome === 'nxdomain' || child.outcome === 'nodata') {
      into.voidLookups++;
      into.missingIncludes.push({ from: node.domain, term: edge.term, domain: child.domain, outcome: child.outcome });
    } else if (child.status === 'missing') {
      into.missingIncludes.push({ from: node.domain, term: edge.term, domain: child.domain, outcome: child.outcome });
    }
    totals(child, [...chain, child.domain], into);
  }
}

/**
 * The addresses the domain's own policy names directly: single-address ip4/ip6 terms and the
 * addresses of its a/mx terms, in its record and along its redirect= chain (not in includes, which
 * are usually other organisations' networks).
 */
function ownAddresses(own: OwnTerms): SpfAddress[] {
  const addresses: SpfAddress[] = [];
  const seen = new Set<string>();
  const add = (ip: string, term: string, host?: string) => {
    const parsed = parseIp(ip);
    if (!parsed || seen.has(parsed.address)) return;
    seen.add(parsed.address);
    addresses.push(host === undefined ? { ip: parsed.address, term } : { ip: parsed.address, term, host });
  };
  for (const record of own.records) {
    const parsed = parseSpf(record);
    if (!parsed.ok) continue;
    for (const term of reachableTerms(parsed.record)) {
      if (term.kind !== 'mechanism' || term.ip === undefined) continue;
      const single = term.name === 'ip4' ? (term.cidr4 ?? 32) === 32 : (term.cidr6 ?? 128) === 128;
      if (single) add(term.ip, formatTerm(term));
    }
  }
  for (const lookup of own.hosts) {
    for (const r of [...lookup.a.answers, ...lookup.aaaa.answers]) add(r.data, formatTerm(lookup.term), lookup.host);
  }
  return addresses;
}

/** Gathers the SPF facts of a domain (see the shape above). Never throws for DNS trouble. */
export async function gatherSpf(domainText: string, resolver: Resolver): Promise<SpfFacts> {
  const domain = normalizeName(domainText);
  const state: WalkState = { resolver, topDomain: domain, nodes: 1, failures: [] };
  const [txt, spfRr] = await Promise.all([resolver.query(domain, 'TXT'), resolver.query(domain, 'SPF')]);
  noteFailure(state, txt);
  // A failed type-99 lookup is common (old servers) and does not make the SPF check incomplete.
  const spfRrRecords = isFailure(spfRr) ? null : spfRecordsOf(spfRr);

  const { node: tree, own } = await walk(state, domain, txt, [domain]);
  const sums: TreeTotals = { lookups: 0, voidLookups: 0, loops: [], missingIncludes: [], truncated: false };
  totals(tree, [domain], sums);
  return {
    domain,
    txt: txt.outcome,
    records: tree.records,
    spfRrRecords,
    bytes: tree.records.length === 1 ? Buffer.byteLength(tree.records[0] as string, 'utf8') : null,
    tree,
    ...sums,
    failures: state.failures,
    incomplete: state.failures.length > 0,
    addresses: ownAddresses(own),
  };
}
