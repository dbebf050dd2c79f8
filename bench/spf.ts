// npm run bench:spf — check_host() evaluations per second over fixture zones with a nested include
// tree, answered by the in-memory source. Two set-ups:
//   fresh  — a new caching resolver per evaluation (as `mailcheck spf` runs: one check per process)
//   shared — one caching resolver for all evaluations (as a long-running checker with a warm cache)
import { createMemorySource } from '../src/dns/memory.js';
import { createCachingResolver } from '../src/dns/resolver.js';
import type { DnsRecord, Resolver } from '../src/dns/types.js';
import type { SpfResult } from '../src/spf/check-host.js';
import { checkHost } from '../src/spf/check-host.js';

const EVALUATIONS = 10_000;
const DOMAINS = 50;

const txt = (name: string, data: string): DnsRecord => ({ name, type: 'TXT', ttl: 300, data });
const a = (name: string, data: string): DnsRecord => ({ name, type: 'A', ttl: 300, data });
const aaaa = (name: string, data: string): DnsRecord => ({ name, type: 'AAAA', ttl: 300, data });
const mx = (name: string, exchange: string): DnsRecord => ({ name, type: 'MX', ttl: 300, data: { preference: 10, exchange } });

// A provider tree three levels deep (like _spf.google.com → _netblocks*), shared by every domain,
// plus a per-domain include; each domain also uses mx and a.
function fixtureRecords(): DnsRecord[] {
  const records: DnsRecord[] = [
    txt('_spf.provider.test', 'v=spf1 include:_netblocks1.provider.test include:_netblocks2.provider.test include:_netblocks3.provider.test ~all'),
    txt('_netblocks1.provider.test', 'v=spf1 ip4:203.0.113.0/26 ip4:198.51.100.0/26 ip6:2001:db8:1::/48 ~all'),
    txt('_netblocks2.provider.test', 'v=spf1 ip4:203.0.113.64/26 include:_deep.provider.test ~all'),
    txt('_netblocks3.provider.test', 'v=spf1 ip6:2001:db8:3::/48 ~all'),
    txt('_deep.provider.test', 'v=spf1 ip4:203.0.113.128/26 a:relay.provider.test ~all'),
    a('relay.provider.test', '203.0.113.200'),
    aaaa('relay.provider.test', '2001:db8:5::200'),
  ];
  for (let d = 0; d < DOMAINS; d++) {
    const domain = `d${d}.test`;
    records.push(
      txt(domain, `v=spf1 mx a ip4:192.0.2.${d}/32 include:_spf.${domain} include:_spf.provider.test -all`),
      txt(domain, `site-verification=${d}`),
      mx(domain, `mx.${domain}`),
      a(`mx.${domain}`, `198.51.100.${128 + (d % 100)}`),
      a(domain, `198.51.100.${200 + (d % 50)}`),
      aaaa(domain, `2001:db8:d::${d}`),
      txt(`_spf.${domain}`, `v=spf1 ip4:10.${d}.0.0/16 exists:%{i}._rbl.${domain} ~all`),
    );
  }
  return records;
}

/** Deterministic (ip, domain) pairs: a mix of passes at every depth and fails after the whole tree. */
function pairs(): { ip: string; domain: string }[] {
  const ips = ['192.0.2.7', '203.0.113.5', '203.0.113.70', '203.0.113.130', '203.0.113.200', '2001:db8:3::9', '10.7.1.1', '198.51.100.9', '233.252.0.1', '2001:db8:ffff::1'];
  const list: { ip: string; domain: string }[] = [];
  for (let i = 0; i < EVALUATIONS; i++) list.push({ ip: ips[i % ips.length] as string, domain: `d${(i * 7) % DOMAINS}.test` });
  return list;
}

async function run(label: string, resolverFor: () => Resolver): Promise<number> {
  const work = pairs();
  const counts: Partial<Record<SpfResult, number>> = {};
  const start = performance.now();
  for (const pair of work) {
    const outcome = await checkHost({ ip: pair.ip, domain: pair.domain, sender: `user@${pair.domain}`, helo: 'mail.example.net' }, resolverFor());
    counts[outcome.result] = (counts[outcome.result] ?? 0) + 1;
  }
  const seconds = (performance.now() - start) / 1000;
  const rate = work.length / seconds;
  const mix = Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`${label.padEnd(8)} ${work.length} evaluations in ${seconds.toFixed(2)} s: ${Math.round(rate).toLocaleString('en-US')} evaluations/s  (${mix})`);
  return rate;
}

const source = createMemorySource(fixtureRecords());
// Warm-up so JIT compilation does not count against the first set-up.
for (let i = 0; i < 500; i++) await checkHost({ ip: '203.0.113.130', domain: `d${i % DOMAINS}.test` }, createCachingResolver(source));

console.log(`SPF check_host() over ${DOMAINS} fixture domains, include tree 4 levels deep, in-memory source`);
const fresh = await run('fresh', () => createCachingResolver(source));
const shared = createCachingResolver(source);
const warm = await run('shared', () => shared);
console.log(`shared cache / fresh cache: ${(warm / fresh).toFixed(2)}×`);
