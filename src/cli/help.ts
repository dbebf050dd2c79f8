import type { Command, HelpConfiguration, Option } from 'commander';
import { HELP } from './help-examples.js';

// `--help` the way people expect it: each subcommand lists the global options that apply to it (its
// formats on --format), then two or three examples; no "(default: false)" on an on/off flag. Applied
// once to the program after the commands are registered (main.ts).

/** commander's option description, without the default of an on/off flag (`--trace (default: false)` says nothing). */
function describe(option: Option, formats?: readonly string[]): string {
  if (formats && option.long === '--format') return `output format: ${formats.join(', ')} (default text)`;
  const extra: string[] = [];
  if (option.argChoices) extra.push(`choices: ${option.argChoices.map((c) => JSON.stringify(c)).join(', ')}`);
  const takesValue = option.required || option.optional;
  const noDefault = option.defaultValue === undefined || (Array.isArray(option.defaultValue) && option.defaultValue.length === 0);
  if (takesValue && !noDefault) extra.push(`default: ${option.defaultValueDescription ?? JSON.stringify(option.defaultValue)}`);
  if (option.envVar !== undefined) extra.push(`env: ${option.envVar}`);
  return extra.length > 0 ? `${option.description} (${extra.join(', ')})` : option.description;
}

/** The help of one subcommand: its own options, then the program's options that apply to it. */
function commandHelp(name: string): HelpConfiguration {
  const help = HELP[name];
  return {
    showGlobalOptions: help !== undefined && help.notApplying !== 'all',
    visibleGlobalOptions: (cmd) => {
      if (help === undefined || help.notApplying === 'all') return [];
      const skip = new Set(help.notApplying);
      return (cmd.parent?.options ?? []).filter((o) => !o.hidden && o.long !== '--version' && !(o.long !== undefined && skip.has(o.long)));
    },
    optionDescription: (option) => describe(option, help?.formats),
  };
}

/** The examples block of a subcommand's help. */
export function examplesText(name: string): string {
  const examples = HELP[name]?.examples ?? [];
  return examples.length === 0 ? '' : `\nExamples:\n${examples.map((e) => `  ${e}`).join('\n')}\n`;
}

/** Subcommands already given their help (applyHelp runs again when completion or the man page registers the rest). */
const applied = new WeakSet<Command>();

/** Configures the help of the program and every registered subcommand (after registering; again after registering more). */
export function applyHelp(program: Command): void {
  program.configureHelp({ optionDescription: (option) => describe(option) });
  for (const command of program.commands) {
    if (applied.has(command)) continue;
    applied.add(command);
    command.configureHelp(commandHelp(command.name()));
    const examples = examplesText(command.name());
    if (examples) command.addHelpText('after', examples);
  }
}
