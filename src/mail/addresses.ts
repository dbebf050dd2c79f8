// Address header fields (From, To, Cc, Reply-To, Sender) split into mailboxes and groups (RFC 5322 §3.4):
// commas and `group: …;` at the top level only, never inside quotes, comments or angle brackets. Each
// mailbox is then read by the project's address parser. One pass over the value.
import { parseAddress, type EmailAddress } from '../parse/address.js';
import { decodeEncodedWords } from './decode.js';

export interface MailboxEntry {
  /** The mailbox as written (folded white space collapsed). */
  text: string;
  /** The address, when it parses; else why not (parse/address.ts error code). */
  address?: EmailAddress;
  error?: string;
  /** The display name, RFC 2047 decoded. */
  name: string;
  /** An RFC 2047 encoded word inside the `<…>` or bare address (RFC 2047 §5 forbids it there). */
  encodedWordInAddress: boolean;
}

export interface AddressList {
  mailboxes: MailboxEntry[];
  /** Groups (`undisclosed-recipients:;`), with how many mailboxes each holds. */
  groups: { name: string; members: number }[];
}

/** The pieces of a list at top-level commas, with `name:` … `;` groups marked. */
function split(value: string): { group?: string; text: string }[] {
  const out: { group?: string; text: string }[] = [];
  let depth = 0;
  let quoted = false;
  let angle = false;
  let current = '';
  let group: string | undefined;
  const push = () => {
    const text = current.trim();
    if (text) out.push(group === undefined ? { text } : { group, text });
    current = '';
  };
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (quoted) {
      current += ch;
      if (ch === '\\' && i + 1 < value.length) current += value[++i];
      else if (ch === '"') quoted = false;
      continue;
    }
    if (depth > 0) {
      current += ch;
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === '(') depth = 1;
    else if (ch === '<') angle = true;
    else if (ch === '>') angle = false;
    else if (!angle && ch === ':' && group === undefined) {
      group = current.trim();
      out.push({ group, text: '' });
      current = '';
      continue;
    } else if (!angle && ch === ';' && group !== undefined) {
      push();
      group = undefined;
      continue;
    } else if (!angle && ch === ',') {
      push();
      continue;
    }
    current += ch;
  }
  push();
  return out;
}

/** The address part of a mailbox: inside `<…>`, else the whole text without comments. */
function addressPart(text: string): string {
  const lt = text.lastIndexOf('<');
  const gt = text.lastIndexOf('>');
  if (lt >= 0 && gt > lt) return text.slice(lt + 1, gt);
  return text.replace(/\([^()]*\)/g, '').trim();
}

/**
 * One address field's value. `validate: false` skips reading each address (recipient lists can be long,
 * and only their shape is judged): entries then have no `address`.
 */
export function parseAddressList(value: string, options: { validate?: boolean } = {}): AddressList {
  const list: AddressList = { mailboxes: [], groups: [] };
  const groups = new Map<string, { name: string; members: number }>();
  for (const piece of split(value.replace(/\s+/g, ' '))) {
    if (piece.group !== undefined && !groups.has(piece.group)) {
      const g = { name: decodeEncodedWords(piece.group).text, members: 0 };
      groups.set(piece.group, g);
      list.groups.push(g);
    }
    if (!piece.text) continue;
    if (piece.group !== undefined) (groups.get(piece.group) as { members: number }).members++;
    const spec = addressPart(piece.text);
    const lt = piece.text.lastIndexOf('<');
    const rawName = lt > 0 ? piece.text.slice(0, lt).trim().replace(/^"|"$/g, '') : '';
    const entry: MailboxEntry = { text: piece.text, name: decodeEncodedWords(rawName).text, encodedWordInAddress: /=\?[^?]*\?[bBqQ]\?/.test(spec) };
    if (options.validate !== false) {
      const parsed = parseAddress(spec);
      if (parsed.ok) entry.address = parsed.address;
      else entry.error = parsed.error.code;
    }
    list.mailboxes.push(entry);
  }
  return list;
}
