import type { Report } from '../core/report.js';
import type { RenderContext } from './context.js';
import type { Formatter } from './index.js';
import { formatRecordFix } from './record.js';
import { safe, safeLine } from './escape.js';
import { checkTitle, fixText, label, message } from './words.js';
import { dmarcReportMarkdown } from './markdown-dmarc-report.js';
import { shownName } from './idn.js';

const MARK = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;

/** Markdown table cells and inline text: pipes, backticks and HTML kept literal, control characters shown (render/escape.ts). */
export function md(text: unknown): string {
  return safe(String(text ?? '').replace(/\r?\n/g, ' ')).replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

function reportMarkdown(report: Report, ctx: RenderContext): string {
  const l = (id: string, data: Record<string, unknown> = {}) => label(ctx.words, id, data);
  const score = report.score === null ? l('no-score') : l('score', { score: report.score, grade: report.grade });
  const out = [`## ${md(report.command === 'domain' ? shownName(report.subject) : report.subject)} — ${score}`, ''];
  if (report.incomplete) out.push(`> ${md(l('incomplete'))}`, '');
  if (report.command === 'dmarc-report') out.push(...dmarcReportMarkdown(report, ctx, md));
  else if (report.sections.length > 1) {
    out.push(`| ${l('md.check')} | ${l('md.result')} |`, '| --- | --- |');
    for (const s of report.sections) {
      const state = s.status === 'failed' || s.status === 'error' ? l('could-not-check') : s.status === 'skipped' ? l('not-checked') : s.score === null ? '—' : `${s.score}/100`;
      out.push(`| ${md(checkTitle(ctx.words, s.id))} | ${md(state)}${s.status === 'partial' ? ` ${md(l('partial'))}` : ''} |`);
    }
    out.push('');
  }
  const shown = report.findings.filter((f) => !ctx.quiet || f.severity !== 'info');
  if (shown.length === 0) out.push(l('no-problems'), '');
  for (const f of shown) {
    out.push(`- ${MARK[f.severity]} **${md(l(`severity.${f.severity}`))}** \`${f.id}\` — ${md(message(ctx.words, f))}`);
    if (f.fix) {
      out.push(`  - ${md(fixText(ctx.words, f))}`);
      if (f.fix.record) out.push('', '    ```', `    ${safeLine(formatRecordFix(f.fix.record))}`, '    ```');
    }
  }
  return `${out.join('\n')}\n`;
}

/** `--format markdown`: a report to paste into a ticket or a CI job summary. */
export const markdownFormat: Formatter = {
  render(reports, ctx) {
    return `# mailcheck ${reports[0]?.command ?? ''}\n\n${reports.map((r) => reportMarkdown(r, ctx)).join('\n')}`;
  },
};
