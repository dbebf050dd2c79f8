import type { Report } from '../../core/report.js';
import type { LookupResult } from '../../dns/types.js';
import { isFailure } from '../../dns/types.js';
import { formatRecord } from '../../parse/zone.js';
import type { RenderContext } from '../context.js';
import { safe, safeLine } from '../escape.js';
import { label } from '../words.js';

/** Like a small dig: a status line, then the records (CNAMEs first) in zone-file form. */
export function renderLookupText(report: Report, ctx: RenderContext): string {
  const { chalk, words } = ctx;
  const result = report.data.result as LookupResult;
  const failed = isFailure(result);
  if (ctx.quiet && !failed) return '';
  const colour = result.outcome === 'answer' ? chalk.green : failed ? chalk.red : chalk.yellow;
  const outcome = result.outcome === 'answer' ? label(words, 'lookup.answer') : result.outcome.toUpperCase();
  const details = [result.transport, ...(result.ad ? ['AD'] : [])].join(', ');
  const why = result.outcome === 'answer' ? '' : failed && result.error ? label(words, 'lookup.failed-because', { error: result.error }) : label(words, `lookup.${result.outcome}`);

  let text = `${chalk.bold(safeLine(`${result.name} ${result.type}`))}: ${colour(outcome)} (${details})${why ? ` — ${safeLine(why)}` : ''}\n`;
  for (const record of [...result.cnames, ...result.answers]) text += `${safe(formatRecord(record))}\n`;
  return text;
}
