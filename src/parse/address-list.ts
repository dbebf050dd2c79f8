// An address-list header (To, Cc, Bcc: RFC 5322 §3.4 address-list, with groups `Team: a@x, b@y;`) split
// into its mailboxes, each then read by parseAddress. One pass over the text, quoted strings,
// comments and angle brackets respected; at most MAX_LIST_ENTRIES entries and MAX_LIST_INPUT characters.

export const MAX_LIST_INPUT = 100_000;
export const MAX_LIST_ENTRIES = 1000;

/** The mailboxes of an address list as text (`"Li, Wei" <li@example.com>`), empty entries dropped. */
export function splitAddressList(value: string): string[] {
  const text = typeof value === 'string' ? value.slice(0, MAX_LIST_INPUT) : '';
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let escaped = false;
  let comment = 0;
  let angle = false;
  const flush = () => {
    const entry = current.trim();
    if (entry !== '' && out.length < MAX_LIST_ENTRIES) out.push(entry);
    current = '';
  };
  for (const char of text) {
    if (escaped) {
      current += char;
      escaped = false;
      continue;
    }
    if ((quoted || comment > 0) && char === '\\') {
      current += char;
      escaped = true;
      continue;
    }
    if (quoted) {
      current += char;
      if (char === '"') quoted = false;
      continue;
    }
    if (comment > 0) {
      current += char;
      if (char === '(') comment++;
      else if (char === ')') comment--;
      continue;
    }
    if (char === '"') quoted = true;
    else if (char === '(') comment = 1;
    else if (char === '<') angle = true;
    else if (char === '>') angle = false;
    else if (!angle && (char === ',' || char === ';')) {
      flush();
      continue;
    } else if (!angle && char === ':') {
      // A group's display name ("Team:"); its members follow.
      current = '';
      continue;
    }
    current += char;
  }
  flush();
  return out;
}
