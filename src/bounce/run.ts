// The `bounce` command's work, apart from commander: read inputs, analyse each message, collect results.
import { expandInputs, readMessages, type InputError } from './input.js';
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

export async function runBounce(args: string[], readStdin: () => Promise<Buffer>): Promise<BounceRun> {
  const { files, errors } = await expandInputs(args);
  const run: BounceRun = { reports: [], errors, inputsRead: 0, empty: [] };
  for (const file of files) {
    const messages = await readMessages(file, readStdin);
    if (!Array.isArray(messages)) {
      run.errors.push(messages);
      continue;
    }
    run.inputsRead++;
    if (messages.length === 0) run.empty.push(file);
    for (const m of messages) {
      try {
        run.reports.push({ file, message: m.message, ...(await analyzeMessage(m.text)) });
      } catch (error) {
        // A message that breaks the reader is reported like an unreadable file; the run goes on.
        run.errors.push({ file: m.message > 1 ? `${file} (message ${m.message})` : file, error: `could not be read: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
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

function csvField(value: string | number): string {
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const SUPPRESS_COLUMNS = ['recipient', 'reason', 'status', 'replyCode', 'file', 'message', 'diagnostic'] as const;

/** The --suppress CSV: a header row, then one row per hard-bounced address. */
export function suppressionCsv(reports: readonly MessageReport[]): string {
  const rows = [SUPPRESS_COLUMNS.join(',')];
  for (const { report, recipient } of hardBounces(reports)) {
    rows.push([recipient.recipient, recipient.reason, recipient.status, recipient.replyCode, report.file, report.message, recipient.diagnostic].map(csvField).join(','));
  }
  return rows.join('\n') + '\n';
}

/** The JSON object for one message (the documented, stable shape). */
export function messageJson(report: MessageReport) {
  return {
    file: report.file,
    message: report.message,
    bounce: report.bounce,
    format: report.format || null,
    original: report.original,
    recipients: report.recipients.map(recipientJson),
  };
}

export function recipientJson(r: RecipientResult) {
  return {
    recipient: r.recipient,
    action: r.action,
    status: r.status,
    replyCode: r.replyCode,
    reason: r.reason,
    hard: r.hard,
    diagnostic: r.diagnostic,
    remoteMta: r.remoteMta,
    command: r.command,
    advice: r.advice,
    ...(r.feedbackType ? { feedbackType: r.feedbackType } : {}),
  };
}

/** NDJSON lines: one per recipient; a message that is not a bounce gets one line with `bounce: false`. */
export function ndjsonLines(report: MessageReport): string[] {
  if (!report.bounce || report.recipients.length === 0) {
    return [JSON.stringify({ file: report.file, message: report.message, bounce: false, recipient: null, action: '', status: '', replyCode: '', reason: 'undefined', hard: false, diagnostic: '', remoteMta: '', command: '', advice: 'Not a bounce: nothing to do.' })];
  }
  return report.recipients.map((r) => JSON.stringify({ file: report.file, message: report.message, bounce: true, ...recipientJson(r) }));
}
