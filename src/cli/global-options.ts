import type { Command } from 'commander';
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
  json: boolean;
  color: boolean;
  quiet: boolean;
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
    .option('--json', 'print JSON (stable, documented shape)')
    .option('--no-color', 'no colours (NO_COLOR in the environment does the same)')
    .option('-q, --quiet', 'print only problems (never changes the exit code)');
}

function wholeNumber(raw: string, flag: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new UsageError(`${flag} takes a whole number, not "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError(`${flag} must be between ${min} and ${max}, not ${value}`);
  return value;
}

/** Reads and validates the global options as seen from a subcommand. */
export function readGlobalOptions(command: Command): GlobalOptions {
  const raw = command.optsWithGlobals() as Record<string, unknown>;
  return {
    resolver: (raw.resolver as string[] | undefined) ?? [],
    doh: raw.doh as string | undefined,
    zone: (raw.zone as string[] | undefined) ?? [],
    timeout: wholeNumber(String(raw.timeout ?? DEFAULT_TIMEOUT_MS), '--timeout', 1, 600_000),
    retries: wholeNumber(String(raw.retries ?? DEFAULT_RETRIES), '--retries', 0, 10),
    json: raw.json === true,
    color: raw.color !== false,
    quiet: raw.quiet === true,
  };
}
