import type { Command } from 'commander';
import { InputError, openRows, type RowsInfo } from '../../input/rows.js';
import type { AddressRow } from '../../report/address.js';
import type { CommandModule } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { collect, readGlobalOptions } from '../global-options.js';
import { boundHeapForBulkRun } from '../heap.js';
import type { Io } from '../io.js';
import { readFailOn } from '../policy.js';
import { checkAddressFormat, openFile, readReason, readSuppressFiles, runAddressCommand } from './address.js';

// `mailcheck list FILE|-`: the address checks over a contact list (CSV, one address per line, NDJSON),
// streamed: rows are printed as they are decided, in input order, every input column kept.

/** The input's column names as the CSV output's header: the header row when there was one, else `address` and `column<N>`. */
export function outputColumns(info: RowsInfo): string[] {
  if (info.header || info.format === 'ndjson') return info.columns;
  return info.columns.map((c, i) => (i === info.addressColumn ? 'address' : `column${c}`));
}

/** How the list was read, for JSON output and the summary. */
export function inputJson(file: string, info: RowsInfo): Record<string, unknown> {
  return {
    file,
    format: info.format,
    encoding: info.encoding,
    encodingChosenBy: info.encodingChosenBy,
    bom: info.bom,
    delimiter: info.delimiter ?? null,
    header: info.header,
    columns: info.columns,
    addressColumn: info.columns[info.addressColumn] ?? String(info.addressColumn + 1),
    columnChosenBy: info.columnChosenBy,
  };
}

/** Chunks of stdin as they arrive (or the whole of it, for an Io that cannot stream). */
async function* stdinChunks(io: Io): AsyncGenerator<Uint8Array> {
  if (io.stdinStream) yield* io.stdinStream();
  else yield await io.readStdin();
}

export const listCommand: CommandModule = {
  name: 'list',
  example: 'mailcheck list contacts.csv --split-out clean/   # clean a contact list before a campaign',
  register(program: Command, context) {
    program
      .command('list')
      .description('check a contact list (CSV, one address per line, or NDJSON; - for stdin), streamed: a verdict per row, every column kept')
      .argument('<file>', 'the list; - reads standard input')
      .option('--column <name|n>', 'the address column: a header name or a number from 1 (default: the column whose header says e-mail/邮箱/mail, else the first holding addresses)')
      .option('--encoding <name>', 'the file\'s encoding: utf-8, gb18030, gbk, big5, utf-16le, latin1… (default: detected)')
      .option('--suppress <file>', 'addresses not to mail: the CSV of mailcheck bounce --suppress, or a list (repeatable)', collect)
      .option('--split-out <dir>', 'also write ok.csv, risky.csv, invalid.csv and unknown.csv into DIR')
      .option('--fail-on <level>', 'exit 1 when a reason is at least this severe: error (an invalid address; default), warning (also risky), info or none')
      .action(async (file: string, raw: Record<string, unknown>, command: Command) => {
        const { io } = context;
        const global = readGlobalOptions(command, io.env);
        checkAddressFormat(global, 'list');
        boundHeapForBulkRun(io.env);
        const failOn = readFailOn(raw.failOn, 'error');
        const suppress = await readSuppressFiles((raw.suppress as string[] | undefined) ?? [], openFile);

        let totalBytes: number | undefined;
        let source: AsyncIterable<Uint8Array>;
        if (file === '-') {
          source = stdinChunks(io);
        } else {
          try {
            const { stat } = await import('node:fs/promises');
            source = await openFile(file);
            totalBytes = (await stat(file)).size;
          } catch (error) {
            throw new UsageError('list-read', { file, reason: readReason(error) });
          }
        }
        let bytes = 0;
        async function* counted(): AsyncGenerator<Uint8Array> {
          for await (const chunk of source) {
            bytes += chunk.length;
            yield chunk;
          }
        }
        const asInputError = (error: unknown): never => {
          if (error instanceof InputError) throw new UsageError('list-input', { file, code: error.code, ...error.data });
          if (error instanceof UsageError) throw error;
          const code = (error as NodeJS.ErrnoException | null)?.code;
          if (code) throw new UsageError('list-read', { file, reason: readReason(error) });
          throw error;
        };

        const column = raw.column as string | undefined;
        const encoding = raw.encoding as string | undefined;
        const opened = await openRows(counted(), { ...(column !== undefined ? { column } : {}), ...(encoding !== undefined ? { encoding } : {}) }).catch(asInputError);
        const { info } = opened;
        const code = await runAddressCommand(
          {
            command: 'list',
            // input/rows.ts rows are address rows as they are (row, line, address, fields, object, problem).
            rows: opened.rows satisfies AsyncIterable<AddressRow>,
            inputError: asInputError,
            columns: outputColumns(info),
            input: inputJson(file, info),
            bom: info.bom || info.encoding !== 'utf-8',
            failOn,
            suppress,
            ...(raw.splitOut !== undefined ? { splitOut: String(raw.splitOut) } : {}),
            bytes: () => (totalBytes !== undefined ? { bytes, totalBytes } : { bytes }),
          },
          global,
          io,
        );
        context.setExitCode(code);
      });
  },
};
