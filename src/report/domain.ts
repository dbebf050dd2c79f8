import pLimit from 'p-limit';
import type { Check } from '../core/check.js';
import type { Report } from '../core/report.js';
import { DOMAIN_CHECKS } from '../checks/index.js';
import type { GatherContext } from '../gather/context.js';
import { factsRequired, gatherDomain, type DomainFacts, type DomainTarget } from '../gather/domain.js';
import { runChecks } from './run.js';
import type { BulkProfile } from '../data/bulk-sender-rules.js';
import { ERROR_WEIGHTS, WEIGHTS } from './score.js';

/** `mailcheck domain` for one domain: gather what the checks need, run them, score. */
export async function checkDomain(target: DomainTarget, ctx: GatherContext, checks: readonly Check<DomainFacts>[] = DOMAIN_CHECKS): Promise<Report> {
  const facts = await gatherDomain(target, ctx, factsRequired(checks));
  return runChecks({ command: 'domain', subject: target.domain, checks, facts, weights: WEIGHTS.domain, errorWeights: ERROR_WEIGHTS.domain });
}

/** Every domain, at most `concurrency` at a time; reports in input order, `onDone` as each completes. */
export async function checkDomains(
  domains: readonly string[],
  options: { selectors: string[]; ips: string[]; concurrency: number; profile?: BulkProfile },
  ctx: GatherContext,
  onDone?: (report: Report) => void,
): Promise<Report[]> {
  const limit = pLimit(options.concurrency);
  return Promise.all(
    domains.map((domain) =>
      limit(async () => {
        const report = await checkDomain({ domain, selectors: options.selectors, ips: options.ips, ...(options.profile ? { profile: options.profile } : {}) }, ctx);
        onDone?.(report);
        return report;
      }),
    ),
  );
}
