import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchMx, matchMxHosts, mxMatches, suggestMxPatterns } from '../src/transport/mx-pattern.js';

// RFC 8461 §4.1: "*." stands for exactly one leftmost label.
const TABLE: [pattern: string, host: string, matches: boolean][] = [
  ['mx1.example.com', 'mx1.example.com', true],
  ['mx1.example.com', 'MX1.Example.COM.', true],
  ['MX1.EXAMPLE.COM', 'mx1.example.com', true],
  ['mx1.example.com', 'mx2.example.com', false],
  ['mx1.example.com', 'a.mx1.example.com', false],
  ['example.com', 'mx1.example.com', false],
  ['*.example.com', 'mx1.example.com', true],
  ['*.example.com', 'mx1.example.com.', true],
  ['*.example.com', 'example.com', false],
  ['*.example.com', 'a.b.example.com', false],
  ['*.example.com', 'mx1.example.com.evil.test', false],
  ['*.example.com', 'mx1.notexample.com', false],
  ['*.example.com', 'mx1example.com', false],
  ['*.mail.protection.outlook.com', 'contoso-com.mail.protection.outlook.com', true],
  // The Microsoft 365 trap: DNSSEC MX hosts are <tenant>.<zone>.mx.microsoft.
  ['*.mx.microsoft', 'contoso-com.o-v1.mx.microsoft', false],
  ['*.o-v1.mx.microsoft', 'contoso-com.o-v1.mx.microsoft', true],
  ['contoso-com.o-v1.mx.microsoft', 'contoso-com.o-v1.mx.microsoft', true],
  // Not valid patterns: never match.
  ['*.*.example.com', 'a.b.example.com', false],
  ['*', 'localhost', false],
  ['', 'mx.example.com', false],
  ['mx.example.com', '', false],
  ['*.', 'a.', false],
];

test('mxMatches: the RFC 8461 §4.1 table (one label per "*.", anchored, case-insensitive)', () => {
  for (const [pattern, host, expected] of TABLE) assert.equal(mxMatches(pattern, host), expected, `${pattern} vs ${host}`);
});

test('matchMx: the Microsoft 365 *.mx.microsoft trap is named, with the patterns that would work', () => {
  const result = matchMx(['*.mx.microsoft'], 'contoso-com.o-v1.mx.microsoft.');
  assert.deepEqual(result, {
    matched: false,
    nearMiss: { reason: 'wildcard-depth', pattern: '*.mx.microsoft', labels: ['contoso-com', 'o-v1'], trap: 'microsoft-365' },
    suggestions: ['contoso-com.o-v1.mx.microsoft', '*.o-v1.mx.microsoft'],
  });
  // Every suggestion really matches.
  if (!result.matched) for (const s of result.suggestions) assert.ok(mxMatches(s, 'contoso-com.o-v1.mx.microsoft'), s);
});

test('matchMx: other near misses and plain misses', () => {
  assert.deepEqual(matchMx(['*.example.com'], 'a.b.example.com'), {
    matched: false,
    nearMiss: { reason: 'wildcard-depth', pattern: '*.example.com', labels: ['a', 'b'] },
    suggestions: ['a.b.example.com', '*.b.example.com'],
  });
  assert.deepEqual(matchMx(['*.example.com'], 'example.com'), { matched: false, nearMiss: { reason: 'wildcard-apex', pattern: '*.example.com' }, suggestions: ['example.com'] });
  assert.deepEqual(matchMx(['mx.other.test'], 'mx.example.com'), { matched: false, suggestions: ['mx.example.com', '*.example.com'] });
  assert.deepEqual(matchMx([], 'mx.example.com'), { matched: false, suggestions: ['mx.example.com', '*.example.com'] });
  // A depth miss is preferred over an apex miss.
  const both = matchMx(['*.a.example.com', '*.example.com'], 'x.y.a.example.com');
  assert.equal(!both.matched && both.nearMiss?.reason, 'wildcard-depth');
});

test('matchMx / matchMxHosts: which pattern matched, and every host must match', () => {
  assert.deepEqual(matchMx(['mx9.example.com', '*.example.com'], 'mx1.example.com'), { matched: true, pattern: '*.example.com', kind: 'wildcard' });
  assert.deepEqual(matchMx(['MX1.example.com'], 'mx1.example.com'), { matched: true, pattern: 'MX1.example.com', kind: 'exact' });
  const all = matchMxHosts(['*.example.com'], ['mx1.example.com', 'mx2.example.com']);
  assert.equal(all.allMatch, true);
  const some = matchMxHosts(['mx1.example.com'], ['mx1.example.com', 'backup.example.net']);
  assert.equal(some.allMatch, false);
  assert.deepEqual(some.hosts.map((h) => h.match.matched), [true, false]);
  assert.deepEqual(suggestMxPatterns('mx.example.com.'), ['mx.example.com', '*.example.com']);
  assert.deepEqual(suggestMxPatterns('example.com'), ['example.com']);
});
