// Text rendering of `mailcheck bounce`: one block per recipient, then a summary when there were several inputs.
import type { ChalkInstance } from 'chalk';
import type { BounceRun, MessageReport } from '../bounce/run.js';
import { REASON_MEANINGS } from '../bounce/advice.js';
import { domainOf } from '../bounce/text.js';

function title(report: MessageReport): string {
  return report.message > 1 || /mbox/i.test(report.file) ? `${report.file} (message ${report.message})` : report.file;
}

function tally(values: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

export function renderBounceText(run: BounceRun, chalk: ChalkInstance, options: { quiet: boolean; summary: boolean }): string {
  const out: string[] = [];
  for (const report of run.reports) {
    if (!report.bounce) {
      if (!options.quiet) out.push(`${chalk.bold(title(report))}\n  ${chalk.dim('not a bounce (reason: undefined) — nothing to do')}\n`);
      continue;
    }
    const lines = [chalk.bold(title(report))];
    if (report.original?.subject || report.original?.messageId) {
      lines.push(chalk.dim(`  original: ${[report.original.subject && `"${report.original.subject}"`, report.original.messageId].filter(Boolean).join(' ')}`));
    }
    for (const r of report.recipients) {
      if (options.quiet && (r.reason === 'delivered' || r.reason === 'vacation')) continue;
      const kind = r.reason === 'vacation' || r.reason === 'delivered' || r.reason === 'feedback' ? '' : r.hard ? chalk.red(' hard') : chalk.yellow(' soft');
      const codes = [r.status, r.replyCode].filter(Boolean).join(' / ');
      lines.push(`  ${chalk.bold(r.recipient)}  ${chalk.cyan(r.reason)}${kind}${codes ? `  ${codes}` : ''}${r.command ? `  at ${r.command}` : ''}`);
      lines.push(`    meaning: ${REASON_MEANINGS[r.reason]}`);
      if (r.diagnostic) lines.push(`    server said: ${r.diagnostic.length > 300 ? `${r.diagnostic.slice(0, 297)}...` : r.diagnostic}`);
      if (r.remoteMta) lines.push(`    remote server: ${r.remoteMta}`);
      lines.push(`    do: ${r.advice}`);
    }
    out.push(lines.join('\n') + '\n');
  }
  if (options.summary) {
    const recipients = run.reports.flatMap((r) => r.recipients);
    const notBounces = run.reports.filter((r) => !r.bounce).length;
    const lines = [chalk.bold(`Summary: ${run.reports.length} message(s), ${recipients.length} recipient(s), ${notBounces} not a bounce, ${recipients.filter((r) => r.hard).length} hard bounce(s)`)];
    lines.push('  by reason:');
    for (const [reason, n] of tally(recipients.map((r) => r.reason))) lines.push(`    ${String(n).padStart(5)}  ${reason}`);
    lines.push('  by recipient domain:');
    for (const [domain, n] of tally(recipients.map((r) => domainOf(r.recipient) || '(none)')).slice(0, 20)) lines.push(`    ${String(n).padStart(5)}  ${domain}`);
    out.push(lines.join('\n') + '\n');
  }
  return out.join('\n');
}
