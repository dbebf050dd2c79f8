import { readFile, writeFile } from 'node:fs/promises';
import { readLineEntries } from '../line-file.js';
import type { Command } from 'commander';
import { exitCode, type FailOn } from '../../core/exit.js';
import type { Report } from '../../core/report.js';
import { gatherContext } from '../../gather/context.js';
import type { Resolver } from '../../dns/types.js';
import { normalizeDomainInput, isValidSelector } from '../../net/domain-name.js';
import { parseIp } from '../../net/ip.js';
import { rejectZoneIndex } from '../input.js';
import { checkDomain } from '../../report/domain.js';
import { DOMAIN_CHECKS } from '../../checks/index.js';
import type { Check } from '../../core/check.js';
import type { DomainFacts } from '../../gather/domain.js';
import { createRblCache } from '../../gather/rbl.js';
import { applyRules, type RuleLevel } from '../../report/rules.js';
import { applyBaseline, baselineEntries, baselineOf, baselineSet, checkBaselineFile, entryKey, type Baseline, type BaselineEntry } from '../../report/baseline.js';
import { applyConfigGlobals, configPath, configValueError, loadConfig, type LoadedConfig } from '../config.js';
import { REORDER_WINDOW, domainsInNdjson, inShard, runBounded } from '../bulk.js';
import { BULK_NAMES, boundHeapForBulkRun } from '../heap.js';
import { progressBar } from '../progress.js';
import { formatEta } from '../row-progress.js';
import { loadFormat } from '../../render/index.js';
import { renderContext, printNotice } from '../output.js';
import type { DnsblList } from '../../dnsbl/catalogue.js';
import { ListSelectionError, selectLists, zoneList } from '../../dnsbl/select.js';
import { DEFAULT_DEADLINE_MS } from '../../gather/limits.js';
import { UsageError } from '../exit-codes.js';
import type { CommandModule } from '../command.js';
import { collect, readGlobalOptions, type GlobalOptions } from '../global-options.js';
import type { Io } from '../io.js';
import { buildResolver } from '../resolver.js';
import { printReports } from '../output.js';
import { canSpin, startSpinner } from '../spinner.js';
import { readFailOn, readMinScore } from '../policy.js';
import { loadCatalogue } from '../../messages/index.js';
import { label } from '../../render/words.js';
import { parseTransportOptions, transportContext, type TransportOptions } from '../transport.js';
import { BULK_PROFILES } from '../../data/bulk-sender-rules.js';

export const DEFAULT_DOMAIN_CONCURRENCY = 8;

export interface DomainOptions {
  selectors: string[];
  ips: string[];
  failOn: FailOn;
  minScore: number;
  concurrency: number;
  /** Time budget of each domain (--deadline), in milliseconds; default DEFAULT_DEADLINE_MS. */
  deadline?: number;
  /** --smtp, --smtp-port, --helo, --mta-sts-policy, --profile (cli/transport.ts); the defaults when absent. */
  transport?: TransportOptions;
  /** --only / --skip (and the config's `checks`): the ids of the checks that run; absent: all of them. */
  checks?: string[];
  /** The config's `rules`: severity overrides and `off`, by finding id. */
  rules?: Record<string, RuleLevel>;
  /** The config's per-domain selectors and sending IPs, added to those of every domain. */
  perDomain?: Map<string, { selectors: string[]; ips: string[] }>;
  /** The config's `lists`: the blacklists to query (default: the catalogue's). */
  lists?: DnsblList[];
  /** --baseline FILE, and --update-baseline (write it instead of reading it). */
  baseline?: string;
  /** The baseline named by the config, not a flag: a file not written yet is no known findings. */
  baselineOptional?: boolean;
  updateBaseline?: boolean;
  /** --unordered: print each report as soon as it completes, not in input order. */
  unordered?: boolean;
  /** Called as each domain's report is done, before it waits its turn in the output (for a library caller's progress, and bench:scale). */
  onComplete?: (report: Report) => void;
}

/** Answers the run-wide DNS cache of `domain` keeps (least recently used forgotten first): flat memory over any number of domains. */
export const DOMAIN_DNS_CACHE_ENTRIES = 10_000;

export { DOMAIN_FILE_MAX_BYTES, domainFileLines } from '../line-file.js';
/** Domain names from the arguments and --file (one per line, # comments), validated, de-duplicated (a Set: O(n)). */
export async function readDomains(args: readonly string[], file: string | undefined, io: Io): Promise<string[]> {
  const domains = new Set<string>();
  for (const entry of args) {
    const parsed = normalizeDomainInput(entry);
    if ('error' in parsed) throw new UsageError('domain', { ...parsed.error });
    domains.add(parsed.domain);
  }
  if (file !== undefined) {
    const entries = await readLineEntries(file, io);
    for (const { entry, line } of entries) {
      const parsed = normalizeDomainInput(entry);
      if ('error' in parsed) throw new UsageError('file-line', { file, line, error: { ...parsed.error } });
      domains.add(parsed.domain);
    }
    if (entries.length === 0) throw new UsageError('file-empty', { file });
  }
  if (domains.size === 0) throw new UsageError('no-domains');
  return [...domains];
}


/** The check ids `--only` and `--skip` take. */
export const DOMAIN_CHECK_IDS: readonly string[] = DOMAIN_CHECKS.map((c) => c.id);

function checkIds(raw: unknown, flag: string): string[] | undefined {
  if (raw === undefined) return undefined;
  const ids = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => String(v).split(',')).map((v) => v.trim().toLowerCase()).filter((v) => v !== '');
  for (const id of ids) if (!DOMAIN_CHECK_IDS.includes(id)) throw new UsageError('check-unknown', { flag, value: id, checks: DOMAIN_CHECK_IDS });
  return ids;
}

/** The checks that run: --only (else all), less --skip; the config's `checks` where no flag is given. */
export function selectChecks(only: string[] | undefined, skip: string[] | undefined): string[] | undefined {
  if (only === undefined && skip === undefined) return undefined;
  const chosen = (only && only.length > 0 ? DOMAIN_CHECK_IDS.filter((id) => only.includes(id)) : [...DOMAIN_CHECK_IDS]).filter((id) => !(skip ?? []).includes(id));
  if (chosen.length === 0) throw new UsageError('no-checks');
  return chosen;
}

export function parseDomainOptions(raw: Record<string, unknown>, loaded?: LoadedConfig): DomainOptions {
  const config = loaded?.config ?? {};
  const fail = (key: string, problem: string, data: Record<string, unknown> = {}) => (loaded ? configValueError(loaded, key, problem, data) : new UsageError('no-domains'));
  const selectors = (raw.selector as string[] | undefined) ?? [];
  for (const s of selectors) if (!isValidSelector(s)) throw new UsageError('selector', { value: s });
  const ips = ((raw.ip as string[] | undefined) ?? []).map((text) => {
    rejectZoneIndex(text, '--ip');
    const ip = parseIp(text);
    if (!ip) throw new UsageError('ip-option', { value: text });
    return ip.address;
  });
  const configIp = (text: string, key: string): string => {
    const ip = text.includes('%') ? undefined : parseIp(text);
    if (!ip) throw fail(key, 'ip', { value: text });
    return ip.address;
  };
  (config.selectors ?? []).forEach((s, i) => {
    if (!isValidSelector(s)) throw fail(`selectors[${i}]`, 'selector', { value: s });
  });
  // The config's selectors and IPs of every domain apply with the flags' (flags add to a list, they do not replace it).
  selectors.push(...(config.selectors ?? []));
  ips.push(...(config.ips ?? []).map((ip, i) => configIp(ip, `ips[${i}]`)));
  const perDomain = new Map<string, { selectors: string[]; ips: string[] }>();
  (config.domains ?? []).forEach((entry, i) => {
    if (typeof entry === 'string') {
      if ('error' in normalizeDomainInput(entry)) throw fail(`domains[${i}]`, 'domain', { value: entry });
      return;
    }
    const parsed = normalizeDomainInput(entry.domain);
    if ('error' in parsed) throw fail(`domains[${i}].domain`, 'domain', { value: entry.domain });
    (entry.selectors ?? []).forEach((s, j) => {
      if (!isValidSelector(s)) throw fail(`domains[${i}].selectors[${j}]`, 'selector', { value: s });
    });
    const own = perDomain.get(parsed.domain) ?? { selectors: [], ips: [] };
    own.selectors.push(...(entry.selectors ?? []));
    own.ips.push(...(entry.ips ?? []).map((ip, j) => configIp(ip, `domains[${i}].ips[${j}]`)));
    perDomain.set(parsed.domain, own);
  });
  const concurrency = String(raw.concurrency ?? config.concurrency ?? DEFAULT_DOMAIN_CONCURRENCY);
  if (!/^\d+$/.test(concurrency) || Number(concurrency) < 1 || Number(concurrency) > 256) throw new UsageError('concurrency', { value: concurrency });
  const deadline = String(raw.deadline ?? DEFAULT_DEADLINE_MS);
  if (!/^\d+$/.test(deadline)) throw new UsageError('whole-number', { flag: '--deadline', value: deadline });
  if (Number(deadline) < 1 || Number(deadline) > 3_600_000) throw new UsageError('number-range', { flag: '--deadline', min: 1, max: 3_600_000, value: deadline });
  // --only/--skip replace the config's `checks` (either flag replaces both of its lists).
  const flagged = raw.only !== undefined || raw.skip !== undefined;
  const checks = flagged ? selectChecks(checkIds(raw.only, '--only'), checkIds(raw.skip, '--skip')) : configChecks(loaded);
  let lists: DnsblList[] | undefined;
  // --list/--only-lists/--skip-lists (as `ip` has them) replace the config's `lists`.
  const listFlags = raw.list !== undefined || raw.onlyLists !== undefined || raw.skipLists !== undefined;
  if (listFlags) {
    if (raw.onlyLists !== undefined && zoneList(raw.onlyLists as string | undefined).length === 0) throw new UsageError('only-lists-empty');
    try {
      lists = selectLists({ add: (raw.list as string[] | undefined) ?? [], only: zoneList(raw.onlyLists as string | undefined), skip: zoneList(raw.skipLists as string | undefined) });
    } catch (error) {
      if (error instanceof ListSelectionError) throw new UsageError(error.code, { zone: error.zone });
      throw error;
    }
    if (lists.length === 0) throw new UsageError('no-lists');
  } else if (config.lists) {
    try {
      lists = selectLists({ add: config.lists.add ?? [], only: config.lists.only ?? [], skip: config.lists.skip ?? [] });
    } catch (error) {
      if (error instanceof ListSelectionError) throw fail(`lists`, error.code, { value: error.zone });
      throw error;
    }
    if (lists.length === 0) throw fail('lists', 'no-lists');
  }
  const rules = config.rules;
  const baseline = typeof raw.baseline === 'string' ? raw.baseline : loaded && config.baseline ? configPath(loaded, config.baseline) : undefined;
  if (raw.updateBaseline === true && baseline === undefined) throw new UsageError('baseline-needs-file');
  const transportRaw = raw.profile === undefined && config.profile !== undefined ? { ...raw, profile: config.profile } : raw;
  return {
    selectors: [...new Set(selectors)], ips: [...new Set(ips)], failOn: readFailOn(raw.failOn ?? config.failOn, 'error'), minScore: readMinScore(raw.minScore ?? config.minScore),
    concurrency: Number(concurrency), deadline: Number(deadline), transport: parseTransportOptions(transportRaw),
    ...(checks ? { checks } : {}), ...(rules ? { rules } : {}), ...(perDomain.size > 0 ? { perDomain } : {}), ...(lists ? { lists } : {}),
    ...(baseline !== undefined ? { baseline } : {}), ...(baseline !== undefined && typeof raw.baseline !== 'string' ? { baselineOptional: true } : {}), ...(raw.updateBaseline === true ? { updateBaseline: true } : {}), ...(raw.unordered === true ? { unordered: true } : {}),
  };
}

function configChecks(loaded: LoadedConfig | undefined): string[] | undefined {
  const checks = loaded?.config.checks;
  if (!checks) return undefined;
  for (const [key, ids] of [['only', checks.only], ['skip', checks.skip]] as const) {
    (ids ?? []).forEach((id, i) => {
      if (!DOMAIN_CHECK_IDS.includes(id)) throw configValueError(loaded, `checks.${key}[${i}]`, 'check', { value: id, checks: DOMAIN_CHECK_IDS });
    });
  }
  const chosen = selectChecks(checks.only, checks.skip);
  return chosen;
}

/** The config's finding ids must be findings mailcheck has (a typo would silently do nothing). */
async function checkRules(loaded: LoadedConfig | undefined): Promise<void> {
  const rules = loaded?.config.rules;
  if (!loaded || !rules) return;
  const en = await loadCatalogue('en');
  for (const id of Object.keys(rules)) if (!Object.hasOwn(en.findings, id)) throw configValueError(loaded, `rules[${JSON.stringify(id)}]`, 'finding', { value: id });
}

/** `--shard K/N`: 1 ≤ K ≤ N ≤ 10,000. */
export function parseShard(raw: unknown): { index: number; count: number } | undefined {
  if (raw === undefined) return undefined;
  const match = /^(\d{1,5})\/(\d{1,5})$/.exec(String(raw).trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > 10_000 || index < 1 || index > count) throw new UsageError('shard', { value: String(raw) });
  return { index, count };
}

/** The baseline to filter with (--baseline FILE); none when it is being written, or the file does not exist yet. */
async function readBaseline(file: string | undefined, updating: boolean, optional = false): Promise<Baseline | undefined> {
  if (file === undefined || updating) return undefined;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (optional && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError('baseline-read', { file, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const checked = checkBaselineFile(parsed);
  if (!checked) throw new UsageError('baseline-invalid', { file });
  return baselineSet(checked);
}

/** What a bulk run folds each report into, instead of keeping the reports: the exit code and the baseline counts. */
class RunTotals {
  failing = false;
  incomplete = false;
  lowScore = false;
  hidden = 0;
  readonly entries = new Map<string, BaselineEntry>();
  constructor(private readonly options: DomainOptions) {}
  add(report: Report): void {
    if (exitCode([{ ...report, incomplete: false }], { failOn: this.options.failOn, minScore: 0 }) !== 0) this.failing = true;
    if (report.incomplete) this.incomplete = true;
    if (report.score !== null && report.score < this.options.minScore) this.lowScore = true;
  }
  /** The same code exitCode() gives for all the reports at once. */
  code(): number {
    if (this.failing) return 1;
    if (this.incomplete) return 3;
    return this.lowScore ? 1 : 0;
  }
}

/** The whole command after option parsing: check, print, and return the exit code. */
export async function runDomainCommand(domains: readonly string[], options: DomainOptions, global: GlobalOptions, resolver: Resolver, io: Io, signal?: AbortSignal): Promise<number> {
  const transport = options.transport ?? parseTransportOptions({});
  if (domains.length >= BULK_NAMES) boundHeapForBulkRun(io.env);
  const checks: readonly Check<DomainFacts>[] = options.checks ? DOMAIN_CHECKS.filter((c) => options.checks?.includes(c.id)) : DOMAIN_CHECKS;
  // Each domain has its own deadline; the run's signal stops them all. Blacklist answers are shared
  // run-wide (the MX hosts of big providers are asked about once), within a bound.
  const ctx = gatherContext(resolver, {
    timeoutMs: global.timeout, ...(await transportContext(transport, global)), deadlineMs: options.deadline ?? DEFAULT_DEADLINE_MS, ...(signal ? { signal } : {}),
    ...(options.lists ? { rblLists: options.lists } : {}), ...(domains.length > 1 ? { rblCache: createRblCache() } : {}),
  });
  const baseline = await readBaseline(options.baseline, options.updateBaseline === true, options.baselineOptional === true);
  const totals = new RunTotals(options);
  const check = async (index: number): Promise<Report> => {
    const domain = domains[index] as string;
    const own = options.perDomain?.get(domain);
    const target = {
      domain,
      selectors: own ? [...new Set([...own.selectors, ...options.selectors])] : options.selectors,
      ips: own ? [...new Set([...own.ips, ...options.ips])] : options.ips,
      ...(transport.profile ? { profile: transport.profile } : {}),
    };
    let report = applyRules(await checkDomain(target, ctx, checks), options.rules);
    if (options.updateBaseline) for (const entry of baselineEntries(report)) totals.entries.set(entryKey(entry), entry);
    if (baseline) {
      const applied = applyBaseline(report, baseline);
      report = applied.report;
      totals.hidden += applied.hidden;
    }
    totals.add(report);
    options.onComplete?.(report);
    return report;
  };
  const streaming = global.format === 'ndjson' || global.format === 'csv';
  if (streaming) await streamReports(domains, check, options, global, io);
  else await collectReports(domains, check, options, global, resolver, io);
  if (options.updateBaseline && options.baseline !== undefined) {
    const file = baselineOf(totals.entries.values());
    const entries = file.findings;
    try {
      await writeFile(options.baseline, `${JSON.stringify(file, null, 2)}\n`);
    } catch (error) {
      throw new UsageError('baseline-write', { file: options.baseline, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
    }
    await printNotice(io, global.lang, 'notice-baseline-written', { file: options.baseline, count: entries.length });
    return totals.incomplete ? 3 : 0;
  }
  if (totals.hidden > 0 && global.format !== 'text') await printNotice(io, global.lang, 'notice-baseline-hidden', { count: totals.hidden, file: options.baseline });
  if (totals.hidden > 0 && global.format === 'text') {
    const words = await loadCatalogue(global.lang);
    io.stdout(`${label(words, 'baseline.hidden', { count: totals.hidden, file: options.baseline })}\n`);
  }
  return totals.code();
}

/** Text, JSON, Markdown, SARIF…: every report at once (a spinner on a terminal for text). */
async function collectReports(domains: readonly string[], check: (index: number) => Promise<Report>, options: DomainOptions, global: GlobalOptions, resolver: Resolver, io: Io): Promise<void> {
  // A spinner only for a person watching text output: never for other formats, never without a
  // terminal that reports its width (cli/spinner.ts says why it is not ora). Its words come from the
  // catalogue of the chosen language (labels `domain.checking`, `domain.checked`, `domain.checked-of`).
  const showSpinner = global.format === 'text' && io.stderrIsTTY && canSpin(io.stderrStream);
  const words = showSpinner ? await loadCatalogue(global.lang) : undefined;
  const say = (id: string, data: Record<string, unknown>) => (words ? label(words, id, data) : '');
  const spinner = showSpinner && io.stderrStream ? startSpinner(io.stderrStream, say('domain.checking', { domain: domains[0] })) : undefined;
  const removeCleanup = spinner && io.onInterrupt?.(() => spinner.stop());
  const reports: Report[] = [];
  let done = 0;
  try {
    await runBounded(domains.length, check, { concurrency: options.concurrency, window: Infinity, ordered: true }, (report) => {
      reports.push(report);
      done++;
      spinner?.update(domains.length > 1 ? say('domain.checked-of', { done, total: domains.length, domain: report.subject }) : say('domain.checked', { domain: report.subject }));
    });
  } finally {
    spinner?.stop();
    removeCleanup?.();
  }
  // With --zone, SARIF and annotations point at the record's file and line.
  await printReports(reports, global, io, { command: 'domain', failOn: options.failOn, options: { locate: resolver.locate } });
}

/**
 * NDJSON and CSV: each report printed as soon as it (and, in order, every one before it) is done;
 * only the rendered lines of a bounded reorder window are held, never the reports. A progress bar on
 * a terminal's stderr (done/total, domains/s, ETA).
 */
async function streamReports(domains: readonly string[], check: (index: number) => Promise<Report>, options: DomainOptions, global: GlobalOptions, io: Io): Promise<void> {
  const formatter = await loadFormat(global.format, ['domain']);
  const stream = formatter.stream;
  if (!stream) throw new Error(`format ${global.format} cannot stream`);
  const ctx = await renderContext(global, io, { command: 'domain', failOn: options.failOn });
  const words = io.stderrIsTTY ? await loadCatalogue(global.lang) : undefined;
  const started = performance.now();
  const progress = progressBar(io, (done, total) => {
    const seconds = Math.max(performance.now() - started, 1) / 1000;
    const rate = done / seconds;
    const eta = rate > 0 && done < total ? formatEta((total - done) / rate) : '';
    return words ? label(words, 'domain.progress', { done, total, rate: Math.round(rate), eta }) : '';
  });
  const removeCleanup = io.onInterrupt?.(() => progress.clear());
  let done = 0;
  const write = (text: string) => {
    if (!text) return;
    // The bar is cleared before a line goes to the same terminal, and drawn again by the next update.
    if (io.stdoutIsTTY) progress.clear();
    io.stdout(text);
  };
  write(stream.begin(ctx));
  try {
    await runBounded(
      domains.length,
      async (index) => stream.item(await check(index), ctx),
      { concurrency: options.concurrency, window: REORDER_WINDOW, ordered: options.unordered !== true, stopped: () => io.stdoutClosed?.() === true },
      (text) => {
        if (done > 0 && stream.separator) write(stream.separator);
        write(text);
        progress.update(++done, domains.length);
      },
    );
  } finally {
    progress.clear();
    removeCleanup?.();
  }
  write(stream.end([], ctx));
}

export const domainCommand: CommandModule = {
  name: 'domain',
  example: 'mailcheck domain example.com --selector s1 --ip 203.0.113.5',
  register(program: Command, context) {
    program
      .command('domain')
      .description('scored deliverability report for sending domains: MX, SPF, DMARC, DKIM, reverse DNS, blacklists, MTA-STS, DNSSEC, DANE, bulk-sender rules, with exact fixes')
      .argument('[domains...]', 'domains to check (default: the config file\'s domains)')
      .option('--selector <name>', 'DKIM selector to check, besides the common ones probed (repeatable)', collect)
      .option('--ip <addr>', 'an IP you send from: its reverse DNS is checked and SPF evaluated for it (repeatable)', collect)
      .option('--file <path>', 'read domains from a file, one per line (# comments; - for stdin)')
      .option('--fail-on <level>', 'exit 1 when a finding is at least this severe: error (default), warning, info or none')
      .option('--min-score <n>', 'exit 1 when a domain scores below this, 0-100 (default 0)')
      .option('--list <zone>', 'also query this blacklist (repeatable)', collect)
      .option('--only-lists <zones>', 'query only these blacklists (comma-separated zones), instead of the catalogue')
      .option('--skip-lists <zones>', 'do not query these blacklists (comma-separated zones)')
      .option('--only <checks>', `run only these checks (comma-separated: ${DOMAIN_CHECK_IDS.join(', ')})`, collect)
      .option('--skip <checks>', 'do not run these checks (comma-separated), e.g. --skip rbl', collect)
      .option('--concurrency <n>', `domains checked at once (default ${DEFAULT_DOMAIN_CONCURRENCY})`)
      .option('--deadline <ms>', `time allowed per domain in milliseconds; what is left then is "could not check" (default ${DEFAULT_DEADLINE_MS})`)
      .option('--config <path>', 'the config file (default: mailcheck.config.json or .mailcheckrc.json here or in a folder above)')
      .option('--no-config', 'ignore any config file')
      .option('--baseline <file>', 'report and fail only on findings not in this baseline file')
      .option('--update-baseline', 'write every current finding to the --baseline file (and exit 0)')
      .option('--unordered', 'with --format ndjson or csv: print each report as it completes, not in input order')
      .option('--shard <k/n>', 'check only the domains of shard K of N (by a hash of the name: the same split on every machine)')
      .option('--resume <out.ndjson>', 'skip the domains already in this NDJSON output of an earlier run')
      .option('--mta-sts-policy <file>', 'judge this MTA-STS policy file instead of fetching the policy (with --zone: instead of skipping it)')
      .option('--smtp', 'probe each MX host on port 25: STARTTLS, TLS version, certificate (opt-in: port 25 is blocked on many networks)')
      .option('--smtp-port <n>', 'port of the --smtp probe (default 25; for a lab or test server)')
      .option('--helo <name>', 'the name the --smtp probe announces in EHLO (default: this host name if it is a full name, else localhost)')
      .option('--profile <name>', `judge the bulk-sender rules of ${BULK_PROFILES.join(', ')}; their failures are then errors`)
      .action(async (args: string[], raw: Record<string, unknown>, command: Command) => {
        const { io } = context;
        const loaded = await loadConfig(raw.config, io);
        await checkRules(loaded);
        const all = command.optsWithGlobals() as Record<string, unknown>;
        const global = applyConfigGlobals(readGlobalOptions(command, io.env), all, loaded);
        const options = parseDomainOptions(raw, loaded);
        const shard = parseShard(raw.shard);
        if (raw.resume !== undefined && global.format !== 'ndjson') throw new UsageError('resume-format');
        if (options.unordered && global.format !== 'ndjson' && global.format !== 'csv') throw new UsageError('unordered-format');
        const fromConfig = args.length === 0 && raw.file === undefined ? configDomains(loaded) : [];
        let domains = await readDomains(fromConfig.length > 0 ? fromConfig : args, raw.file as string | undefined, io);
        if (shard) domains = domains.filter((d) => inShard(d, shard));
        if (typeof raw.resume === 'string') {
          const file = raw.resume;
          const earlier = await domainsInNdjson(file).catch((error: unknown) => {
            throw new UsageError('resume-read', { file, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
          });
          domains = domains.filter((d) => !earlier.domains.has(d));
        }
        const resolver = await buildResolver(global, context.signal, { maxEntries: DOMAIN_DNS_CACHE_ENTRIES });
        context.setExitCode(await runDomainCommand(domains, options, global, resolver, io, context.signal));
      });
  },
};

/** The config's domains (names as written; readDomains validates them). */
function configDomains(loaded: LoadedConfig | undefined): string[] {
  return (loaded?.config.domains ?? []).map((d) => (typeof d === 'string' ? d : d.domain));
}
