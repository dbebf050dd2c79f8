import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { SaxesParser } from 'saxes';
import { runCli } from './helpers/run-cli.js';

// Every --format through the CLI on the offline fixtures: SARIF valid against the 2.1.0 schema, JUnit
// well-formed with the right counts, GitHub workflow commands exact, Markdown, CSV and NDJSON.

const Z = (name: string) => ['--zone', `test/fixtures/domain/${name}.test.zone`];
const schema = JSON.parse(readFileSync('test/fixtures/schemas/sarif-2.1.0-rtm.5.json', 'utf8')) as object;
// unicodeRegExp off: the published schema's language pattern (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) is invalid with the u flag.
// ajv ships CommonJS with `exports.default`; required so the types and the runtime agree under NodeNext.
const require = createRequire(import.meta.url);
interface Validator {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}
interface AjvLike {
  compile(schema: object): Validator;
}
const Ajv = (require('ajv-draft-04') as { default: new (options: object) => AjvLike }).default;
const addFormats = (require('ajv-formats') as { default: (ajv: AjvLike) => void }).default;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(schema);

function assertValidSarif(text: string): { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: unknown[] }[] }[] } {
  const log = JSON.parse(text);
  const ok = validateSarif(log);
  assert.ok(ok, JSON.stringify(validateSarif.errors?.slice(0, 5), null, 2));
  return log;
}

test('--format sarif validates against the SARIF 2.1.0 schema, for every command that has findings', async () => {
  const domain = await runCli([...Z('broken'), '--format', 'sarif', 'domain', 'broken.test']);
  assert.equal(domain.code, 1);
  const log = assertValidSarif(domain.stdout);
  const run = log.runs[0]!;
  const ids = new Set(run.tool.driver.rules.map((r) => r.id));
  for (const r of run.results) assert.ok(ids.has(r.ruleId), `result ${r.ruleId} has a rule`);
  assert.ok(run.results.some((r) => r.ruleId === 'spf.pass-all' && r.level === 'error'));
  // A finding about a record in a zone file points at its line.
  const passAll = run.results.find((r) => r.ruleId === 'spf.pass-all') as unknown as { locations: { physicalLocation?: { artifactLocation: { uri: string }; region: { startLine: number } } }[] };
  assert.equal(passAll.locations[0]?.physicalLocation?.artifactLocation.uri, 'test/fixtures/domain/broken.test.zone');
  assert.ok((passAll.locations[0]?.physicalLocation?.region.startLine ?? 0) > 0);

  assertValidSarif((await runCli(['--format', 'sarif', 'bounce', 'test/fixtures/bounce/office365-banned-ip.eml'])).stdout);
  assertValidSarif((await runCli(['--format', 'sarif', '--zone', 'examples/example.test.zone', 'spf', 'example.test', '--ip', '10.9.9.9'])).stdout);
  assertValidSarif((await runCli(['--format', 'sarif', '--zone', 'examples/example.test.zone', 'lookup', 'example.test', 'MX'])).stdout);
});

/** Parses XML (saxes: a conforming parser), returning the elements with their attributes. */
function parseXml(text: string): { name: string; attributes: Record<string, string> }[] {
  const parser = new SaxesParser();
  const elements: { name: string; attributes: Record<string, string> }[] = [];
  parser.on('opentag', (tag) => elements.push({ name: tag.name, attributes: tag.attributes as Record<string, string> }));
  parser.write(text).close();
  return elements;
}

test('--format junit is well-formed: a testsuite per domain, a testcase per check, failures at --fail-on', async () => {
  const r = await runCli([...Z('weak'), ...Z('broken'), '--format', 'junit', 'domain', 'weak.test', 'broken.test', '--fail-on', 'warning']);
  const elements = parseXml(r.stdout);
  const suites = elements.filter((e) => e.name === 'testsuite');
  assert.deepEqual(suites.map((s) => s.attributes.name), ['weak.test', 'broken.test']);
  const cases = elements.filter((e) => e.name === 'testcase');
  assert.equal(cases.length, 24, '12 checks per domain');
  const root = elements.find((e) => e.name === 'testsuites')!;
  assert.equal(Number(root.attributes.tests), 24);
  assert.equal(Number(root.attributes.failures), elements.filter((e) => e.name === 'failure').length);
  // weak.test fails dmarc (p=none) and dkim (not found) at --fail-on warning, not spf (~all is info).
  const weakFailures = Number(suites[0]!.attributes.failures);
  assert.equal(weakFailures, 2);
  // At --fail-on error the weak domain has no failures.
  const strict = parseXml((await runCli([...Z('weak'), '--format', 'junit', 'domain', 'weak.test'])).stdout);
  assert.equal(strict.filter((e) => e.name === 'failure').length, 0);
  // Names are unique within a suite (GitLab keeps only the first of a duplicate).
  const names = cases.slice(0, 12).map((c) => c.attributes.name);
  assert.equal(new Set(names).size, names.length);
});

test('--format github: one workflow command per finding, escaped, with file and line when the record is in a zone file', async () => {
  const r = await runCli([...Z('weak'), '--format', 'github', 'domain', 'weak.test']);
  const lines = r.stdout.trimEnd().split('\n');
  assert.deepEqual(lines.map((l) => l.slice(0, l.indexOf(' '))), ['::warning', '::warning', '::notice', '::notice', '::notice']);
  assert.equal(lines[0], '::warning file=test/fixtures/domain/weak.test.zone,line=9,title=dmarc.policy-none (weak.test)::The DMARC policy is p=none: mail forging weak.test is still delivered; it only produces reports.%0AOnce the reports show your own mail passes SPF or DKIM aligned, enforce the policy:%0A_dmarc.weak.test. TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@weak.test"');
  for (const line of lines) assert.doesNotMatch(line.slice(line.indexOf('::', 2) + 2), /[\r\n]/);
});

test('--format markdown, csv and ndjson', async () => {
  const md = await runCli([...Z('broken'), '--format', 'markdown', 'domain', 'broken.test']);
  assert.match(md.stdout, /^# mailcheck domain\n\n## broken\.test — score \d+\/100, grade [A-F]/);
  assert.match(md.stdout, /\| SPF \(who may send as the domain\) \| \d+\/100 \|/);
  assert.match(md.stdout, /- ❌ \*\*error\*\* `spf\.pass-all` — /);
  assert.match(md.stdout, /```\n {4}broken\.test\. TXT "v=spf1 mx include:nothing-here\.broken\.test ~all"\n {4}```/);

  const csv = await runCli([...Z('good'), ...Z('weak'), '--format', 'csv', 'domain', 'good.test', 'weak.test']);
  const rows = csv.stdout.trimEnd().split('\r\n');
  assert.equal(rows[0], 'domain,score,grade,incomplete,errors,warnings,info,mx,spf,dmarc,dkim,rdns,rbl,findings');
  assert.match(rows[1]!, /^good\.test,100,A,false,0,0,\d,100,100,100,100,100,skipped,/);
  assert.equal(rows.length, 3);

  const nd = await runCli(['--format', 'ndjson', 'bounce', 'test/fixtures/bounce/three-messages.mbox']);
  const objects = nd.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { recipient: string | null });
  assert.ok(objects.length >= 3);

  const unsupported = await runCli(['--zone', 'examples/example.test.zone', '--format', 'csv', 'lookup', 'example.test']);
  assert.equal(unsupported.code, 2);
  assert.match(unsupported.stderr, /^mailcheck: --format csv is not available for mailcheck lookup/);
  const unknown = await runCli(['--format', 'yaml', 'lookup', 'example.test']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^mailcheck: --format takes text, json, ndjson, csv, markdown, sarif, junit, github, html, not "yaml"/);
});

test('CSV cells that a spreadsheet would run as formulas are neutralised', async () => {
  const { csvCell } = await import('../src/render/csv.js');
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  for (const c of ['+1', '-1', '@SUM(A1)', '\tx', '\rx']) assert.ok(csvCell(c).replace(/^"/, '').startsWith("'"), c);
  assert.equal(csvCell('plain, text'), '"plain, text"');
});
