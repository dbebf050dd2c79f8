import type { FoundItem } from '../core/check.js';
import type { Data, Finding } from '../core/finding.js';
import { text, type CatalogueShape } from '../messages/types.js';

// Words for the data of reports, from a catalogue: the only place (with the renderers that call it)
// where ids become sentences.

export function message(catalogue: CatalogueShape, f: Finding): string {
  return text(catalogue, 'findings', f.id, f.data);
}

/** The fix's words: its advice entry when it names one, else the finding's own `fix`. */
export function fixText(catalogue: CatalogueShape, f: Finding): string {
  if (!f.fix) return '';
  const data: Data = { ...f.data, ...f.fix.data, record: f.fix.record ?? null };
  if (f.fix.advice) return text(catalogue, 'advice', f.fix.advice, data);
  const entry = catalogue.findings[f.id];
  if (!entry?.fix) return '';
  const lookup = (s: keyof CatalogueShape, k: string, d?: Data) => text(catalogue, s, k, d);
  return typeof entry.fix === 'string' ? entry.fix : entry.fix(data, lookup);
}

export function findingTitle(catalogue: CatalogueShape, id: string): string {
  return catalogue.findings[id]?.title ?? id;
}

export function found(catalogue: CatalogueShape, item: FoundItem): string {
  return text(catalogue, 'found', item.id, item.data);
}

export function label(catalogue: CatalogueShape, id: string, data: Data = {}): string {
  return text(catalogue, 'labels', id, data);
}

export function checkTitle(catalogue: CatalogueShape, id: string): string {
  return catalogue.checks[id] ?? id;
}

export function dnsbl(catalogue: CatalogueShape, id: string, data: Data = {}): string {
  return text(catalogue, 'dnsbl', id, data);
}

export function spfWords(catalogue: CatalogueShape, id: string, data: Data = {}): string {
  return text(catalogue, 'spf', id, data);
}

/** The words of one DNSBL code: its meaning ids joined (a bitmask code has several). */
export function meaning(catalogue: CatalogueShape, ids: readonly string[] | undefined): string {
  return (ids ?? []).map((id) => dnsbl(catalogue, id)).join('; ');
}

/** The JSON form of a finding (`message` and `fix.action` in English, plus the data they are made of). */
export function findingJson(en: CatalogueShape, f: Finding): Record<string, unknown> {
  const fix = f.fix ? { action: fixText(en, f), ...(f.fix.record ? { record: f.fix.record } : {}) } : null;
  return { id: f.id, check: f.check, severity: f.severity, message: message(en, f), fix, data: f.data };
}
