import type { Command } from 'commander';
import { exitCode } from '../../core/exit.js';
import type { Resolver } from '../../dns/types.js';
import { normalizeDomainInput } from '../../net/domain-name.js';
import type { CommandModule } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { collect, readGlobalOptions } from '../global-options.js';
import { printNotice, printReports, renderContext } from '../output.js';
import { readFailOn } from '../policy.js';
import { progressBar } from '../progress.js';
import { buildResolver } from '../resolver.js';

/** With --offline nothing is asked; a question would be a bug, answered as a failed lookup. */
const OFFLINE: Resolver = {
  query: async (name, type) => ({ name, type, outcome: 'error', answers: [], cnames: [], transport: 'memory', ad: false, error: 'offline' }),
};

interface DmarcReportFlags {
  since?: string;
  domain?: string[];
  ptrLookups?: string;
  offline?: boolean;
  failOn?: string;
}

const DURATION = /^(\d{1,6})([hdw])$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** `--since`: a day (UTC midnight), an ISO 8601 date and time with its zone, or a time back from `now` (30d, 12h, 2w). Seconds since the epoch. */
export function parseSince(raw: string, now: number): number {
  const text = raw.trim();
  const duration = DURATION.exec(text);
  if (duration) {
    const hours = Number(duration[1]) * (duration[2] === 'h' ? 1 : duration[2] === 'd' ? 24 : 24 * 7);
    return Math.floor(now / 1000) - hours * 3600;
  }
  const day = DAY.exec(text);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const ms = Date.UTC(y, m - 1, d);
    const check = new Date(ms);
    if (check.getUTCFullYear() === y && check.getUTCMonth() === m - 1 && check.getUTCDate() === d) return ms / 1000;
  } else if (DATE_TIME.test(text)) {
    const ms = Date.parse(text);
    if (Number.isFinite(ms)) return Math.floor(ms / 1000);
  }
  throw new UsageError('dmarc-report.since', { value: raw });
}

function ptrLookups(raw: string | undefined): number {
  if (raw === undefined) return 500;
  if (!/^\d+$/.test(raw)) throw new UsageError('whole-number', { flag: '--ptr-lookups', value: raw });
  const value = Number(raw);
  if (value > 100_000) throw new UsageError('number-range', { flag: '--ptr-lookups', min: 0, max: 100_000, value });
  return value;
}

async function runDmarcReportCommand(paths: string[], flags: DmarcReportFlags, command: Command, context: Parameters<CommandModule['register']>[1]): Promise<void> {
  const global = readGlobalOptions(command, context.io.env);
  const { io } = context;
  const failOn = readFailOn(flags.failOn, 'none');
  const since = flags.since === undefined ? undefined : parseSince(flags.since, Date.now());
  const domains = (flags.domain ?? []).map((text) => {
    const parsed = normalizeDomainInput(text);
    if ('error' in parsed) throw new UsageError('domain', { ...parsed.error });
    return parsed.domain;
  });
  const maxPtr = ptrLookups(flags.ptrLookups);
  const offline = flags.offline === true;
  // The resolver first, so that a bad --zone or --resolver is a usage error before any file is read.
  const resolver = offline ? undefined : await buildResolver(global);

  // Loaded here, so that other commands never load the report reader, saxes, yauzl or postal-mime.
  const { runDmarcReport } = await import('../../dmarc-report/run.js');
  const { gatherDmarcReport, organizationalDomain } = await import('../../gather/dmarc-report.js');
  const { gatherContext } = await import('../../gather/context.js');
  const { dmarcReportReport, emptyFacts } = await import('../../report/dmarc-report.js');
  const { label } = await import('../../render/words.js');

  const words = (await renderContext(global, io, { command: 'dmarc-report' })).words;
  const bar = global.quiet ? progressBar({ ...io, stderrIsTTY: false }, () => '') : progressBar(io, (done, total) => label(words, 'dmarc-report.progress', { done, total }));
  const run = await runDmarcReport(paths, {
    orgDomain: organizationalDomain,
    readStdin: io.readStdin,
    ...(since !== undefined && { since }),
    ...(domains.length > 0 && { domains }),
    onProgress: (done, total) => bar.update(done, total),
    onRejected: async (r) => {
      bar.clear();
      await printNotice(io, global.lang, 'dmarc-report.rejected', { ...r });
    },
  });
  bar.clear();
  if (run.documents === 0) throw new UsageError('dmarc-report.nothing-read', { rejected: run.rejectedTotal });

  const { domains: perDomain, ...summary } = run;
  const ctx = gatherContext(resolver ?? OFFLINE, { timeoutMs: global.timeout });
  const facts = perDomain.length === 0 ? [emptyFacts(domains[0] ?? '', Math.floor(Date.now() / 1000), offline)] : await gatherDmarcReport(perDomain, ctx, { offline, maxPtr });
  const reports = facts.map((f) => dmarcReportReport(f, summary));
  await printReports(reports, global, io, { command: 'dmarc-report', failOn });
  context.setExitCode(exitCode(reports, { failOn, minScore: 0 }));
}

export const dmarcReportCommand: CommandModule = {
  name: 'dmarc-report',
  example: 'mailcheck dmarc-report ~/Maildir/.DMARC   # who sends as you, who is not aligned, and whether p=quarantine is safe',
  register(program, context) {
    program
      .command('dmarc-report')
      .description('read DMARC aggregate reports (.xml, .xml.gz, .zip, or mail with them attached): senders, alignment, forgeries, and whether p=quarantine is safe')
      .argument('<paths...>', 'report files, messages, mboxes or folders (walked recursively); - reads stdin')
      .option('--since <when>', 'only reports ending at or after this: a date (2026-01-31), a date and time (2026-01-31T12:00:00Z) or a time back from now (30d, 12h, 2w)')
      .option('--domain <domain>', 'only reports about this policy domain or its subdomains (repeatable)', collect)
      .option('--ptr-lookups <n>', 'reverse-DNS lookups at most, for the busiest source IPs (default 500; 0 for none)')
      .option('--offline', 'no DNS lookups at all: services are named from the reports alone', false)
      .option('--fail-on <level>', 'exit 1 when a finding is at least this severe: error, warning (e.g. not ready for quarantine), info or none (default)')
      .action(async (paths: string[], flags: DmarcReportFlags, command: Command) => runDmarcReportCommand(paths, flags, command, context));
  },
};
