import type { ListingResult } from '../dnsbl/engine.js';
import type { RblEntry, RblFact } from '../gather/rbl.js';
import type { Finding } from '../core/finding.js';
import type { Check } from '../core/check.js';
import { GATHER_LIMITS } from '../gather/limits.js';
import { finding, item, spec, type CheckStatus, type FoundItem } from './common.js';

const CHECK = 'rbl';

function target(entry: RblEntry) {
  return { target: entry.target, kind: entry.kind, sources: entry.sources };
}

function listingFinding(entry: RblEntry, l: ListingResult): Finding {
  return finding(CHECK, 'rbl.listed', l.major ? 'error' : 'warning', {
    ...target(entry), list: l.list, zone: l.zone, codes: l.codes, meanings: l.meanings, reason: l.reason, major: l.major, delist: l.delist,
  }, {});
}

/** Lists that could not be checked for one target: one finding naming them, with the operator's advice for refusals. */
function uncheckedFinding(entry: RblEntry, failed: ListingResult[]): Finding {
  const refused = failed.find((l) => l.status === 'refused');
  return finding(CHECK, 'rbl.unchecked', 'warning', {
    ...target(entry),
    failed: failed.map((l) => ({ list: l.list, zone: l.zone, status: l.status, detail: l.detail, major: l.major })),
    advice: refused?.advice ?? null,
  }, {});
}

/**
 * Blacklists (DNSBLs) for the MX hosts' addresses, the --ip senders and the sending IPs the domain's
 * own SPF record names, and the domain on domain lists; for `mailcheck ip`, the address asked about.
 * A list that could not be checked makes the check partial only when it is a major list (a flaky small
 * list should not make every domain report incomplete), or any list when the fact says `strict`
 * (`mailcheck ip`, whose whole answer is the lists).
 */
export const rblCheck: Check<{ rbl: RblFact }> = {
  id: CHECK,
  docs: '#what-is-checked',
  requires: ['rbl'],
  findings: [spec('rbl.listed', ['error', 'warning']), spec('rbl.unchecked', 'warning')],
  run({ rbl }) {
    if (rbl.lists === 0) {
      return { status: 'skipped', findings: [], found: [item('rbl.skipped', { notCovered: rbl.notCovered.length })], data: { lists: 0, notCovered: rbl.notCovered, targets: [] } };
    }
    const findings: Finding[] = [];
    const found: FoundItem[] = [];
    let status: CheckStatus = 'complete';
    const targets: Record<string, unknown>[] = [];
    for (const entry of rbl.entries) {
      const listed = entry.listings.filter((l) => l.status === 'listed');
      const failed = entry.listings.filter((l) => l.status === 'error' || l.status === 'refused');
      const checked = entry.listings.length - failed.length;
      found.push(item('rbl.target', { ...target(entry), listed: listed.map((l) => l.list), checked, total: entry.listings.length, failed: failed.length }));
      findings.push(...listed.map((l) => listingFinding(entry, l)));
      if (failed.length > 0) {
        findings.push(uncheckedFinding(entry, failed));
        if (rbl.strict || failed.some((l) => l.major)) status = 'partial';
      }
      targets.push({
        target: entry.target,
        kind: entry.kind,
        sources: entry.sources,
        listed: listed.length,
        checked,
        failed: failed.length,
        listings: entry.listings
          .filter((l) => l.status !== 'clean')
          .map((l) => ({ list: l.list, zone: l.zone, status: l.status, codes: l.codes, meanings: l.meanings, reason: l.reason, delist: l.delist, major: l.major, detail: l.detail })),
      });
    }
    if (rbl.notCovered.length > 0) found.push(item('rbl.not-covered', { count: rbl.notCovered.length }));
    if (rbl.notFollowed) found.push(item('rbl.not-followed', { ...rbl.notFollowed, limit: GATHER_LIMITS.dnsblTargets }));
    if (rbl.entries.length === 0) found.push(item('rbl.none'));
    // A check that judged nothing says so: no list gave a verdict on any target ("0 of 54 lists checked").
    const verdicts = rbl.entries.reduce((sum, e) => sum + e.listings.filter((l) => l.status === 'listed' || l.status === 'clean').length, 0);
    if (verdicts === 0) status = rbl.entries.some((e) => e.listings.length > 0) ? 'failed' : 'skipped';
    return { status, findings, found, data: { lists: rbl.lists, notCovered: rbl.notCovered, targets, ...(rbl.notFollowed ? { notFollowed: rbl.notFollowed } : {}) } };
  },
};
