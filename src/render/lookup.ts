import type { ChalkInstance } from 'chalk';
import type { DnsRecord, LookupResult, Outcome, RecordDataMap, Transport } from '../dns/types.js';
import { isFailure } from '../dns/types.js';
import { formatRecord } from '../parse/zone.js';

/** `mailcheck lookup --json`: a stable shape, documented in the README. */
export interface LookupJson {
  name: string;
  type: string;
  outcome: Outcome;
  /** CNAMEs followed, in order, then the records of the asked type. */
  answers: { name: string; type: string; ttl: number; data: RecordDataMap[keyof RecordDataMap] }[];
  transport: Transport;
  ad: boolean;
  /** Why the lookup failed; only present for timeout/servfail/refused/error. */
  error?: string;
}

export function lookupJson(result: LookupResult): LookupJson {
  const records: DnsRecord[] = [...result.cnames, ...result.answers];
  const json: LookupJson = {
    name: result.name,
    type: result.type,
    outcome: result.outcome,
    answers: records.map((r) => ({ name: r.name, type: r.type, ttl: r.ttl, data: r.data })),
    transport: result.transport,
    ad: result.ad,
  };
  if (isFailure(result) && result.error) json.error = result.error;
  return json;
}

const EXPLANATION: Record<Outcome, string> = {
  answer: '',
  nxdomain: 'the name does not exist',
  nodata: 'the name exists but has no records of this type',
  timeout: 'could not check: no answer in time',
  servfail: 'could not check: the server failed (SERVFAIL)',
  refused: 'could not check: the server refused (REFUSED)',
  error: 'could not check',
};

/** Like a small dig: a status line, then the records (CNAMEs first) in zone-file form. */
export function renderLookupText(result: LookupResult, chalk: ChalkInstance, options: { quiet?: boolean } = {}): string {
  const failed = isFailure(result);
  if (options.quiet && !failed) return '';
  const colour = result.outcome === 'answer' ? chalk.green : failed ? chalk.red : chalk.yellow;
  const label = result.outcome === 'answer' ? 'answer' : result.outcome.toUpperCase();
  const details = [result.transport, ...(result.ad ? ['AD'] : [])].join(', ');
  let why = EXPLANATION[result.outcome];
  if (failed && result.error) why = `could not check: ${result.error}`;
  let text = `${chalk.bold(`${result.name} ${result.type}`)}: ${colour(label)} (${details})${why ? ` — ${why}` : ''}\n`;
  for (const record of [...result.cnames, ...result.answers]) text += `${formatRecord(record)}\n`;
  return text;
}
