import { isCouldNotCheck } from '../core/finding.js';
import type { Report } from '../core/report.js';
import type { RenderContext } from './context.js';
import { csvCell } from './csv-cell.js';
import { safeLine } from './escape.js';
import { findingJson, findingTitle, found, label, message } from './words.js';

// How `mailcheck address` and `mailcheck list` print, in every format they support: one row per address,
// streamed (begin / item / end through the format registry), and a summary. The command passes what the
// renderers need in `ctx.options`: `command` (`address` or `list`), `columns` (the input's column names),
// `input` (how the list was read, for JSON) and `bom` (start CSV with a UTF-8 BOM, for Excel).

/** Our columns, appended after every input column (renamed `mailcheck_<name>` when the input has one so named). */
export const ADDRESS_CSV_COLUMNS = ['verdict', 'reasons', 'suggestion', 'normalized', 'provider', 'detail'] as const;

interface AddressOptions {
  command: 'address' | 'list';
  columns: string[];
  input: Record<string, unknown> | null;
  bom: boolean;
}

function options(ctx: RenderContext): AddressOptions {
  const o = ctx.options;
  return {
    command: o.command === 'list' ? 'list' : 'address',
    columns: Array.isArray(o.columns) ? (o.columns as string[]) : ['address'],
    input: (o.input as Record<string, unknown> | undefined) ?? null,
    bom: o.bom === true,
  };
}

/** The CSV header: the input's columns, then ours. */
export function addressCsvHeader(inputColumns: readonly string[]): string[] {
  const taken = new Set(inputColumns.map((c) => c.trim().toLowerCase()));
  return [...inputColumns, ...ADDRESS_CSV_COLUMNS.map((c) => (taken.has(c) ? `mailcheck_${c}` : c))];
}

/**
 * An input cell written back as read: quoted when it must be (RFC 4180), never altered. Only the
 * columns we add go through csvCell's spreadsheet-formula guard: the input's own cells are the user's
 * data (a phone number `+86…` must survive a round trip into a mail tool).
 */
function rawCell(value: string): string {
  return value.includes('"') || value.includes(',') || value.includes('\n') || value.includes('\r') ? `"${value.replace(/"/g, '""')}"` : value;
}

function line(cells: string[]): string {
  return `${cells.join(',')}\r\n`;
}

/** One CSV row: every input field (padded to the header's width), then verdict, reasons, suggestion, normalized, provider, detail. */
export function addressCsvRow(report: Report, ctx: RenderContext, width: number): string {
  const d = report.data;
  const fields = d.fields as string[];
  // Built as one string (a list has many rows): the input's fields, padded or cut to the header's width, then ours.
  let out = '';
  for (let i = 0; i < width; i++) out += `${rawCell(fields[i] ?? '')},`;
  let detail = '';
  for (const f of report.findings) detail += detail === '' ? message(ctx.words, f) : ` | ${message(ctx.words, f)}`;
  const reasons = d.reasons as string[];
  out += `${d.verdict},${reasons.length === 1 ? reasons[0] : reasons.join(' ')},${csvCell(d.suggestion)},${csvCell(d.address)},${csvCell(d.providerName)},${csvCell(detail)}\r\n`;
  return out;
}

export function addressCsvBegin(ctx: RenderContext): string {
  const { columns, bom } = options(ctx);
  return (bom ? '\ufeff' : '') + line(addressCsvHeader(columns).map(rawCell));
}

/** The JSON object of one address (the README's documented shape). */
export function addressJson(report: Report, ctx: RenderContext): Record<string, unknown> {
  const d = report.data;
  const out: Record<string, unknown> = {};
  if (options(ctx).command === 'list') {
    out.row = d.row;
    out.line = d.line;
  }
  Object.assign(out, {
    input: d.input,
    address: d.address,
    unicode: d.unicode,
    displayName: d.displayName,
    domain: d.domain,
    verdict: d.verdict,
    reasons: d.reasons,
    suggestion: d.suggestion,
    provider: d.provider,
    providerName: d.providerName,
    findings: report.findings.map((f) => findingJson(ctx.en, f)),
  });
  if (options(ctx).command === 'list') {
    out.fields = d.fields;
    if (d.object) out.object = d.object;
  }
  return out;
}

/** The summary's JSON: counts by verdict, reason and provider, plus what the command adds (input, domains, queries). */
export function addressSummaryJson(summary: Report): Record<string, unknown> {
  return { ...summary.data };
}

const MARKS: Record<string, string> = { ok: '✔', risky: '⚠', invalid: '✖', unknown: '?' };

function paintVerdict(ctx: RenderContext, verdict: string, text: string): string {
  const { chalk } = ctx;
  return verdict === 'ok' ? chalk.green(text) : verdict === 'risky' ? chalk.yellow(text) : verdict === 'invalid' ? chalk.red(text) : chalk.magenta(text);
}

/** One address as text: verdict, the address as typed, its provider and suggestion; then one line per reason. */
export function addressText(report: Report, ctx: RenderContext): string {
  const d = report.data;
  const verdict = String(d.verdict);
  if (ctx.quiet && verdict === 'ok') return '';
  const { chalk, words } = ctx;
  const head = paintVerdict(ctx, verdict, `${MARKS[verdict] ?? '?'} ${label(words, `address.verdict.${verdict}`).padEnd(7)}`);
  const row = options(ctx).command === 'list' ? `${chalk.dim(`#${d.row}`)}  ` : '';
  const provider = d.providerName ? `  ${chalk.dim(safeLine(String(d.providerName)))}` : '';
  const suggestion = d.suggestion ? `  ${chalk.cyan(safeLine(label(words, 'address.suggestion', { suggestion: d.suggestion })))}` : '';
  const lines = [`${head} ${row}${chalk.bold(safeLine(String(d.input)))}${provider}${suggestion}`];
  for (const item of report.sections.flatMap((s) => s.found)) lines.push(`    ${chalk.dim(safeLine(found(words, item)))}`);
  for (const f of report.findings) {
    if (ctx.quiet && f.severity === 'info') continue;
    const color = f.severity === 'error' && !isCouldNotCheck(f) ? chalk.red : f.severity === 'info' ? chalk.blue : chalk.yellow;
    lines.push(`    ${color(f.id)}  ${safeLine(message(words, f))}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The summary as text: counts by verdict, then by reason and by mailbox provider. */
export function addressSummaryText(summary: Report, ctx: RenderContext): string {
  const { chalk, words } = ctx;
  const d = summary.data as { rows: number; verdicts: Record<string, number>; reasons: Record<string, number>; providers: Record<string, number>; unknownProvider: number };
  const count = (v: number) => v.toLocaleString('en-US').padStart(9);
  const lines = [chalk.bold(label(words, 'address.summary', { rows: d.rows, ...d.verdicts }))];
  const reasons = Object.entries(d.reasons);
  if (reasons.length > 0) {
    lines.push(`  ${label(words, 'address.by-reason')}`);
    // The id, then its title (有风险的职能邮箱…): a salesperson reads the words, a script the id.
    for (const [id, n] of reasons) {
      const title = findingTitle(words, id);
      lines.push(`  ${count(n)}  ${id}${title === id ? '' : `  ${chalk.dim(title)}`}`);
    }
  }
  const providers = Object.entries(d.providers);
  if (providers.length > 0 || d.unknownProvider > 0) {
    lines.push(`  ${label(words, 'address.by-provider')}`);
    for (const [name, n] of providers.slice(0, 30)) lines.push(`  ${count(n)}  ${safeLine(name)}`);
    if (d.unknownProvider > 0) lines.push(`  ${count(d.unknownProvider)}  ${label(words, 'address.other-provider')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The progress line (stderr, on a terminal only). */
export function addressProgress(ctx: Pick<RenderContext, 'words'>, data: { rows: number; rate: number; eta?: string }): string {
  return label(ctx.words, 'address.progress', data);
}

/** `--format json` for `list`, streamed: `{"input": …, "rows": [ …each row… ], "summary": …}`. */
export const addressJsonStream = {
  begin(ctx: RenderContext): string {
    return `{\n  "input": ${JSON.stringify(options(ctx).input)},\n  "rows": [\n`;
  },
  item(report: Report, ctx: RenderContext): string {
    return `    ${JSON.stringify(addressJson(report, ctx))}`;
  },
  separator: ',\n',
  end(reports: readonly Report[]): string {
    const summary = reports.find((r) => r.command === 'address-summary');
    return `\n  ],\n  "summary": ${summary ? JSON.stringify(addressSummaryJson(summary)) : 'null'}\n}\n`;
  },
};
