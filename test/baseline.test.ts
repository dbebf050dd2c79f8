import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/run-cli.js';
import { fingerprint, buildBaseline, applyBaseline, baselineSet } from '../src/report/baseline.js';
import type { Report } from '../src/core/report.js';

const WEAK = 'test/fixtures/domain/weak.test.zone';

test('round trip: --update-baseline writes the findings; then known ones are hidden, exit 0, and text says how many', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-baseline-'));
  const baseline = join(dir, 'baseline.json');
  const before = await runCli(['--zone', WEAK, '--json', 'domain', 'weak.test', '--fail-on', 'warning']);
  assert.equal(before.code, 1);
  const all = JSON.parse(before.stdout).findings as { id: string }[];
  assert.ok(all.length > 0);

  const update = await runCli(['--zone', WEAK, 'domain', 'weak.test', '--fail-on', 'warning', '--baseline', baseline, '--update-baseline']);
  assert.equal(update.code, 0, update.stderr);
  const file = JSON.parse(readFileSync(baseline, 'utf8'));
  assert.equal(file.mailcheckBaseline, 1);
  assert.deepEqual(file.findings.map((f: { id: string }) => f.id).sort(), all.map((f) => f.id).sort());
  assert.ok(file.findings.every((f: { subject: string; fingerprint: string }) => f.subject === 'weak.test' && /^[0-9a-f]{16}$/.test(f.fingerprint)));
  assert.match(update.stderr, new RegExp(`notice: wrote ${all.length} known findings to`));

  const after = await runCli(['--zone', WEAK, 'domain', 'weak.test', '--fail-on', 'warning', '--baseline', baseline]);
  assert.equal(after.code, 0, after.stdout);
  assert.match(after.stdout, new RegExp(`^${all.length} known findings hidden \\(in the baseline ${baseline.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)$`, 'm'));
  const json = await runCli(['--zone', WEAK, '--json', 'domain', 'weak.test', '--baseline', baseline]);
  assert.deepEqual(JSON.parse(json.stdout).findings, []);
  assert.match(json.stderr, /notice: \d+ known findings hidden/);
});

test('a new finding fails although the baseline has the old ones', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-baseline-'));
  const baseline = join(dir, 'baseline.json');
  const good = 'test/fixtures/domain/good.test.zone';
  const update = await runCli(['--zone', good, 'domain', 'good.test', '--baseline', baseline, '--update-baseline']);
  assert.equal(update.code, 0);
  // The same domain with its DMARC record gone: dmarc.missing is new.
  const broken = join(dir, 'good.test.zone');
  writeFileSync(broken, readFileSync(good, 'utf8').replace(/^_dmarc .*$/m, ''));
  const r = await runCli(['--zone', broken, '--json', 'domain', 'good.test', '--baseline', baseline]);
  assert.equal(r.code, 1);
  assert.deepEqual((JSON.parse(r.stdout).findings as { id: string }[]).map((f) => f.id).filter((id) => id.startsWith('dmarc.')), ['dmarc.missing']);
});

test('the fingerprint follows the record: another record is another finding, a volatile reason is not', () => {
  const a = { data: { domain: 'x.test', record: 'v=spf1 +all' }, fix: null };
  assert.equal(fingerprint(a), fingerprint({ data: { record: 'v=spf1 +all', domain: 'x.test' }, fix: null }), 'key order does not matter');
  assert.notEqual(fingerprint(a), fingerprint({ data: { domain: 'x.test', record: 'v=spf1 ?all' }, fix: null }));
  assert.equal(fingerprint({ data: { ip: '192.0.2.1', reason: 'listed 2026-01-01' }, fix: null }), fingerprint({ data: { ip: '192.0.2.1', reason: 'listed 2026-02-02' }, fix: null }));
  const report = (subject: string, ids: string[]): Report => ({ command: 'domain', subject, incomplete: false, sections: [], score: 50, grade: 'D', data: {}, findings: ids.map((id) => ({ id, check: 'x', severity: 'error' as const, data: { n: 1 }, fix: null })) });
  const set = baselineSet(buildBaseline([report('a.test', ['x.one', 'dns.lookup-failed'])]));
  assert.equal(set.size, 1, 'could-not-check findings are never baselined');
  const applied = applyBaseline(report('a.test', ['x.one', 'x.two']), set);
  assert.deepEqual(applied.report.findings.map((f) => f.id), ['x.two']);
  assert.equal(applied.hidden, 1);
  assert.equal(applyBaseline(report('b.test', ['x.one']), set).hidden, 0, 'the subject is part of the key');
});

test('a missing or broken baseline is one line, exit 2; --update-baseline needs a file', async () => {
  const missing = await runCli(['--zone', WEAK, 'domain', 'weak.test', '--baseline', '/nonexistent/b.json']);
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr, 'mailcheck: cannot read --baseline /nonexistent/b.json: no such file or folder (write one with --update-baseline)\n');
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-baseline-'));
  writeFileSync(join(dir, 'b.json'), '{"findings": 3}');
  const broken = await runCli(['--zone', WEAK, 'domain', 'weak.test', '--baseline', join(dir, 'b.json')]);
  assert.equal(broken.stderr, `mailcheck: --baseline ${join(dir, 'b.json')} is not a mailcheck baseline (write one with --update-baseline)\n`);
  const needs = await runCli(['--zone', WEAK, 'domain', 'weak.test', '--update-baseline']);
  assert.equal(needs.stderr, 'mailcheck: --update-baseline needs --baseline FILE (or "baseline" in the config)\n');
  assert.equal(needs.code, 2);
});
