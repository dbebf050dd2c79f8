import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { WEIGHTS, checkScore, weightedScore, grade } from '../src/report/score.js';
import { exitCode as domainExitCode } from '../src/core/exit.js';
import type { Report as DomainReport } from '../src/core/report.js';
import type { Finding, Severity } from '../src/core/finding.js';
import { DOMAIN_CHECKS } from '../src/checks/index.js';
import { quoteTxt, formatRecordFix } from '../src/render/record.js';

const CHECK_WEIGHTS = WEIGHTS.domain;
const f = (id: string, severity: Severity): Finding => ({ id, check: id.split('.')[0] as string, severity, data: {}, fix: null });
const report = (findings: Finding[], extra: Partial<DomainReport> = {}): DomainReport => ({ command: 'domain', subject: 'x.test', score: 90, grade: 'A', incomplete: false, sections: [], findings, data: {}, ...extra });
const w = (id: string) => (CHECK_WEIGHTS as Record<string, number>)[id] ?? 0;
const domainScore = (checks: { id: string; score: number | null }[]) => weightedScore(checks.map((c) => ({ ...c, weight: w(c.id) })));

test('every check has a row in the weights table', () => {
  for (const check of DOMAIN_CHECKS) assert.ok(check.id in CHECK_WEIGHTS, check.id);
});

test('check scores lose the penalty per finding, absences weigh fully, lookup failures nothing', () => {
  assert.equal(checkScore([]), 100);
  assert.equal(checkScore([f('dmarc.policy-none', 'warning')]), 85);
  assert.equal(checkScore([f('spf.pass-all', 'error'), f('spf.ptr', 'warning')]), 35);
  assert.equal(checkScore([f('spf.missing', 'error')]), 0);
  assert.equal(checkScore([f('spf.softfail', 'info')]), 100);
  assert.equal(checkScore([f('dns.lookup-failed', 'warning')]), 100);
  assert.equal(checkScore([f('a.x', 'error'), f('a.y', 'error'), f('a.z', 'error')]), 0);
});

test('domain score is the weighted mean of judged, weighted checks; grades', () => {
  assert.equal(domainScore([{ id: 'spf', score: 100 }, { id: 'dmarc', score: 0 }]), 50);
  assert.equal(domainScore([{ id: 'spf', score: 100 }, { id: 'dmarc', score: null }, { id: 'provider', score: 0 }]), 100);
  assert.equal(domainScore([{ id: 'dmarc', score: null }]), null);
  assert.deepEqual([95, 90, 89, 80, 79, 70, 69, 60, 59, 0].map(grade), ['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D', 'F', 'F']);
  assert.equal(grade(null), null);
});

test('exit codes: findings at --fail-on → 1 (wins over incomplete), incomplete → 3, --min-score → 1', () => {
  const policy = { failOn: 'error' as const, minScore: 0 };
  assert.equal(domainExitCode([report([f('spf.softfail', 'info'), f('dmarc.policy-none', 'warning')])], policy), 0);
  assert.equal(domainExitCode([report([f('spf.missing', 'error')])], policy), 1);
  assert.equal(domainExitCode([report([f('dmarc.policy-none', 'warning')])], { ...policy, failOn: 'warning' }), 1);
  assert.equal(domainExitCode([report([f('spf.missing', 'error')])], { ...policy, failOn: 'none' }), 0);
  assert.equal(domainExitCode([report([f('dns.lookup-failed', 'warning')], { incomplete: true })], { ...policy, failOn: 'warning' }), 3);
  assert.equal(domainExitCode([report([f('spf.missing', 'error')], { incomplete: true })], policy), 1);
  assert.equal(domainExitCode([report([], { score: 70 })], { ...policy, minScore: 80 }), 1);
  assert.equal(domainExitCode([report([], { score: 80 })], { ...policy, minScore: 80 }), 0);
  assert.equal(domainExitCode([report([]), report([], { incomplete: true })], policy), 3);
});

test('record fixes print as name. TYPE value, long TXT values split into 255-byte strings', () => {
  assert.equal(formatRecordFix({ name: '_dmarc.example.com', type: 'TXT', value: 'v=DMARC1; p=none' }), '_dmarc.example.com. TXT "v=DMARC1; p=none"');
  assert.equal(formatRecordFix({ name: 'example.com.', type: 'MX', value: '0 .' }), 'example.com. MX 0 .');
  assert.equal(quoteTxt('a "b" \\c'), '"a \\"b\\" \\\\c"');
  const long = 'x'.repeat(300);
  assert.equal(quoteTxt(long), `"${'x'.repeat(255)}" "${'x'.repeat(45)}"`);
});

test('the README weights table is the one in score.ts', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### Score and grade'), readme.indexOf('### Options'));
  const rows = Object.fromEntries([...section.matchAll(/^\| `([a-z]+)` \| (\d+)/gm)].map((m) => [m[1], Number(m[2])]));
  assert.deepEqual(rows, CHECK_WEIGHTS);
});
