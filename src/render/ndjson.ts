import { summarizeBounces } from '../bounce/summary.js';
import type { MessageReport } from '../bounce/run.js';
import type { Report } from '../core/report.js';
import type { RenderContext } from './context.js';
import type { Formatter } from './index.js';
import { bounceNdjsonObjects, bounceSummaryJson } from './json/bounce.js';
import { reportJson } from './json/index.js';
import { addressJson } from './address.js';

/** The JSON lines of one report: one per recipient for `bounce`, one per report otherwise. */
function lines(report: Report, ctx: RenderContext): string {
  if (report.command === 'address-summary') return '';
  const values = report.command === 'bounce' ? bounceNdjsonObjects(report, ctx.en) : report.command === 'address' ? [addressJson(report, ctx)] : [reportJson(report, ctx)];
  return values.map((v) => `${JSON.stringify(v)}\n`).join('');
}

/** `--format ndjson`: one compact JSON object per line, printed as each report is ready. */
export const ndjsonFormat: Formatter = {
  render: (reports, ctx) =>
    ctx.options.summaryOnly === true && (ctx.command ?? reports[0]?.command) === 'bounce' ? `${JSON.stringify(bounceSummaryJson(summarizeBounces(reports.map((r) => r.data.message as MessageReport))))}\n` : reports.map((r) => lines(r, ctx)).join(''),
  stream: { begin: () => '', item: lines, end: () => '' },
};
