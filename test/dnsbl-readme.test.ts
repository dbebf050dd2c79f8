import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { catalogueTables } from '../scripts/dnsbl-table.js';

test('README: the blacklist catalogue tables match src/dnsbl/catalogue.ts', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const match = /<!-- dnsbl-table:start[^>]*-->\n([\s\S]*?)<!-- dnsbl-table:end -->/.exec(readme);
  assert.ok(match, 'README has no dnsbl-table markers');
  assert.equal(match[1], catalogueTables(), 'regenerate with: node --import tsx scripts/dnsbl-table.ts');
});
