import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { exitCode, type FailOn } from '../../core/exit.js';
import type { Report } from '../../core/report.js';
import { gatherContext } from '../../gather/context.js';
import type { Resolver } from '../../dns/types.js';
import { normalizeDomainInput, isValidSelector } from '../../net/domain-name.js';
import { parseIp } from '../../net/ip.js';
import { checkDomains } from '../../report/domain.js';
import { UsageError } from '../exit-codes.js';
import type { CommandModule } from '../command.js';
import { collect, readGlobalOptions, type GlobalOptions } from '../global-options.js';
import type { Io } from '../io.js';
import { buildResolver } from '../resolver.js';
import { printReports } from '../output.js';
import { readFailOn, readMinScore } from '../policy.js';
import { loadCatalogue } from '../../messages/index.js';
import { label } from '../../render/words.js';
import { safeLine } from '../../render/escape.js';
import { parseTransportOptions, transportContext, type TransportOptions } from '../transport.js';
import { BULK_PROFILES } from '../../data/bulk-sender-rules.js';

export const DEFAULT_DOMAIN_CONCURRENCY = 8;

export interface DomainOptions {
  selectors: string[];
  ips: string[];
  failOn: FailOn;
  minScore: number;
  concurrency: number;
  /** --smtp, --smtp-port, --helo, --mta-sts-policy, --profile (cli/transport.ts); the defaults when absent. */
  transport?: TransportOptions;
}

/** Domain names from the arguments and --file (one per line, # comments), validated, de-duplicated. */
export async function readDomains(args: readonly string[], file: string | undefined, io: Io): Promise<string[]> {
  const raw = [...args];
  if (file !== undefined) {
    let text: string;
    try {
      text = file === '-' ? (await io.readStdin()).toString('utf8') : await readFile(file, 'utf8');
    } catch (error) {
      throw new UsageError('file-read', { file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
    }
    for (const line of text.split(/\r?\n/)) {
      const entry = line.replace(/#.*/, '').trim();
      if (entry !== '') raw.push(entry);
    }
  }
  if (raw.length === 0) throw new UsageError('no-domains');
  const domains = new Set<string>();
  for (const entry of raw) {
    const parsed = normalizeDomainInput(entry);
    if ('error' in parsed) throw new UsageError('domain', { ...parsed.error });
    domains.add(parsed.domain);
  }
  return [...domains];
}

export function parseDomainOptions(raw: Record<string, unknown>): DomainOptions {
  const selectors = (raw.selector as string[] | undefined) ?? [];
  for (const s of selectors) if (!isValidSelector(s)) throw new UsageError('selector', { value: s });
  const ips = ((raw.ip as string[] | undefined) ?? []).map((text) => {
    const ip = parseIp(text);
    if (!ip) throw new UsageError('ip-option', { value: text });
    return ip.address;
  });
  const concurrency = String(raw.concurrency ?? DEFAULT_DOMAIN_CONCURRENCY);
  if (!/^\d+$/.test(concurrency) || Number(concurrency) < 1 || Number(concurrency) > 256) throw new UsageError('concurrency', { value: concurrency });
  return { selectors: [...new Set(selectors)], ips: [...new Set(ips)], failOn: readFailOn(raw.failOn, 'error'), minScore: readMinScore(raw.minScore), concurrency: Number(concurrency), transport: parseTransportOptions(raw) };
}

/** The whole command after option parsing: check, print, and return the exit code. */
export async function runDomainCommand(domains: readonly string[], options: DomainOptions, global: GlobalOptions, resolver: Resolver, io: Io): Promise<number> {
  // A spinner only for a person watching text output: never for other formats, never without a terminal.
  // ora (and what it pulls in) is loaded only then.
  // Its words come from the catalogue of the chosen language (labels `domain.checking`, `domain.checked`, `domain.checked-of`).
  const showSpinner = global.format === 'text' && io.stderrIsTTY && io.stderrStream !== undefined;
  const words = showSpinner ? await loadCatalogue(global.lang) : undefined;
  const say = (id: string, data: Record<string, unknown>) => (words ? safeLine(label(words, id, data)) : '');
  const spinner = showSpinner ? (await import('ora')).default({ text: say('domain.checking', { domain: domains[0] }), stream: io.stderrStream }).start() : undefined;
  let done = 0;
  const transport = options.transport ?? parseTransportOptions({});
  const ctx = gatherContext(resolver, { timeoutMs: global.timeout, ...(await transportContext(transport, global)) });
  const reports: Report[] = await checkDomains(domains, { ...options, ...(transport.profile ? { profile: transport.profile } : {}) }, ctx, (report) => {
    done++;
    if (spinner) spinner.text = domains.length > 1 ? say('domain.checked-of', { done, total: domains.length, domain: report.subject }) : say('domain.checked', { domain: report.subject });
  });
  spinner?.stop();
  // With --zone, SARIF and annotations point at the record's file and line.
  await printReports(reports, global, io, { command: 'domain', failOn: options.failOn, options: { locate: resolver.locate } });
  return exitCode(reports, options);
}

export const domainCommand: CommandModule = {
  name: 'domain',
  example: 'mailcheck domain example.com --selector s1 --ip 203.0.113.5',
  register(program: Command, context) {
    program
      .command('domain')
      .description('scored deliverability report for sending domains: MX, SPF, DMARC, DKIM, reverse DNS, blacklists, MTA-STS, DNSSEC, DANE, bulk-sender rules, with exact fixes')
      .argument('[domains...]', 'domains to check')
      .option('--selector <name>', 'DKIM selector to check, besides the common ones probed (repeatable)', collect)
      .option('--ip <addr>', 'an IP you send from: its reverse DNS is checked and SPF evaluated for it (repeatable)', collect)
      .option('--file <path>', 'read domains from a file, one per line (# comments; - for stdin)')
      .option('--fail-on <level>', 'exit 1 when a finding is at least this severe: error (default), warning, info or none')
      .option('--min-score <n>', 'exit 1 when a domain scores below this, 0-100 (default 0)')
      .option('--concurrency <n>', `domains checked at once (default ${DEFAULT_DOMAIN_CONCURRENCY})`)
      .option('--mta-sts-policy <file>', 'judge this MTA-STS policy file instead of fetching the policy (with --zone: instead of skipping it)')
      .option('--smtp', 'probe each MX host on port 25: STARTTLS, TLS version, certificate (opt-in: port 25 is blocked on many networks)')
      .option('--smtp-port <n>', 'port of the --smtp probe (default 25; for a lab or test server)')
      .option('--helo <name>', 'the name the --smtp probe announces in EHLO (default: this host name if it is a full name, else localhost)')
      .option('--profile <name>', `judge the bulk-sender rules of ${BULK_PROFILES.join(', ')}; their failures are then errors`)
      .action(async (args: string[], raw: Record<string, unknown>, command: Command) => {
        const global = readGlobalOptions(command, context.io.env);
        const options = parseDomainOptions(raw);
        const domains = await readDomains(args, raw.file as string | undefined, context.io);
        const resolver = await buildResolver(global);
        context.setExitCode(await runDomainCommand(domains, options, global, resolver, context.io));
      });
  },
};
