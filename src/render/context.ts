import type { ChalkInstance } from 'chalk';
import type { FailOn } from '../core/exit.js';
import type { CatalogueShape } from '../messages/types.js';

/** What every renderer is given: the words (the chosen language, and English for JSON), colours and options. */
export interface RenderContext {
  /** The catalogue of the chosen language (text, markdown, HTML, annotations). */
  words: CatalogueShape;
  /** English, for the language-neutral formats (JSON keeps `message` in English). */
  en: CatalogueShape;
  lang: string;
  chalk: ChalkInstance;
  /** Only problems (never changes the exit code). */
  quiet: boolean;
  failOn: FailOn;
  /** Command-specific options renderers read (e.g. `trace` for spf, `summary` for bounce). */
  options: Record<string, unknown>;
  /** The tool's version (SARIF driver, JSON envelope). */
  version: string;
  /** The command that made the reports (`domain`, `spf`, `ip`, `ip-selftest`, `bounce`, `lookup`). */
  command?: string;
  /** `--format json`: the one envelope `{tool, version, schemaVersion, command, results}`; `--json` keeps the old shape. */
  jsonEnvelope?: boolean;
}
