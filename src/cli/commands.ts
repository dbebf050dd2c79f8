import type { CommandModule } from './command.js';

/** A subcommand by name, loaded only when it runs (or for --help), so each command starts with only its own code. */
export interface CommandEntry {
  name: string;
  load(): Promise<CommandModule>;
}

// The subcommands, in the order --help lists them. Adding one is one entry.
export const commands: CommandEntry[] = [
  { name: 'domain', load: async () => (await import('./commands/domain.js')).domainCommand },
  { name: 'spf', load: async () => (await import('./commands/spf.js')).spfCommand },
  { name: 'ip', load: async () => (await import('./commands/ip.js')).ipCommand },
  { name: 'bounce', load: async () => (await import('./commands/bounce.js')).bounceCommand },
  { name: 'message', load: async () => (await import('./commands/message.js')).messageCommand },
  { name: 'dmarc-report', load: async () => (await import('./commands/dmarc-report.js')).dmarcReportCommand },
  { name: 'address', load: async () => (await import('./commands/address.js')).addressCommand },
  { name: 'list', load: async () => (await import('./commands/list.js')).listCommand },
  { name: 'lookup', load: async () => (await import('./commands/lookup.js')).lookupCommand },
  { name: 'recall', load: async () => (await import('./commands/recall.js')).recallCommand },
  { name: 'completion', load: async () => (await import('./commands/completion.js')).completionCommand },
];

/**
 * The subcommand an argument list runs: the first argument that is not an option or an option's
 * value. `valueOptions` are the program's options that take a value (`--zone FILE`). Undefined when
 * there is none or it is unknown (help, version, a typo): then every command is loaded.
 */
export function selectCommand(argv: readonly string[], valueOptions: ReadonlySet<string>, names: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') return undefined;
    if (arg.startsWith('-')) {
      if (valueOptions.has(arg)) i++;
      continue;
    }
    return names.includes(arg) ? arg : undefined;
  }
  return undefined;
}
