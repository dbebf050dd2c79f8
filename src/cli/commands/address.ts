import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { exitCode, type FailOn } from '../../core/exit.js';
import type { Report } from '../../core/report.js';
import { createLruResolver } from '../../dns/resolver.js';
import { ADDRESS_DNS_ENTRIES, createAddressGatherer, type SuppressHit } from '../../gather/address.js';
import { gatherContext } from '../../gather/context.js';
import { InputError, openRows } from '../../input/rows.js';
import { parseAddress } from '../../parse/address.js';
import { AddressSummary, checkAddressRows, suppressKey, VERDICTS, type AddressRow, type Verdict } from '../../report/address.js';
import type { RenderContext } from '../../render/context.js';
import { loadFormat } from '../../render/index.js';
import type { CommandModule } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { collect, readGlobalOptions, type GlobalOptions } from '../global-options.js';
import type { Io } from '../io.js';
import { renderContext } from '../output.js';
import { readFailOn } from '../policy.js';
import { createProgress, type Progress } from '../row-progress.js';
import { buildSource } from '../resolver.js';

// `mailcheck address ADDR...`, and the pipeline `mailcheck list` shares with it: rows in, one report per
// address out in input order, printed as each is decided through the format's stream (render/index.ts),
// a summary at the end, one exit code from the summary (core/exit.ts).

/** The formats `address` and `list` print. */
export const ADDRESS_FORMATS = ['text', 'csv', 'ndjson', 'json'] as const;

export function checkAddressFormat(global: GlobalOptions, command: string): void {
  if (!(ADDRESS_FORMATS as readonly string[]).includes(global.format)) {
    throw new UsageError('format-unsupported', { format: global.format, command, formats: ADDRESS_FORMATS });
  }
}

/** The `--suppress` files: the CSV `mailcheck bounce --suppress` writes (its `recipient` and `reason` columns), or any list of addresses. */
export async function readSuppressFiles(files: readonly string[], readStream: (file: string) => Promise<AsyncIterable<Uint8Array>>): Promise<Map<string, SuppressHit>> {
  const list = new Map<string, SuppressHit>();
  for (const file of files) {
    let source: AsyncIterable<Uint8Array>;
    try {
      source = await readStream(file);
    } catch (error) {
      throw new UsageError('suppress-read', { file, reason: readReason(error) });
    }
    try {
      const rows = await openRows(source, { header: 'auto' });
      const columns = rows.info.columns.map((c) => c.trim().toLowerCase());
      const reasonColumn = rows.info.header && columns[0] === 'recipient' ? columns.indexOf('reason') : -1;
      for await (const row of rows.rows) {
        const parsed = parseAddress(row.address);
        if (!parsed.ok) continue;
        const key = suppressKey(parsed.address);
        if (!list.has(key)) list.set(key, { file, reason: reasonColumn >= 0 ? row.fields[reasonColumn]?.trim() || null : null });
      }
    } catch (error) {
      if (error instanceof InputError) throw new UsageError('suppress-input', { file, code: error.code, ...error.data });
      if (error instanceof UsageError) throw error;
      throw new UsageError('suppress-read', { file, reason: readReason(error) });
    }
  }
  return list;
}

/** The reason a file could not be read, as a short token (ENOENT, EACCES…) or the error's message. */
export function readReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? (error instanceof Error ? error.message : String(error));
}

/** Buffered synchronous writes to one file (the --split-out files: memory stays bounded whatever the list's length). */
class FileSink {
  readonly #fd: number;
  #buffer = '';
  constructor(readonly path: string) {
    this.#fd = openSync(path, 'w');
  }
  write(text: string): void {
    this.#buffer += text;
    if (this.#buffer.length >= 65536) this.flush();
  }
  flush(): void {
    if (this.#buffer !== '') writeSync(this.#fd, this.#buffer);
    this.#buffer = '';
  }
  close(): void {
    this.flush();
    closeSync(this.#fd);
  }
}

/** `--split-out DIR`: ok.csv, risky.csv, invalid.csv and unknown.csv, each with the CSV header, rows by verdict. */
class SplitOut {
  readonly #sinks: Record<Verdict, FileSink>;
  readonly counts: Record<Verdict, number> = { ok: 0, risky: 0, invalid: 0, unknown: 0 };
  constructor(
    readonly dir: string,
    csv: { begin: (ctx: RenderContext) => string },
    ctx: RenderContext,
  ) {
    try {
      mkdirSync(dir, { recursive: true });
      const sinks: Partial<Record<Verdict, FileSink>> = {};
      for (const verdict of VERDICTS) sinks[verdict] = new FileSink(join(dir, `${verdict}.csv`));
      this.#sinks = sinks as Record<Verdict, FileSink>;
      for (const sink of Object.values(this.#sinks)) sink.write(csv.begin(ctx));
    } catch (error) {
      throw new UsageError('split-out', { dir, reason: readReason(error) });
    }
  }
  write(verdict: Verdict, text: string): void {
    this.counts[verdict]++;
    try {
      this.#sinks[verdict].write(text);
    } catch (error) {
      throw new UsageError('split-out', { dir: this.dir, reason: readReason(error) });
    }
  }
  close(): void {
    try {
      for (const sink of Object.values(this.#sinks)) sink.close();
    } catch (error) {
      throw new UsageError('split-out', { dir: this.dir, reason: readReason(error) });
    }
  }
}

export interface AddressRunInput {
  command: 'address' | 'list';
  rows: AsyncIterable<AddressRow>;
  /** The input's column names (the CSV header written back). */
  columns: string[];
  /** How the list was read (JSON `input`), or null for `address`. */
  input: Record<string, unknown> | null;
  /** Start CSV output with a UTF-8 BOM (the input had one, or was not UTF-8: Excel needs it to read UTF-8). */
  bom: boolean;
  failOn: FailOn;
  suppress: Map<string, SuppressHit>;
  splitOut?: string;
  /** Turns an error of reading the rows into the UsageError to print (exit 2). */
  inputError?: (error: unknown) => never;
  /** Bytes read so far and the input's size, for the progress line's ETA. */
  bytes?: () => { bytes: number; totalBytes?: number };
}

/** Runs the pipeline and prints as it goes; returns the exit code. InputErrors while reading come out as they are. */
export async function runAddressCommand(run: AddressRunInput, global: GlobalOptions, io: Io): Promise<number> {
  const resolver = createLruResolver(await buildSource(global), { maxEntries: ADDRESS_DNS_ENTRIES });
  const gatherer = createAddressGatherer(gatherContext(resolver, { timeoutMs: global.timeout }));
  const ctx = await renderContext(global, io, { command: run.command, failOn: run.failOn, options: { command: run.command, columns: run.columns, input: run.input, bom: run.bom } });
  const formatter = await loadFormat(global.format, ['address', 'address-summary']);
  const csv = (await loadFormat('csv')).stream;
  const stream = formatter.stream;
  if (!stream || !csv) throw new Error(`format ${global.format} cannot stream`);
  const { addressProgress, addressSummaryText } = await import('../../render/address.js');
  const summary = new AddressSummary();
  // `address --json` prints one object, or an array for several, as `domain --json` does: not streamed.
  const collect = run.command === 'address' && global.format === 'json' ? ([] as Report[]) : undefined;
  const split = run.splitOut !== undefined ? new SplitOut(run.splitOut, csv, ctx) : undefined;
  const progress: Progress = createProgress(io, (figures) => addressProgress(ctx, figures));
  const write = (text: string): void => {
    if (text === '') return;
    if (io.stdoutIsTTY) progress.clear();
    io.stdout(text);
  };
  // Each row is rendered (and counted) the moment it is decided; what waits for earlier rows is its text.
  const decided = (report: Report): { out: string; split: string; verdict: Verdict; report?: Report } => {
    summary.add(report);
    if (collect) return { out: '', split: split ? csv.item(report, ctx) : '', verdict: report.data.verdict as Verdict, report };
    const out = stream.item(report, ctx);
    return { out, split: !split ? '' : global.format === 'csv' ? out : csv.item(report, ctx), verdict: report.data.verdict as Verdict };
  };
  let rows = 0;
  try {
    if (!collect) write(stream.begin(ctx));
    for await (const row of checkAddressRows(run.rows, { gatherer, suppress: run.suppress }, decided)) {
      if (io.stdoutClosed?.()) break;
      if (collect) collect.push(row.report as Report);
      else {
        if (rows > 0 && stream.separator) write(stream.separator);
        write(row.out);
      }
      split?.write(row.verdict, row.split);
      progress.update({ rows: ++rows, ...(run.bytes?.() ?? { bytes: 0 }) });
    }
  } catch (error) {
    if (run.inputError && !(error instanceof UsageError)) run.inputError(error);
    throw error;
  } finally {
    progress.done();
    split?.close();
  }
  const report = summary.report({ domains: gatherer.stats().gathered, queries: resolver.stats().queries, input: run.input });
  // The reader of the output went away (`| head`): it wanted no more, a summary of part of the list would mislead.
  if (io.stdoutClosed?.()) return exitCode([report], { failOn: run.failOn, minScore: 0 });
  const several = run.command === 'list' || summary.rows > 1;
  if (collect) write(formatter.render(collect, ctx));
  else write(stream.end(several ? [report] : [], ctx));
  if (several && !global.quiet && (global.format === 'csv' || global.format === 'ndjson')) io.stderr(addressSummaryText(report, ctx));
  if (split && !global.quiet) {
    const { label } = await import('../../render/words.js');
    io.stderr(`mailcheck: ${label(ctx.words, 'address.split-written', { dir: split.dir, ...split.counts })}\n`);
  }
  return exitCode([report], { failOn: run.failOn, minScore: 0 });
}

export const addressCommand: CommandModule = {
  name: 'address',
  example: 'mailcheck address buyer@empresa.com.br sales@gmial.com   # would these addresses receive mail?',
  register(program: Command, context) {
    program
      .command('address')
      .description('check e-mail addresses before sending: syntax, typos, does the domain receive mail (MX, null MX), disposable, role, free provider')
      .argument('<addresses...>', 'addresses (quote each that has spaces or <>: "Zhang San <z@example.com>")')
      .option('--suppress <file>', 'addresses not to mail: the CSV of mailcheck bounce --suppress, or a list (repeatable)', collect)
      .option('--fail-on <level>', 'exit 1 when a reason is at least this severe: error (an invalid address; default), warning (also risky), info or none')
      .action(async (args: string[], raw: Record<string, unknown>, command: Command) => {
        const { io } = context;
        const global = readGlobalOptions(command, io.env);
        checkAddressFormat(global, 'address');
        const failOn = readFailOn(raw.failOn, 'error');
        const suppress = await readSuppressFiles((raw.suppress as string[] | undefined) ?? [], openFile);
        const list: AddressRow[] = args.map((a, i) => ({ row: i + 1, line: i + 1, address: a.trim(), fields: [a] }));
        async function* rows(): AsyncGenerator<AddressRow> {
          yield* list;
        }
        context.setExitCode(await runAddressCommand({ command: 'address', rows: rows(), columns: ['address'], input: null, bom: false, failOn, suppress }, global, io));
      });
  },
};

/** A file as a stream of chunks, its open failures (no such file, a folder) raised before the first read. */
export async function openFile(file: string): Promise<AsyncIterable<Uint8Array>> {
  const { open } = await import('node:fs/promises');
  const handle = await open(file, 'r');
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle.createReadStream({ highWaterMark: 65536 });
}
