// Values from outside (DNS names and TXT strings, bounce texts, file names) may carry terminal control
// sequences: ESC, OSC 8 hyperlinks, C1 controls, a bare CR that rewrites the line. Text output passes
// every line through `safe` before colouring, so they are shown, never obeyed. JSON is safe as is
// (JSON.stringify escapes C0 controls; C1 and DEL reach a terminal only when a person cats the file).

// C0 controls except tab and LF, DEL, C1 controls, and the Unicode line/paragraph separators and bidi overrides.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text with control characters shown as `\xNN` (tabs and newlines kept). */
export function safe(text: string): string {
  return text.replace(UNSAFE, visible);
}

// The same, for output that is not drawn by the text renderer (CSV, Markdown, annotations, XML, HTML)
// when it goes to a terminal: CRLF line ends (CSV) are kept, a lone CR is shown.
const UNSAFE_ON_TERMINAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

/** Output of a format that never colours, made harmless for a terminal: control characters shown as `\xNN`. */
export function safeForTerminal(text: string): string {
  return text.replace(UNSAFE_ON_TERMINAL, visible);
}

/** One line: also newlines and tabs made visible, so an outside value cannot start a line of its own. */
export function safeLine(text: string): string {
  return safe(text).replace(/[\n\t]/g, visible);
}
