import type { Resolver } from '../dns/types.js';
import { normalizeName } from '../dns/types.js';
import { DKIM_SELECTOR_PROBES } from '../data/dkim-selectors.js';
import { looksLikeDkim } from '../parse/dkim.js';
import { lookupFact, txtValues, type LookupFact } from './lookup.js';

export interface DkimSelectorFact {
  selector: string;
  /** `user` for --selector, `probe` for the built-in guess list. */
  source: 'user' | 'probe';
  /** Who uses this selector (probe list), for the report. */
  usedBy?: string;
  lookup: LookupFact;
  /** Where the key really lives when the selector is a CNAME (Microsoft 365, Amazon SES). */
  cname?: string;
  /** TXT strings there that are meant as DKIM keys. */
  records: string[];
}

export interface DkimFact {
  selectors: DkimSelectorFact[];
}

/** Every selector (given and probed) at once: one TXT query each at `<selector>._domainkey.<domain>`. */
export async function gatherDkim(domain: string, userSelectors: readonly string[], resolver: Resolver): Promise<DkimFact> {
  const wanted: { selector: string; source: 'user' | 'probe'; usedBy?: string }[] = userSelectors.map((s) => ({ selector: s, source: 'user' }));
  for (const probe of DKIM_SELECTOR_PROBES) {
    if (!wanted.some((w) => w.selector === probe.selector)) wanted.push({ selector: probe.selector, source: 'probe', usedBy: probe.usedBy });
  }
  const selectors = await Promise.all(
    wanted.map(async (w): Promise<DkimSelectorFact> => {
      const result = await resolver.query(`${w.selector}._domainkey.${domain}`, 'TXT');
      const fact: DkimSelectorFact = { ...w, lookup: lookupFact(result), records: txtValues(result).filter(looksLikeDkim) };
      const last = result.cnames[result.cnames.length - 1];
      if (last) fact.cname = normalizeName(last.data);
      return fact;
    }),
  );
  return { selectors };
}
