import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en } from '../src/messages/en/index.js';
import { LANGS, loadCatalogue } from '../src/messages/index.js';
import type { CatalogueShape, FindingText, Text } from '../src/messages/types.js';
import { allFindingIds } from '../src/checks/registry.js';
import { REASONS } from '../src/bounce/types.js';
import { ADVICE_OF } from '../src/bounce/advice.js';
import { CATALOGUE, GENERIC_REFUSAL } from '../src/dnsbl/catalogue.js';

// Every id a check, the bounce reader or the blacklist catalogue can produce has words in every
// language, and every language has exactly English's ids.

const catalogues = await Promise.all(LANGS.map(async (lang) => [lang, await loadCatalogue(lang)] as const));

test('every finding id any check declares has a title and a message in every language', () => {
  for (const [lang, c] of catalogues) {
    for (const id of allFindingIds()) {
      const entry = c.findings[id] as FindingText | undefined;
      assert.ok(entry, `${lang}: no entry for finding ${id}`);
      assert.ok(entry.title.length > 0, `${lang}: ${id} has no title`);
    }
  }
});

test('every bounce reason has a meaning and advice, every DNSBL code meaning id has words', () => {
  const meaningIds = new Set<string>([GENERIC_REFUSAL.meaning, GENERIC_REFUSAL.advice]);
  for (const list of CATALOGUE) {
    for (const v of Object.values(list.codes ?? {})) meaningIds.add(v);
    for (const v of Object.values(list.bits ?? {})) meaningIds.add(v);
    for (const v of Object.values(list.clearCodes ?? {})) meaningIds.add(v);
    for (const e of Object.values(list.errorCodes ?? {})) meaningIds.add(e.meaning).add(e.advice);
  }
  for (const [lang, c] of catalogues) {
    for (const reason of REASONS) {
      assert.ok(c.reasons[reason], `${lang}: reason ${reason}`);
      assert.ok(c.advice[ADVICE_OF[reason]], `${lang}: advice ${ADVICE_OF[reason]}`);
    }
    for (const id of meaningIds) assert.ok(c.dnsbl[id], `${lang}: DNSBL meaning ${id}`);
  }
});

test('every language has exactly the ids of English, section by section', () => {
  for (const [lang, c] of catalogues) {
    for (const section of Object.keys(en) as (keyof CatalogueShape)[]) {
      assert.deepEqual(Object.keys(c[section]).sort(), Object.keys(en[section]).sort(), `${lang}: ${section}`);
    }
  }
});

test('entries are words or functions of data, and fixed words are not empty', () => {
  for (const [lang, c] of catalogues) {
    for (const [section, entries] of Object.entries(c)) {
      for (const [id, entry] of Object.entries(entries as Record<string, Text | FindingText>)) {
        const words = typeof entry === 'object' ? entry.message : entry;
        assert.ok(typeof words === 'function' || (typeof words === 'string' && words.length > 0), `${lang}: ${section}.${id}`);
      }
    }
  }
});

test('no two areas of English define the same id in a section', async () => {
  const { EN_AREAS } = await import('../src/messages/en/index.js');
  const seen = new Map<string, number>();
  EN_AREAS.forEach((area, i) => {
    for (const [section, entries] of Object.entries(area as Record<string, Record<string, unknown>>)) {
      for (const id of Object.keys(entries)) {
        const key = `${section}.${id}`;
        assert.equal(seen.get(key), undefined, `${key} is defined by areas ${seen.get(key)} and ${i}`);
        seen.set(key, i);
      }
    }
  });
});
