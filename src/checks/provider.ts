import { providerOfMx, serviceOfInclude } from '../data/providers.js';
import { DKIM_SELECTOR_PROBES } from '../data/dkim-selectors.js';
import type { DomainFacts } from '../gather/domain.js';
import { treeTargets } from './spf-tree.js';
import { ownSpf, spfFix, withTerm } from './spf.js';
import type { Finding } from '../core/finding.js';
import { finding, item, spec, type DomainCheck, type FoundItem } from './common.js';

const CHECK = 'provider';

/** include: and redirect= targets anywhere in the domain's SPF tree. */
export function spfIncludes(facts: DomainFacts): string[] {
  return [...new Set(treeTargets(facts.spf.tree))];
}

/** Names the mailbox provider (from MX) and sending services (from SPF includes and DKIM selectors). */
export const providerCheck: DomainCheck = {
  id: CHECK,
  docs: '#what-is-checked',
  requires: ['mx', 'spf', 'dkim'],
  findings: [spec('provider.spf-include-missing', 'warning')],
  run(facts) {
    const findings: Finding[] = [];
    const found: FoundItem[] = [];
    const mailboxProviders = [...new Set(facts.mx.hosts.map((h) => providerOfMx(h.exchange)).filter((p) => p !== undefined))];
    const includes = spfIncludes(facts);
    const sending = [...new Set(includes.map((i) => serviceOfInclude(i)).filter((p) => p !== undefined).map((p) => p.sendingName ?? p.name))];
    const signing = [...new Set(facts.dkim.selectors.filter((s) => s.records.length > 0).map((s) => DKIM_SELECTOR_PROBES.find((p) => p.selector === s.selector)?.usedBy).filter((n): n is string => n !== undefined))];
    found.push(item('provider.mailbox', { names: mailboxProviders.map((p) => p.name) }));
    found.push(item('provider.sending', { names: sending }));
    if (signing.length > 0) found.push(item('provider.signing', { names: signing }));

    // The mailbox provider's servers send the users' mail, so SPF must authorize them.
    const hasSpf = facts.spf.records.length === 1;
    for (const provider of mailboxProviders) {
      const include = provider.ownInclude;
      if (!hasSpf || !include || includes.includes(include)) continue;
      const own = ownSpf(facts);
      const fix = own ? { record: spfFix(facts.domain, withTerm(own, { kind: 'mechanism', qualifier: '+', name: 'include', domainSpec: include })) } : {};
      findings.push(finding(CHECK, 'provider.spf-include-missing', 'warning', { provider: provider.id, name: provider.name, include }, fix));
    }
    return {
      status: 'complete',
      findings,
      found,
      data: { mailbox: mailboxProviders.map((p) => p.name), sending, signing, mailboxIds: mailboxProviders.map((p) => p.id) },
    };
  },
};
