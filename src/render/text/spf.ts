import type { ChalkInstance } from 'chalk';
import type { Report } from '../../core/report.js';
import type { SpfQuestion } from '../../checks/spf-result.js';
import type { CheckHostResult, SpfResult, TraceStep } from '../../spf/check-host.js';
import { SPF_LOOKUP_LIMIT, SPF_VOID_LIMIT } from '../../spf/limits.js';
import type { CatalogueShape } from '../../messages/types.js';
import type { RenderContext } from '../context.js';
import { safeLine } from '../escape.js';
import { gapAfter, padDisplay } from '../width.js';
import { label, spfWords } from '../words.js';

function colourFor(chalk: ChalkInstance, result: SpfResult): (text: string) => string {
  if (result === 'pass') return chalk.green;
  if (result === 'fail' || result === 'permerror' || result === 'temperror') return chalk.red;
  return chalk.yellow;
}

/** The words of one trace step (the problem of a `result-problem` step in the same language). */
export function traceDetail(words: CatalogueShape, step: TraceStep): string {
  return spfWords(words, `trace.${step.event}`, step.data);
}

export function problemWords(words: CatalogueShape, problem: CheckHostResult['problem']): string | null {
  return problem ? spfWords(words, `problem.${problem.id}`, problem.data) : null;
}

/** The result line, the facts beneath it, and with --trace the evaluation step by step. */
export function renderSpfText(report: Report, ctx: RenderContext): string {
  const { chalk, words } = ctx;
  const question = report.data.question as SpfQuestion;
  const outcome = report.data.outcome as CheckHostResult;
  const expected = report.data.expected as SpfResult[] | null;
  // --quiet prints nothing when all is well: the expected result, or pass when nothing was expected.
  const well = expected ? expected.includes(outcome.result) : outcome.result === 'pass';
  if (ctx.quiet && well) return '';
  const colour = colourFor(chalk, outcome.result);
  const l = (id: string, data: Record<string, unknown> = {}) => label(words, id, data);
  const forIp = l('spf.for', { ip: question.ip });
  let text = `${chalk.bold(safeLine(l('spf.heading', { domain: question.domain })))} ${forIp}${gapAfter(forIp)}${colour(outcome.result)} — ${spfWords(words, `meaning.${outcome.result}`)}\n`;
  const line = (name: string, value: string, note = '') => (text += `  ${padDisplay(l(`spf.${name}`), 12)}${safeLine(value)}${note}\n`);
  if (!ctx.quiet) {
    line('sender', question.sender);
    line('helo', question.helo);
  }
  line('matched', outcome.matched ? `${outcome.matched.term}${outcome.matched.domain === question.domain ? '' : ` ${l('spf.in', { domain: outcome.matched.domain })}`}` : '—');
  if (outcome.explanation !== null) line('explanation', outcome.explanation);
  const problem = problemWords(words, outcome.problem);
  if (problem !== null) line('problem', problem);
  const over = chalk.red(` ${l('spf.over-limit')}`);
  line('lookups', `${outcome.lookups}/${SPF_LOOKUP_LIMIT}`, outcome.lookups > SPF_LOOKUP_LIMIT ? over : '');
  line('void', `${outcome.voidLookups}/${SPF_VOID_LIMIT}`, outcome.voidLookups > SPF_VOID_LIMIT ? over : '');

  if (ctx.options.trace === true) {
    text += `\n${chalk.bold(l('spf.trace'))}\n`;
    for (const step of outcome.trace) {
      const indent = '  '.repeat(step.depth + 1);
      const term = step.term === null ? '' : `${chalk.cyan(safeLine(step.term))}: `;
      text += `${indent}${chalk.dim(safeLine(step.domain))} ${term}${safeLine(traceDetail(words, step))}\n`;
    }
  }
  return text;
}
