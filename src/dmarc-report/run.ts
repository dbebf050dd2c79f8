import { readFile, stat } from 'node:fs/promises';
import { declaredFormat, sniffFormat } from '../mail/archive.js';
import { describeFsError, expandInputs, messagesFromBuffer } from '../mail/input.js';
import type { DmarcAggregateReport } from '../parse/dmarc-report.js';
import { DmarcAggregator, type DmarcAggregate } from './aggregate.js';
import type { OrgDomainFn } from './alignment.js';
import { messageAttachments } from './attachments.js';
import { readReportAttachment, readReportFile, type ReadLimits, type ReadOutcome } from './read.js';

// `mailcheck dmarc-report` reading its inputs: files, folders (walked recursively), mboxes, maildirs and
// stdin, holding .xml, .xml.gz and .zip reports or report messages with them attached. Each document read
// goes into the aggregator of its policy domain at once and is dropped, so memory grows with the distinct
// sources (and report ids, for de-duplication), never with rows or files; a few files are read at once.
// Every input that cannot be read is one rejection `{ file, code, data }` and the run goes on.

export interface RejectedInput {
  /** The path given or found in a folder (`-` for stdin). */
  file: string;
  /** 1-based message index inside an mbox, when the rejection is about one message. */
  message?: number;
  /** The attachment or zip member inside the file, when the rejection is about that document. */
  document?: string;
  /** `input.*` (the file), `archive.*` (the container), `dmarc-report.*` (the XML). */
  code: string;
  data: Record<string, string | number>;
}

export interface DomainAggregate {
  /** The policy domain the reports are about (`policy_published/domain`). */
  domain: string;
  aggregate: DmarcAggregate;
}

export interface DmarcReportRun {
  /** Files found (after walking folders), including the ones rejected. */
  files: number;
  /** Files from which at least one report was read (duplicates and reports out of range included). */
  filesRead: number;
  /** Report documents parsed, before de-duplication and the --since/--domain filters. */
  documents: number;
  /** Reports left out by --domain. */
  otherDomains: number;
  /** One per policy domain, most messages first. */
  domains: DomainAggregate[];
  /** Sorted by file, message and document; at most `maxRejected` kept. */
  rejected: RejectedInput[];
  /** All rejections, also those past the cap. */
  rejectedTotal: number;
  /** Oddities the parser tolerated, by code (`dmarc-report.unknown-value`…), over every document read. */
  warnings: Record<string, number>;
}

export interface DmarcReportRunOptions {
  orgDomain: OrgDomainFn;
  readStdin: () => Promise<Buffer>;
  /** Keep reports whose date range ends at or after this time (seconds since the epoch). */
  since?: number;
  /** Keep only reports about these policy domains (lower case) or their subdomains. */
  domains?: readonly string[];
  /** Files read at once. */
  concurrency?: number;
  /** Policy domains aggregated one by one; reports about further domains are rejected. */
  maxDomains?: number;
  /** Source IPs tracked per policy domain (the aggregator's cap). */
  maxSources?: number;
  /** Rejections kept for the output (all are counted and passed to onRejected). */
  maxRejected?: number;
  /** Largest file read at all (an mbox may be large; each report in it has the archive limits). */
  maxFileBytes?: number;
  limits?: ReadLimits;
  onProgress?(done: number, total: number): void;
  onRejected?(rejection: RejectedInput): void | Promise<void>;
}

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_MAX_DOMAINS = 100;
export const DEFAULT_MAX_REJECTED = 10_000;
/** 256 MiB: a file is read whole, and V8 strings stop a little past 512 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;

function compareRejections(a: RejectedInput, b: RejectedInput): number {
  const key = (r: RejectedInput) => [r.file, String(r.message ?? 0).padStart(10, '0'), r.document ?? ''];
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] as string) < (y[i] as string) ? -1 : 1;
  return 0;
}

function inDomains(domain: string, filter: readonly string[]): boolean {
  return filter.some((d) => domain === d || domain.endsWith(`.${d}`));
}

export async function runDmarcReport(args: readonly string[], options: DmarcReportRunOptions): Promise<DmarcReportRun> {
  const maxDomains = options.maxDomains ?? DEFAULT_MAX_DOMAINS;
  const maxRejected = options.maxRejected ?? DEFAULT_MAX_REJECTED;
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const limits = options.limits ?? {};
  const aggregators = new Map<string, DmarcAggregator>();
  const run: DmarcReportRun = { files: 0, filesRead: 0, documents: 0, otherDomains: 0, domains: [], rejected: [], rejectedTotal: 0, warnings: {} };

  const reject = async (r: RejectedInput): Promise<void> => {
    run.rejectedTotal++;
    if (run.rejected.length < maxRejected) run.rejected.push(r);
    await options.onRejected?.(r);
  };

  /** Adds one parsed report; false when it was refused (too many domains). */
  const add = (report: DmarcAggregateReport): boolean => {
    const domain = report.policy.domain;
    if (options.domains && options.domains.length > 0 && !inDomains(domain, options.domains)) {
      run.otherDomains++;
      return true;
    }
    let aggregator = aggregators.get(domain);
    if (!aggregator) {
      if (aggregators.size >= maxDomains) return false;
      aggregator = new DmarcAggregator({ orgDomain: options.orgDomain, ...(options.since !== undefined && { since: options.since }), ...(options.maxSources !== undefined && { maxSources: options.maxSources }) });
      aggregators.set(domain, aggregator);
    }
    aggregator.add(report);
    for (const w of report.warnings) run.warnings[w.code] = (run.warnings[w.code] ?? 0) + (w.code === 'dmarc-report.more-warnings' ? Number(w.data.count ?? 1) : 1);
    return true;
  };

  /**
   * Feeds what one container held to the aggregators; true when it held a report. The reader names each
   * document `base` or `base!member`; `document` is what `base` itself is called inside the file (the
   * attachment's name; nothing for the file itself).
   */
  const take = async (file: string, outcome: ReadOutcome, base: string, where: { message?: number; document?: string }): Promise<boolean> => {
    const at = (name: string): { message?: number; document?: string } => {
      const member = name.startsWith(`${base}!`) ? name.slice(base.length + 1) : undefined;
      const document = member === undefined ? where.document : where.document ? `${where.document}!${member}` : member;
      return { ...(where.message !== undefined && { message: where.message }), ...(document !== undefined && document !== '' && { document }) };
    };
    for (const r of outcome.rejected) await reject({ file, ...at(r.name), code: r.problem.code, data: r.problem.data });
    for (const r of outcome.reports) {
      run.documents++;
      if (!add(r.report)) await reject({ file, ...at(r.name), code: 'dmarc-report.too-many-domains', data: { domain: r.report.policy.domain, limit: maxDomains } });
    }
    return outcome.reports.length > 0;
  };

  const readOne = async (file: string): Promise<void> => {
    let bytes: Buffer;
    try {
      if (file === '-') bytes = await options.readStdin();
      else {
        const info = await stat(file);
        if (info.size > maxFileBytes) {
          await reject({ file, code: 'input.too-large', data: { size: info.size, limit: maxFileBytes } });
          return;
        }
        bytes = await readFile(file);
      }
    } catch (error) {
      const { code, reason } = describeFsError(error);
      await reject({ file, code: `input.${code}`, data: reason === undefined ? {} : { reason } });
      return;
    }
    if (bytes.byteLength > maxFileBytes) {
      await reject({ file, code: 'input.too-large', data: { size: bytes.byteLength, limit: maxFileBytes } });
      return;
    }
    const sniffed = sniffFormat(bytes);
    const declared = declaredFormat(file, '');
    // A report file (by its bytes, or by its name when the bytes are none of ours: then the reader says why).
    if (sniffed !== undefined || declared !== undefined || bytes.byteLength === 0) {
      if (await take(file, await readReportFile(file, bytes, limits), file, {})) run.filesRead++;
      return;
    }
    // Otherwise a message, an mbox or a maildir file: the reports are its attachments.
    const messages = messagesFromBuffer(file, bytes);
    if (!Array.isArray(messages)) {
      await reject({ file, code: `input.${messages.code}`, data: messages.reason === undefined ? {} : { reason: messages.reason } });
      return;
    }
    const mbox = messages.length > 1;
    let found = false;
    for (const m of messages) {
      const where = mbox ? { message: m.message } : {};
      let attachments;
      try {
        attachments = await messageAttachments(m.text);
      } catch (error) {
        await reject({ file, ...where, code: 'input.broken', data: { reason: error instanceof Error ? error.message : String(error) } });
        continue;
      }
      let any = false;
      for (const a of attachments) {
        const outcome = await readReportAttachment(a.filename, a.contentType, a.bytes, limits);
        if (outcome.skipped) continue;
        any = true;
        if (await take(file, outcome, a.filename, { ...where, document: a.filename })) found = true;
      }
      if (!any) await reject({ file, ...where, code: 'dmarc-report.no-report', data: {} });
    }
    if (found) run.filesRead++;
  };

  const { files, errors } = await expandInputs([...args]);
  for (const e of errors) await reject({ file: e.file, code: `input.${e.code}`, data: e.reason === undefined ? {} : { reason: e.reason } });
  run.files = files.length + errors.length;
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++] as string;
      await readOne(file);
      done++;
      options.onProgress?.(done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, files.length)) }, worker));

  run.domains = [...aggregators.entries()]
    .map(([domain, aggregator]) => ({ domain, aggregate: aggregator.result() }))
    .sort((a, b) => b.aggregate.totals.messages - a.aggregate.totals.messages || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
  run.rejected.sort(compareRejections);
  return run;
}
