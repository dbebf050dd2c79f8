import { writeFile } from 'node:fs/promises';
import type { CommandModule } from './command.js';
import { readGlobalOptions } from './global-options.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from './exit-codes.js';
import { makeChalk } from '../render/color.js';

export const bounceCommand: CommandModule = {
  name: 'bounce',
  example: 'mailcheck bounce undelivered.eml          # why a message bounced and what to do',
  register(program, context) {
    program
      .command('bounce')
      .description('read bounces (.eml, mbox, maildir folders, - for stdin): who bounced, why, and what to do')
      .argument('<files...>', 'message files, mboxes or folders (walked recursively); - reads one message from stdin')
      .option('--ndjson', 'print one JSON line per recipient (for large folders)', false)
      .option('--suppress <file>', 'write hard-bounced addresses to FILE as CSV (do not mail these again)')
      .action(async (files: string[], options: { ndjson: boolean; suppress?: string }, command) => {
        const global = readGlobalOptions(command);
        const { io } = context;
        if (options.ndjson && global.json) throw new UsageError('--json and --ndjson cannot be used together');
        // Loaded here so that other commands never load the bounce reader or its MIME parser.
        const { runBounce, messageJson, ndjsonLines, suppressionCsv } = await import('../bounce/run.js');
        const run = await runBounce(files, io.readStdin);
        for (const e of run.errors) io.stderr(`mailcheck: ${e.file}: ${e.error}\n`);
        if (global.json) {
          io.stdout(JSON.stringify(run.reports.map(messageJson), null, 2) + '\n');
        } else if (options.ndjson) {
          for (const report of run.reports) for (const line of ndjsonLines(report)) io.stdout(line + '\n');
        } else {
          const { renderBounceText } = await import('../render/bounce-text.js');
          const summary = run.reports.length > 1;
          const text = renderBounceText(run, makeChalk(io, global.color), { quiet: global.quiet, summary });
          if (text) io.stdout(text);
          for (const file of run.empty) if (!global.quiet) io.stderr(`mailcheck: ${file}: empty, no message\n`);
        }
        if (options.suppress) {
          try {
            await writeFile(options.suppress, suppressionCsv(run.reports));
          } catch (error) {
            throw new UsageError(`cannot write ${options.suppress}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
        context.setExitCode(run.inputsRead === 0 ? EXIT_USAGE : EXIT_OK);
      });
  },
};
