import { providerOfMx } from '../data/providers.js';
import { lookupFailed } from '../gather/lookup.js';
import { parseDkim } from '../parse/dkim.js';
import type { Finding } from '../core/finding.js';
import { finding, item, lookupFailedFinding, spec, type CheckStatus, type DomainCheck, type FoundItem } from './common.js';

const CHECK = 'dkim';
/** Probes answered with one identical record at least this often come from a wildcard. */
const WILDCARD_MIN = 3;

/** DKIM (RFC 6376, RFC 8301 key sizes, RFC 8463 ed25519): keys at the given and commonly used selectors. */
export const dkimCheck: DomainCheck = {
  id: CHECK,
  docs: '#what-is-checked',
  requires: ['dkim', 'mx'],
  findings: [
    spec('dkim.not-found', 'warning'), spec('dkim.weak-key', ['warning', 'error']), spec('dkim.revoked', 'warning'),
    spec('dkim.testing', 'warning'), spec('dkim.malformed', 'error'), spec('dns.lookup-failed', 'warning'),
  ],
  run({ domain, dkim, mx }) {
    const findings: Finding[] = [];
    const found: FoundItem[] = [];
    let status: CheckStatus = 'complete';
    const keys: Record<string, unknown>[] = [];
    const found0 = dkim.selectors.filter((s) => s.records.length > 0);
    // A wildcard (*._domainkey) answers every probe with the same record: report it once.
    const byRecord = new Map<string, number>();
    for (const s of found0) if (s.source === 'probe') byRecord.set(s.records.join('\n'), (byRecord.get(s.records.join('\n')) ?? 0) + 1);
    const wildcard = [...byRecord].filter(([, n]) => n >= WILDCARD_MIN).map(([text]) => text);
    const withRecords: (typeof found0[number] & { wildcard?: boolean })[] = found0.filter((s) => s.source === 'user' || !wildcard.includes(s.records.join('\n')));
    for (const text of wildcard) {
      const first = found0.find((s) => s.records.join('\n') === text)!;
      withRecords.push({ ...first, selector: '*', usedBy: undefined, wildcard: true });
    }

    for (const sel of withRecords) {
      const name = `${sel.selector}._domainkey.${domain}`;
      const record = sel.records[0] as string;
      const parsed = parseDkim(record);
      found.push(item('dkim.key', {
        name, cname: sel.cname ?? null, revoked: parsed.revoked, keyType: parsed.key?.type ?? parsed.keyType, bits: parsed.key?.bits ?? null,
        usable: parsed.key !== undefined, testing: parsed.flags.includes('y'), usedBy: sel.usedBy ?? null, wildcard: sel.wildcard === true,
      }));
      keys.push({
        selector: sel.selector,
        name,
        source: sel.source,
        ...(sel.cname ? { cname: sel.cname } : {}),
        keyType: parsed.key?.type ?? parsed.keyType,
        bits: parsed.key?.bits ?? null,
        revoked: parsed.revoked,
        testing: parsed.flags.includes('y'),
        valid: parsed.errors.length === 0 && !parsed.revoked,
        record,
      });
      if (sel.records.length > 1) {
        findings.push(finding(CHECK, 'dkim.malformed', 'error', { name, kind: 'multiple', count: sel.records.length }, {}));
      }
      if (parsed.errors.length > 0) {
        findings.push(finding(CHECK, 'dkim.malformed', 'error', { name, kind: 'unusable', errors: parsed.errors }, {}));
      }
      if (parsed.revoked) {
        findings.push(finding(CHECK, 'dkim.revoked', 'warning', { name, selector: sel.selector }, {}));
      }
      if (parsed.flags.includes('y')) {
        findings.push(finding(CHECK, 'dkim.testing', 'warning', { name }, {}));
      }
      const bits = parsed.key?.type === 'rsa' ? parsed.key.bits : undefined;
      if (bits !== undefined && bits < 2048) {
        const broken = bits < 1024;
        findings.push(finding(CHECK, 'dkim.weak-key', broken ? 'error' : 'warning', { name, bits, broken }, {}));
      }
    }

    const userMissing = dkim.selectors.filter((s) => s.source === 'user' && s.records.length === 0);
    for (const sel of userMissing) {
      if (lookupFailed(sel.lookup)) {
        status = 'partial';
        findings.push(lookupFailedFinding(CHECK, sel.lookup, 'dkim-selector', { selector: sel.selector }));
      } else {
        findings.push(finding(CHECK, 'dkim.not-found', 'warning', { kind: 'selector', selector: sel.selector, domain }, {}));
      }
    }

    if (withRecords.length === 0 && userMissing.length === 0) {
      const failedProbes = dkim.selectors.filter((s) => lookupFailed(s.lookup));
      if (failedProbes.length > 0) {
        status = failedProbes.length === dkim.selectors.length ? 'failed' : 'partial';
        findings.push(lookupFailedFinding(CHECK, failedProbes[0]!.lookup, 'dkim-probes', { failed: failedProbes.length, probed: dkim.selectors.length }));
      } else {
        const providers = [...new Set(mx.hosts.map((h) => providerOfMx(h.exchange)).filter((p) => p?.dkimHint !== undefined).map((p) => p!.id))];
        findings.push(finding(CHECK, 'dkim.not-found', 'warning', { kind: 'probes', probed: dkim.selectors.length, domain, providers }, {}));
      }
    }
    if (withRecords.length === 0) found.push(item('dkim.none', { probed: dkim.selectors.length }));
    return { status, findings, found, data: { selectors: keys, probed: dkim.selectors.map((s) => s.selector).length } };
  },
};
