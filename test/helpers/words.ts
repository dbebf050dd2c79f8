import type { Finding } from '../../src/core/finding.js';
import type { FoundItem } from '../../src/core/check.js';
import type { Section } from '../../src/core/report.js';
import { en } from '../../src/messages/en/index.js';
import { syntaxText, text } from '../../src/messages/types.js';
import { fixText, found, message } from '../../src/render/words.js';
import { foundLines } from '../../src/render/text/domain.js';
import { Chalk } from 'chalk';
import type { RenderContext } from '../../src/render/context.js';

// The English words of findings and found lines, for tests of the catalogue and renderers.
// Tests of checks assert ids and data; these helpers are for the few that check what a person reads.

export const EN_CONTEXT: RenderContext = { words: en, en, lang: 'en', chalk: new Chalk({ level: 0 }), quiet: false, failOn: 'error', options: {}, version: '0.0.0' };

export function msg(f: Finding): string {
  return message(en, f);
}

export function fix(f: Finding): string {
  return fixText(en, f);
}

export function line(item: FoundItem): string {
  return found(en, item);
}

/** A section's found lines as the text report draws them. */
export function lines(section: Pick<Section, 'found'>): string[] {
  return section.found.flatMap((item) => foundLines(item, EN_CONTEXT));
}

/** The English words of a parser error `{ code, data }` (zone, SPF, macro). */
export function syntax(error: { code: string; data: Record<string, unknown> } | undefined): string {
  return error ? syntaxText((s, k, d) => text(en, s, k, d), error) : '';
}

/**
 * The data keys a catalogue entry reads when it renders `data`, recorded through a proxy (nested
 * objects too, as `a.b`): two languages must read the same facts, so neither drops one.
 */
export function keysRead(render: (data: Record<string, unknown>) => string, data: Record<string, unknown>): Set<string> {
  const read = new Set<string>();
  const wrap = (value: unknown, path: string): unknown => {
    if (value === null || typeof value !== 'object') return value;
    return new Proxy(value as object, {
      get(target, key, receiver) {
        const result = Reflect.get(target, key, receiver);
        if (typeof key === 'string' && !Array.isArray(target)) read.add(path ? `${path}.${key}` : key);
        return Array.isArray(target) || typeof result !== 'object' || typeof key !== 'string' ? result : wrap(result, path ? `${path}.${key}` : key);
      },
    });
  };
  render(wrap(data, '') as Record<string, unknown>);
  return read;
}
