import type { Command } from 'commander';
import { exitCode } from '../../core/exit.js';
import { normalizeDomainInput } from '../../net/domain-name.js';
import { checkSpf } from '../../report/spf.js';
import type { SpfResult } from '../../spf/check-host.js';
import { SPF_RESULTS, isSpfResult, parseClientIp } from '../../spf/check-host.js';
import type { CommandModule } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { collect, readGlobalOptions } from '../global-options.js';
import { isAcceptableHelo, rejectZoneIndex } from '../input.js';
import { printReports } from '../output.js';
import { buildResolver } from '../resolver.js';

interface SpfOptions {
  ip?: string[];
  sender?: string;
  helo?: string;
  trace: boolean;
  expect?: string;
}

/** A domain name as typed (IDN allowed) → its ASCII form, or a UsageError. */
export function domainArgument(text: string, what: string): string {
  if (parseClientIp(text)) throw new UsageError('spf-domain-is-ip', { what, text });
  const normalized = normalizeDomainInput(text);
  if ('error' in normalized) throw new UsageError('spf-domain', { what, error: { ...normalized.error } });
  return normalized.domain;
}

/** Lower case, no trailing dot: how two spellings of one domain compare. */
const sameName = (a: string, b: string) => a.trim().replace(/\.$/, '').toLowerCase() === b.trim().replace(/\.$/, '').toLowerCase();

/**
 * The domain to check. A malformed one is a usage error, unless it is the domain a receiver would
 * take from --sender (or from --helo for the null sender): receiver emulation, where RFC 7208 §4.3
 * says check_host() gives `none` for a malformed domain, and so does the check (with the reason).
 */
export function checkedDomain(text: string, sender: string | undefined, helo: string | undefined): string {
  try {
    return domainArgument(text, 'domain');
  } catch (error) {
    const senderDomain = sender ? sender.slice(sender.lastIndexOf('@') + 1) : undefined;
    const fromSender = senderDomain !== undefined && sameName(text, senderDomain);
    const fromHelo = sender === '' && helo !== undefined && sameName(text, helo);
    if (fromSender || fromHelo) return text.trim();
    throw error;
  }
}

/** `--expect pass` or `--expect pass,softfail`: the results that count as expected. */
export function expectArgument(text: string): SpfResult[] {
  const values = text.split(',').map((v) => v.trim().toLowerCase());
  for (const value of values) {
    if (!isSpfResult(value)) throw new UsageError('expect', { value, results: SPF_RESULTS });
  }
  return values as SpfResult[];
}

/**
 * Exit code (the one policy, core/exit.ts): 1 when --expect did not hold (`spf.unexpected`); 3 when
 * the result is temperror (a lookup failed) and temperror was not what --expect asked for; otherwise
 * 0, whatever the result.
 */
export const SPF_POLICY = { failOn: 'none', minScore: 0, maxCount: { id: 'spf.unexpected', max: 0 } } as const;

export const spfCommand: CommandModule = {
  name: 'spf',
  example: 'mailcheck spf example.test --ip 192.0.2.25 --zone examples/example.test.zone --expect pass',
  register(program: Command, context) {
    program
      .command('spf')
      .description('would mail from this IP pass SPF for this domain? (RFC 7208 check_host)')
      .argument('<domain>', 'the domain whose SPF policy is checked (the MAIL FROM domain, or the HELO name)')
      .option('--ip <addr>', 'the sending IP address, IPv4 or IPv6 (required; repeatable: each is checked)', collect)
      .option('--sender <address>', 'MAIL FROM address (default postmaster@<domain>); "" for the null sender')
      .option('--helo <name>', 'HELO/EHLO name, used by %{h} macros (default: <domain>)')
      .option('--trace', 'show the evaluation step by step through includes and redirects', false)
      .option('--expect <result>', `exit 1 unless the result is this (${SPF_RESULTS.join('|')}; comma-separate several)`)
      .action(async (domainArg: string, options: SpfOptions, command: Command) => {
        const global = readGlobalOptions(command, context.io.env);
        if (options.helo !== undefined && !isAcceptableHelo(options.helo.trim())) throw new UsageError('helo', { value: options.helo });
        const domain = checkedDomain(domainArg, options.sender?.trim(), options.helo?.trim());
        const ipTexts = options.ip ?? [];
        if (ipTexts.length === 0) throw new UsageError('spf-ip-required');
        const clients: string[] = [];
        for (const text of ipTexts) {
          rejectZoneIndex(text, '--ip');
          const client = parseClientIp(text);
          if (!client) throw new UsageError('spf-ip', { value: text });
          // Two spellings of one address are checked once.
          if (!clients.includes(client.address.toString())) clients.push(client.address.toString());
        }
        const expected = options.expect === undefined ? undefined : expectArgument(options.expect);
        const helo = options.helo === undefined ? domain : options.helo.trim();
        if (helo === '') throw new UsageError('helo-empty');
        let sender: string;
        if (options.sender === undefined) sender = `postmaster@${domain}`;
        else if (options.sender === '') sender = '';
        else if (!options.sender.includes('@')) throw new UsageError('sender', { domain, value: options.sender });
        else sender = options.sender.trim();

        const resolver = await buildResolver(global, context.signal);
        const reports = await Promise.all(clients.map((ip) => {
          const question = { domain, ip, sender: sender === '' ? `postmaster@${helo}` : sender, helo };
          return checkSpf({ ip, domain, sender, helo }, question, resolver, expected);
        }));
        const code = exitCode(reports, SPF_POLICY);
        await printReports(reports, global, context.io, { command: 'spf', options: { trace: options.trace, expected: expected ?? null } });
        context.setExitCode(code);
      });
  },
};
