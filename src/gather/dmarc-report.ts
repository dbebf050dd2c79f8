import { providerOfMx } from '../data/providers.js';
import { OWN_MX, serviceOfDkimDomain, serviceOfPtr, serviceOfSpfDomain } from '../data/sending-services.js';
import type { DmarcAggregate, SourceAggregate } from '../dmarc-report/aggregate.js';
import type { DomainAggregate } from '../dmarc-report/run.js';
import type { FailureOutcome, QueryOptions, Resolver } from '../dns/types.js';
import { parseIp, reverseName } from '../net/ip.js';
import { isSpfRecord } from '../parse/spf.js';
import type { GatherContext } from './context.js';
import { gatherDmarc, organizationalDomain, type DmarcFact } from './dmarc.js';
import { lookupFact, txtValues, type LookupFact } from './lookup.js';
import { gatherMx, mxAddresses } from './mx.js';
import { gatherRdns, type RdnsFact } from './rdns.js';

// The DNS facts behind `mailcheck dmarc-report`: the reverse DNS of the busiest source IPs (a bounded
// number, several at once, under one deadline, each IP once), who each source is (the domain's own MX, a
// known sending service by the domains it authenticated with or by its forward-confirmed PTR name), and
// the policy domain's current DMARC record, SPF record and MX hosts. Failed lookups are values.

export type PtrStatus = 'ok' | 'missing' | FailureOutcome | 'skipped' | 'not-covered' | 'offline';

export type IdentifiedBy = 'mx' | 'dkim' | 'spf' | 'ptr';

export interface SourceIdentity {
  ip: string;
  /** The PTR name (a forward-confirmed one when there is one), or null. */
  ptr: string | null;
  /** FCrDNS of `ptr`: null when not known (no PTR, or the forward lookup failed). */
  ptrConfirmed: boolean | null;
  /** What became of the PTR lookup: `skipped` past the lookup budget or deadline, `not-covered` by --zone files, `offline`. */
  ptrStatus: PtrStatus;
  /** Sending-service id (src/data/sending-services.ts), `own-mx`, or null. */
  service: string | null;
  identifiedBy: IdentifiedBy | null;
}

export interface PolicyDomainFacts {
  domain: string;
  /** null with --offline. */
  dmarc: DmarcFact | null;
  spf: { lookup: LookupFact; records: string[] } | null;
  mx: { lookup: LookupFact; hosts: string[]; addresses: string[] } | null;
}

export interface PtrSummary {
  /** Most PTR lookups asked for (--ptr-lookups). */
  limit: number;
  looked: number;
  failed: number;
  /** Past the budget or the deadline. */
  skipped: number;
  /** Reverse names the --zone files do not describe. */
  notCovered: number;
}

/** Everything the dmarc-report checks read, for one policy domain. */
export interface DmarcReportFacts {
  domain: string;
  aggregate: DmarcAggregate;
  identities: Record<string, SourceIdentity>;
  policy: PolicyDomainFacts;
  ptr: PtrSummary;
  offline: boolean;
  /** Seconds since the epoch, now. */
  now: number;
}

export interface DmarcReportGatherOptions {
  /** No DNS at all: services are named from the reports alone. */
  offline?: boolean;
  /** PTR lookups at most, for the sources with the most messages. */
  maxPtr?: number;
  /** PTR lookups at once. */
  concurrency?: number;
  /** All PTR lookups end by this many milliseconds after they start. */
  budgetMs?: number;
}

export const DEFAULT_MAX_PTR = 500;
export const DEFAULT_PTR_CONCURRENCY = 16;

/** A resolver whose every query runs under one deadline. */
function underSignal(resolver: Resolver, signal: AbortSignal): Resolver {
  return { query: (name, type, options?: QueryOptions) => resolver.query(name, type, { ...options, signal }) };
}

/** Reverse DNS of many IPs: each once, `concurrency` at once, none started after the deadline. */
async function lookupPtrs(ips: readonly string[], ctx: GatherContext, options: Required<Omit<DmarcReportGatherOptions, 'offline' | 'maxPtr'>>): Promise<Map<string, RdnsFact | PtrStatus>> {
  const out = new Map<string, RdnsFact | PtrStatus>();
  if (ips.length === 0) return out;
  // A timer of our own (AbortSignal.timeout's is unref'd): the run stays alive until the deadline ends the lookups.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.budgetMs);
  const signal = controller.signal;
  const resolver = underSignal(ctx.resolver, signal);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ips.length) {
      const ip = ips[next++] as string;
      if (signal.aborted) {
        out.set(ip, 'skipped');
        continue;
      }
      const parsed = parseIp(ip);
      if (!parsed) {
        out.set(ip, 'error');
        continue;
      }
      if (ctx.resolver.covers && !ctx.resolver.covers(reverseName(parsed))) {
        out.set(ip, 'not-covered');
        continue;
      }
      try {
        out.set(ip, await gatherRdns(ip, resolver));
      } catch {
        out.set(ip, 'error');
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, ips.length) }, worker));
  } finally {
    clearTimeout(timer);
  }
  return out;
}

/** The services a source authenticated as: a passing DKIM d= or SPF domain of a known service. */
function serviceByAuth(source: SourceAggregate): { id: string; by: IdentifiedBy } | undefined {
  for (const d of source.dkim) {
    const s = d.pass > 0 ? serviceOfDkimDomain(d.domain) : undefined;
    if (s) return { id: s.id, by: 'dkim' };
  }
  for (const d of source.spf) {
    const s = d.pass > 0 ? serviceOfSpfDomain(d.domain) : undefined;
    if (s) return { id: s.id, by: 'spf' };
  }
  return undefined;
}

/**
 * Who a source is, most certain first: an address of the domain's own (self-hosted) MX hosts; a service
 * whose own signing or bounce domain passed for it; a service by a PTR name that resolves back to the
 * IP (a PTR that does not is anyone's claim), or whose forward lookup failed.
 */
export function identifySource(source: SourceAggregate, ownAddresses: ReadonlySet<string>, rdns: RdnsFact | PtrStatus | undefined): SourceIdentity {
  const fact = typeof rdns === 'object' ? rdns : undefined;
  const ptrStatus: PtrStatus = fact ? fact.status : typeof rdns === 'string' ? rdns : 'skipped';
  const ptr = fact ? (fact.confirmed[0] ?? fact.ptr[0] ?? null) : null;
  const ptrConfirmed = fact && ptr !== null ? (fact.confirmed.length > 0 ? true : fact.fcrdns === false ? false : null) : null;
  const base = { ip: source.ip, ptr, ptrConfirmed, ptrStatus };
  if (ownAddresses.has(source.ip)) return { ...base, service: OWN_MX, identifiedBy: 'mx' };
  const auth = serviceByAuth(source);
  if (auth) return { ...base, service: auth.id, identifiedBy: auth.by };
  if (ptr !== null && ptrConfirmed !== false) {
    const byPtr = serviceOfPtr(ptr);
    if (byPtr) return { ...base, service: byPtr.id, identifiedBy: 'ptr' };
  }
  return { ...base, service: null, identifiedBy: null };
}

async function gatherPolicyDomain(domain: string, ctx: GatherContext): Promise<PolicyDomainFacts> {
  const { resolver } = ctx;
  const [dmarc, spf, mx] = await Promise.all([
    gatherDmarc(domain, resolver),
    resolver.query(domain, 'TXT').then((r) => ({ lookup: lookupFact(r), records: txtValues(r).filter(isSpfRecord) })),
    gatherMx(domain, resolver),
  ]);
  // Only self-hosted MX hosts count as the domain's own senders: a hosted provider's inbound servers are its.
  const own = mxAddresses(mx).filter((a) => providerOfMx(a.host) === undefined);
  return { domain, dmarc, spf, mx: { lookup: mx.lookup, hosts: mx.hosts.map((h) => h.exchange), addresses: own.map((a) => a.ip) } };
}

/** The facts of every policy domain of a run: PTR lookups shared (the busiest IPs over all domains first). */
export async function gatherDmarcReport(domains: readonly DomainAggregate[], ctx: GatherContext, options: DmarcReportGatherOptions = {}): Promise<DmarcReportFacts[]> {
  const offline = options.offline === true;
  const maxPtr = offline ? 0 : Math.max(0, options.maxPtr ?? DEFAULT_MAX_PTR);
  const now = Math.floor(ctx.clock() / 1000);

  // The busiest distinct IPs over every domain, up to the budget.
  const volume = new Map<string, number>();
  for (const d of domains) for (const s of d.aggregate.sources) volume.set(s.ip, (volume.get(s.ip) ?? 0) + s.messages);
  const ranked = [...volume.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([ip]) => ip);
  const asked = ranked.slice(0, maxPtr);
  const [ptrs, policies] = await Promise.all([
    lookupPtrs(asked, ctx, {
      concurrency: options.concurrency ?? DEFAULT_PTR_CONCURRENCY,
      budgetMs: options.budgetMs ?? Math.max(15_000, 5 * ctx.timeoutMs),
    }),
    offline ? Promise.resolve(domains.map((d): PolicyDomainFacts => ({ domain: d.domain, dmarc: null, spf: null, mx: null }))) : Promise.all(domains.map((d) => gatherPolicyDomain(d.domain, ctx))),
  ]);
  const values = [...ptrs.values()];
  const ptr: PtrSummary = {
    limit: maxPtr,
    looked: values.filter((v) => typeof v === 'object' || v === 'error').length,
    failed: values.filter((v) => (typeof v === 'object' ? v.status !== 'ok' && v.status !== 'missing' : v === 'error')).length,
    skipped: values.filter((v) => v === 'skipped').length + (ranked.length - asked.length),
    notCovered: values.filter((v) => v === 'not-covered').length,
  };

  return domains.map((d, i) => {
    const policy = policies[i] as PolicyDomainFacts;
    const own = new Set(policy.mx?.addresses ?? []);
    const identities: Record<string, SourceIdentity> = {};
    for (const s of d.aggregate.sources) identities[s.ip] = identifySource(s, own, offline ? 'offline' : ptrs.get(s.ip));
    return { domain: d.domain, aggregate: d.aggregate, identities, policy, ptr, offline, now };
  });
}

/** The organizational domain (exported for the checks, which judge alignment the same way as the aggregator). */
export { organizationalDomain };
