import type { MacroExpand, MacroLetter, MacroToken } from '../parse/spf-macro.js';

// Macro expansion (RFC 7208 §7.2-§7.4) of already-parsed macro-strings.

/** The values the macro letters stand for; `p` is computed only when used (it costs DNS lookups). */
export interface MacroValues {
  /** <sender>: `local@domain` (postmaster@helo for the null sender). */
  s: string;
  l: string;
  o: string;
  /** The domain currently being evaluated. */
  d: string;
  /** Client IP: dotted quad, or 32 dot-separated nibbles for IPv6. */
  i: string;
  /** Client IP in its readable form (RFC 5952 for IPv6). */
  c: string;
  /** `in-addr` or `ip6`. */
  v: string;
  h: string;
  /** Receiving host's domain. */
  r: string;
  /** Current time, seconds since the epoch. */
  t: string;
  p: () => Promise<string>;
}

/** URL-escapes everything outside the unreserved set (ALPHA / DIGIT / "-" / "." / "_" / "~"), as §7.3 asks for upper-case letters. */
export function urlEscape(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9._~-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Applies a macro's transformers: split on its delimiters, optionally reverse, keep the right-most N parts, join with ".". */
export function transform(value: string, macro: Pick<MacroExpand, 'delimiters' | 'reverse' | 'digits'>): string {
  let parts = value.split(new RegExp(`[${macro.delimiters.replace(/[-\]\\^/]/g, '\\$&')}]`));
  if (macro.reverse) parts = parts.reverse();
  if (macro.digits !== undefined && macro.digits < parts.length) parts = parts.slice(parts.length - macro.digits);
  return parts.join('.');
}

async function valueOf(letter: MacroLetter, values: MacroValues): Promise<string> {
  return letter === 'p' ? values.p() : values[letter];
}

/** Expands parsed macro tokens to text. */
export async function expandTokens(tokens: MacroToken[], values: MacroValues): Promise<string> {
  let out = '';
  for (const token of tokens) {
    if (token.kind === 'literal') {
      out += token.text;
      continue;
    }
    const expanded = transform(await valueOf(token.letter, values), token);
    out += token.urlEscape ? urlEscape(expanded) : expanded;
  }
  return out;
}
