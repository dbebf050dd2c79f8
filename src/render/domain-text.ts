import type { ChalkInstance } from 'chalk';
import type { DomainReport } from '../report/domain.js';
import type { Finding, Severity } from '../report/types.js';
import { formatRecordFix } from './record.js';

export interface TextOptions {
  chalk: ChalkInstance;
  /** Only the summary line and warnings/errors. */
  quiet: boolean;
}

const MARK: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };

function paint(chalk: ChalkInstance, severity: Severity, text: string): string {
  return severity === 'error' ? chalk.red(text) : severity === 'warning' ? chalk.yellow(text) : chalk.blue(text);
}

function gradeColor(chalk: ChalkInstance, grade: string | null): (t: string) => string {
  if (grade === 'A' || grade === 'B') return chalk.green;
  if (grade === 'C' || grade === 'D') return chalk.yellow;
  return chalk.red;
}

function renderFinding(f: Finding, chalk: ChalkInstance, indent: string): string[] {
  const lines = [`${indent}${paint(chalk, f.severity, `${MARK[f.severity]} ${f.severity}`)} ${chalk.bold(f.id)}  ${f.message}`];
  if (f.fix) {
    lines.push(`${indent}    ${chalk.dim('fix:')} ${f.fix.action}`);
    if (f.fix.record) lines.push(`${indent}      ${chalk.cyan(formatRecordFix(f.fix.record))}`);
  }
  return lines;
}

function counts(findings: readonly Finding[]): string {
  const n = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  return `${plural(n('error'), 'error')}, ${plural(n('warning'), 'warning')}, ${n('info')} info`;
}

export function renderDomainText(report: DomainReport, { chalk, quiet }: TextOptions): string {
  const out: string[] = [];
  const score = report.score === null ? 'no score' : `score ${report.score}/100, grade ${report.grade}`;
  out.push(`${chalk.bold(report.domain)}  ${gradeColor(chalk, report.grade)(score)}  (${counts(report.findings)})`);
  if (report.incomplete) out.push(chalk.yellow('  incomplete: some DNS lookups failed, so parts of this report could not be checked (see dns.lookup-failed)'));
  if (quiet) {
    for (const f of report.findings) if (f.severity !== 'info') out.push(...renderFinding(f, chalk, '  '));
    return `${out.join('\n')}\n`;
  }
  for (const section of report.sections) {
    const state = section.status === 'failed' ? chalk.yellow('could not check') : section.status === 'skipped' ? chalk.dim('not checked') : section.score === null ? '' : `${section.score}/100`;
    const heading = [chalk.bold(section.title), state && chalk.dim(state), section.status === 'partial' && chalk.yellow('(partial)')].filter(Boolean).join('  ');
    out.push('', heading);
    for (const line of section.found) out.push(`  ${line}`);
    const own = report.findings.filter((f) => f.check === section.id);
    if (own.length === 0 && section.status === 'complete') out.push(`  ${chalk.green('✔ no problems')}`);
    for (const f of own) out.push(...renderFinding(f, chalk, '  '));
  }
  return `${out.join('\n')}\n`;
}
