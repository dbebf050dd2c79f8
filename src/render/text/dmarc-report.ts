// Text rendering of `mailcheck dmarc-report`: per policy domain, what the reports add up to, the senders
// by service ("Mailchimp: 12,400 messages, DKIM aligned ✓ SPF not aligned"), the findings with their
// fixes, and the verdict.
import type { FoundItem } from '../../core/check.js';
import type { Report } from '../../core/report.js';
import type { PtrSummary } from '../../gather/dmarc-report.js';
import type { RenderContext } from '../context.js';
import { safeLine } from '../escape.js';
import { found, label } from '../words.js';
import { findingLines } from './common.js';

function section(report: Report, id: string) {
  return report.sections.find((s) => s.id === id);
}

function foundLine(ctx: RenderContext, f: FoundItem): string {
  return safeLine(found(ctx.words, f));
}

export function renderDmarcReportDomain(report: Report, ctx: RenderContext): string {
  const c = ctx.chalk;
  const l = (id: string, data: Record<string, unknown> = {}) => label(ctx.words, id, data);
  const senders = section(report, 'dmarc-senders');
  const record = section(report, 'dmarc-record');
  const verdict = section(report, 'dmarc-verdict');
  const out: string[] = [c.bold(safeLine(l('dmarc-report.title', { domain: report.subject || '—' })))];
  const totals = senders?.found.filter((f) => f.id === 'dmarc-report.totals') ?? [];
  const aggregate = report.data.aggregate as { totals: { reports: number } } | undefined;
  if ((aggregate?.totals.reports ?? 0) === 0) out.push(`  ${c.yellow(l('dmarc-report.no-reports'))}`);
  else for (const f of totals) out.push(`  ${foundLine(ctx, f)}`);
  for (const f of record?.found ?? []) out.push(`  ${c.dim(foundLine(ctx, f))}`);
  if (report.data.offline === true) out.push(`  ${c.dim(l('dmarc-report.offline'))}`);
  const ptr = report.data.ptr as PtrSummary | undefined;
  if (ptr && ptr.skipped > 0 && report.data.offline !== true && !ctx.quiet) out.push(`  ${c.dim(l('dmarc-report.ptr-skipped', { ...ptr }))}`);

  const groups = senders?.found.filter((f) => f.id !== 'dmarc-report.totals') ?? [];
  if (groups.length > 0 && !ctx.quiet) {
    out.push('', c.bold(l('dmarc-report.senders')));
    for (const f of groups) {
      const line = `  ${foundLine(ctx, f)}`;
      const failing = Number(f.data.messages) - Number(f.data.dmarcPass) > 0;
      out.push(f.id !== 'dmarc-report.group' ? c.dim(line) : failing ? c.yellow(line) : line);
    }
  }
  const problems = [...report.findings.filter((f) => f.check !== 'dmarc-verdict')].filter((f) => !ctx.quiet || f.severity !== 'info');
  if (problems.length > 0) {
    out.push('');
    for (const f of problems) out.push(...findingLines(f, ctx, '  '));
  }
  const ready = verdict?.data.readyForQuarantine === true;
  const enforced = report.findings.some((f) => f.id === 'dmarc-report.enforced');
  const head = ready ? c.green.bold(`✔ ${l(enforced ? 'dmarc-report.enforced' : 'dmarc-report.ready')}`) : c.red.bold(`✖ ${l('dmarc-report.not-ready')}`);
  out.push('', head);
  for (const f of report.findings.filter((x) => x.check === 'dmarc-verdict')) out.push(...findingLines(f, ctx, '  '));
  return `${out.join('\n')}\n`;
}

export function renderDmarcReportText(reports: readonly Report[], ctx: RenderContext): string {
  const text = reports.map((r) => renderDmarcReportDomain(r, ctx)).join('\n');
  const run = reports[0]?.data.run as { rejectedTotal: number } | undefined;
  const rejected = run && run.rejectedTotal > 0 ? `\n${ctx.chalk.dim(label(ctx.words, 'dmarc-report.rejected', { count: run.rejectedTotal }))}\n` : '';
  return text + rejected;
}
