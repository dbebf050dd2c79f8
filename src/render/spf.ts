import type { ChalkInstance } from 'chalk';
import type { CheckHostResult, MatchedTerm, SpfResult, TraceStep } from '../spf/check-host.js';

/** `mailcheck spf --json`: exactly these fields (a stable interface, documented in the README). */
export interface SpfJson {
  domain: string;
  ip: string;
  sender: string;
  helo: string;
  result: SpfResult;
  matched: MatchedTerm | null;
  explanation: string | null;
  lookups: number;
  voidLookups: number;
  trace: TraceStep[];
}

export interface SpfQuestion {
  domain: string;
  ip: string;
  sender: string;
  helo: string;
}

export function spfJson(question: SpfQuestion, outcome: CheckHostResult): SpfJson {
  return {
    domain: question.domain,
    ip: question.ip,
    sender: question.sender,
    helo: question.helo,
    result: outcome.result,
    matched: outcome.matched,
    explanation: outcome.explanation,
    lookups: outcome.lookups,
    voidLookups: outcome.voidLookups,
    trace: outcome.trace,
  };
}

const MEANING: Record<SpfResult, string> = {
  pass: 'the IP is authorized to send for the domain',
  fail: 'the domain says this IP must not send its mail',
  softfail: 'the domain says this IP is probably not authorized (~)',
  neutral: 'the domain makes no statement about this IP',
  none: 'the domain publishes no SPF record',
  temperror: 'could not check: a DNS lookup failed; try again later',
  permerror: 'the SPF policy is broken, so receivers cannot evaluate it',
};

function colourFor(chalk: ChalkInstance, result: SpfResult): (text: string) => string {
  if (result === 'pass') return chalk.green;
  if (result === 'fail' || result === 'permerror' || result === 'temperror') return chalk.red;
  return chalk.yellow;
}

export interface SpfTextOptions {
  trace: boolean;
  quiet: boolean;
}

/** The result line, the facts beneath it, and with --trace the evaluation step by step. */
export function renderSpfText(question: SpfQuestion, outcome: CheckHostResult, chalk: ChalkInstance, options: SpfTextOptions): string {
  const colour = colourFor(chalk, outcome.result);
  let text = `${chalk.bold(`SPF ${question.domain}`)} for ${question.ip}: ${colour(outcome.result)} — ${MEANING[outcome.result]}\n`;
  const line = (label: string, value: string) => (text += `  ${label.padEnd(12)}${value}\n`);
  if (!options.quiet) {
    line('sender', question.sender);
    line('helo', question.helo);
  }
  line('matched', outcome.matched ? `${outcome.matched.term}${outcome.matched.domain === question.domain ? '' : ` (in ${outcome.matched.domain})`}` : '—');
  if (outcome.explanation !== null) line('explanation', outcome.explanation);
  if (outcome.problem !== null) line('problem', outcome.problem);
  const lookupNote = outcome.lookups > 10 ? chalk.red(' (over the limit)') : '';
  line('lookups', `${outcome.lookups}/10${lookupNote}`);
  const voidNote = outcome.voidLookups > 2 ? chalk.red(' (over the limit)') : '';
  line('void', `${outcome.voidLookups}/2${voidNote}`);
  if (options.trace) {
    text += `\n${chalk.bold('trace')}\n`;
    for (const step of outcome.trace) {
      const indent = '  '.repeat(step.depth + 1);
      const term = step.term === null ? '' : `${chalk.cyan(step.term)}: `;
      text += `${indent}${chalk.dim(step.domain)} ${term}${step.detail}\n`;
    }
  }
  return text;
}
