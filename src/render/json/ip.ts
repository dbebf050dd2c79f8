import type { Report } from '../../core/report.js';
import type { ListingResult, ListingSummary } from '../../dnsbl/engine.js';
import type { SelftestResult } from '../../dnsbl/selftest.js';
import type { RdnsFact } from '../../gather/rdns.js';
import type { CatalogueShape } from '../../messages/types.js';
import { dnsbl, findingJson, label } from '../words.js';
import { listingJson } from './domain.js';

/** The stable JSON shape of one address (README, `mailcheck ip --json`), plus its findings. */
export function ipJson(report: Report, en: CatalogueShape): Record<string, unknown> {
  const rdns = report.data.rdns as RdnsFact;
  const listings = report.data.listings as ListingResult[];
  const summary = report.data.summary as ListingSummary;
  const range = report.data.range as string | null;
  return {
    ip: report.subject,
    notice: range === null ? null : label(en, 'ip.non-public', { ip: report.subject, what: label(en, `ip.range.${range}`) }),
    ptr: rdns.ptr,
    fcrdns: rdns.fcrdns ?? null,
    rdns: rdns.status,
    listings: listings.map((l) => listingJson(en, {
      list: l.list, zone: l.zone, status: l.status, codes: l.codes, meanings: l.meanings,
      reason: l.reason, delist: l.delist, major: l.major, detail: l.detail, advice: l.advice,
    })),
    listed: summary.listed,
    majorListed: summary.majorListed,
    checked: summary.checked,
    failed: summary.failed,
    score: report.score,
    incomplete: report.incomplete,
    findings: report.findings.map((f) => findingJson(en, f)),
  };
}

/** One `ip --selftest --json` entry. */
export function selftestJson(report: Report, en: CatalogueShape): Record<string, unknown> {
  const r = report.data.result as SelftestResult;
  return { list: r.list, zone: r.zone, kind: r.kind, verdict: r.verdict, positive: r.positive, negative: r.negative, detail: dnsbl(en, r.detail.id, r.detail.data) };
}
