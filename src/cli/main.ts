import { Command, CommanderError } from 'commander';
import type { Io } from './io.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from './exit-codes.js';
import { addGlobalOptions } from './global-options.js';
import { commands, selectCommand } from './commands.js';
import { langFromEnv, loadCatalogue, parseLang, type Lang } from '../messages/index.js';
import { text } from '../messages/types.js';
import { safeLine } from '../render/escape.js';
import { VERSION as version } from './version.js';

/** The language errors are written in, read before commander parses anything (a bad --lang is English). */
function errorLang(argv: readonly string[], io: Io): Lang {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice(7) : undefined;
    if (value !== undefined) return parseLang(value) ?? 'en';
  }
  return langFromEnv(io.env);
}

/** One line on stderr: `mailcheck: <words of the error>`. */
async function printError(io: Io, lang: Lang, code: string, data: Record<string, unknown>): Promise<void> {
  const catalogue = await loadCatalogue(lang);
  io.stderr(`mailcheck: ${safeLine(text(catalogue, 'errors', code, data))}\n`);
}

/** Runs the CLI and resolves to the process exit code. Never throws, never calls process.exit. */
export async function run(argv: string[], io: Io): Promise<number> {
  const state = { exitCode: EXIT_OK };
  // Ends every lookup still in flight when the run is over (a list that never answers, an
  // evaluation given up at its time limit), so the process exits as soon as the output is written.
  const done = new AbortController();
  const program = new Command('mailcheck')
    .description('Tells you why your email does not arrive, and exactly what to change.')
    .version(version, '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError('(run mailcheck --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: (s, write) => write(s) });
  addGlobalOptions(program);

  try {
    // Only the command being run is loaded (start-up stays small); --help and mistakes load them all.
    const valueOptions = new Set(program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short]).filter((f): f is string => f !== undefined));
    const wanted = selectCommand(argv, valueOptions, commands.map((c) => c.name));
    const versionOnly = argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V');
    const modules = versionOnly ? [] : await Promise.all(commands.filter((c) => wanted === undefined || c.name === wanted).map((c) => c.load()));

    const examples = modules.map((c) => `  ${c.example}`).join('\n');
    program.addHelpText('after', `\nExamples:\n${examples}\n\nExit codes: 0 ok, 1 problems found, 2 bad usage or input, 3 lookups failed.\n`);
    for (const command of modules) {
      command.register(program, { io, setExitCode: (code) => (state.exitCode = code), signal: done.signal });
    }

    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every usage mistake is exit 2 (commander already printed the line).
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      await printError(io, errorLang(argv, io), error.code, error.data);
      return EXIT_USAGE;
    }
    // A bug: still one line, not a stack trace, unless MAILCHECK_DEBUG asks for it.
    const message = error instanceof Error ? error.message : String(error);
    await printError(io, errorLang(argv, io), 'internal-error', { message });
    if (io.env.MAILCHECK_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_USAGE;
  } finally {
    done.abort();
  }
}
