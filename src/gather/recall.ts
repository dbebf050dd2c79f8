import pLimit from 'p-limit';
import { normalizeName } from '../dns/types.js';
import { isSpfRecord } from '../parse/spf.js';
import { PROVIDERS, providerOfConsumerDomain, providerOfMx, serviceOfInclude } from '../data/providers.js';
import type { GatherContext } from './context.js';
import { lookupFact, lookupFailed, txtValues, type LookupFact } from './lookup.js';

// What `mailcheck recall` asks DNS about each side's domain, to tell which mail system holds the
// mailbox: its MX hosts; when those name no mailbox provider (a filtering gateway, an unknown host),
// the include:/redirect= targets of its own SPF record; and, for Microsoft 365, the DKIM selector
// CNAMEs that name the tenant (`…._domainkey.<tenant>.onmicrosoft.com`). A provider's own mail domains
// (qq.com, 163.com, gmail.com…) are known without asking. Failures are values, never "missing".

/** Most distinct domains one run looks up (the sender's and the recipients'; the CLI allows 500 recipients). */
export const MAX_RECALL_DOMAINS = 501;
/** Domains looked up at once (each is two to four queries). */
export const RECALL_DOMAIN_CONCURRENCY = 32;
/** Most SPF terms read for hints. */
const MAX_SPF_TERMS = 64;

export interface DkimCnameFact {
  selector: string;
  lookup: LookupFact;
  /** The CNAME target, when the selector is one. */
  target?: string;
}

export interface RecallDomainFact {
  domain: string;
  /** The provider whose own mail domain this is (qq.com → `qq-mail`): DNS was not asked. */
  consumer?: string;
  mx?: { lookup: LookupFact; hosts: string[] };
  /** The domain's own SPF record's include:/redirect= targets (only asked when MX names no mailbox provider). */
  spf?: { lookup: LookupFact; targets: string[] };
  /** DKIM selector CNAMEs of providers with tenant patterns (asked when the domain looks like one). */
  dkim?: DkimCnameFact[];
}

/** include: and redirect= targets of an SPF record, read loosely (a hint, not an evaluation). */
export function spfTargets(record: string): string[] {
  const out: string[] = [];
  for (const term of record.split(' ').slice(0, MAX_SPF_TERMS)) {
    const lower = term.toLowerCase();
    const include = /^[+~?-]?include:(.+)$/.exec(lower);
    const redirect = /^redirect=(.+)$/.exec(lower);
    const target = include?.[1] ?? redirect?.[1];
    if (target) out.push(normalizeName(target));
  }
  return out;
}

/** The mailbox provider the MX hosts name (not a gateway), the first one found. */
function mailboxOfMx(hosts: readonly string[]): string | undefined {
  for (const host of hosts) {
    const p = providerOfMx(host);
    if (p && p.kind !== 'gateway') return p.id;
  }
  return undefined;
}

const TENANT_PROVIDERS = PROVIDERS.filter((p) => p.dkimTenant && p.dkimTenant.length > 0);

async function gatherOne(domain: string, ctx: GatherContext): Promise<RecallDomainFact> {
  const consumer = providerOfConsumerDomain(domain);
  if (consumer) return { domain, consumer: consumer.id };
  const { resolver } = ctx;
  const [mxResult, txtResult] = await Promise.all([resolver.query(domain, 'MX'), resolver.query(domain, 'TXT')]);
  const hosts = [...mxResult.answers].sort((a, b) => a.data.preference - b.data.preference).map((r) => r.data.exchange).filter((h) => h !== '');
  const fact: RecallDomainFact = { domain, mx: { lookup: lookupFact(mxResult), hosts: [...new Set(hosts)] } };
  const mailbox = mailboxOfMx(hosts);
  const record = txtValues(txtResult).find(isSpfRecord);
  const targets = record ? spfTargets(record) : [];
  if (!mailbox) fact.spf = { lookup: lookupFact(txtResult), targets };
  // The tenant's DKIM CNAMEs, for a domain whose MX or SPF points at a provider with tenant patterns.
  const byMx = mailbox ? TENANT_PROVIDERS.find((p) => p.id === mailbox) : undefined;
  const bySpf = TENANT_PROVIDERS.find((p) => targets.some((t) => serviceOfInclude(t)?.id === p.id));
  const tenantProvider = byMx ?? (mailbox ? undefined : bySpf);
  if (tenantProvider) {
    const selectors = [...new Set(tenantProvider.dkimTenant?.flatMap((t) => t.selectors) ?? [])];
    fact.dkim = await Promise.all(
      selectors.map(async (selector): Promise<DkimCnameFact> => {
        const result = await resolver.query(`${selector}._domainkey.${domain}`, 'CNAME');
        const target = result.answers[0]?.data ?? result.cnames[0]?.data;
        return target ? { selector, lookup: lookupFact(result), target: normalizeName(target) } : { selector, lookup: lookupFact(result) };
      }),
    );
  }
  return fact;
}

/** Every domain (RECALL_DOMAIN_CONCURRENCY at once, at most MAX_RECALL_DOMAINS: a domain past it is never looked up and so "cannot tell"), keyed by domain. */
export async function gatherRecallDomains(domains: readonly string[], ctx: GatherContext): Promise<Map<string, RecallDomainFact>> {
  const unique = [...new Set(domains.map((d) => normalizeName(d)))].slice(0, MAX_RECALL_DOMAINS);
  const limit = pLimit(RECALL_DOMAIN_CONCURRENCY);
  const facts = await Promise.all(unique.map((d) => limit(() => gatherOne(d, ctx))));
  return new Map(facts.map((f) => [f.domain, f]));
}

/** True when a lookup of the fact failed (timeout, SERVFAIL…): then nothing is known about it. */
export function recallLookupFailed(fact: RecallDomainFact): LookupFact | undefined {
  if (fact.mx && lookupFailed(fact.mx.lookup)) return fact.mx.lookup;
  return undefined;
}
