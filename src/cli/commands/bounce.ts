import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CommandModule } from '../command.js';
import { readGlobalOptions } from '../global-options.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from '../exit-codes.js';
import { exitCode } from '../../core/exit.js';
import { printNotice, printReports, renderContext } from '../output.js';
import { readFailOn } from '../policy.js';

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
        // The same input named twice is read once, as every command de-duplicates its inputs.
        const byPath = new Map<string, string>();
        for (const f of files) if (!byPath.has(f === '-' ? '-' : resolve(f))) byPath.set(f === '-' ? '-' : resolve(f), f);
        const inputs = [...byPath.values()];
        const run = await runBounce(inputs, io.readStdin);
        for (const e of run.errors) await printNotice(io, global.lang, 'input-error', { ...e });
        // Nothing at all to read (empty files, an empty folder): one line and exit 2, in every format.
        if (run.reports.length === 0 && run.errors.length === 0) throw new UsageError('no-messages', { inputs });
        const reports = run.reports.map(bounceReport);
        await printReports(reports, global, io, { command: 'bounce', failOn, options: { summary: run.reports.length > 1, summaryOnly: options.summary } });
        // An empty input beside others: one line on stderr, whatever the format.
        for (const file of run.empty) if (!global.quiet) await printNotice(io, global.lang, 'input-empty', { file });
        if (options.suppress) {
          const { reviewCsv, suppressionCsv } = await import('../../render/csv.js');
          const ctx = await renderContext(global, io, { command: 'bounce' });
          const write = async (file: string, text: string) => {
            try {
              await writeFile(file, text);
            } catch (error) {
              throw new UsageError('suppress-write', { file, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
            }
          };
          await write(options.suppress, suppressionCsv(run.reports, ctx));
          await write(options.review ?? reviewFileOf(options.suppress), reviewCsv(run.reports, ctx));
        }
        context.setExitCode(run.inputsRead === 0 ? EXIT_USAGE : failOn === 'none' ? EXIT_OK : exitCode(reports, { failOn, minScore: 0 }));
      });
  },
};
