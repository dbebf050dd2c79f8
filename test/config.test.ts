import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { Ajv } from 'ajv';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { CONFIG_SCHEMA } from '../src/cli/config-schema.js';
import { findConfig, jsonErrorOffset, parseConfig, validateSchema } from '../src/cli/config.js';
import { UsageError } from '../src/cli/exit-codes.js';

const REPO = resolve('.');
const GOOD = join(REPO, 'test/fixtures/domain/good.test.zone');
const WEAK = join(REPO, 'test/fixtures/domain/weak.test.zone');

async function mailcheck(args: string[], cwd: string, env: Record<string, string> = {}) {
  const io = memoryIo({ cwd, env: { NO_COLOR: '1', ...env } });
  const code = await run(args, io);
  return { code, stdout: io.out, stderr: io.err };
}

// A short folder prefix: an error echoes the config's path shortened to ECHO_MAX (80) characters, and the
// expected lines below name the whole path (in a checkout at a long path, `mailcheck-config-` crossed 80).
function project(config: unknown, name = 'mailcheck.config.json'): string {
  const dir = mkdtempSync(join(tmpdir(), 'mc-config-'));
  writeFileSync(join(dir, name), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

test('the published schema file is the schema the validator uses', () => {
  const published = JSON.parse(readFileSync('schema/mailcheck.config.schema.json', 'utf8'));
  assert.deepEqual(published, JSON.parse(JSON.stringify(CONFIG_SCHEMA)));
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.ok(pkg.files.includes('schema'), 'schema/ is published');
});

test('ajv and the built-in validator agree on valid and invalid configs (generated)', () => {
  const ajv = new Ajv({ allErrors: false, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync('schema/mailcheck.config.schema.json', 'utf8')));
  const value = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -5, max: 700_000 }), fc.boolean(), fc.constant(null), fc.constantFrom('error', 'warning', 'info', 'off', 'none', 'gmail', 'en', 'zh-CN', 'example.com', ''));
  const keys = fc.constantFrom('domains', 'selectors', 'ips', 'failOn', 'minScore', 'profile', 'rules', 'checks', 'lists', 'resolver', 'lang', 'concurrency', 'baseline', 'domian', '$schema');
  const nested = fc.oneof(
    value,
    fc.array(fc.oneof(value, fc.record({ domain: fc.string({ maxLength: 6 }), selectors: fc.array(fc.constantFrom('s1', 'bad selector', ''), { maxLength: 2 }) }, { requiredKeys: [] })), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('dmarc.no-rua', 'only', 'skip', 'add', 'servers', 'timeout', 'retries', 'zone', 'doh', 'x'), fc.oneof(value, fc.array(value, { maxLength: 2 })), { maxKeys: 3 }),
  );
  fc.assert(
    fc.property(fc.dictionary(keys, nested, { maxKeys: 4 }), (config) => {
      const ours = validateSchema(config, CONFIG_SCHEMA as unknown as Record<string, unknown>) === undefined;
      assert.equal(ours, validate(config) as boolean, JSON.stringify(config));
    }),
    { numRuns: 3000 },
  );
});

test('discovery: mailcheck.config.json or .mailcheckrc.json in the working directory or a folder above', async () => {
  const dir = project({ domains: ['good.test'] }, '.mailcheckrc.json');
  const deep = join(dir, 'a', 'b');
  mkdirSync(deep, { recursive: true });
  assert.equal(await findConfig(deep), join(dir, '.mailcheckrc.json'));
  writeFileSync(join(dir, 'a', 'mailcheck.config.json'), '{}');
  assert.equal(await findConfig(deep), join(dir, 'a', 'mailcheck.config.json'));
});

test('the config gives the domains, selectors, failOn, resolver (zone) and language; flags override it', async () => {
  const dir = project({ $schema: './node_modules/mailcheck-cli/schema/mailcheck.config.schema.json', domains: ['good.test', { domain: 'weak.test', selectors: ['s1'] }], failOn: 'warning', resolver: { zone: [GOOD, WEAK] }, lang: 'zh-CN', checks: { skip: ['rbl'] } });
  const sub = join(dir, 'sub');
  mkdirSync(sub);
  const r = await mailcheck(['--json', 'domain'], sub);
  const reports = JSON.parse(r.stdout);
  assert.deepEqual(reports.map((x: { domain: string }) => x.domain), ['good.test', 'weak.test']);
  assert.ok(!('rbl' in reports[0].checks), 'checks.skip rbl');
  // weak.test has warnings: failOn warning makes it exit 1; --fail-on error on the command line wins.
  assert.equal(r.code, 1);
  const relaxed = await mailcheck(['--json', 'domain', '--fail-on', 'none'], sub);
  assert.equal(relaxed.code, 0);
  // lang from the config, --lang wins.
  const zh = await mailcheck(['domain', 'good.test'], sub);
  assert.match(zh.stdout, /分/);
  const en = await mailcheck(['--lang', 'en', 'domain', 'good.test'], sub);
  assert.match(en.stdout, /score 100\/100/);
  // Arguments replace the config's domains.
  const one = await mailcheck(['--json', 'domain', 'good.test'], sub);
  assert.equal(JSON.parse(one.stdout).domain, 'good.test');
  // --no-config: no domains, no zone.
  const none = await mailcheck(['domain', '--no-config'], sub);
  assert.equal(none.code, 2);
  assert.equal(none.stderr, 'mailcheck: give at least one domain (or --file FILE)\n');
});

test('--config PATH names the file; rules change severities and turn findings off', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mc-config-'));
  const file = join(dir, 'ci.json');
  writeFileSync(file, JSON.stringify({ domains: ['weak.test'], resolver: { zone: [WEAK] }, checks: { only: ['dmarc', 'spf'] } }));
  const plain = await mailcheck(['--json', 'domain', '--config', file], REPO);
  const ids = (JSON.parse(plain.stdout).findings as { id: string; severity: string }[]).map((f) => f.id);
  assert.ok(ids.length > 0);
  const [first, second] = ids;
  writeFileSync(file, JSON.stringify({ domains: ['weak.test'], resolver: { zone: [WEAK] }, checks: { only: ['dmarc', 'spf'] }, rules: { [first as string]: 'off', ...(second ? { [second]: 'error' } : {}) } }));
  const ruled = await mailcheck(['--json', 'domain', '--config', file], REPO);
  const findings = JSON.parse(ruled.stdout).findings as { id: string; severity: string }[];
  assert.ok(!findings.some((f) => f.id === first), `${first} is off`);
  if (second) {
    assert.equal(findings.find((f) => f.id === second)?.severity, 'error');
    assert.equal(ruled.code, 1);
  }
});

test('a bad config is one line naming the key, exit 2', async () => {
  const cases: [unknown, string][] = [
    [{ domian: ['a.test'] }, 'mailcheck.config.json: domian: unknown key (known keys: domains, selectors, ips, failOn, minScore, profile, rules, checks, lists, resolver, lang, concurrency, baseline)'],
    [{ failOn: 'warn' }, 'mailcheck.config.json: failOn: must be one of error, warning, info, none'],
    [{ minScore: 101 }, 'mailcheck.config.json: minScore: must be at most 100'],
    [{ domains: ['a.test', { selectors: ['s1'] }] }, 'mailcheck.config.json: domains[1].domain: is required'],
    [{ domains: ['a.test', 7] }, 'mailcheck.config.json: domains[1]: must be string or object'],
    [{ rules: { 'dmarc.no-rua': 'warn' } }, 'mailcheck.config.json: rules["dmarc.no-rua"]: must be one of error, warning, info, off'],
    [{ rules: { 'dmarc.nope': 'off' } }, 'mailcheck.config.json: rules["dmarc.nope"]: no finding has the id "dmarc.nope" (see the README\'s list of findings)'],
    [{ domains: ['not a domain'] }, 'mailcheck.config.json: domains[0]: "not a domain" is not a domain name'],
    [{ ips: ['192.0.2.300'] }, 'mailcheck.config.json: ips[0]: "192.0.2.300" is not an IPv4 or IPv6 address'],
    [{ checks: { skip: ['rbls'] } }, 'mailcheck.config.json: checks.skip[0]: unknown check "rbls" (checks: mx, spf, dmarc, dkim, rdns, rbl, provider, tls, dnssec, dane, smtp, profile)'],
    [{ resolver: { timeout: '5s' } }, 'mailcheck.config.json: resolver.timeout: must be integer'],
    ['{"domains": ["a.test"],\n  "failOn": }', 'mailcheck.config.json:2:13: not valid JSON'],
  ];
  for (const [config, line] of cases) {
    const dir = project(config);
    const r = await mailcheck(['domain'], dir);
    assert.equal(r.code, 2, JSON.stringify(config));
    assert.equal(r.stderr, `mailcheck: ${line.replace('mailcheck.config.json', join(dir, 'mailcheck.config.json'))}\n`);
    assert.equal(r.stdout, '');
  }
  const missing = await mailcheck(['domain', '--config', 'nowhere.json'], mkdtempSync(join(tmpdir(), 'mc-config-')));
  assert.equal(missing.stderr, 'mailcheck: cannot read the config nowhere.json: no such file or folder\n');
  assert.equal(missing.code, 2);
});

test('in Chinese with --lang zh-CN; parseConfig names the key', async () => {
  assert.throws(() => parseConfig('{"lang": "fr"}', 'c.json'), (e: unknown) => e instanceof UsageError && e.code === 'config-invalid' && e.data.key === 'lang');
  const dir = project({ failOn: 'warn' });
  const r = await mailcheck(['--lang', 'zh-CN', 'domain'], dir);
  assert.equal(r.stderr, `mailcheck: ${join(dir, 'mailcheck.config.json')}：failOn：只能是 error、warning、info、none 之一\n`);
});

test('the JSON error locator agrees with JSON.parse (generated texts)', () => {
  const texts = fc.oneof(
    fc.json().map((j) => j),
    fc.tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', ' ', '\\', '-', '0')).map(([j, at, c]) => j.slice(0, at % (j.length + 1)) + c + j.slice(at % (j.length + 1))),
  );
  fc.assert(
    fc.property(texts, (t) => {
      let ok = true;
      try {
        JSON.parse(t);
      } catch {
        ok = false;
      }
      assert.equal(jsonErrorOffset(t) === -1, ok, JSON.stringify(t));
    }),
    { numRuns: 5000 },
  );
});

test('the README example config is valid', async () => {
  const readme = readFileSync('README.md', 'utf8');
  const block = /<!-- config-example -->\s*```json\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'the README has the example config');
  assert.doesNotThrow(() => parseConfig(block[1] as string, 'README'));
  // And by meaning (list zones, finding ids): run it, answering from a zone file (--zone replaces the config's resolver).
  const dir = project(block[1] as string);
  const r = await mailcheck(['--zone', GOOD, '--json', 'domain', 'good.test'], dir);
  assert.equal(r.stderr, '');
  assert.equal(JSON.parse(r.stdout).domain, 'good.test');
});
