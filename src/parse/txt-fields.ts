// The `v=VERSION; name=value; …` TXT syntax shared by MTA-STS (RFC 8461 §3.1) and TLS-RPT
// (RFC 8460 §3): a case-sensitive version field first, `*WSP ";" *WSP` separators, an optional
// trailing separator, and `name=value` fields. Linear work: one split, anchored regexes without
// nested quantifiers.

export interface TxtField {
  /** As written: these grammars are case-sensitive (`%s"id="`), so `ID=` is another field. */
  name: string;
  value: string;
  /** Position among the fields after the version, from 0. */
  index: number;
}

export interface TxtFieldsSplit {
  fields: TxtField[];
  /** Parts that are not `name=value` with a valid name and a non-empty value (text as written, trimmed). */
  malformed: { text: string; index: number }[];
}

/** RFC 8461/8460 extension names: `(ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")`. */
export const EXTENSION_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
/** RFC 8461/8460 extension values: `1*(%x21-3A / %x3C / %x3E-7E)` (no space, ";" or "="). */
export const EXTENSION_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;

/** Spaces and tabs off both ends, in one pass from each end (a regex with a trailing `[ \t]+$` is quadratic on long runs of spaces). */
export function trimWsp(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start++;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return text.slice(start, end);
}

/**
 * True when the text is a record of this version: it starts with exactly `v=VERSION`, followed by
 * the end or by optional space/tab and ";". Receivers discard every other TXT string at the name.
 */
export function startsWithVersion(text: string, version: string): boolean {
  if (!text.startsWith(`v=${version}`)) return false;
  const rest = trimWsp(text.slice(version.length + 2));
  return rest === '' || rest.startsWith(';');
}

/**
 * True for a TXT string that is meant as such a record but that receivers will discard: the
 * version in another case, spaces around "=", leading space, no ";" after the version
 * (`V=stsv1`, ` v=STSv1`, `v = STSv1`, `v=STSv1 id=1`).
 */
export function looksLikeVersion(text: string, version: string): boolean {
  if (startsWithVersion(text, version)) return false;
  const head = text.slice(0, 64).replace(/[ \t]/g, '').toLowerCase();
  const want = `v=${version.toLowerCase()}`;
  // Anything but a digit may follow (`v=STSv1 id=…` without ";" is a common mistake); a digit makes another version.
  return head.startsWith(want) && !/^[0-9]/.test(head.slice(want.length));
}

/** The fields after the version. Call only when startsWithVersion() is true. */
export function splitFields(text: string, version: string): TxtFieldsSplit {
  const parts = text.slice(version.length + 2).split(';');
  // parts[0] is the (empty or blank) rest of the version part.
  parts.shift();
  // One trailing separator is allowed.
  if (parts.length > 0 && trimWsp(parts[parts.length - 1] as string) === '') parts.pop();
  const fields: TxtField[] = [];
  const malformed: TxtFieldsSplit['malformed'] = [];
  parts.forEach((raw, index) => {
    const part = trimWsp(raw);
    const eq = part.indexOf('=');
    const name = eq < 0 ? '' : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    if (eq < 0 || !EXTENSION_NAME.test(name) || value === '' || /^[ \t]|[ \t]$/.test(value)) malformed.push({ text: part, index });
    else fields.push({ name, value, index });
  });
  return { fields, malformed };
}
