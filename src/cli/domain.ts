import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import pLimit from 'p-limit';
import { DOMAIN_CHECKS } from '../checks/index.js';
import { buildResolver } from '../dns/build.js';
import type { Resolver } from '../dns/types.js';
import { gatherDomain, type DomainTarget } from '../gather/domain.js';
import { normalizeDomainInput, isValidSelector } from '../net/domain-name.js';
import { parseIp } from '../net/ip.js';
import { buildDomainReport, type DomainReport } from '../report/domain.js';
import { domainExitCode, type FailOn } from '../report/exit-code.js';
import { makeChalk } from '../render/color.js';
import { renderDomainJson } from '../render/domain-json.js';
import { renderDomainText } from '../render/domain-text.js';
import { UsageError } from './exit-codes.js';
import type { CommandModule } from './command.js';
import { collect, readGlobalOptions, type GlobalOptions } from './global-options.js';
import type { Io } from './io.js';

export const DEFAULT_DOMAIN_CONCURRENCY = 8;

export interface DomainOptions {
  selectors: string[];
  ips: string[];
  failOn: FailOn;
  minScore: number;
  concurrency: number;
}

/** Gathers and checks every domain, at most `concurrency` at a time; reports in input order. */
export async function checkDomains(domains: readonly string[], options: Pick<DomainOptions, 'selectors' | 'ips' | 'concurrency'> & { timeoutMs?: number }, resolver: Resolver, onDone?: (report: DomainReport) => void): Promise<DomainReport[]> {
  const limit = pLimit(options.concurrency);
  return Promise.all(
    domains.map((domain) =>
      limit(async () => {
        const target: DomainTarget = { domain, selectors: options.selectors, ips: options.ips, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) };
        const report = buildDomainReport(await gatherDomain(target, resolver), DOMAIN_CHECKS);
        onDone?.(report);
        return report;
      }),
    ),
  );
}

/** Domain names from the arguments and --file (one per line, # comments), validated, de-duplicated. */
export async function readDomains(args: readonly string[], file: string | undefined, io: Io): Promise<string[]> {
  const raw = [...args];
  if (file !== undefined) {
    let text: string;
    try {
      text = file === '-' ? (await io.readStdin()).toString('utf8') : await readFile(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read --file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    for (const line of text.split(/\r?\n/)) {
      const entry = line.replace(/#.*/, '').trim();
      if (entry !== '') raw.push(entry);
    }
  }
  if (raw.length === 0) throw new UsageError('give at least one domain (or --file FILE)');
  const domains: string[] = [];
  for (const entry of raw) {
    const parsed = normalizeDomainInput(entry);
    if ('error' in parsed) throw new UsageError(parsed.error);
    if (!domains.includes(parsed.domain)) domains.push(parsed.domain);
  }
  return domains;
}

export function parseDomainOptions(raw: Record<string, unknown>): DomainOptions {
  const selectors = (raw.selector as string[] | undefined) ?? [];
  for (const s of selectors) if (!isValidSelector(s)) throw new UsageError(`--selector ${s} is not a valid DKIM selector`);
  const ips = ((raw.ip as string[] | undefined) ?? []).map((text) => {
    const ip = parseIp(text);
    if (!ip) throw new UsageError(`--ip ${text} is not an IPv4 or IPv6 address`);
    return ip.address;
  });
  const failOn = String(raw.failOn ?? 'error');
  if (!['error', 'warning', 'info', 'none'].includes(failOn)) throw new UsageError(`--fail-on takes error, warning, info or none, not "${failOn}"`);
  const minScore = String(raw.minScore ?? '0');
  if (!/^\d+$/.test(minScore) || Number(minScore) > 100) throw new UsageError(`--min-score takes a whole number from 0 to 100, not "${minScore}"`);
  const concurrency = String(raw.concurrency ?? DEFAULT_DOMAIN_CONCURRENCY);
  if (!/^\d+$/.test(concurrency) || Number(concurrency) < 1 || Number(concurrency) > 256) throw new UsageError(`--concurrency takes a whole number from 1 to 256, not "${concurrency}"`);
  return { selectors: [...new Set(selectors)], ips: [...new Set(ips)], failOn: failOn as FailOn, minScore: Number(minScore), concurrency: Number(concurrency) };
}

/** The whole command after option parsing: check, print, and return the exit code. */
export async function runDomainCommand(domains: readonly string[], options: DomainOptions, global: Pick<GlobalOptions, 'json' | 'quiet' | 'color'> & Partial<Pick<GlobalOptions, 'timeout'>>, resolver: Resolver, io: Io): Promise<number> {
  // A spinner only for a person watching text output: never with --json, never without a terminal.
  // ora (and what it pulls in) is loaded only then.
  const spinner = !global.json && io.stderrIsTTY && io.stderrStream ? (await import('ora')).default({ text: `checking ${domains[0]}`, stream: io.stderrStream }).start() : undefined;
  let done = 0;
  const reports = await checkDomains(domains, { ...options, ...(global.timeout !== undefined ? { timeoutMs: global.timeout } : {}) }, resolver, (report) => {
    done++;
    if (spinner) spinner.text = domains.length > 1 ? `checked ${done} of ${domains.length} (${report.domain})` : `checked ${report.domain}`;
  });
  spinner?.stop();
  if (global.json) io.stdout(renderDomainJson(reports));
  else {
    const chalk = makeChalk(io, global.color);
    io.stdout(reports.map((r) => renderDomainText(r, { chalk, quiet: global.quiet })).join('\n'));
  }
  return domainExitCode(reports, options);
}

export const domainCommand: CommandModule = {
  name: 'domain',
  example: 'mailcheck domain example.com --selector s1 --ip 203.0.113.5',
  register(program: Command, context) {
    program
      .command('domain')
      .description('scored deliverability report for sending domains: MX, SPF, DMARC, DKIM, reverse DNS, provider, with exact fixes')
      .argument('[domains...]', 'domains to check')
      .option('--selector <name>', 'DKIM selector to check, besides the common ones probed (repeatable)', collect)
      .option('--ip <addr>', 'an IP you send from: its reverse DNS is checked and SPF evaluated for it (repeatable)', collect)
      .option('--file <path>', 'read domains from a file, one per line (# comments; - for stdin)')
      .option('--fail-on <level>', 'exit 1 when a finding is at least this severe: error (default), warning, info or none')
      .option('--min-score <n>', 'exit 1 when a domain scores below this, 0-100 (default 0)')
      .option('--concurrency <n>', `domains checked at once (default ${DEFAULT_DOMAIN_CONCURRENCY})`)
      .action(async (args: string[], raw: Record<string, unknown>, command: Command) => {
        const global = readGlobalOptions(command);
        const options = parseDomainOptions(raw);
        const domains = await readDomains(args, raw.file as string | undefined, context.io);
        const resolver = await buildResolver(global);
        context.setExitCode(await runDomainCommand(domains, options, global, resolver, context.io));
      });
  },
};
