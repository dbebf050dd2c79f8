import pLimit from 'p-limit';
import type { Check } from '../core/check.js';
import { finding } from '../core/check.js';
import { isCouldNotCheck } from '../core/finding.js';
import type { Report } from '../core/report.js';
import { DOMAIN_CHECKS } from '../checks/index.js';
import type { GatherContext } from '../gather/context.js';
import { factsRequired, gatherDomain, type DomainFacts, type DomainTarget } from '../gather/domain.js';
import type { DnsHealth } from '../gather/observe.js';
import { mergeFixRecords } from './fixes.js';
import { runChecks } from './run.js';
import type { BulkProfile } from '../data/bulk-sender-rules.js';
import { ERROR_WEIGHTS, WEIGHTS } from './score.js';

/** The report-level finding when not one lookup of the domain was answered (a dead resolver, a domain no zone file describes). */
export const NO_ANSWERS = 'dns.no-answers';

/**
 * When the DNS answered nothing at all, every check says "could not check" for the same reason: one
 * finding says it instead (`no DNS answers from 127.0.0.1:5401`), with the cause the advice needs.
 */
export function collapseNoAnswers(report: Report, health: DnsHealth): Report {
  if (health.lookups === 0 || health.answered > 0) return report;
  // A refused connection explains the timeouts beside it (the socket reports it for one query of
  // many); the deadline is a consequence when something else failed first, the cause only alone.
  const causes = health.failures.filter((f) => f.cause !== 'deadline');
  const main = causes.find((f) => f.cause === 'network') ?? causes[0] ?? health.failures[0];
  if (!main) return report;
  const servers = [...new Set(health.failures.map((f) => f.server).filter((s): s is string => s !== null))];
  const only = finding('dns', NO_ANSWERS, 'warning', { domain: report.subject, cause: main.cause, servers, lookups: health.lookups }, {});
  return { ...report, findings: [only, ...report.findings.filter((f) => !isCouldNotCheck(f))] };
}

/** The report-level steps after the checks: one finding for a DNS that answered nothing, one fix record per name. */
export function finishDomainReport(report: Report, health: DnsHealth | undefined): Report {
  return mergeFixRecords(health ? collapseNoAnswers(report, health) : report);
}

/** `mailcheck domain` for one domain: gather what the checks need, run them, score. */
export async function checkDomain(target: DomainTarget, ctx: GatherContext, checks: readonly Check<DomainFacts>[] = DOMAIN_CHECKS): Promise<Report> {
  const facts = await gatherDomain(target, ctx, factsRequired(checks));
  return finishDomainReport(runChecks({ command: 'domain', subject: target.domain, checks, facts, weights: WEIGHTS.domain, errorWeights: ERROR_WEIGHTS.domain }), facts.health);
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
