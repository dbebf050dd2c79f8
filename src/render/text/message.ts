import type { Finding } from '../../core/finding.js';
import type { Report } from '../../core/report.js';
import type { CatalogueShape } from '../../messages/types.js';
import type { RenderContext } from '../context.js';
import { safeLine } from '../escape.js';
import { found, label } from '../words.js';
import { counts, findingLines, gradeColor, sectionHeading } from './common.js';

interface EffectData {
  kind: string;
  code?: string;
  provider: string | null;
}

/** "Gmail rejects it: 550 5.7.1", "likely spam folder", "fine": a finding's predicted effect in words. */
export function effectWords(words: CatalogueShape, f: Finding): string {
  const effect = f.data.effect as EffectData | undefined;
  if (!effect) return '';
  const provider = effect.provider ? label(words, `provider.${effect.provider}`) : null;
  return label(words, `effect.${effect.kind}`, { provider, code: effect.code ?? null });
}

/** No space after a label that ends in full-width punctuation (影响：), one otherwise (effect:). */
function gap(text: string): string {
  return /[\u3000-\u303f\uff00-\uffef]$/.test(text) ? '' : ' ';
}

function findingWithEffect(f: Finding, ctx: RenderContext, indent: string): string[] {
  const lines = findingLines(f, ctx, indent);
  const effect = effectWords(ctx.words, f);
  const name = label(ctx.words, 'message.effect');
  if (effect) lines.push(`${indent}    ${ctx.chalk.dim(name)}${gap(name)}${safeLine(effect)}`);
  return lines;
}

/** One message: the score line, the three things to fix first, then each check with what it found. */
export function renderMessageText(report: Report, ctx: RenderContext): string {
  const { chalk, words } = ctx;
  const out: string[] = [];
  const score = report.score === null ? label(words, 'no-score') : label(words, 'score', { score: report.score, grade: report.grade });
  out.push(`${chalk.bold(safeLine(report.subject))}  ${gradeColor(chalk, report.grade)(score)}  (${counts(report.findings, ctx)})`);
  const d = report.data;
  if (d.from) out.push(`  ${safeLine(found(words, { id: 'message.from', data: { address: d.from, name: d.fromName ?? '' } }))}`);
  if (d.subject) out.push(`  ${safeLine(found(words, { id: 'message.subject', data: { subject: String(d.subject).slice(0, 200) } }))}`);
  const recipient = d.recipient as { provider: string; domain: string | null } | null;
  if (recipient) out.push(chalk.dim(`  ${safeLine(label(words, 'message.judged-for', { provider: label(words, `provider.${recipient.provider}`), domain: recipient.domain }))}`));
  if (report.incomplete) out.push(chalk.yellow(`  ${label(words, 'incomplete')}`));

  const first = (d.fixFirst as number[] | undefined) ?? [];
  out.push('', chalk.bold(label(words, 'message.fix-first')));
  if (first.length === 0) out.push(`  ${chalk.green(label(words, 'message.nothing-to-fix'))}`);
  first.forEach((index, n) => {
    const f = report.findings[index];
    if (!f) return;
    const lines = findingWithEffect(f, ctx, '     ');
    lines[0] = `  ${n + 1}. ${(lines[0] ?? '').trimStart()}`;
    out.push(...lines);
  });
  if (ctx.quiet) {
    const rest = report.findings.filter((f, i) => f.severity !== 'info' && !first.includes(i));
    if (rest.length > 0) out.push('');
    for (const f of rest) out.push(...findingWithEffect(f, ctx, '  '));
    return `${out.join('\n')}\n`;
  }
  for (const section of report.sections) {
    out.push('', sectionHeading(section, ctx));
    for (const item of section.found) out.push(`  ${safeLine(found(words, item))}`);
    const own = report.findings.filter((f) => f.check === section.id);
    if (own.length === 0 && section.status === 'complete') out.push(`  ${chalk.green(label(words, 'no-problems'))}`);
    for (const f of own) out.push(...findingWithEffect(f, ctx, '  '));
  }
  return `${out.join('\n')}\n`;
}
