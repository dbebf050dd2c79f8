import type { ChalkInstance } from 'chalk';
import type { Report } from '../../core/report.js';
import type { ListingResult, ListingSummary } from '../../dnsbl/engine.js';
import type { SelftestResult } from '../../dnsbl/selftest.js';
import type { RdnsFact } from '../../gather/rdns.js';
import type { RenderContext } from '../context.js';
import { safeLine } from '../escape.js';
import { gapAfter, gapBefore, padDisplay } from '../width.js';
import { dnsbl, label, meaning } from '../words.js';

const STATUS_ORDER: Readonly<Record<ListingResult['status'], number>> = { listed: 0, refused: 1, error: 2, clean: 3 };

function statusLabel(status: ListingResult['status'], c: ChalkInstance, ctx: RenderContext): string {
  const words = padDisplay(label(ctx.words, `ip.status.${status}`), 15);
  switch (status) {
    case 'listed': return c.red.bold(words);
    case 'refused':
    case 'error': return c.yellow(words);
    case 'clean': return c.green(words);
  }
}

function rdnsLine(rdns: RdnsFact, c: ChalkInstance, ctx: RenderContext): string {
  const l = (id: string, data: Record<string, unknown> = {}) => label(ctx.words, id, data);
  const head = l('ip.rdns');
  const h = `${head}${gapAfter(head)}`;
  // A note after the names, spaced as its language wants ("name (forward-confirmed)", "name（已正向确认）").
  const note = (text: string, paint: (t: string) => string) => `${gapBefore(text)}${paint(text)}`;
  if (rdns.status === 'missing') return `${h}${c.red(l('ip.rdns-missing'))}${note(l('ip.rdns-missing-why'), (t) => t)}`;
  if (rdns.status !== 'ok') return `${h}${c.yellow(l('ip.rdns-failed', { status: rdns.status }))}`;
  const names = safeLine(rdns.ptr.join(', '));
  if (rdns.fcrdns === true) return `${h}${names}${note(l('ip.fcrdns-ok'), c.green)}`;
  if (rdns.fcrdns === false) return `${h}${names}${note(l('ip.fcrdns-fails'), c.red)}`;
  return `${h}${names}${note(l('ip.fcrdns-unknown', { names: safeLine(rdns.failedForward.join(', ')) }), c.yellow)}`;
}

/** "listed on 2 of 47 lists (1 major); 3 could not be checked; score 40/100". */
export function summaryLine(summary: ListingSummary, score: number | null, ctx: RenderContext): string {
  return label(ctx.words, 'ip.summary', { ...summary, score });
}

function listingLines(l: ListingResult, c: ChalkInstance, ctx: RenderContext): string[] {
  const head = `  ${statusLabel(l.status, c, ctx)}  ${l.list} (${l.zone})${l.major ? c.bold(` ${label(ctx.words, 'ip.major')}`) : ''}`;
  const lines = [head];
  const pad = ' '.repeat(21);
  if (l.status === 'listed') {
    l.codes.forEach((code, i) => lines.push(`${pad}${code}: ${meaning(ctx.words, l.meanings[i])}`));
    const tag = (id: string) => `${label(ctx.words, id)}${gapAfter(label(ctx.words, id))}`;
    if (l.reason) lines.push(`${pad}${tag('ip.reason')}${safeLine(l.reason)}`);
    if (l.delist) lines.push(`${pad}${tag('ip.delisting')}${l.delist}`);
  } else if (l.status === 'refused' || l.status === 'error') {
    const detail = l.detail ? dnsbl(ctx.words, l.detail.id, l.detail.data) : '';
    lines.push(`${pad}${l.codes.length > 0 ? `${l.codes.join(', ')}: ` : ''}${safeLine(detail)}`);
    const todo = label(ctx.words, 'ip.what-to-do');
    if (l.advice) lines.push(`${pad}${c.dim(`${todo}${gapAfter(todo)}${dnsbl(ctx.words, l.advice)}`)}`);
  } else if (l.meanings.length > 0) {
    lines[0] += c.dim(` (${l.codes.map((code, i) => `${code}: ${meaning(ctx.words, l.meanings[i])}`).join('; ')})`);
  }
  return lines;
}

/** Text report of one address; with `quiet`, only what needs attention and the summary. */
export function renderIpText(report: Report, ctx: RenderContext): string {
  if (report.command === 'ip-selftest') return '';
  const c = ctx.chalk;
  const rdns = report.data.rdns as RdnsFact;
  const listings = report.data.listings as ListingResult[];
  const summary = report.data.summary as ListingSummary;
  const out: string[] = [c.bold(report.subject)];
  const range = report.data.range as string | null;
  const notice = label(ctx.words, 'ip.notice');
  if (range !== null) out.push(`  ${c.yellow(notice)}${gapAfter(notice)}${label(ctx.words, 'ip.non-public', { ip: report.subject, what: label(ctx.words, `ip.range.${range}`) })}`);
  if (!ctx.quiet || rdns.fcrdns !== true) out.push(`  ${rdnsLine(rdns, c, ctx)}`);
  const sorted = [...listings].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.list.localeCompare(b.list));
  for (const listing of sorted) {
    if (ctx.quiet && listing.status === 'clean') continue;
    out.push(...listingLines(listing, c, ctx));
  }
  const line = summaryLine(summary, report.score, ctx);
  out.push(`  ${summary.majorListed > 0 ? c.red.bold(line) : summary.listed > 0 ? c.yellow(line) : c.green(line)}`);
  return `${out.join('\n')}\n`;
}

/** `ip --selftest`: one line per list and kind, then the tally. */
export function renderSelftestText(reports: readonly Report[], ctx: RenderContext): string {
  const c = ctx.chalk;
  const out: string[] = [];
  const results = reports.map((r) => r.data.result as SelftestResult);
  for (const r of results) {
    if (ctx.quiet && r.verdict === 'ok') continue;
    const word = padDisplay(label(ctx.words, `selftest.${r.verdict}`), 16);
    const painted = r.verdict === 'ok' ? c.green(word) : r.verdict === 'refused' || r.verdict === 'unreachable' ? c.yellow(word) : c.red.bold(word);
    out.push(`${painted} ${r.list} (${r.zone}, ${r.kind}): ${safeLine(dnsbl(ctx.words, r.detail.id, r.detail.data))}`);
  }
  const bad = results.filter((r) => r.verdict === 'dead' || r.verdict === 'lists-everything' || r.verdict === 'broken').length;
  const unknown = results.filter((r) => r.verdict === 'refused' || r.verdict === 'unreachable').length;
  out.push(label(ctx.words, 'selftest.tally', { total: results.length, ok: results.length - bad - unknown, bad, unknown }));
  return `${out.join('\n')}\n`;
}
