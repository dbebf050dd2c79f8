import type { ChalkInstance } from 'chalk';
import type { Finding, Severity } from '../../core/finding.js';
import type { Report } from '../../core/report.js';
import type { RecordFix } from '../../core/finding.js';
import type { RenderContext } from '../context.js';
import { safeLine } from '../escape.js';
import { formatRecordFix } from '../record.js';
import { checkTitle, fixText, label, message } from '../words.js';
import { gapAfter } from '../width.js';

export const MARK: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };

export function paint(chalk: ChalkInstance, severity: Severity, text: string): string {
  return severity === 'error' ? chalk.red(text) : severity === 'warning' ? chalk.yellow(text) : chalk.blue(text);
}

/** A finding as text: mark, severity, id and message; then its fix and the record to paste. */
export function findingLines(f: Finding, ctx: RenderContext, indent: string): string[] {
  const { chalk, words } = ctx;
  const lines = [`${indent}${paint(chalk, f.severity, `${MARK[f.severity]} ${label(words, `severity.${f.severity}`)}`)} ${chalk.bold(f.id)}  ${safeLine(message(words, f))}`];
  if (f.fix) {
    const fixLabel = label(words, 'fix');
    lines.push(`${indent}    ${chalk.dim(fixLabel)}${gapAfter(fixLabel)}${safeLine(fixText(words, f))}`);
    if (f.fix.record) lines.push(`${indent}      ${chalk.cyan(safeLine(formatRecordFix(f.fix.record as RecordFix)))}`);
  }
  return lines;
}

/** "1 error, 2 warnings, 0 info". */
export function counts(findings: readonly Finding[], ctx: RenderContext): string {
  const n = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return label(ctx.words, 'counts', { errors: n('error'), warnings: n('warning'), infos: n('info') });
}

export function gradeColor(chalk: ChalkInstance, grade: string | null): (t: string) => string {
  if (grade === 'A' || grade === 'B') return chalk.green;
  if (grade === 'C' || grade === 'D') return chalk.yellow;
  return chalk.red;
}

/** A check's heading in a scored report: its title, then its score or why it has none, and "partial". */
export function sectionHeading(section: Report['sections'][number], ctx: RenderContext): string {
  const { chalk, words } = ctx;
  const state = section.status === 'failed' || section.status === 'error'
    ? chalk.yellow(label(words, 'could-not-check'))
    : section.status === 'skipped' ? chalk.dim(label(words, 'not-checked')) : section.score === null ? '' : `${section.score}/100`;
  return [chalk.bold(checkTitle(words, section.id)), state && chalk.dim(state), section.status === 'partial' && chalk.yellow(label(words, 'partial'))].filter(Boolean).join('  ');
}
