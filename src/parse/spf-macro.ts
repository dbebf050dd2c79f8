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

/** The data of each macro-string and domain-spec error, by code (`char` is one UTF-16 unit, `codePoint` its number). */
export interface MacroErrorDataMap {
  'spf.macro-char': { char: string; codePoint: number };
  'spf.macro-percent': Record<string, never>;
  'spf.macro-unterminated': Record<string, never>;
  'spf.macro-invalid': { macro: string };
  'spf.macro-letter': { letter: string; macro: string };
  'spf.macro-explain-only': { letter: string };
  'spf.macro-delimiter': { char: string; codePoint: number; macro: string };
  'spf.macro-digits-zero': { macro: string };
  'spf.domain-spec-empty': Record<string, never>;
  'spf.domain-end': { value: string };
}

export type MacroErrorCode = keyof MacroErrorDataMap;

export type MacroErrorData = Readonly<Record<string, string | number>>;



/** A macro-string or domain-spec syntax error: a stable code and its data (words: the catalogue's `syntax` entries). */
export interface MacroError {
  code: MacroErrorCode;
  data: MacroErrorData;
}

export type MacroParseResult = { ok: true; tokens: MacroToken[] } | ({ ok: false; position: number } & MacroError);

function macroError<C extends MacroErrorCode>(code: C, data: MacroErrorDataMap[C]): MacroError {
  return { code, data };
}

const DOMAIN_LETTERS = 'slodiphv';
const EXPLAIN_ONLY_LETTERS = 'crt';
const DELIMITERS = '.-+,/_=';

function isLiteralChar(code: number, context: MacroContext): boolean {
  if (code === 0x20) return context === 'explain';
  return code >= 0x21 && code <= 0x7e && code !== 0x25;
}

/**
 * Splits a macro-string into tokens, or says where its syntax is wrong. `explain` context allows
 * spaces and the letters c, r and t, which are only valid in explanation text (§7.1).
 */
export function parseMacroString(text: string, context: MacroContext): MacroParseResult {
  const tokens: MacroToken[] = [];
  // The literal run being read: text[literalStart, i).
  let literalStart = 0;
  let i = 0;
  const pushLiteral = () => {
    if (i > literalStart) tokens.push({ kind: 'literal', text: text.slice(literalStart, i), escape: false });
  };
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code !== 0x25) {
      if (!isLiteralChar(code, context)) {
        return { ok: false, position: i, ...macroError('spf.macro-char', { char: text[i] as string, codePoint: code }) };
      }
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      pushLiteral();
      tokens.push({ kind: 'literal', text: next === '%' ? '%' : next === '_' ? ' ' : '%20', escape: true });
      i += 2;
      literalStart = i;
      continue;
    }
    if (next !== '{') {
      return { ok: false, position: i, ...macroError('spf.macro-percent', {}) };
    }
    const close = text.indexOf('}', i + 2);
    if (close < 0) return { ok: false, position: i, ...macroError('spf.macro-unterminated', {}) };
    const body = text.slice(i + 2, close);
    // macro-letter transformers *delimiter, transformers = *DIGIT [ "r" ]: read left to right.
    const rawLetter = body[0] ?? '';
    if (!/^[a-zA-Z]$/.test(rawLetter)) return { ok: false, position: i, ...macroError('spf.macro-invalid', { macro: body }) };
    let at = 1;
    while (at < body.length && body.charCodeAt(at) >= 0x30 && body.charCodeAt(at) <= 0x39) at++;
    const digitText = body.slice(1, at);
    const reverseFlag = body[at] === 'r' || body[at] === 'R' ? (body[at++] as string) : '';
    const delimiters = body.slice(at);
    const letter = rawLetter.toLowerCase();
    if (!DOMAIN_LETTERS.includes(letter) && !EXPLAIN_ONLY_LETTERS.includes(letter)) {
      return { ok: false, position: i, ...macroError('spf.macro-letter', { letter: rawLetter, macro: body }) };
    }
    if (EXPLAIN_ONLY_LETTERS.includes(letter) && context !== 'explain') {
      return { ok: false, position: i, ...macroError('spf.macro-explain-only', { letter: rawLetter }) };
    }
    for (const d of delimiters) {
      if (!DELIMITERS.includes(d)) return { ok: false, position: i, ...macroError('spf.macro-delimiter', { char: d, codePoint: d.charCodeAt(0), macro: body }) };
    }
    let digits: number | undefined;
    if (digitText) {
      // Only how many parts to keep matters; clamp absurd values instead of overflowing.
      digits = digitText.length > 3 ? 999 : Number(digitText);
      if (digits === 0) return { ok: false, position: i, ...macroError('spf.macro-digits-zero', { macro: body }) };
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
    literalStart = i;
  }
  pushLiteral();
  return { ok: true, tokens };
}

function isAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/**
 * toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum ): letters,
 * digits and hyphens, not starting or ending with a hyphen, and not all digits. One pass, no regex
 * (the regex form of this rule backtracks quadratically on a long label).
 */
export function isTopLabel(label: string): boolean {
  const n = label.length;
  if (n === 0 || !isAlphanumeric(label.charCodeAt(0)) || !isAlphanumeric(label.charCodeAt(n - 1))) return false;
  let allDigits = true;
  for (let i = 0; i < n; i++) {
    const code = label.charCodeAt(i);
    if (code === 0x2d) allDigits = false;
    else if (!isAlphanumeric(code)) return false;
    else if (code > 0x39) allDigits = false;
  }
  return !allDigits;
}

/** domain-end's literal form: the text ends in "." toplabel, with one optional "." after it. */
function endsInTopLabel(text: string): boolean {
  const end = text.endsWith('.') ? text.length - 1 : text.length;
  const dot = text.lastIndexOf('.', end - 1);
  return dot >= 0 && isTopLabel(text.slice(dot + 1, end));
}

/** The syntax error of a domain-spec, or undefined when it is valid (see domainSpecError). */
export function domainSpecProblem(text: string): MacroError | undefined {
  if (text === '') return macroError('spf.domain-spec-empty', {});
  const parsed = parseMacroString(text, 'domain');
  if (!parsed.ok) return { code: parsed.code, data: parsed.data };
  const last = parsed.tokens[parsed.tokens.length - 1];
  if (!last || last.kind === 'macro' || last.escape) return undefined;
  if (!endsInTopLabel(last.text)) return macroError('spf.domain-end', { value: text });
  return undefined;
}

/**
 * Validates a domain-spec (§7.1): a non-empty macro-string whose end is either a macro-expand or
 * "." toplabel [ "." ] (so `a:museum`, `a:1.2.3.4` and `a:foo.-com` are errors). Returns the error's
 * code, or undefined when valid. Syntax is checked before expansion, never after (suite: invalid-hello-macro).
 */
export function domainSpecError(text: string): MacroErrorCode | undefined {
  return domainSpecProblem(text)?.code;
}
