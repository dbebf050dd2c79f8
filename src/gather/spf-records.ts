import type { Resolver } from '../dns/types.js';
import { lookupFact, txtValues, type LookupFact } from './lookup.js';

// The SPF records published at the domain itself: TXT, and the deprecated SPF RR type (RFC 7208 §3.1
// says publish TXT only; type 99 records are ignored by receivers and only mislead).

export interface SpfRecordsFact {
  lookup: LookupFact;
  /** TXT strings that are SPF records (RFC 7208 §4.5: "v=spf1" then a space or the end). */
  records: string[];
  /** Records of the obsolete SPF RR type (99). */
  rrType: { lookup: LookupFact; records: string[] };
}

export function isSpfRecord(txt: string): boolean {
  return /^v=spf1( |$)/i.test(txt);
}

export async function gatherSpfRecords(domain: string, resolver: Resolver): Promise<SpfRecordsFact> {
  const [txt, rr] = await Promise.all([resolver.query(domain, 'TXT'), resolver.query(domain, 'SPF')]);
  return {
    lookup: lookupFact(txt),
    records: txtValues(txt).filter(isSpfRecord),
    rrType: { lookup: lookupFact(rr), records: rr.answers.map((r) => r.data) },
  };
}
