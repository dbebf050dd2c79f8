import type { FailOn } from '../core/exit.js';
import type { Report } from '../core/report.js';
import { loadCatalogue, type Lang } from '../messages/index.js';
import type { CatalogueShape } from '../messages/types.js';
import type { RenderContext } from '../render/context.js';
import { loadFormat, type FormatName } from '../render/index.js';
import { safeForTerminal } from '../render/escape.js';
import { makeChalk } from './color.js';
import { UsageError } from './exit-codes.js';
import type { GlobalOptions } from './global-options.js';
import type { Io } from './io.js';

import { VERSION } from './version.js';
import type * as NodeFs from 'node:fs';

export interface OutputOptions {
  command: string;
  failOn?: FailOn;
  /** Command-specific options the renderers read (spf `trace`, bounce `summary`…). */
  options?: Record<string, unknown>;
}

/** The context every renderer gets: the chosen language, English for JSON, colours. */
export async function renderContext(global: Pick<GlobalOptions, 'lang' | 'color' | 'quiet' | 'jsonEnvelope'>, io: Io, output: OutputOptions): Promise<RenderContext> {
  const en = await loadCatalogue('en');
  const words = await loadCatalogue(global.lang);
  return {
    words,
    en,
    lang: global.lang,
    chalk: makeChalk(io, global.color),
    quiet: global.quiet,
    failOn: output.failOn ?? 'error',
    options: output.options ?? {},
    version: VERSION,
    command: output.command,
    jsonEnvelope: global.jsonEnvelope === true,
  };
}

/** Renders the reports in the chosen format and writes them to stdout. */
export async function printReports(reports: readonly Report[], global: Pick<GlobalOptions, 'lang' | 'color' | 'quiet' | 'format' | 'jsonEnvelope'>, io: Io, output: OutputOptions): Promise<void> {
  const formatter = await loadFormat(global.format, reports.map((r) => r.command));
  if (formatter.commands && !formatter.commands.includes(output.command)) {
    throw new UsageError('format-unsupported', { format: global.format, command: output.command, formats: ['text', 'json'] });
  }
  const ctx = await renderContext(global, io, output);
  const text = formatter.render(reports, ctx);
  if (text) io.stdout(text);
  await writeStepSummary(reports, global, io, output);
}

/** The words of a CLI error in a language (for main.ts: errors are printed before any command runs). */
export async function errorWords(lang: Lang): Promise<CatalogueShape> {
  return loadCatalogue(lang);
}

export type { FormatName };

/** Most characters of an echoed input value shown in an error or notice line. */
export const ECHO_MAX = 80;

/** Input echoed in an error, shortened (a 5,000-character argument is not repeated in full); nested values too. */
export function shortened(value: unknown): unknown {
  if (typeof value === 'string') return [...value].length > ECHO_MAX ? `${[...value].slice(0, ECHO_MAX - 1).join('')}…` : value;
  if (Array.isArray(value)) return value.map(shortened);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shortened(v)]));
  return value;
}

/** A notice or warning line on stderr (`mailcheck: notice: …`), in the chosen language; echoed values shortened and escaped. */
export async function printNotice(io: Io, lang: Lang, code: string, data: Record<string, unknown>): Promise<void> {
  const { text } = await import('../messages/types.js');
  const { safeLine } = await import('../render/escape.js');
  io.stderr(`mailcheck: ${safeLine(text(await loadCatalogue(lang), 'errors', code, shortened(data) as Record<string, unknown>))}\n`);
}

/**
 * `-o/--output FILE`: the Io the commands write through, whose stdout goes to the terminal (or pipe)
 * until `open` sends it to a file instead. main.ts opens it before a command's action runs, so every
 * command honours -o without knowing about it; a stream writes as it goes (nothing is held).
 */
export interface OutputRedirect {
  io: Io;
  /** Sends stdout to `file` (truncated, or appended to with `append`, first cut to `keepBytes` when given). */
  open(file: string, options?: { append?: boolean; keepBytes?: number; shown?: string }): Promise<void>;
  /** Closes the file, if one was opened. */
  close(): void;
  /** Shows control characters in what goes to the terminal (a format that writes outside values raw). */
  guardTerminal(): void;
}

export function outputRedirect(io: Io): OutputRedirect {
  let fd: number | undefined;
  let fs: typeof NodeFs | undefined;
  let guard: ((text: string) => string) | undefined;
  const redirected: Io = Object.create(io) as Io;
  redirected.stdout = (text: string) => {
    if (fd === undefined || !fs) {
      io.stdout(guard ? guard(text) : text);
      return;
    }
    const bytes = Buffer.from(text);
    for (let at = 0; at < bytes.length;) at += fs.writeSync(fd, bytes, at);
  };
  Object.defineProperty(redirected, 'stdoutIsTTY', { get: () => (fd === undefined ? io.stdoutIsTTY : false) });
  redirected.stdoutClosed = () => (fd === undefined ? (io.stdoutClosed?.() ?? false) : false);
  return {
    io: redirected,
    async open(file, options = {}) {
      fs = await import('node:fs');
      const { shown } = options;
      try {
        if (options.append && options.keepBytes !== undefined && fs.existsSync(file) && fs.statSync(file).size > options.keepBytes) fs.truncateSync(file, options.keepBytes);
        fd = fs.openSync(file, options.append ? 'a' : 'w');
      } catch (error) {
        throw new UsageError('output-open', { file: shown ?? file, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
      }
    },
    close() {
      if (fd !== undefined) fs?.closeSync(fd);
      fd = undefined;
    },
    guardTerminal() {
      guard = safeForTerminal;
    },
  };
}

// The formats that write outside values (a CSV's cells, a bounce's words) as they are: on a terminal
// an ESC among them would be obeyed. Text escapes as it draws; JSON escapes control characters itself.
const RAW_FORMATS: ReadonlySet<string> = new Set(['csv', 'markdown', 'github', 'junit', 'html']);

/**
 * In a GitHub Actions step (GITHUB_STEP_SUMMARY is set) with `--format github`: the annotations show
 * at most 10 errors and 10 warnings, so the whole report goes to the job summary as Markdown too.
 */
export async function writeStepSummary(reports: readonly Report[], global: Pick<GlobalOptions, 'lang' | 'color' | 'quiet' | 'format' | 'jsonEnvelope'>, io: Io, output: OutputOptions): Promise<void> {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (global.format !== 'github' || !file) return;
  const markdown = await loadFormat('markdown');
  if (markdown.commands && !markdown.commands.includes(output.command)) return;
  const ctx = await renderContext({ ...global, color: false }, io, output);
  const { appendFile } = await import('node:fs/promises');
  try {
    await appendFile(file, markdown.render(reports, ctx));
  } catch (error) {
    await printNotice(io, global.lang, 'step-summary-write', { file, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
  }
}

/** Bytes of a file up to and including its last line break (0 when it has none or does not exist). */
export async function wholeLineBytes(file: string): Promise<number> {
  const { open } = await import('node:fs/promises');
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return 0;
  }
  try {
    const size = (await handle.stat()).size;
    const chunk = Buffer.alloc(65_536);
    for (let end = size; end > 0;) {
      const start = Math.max(0, end - chunk.length);
      const { bytesRead } = await handle.read(chunk, 0, end - start, start);
      const at = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (at >= 0) return start + at + 1;
      end = start;
    }
    return 0;
  } finally {
    await handle.close();
  }
}

/**
 * Opens -o/--output for the command about to run (main.ts calls it from commander's preAction hook).
 * With `--resume` naming the same file, the new reports are appended after the last whole line (a run
 * killed mid-line leaves half a report, which is cut off and checked again).
 */
export async function openOutput(redirect: OutputRedirect, options: Record<string, unknown>): Promise<void> {
  const given = options.output;
  if (typeof given !== 'string') {
    if (redirect.io.stdoutIsTTY && typeof options.format === 'string' && RAW_FORMATS.has(options.format)) redirect.guardTerminal();
    return;
  }
  const { resolve } = await import('node:path');
  // Relative to the working directory of the run (io.cwd), as every path the user gives.
  const cwd = redirect.io.cwd ?? '.';
  const file = resolve(cwd, given);
  const resume = options.resume;
  if (typeof resume === 'string' && resolve(cwd, resume) === file) {
    await redirect.open(file, { append: true, keepBytes: await wholeLineBytes(file), shown: given });
  } else {
    await redirect.open(file, { shown: given });
  }
}
