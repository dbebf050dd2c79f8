import { createMemorySource, type MemorySourceOptions } from '../../src/dns/memory.js';
import type { DnsRecord, QueryType, RecordDataMap, Resolver } from '../../src/dns/types.js';
import { createCachingResolver } from '../../src/dns/resolver.js';
import { gatherDomain, type DomainFacts } from '../../src/gather/domain.js';
import { gatherContext } from '../../src/gather/context.js';
import { runChecks } from '../../src/report/run.js';
import { WEIGHTS } from '../../src/report/score.js';
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

export async function factsFor(records: DnsRecord[], options: MemorySourceOptions & { domain?: string; selectors?: string[]; ips?: string[] } = {}): Promise<DomainFacts> {
  return gatherDomain({ domain: options.domain ?? 'good.test', selectors: options.selectors ?? [], ips: options.ips ?? [] }, gatherContext(memoryResolver(records, options), { timeoutMs: 3000 }));
}

export async function reportFor(records: DnsRecord[], options: Parameters<typeof factsFor>[1] = {}): Promise<DomainReport> {
  const facts = await factsFor(records, options);
  return runChecks({ command: 'domain', subject: facts.domain, checks: DOMAIN_CHECKS, facts, weights: WEIGHTS.domain });
}

export function ids(report: DomainReport): string[] {
  return report.findings.map((f) => f.id);
}
