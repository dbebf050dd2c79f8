import type { FailureOutcome, LookupResult, Outcome, QueryType, Resolver } from '../dns/types.js';
import { isFailure, isMissing, normalizeName } from '../dns/types.js';
import type { SpfMechanism, SpfRecord, SpfSyntaxError, SpfTerm } from '../parse/spf.js';
import { formatTerm, isSpfRecord, parseSpf, queriesDns } from '../parse/spf.js';
import { parseIp } from '../net/ip.js';
import { parseMacroString } from '../parse/spf-macro.js';
import { transform, urlEscape } from '../spf/macro.js';
import { isQueryableName, truncateDomain } from '../spf/names.js';
import { SPF_MX_LIMIT } from '../spf/limits.js';
import { GATHER_LIMITS } from './limits.js';
import { failureCause, type FailureCause } from './lookup.js';


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
//   notFollowed: { count: 3, terms: [{ domain: 'b.example.net', term: 'mx:mail.example.net' }, ...] },
//                                        // counting terms past the 10th in evaluation order: never looked up
//   lookupsMinimum: true,                // an include/redirect was not followed, so `lookups` is a minimum
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
//            'invalid-domain' (no query can be composed), 'limit' (walk truncated at MAX_NODES records),
//            'lookup-limit' (past the 10th DNS-querying term in evaluation order: a receiver stops there)
// SpfNode.notFollowed: this record's a, mx, ptr and exists terms past that point, as text

export type SpfNodeStatus = 'ok' | 'missing' | 'failed' | 'multiple' | 'syntax-error';

export interface SpfEdge {
  via: 'include' | 'redirect';
  /** The term as text, e.g. `include:_spf.example.net` or `redirect=_spf.example.com`. */
  term: string;
  /** The target domain (lower case, no trailing dot), or the domain-spec as written when not walked. */
  target: string;
  node?: SpfNode;
  skipped?: 'loop' | 'macro' | 'invalid-domain' | 'limit' | 'lookup-limit';
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
  /** This record's a, mx, ptr and exists terms past the 10th lookup of the tree (never looked up). */
  notFollowed?: string[];
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
  cause?: FailureCause;
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
  /** Counting terms past the 10th in evaluation order, not looked up (the first NOT_FOLLOWED_LISTED named). */
  notFollowed: { count: number; terms: { domain: string; term: string }[] };
  /** An include or redirect was not followed past the limit, so `lookups` and `voidLookups` are minimums. */
  lookupsMinimum: boolean;
  addresses: SpfAddress[];
}

/** Records walked at most; a tree this size is far past the limit of 10 lookups already. */
export const MAX_NODES = 100;
/** Terms not followed that are named in the facts (the count is exact). */
export const NOT_FOLLOWED_LISTED = 20;
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
  if (isFailure(result)) state.failures.push({ name: result.name, type: result.type, outcome: result.outcome as FailureOutcome, cause: failureCause(result) ?? 'error' });
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

/** What a policy names directly: its own record text and a/mx host lookups, plus those of its redirect target. */
interface OwnTerms {
  records: string[];
  hosts: HostLookup[];
}

/** One reachable term of a record that counts against the lookup limit (include, a, mx, ptr, exists, redirect). */
interface Slot {
  term: SpfTerm;
  /** 1-based position among the counting terms of the tree, in evaluation order (known parts only). */
  position: number;
  /** Looked up (a/mx names, include/redirect target), or decided without a lookup (skipped edges). */
  started: boolean;
  edge?: SpfEdge;
  child?: Walk;
  /** a/mx lookups of this term, when started. */
  hosts?: Promise<{ hosts: HostLookup[]; voidName?: string }>;
}

/** A record of the tree while it is walked. */
interface Walk {
  node: SpfNode;
  chain: string[];
  /** Reachable terms: mechanisms in record order, then redirect= (evaluated after them, §6.1). */
  slots: Slot[];
}

/** Builds the node for a TXT answer; the slots of its reachable terms when it holds one valid record. */
function walkOf(domain: string, txt: LookupResult<'TXT'>, chain: string[]): Walk {
  const records = spfRecordsOf(txt);
  const node: SpfNode = { domain, outcome: txt.outcome, status: 'ok', records, lookups: 0, voidNames: [], children: [] };
  const walk: Walk = { node, chain, slots: [] };
  if (isFailure(txt)) node.status = 'failed';
  else if (records.length === 0) node.status = 'missing';
  else if (records.length > 1) node.status = 'multiple';
  if (node.status !== 'ok') return walk;
  const text = records[0] as string;
  node.record = text;
  node.bytes = Buffer.byteLength(text, 'utf8');
  const parsed = parseSpf(text);
  if (!parsed.ok) {
    node.status = 'syntax-error';
    node.errors = parsed.errors;
    return walk;
  }
  const terms = reachableTerms(parsed.record);
  const ordered = [...terms.filter((t) => t.kind === 'mechanism'), ...terms.filter((t) => t.kind === 'modifier')];
  node.lookups = terms.filter(queriesDns).length;
  for (const term of ordered) {
    if (!queriesDns(term)) continue;
    const isEdge = (term.kind === 'mechanism' && term.name === 'include') || (term.kind === 'modifier' && term.name === 'redirect');
    const slot: Slot = { term, position: 0, started: false };
    if (isEdge) {
      const via = term.kind === 'mechanism' ? 'include' : 'redirect';
      slot.edge = { via, term: formatTerm(term), target: term.kind === 'mechanism' ? (term.domainSpec as string) : term.value };
    }
    walk.slots.push(slot);
  }
  return walk;
}

/** Numbers the counting terms of the known tree in evaluation order (a followed include's terms come right after it). */
function number(walk: Walk, next = { n: 0 }): void {
  for (const slot of walk.slots) {
    slot.position = ++next.n;
    if (slot.child) number(slot.child, next);
  }
}

function allSlots(walk: Walk): Slot[] {
  return walk.slots.flatMap((slot) => [slot, ...(slot.child ? allSlots(slot.child) : [])]);
}

/** The a/mx lookups of one term (for void counting and, at the top, the sending addresses). */
async function addressTerm(state: WalkState, term: SpfMechanism, name: string): Promise<{ hosts: HostLookup[]; voidName?: string }> {
  if (term.name === 'a') {
    const lookup = await addressesOf(state, term, name);
    return isMissing(lookup.a) && isMissing(lookup.aaaa) ? { hosts: [lookup], voidName: name } : { hosts: [lookup] };
  }
  const mx = await state.resolver.query(name, 'MX');
  noteFailure(state, mx);
  const hosts = [...new Set(mx.answers.map((r) => r.data.exchange).filter((h) => h !== ''))].slice(0, MAX_MX_NAMES);
  const lookups = await Promise.all(hosts.map((host) => addressesOf(state, term, host)));
  return isMissing(mx) ? { hosts: lookups, voidName: name } : { hosts: lookups };
}

/** Starts one term within the limit: the a/mx lookups, or the TXT of an include/redirect target. Resolves when a child record is known. */
async function start(state: WalkState, walk: Walk, slot: Slot): Promise<void> {
  slot.started = true;
  const { term } = slot;
  const domain = walk.node.domain;
  if (term.kind === 'mechanism' && (term.name === 'a' || term.name === 'mx')) {
    const target = targetOf(state, term.domainSpec, domain);
    if ('name' in target) slot.hosts = addressTerm(state, term, target.name);
    return;
  }
  const edge = slot.edge;
  if (!edge) return; // ptr and exists: the domain report has no client IP to ask with
  const target = targetOf(state, edge.target, domain);
  if (!('name' in target)) {
    edge.skipped = target.skipped;
    return;
  }
  edge.target = target.name;
  if (walk.chain.includes(target.name)) {
    edge.skipped = 'loop';
    return;
  }
  if (state.nodes >= MAX_NODES) {
    edge.skipped = 'limit';
    return;
  }
  state.nodes++;
  const childTxt = await state.resolver.query(target.name, 'TXT');
  noteFailure(state, childTxt);
  slot.child = walkOf(target.name, childTxt, [...walk.chain, target.name]);
  edge.node = slot.child.node;
}

/**
 * Walks the tree the way a receiver evaluates it, but level by level so that one record's lookups
 * go out together: after each level the known counting terms are numbered in evaluation order, and
 * only those within the first GATHER_LIMITS.spfLookups are looked up (RFC 7208 §4.6.4: a receiver
 * stops with permerror at the 11th); the rest are counted and marked not followed. Numbers only
 * grow as records arrive, so what is looked up does not depend on the order answers come in. An
 * include may be fetched while its number could still grow (that keeps one level to one round
 * trip; at most 10 a round); a and mx terms, which cost up to 21 queries each, only once every
 * include before them is known, so their numbers are final.
 */
async function walkTree(state: WalkState, root: Walk): Promise<void> {
  const limit = GATHER_LIMITS.spfLookups;
  for (;;) {
    number(root);
    const edges: Promise<void>[] = [];
    let started = 0;
    let settled = true;
    const visit = (walk: Walk) => {
      for (const slot of walk.slots) {
        if (slot.edge) {
          // What follows an include whose record is not known yet may still move past the limit.
          if (!slot.started) {
            settled = false;
            if (slot.position <= limit) {
              edges.push(start(state, walk, slot));
              started++;
            }
          } else if (slot.child) visit(slot.child);
        } else if (!slot.started && slot.position <= limit && settled) {
          void start(state, walk, slot);
          started++;
        }
      }
    };
    visit(root);
    if (started === 0) break;
    await Promise.all(edges);
  }
  number(root);
}

/** Fills the nodes from the walk: children, void names, the terms not followed; the addresses the policy names itself. */
async function finish(walk: Walk): Promise<{ own: OwnTerms; notFollowed: { domain: string; term: string }[] }> {
  const notFollowed: { domain: string; term: string }[] = [];
  const fill = async (w: Walk, ownChain: boolean, own: OwnTerms) => {
    const node = w.node;
    if (ownChain && node.record !== undefined) own.records.push(node.record);
    const skippedTerms: string[] = [];
    for (const slot of w.slots) {
      if (!slot.started) {
        const text = formatTerm(slot.term);
        notFollowed.push({ domain: node.domain, term: text });
        if (slot.edge) slot.edge.skipped = 'lookup-limit';
        else skippedTerms.push(text);
      }
      if (slot.edge) node.children.push(slot.edge);
      if (slot.hosts) {
        const looked = await slot.hosts;
        if (looked.voidName !== undefined) node.voidNames.push(looked.voidName);
        if (ownChain) own.hosts.push(...looked.hosts);
      }
      // A redirect replaces this policy, so the target's own addresses are this domain's too.
      if (slot.child) await fill(slot.child, ownChain && slot.edge?.via === 'redirect', own);
    }
    if (skippedTerms.length > 0) node.notFollowed = skippedTerms;
  };
  const own: OwnTerms = { records: [], hosts: [] };
  await fill(walk, true, own);
  return { own, notFollowed };
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
  // As for MX hosts, at most GATHER_LIMITS.addressesPerHost of each family per host.
  const cap = GATHER_LIMITS.addressesPerHost;
  for (const lookup of own.hosts) {
    for (const r of [...lookup.a.answers.slice(0, cap), ...lookup.aaaa.answers.slice(0, cap)]) add(r.data, formatTerm(lookup.term), lookup.host);
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

  const root = walkOf(domain, txt, [domain]);
  await walkTree(state, root);
  const { own, notFollowed } = await finish(root);
  const tree = root.node;
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
    notFollowed: { count: notFollowed.length, terms: notFollowed.slice(0, NOT_FOLLOWED_LISTED) },
    lookupsMinimum: allSlots(root).some((slot) => slot.edge?.skipped === 'lookup-limit'),
    addresses: ownAddresses(own),
  };
}
