import { Argument, type Command, type Option } from 'commander';
import type { CommandModule } from '../command.js';
import { registerAll } from '../help-program.js';
import { FORMAT_NAMES } from '../../render/index.js';
import { LANGS } from '../../messages/index.js';
import { commands as COMMANDS } from '../commands.js';

// `mailcheck completion bash|zsh|fish`: a completion script generated from the commander program
// itself (its commands, their options and arguments, the program's options), so it cannot drift from
// what the program accepts. Values: --format and --lang from their registries, an option's or
// argument's declared choices, files where the argument is a file, path or folder.

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** What the generators need of the program: plain data read off commander. */
export interface Spec {
  name: string;
  globals: OptionSpec[];
  commands: CommandSpec[];
}

export interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  /** The positional arguments complete files. */
  files: boolean;
  /** The first positional argument's choices (`completion <shell>`). */
  choices: readonly string[];
}

export interface OptionSpec {
  long?: string;
  short?: string;
  description: string;
  /** It takes a value. */
  value: boolean;
  /** The value is a file or folder. */
  file: boolean;
  choices: readonly string[];
}

const FILE_VALUE = /<(?:[\w-]*(?:file|path|dir|folder)[\w-]*)(?:\.\.\.)?>|\[(?:[\w-]*(?:file|path|dir)[\w-]*)(?:\.\.\.)?\]/i;
const FILE_ARGUMENT = /file|path|dir|folder/i;

/** The first clause of a description, for a completion menu. */
function short(text: string): string {
  const first = text.split(/[;:(]/)[0] ?? text;
  return first.trim().replace(/\s+/g, ' ').slice(0, 80);
}

function optionSpec(option: Option): OptionSpec {
  const choices = option.argChoices ?? (option.long === '--format' ? FORMAT_NAMES : option.long === '--lang' ? LANGS : []);
  return {
    ...(option.long ? { long: option.long } : {}),
    ...(option.short ? { short: option.short } : {}),
    description: short(option.description),
    value: option.required || option.optional,
    file: FILE_VALUE.test(option.flags),
    choices,
  };
}

const order = (name: string) => COMMANDS.findIndex((c) => c.name === name);

/** The program as data: its options (and -h), each command with its options and arguments. */
export function programSpec(program: Command): Spec {
  const help = { long: '--help', short: '-h', description: 'display help', value: false, file: false, choices: [] };
  return {
    name: program.name(),
    globals: [...program.options.map(optionSpec), help],
    // In the order of `mailcheck --help` (commands.ts), whichever was registered first.
    commands: [...program.commands].filter((c) => c.name() !== 'help').sort((a, b) => order(a.name()) - order(b.name())).map((c) => {
      const args = c.registeredArguments as readonly Argument[];
      return {
        name: c.name(),
        description: short(c.description()),
        options: [...c.options.map(optionSpec), help],
        files: args.some((a) => FILE_ARGUMENT.test(a.name()) && !a.argChoices),
        choices: args[0]?.argChoices ?? [],
      };
    }),
  };
}

/** The program's options that may follow the command (all but --version). */
const inherited = (spec: Spec) => spec.globals.filter((o) => o.long !== '--version');
const words = (list: readonly string[]) => list.join(' ');
const flags = (options: readonly OptionSpec[]) => options.flatMap((o) => [o.long, o.short].filter((f): f is string => f !== undefined));

/** bash: file names completed as such (a slash after a folder, spaces escaped). */
const FILES = 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))';

/** bash: one function, `complete -F`; the subcommand is the first word that is neither an option nor an option's value. */
export function bashScript(spec: Spec): string {
  const fn = `_${spec.name.replace(/\W/g, '_')}`;
  const valueFlags = (options: readonly OptionSpec[]) => flags(options.filter((o) => o.value));
  const allValueFlags = [...new Set([...valueFlags(spec.globals), ...spec.commands.flatMap((c) => valueFlags(c.options))])];
  const valueCases: string[] = [];
  const seen = new Set<string>();
  for (const o of [...spec.globals, ...spec.commands.flatMap((c) => c.options)]) {
    if (!o.value) continue;
    const pattern = flags([o]).filter((f) => !seen.has(f));
    if (pattern.length === 0) continue;
    pattern.forEach((f) => seen.add(f));
    const action = o.choices.length > 0 ? `COMPREPLY=($(compgen -W "${words(o.choices)}" -- "$cur"))` : o.file ? FILES : 'COMPREPLY=()';
    valueCases.push(`    ${pattern.join('|')}) ${action}; return ;;`);
  }
  const commandCases = spec.commands.map((c) => {
    const positional = c.choices.length > 0 ? `COMPREPLY=($(compgen -W "${words(c.choices)}" -- "$cur"))` : c.files ? FILES : 'COMPREPLY=()';
    return `    ${c.name})\n      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "${words(flags(c.options))} ${words(flags(inherited(spec)))}" -- "$cur"))\n      else ${positional}; fi ;;`;
  });
  return `# bash completion for ${spec.name} (generated by \`${spec.name} completion bash\`)
# Load it now: source <(${spec.name} completion bash)
# Or for good: ${spec.name} completion bash > ~/.local/share/bash-completion/completions/${spec.name}
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" cmd="" i w
  (( COMP_CWORD > 0 )) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
${valueCases.join('\n')}
  esac
  for (( i = 1; i < COMP_CWORD; i++ )); do
    w="\${COMP_WORDS[i]}"
    case "$w" in
      ${allValueFlags.join('|')}) (( i++ )) ;;
      -*) ;;
      *) cmd="$w"; break ;;
    esac
  done
  case "$cmd" in
    "")
      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "${words(flags(spec.globals))}" -- "$cur"))
      else COMPREPLY=($(compgen -W "${words(spec.commands.map((c) => c.name))} help" -- "$cur")); fi ;;
${commandCases.join('\n')}
  esac
}
complete -F ${fn} ${spec.name}
`;
}

/** Text inside a zsh `_arguments` spec in single quotes: brackets and colons escaped, quotes closed and reopened. */
function zq(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/[[\]:]/g, (c) => `\\${c}`).replace(/'/g, `'\\''`);
}

function zshOption(o: OptionSpec): string[] {
  const action = !o.value ? '' : `:${zq(o.long?.slice(2) ?? 'value')}:${o.choices.length > 0 ? `(${o.choices.join(' ')})` : o.file ? '_files' : ' '}`;
  const repeat = o.long === '--zone' || o.long === '--resolver' || o.long === '--selector' || o.long === '--ip' ? '*' : '';
  return flags([o]).map((f) => `'${repeat}${f}[${zq(o.description)}]${action}'`);
}

/** zsh: `_arguments` for the program's options and the command, then the command's own. */
export function zshScript(spec: Spec): string {
  const fn = `_${spec.name.replace(/\W/g, '_')}`;
  const commands = spec.commands.map((c) => `    '${zq(c.name)}:${zq(c.description)}'`);
  const cases = spec.commands.map((c) => {
    const positional = c.choices.length > 0 ? `'1:${zq(c.name)}:(${c.choices.join(' ')})'` : c.files ? `'*:file:_files'` : `'*: :'`;
    return `        ${c.name}) _arguments ${[...c.options.flatMap(zshOption), ...inherited(spec).flatMap(zshOption), positional].join(' \\\n          ')} ;;`;
  });
  return `#compdef ${spec.name}
# zsh completion for ${spec.name} (generated by \`${spec.name} completion zsh\`)
# Load it now: source <(${spec.name} completion zsh)
# Or for good: ${spec.name} completion zsh > "\${fpath[1]}/_${spec.name}"
${fn}() {
  local -a commands
  commands=(
${commands.join('\n')}
  )
  local curcontext="$curcontext" state line
  _arguments -C \\
    ${spec.globals.flatMap(zshOption).join(' \\\n    ')} \\
    '1: :->command' \\
    '*:: :->args'
  case $state in
    command) _describe -t commands 'command' commands ;;
    args)
      case $line[1] in
${cases.join('\n')}
      esac ;;
  esac
}
if [[ "\${funcstack[1]}" == "${fn}" ]]; then ${fn} "$@"; else compdef ${fn} ${spec.name}; fi
`;
}

/** Text in fish single quotes. */
const fq = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fishOption(spec: Spec, o: OptionSpec, condition?: string): string {
  const parts = [`complete -c ${spec.name}`];
  if (condition) parts.push(`-n ${fq(condition)}`);
  if (o.long) parts.push(`-l ${o.long.slice(2)}`);
  if (o.short) parts.push(`-s ${o.short.slice(1)}`);
  if (o.value) parts.push(o.choices.length > 0 ? `-x -a ${fq(o.choices.join(' '))}` : o.file ? '-r -F' : '-x');
  parts.push(`-d ${fq(o.description)}`);
  return parts.join(' ');
}

/** fish: one `complete` line per command and option; files only where an argument is a file. */
export function fishScript(spec: Spec): string {
  const names = spec.commands.map((c) => c.name).join(' ');
  const lines = [
    `# fish completion for ${spec.name} (generated by \`${spec.name} completion fish\`)`,
    `# Load it now: ${spec.name} completion fish | source`,
    `# Or for good: ${spec.name} completion fish > ~/.config/fish/completions/${spec.name}.fish`,
    `complete -c ${spec.name} -f`,
    ...spec.commands.map((c) => `complete -c ${spec.name} -n ${fq(`not __fish_seen_subcommand_from ${names}`)} -a ${c.name} -d ${fq(c.description)}`),
    ...spec.globals.map((o) => fishOption(spec, o, o.long === '--version' ? `not __fish_seen_subcommand_from ${names}` : undefined)),
  ];
  for (const c of spec.commands) {
    const when = `__fish_seen_subcommand_from ${c.name}`;
    for (const o of c.options) if (o.long !== '--help') lines.push(fishOption(spec, o, when));
    if (c.choices.length > 0) lines.push(`complete -c ${spec.name} -n ${fq(when)} -x -a ${fq(c.choices.join(' '))}`);
    else if (c.files) lines.push(`complete -c ${spec.name} -n ${fq(when)} -F`);
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: Shell, spec: Spec): string {
  return shell === 'bash' ? bashScript(spec) : shell === 'zsh' ? zshScript(spec) : fishScript(spec);
}

export const completionCommand: CommandModule = {
  name: 'completion',
  example: 'source <(mailcheck completion bash)   # Tab completes commands and options',
  register(program: Command, context) {
    program
      .command('completion')
      .description('print a shell completion script for bash, zsh or fish (generated from the commands and options)')
      .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
      .action(async (shell: Shell) => {
        // A run registers only the command it runs: the script needs them all.
        await registerAll(program, context);
        context.io.stdout(completionScript(shell, programSpec(program)));
      });
  },
};
