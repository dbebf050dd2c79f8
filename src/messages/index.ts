import type { CatalogueShape } from './types.js';

// The languages mailcheck speaks. A new language is one folder beside en/ (same ids: the type
// `Catalogue` makes a missing one a compile error) and one row here.
export const LANGS = ['en'] as const;
export type Lang = (typeof LANGS)[number];

/** The catalogue of a language, loaded only when it is used. */
export async function loadCatalogue(_lang: Lang): Promise<CatalogueShape> {
  return (await import('./en/index.js')).en;
}

/** `--lang` values. */
export function parseLang(text: string): Lang | undefined {
  const value = text.trim().toLowerCase().replace('_', '-');
  if (value === 'en' || value.startsWith('en-')) return 'en';
  return undefined;
}

/** The language from the environment, as gettext reads it: the first set of LC_ALL, LC_MESSAGES and LANG. */
export function langFromEnv(_env: Record<string, string | undefined>): Lang {
  return 'en';
}
