import type { ChalkInstance } from 'chalk';
import type { IpReport } from '../dnsbl/ip-report.js';
import type { ListingResult } from '../dnsbl/engine.js';
import type { SelftestResult } from '../dnsbl/selftest.js';

const STATUS_ORDER: Readonly<Record<ListingResult['status'], number>> = { listed: 0, refused: 1, error: 2, clean: 3 };

function statusLabel(status: ListingResult['status'], c: ChalkInstance): string {
  switch (status) {
    case 'listed': return c.red.bold('LISTED         ');
    case 'refused': return c.yellow('REFUSED BY LIST');
    case 'error': return c.yellow('COULD NOT CHECK');
    case 'clean': return c.green('not listed     ');
  }
}

function rdnsLine(report: IpReport, c: ChalkInstance): string {
  const { rdns } = report;
  if (rdns.status === 'missing') return `reverse DNS: ${c.red('no PTR record')} (receivers often reject mail from IPs without one)`;
  if (rdns.status !== 'ok') return `reverse DNS: ${c.yellow(`could not check (${rdns.status})`)}`;
  const names = rdns.ptr.join(', ');
  if (rdns.fcrdns === true) return `reverse DNS: ${names} ${c.green('(forward-confirmed)')}`;
  if (rdns.fcrdns === false) return `reverse DNS: ${names} ${c.red('(does not resolve back to this IP: FCrDNS fails)')}`;
  return `reverse DNS: ${names} ${c.yellow(`(forward confirmation could not be checked: ${rdns.failedForward.join(', ')})`)}`;
}

/** "listed on 2 of 47 lists (1 major); 3 could not be checked; score 40/100". */
export function summaryLine(report: IpReport): string {
  const parts = [`listed on ${report.listed} of ${report.total} list${report.total === 1 ? '' : 's'} (${report.majorListed} major)`];
  if (report.failed > 0) parts.push(`${report.failed} could not be checked${report.refused > 0 ? ` (${report.refused} refused by the operator)` : ''}`);
  parts.push(`score ${report.score}/100`);
  return parts.join('; ');
}

function listingLines(l: ListingResult, c: ChalkInstance): string[] {
  const head = `  ${statusLabel(l.status, c)}  ${l.list} (${l.zone})${l.major ? c.bold(' major') : ''}`;
  const lines = [head];
  const pad = ' '.repeat(21);
  if (l.status === 'listed') {
    l.codes.forEach((code, i) => lines.push(`${pad}${code}: ${l.meanings[i] ?? ''}`));
    if (l.reason) lines.push(`${pad}reason: ${l.reason}`);
    if (l.delist) lines.push(`${pad}delisting: ${l.delist}`);
  } else if (l.status === 'refused' || l.status === 'error') {
    lines.push(`${pad}${l.codes.length > 0 ? `${l.codes.join(', ')}: ` : ''}${l.detail ?? ''}`);
    if (l.advice) lines.push(`${pad}${c.dim(`what to do: ${l.advice}`)}`);
  } else if (l.meanings.length > 0) {
    lines[0] += c.dim(` (${l.codes.map((code, i) => `${code}: ${l.meanings[i]}`).join('; ')})`);
  }
  return lines;
}

/** Text report of one address; with `quiet`, only what needs attention and the summary. */
export function renderIpText(report: IpReport, c: ChalkInstance, options: { quiet: boolean }): string {
  const out: string[] = [c.bold(report.ip)];
  if (report.notice) out.push(`  ${c.yellow('notice:')} ${report.notice}`);
  if (!options.quiet || report.rdns.fcrdns !== true) out.push(`  ${rdnsLine(report, c)}`);
  const sorted = [...report.listings].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.list.localeCompare(b.list));
  for (const listing of sorted) {
    if (options.quiet && listing.status === 'clean') continue;
    out.push(...listingLines(listing, c));
  }
  const summary = summaryLine(report);
  out.push(`  ${report.majorListed > 0 ? c.red.bold(summary) : report.listed > 0 ? c.yellow(summary) : c.green(summary)}`);
  return `${out.join('\n')}\n`;
}

const VERDICT_WORDS: Readonly<Record<SelftestResult['verdict'], string>> = {
  ok: 'ok',
  'lists-everything': 'LISTS EVERYTHING',
  dead: 'DEAD',
  refused: 'REFUSES US',
  broken: 'BROKEN',
  unreachable: 'UNREACHABLE',
};

export function renderSelftestText(results: readonly SelftestResult[], c: ChalkInstance, options: { quiet: boolean }): string {
  const out: string[] = [];
  for (const r of results) {
    if (options.quiet && r.verdict === 'ok') continue;
    const word = VERDICT_WORDS[r.verdict].padEnd(16);
    const label = r.verdict === 'ok' ? c.green(word) : r.verdict === 'refused' || r.verdict === 'unreachable' ? c.yellow(word) : c.red.bold(word);
    out.push(`${label} ${r.list} (${r.zone}, ${r.kind}): ${r.detail}`);
  }
  const bad = results.filter((r) => r.verdict === 'dead' || r.verdict === 'lists-everything' || r.verdict === 'broken').length;
  const unknown = results.filter((r) => r.verdict === 'refused' || r.verdict === 'unreachable').length;
  out.push(`${results.length} test${results.length === 1 ? '' : 's'}: ${results.length - bad - unknown} ok, ${bad} dead or broken, ${unknown} refused or unreachable`);
  return `${out.join('\n')}\n`;
}
