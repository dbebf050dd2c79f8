import type { Command } from 'commander';
import { buildResolver } from '../dns/build.js';
import { normalizeDomainInput } from '../net/domain-name.js';
import { makeChalk } from '../render/color.js';
import { renderSpfText, spfJson } from '../render/spf.js';
import type { SpfResult } from '../spf/check-host.js';
import { SPF_RESULTS, checkHost, isSpfResult, parseClientIp } from '../spf/check-host.js';
import type { CommandModule } from './command.js';
import { EXIT_FINDINGS, EXIT_INCOMPLETE, EXIT_OK, UsageError } from './exit-codes.js';
import { readGlobalOptions } from './global-options.js';

interface SpfOptions {
  ip?: string;
  sender?: string;
  helo?: string;
  trace: boolean;
  expect?: string;
}

/** A domain name as typed (IDN allowed) → its ASCII form, or a UsageError. */
export function domainArgument(text: string, what: string): string {
  if (parseClientIp(text)) throw new UsageError(`${what} "${text}" is an IP address: give the domain (pass the address with --ip)`);
  const normalized = normalizeDomainInput(text);
  if ('error' in normalized) throw new UsageError(`${what}: ${normalized.error}`);
  return normalized.domain;
}

/** `--expect pass` or `--expect pass,softfail`: the results that count as expected. */
export function expectArgument(text: string): SpfResult[] {
  const values = text.split(',').map((v) => v.trim().toLowerCase());
  for (const value of values) {
    if (!isSpfResult(value)) throw new UsageError(`--expect takes one of ${SPF_RESULTS.join(', ')} (or several, comma-separated), not "${value}"`);
  }
  return values as SpfResult[];
}

/**
 * Exit code: 1 when --expect did not hold; 3 when the result is temperror (a lookup failed) and
 * temperror was not what --expect asked for; otherwise 0, whatever the result.
 */
export function spfExitCode(result: SpfResult, expected: SpfResult[] | undefined): number {
  if (expected?.includes(result)) return EXIT_OK;
  if (result === 'temperror') return EXIT_INCOMPLETE;
  if (expected) return EXIT_FINDINGS;
  return EXIT_OK;
}

export const spfCommand: CommandModule = {
  name: 'spf',
  example: 'mailcheck spf example.test --ip 192.0.2.25 --zone examples/example.test.zone --expect pass',
  register(program: Command, context) {
    program
      .command('spf')
      .description('would mail from this IP pass SPF for this domain? (RFC 7208 check_host)')
      .argument('<domain>', 'the domain whose SPF policy is checked (the MAIL FROM domain, or the HELO name)')
      .option('--ip <addr>', 'the sending IP address, IPv4 or IPv6 (required)')
      .option('--sender <address>', 'MAIL FROM address (default postmaster@<domain>); "" for the null sender')
      .option('--helo <name>', 'HELO/EHLO name, used by %{h} macros (default: <domain>)')
      .option('--trace', 'show the evaluation step by step through includes and redirects', false)
      .option('--expect <result>', `exit 1 unless the result is this (${SPF_RESULTS.join('|')}; comma-separate several)`)
      .action(async (domainArg: string, options: SpfOptions, command: Command) => {
        const global = readGlobalOptions(command);
        const domain = domainArgument(domainArg, 'domain');
        if (options.ip === undefined) throw new UsageError('--ip is required: the sending IP address to check');
        const client = parseClientIp(options.ip);
        if (!client) throw new UsageError(`--ip takes an IPv4 or IPv6 address, not "${options.ip}"`);
        const expected = options.expect === undefined ? undefined : expectArgument(options.expect);
        const helo = options.helo === undefined ? domain : options.helo.trim();
        if (helo === '') throw new UsageError('--helo needs a name');
        let sender: string;
        if (options.sender === undefined) sender = `postmaster@${domain}`;
        else if (options.sender === '') sender = '';
        else if (!options.sender.includes('@')) throw new UsageError(`--sender takes an address like local@${domain}, not "${options.sender}"`);
        else sender = options.sender.trim();

        const resolver = await buildResolver(global);
        const outcome = await checkHost({ ip: options.ip.trim(), domain, sender, helo }, resolver);
        const question = { domain, ip: client.address.toString(), sender: sender === '' ? `postmaster@${helo}` : sender, helo };
        const { io } = context;
        const exitCode = spfExitCode(outcome.result, expected);
        // --quiet prints nothing when all is well: the expected result, or pass when nothing was expected.
        const wellThen = expected ? exitCode === EXIT_OK : outcome.result === 'pass';
        if (global.json) io.stdout(`${JSON.stringify(spfJson(question, outcome), null, 2)}\n`);
        else if (!(global.quiet && wellThen)) io.stdout(renderSpfText(question, outcome, makeChalk(io, global.color), { trace: options.trace, quiet: global.quiet }));
        context.setExitCode(exitCode);
      });
  },
};
