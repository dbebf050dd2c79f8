import type { Report } from '../core/report.js';
import type { RenderContext } from './context.js';
import { found, label } from './words.js';

/** Markdown of `mailcheck dmarc-report` before its findings: the totals, the verdict, and the senders as a table. */
export function dmarcReportMarkdown(report: Report, ctx: RenderContext, md: (text: unknown) => string): string[] {
  const l = (id: string, data: Record<string, unknown> = {}) => label(ctx.words, id, data);
  const senders = report.sections.find((s) => s.id === 'dmarc-senders');
  const out: string[] = [];
  for (const f of senders?.found.filter((x) => x.id === 'dmarc-report.totals') ?? []) out.push(md(found(ctx.words, f)), '');
  out.push(`**${md(l(report.data.readyForQuarantine === true ? 'dmarc-report.ready' : 'dmarc-report.not-ready'))}**`, '');
  const groups = senders?.found.filter((x) => x.id !== 'dmarc-report.totals') ?? [];
  if (groups.length > 0) {
    out.push(`| ${l('dmarc-report.senders')} |`, '| --- |');
    for (const f of groups) out.push(`| ${md(found(ctx.words, f))} |`);
    out.push('');
  }
  return out;
}
