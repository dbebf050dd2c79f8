import type { Finding, RecordFix } from '../core/finding.js';
import type { Report } from '../core/report.js';
import { formatDmarc, parseDmarc, type DmarcRecord } from '../parse/dmarc.js';
import { formatSpf, formatTerm, parseSpf, type SpfMechanism, type SpfRecord, type SpfTerm } from '../parse/spf.js';

// One record per DNS name. Each check suggests the record its own finding needs, each built from the
// record as published with one change (dmarc.policy-none: p=quarantine; dmarc.no-reports: a rua=).
// Pasted one after the other, the last would undo the others, so after the checks the suggestions
// for one name are merged into one record holding every change, and every such finding points to it.

const key = (record: RecordFix) => `${record.name.toLowerCase().replace(/\.?$/, '.')}|${record.type.toUpperCase()}`;

/** DMARC: the tags each suggestion changes from the published record, the first finding's change winning a conflict. */
function mergeDmarc(base: DmarcRecord, suggestions: readonly string[]): string | undefined {
  const merged: DmarcRecord = { ...base, rua: [...base.rua], ruf: [...base.ruf], other: [...base.other] };
  const changed = new Set<keyof DmarcRecord>();
  for (const value of suggestions) {
    const parsed = parseDmarc(value);
    if (parsed.errors.length > 0) return undefined;
    const record = parsed.record;
    for (const tag of Object.keys({ ...base, ...record }) as (keyof DmarcRecord)[]) {
      if (changed.has(tag) || JSON.stringify(record[tag]) === JSON.stringify(base[tag])) continue;
      changed.add(tag);
      (merged as unknown as Record<string, unknown>)[tag] = record[tag];
    }
  }
  return formatDmarc(merged);
}

const isAll = (t: SpfTerm): t is SpfMechanism => t.kind === 'mechanism' && t.name === 'all';

/** SPF: the terms each suggestion adds or removes, and the `all` it sets (the first change wins), on the published record. */
function mergeSpfSuggestions(base: SpfRecord, suggestions: readonly string[]): string | undefined {
  const baseTexts = new Set(base.terms.map(formatTerm));
  const added: SpfTerm[] = [];
  const removed = new Set<string>();
  let ending: SpfMechanism | undefined;
  const baseAll = base.terms.find(isAll);
  for (const value of suggestions) {
    const parsed = parseSpf(value);
    if (!parsed.ok) return undefined;
    const texts = new Set(parsed.record.terms.map(formatTerm));
    for (const term of parsed.record.terms) {
      if (isAll(term)) {
        if (!ending && (!baseAll || term.qualifier !== baseAll.qualifier)) ending = term;
        continue;
      }
      const text = formatTerm(term);
      if (!baseTexts.has(text) && !added.some((t) => formatTerm(t) === text)) added.push(term);
    }
    for (const term of base.terms) if (!isAll(term) && !texts.has(formatTerm(term))) removed.add(formatTerm(term));
  }
  const kept = base.terms.filter((t) => !isAll(t) && !removed.has(formatTerm(t)));
  const mechanisms = [...kept.filter((t) => t.kind === 'mechanism'), ...added.filter((t) => t.kind === 'mechanism')];
  const modifiers = [...kept.filter((t) => t.kind === 'modifier'), ...added.filter((t) => t.kind === 'modifier')];
  const all = ending ?? baseAll;
  return formatSpf({ terms: [...mechanisms, ...(all ? [all] : []), ...modifiers] });
}

/** The record as published at a name, from the sections of a domain report (SPF at the domain, DMARC at _dmarc). */
function publishedAt(report: Report, name: string): string | undefined {
  const data = (id: string) => report.sections.find((s) => s.id === id)?.data ?? {};
  const spf = data('spf');
  if (name === `${report.subject}.` && typeof spf.record === 'string') return spf.record;
  const dmarc = data('dmarc');
  if (typeof dmarc.record === 'string' && name === `_dmarc.${String(dmarc.recordDomain)}.`) return dmarc.record;
  return undefined;
}

/**
 * Merges the record fixes that suggest different values for one name and type into one record
 * (SPF and DMARC, the records built from the published one), so that every finding's fix is the
 * same, complete record. Pure: returns a new report; names with one suggestion are left as they are.
 */
export function mergeFixRecords(report: Report): Report {
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const record = f.fix?.record;
    if (!record) continue;
    const k = key(record);
    groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  const replaced = new Map<Finding, RecordFix>();
  for (const findings of groups.values()) {
    const values = [...new Set(findings.map((f) => (f.fix?.record as RecordFix).value))];
    if (values.length < 2) continue;
    const first = findings[0]?.fix?.record as RecordFix;
    const published = publishedAt(report, first.name.toLowerCase().replace(/\.?$/, '.'));
    if (published === undefined) continue;
    let merged: string | undefined;
    if (/^v=spf1(\s|$)/i.test(published)) {
      const base = parseSpf(published);
      merged = base.ok ? mergeSpfSuggestions(base.record, values) : undefined;
    } else if (/^\s*v\s*=\s*DMARC1/i.test(published)) {
      merged = mergeDmarc(parseDmarc(published).record, values);
    }
    if (merged === undefined) continue;
    for (const f of findings) replaced.set(f, { ...first, value: merged });
  }
  if (replaced.size === 0) return report;
  return {
    ...report,
    findings: report.findings.map((f) => {
      const record = replaced.get(f);
      return record && f.fix ? { ...f, fix: { ...f.fix, record } } : f;
    }),
  };
}
