import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { exitCode, type FailOn } from '../../core/exit.js';
import type { Report } from '../../core/report.js';
import { gatherContext } from '../../gather/context.js';
import type { Resolver } from '../../dns/types.js';
import { normalizeDomainInput, isValidSelector } from '../../net/domain-name.js';
import { parseIp } from '../../net/ip.js';
import { rejectZoneIndex } from '../input.js';
import { checkDomains } from '../../report/domain.js';
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
}

/** Most bytes of a --file (about 500,000 domains); a larger file, device or endless pipe is refused. */
export const DOMAIN_FILE_MAX_BYTES = 16 * 1024 * 1024;

/** The bytes of --file: a regular file or standard input, at most DOMAIN_FILE_MAX_BYTES. */
async function readDomainFile(file: string, io: Io): Promise<Buffer> {
  const tooLarge = () => new UsageError('file-too-large', { file, limit: DOMAIN_FILE_MAX_BYTES });
  if (file === '-') {
    const bytes = await io.readStdin(DOMAIN_FILE_MAX_BYTES);
    if (bytes.length > DOMAIN_FILE_MAX_BYTES) throw tooLarge();
    return bytes;
  }
  const unreadable = (error: unknown) => new UsageError('file-read', { file, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
  // stat first: opening a FIFO would block, a device would never end.
  const info = await stat(file).catch((error: unknown) => {
    throw unreadable(error);
  });
  if (info.isDirectory()) throw new UsageError('file-read', { file, reason: 'EISDIR' });
  if (!info.isFile()) throw new UsageError('file-not-regular', { file });
  if (info.size > DOMAIN_FILE_MAX_BYTES) throw tooLarge();
  return readFile(file).catch((error: unknown) => {
    throw unreadable(error);
  });
}

/**
 * The lines of a --file as text: UTF-8 (a BOM is dropped); UTF-16 and binary data are refused with
 * the line they start on; lines end with LF, CRLF or a lone CR.
 */
export function domainFileLines(file: string, bytes: Buffer): string[] {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new UsageError('file-utf16', { file });
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    // ASCII as UTF-16 has a NUL beside every letter.
    const pairs = Math.min(bytes.length, 64) >> 1;
    let zeros = 0;
    for (let i = 0; i < pairs * 2; i++) if (bytes[i] === 0) zeros++;
    if (pairs > 0 && zeros >= pairs - 1) throw new UsageError('file-utf16', { file });
    throw new UsageError('file-binary', { file, line: lineAt(bytes, nul) });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = Buffer.from(bytes.toString('utf8')).indexOf(Buffer.from('\ufffd'));
    throw new UsageError('file-encoding', { file, line: bad < 0 ? 1 : lineAt(Buffer.from(bytes.toString('utf8')), bad) });
  }
  if (text.startsWith('\ufeff')) text = text.slice(1);
  return text.split(/\r\n|\r|\n/);
}

/** The 1-based line of a byte offset. */
function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}

/** Domain names from the arguments and --file (one per line, # comments), validated, de-duplicated. */
export async function readDomains(args: readonly string[], file: string | undefined, io: Io): Promise<string[]> {
  const domains = new Set<string>();
  for (const entry of args) {
    const parsed = normalizeDomainInput(entry);
    if ('error' in parsed) throw new UsageError('domain', { ...parsed.error });
    domains.add(parsed.domain);
  }
  if (file !== undefined) {
    const lines = domainFileLines(file, await readDomainFile(file, io));
    let entries = 0;
    lines.forEach((line, i) => {
      const entry = line.replace(/#.*/, '').trim();
      if (entry === '') return;
      entries++;
      const parsed = normalizeDomainInput(entry);
      if ('error' in parsed) throw new UsageError('file-line', { file, line: i + 1, error: { ...parsed.error } });
      domains.add(parsed.domain);
    });
    if (entries === 0) throw new UsageError('file-empty', { file });
  }
  if (domains.size === 0) throw new UsageError('no-domains');
  return [...domains];
}

export function parseDomainOptions(raw: Record<string, unknown>): DomainOptions {
  const selectors = (raw.selector as string[] | undefined) ?? [];
  for (const s of selectors) if (!isValidSelector(s)) throw new UsageError('selector', { value: s });
  const ips = ((raw.ip as string[] | undefined) ?? []).map((text) => {
    rejectZoneIndex(text, '--ip');
    const ip = parseIp(text);
    if (!ip) throw new UsageError('ip-option', { value: text });
    return ip.address;
  });
  const concurrency = String(raw.concurrency ?? DEFAULT_DOMAIN_CONCURRENCY);
  if (!/^\d+$/.test(concurrency) || Number(concurrency) < 1 || Number(concurrency) > 256) throw new UsageError('concurrency', { value: concurrency });
  const deadline = String(raw.deadline ?? DEFAULT_DEADLINE_MS);
  if (!/^\d+$/.test(deadline)) throw new UsageError('whole-number', { flag: '--deadline', value: deadline });
  if (Number(deadline) < 1 || Number(deadline) > 3_600_000) throw new UsageError('number-range', { flag: '--deadline', min: 1, max: 3_600_000, value: deadline });
  return {
    selectors: [...new Set(selectors)], ips: [...new Set(ips)], failOn: readFailOn(raw.failOn, 'error'), minScore: readMinScore(raw.minScore),
    concurrency: Number(concurrency), deadline: Number(deadline), transport: parseTransportOptions(raw),
  };
}

/** The whole command after option parsing: check, print, and return the exit code. */
export async function runDomainCommand(domains: readonly string[], options: DomainOptions, global: GlobalOptions, resolver: Resolver, io: Io, signal?: AbortSignal): Promise<number> {
  // A spinner only for a person watching text output: never for other formats, never without a
  // terminal that reports its width (cli/spinner.ts says why it is not ora). Its words come from the
  // catalogue of the chosen language (labels `domain.checking`, `domain.checked`, `domain.checked-of`).
  const showSpinner = global.format === 'text' && io.stderrIsTTY && canSpin(io.stderrStream);
  const words = showSpinner ? await loadCatalogue(global.lang) : undefined;
  const say = (id: string, data: Record<string, unknown>) => (words ? label(words, id, data) : '');
  const spinner = showSpinner && io.stderrStream ? startSpinner(io.stderrStream, say('domain.checking', { domain: domains[0] })) : undefined;
  const removeCleanup = spinner && io.onInterrupt?.(() => spinner.stop());
  let done = 0;
  const transport = options.transport ?? parseTransportOptions({});
  // Each domain has its own deadline; the run's signal stops them all.
  const ctx = gatherContext(resolver, {
    timeoutMs: global.timeout, ...(await transportContext(transport, global)), deadlineMs: options.deadline ?? DEFAULT_DEADLINE_MS, ...(signal ? { signal } : {}),
  });
  let reports: Report[];
  try {
    reports = await checkDomains(domains, { ...options, ...(transport.profile ? { profile: transport.profile } : {}) }, ctx, (report) => {
      done++;
      spinner?.update(domains.length > 1 ? say('domain.checked-of', { done, total: domains.length, domain: report.subject }) : say('domain.checked', { domain: report.subject }));
    });
  } finally {
    spinner?.stop();
    removeCleanup?.();
  }
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
      .option('--deadline <ms>', `time allowed per domain in milliseconds; what is left then is "could not check" (default ${DEFAULT_DEADLINE_MS})`)
      .option('--mta-sts-policy <file>', 'judge this MTA-STS policy file instead of fetching the policy (with --zone: instead of skipping it)')
      .option('--smtp', 'probe each MX host on port 25: STARTTLS, TLS version, certificate (opt-in: port 25 is blocked on many networks)')
      .option('--smtp-port <n>', 'port of the --smtp probe (default 25; for a lab or test server)')
      .option('--helo <name>', 'the name the --smtp probe announces in EHLO (default: this host name if it is a full name, else localhost)')
      .option('--profile <name>', `judge the bulk-sender rules of ${BULK_PROFILES.join(', ')}; their failures are then errors`)
      .action(async (args: string[], raw: Record<string, unknown>, command: Command) => {
        const global = readGlobalOptions(command, context.io.env);
        const options = parseDomainOptions(raw);
        const domains = await readDomains(args, raw.file as string | undefined, context.io);
        const resolver = await buildResolver(global, context.signal);
        context.setExitCode(await runDomainCommand(domains, options, global, resolver, context.io, context.signal));
      });
  },
};
