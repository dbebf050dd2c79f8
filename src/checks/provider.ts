import { providerOfMx, serviceOfInclude } from '../data/providers.js';
import { DKIM_SELECTOR_PROBES } from '../data/dkim-selectors.js';
import type { DomainFacts } from '../gather/domain.js';
import { treeTargets } from './spf-tree.js';
import type { Finding } from '../report/types.js';
import { finding, type DomainCheck } from './types.js';

const CHECK = 'provider';

/** include: and redirect= targets anywhere in the domain's SPF tree. */
export function spfIncludes(facts: DomainFacts): string[] {
  return [...new Set(treeTargets(facts.spf.tree))];
}

/** Names the mailbox provider (from MX) and sending services (from SPF includes and DKIM selectors). */
export const providerCheck: DomainCheck = {
  id: CHECK,
  title: 'Mail provider and sending services',
  run(facts) {
    const findings: Finding[] = [];
    const found: string[] = [];
    const mailboxProviders = [...new Set(facts.mx.hosts.map((h) => providerOfMx(h.exchange)).filter((p) => p !== undefined))];
    const includes = spfIncludes(facts);
    const sending = [...new Set(includes.map((i) => serviceOfInclude(i)?.name).filter((n): n is string => n !== undefined))];
    const signing = [...new Set(facts.dkim.selectors.filter((s) => s.records.length > 0).map((s) => DKIM_SELECTOR_PROBES.find((p) => p.selector === s.selector)?.usedBy).filter((n): n is string => n !== undefined))];
    found.push(`mailbox provider (MX): ${mailboxProviders.map((p) => p.name).join(', ') || 'not recognised'}`);
    found.push(`sending services (SPF includes): ${sending.join(', ') || 'none recognised'}`);
    if (signing.length > 0) found.push(`DKIM selectors in use by: ${signing.join(', ')}`);

    // The mailbox provider's servers send the users' mail, so SPF must authorize them.
    const hasSpf = facts.spf.records.length === 1;
    for (const provider of mailboxProviders) {
      const include = provider.spfInclude;
      if (!hasSpf || !include || includes.includes(include)) continue;
      findings.push(finding(CHECK, 'provider.spf-include-missing', 'warning', `The MX records point to ${provider.name}, but the SPF record does not include ${include}: mail your users send through ${provider.name} fails SPF.`, {
        action: `Add include:${include} to the SPF record (before its "all" term).`,
      }));
    }
    return {
      status: 'complete',
      findings,
      found,
      data: { mailbox: mailboxProviders.map((p) => p.name), sending, signing },
    };
  },
};
