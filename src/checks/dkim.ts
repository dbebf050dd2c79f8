import { providerOfMx } from '../data/providers.js';
import { lookupFailed } from '../gather/lookup.js';
import { parseDkim } from '../parse/dkim.js';
import type { Finding } from '../report/types.js';
import { finding, lookupFailedFinding, type CheckStatus, type DomainCheck } from './types.js';

const CHECK = 'dkim';
/** Probes answered with one identical record at least this often come from a wildcard. */
const WILDCARD_MIN = 3;

/** DKIM (RFC 6376, RFC 8301 key sizes, RFC 8463 ed25519): keys at the given and commonly used selectors. */
export const dkimCheck: DomainCheck = {
  id: CHECK,
  title: 'DKIM (signing keys)',
  run({ domain, dkim, mx }) {
    const findings: Finding[] = [];
    const found: string[] = [];
    let status: CheckStatus = 'complete';
    const keys: Record<string, unknown>[] = [];
    const found0 = dkim.selectors.filter((s) => s.records.length > 0);
    // A wildcard (*._domainkey) answers every probe with the same record: report it once.
    const byRecord = new Map<string, number>();
    for (const s of found0) if (s.source === 'probe') byRecord.set(s.records.join('\n'), (byRecord.get(s.records.join('\n')) ?? 0) + 1);
    const wildcard = [...byRecord].filter(([, n]) => n >= WILDCARD_MIN).map(([text]) => text);
    const withRecords = found0.filter((s) => s.source === 'user' || !wildcard.includes(s.records.join('\n')));
    for (const text of wildcard) {
      const first = found0.find((s) => s.records.join('\n') === text)!;
      withRecords.push({ ...first, selector: '*', usedBy: 'wildcard: every probed selector answers with this record' });
    }

    for (const sel of withRecords) {
      const name = `${sel.selector}._domainkey.${domain}`;
      const record = sel.records[0] as string;
      const parsed = parseDkim(record);
      const where = sel.cname ? ` (via CNAME ${sel.cname})` : '';
      const keyText = parsed.revoked ? 'revoked (empty p=)' : parsed.key ? `${parsed.key.type} ${parsed.key.bits} bits` : `unusable ${parsed.keyType} key`;
      found.push(`${name}${where}: ${keyText}${parsed.flags.includes('y') ? ', testing (t=y)' : ''}${sel.usedBy ? ` — ${sel.usedBy}` : ''}`);
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
        findings.push(finding(CHECK, 'dkim.malformed', 'error', `${name} has ${sel.records.length} DKIM key records; verifiers pick one at random or fail (RFC 6376 §3.6.2.2).`, { action: 'Keep exactly one key record per selector.' }));
      }
      if (parsed.errors.length > 0) {
        findings.push(finding(CHECK, 'dkim.malformed', 'error', `The DKIM key at ${name} is unusable: ${parsed.errors.join('; ')}. Signatures with this selector fail.`, { action: 'Publish the key record exactly as your mail server or provider generated it (v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>).' }));
      }
      if (parsed.revoked) {
        findings.push(finding(CHECK, 'dkim.revoked', 'warning', `The key at ${name} is revoked (empty p=); any signature with selector ${sel.selector} fails.`, { action: 'Fine after a key rotation; otherwise make sure your mail is signed with a selector that has a key.' }));
      }
      if (parsed.flags.includes('y')) {
        findings.push(finding(CHECK, 'dkim.testing', 'warning', `The key at ${name} is in testing mode (t=y): verifiers may treat its signatures as if the mail were unsigned.`, { action: 'Remove t=y from the record once signing works.' }));
      }
      const bits = parsed.key?.type === 'rsa' ? parsed.key.bits : undefined;
      if (bits !== undefined && bits < 2048) {
        const broken = bits < 1024;
        findings.push(finding(CHECK, 'dkim.weak-key', broken ? 'error' : 'warning', broken
          ? `The RSA key at ${name} has ${bits} bits; verifiers reject keys under 1024 bits (RFC 8301 §3.2), so its signatures fail.`
          : `The RSA key at ${name} has ${bits} bits; 2048 bits is the recommended size (RFC 8301, Google's sender guidelines).`,
        { action: 'Generate a 2048-bit key under a new selector, publish it, switch signing to it, then revoke the old key (empty p=).' }));
      }
    }

    const userMissing = dkim.selectors.filter((s) => s.source === 'user' && s.records.length === 0);
    for (const sel of userMissing) {
      if (lookupFailed(sel.lookup)) {
        status = 'partial';
        findings.push(lookupFailedFinding(CHECK, sel.lookup, `DKIM selector ${sel.selector}`));
      } else {
        findings.push(finding(CHECK, 'dkim.not-found', 'warning', `No DKIM key at ${sel.selector}._domainkey.${domain} (the selector given with --selector).`, { action: 'Check the selector in the s= tag of the DKIM-Signature header of a message you sent, and that the key record is published.' }));
      }
    }

    if (withRecords.length === 0 && userMissing.length === 0) {
      const failedProbes = dkim.selectors.filter((s) => lookupFailed(s.lookup));
      if (failedProbes.length > 0) {
        status = failedProbes.length === dkim.selectors.length ? 'failed' : 'partial';
        findings.push(lookupFailedFinding(CHECK, failedProbes[0]!.lookup, `DKIM (${failedProbes.length} of ${dkim.selectors.length} selector lookups failed)`));
      } else {
        const hints = [...new Set(mx.hosts.map((h) => providerOfMx(h.exchange)?.dkimHint).filter((h): h is string => h !== undefined))];
        findings.push(finding(CHECK, 'dkim.not-found', 'warning', `DKIM could not be confirmed: none of the ${dkim.selectors.length} common selectors has a key at <selector>._domainkey.${domain}. DNS cannot list selectors, so this does not prove DKIM is absent.${hints.length ? ` ${hints.join('. ')}.` : ''}`, {
          action: `Find the selector in the s= tag of the DKIM-Signature header of a message you sent, then run: mailcheck domain ${domain} --selector <selector>. If your mail is not signed, turn on DKIM at your mail provider.`,
        }));
      }
    }
    if (withRecords.length === 0) found.push(`no DKIM key found at ${dkim.selectors.length} selectors probed`);
    return { status, findings, found, data: { selectors: keys, probed: dkim.selectors.map((s) => s.selector).length } };
  },
};
