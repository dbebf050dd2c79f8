import { Command } from 'commander';
import type { CommandContext } from './command.js';
import { addGlobalOptions } from './global-options.js';
import { applyHelp } from './help.js';
import type { Io } from './io.js';
import { VERSION } from './version.js';

// The whole program, every command registered: what shell completion and the man page are generated
// from (a run loads only the command it runs, so they register the rest first).

export const PROGRAM_DESCRIPTION = 'Tells you why your email does not arrive, and exactly what to change.';

/** Registers the commands the program does not have yet, then their help. */
export async function registerAll(program: Command, context: CommandContext): Promise<void> {
  const { commands } = await import('./commands.js');
  const have = new Set(program.commands.map((c) => c.name()));
  for (const entry of commands) if (!have.has(entry.name)) (await entry.load()).register(program, context);
  applyHelp(program);
}

/** The program as `mailcheck --help` describes it, for generators (scripts/man.mjs): never parsed, never run. */
export async function fullProgram(io: Io): Promise<Command> {
  const program = new Command('mailcheck').description(PROGRAM_DESCRIPTION).version(VERSION, '-V, --version', 'print the version');
  addGlobalOptions(program);
  await registerAll(program, { io, setExitCode: () => undefined });
  return program;
}
