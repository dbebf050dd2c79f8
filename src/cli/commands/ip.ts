import type { Command } from 'commander';
import { exitCode, type ExitPolicy } from '../../core/exit.js';
import type { Report } from '../../core/report.js';
import { readSystemNameservers } from '../../dns/resolv-conf.js';
import type { Resolver } from '../../dns/types.js';
import { createDnsblLimit, listsCoveredBy } from '../../dnsbl/engine.js';
import { publicResolversIn } from '../../dnsbl/public-resolvers.js';
import { DEFAULT_MAX_LISTINGS, ListSelectionError, selectLists, zoneList } from '../../dnsbl/select.js';
import { selftest } from '../../dnsbl/selftest.js';
import type { ParsedIp } from '../../net/ip.js';
import { parseIp } from '../../net/ip.js';
import { rejectZoneIndex } from '../input.js';
import { readLineEntries } from '../line-file.js';
import { applyConfigGlobals, configValueError, loadConfig } from '../config.js';
import { checkIp, selftestReport } from '../../report/ip.js';
import type { CommandContext, CommandModule } from '../command.js';
import { UsageError } from '../exit-codes.js';
import type { GlobalOptions } from '../global-options.js';
import { collect, readGlobalOptions } from '../global-options.js';
import { printReports, printNotice } from '../output.js';
import { readFailOn, readMinScore } from '../policy.js';
import { buildResolver } from '../resolver.js';
import { BULK_NAMES, boundHeapForBulkRun } from '../heap.js';

interface IpFlags {
  file?: string;
  /** --config PATH, or false for --no-config. */
  config?: string | false;
  list?: string[];
  onlyLists?: string;
  skipLists?: string;
  maxListings?: string;
  selftest?: boolean;
  failOn?: string;
  minScore?: string;
}

/** How the command reaches DNS; tests substitute an in-memory resolver. */
export interface IpDependencies {
  buildResolver(options: GlobalOptions, signal?: AbortSignal): Promise<Resolver>;
  /** The servers queries go to (for the public-resolver warning): --resolver, --doh, or /etc/resolv.conf. */
  configuredServers(options: GlobalOptions): Promise<string[]>;
}

function maxListings(raw: string): number {
  if (!/^\d+$/.test(raw)) throw new UsageError('max-listings', { value: raw });
  return Number(raw);
}

/**
 * The one exit-code policy (core/exit.ts): 1 when a finding reaches --fail-on (a listing on a major
 * list is an error) or when an address is on more than --max-listings lists; otherwise 3 when some
 * list could not be checked; otherwise 0.
 */
export function ipPolicy(flags: Pick<IpFlags, 'failOn' | 'minScore' | 'maxListings'>): ExitPolicy {
  return { failOn: readFailOn(flags.failOn, 'error'), minScore: readMinScore(flags.minScore), maxCount: { id: 'rbl.listed', max: maxListings(flags.maxListings ?? String(DEFAULT_MAX_LISTINGS)) } };
}

/**
 * The addresses of `--file FILE` (one per line, # comments) and of `-` among the arguments (standard
 * input, the same format), after the other arguments.
 */
export async function readAddressArguments(args: readonly string[], file: string | undefined, io: CommandContext['io']): Promise<string[]> {
  const out = args.filter((a) => a !== '-');
  const files = [...(file !== undefined ? [file] : []), ...(args.includes('-') && file !== '-' ? ['-'] : [])];
  for (const name of files) {
    const entries = await readLineEntries(name, io, 'addresses');
    for (const { entry, line } of entries) {
      if (entry.includes('%') && entry.slice(0, entry.indexOf('%')).includes(':')) throw new UsageError('ip-file-line', { file: name, line, value: entry });
      if (!parseIp(entry)) throw new UsageError('ip-file-line', { file: name, line, value: entry });
      out.push(entry);
    }
    if (entries.length === 0) throw new UsageError('ip-file-empty', { file: name });
  }
  return out;
}

async function runIp(given: string[], rawFlags: IpFlags, command: Command, context: CommandContext, deps: IpDependencies): Promise<void> {
  // The config file (cli/config.ts): its sending IPs when no address is given, its lists, failOn,
  // minScore, resolver and language where no flag says otherwise.
  const loaded = await loadConfig(rawFlags.config, context.io);
  const config = loaded?.config ?? {};
  const globals = applyConfigGlobals(readGlobalOptions(command, context.io.env), command.optsWithGlobals(), loaded);
  const listFlags = rawFlags.list !== undefined || rawFlags.onlyLists !== undefined || rawFlags.skipLists !== undefined;
  const flags: IpFlags = {
    ...rawFlags,
    ...(rawFlags.failOn === undefined && config.failOn ? { failOn: config.failOn } : {}),
    ...(rawFlags.minScore === undefined && config.minScore !== undefined ? { minScore: String(config.minScore) } : {}),
    ...(!listFlags && config.lists ? { list: config.lists.add ?? [], onlyLists: config.lists.only?.join(','), skipLists: config.lists.skip?.join(',') } : {}),
  };
  // The config's empty or absent `only` and `skip` are no selection (an empty --only-lists flag is an error).
  if (!listFlags && !flags.onlyLists) delete flags.onlyLists;
  if (!listFlags && !flags.skipLists) delete flags.skipLists;
  let addresses = await readAddressArguments(given, flags.file, context.io);
  if (addresses.length === 0 && flags.selftest !== true && loaded) {
    addresses = (config.ips ?? []).map((text, i) => {
      if (!parseIp(text) || text.includes('%')) throw configValueError(loaded, `ips[${i}]`, 'ip', { value: text });
      return text;
    });
  }
  const policy = ipPolicy(flags);
  if (flags.selftest !== true && addresses.length === 0) throw new UsageError('no-addresses');
  const selftestRun = flags.selftest === true;
  if (selftestRun && addresses.length > 0) throw new UsageError('selftest-addresses');
  const parsed: ParsedIp[] = [];
  const seen = new Set<string>();
  for (const text of addresses) {
    rejectZoneIndex(text);
    const ip = parseIp(text);
    if (!ip) throw new UsageError('not-an-ip', { value: text });
    // Two spellings of one address are one report, as in every command.
    if (!seen.has(ip.address)) parsed.push(ip);
    seen.add(ip.address);
  }
  if (flags.onlyLists !== undefined && zoneList(flags.onlyLists).length === 0) throw new UsageError('only-lists-empty');
  if (parsed.length >= BULK_NAMES) boundHeapForBulkRun(context.io.env);
  let lists;
  try {
    lists = selectLists({ add: flags.list ?? [], only: zoneList(flags.onlyLists), skip: zoneList(flags.skipLists) });
  } catch (error) {
    if (error instanceof ListSelectionError) throw new UsageError(error.code, { zone: error.zone });
    throw error;
  }
  if (lists.length === 0) throw new UsageError('no-lists');

  const resolver = await deps.buildResolver(globals, context.signal);
  const { covered, uncovered } = listsCoveredBy(lists, resolver);
  if (covered.length === 0) throw new UsageError('zones-cover-no-list', { count: lists.length });
  const { io } = context;
  if (uncovered.length > 0) await printNotice(io, globals.lang, 'notice-lists-not-covered', { uncovered: uncovered.length, total: lists.length });
  // Each list gets one --timeout in all (engine.ts), so a retry after it could never be used; without
  // retries no socket outlives the budget, and the process exits as soon as the report is printed.
  const listResolver = globals.retries === 0 ? resolver : await deps.buildResolver({ ...globals, retries: 0 }, context.signal);
  const publicOnes = publicResolversIn(await deps.configuredServers(globals));
  if (publicOnes.length > 0) await printNotice(io, globals.lang, 'warning-public-resolver', { servers: publicOnes });
  const limit = createDnsblLimit();

  if (selftestRun) {
    const results = await selftest(covered, listResolver, { timeoutMs: globals.timeout, limit });
    const reports = results.map(selftestReport);
    await printReports(reports, globals, io, { command: 'ip-selftest' });
    context.setExitCode(exitCode(reports, { failOn: 'error', minScore: 0 }));
    return;
  }

  const reports: Report[] = await Promise.all(parsed.map((ip) => checkIp(ip, resolver, { lists: covered, notCovered: uncovered, timeoutMs: globals.timeout, limit, listResolver })));
  await printReports(reports, globals, io, { command: 'ip', failOn: policy.failOn });
  context.setExitCode(exitCode(reports, policy));
}

export function createIpCommand(deps: IpDependencies): CommandModule {
  return {
    name: 'ip',
    example: 'mailcheck ip 192.0.2.25              # blacklists (DNSBLs) and reverse DNS of a sending IP',
    register(program, context) {
      program
        .command('ip')
        .description('look an IP up on DNS blacklists (every list at once) and check its reverse DNS')
        .argument('[addresses...]', 'IPv4 or IPv6 addresses (- reads them from standard input, one per line)')
        .option('--file <path>', 'read addresses from a file, one per line (# comments; - for stdin)')
        .option('--list <zone>', 'also query this list (repeatable)', collect)
        .option('--only-lists <zones>', 'query only these lists (comma-separated zones), instead of the catalogue')
        .option('--skip-lists <zones>', 'do not query these lists (comma-separated zones)')
        .option('--max-listings <n>', `exit 1 when listed on more than N lists (default ${DEFAULT_MAX_LISTINGS}); a major list always does`)
        .option('--fail-on <level>', 'exit 1 when a finding is at least this severe: error (default; a major listing), warning, info or none')
        .option('--min-score <n>', 'exit 1 when an address scores below this, 0-100 (default 0)')
        .option('--selftest', 'check each list with the RFC 5782 test points: dead, refusing, or listing everything')
        .option('--config <path>', 'the config file (default: mailcheck.config.json or .mailcheckrc.json here or in a folder above): its ips, lists, failOn, minScore, resolver, lang')
        .option('--no-config', 'ignore any config file')
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
