import { writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandModule } from '../command.js';
import { readGlobalOptions } from '../global-options.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../exit-codes.js';
import type { Report } from '../../core/report.js';
import { exitCode } from '../../core/exit.js';
import { printNotice, printReports, renderContext } from '../output.js';
import { readFailOn } from '../policy.js';
import { BULK_BYTES, boundHeapForBulkRun } from '../heap.js';

/** The review list's default place beside the --suppress file: `hard.csv` → `hard.review.csv`. */
export function reviewFileOf(suppress: string): string {
  return /\.csv$/i.test(suppress) ? suppress.replace(/\.csv$/i, '.review.csv') : `${suppress}.review.csv`;
}

export const bounceCommand: CommandModule = {
  name: 'bounce',
  example: 'mailcheck bounce undelivered.eml          # why a message bounced and what to do',
  register(program, context) {
    program
      .command('bounce')
      .description('read bounces (.eml, mbox, maildir folders, - for stdin): who bounced, why, and what to do')
      .argument('<files...>', 'message files, mboxes or folders (walked recursively); - reads one message from stdin')
      .option('--ndjson', 'print one JSON line per recipient (for large folders); the same as --format ndjson', false)
      .option('--suppress <file>', 'write hard-bounced addresses to FILE as CSV (do not mail these again), and the ones that need a look to FILE.review.csv')
      .option('--review <file>', 'where --suppress writes the addresses that need a look (default: the --suppress file with .review.csv)')
      .option('--summary', 'print only the campaign summary: counts by verdict, reason, domain and provider, the addresses to stop mailing, what to fix first', false)
      .option('--fail-on <level>', 'exit 1 when a recipient finding is at least this severe: error (a hard bounce), warning, info or none (default)')
      .action(async (files: string[], options: { ndjson: boolean; suppress?: string; review?: string; summary: boolean; failOn?: string }, command) => {
        const global = readGlobalOptions(command, context.io.env);
        const { io } = context;
        if (options.ndjson && global.formatGiven && global.format !== 'ndjson') throw new UsageError('json-ndjson');
        if (options.ndjson) global.format = 'ndjson';
        const failOn = readFailOn(options.failOn, 'none');
        if (options.review && !options.suppress) throw new UsageError('review-without-suppress');
        // Loaded here so that other commands never load the bounce reader or its MIME parser.
        const { runBounce } = await import('../../bounce/run.js');
        const { bounceReport } = await import('../../report/bounce.js');
        const { BounceTally } = await import('../../bounce/summary.js');
        // The same input named twice is read once, as every command de-duplicates its inputs.
        const byPath = new Map<string, string>();
        for (const f of files) if (!byPath.has(f === '-' ? '-' : resolve(f))) byPath.set(f === '-' ? '-' : resolve(f), f);
        const inputs = [...byPath.values()];
        if (inputs.some((f) => f === '-' || (statSync(f, { throwIfNoEntry: false })?.size ?? 0) >= BULK_BYTES)) boundHeapForBulkRun(io.env);
        const output = { command: 'bounce', failOn, options: { summary: false, summaryOnly: options.summary } };
        const ctx = await renderContext(global, io, output);
        const { loadFormat } = await import('../../render/index.js');
        const formatter = await loadFormat(global.format, ['bounce']);
        if (formatter.commands && !formatter.commands.includes('bounce')) throw new UsageError('format-unsupported', { format: global.format, command: 'bounce', formats: ['text', 'json'] });
        const { bounceStream } = await import('../../render/bounce-stream.js');
        const stream = bounceStream(global.format, ctx);
        // What the summary, --suppress and the review list need, counted as the messages go by.
        const tally = new BounceTally();
        let count = 0;
        // Formats that are not streamed get every report at the end.
        const held: Report[] = [];
        let errorCount = 0;
        let failing = false;
        const run = await runBounce(inputs, io.readStdin, {
          onReport(message) {
            const report = bounceReport(message);
            if (failOn !== 'none' && !failing) failing = exitCode([report], { failOn, minScore: 0 }) !== EXIT_OK;
            if (stream) {
              const text = stream.item(report);
              if (text) io.stdout(text);
            } else held.push(report);
            tally.add(message);
            count++;
          },
          async onError(e) {
            errorCount++;
            await printNotice(io, global.lang, 'input-error', { ...e });
          },
        });
        // Nothing at all to read (empty files, an empty folder): one line and exit 2, in every format.
        if (run.messages === 0 && errorCount === 0) throw new UsageError('no-messages', { inputs });
        // Every input failed (each said so on stderr): a text summary of nothing would only bury those lines.
        if (run.inputsRead === 0 && global.format === 'text') {
          context.setExitCode(EXIT_USAGE);
          return;
        }
        if (stream) {
          const text = stream.end(tally);
          if (text) io.stdout(text);
        } else await printReports(held, global, io, { ...output, options: { ...output.options, summary: count > 1 } });
        // An empty input beside others: one line on stderr, whatever the format.
        for (const file of run.empty) if (!global.quiet) await printNotice(io, global.lang, 'input-empty', { file });
        if (options.suppress) {
          const { listCsv } = await import('../../render/csv.js');
          const write = async (file: string, text: string) => {
            try {
              await writeFile(file, text);
            } catch (error) {
              throw new UsageError('suppress-write', { file, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
            }
          };
          await write(options.suppress, listCsv(tally.hardEntries()));
          await write(options.review ?? reviewFileOf(options.suppress), listCsv(tally.reviewEntries()));
        }
        context.setExitCode(run.inputsRead === 0 ? EXIT_USAGE : failing ? EXIT_FINDINGS : EXIT_OK);
      });
  },
};
