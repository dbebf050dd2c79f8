import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCli } from './helpers/run-cli.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

test('--version prints the package version and exits 0', async () => {
  const result = await runCli(['--version']);
  assert.equal(result.code, 0);
  assert.equal(result.stdout.trim(), pkg.version);
});

test('--help lists usage, exit codes and exits 0', async () => {
  const result = await runCli(['--help']);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /Usage: mailcheck/);
  assert.match(result.stdout, /lookup \[options\] <name> \[type\]/);
  assert.match(result.stdout, /mailcheck lookup --zone examples\/example\.test\.zone example\.test MX/);
  assert.match(result.stdout, /Exit codes: 0 ok, 1 problems found, 2 bad usage or input, 3 lookups failed/);
  assert.equal(result.stderr, '');
});

test('an unknown subcommand is a usage error: one line on stderr, exit 2, no stack trace', async () => {
  const result = await runCli(['frobnicate']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /^mailcheck: unknown command "frobnicate"/);
  assert.equal(result.stderr.trim().split('\n').length, 1);
  assert.doesNotMatch(result.stderr, /at .*\.js:\d+/);
});

test('selectCommand: the first argument that is neither an option nor an option value names the command', async () => {
  const { selectCommand } = await import('../src/cli/commands.js');
  const values = new Set(['--zone', '--resolver', '--timeout']);
  const names = ['domain', 'ip', 'spf'];
  assert.equal(selectCommand(['domain', 'example.com'], values, names), 'domain');
  assert.equal(selectCommand(['--zone', 'ip', '--json', 'spf', 'x'], values, names), 'spf', 'a zone file named "ip" is a value');
  assert.equal(selectCommand(['--zone=ip', 'domain'], values, names), 'domain');
  assert.equal(selectCommand(['--help'], values, names), undefined);
  assert.equal(selectCommand(['frobnicate', 'domain'], values, names), undefined);
});

test('global options before the command still reach it when only that command is loaded', async () => {
  const result = await runCli(['--json', '--zone', 'examples/example.test.zone', 'lookup', 'example.test', 'MX']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(JSON.parse(result.stdout).outcome, 'answer');
});
