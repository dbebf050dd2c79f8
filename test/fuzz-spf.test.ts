import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SpfMechanism, SpfModifier, SpfRecord, SpfTerm } from '../src/parse/spf.js';
import { MAX_SPF_RECORD_BYTES, formatSpf, parseSpf, splitDualCidr } from '../src/parse/spf.js';
import { syntax } from './helpers/words.js';
import type { MacroToken } from '../src/parse/spf-macro.js';
import { domainSpecError, isTopLabel, parseMacroString } from '../src/parse/spf-macro.js';
import { transform, urlEscape } from '../src/spf/macro.js';
import { isCheckableDomain, truncateDomain } from '../src/spf/names.js';
import { budget, pumped, stringOf, timed } from './helpers/fuzz.js';

// SPF records and macro-strings under fast-check (budget and per-input bound: helpers/fuzz.ts).

const plain = <T extends Record<string, unknown>>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record<T>(model, { noNullPrototype: true });

/** SPF-ish text: the record's vocabulary, macro pieces, CIDR pieces, controls and non-ASCII. */
const spfToken = fc.oneof(
  fc.constantFrom('v=spf1', ' ', ' ', 'a', 'mx', 'ptr', 'all', 'include:', 'exists:', 'ip4:', 'ip6:', 'redirect=', 'exp=', '-', '+', '~', '?',
    ':', '/', '//', '24', '0', '033', '129', '.', '..', 'example.com', 'com', '1.2.3.4', '2001:db8::1', '::', '%{d}', '%{ir}', '%{L2r+-}', '%{', '}',
    '%%', '%_', '%-', '%', '%{c}', '%{x}', '%{d0}', '=', 'foo', '\0', '\r', '\n', '\t', 'é', '中', '-com', 'xn--zckzah'),
  fc.string({ unit: 'binary-ascii', maxLength: 4 }),
);
const spfText = fc.array(spfToken, { maxLength: 200, size: 'large' }).map((t) => t.join(''));

const KNOWN_CODES = /^spf\.[a-z0-9-]+$/;

function checkParse(text: string): void {
  const result = timed('parseSpf', () => parseSpf(text));
  if (result.ok) {
    // A record that parses formats to text that parses to the same record.
    assert.deepEqual(parseSpf(formatSpf(result.record)), result);
    return;
  }
  assert.ok(result.errors.length > 0);
  for (const e of result.errors) {
    assert.match(e.code, KNOWN_CODES);
    assert.doesNotMatch(syntax(e), /undefined|NaN/);
    assert.notEqual(syntax(e), e.code);
    assert.ok(e.position >= 0 && e.position <= text.length);
  }
}

test('property: parseSpf never throws and each error has a code, data and the matching text; what parses re-parses from its format', () => {
  fc.assert(fc.property(spfText, checkParse), budget(1500, 2000));
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 600, size: 'large' }), (s) => checkParse(`v=spf1 ${s}`)), budget(400));
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), checkParse), budget(300));
});

// ---- records built as data round-trip through formatSpf ----

const label = stringOf('abcdefghijklmnopqrstuvwxyz0123456789'.split(''), 12).filter((l) => l.length > 0);
const topLabel = fc.tuple(stringOf('abcdefghijklmnopqrstuvwxyz'.split(''), 1).filter((l) => l.length === 1), stringOf('abcdefghijklmnopqrstuvwxyz0123456789'.split(''), 6)).map(([a, b]) => a + b);
const macro = fc.constantFrom('%{d}', '%{i}', '%{ir}', '%{l2r+-}', '%{D2}', '%{s}', '%{o}', '%{h}', '%{v}', '%%', '%_', '%-');
const domainSpec = fc.oneof(
  fc.tuple(fc.array(fc.oneof(label, macro), { minLength: 1, maxLength: 3 }), topLabel, fc.boolean()).map(([head, top, dot]) => `${[...head, top].join('.')}${dot ? '.' : ''}`),
  fc.tuple(fc.array(label, { maxLength: 2 }), macro).map(([head, m]) => [...head, m].join('.')),
);
const qualifier = fc.constantFrom('+' as const, '-' as const, '~' as const, '?' as const);
const ip4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join('.'));
const ip6 = fc.ipV6().filter((a) => !a.includes('%'));
const mechanism: fc.Arbitrary<SpfMechanism> = fc.oneof(
  plain({ kind: fc.constant('mechanism' as const), qualifier, name: fc.constant('all' as const) }),
  plain({ kind: fc.constant('mechanism' as const), qualifier, name: fc.constantFrom('include' as const, 'exists' as const), domainSpec }),
  fc.tuple(qualifier, fc.option(domainSpec, { nil: undefined })).map(([q, d]): SpfMechanism => (d === undefined ? { kind: 'mechanism', qualifier: q, name: 'ptr' } : { kind: 'mechanism', qualifier: q, name: 'ptr', domainSpec: d })),
  fc.tuple(qualifier, fc.constantFrom('a' as const, 'mx' as const), fc.option(domainSpec, { nil: undefined }), fc.option(fc.nat(32), { nil: undefined }), fc.option(fc.nat(128), { nil: undefined })).map(([q, name, d, c4, c6]) => {
    const m: SpfMechanism = { kind: 'mechanism', qualifier: q, name };
    if (d !== undefined) m.domainSpec = d;
    if (c4 !== undefined) m.cidr4 = c4;
    if (c6 !== undefined) m.cidr6 = c6;
    return m;
  }),
  fc.tuple(qualifier, ip4, fc.option(fc.nat(32), { nil: undefined })).map(([q, ip, c]): SpfMechanism => (c === undefined ? { kind: 'mechanism', qualifier: q, name: 'ip4', ip } : { kind: 'mechanism', qualifier: q, name: 'ip4', ip, cidr4: c })),
  fc.tuple(qualifier, ip6, fc.option(fc.nat(128), { nil: undefined })).map(([q, ip, c]): SpfMechanism => (c === undefined ? { kind: 'mechanism', qualifier: q, name: 'ip6', ip } : { kind: 'mechanism', qualifier: q, name: 'ip6', ip, cidr6: c })),
);
const unknownModifier: fc.Arbitrary<SpfModifier> = plain({
  kind: fc.constant('modifier' as const),
  name: fc.tuple(stringOf('abcxyzXYZ'.split(''), 1).filter((s) => s.length === 1), stringOf('abz09._-'.split(''), 8)).map(([a, b]) => a + b).filter((n) => !/^(?:redirect|exp)$/i.test(n)),
  value: fc.array(fc.oneof(label, macro, fc.constantFrom('.', '-', '/', ':', '+')), { maxLength: 4 }).map((p) => p.join('')),
});
const record: fc.Arbitrary<SpfRecord> = fc
  .tuple(fc.array(fc.oneof({ weight: 4, arbitrary: mechanism }, { weight: 1, arbitrary: unknownModifier }), { maxLength: 12 }), fc.option(domainSpec, { nil: undefined }), fc.option(domainSpec, { nil: undefined }))
  .map(([terms, redirect, exp]) => {
    const all: SpfTerm[] = [...terms];
    if (redirect !== undefined) all.push({ kind: 'modifier', name: 'redirect', value: redirect });
    if (exp !== undefined) all.push({ kind: 'modifier', name: 'exp', value: exp });
    return { terms: all };
  });

test('property: parseSpf(formatSpf(record)) is the record, for records built as data', () => {
  fc.assert(
    fc.property(record, (built) => {
      const result = timed('parseSpf', () => parseSpf(formatSpf(built)));
      assert.deepEqual(result, { ok: true, record: built });
    }),
    budget(600),
  );
});

// ---- the one-pass checks agree with the regexes they replaced (on short inputs, where those are fast) ----

const OLD_TOPLABEL = /\.(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])\.?$/i;
const OLD_DUAL_CIDR = /^(.*?)(?:\/(\d+))?(?:\/\/(\d+))?$/s;

test('property: isTopLabel and the domain-end rule agree with the old TOPLABEL regex', () => {
  fc.assert(
    fc.property(stringOf(['a', 'Z', '0', '9', '-', '_', '.'], 12), (text) => {
      assert.equal(isTopLabel(text), text !== '' && !text.includes('.') && OLD_TOPLABEL.test(`.${text}`), text);
      const spec = `x${text}`;
      const parsed = parseMacroString(spec, 'domain');
      if (!parsed.ok) return;
      const last = parsed.tokens[parsed.tokens.length - 1] as MacroToken;
      const oldValid = last.kind === 'macro' || last.escape || OLD_TOPLABEL.test(last.text);
      assert.equal(domainSpecError(spec) === undefined, oldValid, spec);
    }),
    budget(2000),
  );
});

test('property: splitDualCidr agrees with the old lazy regex', () => {
  fc.assert(
    fc.property(stringOf([':', '/', '/', '1', '2', '0', 'a', '.'], 14), (rest) => {
      const [, head = '', cidr4, cidr6] = OLD_DUAL_CIDR.exec(rest) ?? [];
      const split = splitDualCidr(rest);
      assert.deepEqual([split.head, split.cidr4, split.cidr6], [head, cidr4, cidr6], rest);
    }),
    budget(2000),
  );
});

// ---- macro-strings ----

const macroPiece = fc.oneof(
  fc.constantFrom('%%', '%_', '%-', '.', 'x', 'example', '-', '/'),
  fc.tuple(fc.constantFrom(...'slodiphvSLODIPHV'.split('')), fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }), fc.boolean(), stringOf('.-+,/_='.split(''), 3))
    .map(([letter, digits, reverse, delimiters]) => `%{${letter}${digits ?? ''}${reverse ? 'r' : ''}${delimiters}}`),
);

/** The text of tokens, as a macro-string formatter would write them. */
function formatTokens(tokens: MacroToken[]): string {
  return tokens
    .map((t) => {
      if (t.kind === 'literal') return t.escape ? ({ '%': '%%', ' ': '%_', '%20': '%-' } as Record<string, string>)[t.text] : t.text;
      const letter = t.urlEscape ? t.letter.toUpperCase() : t.letter;
      return `%{${letter}${t.digits ?? ''}${t.reverse ? 'r' : ''}${t.delimiters === '.' ? '' : t.delimiters}}`;
    })
    .join('');
}

test('property: parseMacroString never throws; errors have codes and text; valid strings re-parse from their tokens', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('%', '{', '}', ' ', 'd', 'r', '1', '.', '\0', 'é'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 300, size: 'large' }), fc.constantFrom('domain' as const, 'explain' as const), (text, context) => {
      const result = timed('parseMacroString', () => parseMacroString(text, context));
      if (!result.ok) {
        assert.match(result.code, /^spf\.(?:macro|domain)-[a-z-]+$/);
        assert.notEqual(syntax(result), result.code);
        assert.ok(result.position >= 0 && result.position < text.length);
      }
    }),
    budget(1500),
  );
  fc.assert(
    fc.property(fc.array(macroPiece, { maxLength: 20 }), (pieces) => {
      const text = pieces.join('');
      const result = parseMacroString(text, 'domain');
      assert.ok(result.ok, text);
      if (result.ok) assert.deepEqual(parseMacroString(formatTokens(result.tokens), 'domain'), result);
    }),
    budget(500),
  );
});

test('property: macro expansion helpers and SPF name checks never throw and stay bounded', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', '.', '-', '+', '中', '%', '/'), maxLength: 2000, size: 'large' }), stringOf('.-+,/_='.split(''), 7), fc.boolean(), fc.option(fc.integer({ min: 1, max: 999 }), { nil: undefined }), (value, delimiters, reverse, digits) => {
      const out = timed('transform', () => transform(value, { delimiters: delimiters || '.', reverse, ...(digits === undefined ? {} : { digits }) }));
      assert.ok(out.length <= value.length);
      timed('urlEscape', () => urlEscape(value));
      timed('names', () => [isCheckableDomain(value), truncateDomain(value)]);
      assert.ok(truncateDomain(value).length <= 253 || !truncateDomain(value).includes('.'));
    }),
    budget(400),
  );
});

test('property: attack-string shaped inputs of 20 KB take linear time in the domain-spec and macro-string parsers', () => {
  // Literal characters (so the parse reaches the domain-end rule) and a few that end it early.
  const literal = ['a', 'Z', '0', '-', '.', '_', '!', '/', ':', '%{d}', '%%'];
  const any = [...literal, '%', '{', '}', ' ', 'd', 'r', '\0'];
  fc.assert(
    fc.property(fc.oneof(pumped(literal), pumped(any)), (text) => {
      timed('domainSpecError', () => domainSpecError(text));
      timed('parseMacroString', () => parseMacroString(text, 'explain'));
      timed('splitDualCidr', () => splitDualCidr(text));
      timed('parseSpf', () => parseSpf(`v=spf1 a:${text}`));
      timed('parseSpf', () => parseSpf(`v=spf1 ${text.slice(0, MAX_SPF_RECORD_BYTES - 7)}`));
    }),
    budget(80),
  );
});

// ---- hostile inputs from issue 10 §3 ----

test('regression: long hostile SPF text is judged in linear time (was 4.4 s at 60 KB and 29 s at 150 KB)', () => {
  const shapes = (n: number) => [
    `v=spf1 include:.${'a'.repeat(n)}!`,
    `v=spf1 a:${'a.'.repeat(n / 2)}-`,
    `v=spf1 ${'a '.repeat(n / 2)}`,
    `v=spf1 exists:${'%{d}'.repeat(n / 4)}.x-`,
    `v=spf1 a:${'%{'.repeat(n / 2)}`,
    `v=spf1 a${'/1'.repeat(n / 2)}`,
    `v=spf1 mx:x${'/'.repeat(n)}1`,
    `v=spf1 ip6:${':'.repeat(n)}`,
    `v=spf1 foo=${'%%'.repeat(n / 2)}%`,
  ];
  for (const n of [60_000, 150_000]) {
    for (const text of shapes(n)) {
      const result = timed(`parseSpf(${text.slice(0, 20)}... ${text.length} chars)`, () => parseSpf(text));
      assert.deepEqual(result.ok ? [] : result.errors.map((e) => e.code), ['spf.record-too-long']);
    }
  }
  // The domain-spec check itself (used on exp= and include targets) is linear without the cap.
  for (const n of [60_000, 150_000]) {
    assert.equal(timed('domainSpecError', () => domainSpecError(`.${'a'.repeat(n)}!`)), 'spf.domain-end');
    assert.equal(timed('domainSpecError', () => domainSpecError(`${'a.'.repeat(n / 2)}com`)), undefined);
  }
  // Many tokens (each an object): 6,000 macros.
  assert.equal(timed('parseMacroString', () => parseMacroString(`${'%{d}.'.repeat(6_000)}`, 'explain')).ok, true);
  // Just under the cap, every term is read.
  const full = parseSpf(`v=spf1${' ip4:192.0.2.1'.repeat(Math.floor((MAX_SPF_RECORD_BYTES - 6) / 14))}`);
  assert.equal(full.ok && full.record.terms.length, Math.floor((MAX_SPF_RECORD_BYTES - 6) / 14));
});
