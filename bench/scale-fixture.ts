// Generated domains for npm run bench:scale and test/scale-stream.test.ts: `d<i>.scale.test`, each with
// MX, SPF with an include, DMARC and one DKIM selector (s1). As in a real bulk run (an agency's or an
// ESP's customers), four domains in five receive at one of five shared providers (two MX hosts each,
// with PTRs), the fifth at its own MX host; addresses are from 198.18.0.0/15 (RFC 2544: never routed).
import type { DnsRecord, QueryType, RecordDataMap } from '../src/dns/types.js';
import { generateKeyPairSync } from 'node:crypto';
import { RSA_2048 } from '../test/helpers/dkim-keys.js';

/**
 * DKIM keys of the domains, round robin: one (the tests') by default; the benchmark asks for a pool of
 * distinct 2048-bit keys, so no domain's key decoding is saved by the one before (as in a real run).
 */
let keys: string[] = [RSA_2048];
export function useDistinctKeys(count: number): void {
  keys = Array.from({ length: count }, () => generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64'));
}

const rr = <T extends QueryType>(name: string, type: T, data: RecordDataMap[T]): DnsRecord => ({ name, type, ttl: 300, data }) as DnsRecord;
const reverse = (ip: string) => `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
export const PROVIDERS = 5;

export function scaleDomainName(i: number): string {
  return `d${i}.scale.test`;
}

/** The shared providers' records: MX hosts with addresses and PTRs, and their SPF include. */
export function providerRecords(): DnsRecord[] {
  const out: DnsRecord[] = [];
  for (let p = 0; p < PROVIDERS; p++) {
    for (const h of [1, 2]) {
      const host = `mx${h}.provider${p}.scale.test`;
      const ip = `198.19.255.${p * 2 + h}`;
      out.push(rr(host, 'A', ip), rr(reverse(ip), 'PTR', host));
    }
    out.push(rr(`_spf.provider${p}.scale.test`, 'TXT', `v=spf1 ip4:198.19.255.0/24 -all`));
  }
  return out;
}

/** The records of domain i. */
export function scaleDomainRecords(i: number): DnsRecord[] {
  const d = scaleDomainName(i);
  const own = i % 5 === 4;
  const p = i % PROVIDERS;
  const out: DnsRecord[] = [];
  if (own) {
    const ip = `198.18.${Math.floor(i / 250) % 256}.${(i % 250) + 1}`;
    out.push(rr(d, 'MX', { preference: 10, exchange: `mx.${d}` }), rr(`mx.${d}`, 'A', ip), rr(reverse(ip), 'PTR', `mx.${d}`));
  } else {
    out.push(rr(d, 'MX', { preference: 10, exchange: `mx1.provider${p}.scale.test` }), rr(d, 'MX', { preference: 20, exchange: `mx2.provider${p}.scale.test` }));
  }
  out.push(
    rr(d, 'TXT', `v=spf1 mx include:_spf.provider${p}.scale.test -all`),
    rr(`_dmarc.${d}`, 'TXT', `v=DMARC1; p=reject; rua=mailto:dmarc@${d}`),
    rr(`s1._domainkey.${d}`, 'TXT', `v=DKIM1; k=rsa; p=${keys[i % keys.length] as string}`),
  );
  return out;
}

export function scaleRecords(count: number): DnsRecord[] {
  const out = providerRecords();
  for (let i = 0; i < count; i++) out.push(...scaleDomainRecords(i));
  return out;
}
