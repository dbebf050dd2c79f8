import { analyzeSenders, DMARC_REPORT_CHECKS } from '../checks/dmarc-report.js';
import type { Report } from '../core/report.js';
import { DmarcAggregator } from '../dmarc-report/aggregate.js';
import type { DmarcReportRun } from '../dmarc-report/run.js';
import { organizationalDomain, type DmarcReportFacts } from '../gather/dmarc-report.js';
import { runChecks } from './run.js';

/** What the run read, beside each domain's facts (the same for every domain of the run). */
export type RunSummary = Omit<DmarcReportRun, 'domains'>;

/** The facts of a domain no report was read for (every report rejected, out of --since, or none given). */
export function emptyFacts(domain: string, now: number, offline: boolean): DmarcReportFacts {
  return {
    domain,
    aggregate: new DmarcAggregator({ orgDomain: organizationalDomain }).result(),
    identities: {},
    policy: { domain, dmarc: null, spf: null, mx: null },
    ptr: { limit: 0, looked: 0, failed: 0, skipped: 0, notCovered: 0 },
    offline,
    now,
  };
}

/** One report per policy domain: its senders, its DMARC record and the verdict; not scored. */
export function dmarcReportReport(facts: DmarcReportFacts, run: RunSummary): Report {
  const analysis = analyzeSenders(facts);
  const report = runChecks({ command: 'dmarc-report', subject: facts.domain, checks: DMARC_REPORT_CHECKS, facts, weights: {}, scored: false });
  const verdict = report.sections.find((s) => s.id === 'dmarc-verdict');
  report.data = {
    domain: facts.domain,
    aggregate: facts.aggregate,
    identities: facts.identities,
    groups: analysis.groups,
    ptr: facts.ptr,
    offline: facts.offline,
    run,
    readyForQuarantine: verdict?.data.readyForQuarantine === true,
    verdict: verdict?.data ?? {},
  };
  return report;
}
