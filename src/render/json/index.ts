import { summarizeBounces } from '../../bounce/summary.js';
import type { MessageReport } from '../../bounce/run.js';
import type { Report } from '../../core/report.js';
import type { RenderContext } from '../context.js';
import type { Formatter } from '../index.js';
import { domainJson } from './domain.js';
import { ipJson, selftestJson } from './ip.js';
import { spfJson } from './spf.js';
import { bounceMessageJson, bounceSummaryJson } from './bounce.js';
import { lookupJson } from './lookup.js';
import { recallJson } from './recall.js';
import { messageJson } from './message.js';
import { dmarcReportJson } from './dmarc-report.js';
import { addressJson, addressJsonStream, addressSummaryJson } from '../address.js';

/** The JSON value of one report, in the shape each command has always printed (README). */
export function reportJson(report: Report, ctx: RenderContext): unknown {
  switch (report.command) {
    case 'domain': return domainJson(report, ctx.en);
    case 'ip': return ipJson(report, ctx.en);
    case 'ip-selftest': return selftestJson(report, ctx.en);
    case 'spf': return spfJson(report, ctx.en);
    case 'bounce': return bounceMessageJson(report, ctx.en);
    case 'lookup': return lookupJson(report);
    case 'recall': return recallJson(report, ctx.en);
    case 'message': return messageJson(report, ctx.en);
    case 'dmarc-report': return dmarcReportJson(report, ctx.en);
    case 'address': return addressJson(report, ctx);
    case 'address-summary': return addressSummaryJson(report);
    default: return { command: report.command, subject: report.subject };
  }
}

/** The version of the envelope's shape: raised only if a field of it changes meaning (fields may be added). */
export const JSON_SCHEMA_VERSION = 1;

/**
 * `--json`: one object for one domain, IP, SPF question or lookup, an array for several (as it always
 * printed); `bounce` is always an array of messages; `ip --selftest` an array of tests.
 * `--format json`: the same objects, always in one envelope, whatever their number:
 * `{ tool, version, schemaVersion, command, results: [...] }`.
 */
export const jsonFormat: Formatter = {
  render(reports, ctx) {
    const command = ctx.command ?? reports[0]?.command ?? null;
    // `bounce --summary`: one summary object (in the envelope with --format json) instead of the messages.
    if (command === 'bounce' && ctx.options.summaryOnly === true) {
      const summary = bounceSummaryJson(summarizeBounces(reports.map((r) => r.data.message as MessageReport)));
      const value = ctx.jsonEnvelope ? { tool: 'mailcheck', version: ctx.version, schemaVersion: JSON_SCHEMA_VERSION, command, summary } : summary;
      return `${JSON.stringify(value, null, 2)}\n`;
    }
    const values = reports.map((r) => reportJson(r, ctx));
    const alwaysArray = command === 'bounce' || command === 'ip-selftest';
    if (ctx.jsonEnvelope) {
      const envelope = { tool: 'mailcheck', version: ctx.version, schemaVersion: JSON_SCHEMA_VERSION, command, results: values.flat() };
      return `${JSON.stringify(envelope, null, 2)}\n`;
    }
    const value = alwaysArray ? values.flat() : values.length === 1 ? values[0] : values;
    return `${JSON.stringify(value, null, 2)}\n`;
  },
  // Streamed by `mailcheck list`: {"input", "rows": [...], "summary"} (render/address.ts).
  stream: addressJsonStream,
};
