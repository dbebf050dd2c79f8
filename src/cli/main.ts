import { Command, CommanderError } from 'commander';
import type { Io } from './io.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from './exit-codes.js';
import { addGlobalOptions } from './global-options.js';
import { commands, selectCommand } from './commands.js';
import { langFromEnv, loadCatalogue, parseLang, type Lang } from '../messages/index.js';
import { text } from '../messages/types.js';
import { safeLine } from '../render/escape.js';
import { VERSION as version } from './version.js';
import { openOutput, outputRedirect, shortened } from './output.js';
import { applyHelp } from './help.js';
import { PROGRAM_DESCRIPTION } from './help-program.js';

/** The language errors are written in, read before commander parses anything (a bad --lang is English). */
function errorLang(argv: readonly string[], io: Io): Lang {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice(7) : undefined;
    if (value !== undefined) return parseLang(value) ?? 'en';
  }
  return langFromEnv(io.env);
}

/** One line on stderr: `mailcheck: <words of the error>`, echoed values shortened and escaped. */
async function printError(io: Io, lang: Lang, code: string, data: Record<string, unknown>): Promise<void> {
  const catalogue = await loadCatalogue(lang);
  io.stderr(`mailcheck: ${safeLine(text(catalogue, 'errors', code, shortened(data) as Record<string, unknown>))}\n`);
}

/** The first quoted value of a commander message (`unknown option '--x'`). */
function quoted(message: string, index = 0): string {
  return [...message.matchAll(/'([^']*)'/g)][index]?.[1] ?? '';
}

/**
 * commander's own errors as a catalogue entry and its data, so they are one line like every other
 * error (commander would print its message, its "(Did you mean …?)" and our help hint on separate lines).
 */
function commanderError(error: CommanderError, command: string | undefined): { code: string; data: Record<string, unknown> } {
  const message = error.message.replace(/^error: /, '');
  const first = message.split('\n')[0] ?? message;
  const suggestion = /\(Did you mean (.+?)\?\)/.exec(message)?.[1];
  const withSuggestion = (data: Record<string, unknown>) => (suggestion ? { ...data, suggestion } : data);
  switch (error.code) {
    case 'commander.unknownOption': return { code: 'usage.unknown-option', data: withSuggestion({ option: quoted(first) }) };
    case 'commander.unknownCommand': return { code: 'usage.unknown-command', data: withSuggestion({ command: quoted(first), commands: commands.map((c) => c.name) }) };
    case 'commander.invalidArgument': {
      // "command-argument value 'tcsh' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish."
      const choice = /value '([^']*)' is invalid for (?:argument|option) '([^']*)'\. Allowed choices are ([^.]*)\.$/.exec(first);
      if (choice) return { code: 'usage.invalid-choice', data: { value: choice[1], argument: choice[2], choices: (choice[3] as string).split(', ') } };
      return { code: 'usage.other', data: { message: first } };
    }
    case 'commander.optionMissingArgument': return { code: 'usage.option-missing-argument', data: { option: quoted(first).split(' ')[0] } };
    case 'commander.missingArgument': return { code: 'usage.missing-argument', data: { argument: quoted(first), command: command ?? '' } };
    case 'commander.excessArguments': return { code: 'usage.excess-arguments', data: { command: quoted(first) } };
    default: return { code: 'usage.other', data: { message: first } };
  }
}

/** Runs the CLI and resolves to the process exit code. Never throws, never calls process.exit. */
export async function run(argv: string[], io: Io): Promise<number> {
  const state = { exitCode: EXIT_OK };
  // Ends every lookup still in flight when the run is over (a list that never answers, an
  // evaluation given up at its time limit), so the process exits as soon as the output is written.
  const done = new AbortController();
  const output = outputRedirect(io);
  const program = new Command('mailcheck')
    .description(PROGRAM_DESCRIPTION)
    .version(version, '-V, --version', 'print the version')
    .exitOverride()
    // commander's error words are replaced by one catalogue line (run() below); help still goes through.
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: () => undefined });
  addGlobalOptions(program);
  // Only the command being run is loaded (start-up stays small); --help and mistakes load them all.
  const valueOptions = new Set(program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short]).filter((f): f is string => f !== undefined));
  const wanted = selectCommand(argv, valueOptions, commands.map((c) => c.name));

  try {
    const versionOnly = argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V');
    const modules = versionOnly ? [] : await Promise.all(commands.filter((c) => wanted === undefined || c.name === wanted).map((c) => c.load()));

    const examples = modules.map((c) => `  ${c.example}`).join('\n');
    program.addHelpText('after', `\nExamples:\n${examples}\n\nExit codes: 0 ok, 1 problems found, 2 bad usage or input, 3 lookups failed.\n`);
    // -o/--output FILE: stdout of whichever command runs goes to the file (output.ts).
    program.hook('preAction', (_program, action) => openOutput(output, action.optsWithGlobals()));
    for (const command of modules) {
      command.register(program, { io: output.io, setExitCode: (code) => (state.exitCode = code), signal: done.signal });
    }
    applyHelp(program);

    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; `mailcheck` alone prints the help and exits 2; every mistake is one line, exit 2.
      if (error.exitCode === 0) return EXIT_OK;
      if (error.code === 'commander.help' || error.code === 'commander.helpDisplayed') return EXIT_USAGE;
      const { code, data } = commanderError(error, wanted);
      await printError(io, errorLang(argv, io), code, data);
      return EXIT_USAGE;
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
    output.close();
  }
}
