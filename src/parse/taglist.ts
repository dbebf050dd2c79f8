// The tag=value list syntax shared by DKIM key records (RFC 6376 §3.2) and DMARC records
// (RFC 7489 §6.4): `tag=value; tag=value;`, whitespace allowed around tags, values and the `=`.

export interface Tag {
  /** As written (DMARC and DKIM tag names are case-sensitive; we compare them lower-cased). */
  name: string;
  value: string;
}

/** A syntax error of a tag list, DMARC or DKIM record: a code (words: the catalogue's `syntax`) and its facts. */
export interface TagError {
  code: string;
  data: Record<string, string | number>;
}

export interface TagListParse {
  tags: Tag[];
  /** Problems that make the list invalid, each naming the offending part. */
  errors: TagError[];
}

const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Errors kept per list: a stranger's 64 KB record of `;;;;` is one problem, not 65,000 of them. */
export const MAX_TAG_ERRORS = 20;

export function parseTagList(text: string): TagListParse {
  const tags: Tag[] = [];
  const errors: TagError[] = [];
  const parts = text.split(';');
  // One trailing ";" is allowed (and common), so a last empty part is not an error.
  if (parts.length > 1 && parts[parts.length - 1]?.trim() === '') parts.pop();
  const seen = new Set<string>();
  let emptyReported = false;
  const report = (error: TagError) => {
    if (errors.length < MAX_TAG_ERRORS) errors.push(error);
  };
  for (const raw of parts) {
    const part = raw.trim();
    if (part === '') {
      // Said once: every further empty tag is the same problem.
      if (!emptyReported) report({ code: 'taglist.empty-tag', data: {} });
      emptyReported = true;
      continue;
    }
    const eq = part.indexOf('=');
    if (eq < 0) {
      report({ code: 'taglist.not-pair', data: { part: part.slice(0, 64) } });
      continue;
    }
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!TAG_NAME.test(name)) {
      report({ code: 'taglist.tag-name', data: { name: name.slice(0, 64) } });
      continue;
    }
    const key = name.toLowerCase();
    if (seen.has(key)) report({ code: 'taglist.duplicate', data: { name } });
    seen.add(key);
    tags.push({ name, value });
  }
  return { tags, errors };
}

export function formatTagList(tags: readonly Tag[]): string {
  return tags.map((t) => `${t.name}=${t.value}`).join('; ');
}

/** The value of the first tag with this (case-insensitive) name. */
export function tagValue(tags: readonly Tag[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return tags.find((t) => t.name.toLowerCase() === lower)?.value;
}
