import type { Resolver } from '../dns/types.js';
import { parseIp } from '../net/ip.js';
import { gatherDkim, type DkimFact } from './dkim.js';
import { gatherDmarc, type DmarcFact } from './dmarc.js';
import { gatherMx, mxAddresses, type MxFact } from './mx.js';
import { gatherPolicyRecords, type PolicyRecordsFact } from './policy-records.js';
import { gatherRdns, type RdnsFact, type RdnsScope } from './rdns.js';
import { createRblGatherer, type RblFact, type RblSource } from './rbl.js';
import { gatherSpf, type SpfFacts } from './spf.js';
import { checkHost, type CheckHostResult } from '../spf/check-host.js';
import { deadlineSignal, once, type GatherContext } from './context.js';
import { GATHER_LIMITS } from './limits.js';
import { lookupFailed } from './lookup.js';
import { observe, type DnsHealth } from './observe.js';
import { withDeadline } from '../dns/deadline.js';
import { gatherMtaStsPolicy, type MtaStsPolicyFact } from './mta-sts.js';
import { gatherTlsa, type TlsaFact } from './tlsa.js';
import { gatherDnssec, type DnssecFact } from './dnssec.js';
import { gatherSmtp, type SmtpFact } from './smtp.js';
import type { BulkProfile } from '../data/bulk-sender-rules.js';

/** What `mailcheck domain` was asked to check. */
export interface DomainTarget {
  /** Lower case, ASCII (IDNA), no trailing dot. */
  domain: string;
  /** DKIM selectors from --selector, probed before the built-in list. */
  selectors: string[];
  /** Sending IPs from --ip (canonical text). */
  ips: string[];
  /** Budget of each blacklist lookup (default: the context's timeout). */
  timeoutMs?: number;
  /** --profile: whose bulk-sender rules to judge; absent for the default report's section. */
  profile?: BulkProfile;
}


export interface SpfIpFact {
  ip: string;
  sender: string;
  evaluation: CheckHostResult;
}

export interface RdnsEntry extends RdnsFact {
  /** `mx`: an address of an MX host; `sender`: an address given with --ip. */
  role: 'mx' | 'sender' | 'ip';
  /** The MX host the address belongs to. */
  host?: string;
}

/**
 * Everything the domain checks read: plain data, where a failed lookup is a value. Each area is
 * gathered by its own gatherer; adding an area is one gatherer and one key here.
 */
export interface DomainFacts {
  domain: string;
  mx: MxFact;
  /** The SPF record and its whole include/redirect tree (gather/spf.ts). */
  spf: SpfFacts;
  dmarc: DmarcFact;
  dkim: DkimFact;
  rdns: RdnsEntry[];
  /** What the reverse-DNS addresses are short of: a failed MX lookup, hosts without addresses, the cap. */
  rdnsScope?: RdnsScope;
  /** SPF evaluated (RFC 7208 check_host) for each --ip, as a receiver would for MAIL FROM postmaster@<domain>. */
  spfIp: SpfIpFact[];
  policyRecords: PolicyRecordsFact;
  /** Blacklist lookups of the MX, --ip and own-SPF addresses and of the domain (gather/rbl.ts). */
  rbl: RblFact;
  /** What became of every lookup (set by gatherDomain, read by the report: a dead resolver is one finding). */
  health?: DnsHealth;
  /** The MTA-STS policy, fetched or read from --mta-sts-policy (gather/mta-sts.ts). */
  mtaStsPolicy: MtaStsPolicyFact;
  /** TLSA records of the MX hosts, asked with DO (gather/tlsa.ts). */
  tlsa: TlsaFact;
  /** DNSSEC as the configured resolver vouches for it (gather/dnssec.ts). */
  dnssec: DnssecFact;
  /** The STARTTLS probe of each MX host, with --smtp (gather/smtp.ts). */
  smtp: SmtpFact;
  /** --profile, or null for the default report's bulk-sender section. */
  bulkProfile: BulkProfile | null;
}

async function rdnsOf(entries: { ip: string; role: RdnsEntry['role']; host?: string }[], resolver: Resolver): Promise<RdnsEntry[]> {
  return Promise.all(entries.map(async (e) => ({ ...(await gatherRdns(e.ip, resolver)), role: e.role, ...(e.host ? { host: e.host } : {}) })));
}

export interface DomainAddress {
  ip: string;
  /** `mx`: an MX host's address; `sender`: given with --ip; `spf`: named directly by the domain's own SPF record. */
  source: 'mx' | 'sender' | 'spf';
  /** MX host, or the a/mx host of the SPF term. */
  host?: string;
}

/** The addresses the domain receives and sends from, once each: --ip first, then MX hosts, then its own SPF terms. */
export function domainAddresses(target: Pick<DomainTarget, 'ips'>, mx: MxFact, spf?: SpfFacts): DomainAddress[] {
  const seen = new Set<string>();
  const out: DomainAddress[] = [];
  const add = (address: DomainAddress) => {
    const ip = parseIp(address.ip)?.address;
    if (ip && !seen.has(ip)) {
      seen.add(ip);
      out.push({ ...address, ip });
    }
  };
  for (const ip of target.ips) add({ ip, source: 'sender' });
  for (const a of mxAddresses(mx)) add({ ip: a.ip, source: 'mx', host: a.host });
  for (const a of spf?.addresses ?? []) add(a.host ? { ip: a.ip, source: 'spf', host: a.host } : { ip: a.ip, source: 'spf' });
  return out;
}

/**
 * Starts every gatherer the selected checks need at once; only truly dependent lookups wait: A/AAAA of
 * MX hosts wait for the MX answer, their PTRs for those addresses, forward confirmation for the PTR
 * names; SPF include levels wait for the level above; blacklist lookups start as each source
 * resolves. A new area adds its key to DomainFacts and one entry below (awaiting only the facts it
 * needs), and its check names the key in `requires`.
 */
export async function gatherDomain(target: DomainTarget, ctx: GatherContext, needs: ReadonlySet<keyof DomainFacts> = ALL_FACTS): Promise<DomainFacts> {
  // Past the domain's deadline nothing more is asked; what is left is "could not check".
  const deadline = deadlineSignal(ctx.deadlineMs, ctx.signal);
  const observed = observe(deadline.signal ? withDeadline(ctx.resolver, deadline.signal) : ctx.resolver);
  try {
    const facts = await gatherAll(target, { ...ctx, resolver: observed.resolver }, needs);
    facts.health = observed.health();
    return facts;
  } finally {
    deadline.done();
  }
}

/** MX addresses whose reverse DNS is checked: after the --ip ones, up to GATHER_LIMITS.rdnsAddresses in all. */
function rdnsMxAddresses(target: Pick<DomainTarget, 'ips'>, mx: MxFact): { addresses: DomainAddress[]; notFollowed: number } {
  const all = domainAddresses({ ips: [] }, mx).filter((a) => !target.ips.includes(a.ip));
  const addresses = all.slice(0, Math.max(0, GATHER_LIMITS.rdnsAddresses - target.ips.length));
  return { addresses, notFollowed: all.length - addresses.length };
}

async function gatherAll(target: DomainTarget, ctx: GatherContext, needs: ReadonlySet<keyof DomainFacts>): Promise<DomainFacts> {
  const { domain } = target;
  const { resolver } = ctx;
  const mx = once(() => gatherMx(domain, resolver));
  const spf = once(() => gatherSpf(domain, resolver));
  const policyRecords = once(() => gatherPolicyRecords(domain, resolver));
  const gatherers: { [K in GatheredFact]-?: () => Promise<Exclude<DomainFacts[K], undefined>> } = {
    domain: async () => domain,
    mx,
    spf,
    dmarc: () => gatherDmarc(domain, resolver),
    dkim: () => gatherDkim(domain, target.selectors, resolver),
    policyRecords,
    rdns: async () => {
      // Every --ip, then MX addresses up to GATHER_LIMITS.rdnsAddresses in all.
      const senders = rdnsOf(target.ips.map((ip) => ({ ip, role: 'sender' as const })), resolver);
      const mxEntries = mx().then((fact) =>
        rdnsOf(rdnsMxAddresses(target, fact).addresses.map((a) => ({ ip: a.ip, role: 'mx' as const, ...(a.host ? { host: a.host } : {}) })), resolver),
      );
      return [...(await senders), ...(await mxEntries)];
    },
    rdnsScope: async () => {
      const fact = await mx();
      const hostsFailed = fact.hosts
        .filter((h) => !h.ipLiteral && h.ipv4.length + h.ipv6.length === 0 && [h.a, h.aaaa].some((l) => l && lookupFailed(l)))
        .map((h) => h.exchange);
      return { mxFailed: lookupFailed(fact.lookup) ? fact.lookup : null, hostsFailed, notFollowed: rdnsMxAddresses(target, fact).notFollowed };
    },
    spfIp: () => Promise.all(
      target.ips.map(async (ip): Promise<SpfIpFact> => {
        const sender = `postmaster@${domain}`;
        return { ip, sender, evaluation: await checkHost({ ip, domain, sender }, resolver) };
      }),
    ),
    rbl: async () => {
      // The domain and the --ip senders at once, MX and own-SPF addresses as soon as they are known.
      // At most GATHER_LIMITS.dnsblTargets in all: the domain and every --ip, then the first half of
      // what is left for MX addresses and the rest for the SPF record's own (each source's first
      // ones, so the set does not depend on which answer came first).
      const rbl = createRblGatherer(resolver, { timeoutMs: target.timeoutMs ?? ctx.timeoutMs, ...(ctx.rblLists ? { lists: ctx.rblLists } : {}), ...(ctx.rblCache ? { cache: ctx.rblCache } : {}) });
      rbl.add([{ target: domain, source: { role: 'domain' } }, ...target.ips.map((ip) => ({ target: ip, source: { role: 'sender' as const } }))]);
      const left = Math.max(0, GATHER_LIMITS.dnsblTargets - 1 - target.ips.length);
      const mxShare = Math.ceil(left / 2);
      const offer = (requests: { target: string; source: RblSource }[], share: number) => {
        rbl.add(requests.slice(0, share));
        rbl.skip(requests.slice(share).map((r) => r.target));
      };
      await Promise.all([
        mx().then((fact) => offer(mxAddresses(fact).map((a) => ({ target: a.ip, source: { role: 'mx' as const, via: a.host } })), mxShare)),
        spf().then((fact) => offer(fact.addresses.map((a) => ({ target: a.ip, source: { role: 'spf' as const, via: a.term } })), left - mxShare)),
      ]);
      return rbl.done();
    },
    mtaStsPolicy: async () => gatherMtaStsPolicy(domain, (await policyRecords()).mtaSts, ctx),
    tlsa: async () => gatherTlsa(await mx(), resolver),
    dnssec: () => gatherDnssec(domain, resolver, ctx.resolverName),
    smtp: async () => gatherSmtp(await mx(), ctx),
    bulkProfile: async () => target.profile ?? null,
  };
  const keys = [...needs].filter((key): key is GatheredFact => key !== 'health');
  const values = await Promise.all(keys.map((key) => gatherers[key]()));
  const facts: Partial<Record<keyof DomainFacts, unknown>> = {};
  keys.forEach((key, i) => (facts[key] = values[i]));
  facts.domain = domain;
  // Only the facts the selected checks require are present; the runner runs only those checks.
  return facts as DomainFacts;
}

/** The facts gatherers produce (health is recorded alongside, for every report). */
type GatheredFact = Exclude<keyof DomainFacts, 'health'>;

export const ALL_FACTS: ReadonlySet<keyof DomainFacts> = new Set(['domain', 'mx', 'spf', 'dmarc', 'dkim', 'rdns', 'rdnsScope', 'spfIp', 'policyRecords', 'rbl', 'mtaStsPolicy', 'tlsa', 'dnssec', 'smtp', 'bulkProfile']);

/** The facts a set of checks requires. */
export function factsRequired<F>(checks: readonly { requires: readonly (keyof F)[] }[]): Set<keyof F> {
  return new Set(checks.flatMap((c) => [...c.requires]));
}
