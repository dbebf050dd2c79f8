import type { Resolver } from '../dns/types.js';
import { parseIp } from '../net/ip.js';
import { gatherDkim, type DkimFact } from './dkim.js';
import { gatherDmarc, type DmarcFact } from './dmarc.js';
import { gatherMx, mxAddresses, type MxFact } from './mx.js';
import { gatherPolicyRecords, type PolicyRecordsFact } from './policy-records.js';
import { gatherRdns, type RdnsFact } from './rdns.js';
import { gatherSpf, type SpfFacts } from './spf.js';

/** What `mailcheck domain` was asked to check. */
export interface DomainTarget {
  /** Lower case, ASCII (IDNA), no trailing dot. */
  domain: string;
  /** DKIM selectors from --selector, probed before the built-in list. */
  selectors: string[];
  /** Sending IPs from --ip (canonical text). */
  ips: string[];
}

export interface RdnsEntry extends RdnsFact {
  /** `mx`: an address of an MX host; `sender`: an address given with --ip. */
  role: 'mx' | 'sender';
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
  policyRecords: PolicyRecordsFact;
}

async function rdnsOf(entries: { ip: string; role: RdnsEntry['role']; host?: string }[], resolver: Resolver): Promise<RdnsEntry[]> {
  return Promise.all(entries.map(async (e) => ({ ...(await gatherRdns(e.ip, resolver)), role: e.role, ...(e.host ? { host: e.host } : {}) })));
}

/**
 * Starts every gatherer at once. Only truly dependent lookups wait: A/AAAA of MX hosts wait for
 * the MX answer, their PTRs for those addresses, forward confirmation for the PTR names.
 */
export async function gatherDomain(target: DomainTarget, resolver: Resolver): Promise<DomainFacts> {
  const { domain } = target;
  const mx = gatherMx(domain, resolver);
  const senderRdns = rdnsOf(target.ips.map((ip) => ({ ip, role: 'sender' as const })), resolver);
  const mxRdns = mx.then((fact) =>
    rdnsOf(
      mxAddresses(fact)
        .filter((a) => !target.ips.includes(a.ip) && parseIp(a.ip))
        .map((a) => ({ ip: a.ip, role: 'mx' as const, host: a.host })),
      resolver,
    ),
  );
  const [mxFact, spf, dmarc, dkim, policyRecords, senders, mxEntries] = await Promise.all([
    mx,
    gatherSpf(domain, resolver),
    gatherDmarc(domain, resolver),
    gatherDkim(domain, target.selectors, resolver),
    gatherPolicyRecords(domain, resolver),
    senderRdns,
    mxRdns,
  ]);
  return { domain, mx: mxFact, spf, dmarc, dkim, rdns: [...senders, ...mxEntries], policyRecords };
}
