import type { Command } from 'commander';
import { LANGS, langFromEnv, parseLang, type Lang } from '../messages/index.js';
import { FORMAT_NAMES, type FormatName } from '../render/index.js';
import { UsageError } from './exit-codes.js';

/** Options every subcommand honours (declared once on the program). */
export interface GlobalOptions {
  /** `HOST[:PORT]` or `[IPv6]:PORT`, in order of preference; empty means /etc/resolv.conf. */
  resolver: string[];
  doh?: string;
  /** Zone files to answer from instead of the network. */
  zone: string[];
  /** Per-query timeout in milliseconds. */
  timeout: number;
  retries: number;
  /** The output format (`--format`; `--json` is `--format json`). */
  format: FormatName;
  /** True when the format was chosen with --json or --format (commands with their own stream flags check it). */
  formatGiven: boolean;
  /** `--format json` (not `--json`): print the one envelope `{tool, version, schemaVersion, command, results}`. */
  jsonEnvelope?: boolean;
  lang: Lang;
  color: boolean;
  quiet: boolean;
  /** -o/--output: the file stdout goes to (main.ts opens it); absent: standard output. */
  output?: string;
}

export { DEFAULT_TIMEOUT_MS, DEFAULT_RETRIES } from '../dns/defaults.js';
import { DEFAULT_TIMEOUT_MS, DEFAULT_RETRIES } from '../dns/defaults.js';

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function addGlobalOptions(program: Command): void {
  program
    .option('--resolver <host[:port]>', 'DNS server to ask (repeatable; IPv6 as [addr]:port); default: /etc/resolv.conf', collect)
    .option('--doh <url>', 'ask over DNS-over-HTTPS (RFC 8484), e.g. https://dns.example/dns-query')
    .option('--zone <file>', 'answer from an RFC 1035 zone file instead of the network (repeatable)', collect)
    .option('--timeout <ms>', `per-query timeout in milliseconds (default ${DEFAULT_TIMEOUT_MS})`)
    .option('--retries <n>', `retries per query after a timeout (default ${DEFAULT_RETRIES})`)
    .option('--format <name>', `output format: ${FORMAT_NAMES.join(', ')} (default text); json is one envelope {tool, version, schemaVersion, command, results}`)
    .option('--json', 'print JSON in the shape each command has always printed (an object for one, an array for several)')
    .option('--lang <lang>', `language of the text: ${LANGS.join(', ')} (default: from LC_ALL, LC_MESSAGES, LANG)`)
    .option('--no-color', 'no colours (NO_COLOR in the environment does the same)')
    .option('-q, --quiet', 'print only problems (never changes the exit code)')
    .option('-o, --output <file>', 'write the report to FILE instead of standard output');
}

function wholeNumber(raw: string, flag: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new UsageError('whole-number', { flag, value: raw });
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError('number-range', { flag, min, max, value });
  return value;
}

/** `--format` and `--json`: the format name, validated; `--format json` alone asks for the envelope. */
export function readFormat(raw: Record<string, unknown>): { format: FormatName; given: boolean; envelope: boolean } {
  const named = raw.format as string | undefined;
  if (named !== undefined && !(FORMAT_NAMES as readonly string[]).includes(named)) throw new UsageError('format-unknown', { value: named, formats: FORMAT_NAMES });
  if (raw.json === true && named !== undefined && named !== 'json') throw new UsageError('json-format', { format: named });
  if (raw.json === true) return { format: 'json', given: true, envelope: false };
  return { format: (named as FormatName | undefined) ?? 'text', given: named !== undefined, envelope: named === 'json' };
}

/** `--lang`, else the environment's locale. */
export function readLang(raw: string | undefined, env: Record<string, string | undefined>): Lang {
  if (raw === undefined) return langFromEnv(env);
  const lang = parseLang(raw);
  if (!lang) throw new UsageError('lang-unknown', { value: raw, langs: LANGS });
  return lang;
}

/** Reads and validates the global options as seen from a subcommand. */
export function readGlobalOptions(command: Command, env: Record<string, string | undefined> = {}): GlobalOptions {
  const raw = command.optsWithGlobals() as Record<string, unknown>;
  const { format, given, envelope } = readFormat(raw);
  return {
    resolver: (raw.resolver as string[] | undefined) ?? [],
    doh: raw.doh as string | undefined,
    zone: (raw.zone as string[] | undefined) ?? [],
    timeout: wholeNumber(String(raw.timeout ?? DEFAULT_TIMEOUT_MS), '--timeout', 1, 600_000),
    retries: wholeNumber(String(raw.retries ?? DEFAULT_RETRIES), '--retries', 0, 10),
    format,
    formatGiven: given,
    jsonEnvelope: envelope,
    lang: readLang(raw.lang as string | undefined, env),
    color: raw.color !== false,
    quiet: raw.quiet === true,
    ...(typeof raw.output === 'string' ? { output: raw.output } : {}),
  };
}
