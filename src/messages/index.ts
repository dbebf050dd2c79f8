import type { CatalogueShape } from './types.js';

// The languages mailcheck speaks. A new language is one folder beside en/ (same ids: the type
// `Catalogue` makes a missing one a compile error) and one row here.
export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

/** The catalogue of a language, loaded only when it is used. */
export async function loadCatalogue(lang: Lang): Promise<CatalogueShape> {
  if (lang === 'zh-CN') return (await import('./zh-CN/index.js')).zhCN;
  return (await import('./en/index.js')).en;
}

/**
 * `--lang` values and locale names: en, en-US…; zh, zh-CN, zh_CN, zh-Hans, zh-SG — and zh-TW, zh-HK,
 * zh-Hant too, which get Simplified Chinese until there is a Traditional catalogue. A locale's
 * encoding and modifier (`zh_CN.UTF-8`, `@euro`) are ignored.
 */
export function parseLang(text: string): Lang | undefined {
  const value = text.trim().toLowerCase().replaceAll('_', '-').replace(/[.@].*$/s, '');
  if (value === 'en' || value.startsWith('en-')) return 'en';
  if (value === 'zh' || value.startsWith('zh-')) return 'zh-CN';
  return undefined;
}

/**
 * The language from the environment, as gettext reads it: the first of LC_ALL, LC_MESSAGES and LANG
 * that is set and not empty decides; Chinese when it names a zh locale, English otherwise (C, POSIX,
 * any other language).
 */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    return parseLang(value) === 'zh-CN' ? 'zh-CN' : 'en';
  }
  return 'en';
}
