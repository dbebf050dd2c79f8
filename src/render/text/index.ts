import type { Report } from '../../core/report.js';
import type { RenderContext } from '../context.js';
import type { Formatter } from '../index.js';
import { renderDomainText } from './domain.js';
import { renderIpText, renderSelftestText } from './ip.js';
import { renderSpfText } from './spf.js';
import { renderBounceText } from './bounce.js';
import { renderLookupText } from './lookup.js';
import { renderRecallText } from './recall.js';
import { renderMessageText } from './message.js';
import { renderDmarcReportText } from './dmarc-report.js';
import { addressSummaryText, addressText } from '../address.js';

const BY_COMMAND: Record<string, (reports: readonly Report[], ctx: RenderContext) => string> = {
  domain: (reports, ctx) => reports.map((r) => renderDomainText(r, ctx)).join('\n'),
  ip: (reports, ctx) => reports.map((r) => renderIpText(r, ctx)).join('\n'),
  'ip-selftest': renderSelftestText,

  spf: (reports, ctx) => reports.map((r) => renderSpfText(r, ctx)).filter((t) => t !== '').join('\n'),
  bounce: renderBounceText,
  lookup: (reports, ctx) => reports.map((r) => renderLookupText(r, ctx)).join(''),
  recall: renderRecallText,
  message: (reports, ctx) => reports.map((r) => renderMessageText(r, ctx)).join('\n'),
  'dmarc-report': renderDmarcReportText,
  address: (reports, ctx) => reports.map((r) => addressText(r, ctx)).join(''),
  'address-summary': (reports, ctx) => reports.map((r) => addressSummaryText(r, ctx)).join(''),
};

/** Today's terminal output, in the chosen language. */
export const textFormat: Formatter = {
  render(reports, ctx) {
    const command = reports[0]?.command;
    return command ? (BY_COMMAND[command]?.(reports, ctx) ?? '') : '';
  },
  // Streamed by `mailcheck address` and `list`: each report as it is ready, the summary report at the end.
  stream: {
    begin: () => '',
    item: (report, ctx) => BY_COMMAND[report.command]?.([report], ctx) ?? '',
    end: (reports, ctx) => reports.map((r) => BY_COMMAND[r.command]?.([r], ctx) ?? '').join(''),
  },
};
