// Text rendering of `mailcheck recall`: the sender and when it was sent, one block per recipient (the
// verdict and its reasons), then what to do now (recipients with the same advice share a block).
import type { ChalkInstance } from 'chalk';
import type { Report } from '../../core/report.js';
import type { AdviceItem, RecipientVerdict, SideInfo, Verdict } from '../../checks/recall.js';
import { providerById } from '../../data/providers.js';
import { text } from '../../messages/types.js';
import type { RenderContext } from '../context.js';
import { safeLine } from '../escape.js';
import { formatInstant, withTimeTexts } from '../time.js';
import { label } from '../words.js';

const MARKS: Record<Verdict, string> = { possible: '✔', 'possible-if': '◐', 'not-possible': '✖', unknown: '?' };

function paintVerdict(chalk: ChalkInstance, verdict: Verdict, s: string): string {
  return verdict === 'possible' ? chalk.green(s) : verdict === 'not-possible' ? chalk.red(s) : chalk.yellow(s);
}

/** The zone times are shown in (the CLI passes it; UTC when rendering without one). */
export function renderZone(ctx: Pick<RenderContext, 'options'>): string {
  return typeof ctx.options.timeZone === 'string' ? ctx.options.timeZone : 'UTC';
}

export function sideLine(side: SideInfo, ctx: RenderContext): string {
  if (side.failed) return label(ctx.words, 'recall.side-failed', { domain: side.domain, outcome: side.failed.outcome });
  if (side.noMx && !side.provider) return label(ctx.words, 'recall.side-no-mx', { domain: side.domain });
  const gatewayName = side.gateway ? (providerById(side.gateway)?.name ?? side.gateway) : null;
  return label(ctx.words, 'recall.side', { ...side, gatewayName, via: side.via ?? (side.mx.length > 0 ? 'mx' : null) });
}

function adviceKey(advice: readonly AdviceItem[]): string {
  return JSON.stringify(advice);
}

export function renderRecallText(reports: readonly Report[], ctx: RenderContext): string {
  return reports.map((r) => renderOne(r, ctx)).join('\n');
}

function renderOne(report: Report, ctx: RenderContext): string {
  const { chalk, words } = ctx;
  const zone = renderZone(ctx);
  const when = (epoch: number) => formatInstant(epoch, ctx.lang, zone);
  const l = (id: string, data: Record<string, unknown> = {}) => label(words, id, data);
  const section = report.sections[0];
  const data = (section?.data ?? {}) as { sender?: SideInfo & { address: string }; recipients?: RecipientVerdict[] };
  const sender = data.sender;
  const recipients = data.recipients ?? [];
  const asked = report.data as { subject?: string | null; sentAt?: number | null; now?: number; read?: string; fetched?: string };
  const out: string[] = [];

  out.push(chalk.bold(safeLine(l('recall.title', { subject: asked.subject ?? null, sender: report.subject }))));
  if (sender) out.push(`  ${safeLine(sideLine(sender, ctx))}`);
  const now = asked.now ?? 0;
  const sent = typeof asked.sentAt === 'number'
    ? l('recall.sent', { sentText: when(asked.sentAt), agoText: l('recall.ago', { minutes: Math.floor(Math.max(0, now - asked.sentAt) / 60_000) }) })
    : l('recall.sent-unknown');
  out.push(`  ${safeLine(sent)}`);
  out.push(`  ${chalk.dim(l('recall.answers', { read: asked.read ?? 'unknown', fetched: asked.fetched ?? 'unknown' }))}`);
  out.push('');

  for (const r of recipients) {
    const field = chalk.dim(l(`recall.field.${r.field}`));
    const competitor = r.competitor ? `  ${chalk.red(l('recall.competitor'))}` : '';
    out.push(`${paintVerdict(chalk, r.verdict, `${MARKS[r.verdict]} ${safeLine(r.address)}  ${l(`recall.verdict.${r.verdict}`)}`)}  ${field}${competitor}`);
    if (r.domain !== sender?.domain) out.push(`    ${chalk.dim(safeLine(sideLine(r.side, ctx)))}`);
    for (const reason of r.reasons) {
      if (ctx.quiet && r.verdict === 'possible') break;
      out.push(`    – ${safeLine(text(words, 'labels', `recall.reason.${reason.id}`, withTimeTexts(reason.data, when)))}`);
    }
    if (r.rule && !ctx.quiet) out.push(`    ${chalk.dim(l('recall.rule', { rule: r.rule, confidence: r.confidence }))}`);
  }

  // What to do now: recipients with the same advice share one numbered list.
  const groups = new Map<string, { advice: AdviceItem[]; who: string[] }>();
  for (const r of recipients) {
    const key = adviceKey(r.advice);
    const g = groups.get(key) ?? { advice: r.advice, who: [] };
    g.who.push(r.address);
    groups.set(key, g);
  }
  if (groups.size > 0) {
    out.push('', chalk.bold(l('recall.what-now')));
    for (const g of groups.values()) {
      out.push(`  ${chalk.bold(safeLine(g.who.join(', ')))}`);
      g.advice.forEach((a, i) => out.push(`    ${i + 1}. ${safeLine(text(words, 'advice', a.id, withTimeTexts(a.data, when)))}`));
    }
  }
  const recallable = recipients.filter((r) => r.verdict === 'possible' || r.verdict === 'possible-if').length;
  const conditional = recipients.filter((r) => r.verdict === 'possible-if').length;
  out.push('', l('recall.summary', { recallable, total: recipients.length, conditional }));
  if (!ctx.quiet) out.push(chalk.dim(l('recall.cannot-know')));
  if (report.incomplete) out.push(chalk.yellow(l('incomplete')));
  return `${out.join('\n')}\n`;
}
