import type { Report } from '../core/report.js';
import { withDeadline } from '../dns/deadline.js';
import type { Resolver } from '../dns/types.js';
import { spfResultCheck, type SpfQuestion } from '../checks/spf-result.js';
import { checkHost, type SpfResult } from '../spf/check-host.js';
import { runChecks } from './run.js';

/**
 * `mailcheck spf`: check_host() for one question, as a report whose data is the question and the
 * whole outcome. When check_host() gives up at its time limit (temperror), the evaluation it left
 * behind asks nothing more: its lookups end at once as "could not check".
 */
export async function checkSpf(
  input: { ip: string; domain: string; sender: string; helo: string },
  question: SpfQuestion,
  resolver: Resolver,
  expected?: readonly SpfResult[],
  options: { timeLimitMs?: number } = {},
): Promise<Report> {
  const done = new AbortController();
  const outcome = await checkHost(input, withDeadline(resolver, done.signal), options.timeLimitMs === undefined ? {} : { timeLimitMs: options.timeLimitMs });
  done.abort();
  return runChecks({
    command: 'spf',
    subject: question.domain,
    checks: [spfResultCheck],
    facts: { question, outcome, ...(expected ? { expected } : {}) },
    weights: {},
    scored: false,
    data: { question, outcome, expected: expected ?? null },
  });
}
