import { providerOfMx } from '../data/providers.js';
import type { DomainFacts } from '../gather/domain.js';
import type { SpfNode } from '../gather/spf.js';
import { isFailure, type LookupResult } from '../dns/types.js';
import { formatSpf, formatTerm, parseSpf, type Qualifier, type SpfMechanism, type SpfRecord, type SpfTerm } from '../parse/spf.js';
import type { Finding, RecordFix } from '../report/types.js';
import { effectiveAll, lookups, subtreeLookups, treeLines, treeNodes, voidNames } from './spf-tree.js';
import { finding, recordLine, type CheckStatus, type DomainCheck } from './types.js';

const CHECK = 'spf';
/** RFC 7208 §4.6.4. */
export const SPF_LOOKUP_LIMIT = 10;
export const SPF_VOID_LIMIT = 2;
/** Past this a TXT answer with other records risks exceeding 512-byte UDP answers (RFC 7208 §3.4). */
export const SPF_MAX_BYTES = 450;

const all = (qualifier: Qualifier): SpfMechanism => ({ kind: 'mechanism', qualifier, name: 'all' });

/** The record we suggest when there is none: the mailbox provider's include, or `mx`; `-all` for a domain that sends nothing. */
export function suggestedSpf(facts: Pick<DomainFacts, 'mx'>): SpfRecord {
  const hosts = facts.mx.hosts;
  if (hosts.length === 0 && facts.mx.records.some((r) => r.exchange === '')) return { terms: [all('-')] };
  const includes = [...new Set(hosts.map((h) => providerOfMx(h.exchange)?.spfInclude).filter((i): i is string => i !== undefined))];
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

function spfFix(domain: string, record: SpfRecord): RecordFix {
  return { name: `${domain}.`, type: 'TXT', value: formatSpf(record) };
}

/** What a receiver's SPF check says for each --ip (RFC 7208 check_host with MAIL FROM postmaster@<domain>). */
function evaluateIps(facts: DomainFacts, data: Record<string, unknown>): { findings: Finding[]; lines: string[]; partial: boolean } {
  const findings: Finding[] = [];
  const found: string[] = [];
  let partial = false;
  data.ipResults = facts.spfIp.map(({ ip, sender, evaluation: e }) => ({ ip, sender, result: e.result, matched: e.matched, explanation: e.explanation, problem: e.problem, lookups: e.lookups, voidLookups: e.voidLookups }));
  for (const { ip, sender, evaluation: e } of facts.spfIp) {
    const matched = e.matched ? ` (matched ${e.matched.term}${e.matched.domain !== facts.domain ? ` in ${e.matched.domain}` : ''})` : '';
    found.push(`SPF for ${ip} sending as ${sender}: ${e.result}${matched}${e.problem ? ` — ${e.problem}` : ''}`);
    if (e.result === 'pass') continue;
    if (e.result === 'temperror') {
      partial = true;
      findings.push(finding(CHECK, 'dns.lookup-failed', 'warning', `SPF for ${ip} could not be evaluated (temperror${e.problem ? `: ${e.problem}` : ''}).`, { action: 'Run again or ask another resolver (--resolver).' }));
      continue;
    }
    const severity = e.result === 'fail' || e.result === 'permerror' ? 'error' : 'warning';
    const why = e.result === 'permerror'
      ? `receivers get permerror${e.problem ? ` (${e.problem})` : ''}`
      : e.result === 'none' ? 'the domain has no SPF record' : `the record gives ${e.result}${matched}`;
    findings.push(finding(CHECK, 'spf.ip-not-authorized', severity, `Mail from ${ip} as ${sender} does not pass SPF: ${why}.`, {
      action: e.result === 'permerror' ? 'Fix the SPF errors reported above first.' : `Authorize ${ip} in the SPF record (ip${ip.includes(':') ? '6' : '4'}:${ip}, or the include: of the service that owns it), before the "all" term.`,
    }));
  }
  return { findings, lines: found, partial };
}

/** SPF (RFC 7208): one valid record, its whole include tree within the limits, ending in a policy. */
export const spfCheck: DomainCheck = {
  id: CHECK,
  title: 'SPF (who may send as the domain)',
  run(facts) {
    const { domain, spf } = facts;
    const findings: Finding[] = [];
    const found: string[] = [];
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
    };
    const ipFindings = evaluateIps(facts, data);
    if (isFailure({ outcome: spf.txt } as LookupResult)) {
      findings.push(finding(CHECK, 'dns.lookup-failed', 'warning', `Could not look up ${domain} TXT (${spf.txt}), so SPF was not checked.`, { action: 'Run again or ask another resolver (--resolver).' }));
      return { status: 'failed', findings: [...findings, ...ipFindings.findings], found: [...found, ...ipFindings.lines], data };
    }
    for (const r of spf.records) found.push(recordLine(domain, 'TXT', r));

    if (spf.spfRrRecords && spf.spfRrRecords.length > 0) {
      findings.push(finding(CHECK, 'spf.rr-type', 'warning', `${domain} publishes SPF as the obsolete SPF record type (type 99), which RFC 7208 §3.1 removed: receivers read only TXT, and the two copies drift apart.`, { action: `Delete the SPF-type record${spf.records.length === 0 ? ' and publish the same policy as TXT' : ''}.` }));
    }

    if (spf.records.length === 0) {
      findings.push(finding(CHECK, 'spf.missing', 'error', `${domain} has no SPF record (a TXT record starting "v=spf1"): receivers cannot tell which servers may send as ${domain}, and Gmail and Yahoo require SPF or DKIM from every sender.`, {
        action: 'Publish one SPF record listing every service that sends as the domain (add an include: for each, e.g. your newsletter or ticketing service):',
        record: spfFix(domain, suggestedSpf(facts)),
      }));
      found.push(`no SPF record at ${domain}`);
      return { status: ipFindings.partial ? 'partial' : status, findings: [...findings, ...ipFindings.findings], found: [...found, ...ipFindings.lines], data };
    }
    if (spf.records.length > 1) {
      const parsed = spf.records.map(parseSpf);
      const merged = parsed.every((p) => p.ok) ? mergeSpf(parsed.map((p) => (p as { record: SpfRecord }).record)) : undefined;
      findings.push(finding(CHECK, 'spf.multiple', 'error', `${domain} has ${spf.records.length} SPF records; receivers then fail SPF with permerror for all its mail (RFC 7208 §4.5).`, merged
        ? { action: 'Replace them with one record that keeps every mechanism:', record: spfFix(domain, merged) }
        : { action: 'Merge them into one record.' }));
      return { status: ipFindings.partial ? 'partial' : status, findings: [...findings, ...ipFindings.findings], found: [...found, ...ipFindings.lines], data };
    }

    found.push(`DNS lookups ${spf.lookups}/${SPF_LOOKUP_LIMIT}, void lookups ${spf.voidLookups}/${SPF_VOID_LIMIT}${spf.bytes !== null ? `, ${spf.bytes} bytes` : ''}`);
    if (tree.children.length > 0) found.push(`${domain}  ${lookups(tree.lookups)} in its own record`, ...treeLines(tree));

    for (const { node, via } of treeNodes(tree)) {
      if (node.status !== 'syntax-error') continue;
      const where = via ? `the record of ${node.domain} (reached by ${via})` : 'the SPF record';
      const detail = (node.errors ?? []).map((e) => `"${e.term}": ${e.message}`).join('; ');
      findings.push(finding(CHECK, 'spf.syntax', 'error', `Syntax error in ${where}: ${detail}. Receivers return permerror, so SPF fails for all mail.`, {
        action: via ? `Tell the operator of ${node.domain}, or remove ${via} from your record.` : `Correct the term${(node.errors ?? []).length > 1 ? 's' : ''} named above.`,
      }));
    }
    if (tree.status === 'syntax-error') return { status: ipFindings.partial ? 'partial' : status, findings: [...findings, ...ipFindings.findings], found: [...found, ...ipFindings.lines], data };

    const effective = effectiveAll(tree);
    data.all = effective.qualifier ? `${effective.qualifier}all` : null;
    const parsed = parseSpf(spf.records[0] as string);
    const own = parsed.ok ? parsed.record : undefined;

    if (spf.lookups > SPF_LOOKUP_LIMIT) {
      const heavy = tree.children.filter((e) => e.node).map((e) => ({ term: e.term, n: subtreeLookups(e.node as SpfNode) + 1 })).sort((a, b) => b.n - a.n);
      findings.push(finding(CHECK, 'spf.too-many-lookups', 'error', `SPF needs ${spf.lookups} DNS lookups; receivers stop at ${SPF_LOOKUP_LIMIT} and return permerror, so SPF fails for all mail (RFC 7208 §4.6.4). Largest: ${heavy.slice(0, 4).map((h) => `${h.term} (${h.n})`).join(', ')}.`, {
        action: 'Bring it to 10 or fewer: drop includes of services you no longer use; replace a and mx terms by ip4/ip6; move bulk and marketing senders to a subdomain with its own SPF record (their Return-Path domain, e.g. news.example.com); or flatten an include into the ip4/ip6 ranges it lists (and keep them current).',
      }));
    }
    if (spf.voidLookups > SPF_VOID_LIMIT) {
      findings.push(finding(CHECK, 'spf.void-lookups', 'error', `SPF evaluation hits ${spf.voidLookups} names that do not exist (${[...new Set(voidNames(tree))].join(', ')}); receivers return permerror after ${SPF_VOID_LIMIT} (RFC 7208 §4.6.4).`, { action: 'Remove the include, a and mx terms that point at names that no longer exist.' }));
    }
    for (const loop of spf.loops) {
      findings.push(finding(CHECK, 'spf.loop', 'error', `SPF include loop: ${loop.chain.join(' → ')} (${loop.term}); receivers return permerror.`, { action: `Remove ${loop.term} from the record of ${loop.chain[loop.chain.length - 2] ?? domain}.` }));
    }
    for (const missing of spf.missingIncludes) {
      const what = missing.outcome === 'nxdomain' ? 'does not exist' : 'has no SPF record';
      findings.push(finding(CHECK, 'spf.include-missing', 'error', `${missing.term} in the record of ${missing.from}: ${missing.domain} ${what}, so receivers return permerror when they reach it (RFC 7208 §5.2).`, { action: `Remove ${missing.term}, or correct the name (check the service's current SPF instructions).` }));
    }

    if (effective.qualifier === '+') {
      findings.push(finding(CHECK, 'spf.pass-all', 'error', `The SPF record ends in +all${effective.via ? ` (via redirect to ${effective.via})` : ''}: every server on the internet may send as ${domain}.`, own && !effective.via ? { action: 'End the record with ~all (or -all):', record: spfFix(domain, withAll(own, '~')) } : { action: 'End the record with ~all or -all.' }));
    } else if (effective.qualifier === '?' || effective.qualifier === undefined) {
      findings.push(finding(CHECK, 'spf.neutral', 'warning', `The SPF record ${effective.qualifier ? 'ends in ?all' : 'has no all term'}, so mail from unlisted servers gets "neutral": SPF says nothing about forgeries.`, own && !effective.via ? { action: 'End the record with ~all (or -all):', record: spfFix(domain, withAll(own, '~')) } : { action: 'End the record with ~all or -all.' }));
    } else if (effective.qualifier === '~') {
      findings.push(finding(CHECK, 'spf.softfail', 'info', 'The SPF record ends in ~all (softfail): unlisted servers are suspicious but not rejected on SPF alone. With an enforcing DMARC policy that is the usual choice.', { action: 'Use -all once every sender is listed, if you want SPF alone to reject forgeries.' }));
    }

    const usesPtr = (record: string | undefined) => {
      const p = record === undefined ? undefined : parseSpf(record);
      return p?.ok === true && p.record.terms.some((t) => t.kind === 'mechanism' && t.name === 'ptr');
    };
    const ptrNodes = treeNodes(tree).filter(({ node }) => usesPtr(node.record));
    for (const { node } of ptrNodes) {
      findings.push(finding(CHECK, 'spf.ptr', 'warning', `The SPF record of ${node.domain} uses the ptr mechanism, which RFC 7208 §5.5 says not to use: it is slow, unreliable, and some receivers ignore it.`, { action: 'Replace ptr by ip4/ip6 ranges or an a: term for your servers.' }));
    }
    if (spf.bytes !== null && spf.bytes > SPF_MAX_BYTES) {
      findings.push(finding(CHECK, 'spf.too-long', 'warning', `The SPF record is ${spf.bytes} bytes; over ${SPF_MAX_BYTES} bytes the TXT answer risks exceeding 512-byte UDP responses (RFC 7208 §3.4), and some receivers fail it.`, { action: 'Shorten it: group addresses into CIDR ranges or move them into an include on a subdomain.' }));
    }
    if (spf.failures.length > 0) {
      status = 'partial';
      const names = [...new Set(spf.failures.map((f) => `${f.name} ${f.type} (${f.outcome})`))];
      findings.push(finding(CHECK, 'dns.lookup-failed', 'warning', `Could not look up ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}, so the SPF tree is incomplete and the lookup count may be low.`, { action: 'Run again or ask another resolver (--resolver).' }));
    }
    if (spf.truncated) status = 'partial';
    return { status: ipFindings.partial ? 'partial' : status, findings: [...findings, ...ipFindings.findings], found: [...found, ...ipFindings.lines], data };
  },
};
