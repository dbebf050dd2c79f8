// Text rendering of `mailcheck bounce`: one block per recipient (a verdict a person can act on, the real
// reply and host, permanence apart from "is the address bad", the provider's own words, what to do), then
// the campaign summary when there were several messages; `--summary` prints the summary alone.
import type { Report } from '../../core/report.js';
import type { MessageReport } from '../../bounce/run.js';
import type { RecipientResult } from '../../bounce/analyze.js';
import { summarizeBounces, type BounceSummary } from '../../bounce/summary.js';
import { VERDICTS } from '../../bounce/verdict.js';
import { providerById } from '../../data/providers.js';
import type { RenderContext } from '../context.js';
import { safeLine } from '../escape.js';
import { text } from '../../messages/types.js';
import { label } from '../words.js';
import { gapAfter } from '../width.js';

function title(report: MessageReport, ctx: RenderContext): string {
  return report.message > 1 || /mbox/i.test(report.file) ? label(ctx.words, 'bounce.message-title', { file: report.file, message: report.message }) : report.file;
}

/** What to do, in the chosen language. */
export function adviceWords(ctx: Pick<RenderContext, 'words'>, r: RecipientResult): string {
  return text(ctx.words, 'advice', r.advice, { ...r.adviceData });
}

/** A provider's display name (registry), else its id. */
export function providerName(id: string | undefined): string {
  if (!id) return '';
  return providerById(id)?.name ?? id;
}

/** The verdict label id of one recipient (`labels: bounce.verdict.*`). */
export function verdictLabelId(r: Pick<RecipientResult, 'verdict' | 'refusedBy'>): string {
  return r.verdict === 'refused' && r.refusedBy === 'own' ? 'bounce.verdict.refused-own' : `bounce.verdict.${r.verdict}`;
}

const MAX_SAID = 300;
/** Lines joined by a space, blank ones dropped (a split, not a regex: the text comes from strangers). */
const oneLine = (s: string) => s.split('\n').map((line) => line.trim()).filter((line) => line !== '').join(' ');
const clip = (s: string) => (s.length > MAX_SAID ? `${s.slice(0, MAX_SAID - 3)}...` : s);

function recipientLines(r: RecipientResult, ctx: RenderContext): string[] {
  const { chalk, words } = ctx;
  const l = (id: string, data: Record<string, unknown> = {}) => label(words, id, data);
  const row = (id: string, value: string) => `    ${l(id)}${gapAfter(l(id))}${value}`;
  const colour = r.verdict === 'hard' ? chalk.red : r.verdict === 'none' || r.verdict === 'delayed' ? chalk.green : r.verdict === 'unknown' ? chalk.magenta : chalk.yellow;
  const lines = [`  ${chalk.bold(safeLine(r.recipient))}  ${chalk.cyan(r.reason)}  ${colour(l(verdictLabelId(r)))}`];
  lines.push(row('bounce.meaning', text(words, 'reasons', r.reason)));
  // The codes a server said (a derived x.0.9xx status is mailcheck's own, shown only in JSON).
  const codes = [r.replyCode, r.statusDerived ? '' : r.status].filter(Boolean).join(' ');
  if (codes) lines.push(row('bounce.reply', safeLine(l('bounce.reply-value', { code: codes, host: r.remoteMta, command: r.command }))));
  else if (r.remoteMta) lines.push(row('bounce.remote-server', safeLine(r.remoteMta)));
  if (r.verdict !== 'none') {
    const said = r.replyCode || (r.statusDerived ? '' : r.status);
    lines.push(row('bounce.failure', l(r.permanent ? 'bounce.permanent' : said ? 'bounce.temporary' : 'bounce.not-stated')));
  }
  if (r.diagnostic) lines.push(row('bounce.server-said', safeLine(clip(r.diagnostic))));
  if (r.provider) lines.push(row('bounce.provider', safeLine(providerName(r.provider))));
  // The provider's explanation often spans lines (原因：… / 建议：…): one line here, its lines side by side.
  if (r.providerExplanation) lines.push(row('bounce.provider-said', `“${safeLine(clip(oneLine(r.providerExplanation)))}”`));
  lines.push(row('bounce.do', safeLine(adviceWords(ctx, r))));
  return lines;
}

/** Most addresses listed in the text summary (the rest counted; JSON and --suppress have them all). */
const LIST_MAX = 20;

export function summaryText(summary: BounceSummary, ctx: RenderContext): string {
  const { chalk, words } = ctx;
  const l = (id: string, data: Record<string, unknown> = {}) => label(words, id, data);
  const count = (n: number, what: string) => `    ${String(n).padStart(5)}  ${what}`;
  const lines = [chalk.bold(l('bounce.summary', { messages: summary.messages, recipients: summary.recipients, notBounces: summary.notBounces, hard: summary.hard }))];
  // A section with nothing to count (no recipient at all) is left out rather than printed empty.
  if (summary.recipients > 0) {
    lines.push(`  ${l('bounce.by-verdict')}`);
    for (const v of VERDICTS) if (summary.byVerdict[v] > 0) lines.push(count(summary.byVerdict[v], `${v}  ${l(`bounce.verdict.${v}`)}`));
    lines.push(`  ${l('bounce.by-reason')}`);
    // The id, then what it means (收件人邮箱不存在…): a salesperson reads the words, a script the id.
    for (const { key, count: n } of summary.byReason) lines.push(count(n, `${key}  ${chalk.dim(text(words, 'reasons', key))}`));
    lines.push(`  ${l('bounce.by-domain')}`);
    for (const { key, count: n } of summary.byDomain.slice(0, LIST_MAX)) lines.push(count(n, safeLine(key || l('bounce.no-domain'))));
    lines.push(`  ${l('bounce.by-provider')}`);
    for (const { key, count: n } of summary.byProvider.slice(0, LIST_MAX)) lines.push(count(n, key === 'unknown' ? l('bounce.unknown-provider') : safeLine(providerName(key))));
  }
  const list = (id: string, addresses: readonly string[]) => {
    if (addresses.length === 0) return;
    lines.push(`  ${l(id, { count: addresses.length })}`);
    for (const a of addresses.slice(0, LIST_MAX)) lines.push(`    ${safeLine(a)}`);
    if (addresses.length > LIST_MAX) lines.push(`    ${l('bounce.more', { count: addresses.length - LIST_MAX })}`);
  };
  list('bounce.stop-mailing', summary.stopMailing);
  list('bounce.review', summary.review);
  lines.push(`  ${chalk.bold(l('bounce.fix-first'))}`);
  if (summary.fixFirst.length === 0) lines.push(`    ${l('bounce.nothing-to-fix')}`);
  for (const fix of summary.fixFirst) lines.push(`    ${safeLine(l(`bounce.fix.${fix.topic}`, { ...fix, provider: providerName(fix.provider) }))}`);
  return lines.join('\n') + '\n';
}

export function renderBounceText(reports: readonly Report[], ctx: RenderContext): string {
  const { chalk } = ctx;
  const messages = reports.map((r) => r.data.message as MessageReport);
  const l = (id: string, data: Record<string, unknown> = {}) => label(ctx.words, id, data);
  if (ctx.options.summaryOnly === true) return summaryText(summarizeBounces(messages), ctx);
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
      lines.push(...recipientLines(r, ctx));
    }
    out.push(lines.join('\n') + '\n');
  }
  if (ctx.options.summary === true) out.push(summaryText(summarizeBounces(messages), ctx));
  return out.join('\n');
}
