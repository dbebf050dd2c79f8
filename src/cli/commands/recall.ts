import type { Command } from 'commander';
import { exitCode } from '../../core/exit.js';
import type { Answer, RecallRecipient } from '../../checks/recall.js';
import { gatherContext } from '../../gather/context.js';
import { normalizeDomainInput } from '../../net/domain-name.js';
import { parseAddress } from '../../parse/address.js';
import { splitAddressList } from '../../parse/address-list.js';
import { isTimeZone, parseMailDate, parseTime } from '../../parse/time.js';
import type { CommandModule } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { collect, readGlobalOptions } from '../global-options.js';
import type { Io } from '../io.js';
import { printNotice, printReports } from '../output.js';
import { buildResolver } from '../resolver.js';
import type { Lang } from '../../messages/index.js';

/** Most recipients judged at once (each distinct domain is a few DNS lookups). */
export const MAX_RECALL_RECIPIENTS = 500;

const ANSWERS: readonly Answer[] = ['yes', 'no', 'unknown'];

interface Mailbox {
  address: string;
  domain: string;
}

/**
 * The zone times are read and shown in: TZ when it names a zone, Asia/Shanghai for Chinese users,
 * else the system's (Intl). `bad` is a TZ value that names no zone (said in a notice).
 */
export function displayZone(lang: Lang | string, env: Record<string, string | undefined>): { zone: string; bad?: string } {
  const raw = env.TZ?.trim();
  let bad: string | undefined;
  if (raw) {
    const name = raw.startsWith(':') ? raw.slice(1) : raw;
    if (isTimeZone(name)) return { zone: name };
    bad = raw;
  }
  const zone = String(lang).toLowerCase().startsWith('zh') ? 'Asia/Shanghai' : Intl.DateTimeFormat().resolvedOptions().timeZone;
  const chosen = isTimeZone(zone) ? zone : 'UTC';
  return bad === undefined ? { zone: chosen } : { zone: chosen, bad };
}

function mailbox(text: string, flag: string): Mailbox {
  const parsed = parseAddress(text);
  if (!parsed.ok) throw new UsageError('recall.address', { flag, value: text, code: parsed.error.code });
  return { address: parsed.address.ascii, domain: parsed.address.domain };
}

function answer(raw: unknown, flag: string): Answer {
  if (raw === undefined) return 'unknown';
  const value = String(raw).trim().toLowerCase();
  if (!(ANSWERS as readonly string[]).includes(value)) throw new UsageError('recall.choice', { flag, value: String(raw) });
  return value as Answer;
}

function competitor(text: string): string {
  const value = text.trim();
  if (value.includes('@')) return mailbox(value, '--competitor').address.toLowerCase();
  const parsed = normalizeDomainInput(value);
  if ('error' in parsed) throw new UsageError('recall.competitor', { value });
  return parsed.domain;
}

interface FromMessage {
  sender?: Mailbox;
  recipients: RecallRecipient[];
  sentAt: number | null;
  sentInput: string | null;
  subject: string | null;
}

/** From, To/Cc/Bcc, Date and Subject of the sent message (src/mail: read and parsed, never edited here). */
async function readSentMessage(file: string, io: Io, lang: Lang): Promise<FromMessage> {
  const { readMessages } = await import('../../mail/input.js');
  const { parseMessage } = await import('../../mail/message.js');
  const read = await readMessages(file, io.readStdin);
  if (!Array.isArray(read)) throw new UsageError('recall.file', { ...read });
  if (read.length === 0) throw new UsageError('recall.empty-file', { file });
  if (read.length > 1) throw new UsageError('recall.several-messages', { file, count: read.length });
  const message = await parseMessage((read[0] as { text: string }).text);
  const out: FromMessage = { recipients: [], sentAt: null, sentInput: null, subject: message.subject || null };
  const from = splitAddressList(message.from)[0];
  if (from) {
    const parsed = parseAddress(from);
    if (parsed.ok) out.sender = { address: parsed.address.ascii, domain: parsed.address.domain };
    else await printNotice(io, lang, 'recall.skipped-address', { file, header: 'From', value: from, code: parsed.error.code });
  }
  for (const field of ['to', 'cc', 'bcc'] as const) {
    for (const entry of splitAddressList((message.headers.get(field) ?? []).join(', '))) {
      const parsed = parseAddress(entry);
      if (parsed.ok) out.recipients.push({ address: parsed.address.ascii, domain: parsed.address.domain, field });
      else await printNotice(io, lang, 'recall.skipped-address', { file, header: field === 'to' ? 'To' : field === 'cc' ? 'Cc' : 'Bcc', value: entry, code: parsed.error.code });
    }
  }
  const date = message.header('date');
  const at = date ? parseMailDate(date) : undefined;
  if (at !== undefined) {
    out.sentAt = at;
    out.sentInput = date;
  }
  return out;
}

/** Recipients once each (case-insensitive domain), without the sender's own address. */
function uniqueRecipients(recipients: readonly RecallRecipient[], sender: Mailbox): RecallRecipient[] {
  const seen = new Set<string>([sender.address.toLowerCase()]);
  return recipients.filter((r) => {
    const key = r.address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const recallCommand: CommandModule = {
  name: 'recall',
  example: 'mailcheck recall --from me@myco.cn --to buyer@client.de --sent "10 minutes ago"   # can it be recalled? what now?',
  register(program: Command, context) {
    program
      .command('recall')
      .description('can a mis-sent message still be recalled from each recipient, and what to do right now')
      .argument('[file]', 'the sent message (.eml, - for stdin): From, To, Cc, Bcc and Date are read from it')
      .option('--from <address>', 'who sent it (default: the From: of the message)')
      .option('--to <address>', 'who received it, To, Cc or Bcc (repeatable; added to the message\'s recipients)', collect)
      .option('--sent <time>', 'when it was sent: 2026-03-04T10:21+08:00, "10:21", "10 minutes ago", "昨天 15:30" (default: the Date: of the message)')
      .option('--read <answer>', 'has the recipient opened it? yes, no or unknown (default)')
      .option('--fetched-by-client <answer>', 'has a mail program (Outlook, Foxmail… by POP/IMAP) fetched it? yes, no or unknown (default)')
      .option('--competitor <address-or-domain>', 'a recipient that is a competitor (repeatable): the advice then says to tell your manager', collect)
      .action(async (file: string | undefined, raw: Record<string, unknown>, command: Command) => {
        const { io } = context;
        const global = readGlobalOptions(command, io.env);
        const { zone, bad } = displayZone(global.lang, io.env);
        if (bad !== undefined) await printNotice(io, global.lang, 'recall.bad-zone', { timeZone: bad, fallback: zone });
        const now = Date.now();
        const read = answer(raw.read, '--read');
        const fetched = answer(raw.fetchedByClient, '--fetched-by-client');
        const competitors = [...new Set(((raw.competitor as string[] | undefined) ?? []).map(competitor))];

        const fromMessage: FromMessage = file !== undefined ? await readSentMessage(file, io, global.lang) : { recipients: [], sentAt: null, sentInput: null, subject: null };
        const sender = typeof raw.from === 'string' ? mailbox(raw.from, '--from') : fromMessage.sender;
        if (!sender) throw new UsageError('recall.no-from');
        const given: RecallRecipient[] = [];
        for (const value of (raw.to as string[] | undefined) ?? []) {
          const entries = splitAddressList(value);
          if (entries.length === 0) throw new UsageError('recall.address', { flag: '--to', value, code: 'address.empty' });
          for (const entry of entries) given.push({ ...mailbox(entry, '--to'), field: 'to' });
        }
        const recipients = uniqueRecipients([...fromMessage.recipients, ...given], sender);
        if (recipients.length === 0) throw new UsageError('recall.no-to');
        if (recipients.length > MAX_RECALL_RECIPIENTS) throw new UsageError('recall.too-many', { count: recipients.length, max: MAX_RECALL_RECIPIENTS });

        let sentAt = fromMessage.sentAt;
        let sentInput = fromMessage.sentInput;
        if (typeof raw.sent === 'string') {
          const parsed = parseTime(raw.sent, { now, timeZone: zone });
          if (!parsed.ok) throw new UsageError('recall.time', { value: raw.sent, code: parsed.code, timeZone: zone });
          sentAt = parsed.at;
          sentInput = raw.sent;
        } else if (file !== undefined && sentAt === null) await printNotice(io, global.lang, 'recall.no-date', { file });
        if (sentAt !== null && sentAt > now) sentAt = now;

        const resolver = await buildResolver(global);
        const ctx = gatherContext(resolver, { timeoutMs: global.timeout });
        const { gatherRecallDomains } = await import('../../gather/recall.js');
        const { recallReport } = await import('../../report/recall.js');
        const domains = await gatherRecallDomains([sender.domain, ...recipients.map((r) => r.domain)], ctx);
        const report = recallReport(
          { sender, recipients, sentAt, now, read, fetched, competitors, domains: Object.fromEntries(domains) },
          { file: file ?? null, subject: fromMessage.subject, sentInput },
        );
        await printReports([report], global, io, { command: 'recall', failOn: 'warning', options: { timeZone: zone } });
        // 0 when every recipient can be recalled (possible, possible-if), 1 when some cannot or cannot be told.
        context.setExitCode(exitCode([report], { failOn: 'warning', minScore: 0 }));
      });
  },
};
