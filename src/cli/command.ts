import type { Command } from 'commander';
import type { Io } from './io.js';

export interface CommandContext {
  io: Io;
  setExitCode(code: number): void;
  /** Aborted when the run ends (or is interrupted): lookups still in flight stop, their sockets close. */
  signal?: AbortSignal;
}

/** One subcommand: registered on the program, listed with an example in --help. */
export interface CommandModule {
  name: string;
  /** One line shown under "Examples" in `mailcheck --help`. */
  example: string;
  register(program: Command, context: CommandContext): void;
}
