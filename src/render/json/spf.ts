import type { Report } from '../../core/report.js';
import type { SpfQuestion } from '../../checks/spf-result.js';
import type { CheckHostResult } from '../../spf/check-host.js';
import type { CatalogueShape } from '../../messages/types.js';
import { noneReason, traceDetail } from '../text/spf.js';

/** `mailcheck spf --json`: the documented fields, `problem` and each step's `detail` in English words (plus `event` and `data`). */
export function spfJson(report: Report, en: CatalogueShape): Record<string, unknown> {
  const question = report.data.question as SpfQuestion;
  const outcome = report.data.outcome as CheckHostResult;
  return {
    domain: question.domain,
    ip: question.ip,
    sender: question.sender,
    helo: question.helo,
    result: outcome.result,
    matched: outcome.matched,
    explanation: outcome.explanation,
    lookups: outcome.lookups,
    voidLookups: outcome.voidLookups,
    trace: outcome.trace.map((step) => ({ depth: step.depth, domain: step.domain, term: step.term, detail: traceDetail(en, step), event: step.event, data: step.data })),
    // For `none`: why (the domain is not a fully qualified name, or it has no SPF record); else null.
    reason: noneReason(en, outcome),
  };
}
