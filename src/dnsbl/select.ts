import type { DnsblList } from './catalogue.js';
import { defaultLists, listForZone, normalizeZone } from './catalogue.js';

// Which lists a run queries: the catalogue's defaults, --list additions, --only-lists, --skip-lists.

export interface ListSelection {
  /** `--list ZONE` (repeatable): added to the catalogue's defaults. */
  add?: readonly string[];
  /** `--only-lists`: replaces the catalogue. */
  only?: readonly string[];
  /** `--skip-lists`: removed from what is queried. */
  skip?: readonly string[];
}

/** Two or more labels of letters, digits, hyphens and underscores (keys of keyed zones included). */
function isZoneName(zone: string): boolean {
  return zone.length <= 253 && /^([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/.test(zone);
}

/** The lists a run queries. Throws a ListSelectionError for a malformed zone, or a `--skip-lists` zone that is not among them (a typo). */
/** The zones of a comma-separated flag value (`--only-lists a,b`), empty entries dropped. */
export function zoneList(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((z) => z.trim()).filter((z) => z.length > 0);
}

export function selectLists(selection: ListSelection): DnsblList[] {
  for (const zone of [...(selection.add ?? []), ...(selection.only ?? []), ...(selection.skip ?? [])]) {
    if (!isZoneName(normalizeZone(zone))) throw new ListSelectionError('not-a-zone', zone);
  }
  const base = selection.only && selection.only.length > 0 ? selection.only.map(listForZone) : defaultLists();
  const added = (selection.add ?? []).map(listForZone);
  const byZone = new Map<string, DnsblList>();
  for (const list of [...base, ...added]) byZone.set(list.zone, list);
  for (const raw of selection.skip ?? []) {
    const zone = normalizeZone(raw);
    if (!byZone.delete(zone)) throw new ListSelectionError('skip-not-queried', zone);
  }
  return [...byZone.values()];
}


/** A list selection that cannot be honoured: `code` is a CLI error id (`not-a-zone`, `skip-not-queried`). */
export class ListSelectionError extends Error {
  constructor(
    readonly code: 'not-a-zone' | 'skip-not-queried',
    readonly zone: string,
  ) {
    super(`${code}: ${zone}`);
  }
}

/** Default for `--max-listings`: a couple of minor listings is common for shared hosting ranges (UCEPROTECT L2/L3). */
export const DEFAULT_MAX_LISTINGS = 2;
