import type { Data } from '../core/finding.js';

// The shape of a language's catalogue. English (en/) defines the ids; every other language must have
// exactly the same ids (the type below makes a missing or extra id a compile error, and
// test/messages-catalogue.test.ts checks that each entry reads the same data).

/** Words, fixed or built from the facts of a finding, a found line, a label…; `t` reads other entries of the same language. */
export type Text = string | ((d: Data, t: Lookup) => string);

/** Another entry of the same catalogue, filled from `data` (for words inside words, e.g. an SPF problem inside a finding). */
export type Lookup = (section: keyof CatalogueShape, key: string, data?: Data) => string;

export interface FindingText {
  /** Short description of the problem in general (SARIF rule, README table, Markdown headings). */
  title: string;
  message: Text;
  /** What to do, when the finding has a fix of its own (not a shared advice id). */
  fix?: Text;
}

export interface CatalogueShape {
  /** Check titles, by check id. */
  checks: Record<string, string>;
  findings: Record<string, FindingText>;
  /** Fixes shared by several findings (`fix.advice`). */
  advice: Record<string, Text>;
  /** What a check found, by found-line id. */
  found: Record<string, Text>;
  /** The renderers' own words (headings, summaries, states). */
  labels: Record<string, Text>;
  /** The CLI's own errors and notices (one line each on stderr). */
  errors: Record<string, Text>;
  /** Meanings of DNSBL return codes and error answers, and the advice for refusals. */
  dnsbl: Record<string, Text>;
  /** Bounce reasons: what each means. */
  reasons: Record<string, string>;
  /** SPF evaluation: results, trace events and problems. */
  spf: Record<string, Text>;
  /** Syntax errors of the parsers (zone files, SPF records, macro-strings), by code. */
  syntax: Record<string, Text>;
}

/** The words of a parser error `{ code, data }` (an SPF error inside a modifier says which: `exp=: …`). */
export function syntaxText(t: Lookup, error: unknown): string {
  const e = error as { code?: string; data?: Data } | null;
  if (!e?.code) return t('labels', 'syntax.unknown');
  const words = t('syntax', e.code, e.data ?? {});
  return typeof e.data?.modifier === 'string' ? t('labels', 'syntax.in-modifier', { modifier: e.data.modifier, words }) : words;
}

/** One area of a catalogue (a command or a layer): some entries of some sections. */
export type Area = { [S in keyof CatalogueShape]?: CatalogueShape[S] };

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type SectionOf<A, S extends keyof CatalogueShape> = A extends { [K in S]: infer V } ? V : Record<never, never>;

/** The areas of a language merged into one catalogue; the key types of every area are kept. */
export type Merged<A extends readonly Area[]> = { [S in keyof CatalogueShape]: UnionToIntersection<SectionOf<A[number], S>> extends infer M ? { [K in keyof M]: M[K] } : never };

/** Merges areas section by section. Two areas may not define the same id (a test checks). */
export function mergeAreas<const A extends readonly Area[]>(...areas: A): Merged<A> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const section of ['checks', 'findings', 'advice', 'found', 'labels', 'errors', 'dnsbl', 'reasons', 'spf', 'syntax'] as const) {
    out[section] = {};
    for (const area of areas) Object.assign(out[section], area[section] ?? {});
  }
  return out as unknown as Merged<A>;
}

/** The same keys as English, nothing more, nothing less (check titles and bounce reasons are fixed words, as in CatalogueShape). */
export type Catalogue<T extends CatalogueShape = CatalogueShape> = { [S in keyof T]: { [K in keyof T[S]]: S extends 'checks' | 'reasons' ? string : T[S][K] extends FindingText ? FindingText : Text } };

/** The words of an entry (its id when the entry is missing: a test keeps that from happening). */
export function text(catalogue: CatalogueShape, section: keyof CatalogueShape, key: string, data: Data = {}): string {
  const entry = catalogue[section][key] as Text | FindingText | undefined;
  if (entry === undefined) return key;
  const words = typeof entry === 'object' ? entry.message : entry;
  const lookup: Lookup = (s, k, d) => text(catalogue, s, k, d);
  return typeof words === 'string' ? words : words(data, lookup);
}


/** English-style plural of a count, for the English catalogue. */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/** Data values as the text the words need. */
export function list(value: unknown, separator = ', '): string {
  return Array.isArray(value) ? value.join(separator) : String(value ?? '');
}
