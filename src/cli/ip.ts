import type { Command } from 'commander';
import { buildResolver } from '../dns/build.js';
import { readSystemNameservers } from '../dns/resolv-conf.js';
import type { Resolver } from '../dns/types.js';
import type { IpReport } from '../dnsbl/ip-report.js';
import { DEFAULT_MAX_LISTINGS, gatherIpReport, ipReportJson, selectLists } from '../dnsbl/ip-report.js';
import { createDnsblLimit, listsCoveredBy } from '../dnsbl/engine.js';
import { publicResolverWarning } from '../dnsbl/public-resolvers.js';
import type { SelftestResult } from '../dnsbl/selftest.js';
import { selftest } from '../dnsbl/selftest.js';
import type { ParsedIp } from '../net/ip.js';
import { parseIp } from '../net/ip.js';
import { makeChalk } from '../render/color.js';
import { renderIpText, renderSelftestText } from '../render/ip.js';
import type { CommandContext, CommandModule } from './command.js';
import { EXIT_FINDINGS, EXIT_INCOMPLETE, EXIT_OK, UsageError } from './exit-codes.js';
import type { GlobalOptions } from './global-options.js';
import { collect, readGlobalOptions } from './global-options.js';

interface IpFlags {
  list?: string[];
  onlyLists?: string;
  skipLists?: string;
  maxListings?: string;
  selftest?: boolean;
}

/** How the command reaches DNS; tests substitute an in-memory resolver. */
export interface IpDependencies {
  buildResolver(options: GlobalOptions): Promise<Resolver>;
  /** The servers queries go to (for the public-resolver warning): --resolver, --doh, or /etc/resolv.conf. */
  configuredServers(options: GlobalOptions): Promise<string[]>;
}

function zoneList(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((z) => z.trim()).filter((z) => z.length > 0);
}

function maxListings(raw: string): number {
  if (!/^\d+$/.test(raw)) throw new UsageError(`--max-listings takes a whole number, not "${raw}"`);
  return Number(raw);
}

/**
 * 1 when any address is listed on a major list or on more than `max` lists; otherwise 3 when some
 * lookup failed or was refused (the answer is incomplete); otherwise 0.
 */
export function ipExitCode(reports: readonly IpReport[], max: number): number {
  if (reports.some((r) => r.majorListed > 0 || r.listed > max)) return EXIT_FINDINGS;
  if (reports.some((r) => r.failed > 0)) return EXIT_INCOMPLETE;
  return EXIT_OK;
}

/** 1 when a list is dead, broken or lists everything; otherwise 3 when some could not be tested; otherwise 0. */
export function selftestExitCode(results: readonly SelftestResult[]): number {
  if (results.some((r) => r.verdict === 'dead' || r.verdict === 'broken' || r.verdict === 'lists-everything')) return EXIT_FINDINGS;
  if (results.some((r) => r.verdict === 'refused' || r.verdict === 'unreachable')) return EXIT_INCOMPLETE;
  return EXIT_OK;
}

async function runIp(addresses: string[], flags: IpFlags, command: Command, context: CommandContext, deps: IpDependencies): Promise<void> {
  const globals = readGlobalOptions(command);
  const max = maxListings(flags.maxListings ?? String(DEFAULT_MAX_LISTINGS));
  if (flags.selftest !== true && addresses.length === 0) throw new UsageError('give at least one IP address (or --selftest)');
  const selftestRun = flags.selftest === true;
  if (selftestRun && addresses.length > 0) throw new UsageError('--selftest takes no addresses');
  const parsed: ParsedIp[] = addresses.map((text) => {
    const ip = parseIp(text);
    if (!ip) throw new UsageError(`not an IPv4 or IPv6 address: "${text}"`);
    return ip;
  });
  let lists;
  try {
    lists = selectLists({ add: flags.list ?? [], only: zoneList(flags.onlyLists), skip: zoneList(flags.skipLists) });
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  if (lists.length === 0) throw new UsageError('no lists left to query');

  const resolver = await deps.buildResolver(globals);
  const { covered, uncovered } = listsCoveredBy(lists, resolver);
  if (covered.length === 0) throw new UsageError(`the zone files describe none of the ${lists.length} lists; add the lists' records to them, or ask the network`);
  if (uncovered.length > 0) context.io.stderr(`mailcheck: notice: ${uncovered.length} of ${lists.length} lists not checked: the zone files do not describe them\n`);
  lists = covered;
  // Each list gets one --timeout in all (engine.ts), so a retry after it could never be used; without
  // retries no socket outlives the budget, and the process exits as soon as the report is printed.
  const listResolver = globals.retries === 0 ? resolver : await deps.buildResolver({ ...globals, retries: 0 });
  const { io } = context;
  const warning = publicResolverWarning(await deps.configuredServers(globals));
  if (warning) io.stderr(`mailcheck: warning: ${warning}\n`);
  const c = makeChalk(io, globals.color);
  const limit = createDnsblLimit();

  if (selftestRun) {
    const results = await selftest(lists, listResolver, { timeoutMs: globals.timeout, limit });
    io.stdout(globals.json ? `${JSON.stringify(results, null, 2)}\n` : renderSelftestText(results, c, { quiet: globals.quiet }));
    context.setExitCode(selftestExitCode(results));
    return;
  }

  const reports = await Promise.all(parsed.map((ip) => gatherIpReport(ip, resolver, { lists, timeoutMs: globals.timeout, limit, listResolver })));
  if (globals.json) {
    const json = reports.map(ipReportJson);
    io.stdout(`${JSON.stringify(json.length === 1 ? json[0] : json, null, 2)}\n`);
  } else {
    io.stdout(reports.map((r) => renderIpText(r, c, { quiet: globals.quiet })).join('\n'));
  }
  context.setExitCode(ipExitCode(reports, max));
}

export function createIpCommand(deps: IpDependencies): CommandModule {
  return {
    name: 'ip',
    example: 'mailcheck ip 192.0.2.25              # blacklists (DNSBLs) and reverse DNS of a sending IP',
    register(program, context) {
      program
        .command('ip')
        .description('look an IP up on DNS blacklists (every list at once) and check its reverse DNS')
        .argument('[addresses...]', 'IPv4 or IPv6 addresses')
        .option('--list <zone>', 'also query this list (repeatable)', collect)
        .option('--only-lists <zones>', 'query only these lists (comma-separated zones), instead of the catalogue')
        .option('--skip-lists <zones>', 'do not query these lists (comma-separated zones)')
        .option('--max-listings <n>', `exit 1 when listed on more than N lists (default ${DEFAULT_MAX_LISTINGS}); a major list always does`)
        .option('--selftest', 'check each list with the RFC 5782 test points: dead, refusing, or listing everything')
        .action(async (addresses: string[], flags: IpFlags, command: Command) => runIp(addresses, flags, command, context, deps));
    },
  };
}

/** `mailcheck ip` on the real resolver. */
export const networkDependencies: IpDependencies = {
  buildResolver,
  async configuredServers(options) {
    if (options.zone.length > 0) return [];
    if (options.doh !== undefined) return [options.doh];
    if (options.resolver.length > 0) return options.resolver;
    return (await readSystemNameservers()).map((server) => server.host);
  },
};

export const ipCommand = createIpCommand(networkDependencies);
