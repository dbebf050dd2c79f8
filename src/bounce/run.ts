// The `bounce` command's work, apart from commander: read inputs, analyse each message, collect results.
// One message at a time: files are read in order (small ones whole, large ones in chunks, an mbox split
// as it streams), each message is parsed and analysed synchronously, and only its small result is kept,
// so memory stays flat however large the input.
import { YIELD_MS, nextTurn } from '../core/turn.js';
import { expandInputs, readInput, MAX_MESSAGE_BYTES, type InputError } from '../mail/input.js';
import { parseMessageSync } from '../mail/message.js';
import { analyzeParsed, type MessageResult, type RecipientResult } from './analyze.js';
import { adviceOf } from './advice.js';

export interface MessageReport extends MessageResult {
  file: string;
  message: number;
}

export interface BounceRun {
  /** Every message's result (empty when `onReport` took them). */
  reports: MessageReport[];
  /** Messages analysed. */
  messages: number;
  errors: InputError[];
  /** Inputs (files or stdin) that were read, even if empty. */
  inputsRead: number;
  /** Files that held no message at all (empty). */
  empty: string[];
}

export interface RunOptions {
  /** Most bytes of one message (default MAX_MESSAGE_BYTES). */
  maxMessageBytes?: number;
  /** Takes each message's result as it is ready, in input order; then `reports` stays empty (memory stays flat). */
  onReport?: (report: MessageReport) => void;
  /** Takes each input error as it happens (else they are collected in `errors`). */
  onError?: (error: InputError) => void | Promise<void>;
  /** The longest stretch of analysis between two turns of the event loop (default YIELD_MS). */
  yieldMs?: number;
}

/** Analyses one message text; a message that breaks the reader is reported like an unreadable file. */
export function analyzeOne(file: string, message: number, text: string): MessageReport | InputError {
  try {
    const result = analyzeParsed(parseMessageSync(text));
    // The advice knows the verdict and who refused (a delay, the sender's own provider), not only the reason.
    for (const r of result.recipients) r.advice = adviceOf(r);
    return { file, message, ...result };
  } catch (error) {
    return { file, ...(message > 1 ? { message } : {}), code: 'broken', reason: error instanceof Error ? error.message : String(error) };
  }
}

export { YIELD_MS };

export async function runBounce(args: string[], readStdin: (maxBytes?: number) => Promise<Buffer>, options: RunOptions = {}): Promise<BounceRun> {
  const { files, errors } = await expandInputs(args);
  const run: BounceRun = { reports: [], messages: 0, errors: [], inputsRead: 0, empty: [] };
  const limit = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  const error = async (e: InputError) => {
    if (options.onError) await options.onError(e);
    else run.errors.push(e);
  };
  for (const e of errors) await error(e);
  // Files are read and analysed synchronously, so the run gives the event loop a turn every YIELD_MS
  // (core/turn.ts): without it Ctrl-C waited for the end of a 200 MB mbox, 10 s and more.
  let lastYield = performance.now();
  for (const file of files) {
    let items = 0;
    let unreadable = false;
    for await (const item of readInput(file, readStdin, limit)) {
      items++;
      if (performance.now() - lastYield >= (options.yieldMs ?? YIELD_MS)) {
        await nextTurn();
        lastYield = performance.now();
      }
      if ('code' in item) {
        await error(item);
        // An error for the whole input (no message number) means nothing of it was read.
        if (item.message === undefined && item.code !== 'too-large') unreadable = true;
        continue;
      }
      const result = analyzeOne(item.file, item.message, item.text);
      if ('code' in result) {
        await error(result);
        continue;
      }
      run.messages++;
      if (options.onReport) options.onReport(result);
      else run.reports.push(result);
    }
    if (unreadable) continue;
    run.inputsRead++;
    if (items === 0) run.empty.push(file);
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

/** Addresses whose verdict is `unknown` (needs a look), once each, not already hard-bounced, in the order first seen. */
export function needsReview(reports: readonly MessageReport[]): { report: MessageReport; recipient: RecipientResult }[] {
  const hard = new Set(hardBounces(reports).map((x) => x.recipient.recipient.toLowerCase()));
  const seen = new Set<string>();
  const out: { report: MessageReport; recipient: RecipientResult }[] = [];
  for (const report of reports) {
    for (const recipient of report.recipients) {
      const key = recipient.recipient.toLowerCase();
      if (recipient.verdict !== 'unknown' || hard.has(key) || seen.has(key)) continue;
      seen.add(key);
      out.push({ report, recipient });
    }
  }
  return out;
}
