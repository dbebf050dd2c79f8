import { providerOfMx } from '../data/providers.js';
import type { DomainFacts } from '../gather/domain.js';
import type { SpfNode } from '../gather/spf.js';
import { isFailure, type LookupResult } from '../dns/types.js';
import { formatSpf, formatTerm, parseSpf, type Qualifier, type SpfMechanism, type SpfRecord, type SpfTerm } from '../parse/spf.js';
import type { Finding, RecordFix } from '../core/finding.js';
import { parseIp } from '../net/ip.js';
import { effectiveAll, subtreeLookups, treeNodes, voidNames } from './spf-tree.js';
import { couldNotCheck, finding, item, recordItem, spec, type CheckStatus, type DomainCheck, type FoundItem } from './common.js';

import { SPF_LOOKUP_LIMIT, SPF_MAX_BYTES, SPF_VOID_LIMIT } from '../spf/limits.js';

const CHECK = 'spf';
export { SPF_LOOKUP_LIMIT, SPF_MAX_BYTES, SPF_VOID_LIMIT };

const all = (qualifier: Qualifier): SpfMechanism => ({ kind: 'mechanism', qualifier, name: 'all' });

/** The record we suggest when there is none: the mailbox provider's include, or `mx`; `-all` for a domain that sends nothing. */
export function suggestedSpf(facts: Pick<DomainFacts, 'mx'>): SpfRecord {
  const hosts = facts.mx.hosts;
  if (hosts.length === 0 && facts.mx.records.some((r) => r.exchange === '')) return { terms: [all('-')] };
  const includes = [...new Set(hosts.map((h) => providerOfMx(h.exchange)?.ownInclude).filter((i): i is string => i !== undefined))];
  const terms: SpfTerm[] = includes.length > 0
    ? includes.map((domainSpec) => ({ kind: 'mechanism', qualifier: '+', name: 'include', domainSpec }))
    : [{ kind: 'mechanism', qualifier: '+', name: 'mx' }];
  return { terms: [...terms, all('~')] };
}

/** One record from several: every distinct mechanism, in order, ending with the first record's `all` (or ~all). */
export function mergeSpf(records: readonly SpfRecord[]): SpfRecord {
  const seen = new Set<string>();
  const terms: SpfTerm[] = [];
  let ending: SpfMechanism | undefined;
  for (const record of records) {
    for (const term of record.terms) {
      if (term.kind === 'mechanism' && term.name === 'all') {
        ending ??= term;
        continue;
      }
      // redirect= only makes sense alone; exp= is kept once.
      if (term.kind === 'modifier' && term.name === 'redirect') continue;
      const text = formatTerm(term);
      if (!seen.has(text)) {
        seen.add(text);
        terms.push(term);
      }
    }
  }
  const mechanisms = terms.filter((t) => t.kind === 'mechanism');
  const modifiers = terms.filter((t) => t.kind === 'modifier');
  return { terms: [...mechanisms, ending ?? all('~'), ...modifiers] };
}

/** The record with its `all` set to this qualifier (added at the end of the mechanisms when absent). */
export function withAll(record: SpfRecord, qualifier: Qualifier): SpfRecord {
  const has = record.terms.some((t) => t.kind === 'mechanism' && t.name === 'all');
  if (has) return { terms: record.terms.map((t) => (t.kind === 'mechanism' && t.name === 'all' ? all(qualifier) : t)) };
  const mechanisms = record.terms.filter((t) => t.kind === 'mechanism');
  const modifiers = record.terms.filter((t) => t.kind === 'modifier' && t.name !== 'redirect');
  return { terms: [...mechanisms, all(qualifier), ...modifiers] };
}

/** The record with one more mechanism, just before its `all` (or at the end of the mechanisms). */
export function withTerm(record: SpfRecord, term: SpfMechanism): SpfRecord {
  if (record.terms.some((t) => formatTerm(t) === formatTerm(term))) return record;
  const at = record.terms.findIndex((t) => t.kind === 'modifier' || (t.kind === 'mechanism' && t.name === 'all'));
  const index = at < 0 ? record.terms.length : at;
  return { terms: [...record.terms.slice(0, index), term, ...record.terms.slice(index)] };
}

/** The one SPF record of the domain, parsed, when it has exactly one valid record. */
export function ownSpf(facts: Pick<DomainFacts, 'spf'>): SpfRecord | undefined {
  if (facts.spf.records.length !== 1) return undefined;
  const parsed = parseSpf(facts.spf.records[0] as string);
  return parsed.ok ? parsed.record : undefined;
}

export function spfFix(domain: string, record: SpfRecord): RecordFix {
  return { name: `${domain}.`, type: 'TXT', value: formatSpf(record) };
}

/** The cause all these failures share, or `mixed`. */
function commonCause(failures: readonly { cause?: string; outcome: string }[]): string {
  const causes = new Set(failures.map((f) => f.cause ?? f.outcome));
  return causes.size === 1 ? ([...causes][0] as string) : 'mixed';
}

/** What a receiver's SPF check says for each --ip (RFC 7208 check_host with MAIL FROM postmaster@<domain>). */
function evaluateIps(facts: DomainFacts, data: Record<string, unknown>): { findings: Finding[]; found: FoundItem[]; partial: boolean } {
  const findings: Finding[] = [];
  const found: FoundItem[] = [];
  let partial = false;
  data.ipResults = facts.spfIp.map(({ ip, sender, evaluation: e }) => ({ ip, sender, result: e.result, matched: e.matched, explanation: e.explanation, problem: e.problem, lookups: e.lookups, voidLookups: e.voidLookups }));
  for (const { ip, sender, evaluation: e } of facts.spfIp) {
    const facts0 = { ip, sender, domain: facts.domain, result: e.result, matched: e.matched, problem: e.problem };
    found.push(item('spf.ip', facts0));
    if (e.result === 'pass') continue;
    if (e.result === 'temperror') {
      partial = true;
      findings.push(couldNotCheck(CHECK, 'spf-ip', { ip, problem: e.problem }));
      continue;
    }
    const severity = e.result === 'fail' || e.result === 'permerror' ? 'error' : 'warning';
    // The record with the address added (merged with the other SPF fixes by the report).
    const own = e.result === 'permerror' || e.result === 'none' ? undefined : ownSpf(facts);
    const parsed = parseIp(ip);
    const term: SpfMechanism | undefined = parsed ? { kind: 'mechanism', qualifier: '+', name: parsed.version === 4 ? 'ip4' : 'ip6', ip: parsed.address } : undefined;
    findings.push(finding(CHECK, 'spf.ip-not-authorized', severity, facts0, own && term ? { record: spfFix(facts.domain, withTerm(own, term)) } : {}));
  }
  return { findings, found, partial };
}

/** SPF (RFC 7208): one valid record, its whole include tree within the limits, ending in a policy. */
export const spfCheck: DomainCheck = {
  id: CHECK,
  docs: '#what-is-checked',
  requires: ['spf', 'spfIp', 'mx'],
  findings: [
    spec('spf.missing', 'error'), spec('spf.multiple', 'error'), spec('spf.syntax', 'error'), spec('spf.too-many-lookups', 'error'),
    spec('spf.void-lookups', 'error'), spec('spf.loop', 'error'), spec('spf.include-missing', 'error'), spec('spf.pass-all', 'error'),
    spec('spf.neutral', 'warning'), spec('spf.softfail', 'info'), spec('spf.ptr', 'warning'), spec('spf.too-long', 'warning'),
    spec('spf.ip-not-authorized', ['error', 'warning']), spec('spf.rr-type', 'warning'), spec('dns.lookup-failed', 'warning'),
  ],
  run(facts) {
    const { domain, spf } = facts;
    const findings: Finding[] = [];
    const found: FoundItem[] = [];
    let status: CheckStatus = 'complete';
    const tree = spf.tree;
    const data: Record<string, unknown> = {
      record: spf.records.length === 1 ? spf.records[0] : null,
      records: spf.records,
      lookups: spf.lookups,
      lookupLimit: SPF_LOOKUP_LIMIT,
      voidLookups: spf.voidLookups,
      voidLimit: SPF_VOID_LIMIT,
      all: null as string | null,
      bytes: spf.bytes,
      tree,
      addresses: spf.addresses,
      // Terms past the 10th lookup in evaluation order (a receiver stops there): never looked up.
      notFollowed: spf.notFollowed,
      lookupsMinimum: spf.lookupsMinimum,
    };
    const ips = evaluateIps(facts, data);
    const done = (s: CheckStatus) => ({ status: ips.partial ? 'partial' as const : s, findings: [...findings, ...ips.findings], found: [...found, ...ips.found], data });
    if (isFailure({ outcome: spf.txt } as LookupResult)) {
      const cause = spf.failures.find((f) => f.name === domain && f.type === 'TXT')?.cause ?? spf.txt;
      findings.push(couldNotCheck(CHECK, 'spf-txt', { domain, outcome: spf.txt, cause }));
      return { status: 'failed', findings: [...findings, ...ips.findings], found: [...found, ...ips.found], data };
    }
    for (const r of spf.records) found.push(recordItem(domain, 'TXT', r));

    if (spf.spfRrRecords && spf.spfRrRecords.length > 0) {
      findings.push(finding(CHECK, 'spf.rr-type', 'warning', { domain, hasTxt: spf.records.length > 0 }, {}));
    }

    if (spf.records.length === 0) {
      findings.push(finding(CHECK, 'spf.missing', 'error', { domain }, { record: spfFix(domain, suggestedSpf(facts)) }));
      found.push(item('spf.none', { domain }));
      return done(status);
    }
    if (spf.records.length > 1) {
      const parsed = spf.records.map(parseSpf);
      const merged = parsed.every((p) => p.ok) ? mergeSpf(parsed.map((p) => (p as { record: SpfRecord }).record)) : undefined;
      findings.push(finding(CHECK, 'spf.multiple', 'error', { domain, count: spf.records.length }, merged ? { record: spfFix(domain, merged) } : {}));
      return done(status);
    }

    found.push(item('spf.counts', { lookups: spf.lookups, lookupLimit: SPF_LOOKUP_LIMIT, voidLookups: spf.voidLookups, voidLimit: SPF_VOID_LIMIT, bytes: spf.bytes, minimum: spf.lookupsMinimum }));
    if (tree.children.length > 0) found.push(item('spf.tree', { domain, tree }));
    if (spf.notFollowed.count > 0) found.push(item('spf.not-followed', { count: spf.notFollowed.count, terms: spf.notFollowed.terms, limit: SPF_LOOKUP_LIMIT }));

    for (const { node, via } of treeNodes(tree)) {
      if (node.status !== 'syntax-error') continue;
      findings.push(finding(CHECK, 'spf.syntax', 'error', { domain: node.domain, via: via ?? null, errors: node.errors ?? [] }, {}));
    }
    if (tree.status === 'syntax-error') return done(status);

    const effective = effectiveAll(tree);
    data.all = effective.qualifier ? `${effective.qualifier}all` : null;
    const parsed = parseSpf(spf.records[0] as string);
    const own = parsed.ok ? parsed.record : undefined;

    if (spf.lookups > SPF_LOOKUP_LIMIT) {
      const heavy = tree.children.filter((e) => e.node).map((e) => ({ term: e.term, n: subtreeLookups(e.node as SpfNode) + 1 })).sort((a, b) => b.n - a.n);
      findings.push(finding(CHECK, 'spf.too-many-lookups', 'error', { lookups: spf.lookups, limit: SPF_LOOKUP_LIMIT, heaviest: heavy.slice(0, 4), minimum: spf.lookupsMinimum }, {}));
    }
    if (spf.voidLookups > SPF_VOID_LIMIT) {
      findings.push(finding(CHECK, 'spf.void-lookups', 'error', { count: spf.voidLookups, names: [...new Set(voidNames(tree))], limit: SPF_VOID_LIMIT }, {}));
    }
    for (const loop of spf.loops) {
      findings.push(finding(CHECK, 'spf.loop', 'error', { chain: loop.chain, term: loop.term, from: loop.chain[loop.chain.length - 2] ?? domain }, {}));
    }
    for (const missing of spf.missingIncludes) {
      findings.push(finding(CHECK, 'spf.include-missing', 'error', { term: missing.term, from: missing.from, domain: missing.domain, outcome: missing.outcome }, {}));
    }

    const allFix = own && !effective.via ? { record: spfFix(domain, withAll(own, '~')) } : {};
    if (effective.qualifier === '+') {
      findings.push(finding(CHECK, 'spf.pass-all', 'error', { domain, via: effective.via ?? null }, allFix));
    } else if (effective.qualifier === '?' || effective.qualifier === undefined) {
      findings.push(finding(CHECK, 'spf.neutral', 'warning', { domain, qualifier: effective.qualifier ?? null, via: effective.via ?? null }, allFix));
    } else if (effective.qualifier === '~') {
      findings.push(finding(CHECK, 'spf.softfail', 'info', { domain }, {}));
    }

    const usesPtr = (record: string | undefined) => {
      const p = record === undefined ? undefined : parseSpf(record);
      return p?.ok === true && p.record.terms.some((t) => t.kind === 'mechanism' && t.name === 'ptr');
    };
    for (const { node } of treeNodes(tree).filter(({ node }) => usesPtr(node.record))) {
      findings.push(finding(CHECK, 'spf.ptr', 'warning', { domain: node.domain }, {}));
    }
    if (spf.bytes !== null && spf.bytes > SPF_MAX_BYTES) {
      findings.push(finding(CHECK, 'spf.too-long', 'warning', { bytes: spf.bytes, max: SPF_MAX_BYTES }, {}));
    }
    if (spf.failures.length > 0) {
      status = 'partial';
      findings.push(couldNotCheck(CHECK, 'spf-tree', { names: [...new Set(spf.failures.map((f) => `${f.name} ${f.type} (${f.outcome})`))], cause: commonCause(spf.failures) }));
    }
    if (spf.truncated) status = 'partial';
    return done(status);
  },
};
