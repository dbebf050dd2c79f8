import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBinary } from './helpers/run-cli.js';
import { assertPrintsInOrder, consoleBlocks } from './helpers/readme.js';

// The thin end-to-end layer: the built binary as a user runs it (process start, bin/, dist/, exit
// status, stdin). Everything else about the commands is tested in-process through runCli.

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

test('--version (the launcher answers it from package.json alone)', async () => {
  // --help through the binary: test/hardening-terminal; every chunk of the bundle loads: test/startup.
  const version = await runBinary(['--version']);
  assert.deepEqual([version.code, version.stdout.trim(), version.stderr], [0, pkg.version, '']);
});

test('the README\'s first example (the main job) prints through the binary what the README shows', async () => {
  // Every console example is checked line by line in-process (test/readme-examples); this one runs as a user runs it.
  const [first] = consoleBlocks(readme).filter((b) => b.command.includes('--zone examples/'));
  assert.ok(first, 'the README has an offline console example');
  const r = await runBinary(first.command.replace(/^(npx )?mailcheck /, '').split(/\s+/));
  assertPrintsInOrder(first, r.stdout);
});

test('exit codes through the process: 0 clean, 1 problems, 2 bad usage', async () => {
  assert.equal((await runBinary(['--zone', 'test/fixtures/domain/good.test.zone', 'domain', 'good.test'])).code, 0);
  assert.equal((await runBinary(['--zone', 'test/fixtures/domain/broken.test.zone', 'domain', 'broken.test'])).code, 1);
  const bad = await runBinary(['domain', 'not a domain']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr.split('\n').filter(Boolean).length, 1, bad.stderr);
  assert.match(bad.stderr, /^mailcheck: /);
});

test('a broken zone file is one line naming file and line, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-e2e-'));
  const file = join(dir, 'broken.zone');
  writeFileSync(file, '$ORIGIN example.test.\n$TTL 60\n@ MX ten mx1\n');
  const r = await runBinary(['lookup', '--zone', file, 'example.test']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `mailcheck: ${file}:3: MX preference must be a number from 0 to 65535, not "ten"\n`);
});

test('bounce reads a message from stdin; --json is the documented array', async () => {
  const eml = readFileSync('test/fixtures/bounce/postfix-user-unknown.eml');
  const r = await runBinary(['bounce', '--json', '-'], { stdin: eml });
  assert.equal(r.code, 0, r.stderr);
  const [message] = JSON.parse(r.stdout) as { bounce: boolean; recipients: { reason: string; hard: boolean }[] }[];
  assert.equal(message?.bounce, true);
  assert.deepEqual(message?.recipients.map((x) => [x.reason, x.hard]), [['userunknown', true]]);
});

test('--format sarif comes out of the binary as a document (every format: test/render-formats, in-process)', async () => {
  const sarif = await runBinary(['--zone', 'test/fixtures/domain/broken.test.zone', '--format', 'sarif', 'domain', 'broken.test']);
  assert.equal(sarif.code, 1);
  assert.equal(JSON.parse(sarif.stdout).version, '2.1.0');
});
