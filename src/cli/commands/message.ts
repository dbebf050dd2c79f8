import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import pLimit from 'p-limit';
import { exitCode, EXIT_USAGE, type FailOn } from '../../core/exit.js';
import type { Report } from '../../core/report.js';
import type { DnsblList } from '../../dnsbl/catalogue.js';
import { ListSelectionError, selectLists } from '../../dnsbl/select.js';
import { gatherContext } from '../../gather/context.js';
import { describeFsError, expandInputs, looksLikeMbox, messagesFromBuffer, normalizeNewlines, type InputError } from '../../mail/input.js';
import { readHeaderBlock } from '../../mail/raw.js';
import { normalizeDomainInput } from '../../net/domain-name.js';
import { parseIp } from '../../net/ip.js';
import type { CommandModule } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { collect, readGlobalOptions } from '../global-options.js';
import type { Io } from '../io.js';
import { printNotice, printReports } from '../output.js';
import { readFailOn, readMinScore } from '../policy.js';
import { buildResolver } from '../resolver.js';

/** Messages of one mbox checked at once. */
export const MESSAGE_CONCURRENCY = 8;

interface MessageFlags {
  ip?: string;
  bulk?: boolean;
  to?: string;
  list?: string[];
  onlyLists?: string;
  skipLists?: string;
  failOn?: string;
  minScore?: string;
}

export interface MessageInput {
  file: string;
  index: number;
  raw: Buffer;
  label: string;
}

function zoneList(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((z) => z.trim()).filter((z) => z.length > 0);
}

/** True when the bytes start with a header field (an .eml, not some other text). */
export function startsWithHeader(raw: Buffer): boolean {
  const block = readHeaderBlock(raw, 0, Math.min(raw.length, 64 * 1024));
  return block.fields.length > 0 && !block.badLines.includes(1);
}

/**
 * The messages of the inputs, with the raw bytes each is judged on: a single-message file as it is on disk
 * (its line ends are facts), each message of an mbox as the mbox reader gives it. Inputs that cannot be
 * read, are empty or are not mail come back as problems (one line each on stderr).
 */
export async function readMessageInputs(args: readonly string[], io: Pick<Io, 'readStdin'>): Promise<{ messages: MessageInput[]; problems: { code: string; data: Record<string, unknown> }[] }> {
  const { files, errors } = await expandInputs([...args]);
  const problems: { code: string; data: Record<string, unknown> }[] = errors.map((e) => ({ code: 'input-error', data: { ...e } }));
  const messages: MessageInput[] = [];
  for (const file of files) {
    let buffer: Buffer;
    try {
      buffer = file === '-' ? await io.readStdin() : await readFile(file);
    } catch (error) {
      problems.push({ code: 'input-error', data: { file, ...describeFsError(error) } });
      continue;
    }
    const split = messagesFromBuffer(file, buffer);
    if (!Array.isArray(split)) {
      problems.push({ code: 'input-error', data: { ...(split as InputError) } });
      continue;
    }
    if (split.length === 0) {
      problems.push({ code: 'message-empty', data: { file } });
      continue;
    }
    const mbox = split.length > 1 || looksLikeMbox(normalizeNewlines(buffer.toString('latin1', 0, Math.min(buffer.length, 1024))));
    for (const m of split) {
      const raw = mbox ? Buffer.from(m.text, 'latin1') : buffer;
      if (!startsWithHeader(raw)) {
        problems.push({ code: 'not-a-message', data: { file, message: m.message } });
        continue;
      }
      messages.push({ file, index: m.message, raw, label: split.length > 1 ? `${file} #${m.message}` : file });
    }
  }
  return { messages, problems };
}

export const messageCommand: CommandModule = {
  name: 'message',
  example: 'mailcheck message copy.eml                # will this mail land in the inbox? auth, format, content',
  register(program: Command, context) {
    program
      .command('message')
      .description('judge one message (.eml; an mbox checks each; - for stdin): authentication, format, content, links and bulk-sender rules, scored')
      .argument('<files...>', 'message files (.eml or mbox); - reads one message from stdin')
      .option('--ip <addr>', 'the sending IP, when the copy has no trustworthy Received line')
      .option('--bulk', 'judge by the bulk-sender rules even when the message does not look bulk')
      .option('--to <domain>', "the recipients' domain (gmail.com, outlook.com, a company domain): whose rules predict the effects (default Gmail)")
      .option('--list <zone>', 'also query this domain list for link domains (repeatable)', collect)
      .option('--only-lists <zones>', 'query only these lists (comma-separated zones)')
      .option('--skip-lists <zones>', 'do not query these lists (comma-separated zones)')
      .option('--fail-on <level>', 'exit 1 when a finding is at least this severe: error (default), warning, info or none')
      .option('--min-score <n>', 'exit 1 when a message scores below this, 0-100 (default 0)')
      .action(async (files: string[], flags: MessageFlags, command: Command) => {
        const global = readGlobalOptions(command, context.io.env);
        const failOn: FailOn = readFailOn(flags.failOn, 'error');
        const minScore = readMinScore(flags.minScore);
        let ip: string | undefined;
        if (flags.ip !== undefined) {
          const parsed = parseIp(flags.ip);
          if (!parsed) throw new UsageError('ip-option', { value: flags.ip });
          ip = parsed.address;
        }
        let to: string | undefined;
        if (flags.to !== undefined) {
          const parsed = normalizeDomainInput(flags.to.replace(/^.*@/, ''));
          if ('error' in parsed) throw new UsageError('to-domain', { value: flags.to });
          to = parsed.domain;
        }
        let lists: DnsblList[];
        try {
          lists = selectLists({ add: flags.list ?? [], only: zoneList(flags.onlyLists), skip: zoneList(flags.skipLists) });
        } catch (error) {
          if (error instanceof ListSelectionError) throw new UsageError(error.code, { zone: error.zone });
          throw error;
        }
        const { io } = context;
        const { messages, problems } = await readMessageInputs(files, io);
        // Nothing at all to read (an empty folder): one line and exit 2, as bounce says it.
        if (messages.length === 0 && problems.length === 0) throw new UsageError('no-messages', { inputs: files });
        for (const p of problems) await printNotice(io, global.lang, p.code, p.data);
        if (messages.length === 0) {
          context.setExitCode(EXIT_USAGE);
          return;
        }
        const resolver = await buildResolver(global);
        const ctx = gatherContext(resolver, { timeoutMs: global.timeout });
        // Loaded here so that other commands never load the message checks.
        const { checkMessage } = await import('../../report/message.js');
        const limit = pLimit(MESSAGE_CONCURRENCY);
        const options = { bulk: flags.bulk === true, lists, ...(ip ? { ip } : {}), ...(to ? { to } : {}) };
        const reports: Report[] = await Promise.all(messages.map((m) => limit(() => checkMessage(m, options, ctx))));
        await printReports(reports, global, io, { command: 'message', failOn });
        const code = exitCode(reports, { failOn, minScore });
        context.setExitCode(problems.length > 0 ? EXIT_USAGE : code);
      });
  },
};
