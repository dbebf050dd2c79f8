import type { FoundItem } from '../../core/check.js';
import { shownName } from '../idn.js';
import type { Report } from '../../core/report.js';
import type { SpfNode } from '../../gather/spf.js';
import { subtreeLookups } from '../../checks/spf-tree.js';
import type { RenderContext } from '../context.js';
import { safeLine } from '../escape.js';
import { found, label } from '../words.js';
import { counts, findingLines, gradeColor, sectionHeading } from './common.js';

/** The words beside one include/redirect of the SPF tree: the lookups it costs, or why it was not followed. */
export function edgeNote(edge: SpfNode['children'][number], ctx: RenderContext): string {
  const f = (id: string, data: Record<string, unknown> = {}) => found(ctx.words, { id, data });
  if (edge.skipped) return f('spf.tree-skipped', { why: edge.skipped });
  if (!edge.node) return '';
  if (edge.node.status === 'ok') return f('spf.tree-lookups', { n: subtreeLookups(edge.node) + 1 });
  if (edge.node.status === 'failed') return f('spf.tree-failed', { outcome: edge.node.outcome });
  if (edge.node.status === 'missing') return f(edge.node.outcome === 'nxdomain' ? 'spf.tree-nxdomain' : 'spf.tree-missing');
  return f('spf.tree-status', { status: edge.node.status });
}

/** The include tree as indented lines: each include/redirect with the DNS lookups it costs. */
export function treeLines(node: SpfNode, ctx: RenderContext, indent = ''): string[] {
  const lines: string[] = [];
  node.children.forEach((edge, i) => {
    const last = i === node.children.length - 1;
    lines.push(`${indent}${last ? '└─' : '├─'} ${safeLine(edge.term)}  ${edgeNote(edge, ctx)}`);
    if (edge.node) lines.push(...treeLines(edge.node, ctx, `${indent}${last ? '   ' : '│  '}`));
  });
  return lines;
}

/** The lines a found item draws (most are one line; the SPF tree is several). */
export function foundLines(item: FoundItem, ctx: RenderContext): string[] {
  if (item.id === 'spf.tree') {
    const tree = item.data.tree as SpfNode;
    return [safeLine(found(ctx.words, { id: 'spf.tree-root', data: { domain: item.data.domain, lookups: tree.lookups } })), ...treeLines(tree, ctx)];
  }
  return [safeLine(found(ctx.words, item))];
}

/** One domain report: the score line, then each check with what was found and its findings. */
export function renderDomainText(report: Report, ctx: RenderContext): string {
  const { chalk, words } = ctx;
  const out: string[] = [];
  // Nothing judged because lookups failed: the headline says so, never a score it does not have.
  const score = report.score !== null ? label(words, 'score', { score: report.score, grade: report.grade }) : label(words, report.incomplete ? 'could-not-check' : 'no-score');
  out.push(`${chalk.bold(safeLine(shownName(report.subject)))}  ${gradeColor(chalk, report.grade)(score)}  (${counts(report.findings, ctx)})`);
  const sectionIds = new Set(report.sections.map((s) => s.id));
  // Findings about the whole report (a DNS that answered nothing) come first; then nothing else is worth a line.
  const overall = report.findings.filter((f) => !sectionIds.has(f.check));
  if (overall.length > 0) {
    for (const f of overall) out.push(...findingLines(f, ctx, '  '));
    return `${out.join('\n')}\n`;
  }
  if (report.incomplete) out.push(chalk.yellow(`  ${label(words, 'incomplete')}`));
  if (ctx.quiet) {
    for (const f of report.findings) if (f.severity !== 'info') out.push(...findingLines(f, ctx, '  '));
    return `${out.join('\n')}\n`;
  }
  for (const section of report.sections) {
    out.push('', sectionHeading(section, ctx));
    for (const item of section.found) for (const line of foundLines(item, ctx)) out.push(`  ${line}`);
    const own = report.findings.filter((f) => f.check === section.id);
    if (own.length === 0 && section.status === 'complete') out.push(`  ${chalk.green(label(words, 'no-problems'))}`);
    for (const f of own) out.push(...findingLines(f, ctx, '  '));
  }
  return `${out.join('\n')}\n`;
}
