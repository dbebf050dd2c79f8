import type { Report } from '../../core/report.js';
import type { RenderContext } from '../context.js';
import type { Formatter } from '../index.js';
// Each command's renderer is loaded only when its reports are printed: `lookup` never loads the
// domain report's SPF tree, the bounce summary or the address tables (start-up, README).
type Render = (reports: readonly Report[], ctx: RenderContext) => string;
const each = (one: (report: Report, ctx: RenderContext) => string, separator: string): Render => (reports, ctx) => reports.map((r) => one(r, ctx)).join(separator);

const RENDERERS: Record<string, () => Promise<Render>> = {
  domain: async () => each((await import('./domain.js')).renderDomainText, '\n'),
  ip: async () => each((await import('./ip.js')).renderIpText, '\n'),
  'ip-selftest': async () => (await import('./ip.js')).renderSelftestText,
  spf: async () => {
    const { renderSpfText } = await import('./spf.js');
    return (reports, ctx) => reports.map((r) => renderSpfText(r, ctx)).filter((t) => t !== '').join('\n');
  },
  bounce: async () => (await import('./bounce.js')).renderBounceText,
  lookup: async () => each((await import('./lookup.js')).renderLookupText, ''),
  recall: async () => (await import('./recall.js')).renderRecallText,
  message: async () => each((await import('./message.js')).renderMessageText, '\n'),
  'dmarc-report': async () => (await import('./dmarc-report.js')).renderDmarcReportText,
  address: async () => each((await import('../address.js')).addressText, ''),
  'address-summary': async () => each((await import('../address.js')).addressSummaryText, ''),
};

/** The report kinds (Report.command) the text format can print. */
const TEXT_COMMANDS: readonly string[] = Object.keys(RENDERERS);

/**
 * Today's terminal output, in the chosen language, for reports of these kinds (Report.command; all of them
 * when not given). A report of a kind not loaded prints nothing, as one of a kind with no renderer.
 */
export async function loadTextFormat(commands: readonly string[] = TEXT_COMMANDS): Promise<Formatter> {
  const byCommand: Record<string, Render> = {};
  for (const command of new Set(commands)) {
    const load = RENDERERS[command];
    if (load) byCommand[command] = await load();
  }
  const render = (reports: readonly Report[], ctx: RenderContext) => byCommand[reports[0]?.command ?? '']?.(reports, ctx) ?? '';
  return {
    render,
    // Streamed by `mailcheck address` and `list`: each report as it is ready, the summary report at the end.
    stream: {
      begin: () => '',
      item: (report, ctx) => byCommand[report.command]?.([report], ctx) ?? '',
      end: (reports, ctx) => reports.map((r) => byCommand[r.command]?.([r], ctx) ?? '').join(''),
    },
  };
}
