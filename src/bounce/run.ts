// The `bounce` command's work, apart from commander: read inputs, analyse each message, collect results.
import { expandInputs, readMessages, type InputError, type RawMessage } from '../mail/input.js';
import { analyzeMessage, type MessageResult, type RecipientResult } from './analyze.js';

export interface MessageReport extends MessageResult {
  file: string;
  message: number;
}

export interface BounceRun {
  reports: MessageReport[];
  errors: InputError[];
  /** Inputs (files or stdin) that were read, even if empty. */
  inputsRead: number;
  /** Files that held no message at all (empty). */
  empty: string[];
}

/** Messages analysed at once: MIME decoding awaits the runtime between parts, so overlap keeps the CPU busy. */
export const CONCURRENCY = 32;

/** Maps with at most `limit` promises in flight; results keep the input order. */
export async function mapConcurrent<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R>, limit = CONCURRENCY): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function runBounce(args: string[], readStdin: () => Promise<Buffer>): Promise<BounceRun> {
  const { files, errors } = await expandInputs(args);
  const run: BounceRun = { reports: [], errors, inputsRead: 0, empty: [] };
  const queue: RawMessage[] = [];
  for (const file of files) {
    const messages = await readMessages(file, readStdin);
    if (!Array.isArray(messages)) {
      run.errors.push(messages);
      continue;
    }
    run.inputsRead++;
    if (messages.length === 0) run.empty.push(file);
    queue.push(...messages);
  }
  // All messages of all files in flight together (bounded), reported in input order.
  const results = await mapConcurrent(queue, async (m): Promise<MessageReport | InputError> => {
    try {
      return { file: m.file, message: m.message, ...(await analyzeMessage(m.text)) };
    } catch (error) {
      // A message that breaks the reader is reported like an unreadable file; the run goes on.
      return { file: m.file, ...(m.message > 1 ? { message: m.message } : {}), code: 'broken', reason: error instanceof Error ? error.message : String(error) };


    }
  });
  for (const r of results) {
    if ('code' in r) run.errors.push(r);

    else run.reports.push(r);
  }
  return run;
}

/** Hard-bounced addresses, once each, in the order first seen. */
export function hardBounces(reports: readonly MessageReport[]): { report: MessageReport; recipient: RecipientResult }[] {
  const seen = new Set<string>();
  const out: { report: MessageReport; recipient: RecipientResult }[] = [];
  for (const report of reports) {
    for (const recipient of report.recipients) {
      const key = recipient.recipient.toLowerCase();
      if (!recipient.hard || seen.has(key)) continue;
      seen.add(key);
      out.push({ report, recipient });
    }
  }
  return out;
}
