import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Ajv } from 'ajv';
import { startDnsServer } from './helpers/dns-server.js';
import { goodDomain, rr } from './helpers/domain-fixtures.js';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';

// The CI recipes run as written: the command lines of examples/github-workflow.yml and
// examples/gitlab-ci.yml, parsed out of the YAML, run in-process in a project folder holding
// examples/mailcheck.config.json, whose resolver is pointed at the test DNS server (the only change).

interface Step { name?: string; run?: string; uses?: string; if?: string; with?: Record<string, unknown> }

/** The mailcheck arguments of a shell line: `mailcheck ARGS` or `npx --yes mailcheck-cli ARGS`. */
function mailcheckArgs(line: string): string[] | undefined {
  const words = line.trim().split(/\s+/);
  assert.ok(!/["'`$\\|;&<>]/.test(line), `a plain command line: ${line}`);
  if (words[0] === 'mailcheck') return words.slice(1);
  if (words[0] === 'npx' && words[1] === '--yes' && words[2] === 'mailcheck-cli') return words.slice(3);
  return undefined;
}

async function project(): Promise<{ dir: string; close(): Promise<void> }> {
  const server = await startDnsServer({
    records: [
      ...goodDomain('example.com'),
      // news.example.com sends from 203.0.113.5 without saying so in SPF, and has no DMARC policy yet.
      rr('news.example.com', 'MX', { preference: 10, exchange: 'mx1.example.com' }),
      rr('news.example.com', 'TXT', 'v=spf1 mx -all'),
      rr('_dmarc.news.example.com', 'TXT', 'v=DMARC1; p=none; rua=mailto:dmarc@example.com'),
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-ci-'));
  const config = JSON.parse(readFileSync('examples/mailcheck.config.json', 'utf8'));
  config.resolver = { ...config.resolver, servers: [server.resolverArg] };
  writeFileSync(join(dir, 'mailcheck.config.json'), JSON.stringify(config, null, 2));
  return { dir, close: () => server.close() };
}

async function runIn(dir: string, args: string[], env: Record<string, string> = {}) {
  const io = memoryIo({ cwd: dir, env: { NO_COLOR: '1', ...env } });
  const code = await run(args, io);
  return { code, stdout: io.out, stderr: io.err };
}

test('the example config is valid against the published schema (ajv)', () => {
  const ajv = new Ajv({ strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync('schema/mailcheck.config.schema.json', 'utf8')));
  assert.ok(validate(JSON.parse(readFileSync('examples/mailcheck.config.json', 'utf8'))), JSON.stringify(validate.errors));
});

test('examples/github-workflow.yml: annotations, the Markdown job summary, SARIF for upload-sarif', async () => {
  const workflow = parse(readFileSync('examples/github-workflow.yml', 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
  const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
  assert.ok(upload, 'the workflow uploads SARIF');
  const commands = steps.flatMap((s) => (s.run ?? '').split('\n').map(mailcheckArgs).filter((a): a is string[] => a !== undefined).map((args) => ({ step: s, args })));
  assert.equal(commands.length, 2, 'the annotation step and the SARIF step');
  const { dir, close } = await project();
  try {
    const summary = join(dir, 'step-summary.md');
    writeFileSync(summary, '');
    const [annotate, sarif] = commands;
    const first = await runIn(dir, annotate!.args, { GITHUB_STEP_SUMMARY: summary });
    assert.equal(first.stderr, '');
    // news.example.com: DMARC p=none is an error by the config's rules, so the step fails (exit 1).
    assert.equal(first.code, 1);
    assert.match(first.stdout, /^::error title=dmarc\.policy-none \(news\.example\.com\)::/m);
    assert.ok(!/mx\.no-ipv6/.test(first.stdout), 'mx.no-ipv6 is off in the config');
    const markdown = readFileSync(summary, 'utf8');
    assert.match(markdown, /^# mailcheck domain$/m);
    assert.match(markdown, /^## example\.com — score \d+\/100/m);
    assert.match(markdown, /^## news\.example\.com — score \d+\/100/m);
    // The SARIF step never fails the job (--fail-on none --min-score 0) and writes the file upload-sarif reads.
    const second = await runIn(dir, sarif!.args);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stdout, '');
    const file = join(dir, String(upload.with?.sarif_file));
    assert.ok(existsSync(file), `${file} written`);
    const log = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(log.version, '2.1.0');
    assert.ok(log.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'dmarc.policy-none'));
  } finally {
    await close();
  }
});

test('examples/gitlab-ci.yml: a JUnit report where GitLab reads it', async () => {
  const ci = parse(readFileSync('examples/gitlab-ci.yml', 'utf8')) as Record<string, { script: string[]; artifacts: { reports: { junit: string } } }>;
  const job = ci.mailcheck!;
  const commands = job.script.map(mailcheckArgs).filter((a): a is string[] => a !== undefined);
  assert.equal(commands.length, 1);
  const { dir, close } = await project();
  try {
    const r = await runIn(dir, commands[0]!);
    assert.equal(r.code, 1, r.stderr);
    const xml = readFileSync(join(dir, job.artifacts.reports.junit), 'utf8');
    assert.match(xml, /^<\?xml/);
    assert.match(xml, /<testsuite[^>]*name="news\.example\.com"/);
    assert.match(xml, /dmarc\.policy-none/);
  } finally {
    await close();
  }
});

test('GITHUB_STEP_SUMMARY is written only with --format github', async () => {
  const { dir, close } = await project();
  try {
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    await runIn(dir, ['domain', '--format', 'sarif'], { GITHUB_STEP_SUMMARY: summary });
    assert.equal(readFileSync(summary, 'utf8'), '');
  } finally {
    await close();
  }
});
