import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBinary } from './helpers/run-cli.js';

// The thin end-to-end layer: the built binary as a user runs it (process start, bin/, dist/, exit
// status, stdin). Everything else about the commands is tested in-process through runCli.

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const ZONE = 'examples/example.test.zone';

/** The console blocks of the README: `$ command` then the output up to the next `$` or the end. */
function consoleBlocks(): { command: string; output: string }[] {
  const blocks: { command: string; output: string }[] = [];
  for (const block of readme.matchAll(/```console\n([\s\S]*?)```/g)) {
    const lines = (block[1] ?? '').split('\n');
    let current: { command: string; output: string[] } | undefined;
    for (const line of lines) {
      if (line.startsWith('$ ')) {
        if (current) blocks.push({ command: current.command, output: current.output.join('\n') });
        current = { command: line.slice(2), output: [] };
      } else current?.output.push(line);
    }
    if (current) blocks.push({ command: current.command, output: current.output.join('\n') });
  }
  return blocks;
}

test('--version and --help', async () => {
  const version = await runBinary(['--version']);
  assert.deepEqual([version.code, version.stdout.trim(), version.stderr], [0, pkg.version, '']);
  const help = await runBinary(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: mailcheck/);
});

test('every README console example that runs offline prints what the README shows', async () => {
  const offline = consoleBlocks().filter((b) => b.command.includes('--zone examples/'));
  assert.ok(offline.length >= 4, `README console examples: ${offline.length}`);
  // The examples are independent processes: run them at once, check them in order.
  const runs = await Promise.all(offline.map(({ command }) => runBinary(command.replace(/^(npx )?mailcheck /, '').split(/\s+/))));
  for (const [i, { command, output }] of offline.entries()) {
    const r = runs[i] as Awaited<ReturnType<typeof runBinary>>;
    // An example may stop early with "…": each line shown must be printed, in order, as shown (a trailing … shortens a line).
    const printed = r.stdout.split('\n');
    let at = 0;
    for (const line of output.split('\n').filter((l) => l !== '' && l !== '…')) {
      const expected = line.replace(/ …$/, '');
      const found = printed.findIndex((p, i) => i >= at && p.startsWith(expected));
      assert.ok(found >= 0, `${command}: line not printed (in order): ${expected}\n${r.stdout}`);
      at = found + 1;
    }
  }
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

test('--format sarif and junit come out of the binary as documents', async () => {
  const sarif = await runBinary(['--zone', 'test/fixtures/domain/broken.test.zone', '--format', 'sarif', 'domain', 'broken.test']);
  assert.equal(sarif.code, 1);
  assert.equal(JSON.parse(sarif.stdout).version, '2.1.0');
  const junit = await runBinary(['--zone', 'test/fixtures/domain/weak.test.zone', '--format', 'junit', 'domain', 'weak.test']);
  assert.match(junit.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
});

test('ip and spf on the example zone, through the binary', async () => {
  // The example zone describes no blacklist: ip says so in one line (exit 2) rather than "not listed".
  const ip = await runBinary(['--zone', ZONE, '--json', 'ip', '192.0.2.25']);
  assert.deepEqual([ip.code, ip.stdout, ip.stderr.split('\n').length], [2, '', 2]);

  const spf = await runBinary(['spf', 'example.test', '--ip', '10.9.9.9', '--zone', ZONE, '--expect', 'pass']);
  assert.equal(spf.code, 1);
});
