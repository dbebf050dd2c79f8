// Text rendering of `mailcheck bounce`: one block per recipient, then a summary when there were several inputs.
import type { Report } from '../../core/report.js';
import type { MessageReport } from '../../bounce/run.js';
import type { RecipientResult } from '../../bounce/analyze.js';
import { domainOf } from '../../bounce/text.js';
import type { RenderContext } from '../context.js';
import { safeLine } from '../escape.js';
import { text } from '../../messages/types.js';
import { label } from '../words.js';
import { gapAfter } from '../width.js';

function title(report: MessageReport, ctx: RenderContext): string {
  return report.message > 1 || /mbox/i.test(report.file) ? label(ctx.words, 'bounce.message-title', { file: report.file, message: report.message }) : report.file;
}

function tally(values: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** What to do, in the chosen language. */
export function adviceWords(ctx: Pick<RenderContext, 'words'>, r: RecipientResult): string {
  return text(ctx.words, 'advice', r.advice, { ...r.adviceData });
}

export function renderBounceText(reports: readonly Report[], ctx: RenderContext): string {
  const { chalk, words } = ctx;
  const messages = reports.map((r) => r.data.message as MessageReport);
  const l = (id: string, data: Record<string, unknown> = {}) => label(words, id, data);
  const out: string[] = [];
  for (const report of messages) {
    if (!report.bounce) {
      if (!ctx.quiet) out.push(`${chalk.bold(safeLine(title(report, ctx)))}\n  ${chalk.dim(l('bounce.not-a-bounce'))}\n`);
      continue;
    }
    const lines = [chalk.bold(safeLine(title(report, ctx)))];
    if (report.original?.subject || report.original?.messageId) {
      const original = [report.original.subject && `"${report.original.subject}"`, report.original.messageId].filter(Boolean).join(' ');
      lines.push(chalk.dim(`  ${l('bounce.original')}${gapAfter(l('bounce.original'))}${safeLine(original)}`));
    }
    for (const r of report.recipients) {
      if (ctx.quiet && (r.reason === 'delivered' || r.reason === 'vacation')) continue;
      const kind = r.reason === 'vacation' || r.reason === 'delivered' || r.reason === 'feedback' ? '' : r.hard ? chalk.red(` ${l('bounce.hard')}`) : chalk.yellow(` ${l('bounce.soft')}`);
      const codes = [r.status, r.replyCode].filter(Boolean).join(' / ');
      lines.push(`  ${chalk.bold(safeLine(r.recipient))}  ${chalk.cyan(r.reason)}${kind}${codes ? `  ${safeLine(codes)}` : ''}${r.command ? `  ${l('bounce.at', { command: safeLine(r.command) })}` : ''}`);
      lines.push(`    ${l('bounce.meaning')}${gapAfter(l('bounce.meaning'))}${text(words, 'reasons', r.reason)}`);
      if (r.diagnostic) lines.push(`    ${l('bounce.server-said')}${gapAfter(l('bounce.server-said'))}${safeLine(r.diagnostic.length > 300 ? `${r.diagnostic.slice(0, 297)}...` : r.diagnostic)}`);
      if (r.remoteMta) lines.push(`    ${l('bounce.remote-server')}${gapAfter(l('bounce.remote-server'))}${safeLine(r.remoteMta)}`);
      lines.push(`    ${l('bounce.do')}${gapAfter(l('bounce.do'))}${safeLine(adviceWords(ctx, r))}`);
    }
    out.push(lines.join('\n') + '\n');
  }
  if (ctx.options.summary === true) {
    const recipients = messages.flatMap((r) => r.recipients);
    const notBounces = messages.filter((r) => !r.bounce).length;
    const lines = [chalk.bold(l('bounce.summary', { messages: messages.length, recipients: recipients.length, notBounces, hard: recipients.filter((r) => r.hard).length }))];
    lines.push(`  ${l('bounce.by-reason')}`);
    for (const [reason, n] of tally(recipients.map((r) => r.reason))) lines.push(`    ${String(n).padStart(5)}  ${reason}`);
    lines.push(`  ${l('bounce.by-domain')}`);
    for (const [domain, n] of tally(recipients.map((r) => domainOf(r.recipient) || l('bounce.no-domain'))).slice(0, 20)) lines.push(`    ${String(n).padStart(5)}  ${safeLine(domain)}`);
    out.push(lines.join('\n') + '\n');
  }
  return out.join('\n');
}
