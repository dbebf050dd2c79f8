import type { Report } from '../core/report.js';
import type { RenderContext } from './context.js';

// The format registry behind `--format`. A new format is one module with a Formatter and one row here.
// Formats that stream (text, csv, ndjson, and json's `list` document) have begin/item/end, so a command
// can print each report as it is ready (`mailcheck list`); the others take every report at once.

export interface Formatter {
  /** The commands it can print (undefined: every command). */
  commands?: readonly string[];
  render(reports: readonly Report[], ctx: RenderContext): string;
  stream?: {
    begin(ctx: RenderContext): string;
    /** Pure: items may be rendered out of order (as each is ready) and printed in order later. */
    item(report: Report, ctx: RenderContext): string;
    /** Printed between two items (a JSON array's comma), so that `item` needs no state. */
    separator?: string;
    end(reports: readonly Report[], ctx: RenderContext): string;
  };
}

export const FORMAT_NAMES = ['text', 'json', 'ndjson', 'csv', 'markdown', 'sarif', 'junit', 'github', 'html'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

const LOADERS: Record<FormatName, (commands?: readonly string[]) => Promise<Formatter>> = {
  text: async (commands) => (await import('./text/index.js')).loadTextFormat(commands),
  json: async () => (await import('./json/index.js')).jsonFormat,
  ndjson: async () => (await import('./ndjson.js')).ndjsonFormat,
  csv: async () => (await import('./csv.js')).csvFormat,
  markdown: async () => (await import('./markdown.js')).markdownFormat,
  sarif: async () => (await import('./sarif.js')).sarifFormat,
  junit: async () => (await import('./junit.js')).junitFormat,
  github: async () => (await import('./github.js')).githubFormat,
  html: async () => (await import('./html.js')).htmlFormat,
};

/**
 * The formatter of a format, loaded only when it is used. `commands` (the Report.command of the reports it
 * will print) lets a format load only what those need: text loads one command's renderer, not all.
 */
export function loadFormat(name: FormatName, commands?: readonly string[]): Promise<Formatter> {
  return LOADERS[name](commands);
}
