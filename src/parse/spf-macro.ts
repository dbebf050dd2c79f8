// SPF macro-string syntax (RFC 7208 §7.1), shared by the record parser (which only validates) and
// the evaluator (which expands the tokens).
//
//   macro-string = *( macro-expand / macro-literal )
//   macro-expand = ( "%{" macro-letter transformers *delimiter "}" ) / "%%" / "%_" / "%-"
//   macro-literal = %x21-24 / %x26-7E        ; visible ASCII except "%"
//   explain-string = *( macro-string / SP )   ; the TXT text an exp= modifier points at

export type MacroLetter = 's' | 'l' | 'o' | 'd' | 'i' | 'p' | 'h' | 'c' | 'r' | 't' | 'v';

export interface MacroExpand {
  kind: 'macro';
  letter: MacroLetter;
  /** The letter was upper case: the expansion is URL-escaped (§7.3). */
  urlEscape: boolean;
  /** Keep this many right-hand parts (after reversal); undefined keeps all. Never 0. */
  digits?: number;
  reverse: boolean;
  /** Characters to split on; "." when none were given. */
  delimiters: string;
}

/** Literal text, including what `%%` (a percent), `%_` (a space) and `%-` (`%20`) stand for. */
export interface MacroLiteral {
  kind: 'literal';
  text: string;
  /** True for `%%`, `%_`, `%-`: these count as macro-expand in the domain-end rule. */
  escape: boolean;
}

export type MacroToken = MacroExpand | MacroLiteral;

export type MacroContext = 'domain' | 'explain';

export type MacroParseResult = { ok: true; tokens: MacroToken[] } | { ok: false; message: string; position: number };

const DOMAIN_LETTERS = 'slodiphv';
const EXPLAIN_ONLY_LETTERS = 'crt';
const DELIMITERS = '.-+,/_=';

function isLiteralChar(code: number, context: MacroContext): boolean {
  if (code === 0x20) return context === 'explain';
  return code >= 0x21 && code <= 0x7e && code !== 0x25;
}

function describeChar(char: string): string {
  const code = char.charCodeAt(0);
  return code >= 0x21 && code <= 0x7e ? `"${char}"` : `character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Splits a macro-string into tokens, or says where its syntax is wrong. `explain` context allows
 * spaces and the letters c, r and t, which are only valid in explanation text (§7.1).
 */
export function parseMacroString(text: string, context: MacroContext): MacroParseResult {
  const tokens: MacroToken[] = [];
  let literal = '';
  const pushLiteral = () => {
    if (literal) tokens.push({ kind: 'literal', text: literal, escape: false });
    literal = '';
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    if (char !== '%') {
      if (!isLiteralChar(text.charCodeAt(i), context)) {
        return { ok: false, message: `${describeChar(char)} is not allowed here`, position: i };
      }
      literal += char;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      pushLiteral();
      tokens.push({ kind: 'literal', text: next === '%' ? '%' : next === '_' ? ' ' : '%20', escape: true });
      i += 2;
      continue;
    }
    if (next !== '{') {
      return { ok: false, message: `"%" must be followed by "{", "%", "_" or "-"`, position: i };
    }
    const close = text.indexOf('}', i + 2);
    if (close < 0) return { ok: false, message: 'unterminated macro "%{"', position: i };
    const body = text.slice(i + 2, close);
    const match = /^([a-zA-Z])(\d*)([rR]?)(.*)$/s.exec(body);
    if (!match) return { ok: false, message: `invalid macro "%{${body}}"`, position: i };
    const [, rawLetter = '', digitText = '', reverseFlag = '', delimiters = ''] = match;
    const letter = rawLetter.toLowerCase();
    if (!DOMAIN_LETTERS.includes(letter) && !EXPLAIN_ONLY_LETTERS.includes(letter)) {
      return { ok: false, message: `unknown macro letter "${rawLetter}" in "%{${body}}"`, position: i };
    }
    if (EXPLAIN_ONLY_LETTERS.includes(letter) && context !== 'explain') {
      return { ok: false, message: `macro letter "${rawLetter}" is only allowed in explanation text`, position: i };
    }
    for (const d of delimiters) {
      if (!DELIMITERS.includes(d)) return { ok: false, message: `invalid delimiter ${describeChar(d)} in "%{${body}}"`, position: i };
    }
    let digits: number | undefined;
    if (digitText) {
      // Only how many parts to keep matters; clamp absurd values instead of overflowing.
      digits = digitText.length > 3 ? 999 : Number(digitText);
      if (digits === 0) return { ok: false, message: `the part count in "%{${body}}" must not be 0`, position: i };
    }
    pushLiteral();
    const token: MacroExpand = {
      kind: 'macro',
      letter: letter as MacroLetter,
      urlEscape: rawLetter !== letter,
      reverse: reverseFlag !== '',
      delimiters: delimiters || '.',
    };
    if (digits !== undefined) token.digits = digits;
    tokens.push(token);
    i = close + 1;
  }
  pushLiteral();
  return { ok: true, tokens };
}

// toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
const TOPLABEL = /\.(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])\.?$/i;

/**
 * Validates a domain-spec (§7.1): a non-empty macro-string whose end is either a macro-expand or
 * "." toplabel [ "." ] (so `a:museum`, `a:1.2.3.4` and `a:foo.-com` are errors). Returns a message, or
 * undefined when valid. Syntax is checked before expansion, never after (suite: invalid-hello-macro).
 */
export function domainSpecError(text: string): string | undefined {
  if (text === '') return 'empty domain-spec';
  const parsed = parseMacroString(text, 'domain');
  if (!parsed.ok) return parsed.message;
  const last = parsed.tokens[parsed.tokens.length - 1];
  if (!last || last.kind === 'macro' || last.escape) return undefined;
  if (!TOPLABEL.test(last.text)) return `"${text}" does not end in a valid top-level label or a macro`;
  return undefined;
}
