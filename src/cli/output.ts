import type { FailOn } from '../core/exit.js';
import type { Report } from '../core/report.js';
import { loadCatalogue, type Lang } from '../messages/index.js';
import type { CatalogueShape } from '../messages/types.js';
import type { RenderContext } from '../render/context.js';
import { loadFormat, type FormatName } from '../render/index.js';
import { makeChalk } from './color.js';
import { UsageError } from './exit-codes.js';
import type { GlobalOptions } from './global-options.js';
import type { Io } from './io.js';

import { VERSION } from './version.js';

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
  const formatter = await loadFormat(global.format);
  if (formatter.commands && !formatter.commands.includes(output.command)) {
    throw new UsageError('format-unsupported', { format: global.format, command: output.command, formats: ['text', 'json'] });
  }
  const ctx = await renderContext(global, io, output);
  const text = formatter.render(reports, ctx);
  if (text) io.stdout(text);
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
