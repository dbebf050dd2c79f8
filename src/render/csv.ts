import type { Report } from '../core/report.js';
import type { MessageReport } from '../bounce/run.js';
import { hardBounces, needsReview } from '../bounce/run.js';
import type { ListEntry } from '../bounce/summary.js';
import type { ListingResult } from '../dnsbl/engine.js';
import type { DmarcAggregate } from '../dmarc-report/aggregate.js';
import type { SourceIdentity } from '../gather/dmarc-report.js';
import { serviceName } from '../data/sending-services.js';
import type { RenderContext } from './context.js';
import type { Formatter } from './index.js';
import { adviceWords } from './text/bounce.js';
import { meaning } from './words.js';
import { addressCsvBegin, addressCsvRow } from './address.js';
import { csvCell, csvRow } from './csv-cell.js';

export { csvCell, csvRow };

const DOMAIN_COLUMNS = ['domain', 'score', 'grade', 'incomplete', 'errors', 'warnings', 'info', 'mx', 'spf', 'dmarc', 'dkim', 'rdns', 'rbl', 'findings'];
const IP_COLUMNS = ['ip', 'list', 'zone', 'major', 'status', 'codes', 'meanings', 'reason', 'delist'];
const DMARC_REPORT_COLUMNS = ['domain', 'ip', 'ptr', 'ptrConfirmed', 'service', 'serviceName', 'messages', 'dmarcPass', 'spfAligned', 'dkimAligned', 'spfPass', 'dkimPass', 'headerFrom', 'dkimDomains', 'spfDomains', 'reporters', 'firstSeen', 'lastSeen'];
const BOUNCE_COLUMNS = ['file', 'message', 'recipient', 'action', 'status', 'replyCode', 'reason', 'hard', 'diagnostic', 'remoteMta', 'command', 'advice', 'verdict', 'permanent', 'statusDerived', 'refusedBy', 'provider', 'providerExplanation'];

function domainRow(r: Report): unknown[] {
  const n = (s: string) => r.findings.filter((f) => f.severity === s).length;
  const section = (id: string) => {
    const s = r.sections.find((x) => x.id === id);
    return s ? (s.score ?? s.status) : '';
  };
  return [r.subject, r.score, r.grade, r.incomplete, n('error'), n('warning'), n('info'), ...['mx', 'spf', 'dmarc', 'dkim', 'rdns', 'rbl'].map(section), r.findings.map((f) => f.id).join(' ')];
}

function ipRows(r: Report, ctx: RenderContext): unknown[][] {
  return (r.data.listings as ListingResult[]).map((l) => [r.subject, l.list, l.zone, l.major, l.status, l.codes.join(' '), l.codes.map((_, i) => meaning(ctx.en, l.meanings[i])).join(' | '), l.reason ?? '', l.delist ?? '']);
}

/** The header row of `bounce --format csv`. */
export function bounceCsvHeader(): string {
  return csvRow(BOUNCE_COLUMNS);
}

function bounceRows(r: Report, ctx: RenderContext): unknown[][] {
  const m = r.data.message as MessageReport;
  return m.recipients.map((x) => [m.file, m.message, x.recipient, x.action, x.status, x.replyCode, x.reason, x.hard, x.diagnostic, x.remoteMta, x.command, adviceWords({ words: ctx.en }, x), x.verdict, x.permanent, x.statusDerived, x.refusedBy, x.provider ?? '', x.providerExplanation ?? '']);
}

function dmarcReportRows(r: Report): unknown[][] {
  const aggregate = r.data.aggregate as DmarcAggregate;
  const identities = r.data.identities as Record<string, SourceIdentity>;
  const day = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);
  return aggregate.sources.map((s) => {
    const id = identities[s.ip];
    return [r.subject, s.ip, id?.ptr ?? '', id?.ptrConfirmed ?? '', id?.service ?? '', id?.service ? serviceName(id.service) : '', s.messages, s.dmarcPass, s.spfAligned, s.dkimAligned, s.spfPass, s.dkimPass,
      s.headerFrom.map((h) => h.domain).join(' '), s.dkim.map((d) => (d.selector ? `${d.domain}/${d.selector}` : d.domain)).join(' '), s.spf.map((x) => x.domain).join(' '), s.reporters.map((x) => x.org).join(' | '), day(s.firstSeen), day(s.lastSeen)];
  });
}

/** `--format csv`: a header row, then one row per domain (summary), per list queried (ip), per recipient (bounce) or per source IP (dmarc-report). */
export const csvFormat: Formatter = {
  commands: ['domain', 'ip', 'bounce', 'dmarc-report', 'address'],
  render(reports, ctx) {
    const command = reports[0]?.command ?? '';
    if (command === 'address') return addressCsvBegin(ctx) + reports.map((r) => addressCsvRow(r, ctx, addressWidth(ctx))).join('');
    if (command === 'domain') return csvRow(DOMAIN_COLUMNS) + reports.map((r) => csvRow(domainRow(r))).join('');
    if (command === 'ip') return csvRow(IP_COLUMNS) + reports.flatMap((r) => ipRows(r, ctx)).map(csvRow).join('');
    if (command === 'bounce') return csvRow(BOUNCE_COLUMNS) + reports.flatMap((r) => bounceRows(r, ctx)).map(csvRow).join('');
    if (command === 'dmarc-report') return csvRow(DMARC_REPORT_COLUMNS) + reports.flatMap(dmarcReportRows).map(csvRow).join('');
    return '';
  },
  // Streamed for `address` and `list` (a header from ctx.options.columns, then a row per address).
  // Streamed for `domain` too (a bulk run: the header, then a row per domain as each is done).
  stream: {
    begin: (ctx) => (ctx.options.command === 'address' || ctx.options.command === 'list' ? addressCsvBegin(ctx) : ctx.command === 'domain' ? csvRow(DOMAIN_COLUMNS) : ''),
    item: (report, ctx) => (report.command === 'address' ? addressCsvRow(report, ctx, addressWidth(ctx)) : report.command === 'domain' ? csvRow(domainRow(report)) : ''),
    end: () => '',
  },
};

function addressWidth(ctx: RenderContext): number {
  return Array.isArray(ctx.options.columns) ? ctx.options.columns.length : 1;
}

export const SUPPRESS_COLUMNS = ['recipient', 'reason', 'status', 'replyCode', 'file', 'message', 'diagnostic'] as const;

/** A --suppress or review list: a header row, then one row per entry. */
export function listCsv(list: readonly ListEntry[]): string {
  const rows = [SUPPRESS_COLUMNS.join(',')];
  for (const { file, message, recipient } of list) {
    rows.push([recipient.recipient, recipient.reason, recipient.status, recipient.replyCode, file, message, recipient.diagnostic].map(csvCell).join(','));
  }
  return rows.join('\n') + '\n';
}

/** The --suppress CSV: a header row, then one row per hard-bounced address. */
export function suppressionCsv(reports: readonly MessageReport[], _ctx: RenderContext): string {
  return listCsv(hardBounces(reports).map(({ report, recipient }) => ({ file: report.file, message: report.message, recipient })));
}

/** The review list beside --suppress: the same columns, one row per address whose verdict is `unknown` (needs a look). */
export function reviewCsv(reports: readonly MessageReport[], _ctx: RenderContext): string {
  return listCsv(needsReview(reports).map(({ report, recipient }) => ({ file: report.file, message: report.message, recipient })));
}
