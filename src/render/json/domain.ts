import type { Report, Section } from '../../core/report.js';
import type { CatalogueShape } from '../../messages/types.js';
import type { ListingDetail } from '../../dnsbl/classify.js';
import { dnsbl, findingJson, meaning, spfWords } from '../words.js';
import { unicodeName } from '../idn.js';

/** A listing's JSON: meanings and detail in English words, as `mailcheck ip --json` has always printed them. */
export function listingJson(en: CatalogueShape, l: Record<string, unknown>): Record<string, unknown> {
  const detail = l.detail as ListingDetail | null;
  return {
    ...l,
    meanings: (l.meanings as string[][]).map((ids) => meaning(en, ids)),
    detail: detail ? dnsbl(en, detail.id, detail.data) : null,
    ...('advice' in l ? { advice: l.advice ? dnsbl(en, String(l.advice)) : null } : {}),
  };
}

/** The section data as the JSON has always had it: values that are ids (DNSBL meanings, SPF problems) in English words. */
function sectionData(en: CatalogueShape, section: Section): Record<string, unknown> {
  const data = section.data;
  if (section.id === 'rbl') {
    return { ...data, targets: (data.targets as Record<string, unknown>[]).map((t) => ({ ...t, listings: (t.listings as Record<string, unknown>[]).map((l) => listingJson(en, l)) })) };
  }
  if (section.id === 'spf' && Array.isArray(data.ipResults)) {
    return { ...data, ipResults: (data.ipResults as Record<string, unknown>[]).map((r) => ({ ...r, problem: problemJson(en, r.problem) })) };
  }
  return data;
}

export function problemJson(en: CatalogueShape, problem: unknown): string | null {
  const p = problem as { id: string; data: Record<string, unknown> } | null;
  return p ? spfWords(en, `problem.${p.id}`, p.data) : null;
}

/** The documented `--json` object of one domain (README: "JSON output"). Field order is part of the contract. */
export function domainJson(report: Report, en: CatalogueShape): Record<string, unknown> {
  const checks: Record<string, unknown> = {};
  for (const section of report.sections) checks[section.id] = { status: section.status, score: section.score, ...sectionData(en, section) };
  const unicode = unicodeName(report.subject);
  return {
    domain: report.subject,
    score: report.score,
    grade: report.grade,
    incomplete: report.incomplete,
    checks,
    findings: report.findings.map((f) => findingJson(en, f)),
    // An internationalised domain's Unicode form (the `domain` field is the ASCII one DNS uses).
    ...(unicode !== undefined ? { unicode } : {}),
  };
}
