import { createMemorySource, type MemorySourceOptions } from '../../src/dns/memory.js';
import type { DnsRecord, QueryType, RecordDataMap, Resolver } from '../../src/dns/types.js';
import { createCachingResolver } from '../../src/dns/resolver.js';
import { gatherDomain, type DomainFacts, type DomainTarget } from '../../src/gather/domain.js';
import { gatherContext, type GatherContext } from '../../src/gather/context.js';
import { runChecks } from '../../src/report/run.js';
import { ERROR_WEIGHTS, WEIGHTS } from '../../src/report/score.js';
import type { Report } from '../../src/core/report.js';
import { DOMAIN_CHECKS } from '../../src/checks/index.js';

export type DomainReport = Report;
import { RSA_2048 } from './dkim-keys.js';

export function rr<T extends QueryType>(name: string, type: T, data: RecordDataMap[T]): DnsRecord {
  return { name, type, ttl: 300, data } as DnsRecord;
}

/** A domain that passes every check: MX with PTR/FCrDNS, SPF -all, DMARC reject with rua, a 2048-bit DKIM key, IPv6. */
export function goodDomain(domain = 'good.test'): DnsRecord[] {
  return [
    rr(domain, 'MX', { preference: 10, exchange: `mx1.${domain}` }),
    rr(`mx1.${domain}`, 'A', '192.0.2.10'),
    rr(`mx1.${domain}`, 'AAAA', '2001:db8::10'),
    rr('10.2.0.192.in-addr.arpa', 'PTR', `mx1.${domain}`),
    rr('0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa', 'PTR', `mx1.${domain}`),
    rr(domain, 'TXT', 'v=spf1 mx -all'),
    rr(domain, 'TXT', 'google-site-verification=abc'),
    rr(`_dmarc.${domain}`, 'TXT', `v=DMARC1; p=reject; rua=mailto:dmarc@${domain}`),
    rr(`s1._domainkey.${domain}`, 'TXT', `v=DKIM1; k=rsa; p=${RSA_2048}`),
    rr(`_mta-sts.${domain}`, 'TXT', 'v=STSv1; id=20240101'),
    rr(`_smtp._tls.${domain}`, 'TXT', `v=TLSRPTv1; rua=mailto:tls@${domain}`),
  ];
}

/** Replace the records of (name, type) in a record set. */
export function replace(records: DnsRecord[], name: string, type: QueryType, ...added: DnsRecord[]): DnsRecord[] {
  return [...records.filter((r) => !(r.name === name && r.type === type)), ...added];
}

export function memoryResolver(records: DnsRecord[], options: MemorySourceOptions = {}): Resolver {
  return createCachingResolver(createMemorySource(records, options));
}

/**
 * A validating resolver in front of `resolver`, for the DNSSEC and DANE fixtures: answers to DO
 * queries carry AD for the root and for the names `signed` accepts; names `bogus` accepts get
 * SERVFAIL unless the query sets CD (then the answer, without AD).
 */
export function validating(resolver: Resolver, options: { signed?: (name: string, type: string) => boolean; bogus?: (name: string) => boolean } = {}): Resolver {
  return {
    ...resolver,
    async query(name, type, o = {}) {
      const bogus = options.bogus?.(name) === true;
      if (bogus && !o.checkingDisabled) return { name, type, outcome: 'servfail', answers: [], cnames: [], transport: 'memory', ad: false, error: 'bogus (fixture)' };
      const result = await resolver.query(name, type, o);
      return o.dnssec ? { ...result, ad: !bogus && (name === '.' || options.signed?.(name, type) === true) } : result;
    },
  };
}

export type FixtureOptions = MemorySourceOptions & {
  domain?: string;
  selectors?: string[];
  ips?: string[];
  /** The network parts of the gather context (policy fetch, policy file, STARTTLS prober). */
  ctx?: Pick<GatherContext, 'fetch' | 'mtaStsPolicy' | 'smtp' | 'resolverName'>;
  /** Answer through a validating resolver (see validating()). */
  dnssec?: Parameters<typeof validating>[1];
  profile?: DomainTarget['profile'];
};

export async function factsFor(records: DnsRecord[], options: FixtureOptions = {}): Promise<DomainFacts> {
  const memory = memoryResolver(records, options);
  const resolver = options.dnssec ? validating(memory, options.dnssec) : memory;
  const target: DomainTarget = { domain: options.domain ?? 'good.test', selectors: options.selectors ?? [], ips: options.ips ?? [] };
  if (options.profile) target.profile = options.profile;
  return gatherDomain(target, gatherContext(resolver, { timeoutMs: 3000, ...options.ctx }));
}

export async function reportFor(records: DnsRecord[], options: FixtureOptions = {}): Promise<DomainReport> {
  const facts = await factsFor(records, options);
  return runChecks({ command: 'domain', subject: facts.domain, checks: DOMAIN_CHECKS, facts, weights: WEIGHTS.domain, errorWeights: ERROR_WEIGHTS.domain });
}

export function ids(report: DomainReport): string[] {
  return report.findings.map((f) => f.id);
}
