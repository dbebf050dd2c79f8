import type { ListingResult } from '../dnsbl/engine.js';
import type { RblEntry, RblSource } from '../gather/rbl.js';
import type { Finding } from '../report/types.js';
import { finding, type CheckStatus, type DomainCheck } from './types.js';

const CHECK = 'rbl';

function sourceText(source: RblSource): string {
  switch (source.role) {
    case 'mx': return `MX ${source.via ?? ''}`.trim();
    case 'sender': return '--ip';
    case 'spf': return `SPF ${source.via ?? ''}`.trim();
    case 'domain': return 'the domain';
  }
}

/** `192.0.2.1 (MX mx.example.com, SPF ip4:192.0.2.1)`, or the domain name. */
function who(entry: RblEntry): string {
  if (entry.kind === 'domain') return entry.target;
  return `${entry.target} (${entry.sources.map(sourceText).join(', ')})`;
}

function listingFinding(entry: RblEntry, l: ListingResult): Finding {
  const codes = l.codes.map((code, i) => `${code} ${l.meanings[i] ?? ''}`.trim()).join('; ');
  const reason = l.reason ? ` Reason given: ${l.reason}` : '';
  const stop = entry.kind === 'domain'
    ? 'Find why the domain is listed (a compromised site, spam sent with its links, a hijacked account) and fix it'
    : 'Find what made this IP send bad mail (a compromised account or script, an open relay, mail to bad addresses, a shared IP) and stop it';
  return finding(
    CHECK,
    'rbl.listed',
    l.major ? 'error' : 'warning',
    `${who(entry)} is listed on ${l.list} (${l.zone}): ${codes}.${reason}${l.major ? ' Large receivers refuse or junk mail from it.' : ''}`,
    { action: `${stop}, then request removal${l.delist ? ` at ${l.delist}` : ' from the list operator'}.` },
  );
}

/** Lists that could not be checked for one target: one finding naming them, with the operator's advice for refusals. */
function uncheckedFinding(entry: RblEntry, failed: ListingResult[]): Finding {
  const names = failed.map((l) => `${l.list}: ${l.status === 'refused' ? 'refused by the operator' : (l.detail ?? 'could not check').replace(/^could not check: /, '')}`);
  const refused = failed.find((l) => l.status === 'refused');
  return finding(
    CHECK,
    'rbl.unchecked',
    'warning',
    `Could not check ${who(entry)} on ${failed.length} list${failed.length === 1 ? '' : 's'} (${names.join('; ')}); a listing there would go unnoticed.`,
    { action: refused?.advice ? `${refused.advice[0]?.toUpperCase()}${refused.advice.slice(1)}.` : 'Run again, or raise --timeout; a list that keeps failing may be down.' },
  );
}

/**
 * Blacklists (DNSBLs) for the MX hosts' addresses, the --ip senders and the sending IPs the domain's
 * own SPF record names, and the domain on domain lists. A list that could not be checked makes the
 * check partial only when it is a major list: a flaky small list should not make every report incomplete.
 */
export const rblCheck: DomainCheck = {
  id: CHECK,
  title: 'Blacklists (DNSBL)',
  run({ rbl }) {
    if (rbl.lists === 0) {
      const why = rbl.notCovered.length > 0 ? `${rbl.notCovered.length} lists not checked: the zone files do not describe them (offline run)` : 'no blacklist selected';
      return { status: 'skipped', findings: [], found: [why], data: { lists: 0, notCovered: rbl.notCovered, targets: [] } };
    }
    const findings: Finding[] = [];
    const found: string[] = [];
    let status: CheckStatus = 'complete';
    const targets: Record<string, unknown>[] = [];
    for (const entry of rbl.entries) {
      const listed = entry.listings.filter((l) => l.status === 'listed');
      const failed = entry.listings.filter((l) => l.status === 'error' || l.status === 'refused');
      const checked = entry.listings.length - failed.length;
      found.push(
        `${who(entry)}: ${listed.length > 0 ? `listed on ${listed.map((l) => l.list).join(', ')}` : 'not listed'} (${checked} of ${entry.listings.length} lists checked${failed.length > 0 ? `, ${failed.length} could not be` : ''})`,
      );
      findings.push(...listed.map((l) => listingFinding(entry, l)));
      if (failed.length > 0) {
        findings.push(uncheckedFinding(entry, failed));
        if (failed.some((l) => l.major)) status = 'partial';
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
    if (rbl.notCovered.length > 0) {
      found.push(`${rbl.notCovered.length} list${rbl.notCovered.length === 1 ? '' : 's'} not checked: the zone files do not describe ${rbl.notCovered.length === 1 ? 'it' : 'them'} (offline run)`);
    }
    if (rbl.entries.length === 0) found.push('no addresses to check');
    return { status, findings, found, data: { lists: rbl.lists, notCovered: rbl.notCovered, targets } };
  },
};
