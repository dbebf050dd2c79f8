import type { LimitFunction } from 'p-limit';
import type { Report } from '../core/report.js';
import type { Resolver } from '../dns/types.js';
import type { DnsblList } from '../dnsbl/catalogue.js';
import { summarize } from '../dnsbl/engine.js';
import type { SelftestResult } from '../dnsbl/selftest.js';
import { IP_CHECKS } from '../checks/index.js';
import { gatherIp } from '../gather/ip.js';
import type { ParsedIp } from '../net/ip.js';
import { runChecks } from './run.js';
import { WEIGHTS } from './score.js';
import { selftestCheck } from '../checks/selftest.js';

/** `mailcheck ip` for one address: the blacklist and reverse-DNS checks of `domain`, scored on the blacklists. */
export async function checkIp(ip: ParsedIp, resolver: Resolver, options: { lists: readonly DnsblList[]; notCovered: readonly DnsblList[]; timeoutMs: number; limit?: LimitFunction; listResolver?: Resolver }): Promise<Report> {
  const facts = await gatherIp(ip, resolver, options);
  const listings = facts.rbl.entries[0]?.listings ?? [];
  return runChecks({
    command: 'ip',
    subject: facts.ip,
    checks: IP_CHECKS,
    facts,
    weights: WEIGHTS.ip,
    data: { ip: facts.ip, version: facts.version, range: facts.range, rdns: facts.rdns[0], listings, summary: summarize(listings) },
  });
}

/** `mailcheck ip --selftest`: one report per list and kind. */
export function selftestReport(result: SelftestResult): Report {
  return runChecks({ command: 'ip-selftest', subject: `${result.zone} (${result.kind})`, checks: [selftestCheck], facts: { result }, weights: {}, scored: false, data: { result } });
}
