import type { Finding } from '../../core/finding.js';
import type { ListingResult } from '../../dnsbl/engine.js';
import type { RblEntry } from '../../gather/rbl.js';
import { finding, item, spec, type CheckStatus, type FoundItem } from '../common.js';
import { effectFinding, type MessageCheck } from './common.js';

const CHECK = 'links';

function target(entry: RblEntry) {
  return { target: entry.target, kind: entry.kind, sources: entry.sources };
}

/**
 * The registrable domain of every link and image in the message, and the From domain, on the domain lists
 * of the blacklist engine (Spamhaus DBL, SURBL, URIBL…: receivers look link domains up on them). A list
 * that could not be checked is `rbl.unchecked` ("could not check"), never "not listed".
 */
export const linksCheck: MessageCheck = {
  id: CHECK,
  docs: '#mailcheck-message--will-this-mail-land-in-the-inbox',
  requires: ['rbl', 'recipient'],
  findings: [spec('rbl.link-listed', ['error', 'warning']), spec('rbl.unchecked', 'warning')],
  run(facts) {
    const { rbl } = facts;
    const findings: Finding[] = [];
    const found: FoundItem[] = [];
    let status: CheckStatus = 'complete';
    if (rbl.lists === 0) {
      return { status: 'skipped', findings, found: [item('rbl.skipped', { notCovered: rbl.notCovered.length })], data: { lists: 0, notCovered: rbl.notCovered, domains: rbl.linkDomains, targets: [] } };
    }
    const targets: Record<string, unknown>[] = [];
    for (const entry of rbl.entries) {
      const listed = entry.listings.filter((l) => l.status === 'listed');
      const failed = entry.listings.filter((l) => l.status === 'error' || l.status === 'refused');
      const via = entry.sources[0]?.via ?? 'link';
      found.push(item('message.link-domain', { domain: entry.target, via, listed: listed.map((l) => l.list), checked: entry.listings.length - failed.length, total: entry.listings.length }));
      for (const l of listed as ListingResult[]) {
        findings.push(effectFinding(facts, CHECK, 'rbl.link-listed', l.major ? 'error' : 'warning', { domain: entry.target, via, list: l.list, zone: l.zone, codes: l.codes, meanings: l.meanings, reason: l.reason, major: l.major, delist: l.delist }));
      }
      if (failed.length > 0) {
        const refused = failed.find((l) => l.status === 'refused');
        findings.push(finding(CHECK, 'rbl.unchecked', 'warning', {
          ...target(entry),
          failed: failed.map((l) => ({ list: l.list, zone: l.zone, status: l.status, detail: l.detail, major: l.major })),
          advice: refused?.advice ?? null,
        }, {}));
        if (failed.some((l) => l.major)) status = 'partial';
      }
      targets.push({ domain: entry.target, via, listed: listed.length, failed: failed.length, listings: listed.map((l) => ({ list: l.list, zone: l.zone, codes: l.codes, major: l.major })) });
    }
    if (rbl.omittedDomains > 0) found.push(item('message.link-domains-omitted', { count: rbl.omittedDomains }));
    if (rbl.notCovered.length > 0) found.push(item('rbl.not-covered', { count: rbl.notCovered.length }));
    return { status, findings, found, data: { lists: rbl.lists, notCovered: rbl.notCovered, domains: rbl.linkDomains, omitted: rbl.omittedDomains, targets } };
  },
};
