import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { BIN, REPO } from './helpers/run-cli.js';
import { startDnsServer } from './helpers/dns-server.js';
import { canSpin, startSpinner } from '../src/cli/spinner.js';

// Real pipes and terminals (issue 10 §11, §12), through the built binary: a reader that goes away
// stops the run quietly (exit 0, nothing on stderr); the spinner is drawn only on a terminal that
// reports a width, and Ctrl-C stops the run with 130 and shows the cursor again. The terminals are
// pseudo-terminals from util-linux `script`. Test timeouts are hang guards only.

const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0;
const ZONE = ['--zone', 'examples/example.test.zone'];

/** Runs the binary with its stdout (or stderr) read end closed before it writes anything. */
function withClosedPipe(args: string[], which: 'stdout' | 'stderr'): Promise<{ code: number | null; signal: string | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    if (which === 'stdout') {
      child.stdout.destroy();
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    } else {
      child.stderr.destroy();
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    }
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr, stdout }));
  });
}

test('a closed stdout (mailcheck … | head -1) stops quietly: exit 0, nothing on stderr: help, a report, JSON, over the network, a file read', { timeout: 60_000 }, async () => {
  // Every command writes through the one Io (src/cli/io.ts): one run of each way of writing, not of each command.
  const server = await startDnsServer({ zoneText: '$ORIGIN list.test.\n@ 300 IN SOA ns hostmaster 1 3600 600 86400 300\n' });
  const runs = [
    ['--help'],
    [...ZONE, 'domain', 'example.test'],
    [...ZONE, '--json', 'spf', 'example.test', '--ip', '203.0.113.9'],
    ['--resolver', server.resolverArg, 'ip', '192.0.2.25', '--only-lists', 'bl.list.test'],
    ['bounce', 'test/fixtures/bounce/alibaba-rcpt-not-local.eml'],
  ];
  try {
    for (const args of runs) {
      const r = await withClosedPipe(args, 'stdout');
      assert.equal(r.signal, null, args.join(' '));
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr, '', args.join(' '));
    }
  } finally {
    await server.close();
  }
});

test('a closed stderr is ignored: the output and the exit code are unchanged', { timeout: 30_000 }, async () => {
  const r = await withClosedPipe([...ZONE, 'domain', 'nope..test'], 'stderr');
  assert.equal(r.code, 2);
  const ok = await withClosedPipe([...ZONE, 'lookup', 'example.test', 'MX'], 'stderr');
  assert.equal(ok.code, 0);
  assert.match(ok.stdout, /example\.test MX: answer/);
});

/** `script` runs the command on a pseudo-terminal; `cols` 0 is what it gives when its own stdin is not a terminal. */
function underPty(command: string, cols: number, options: { interruptWhen?: RegExp } = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const sized = `stty cols ${cols} rows ${cols === 0 ? 0 : 24}; ${command}`;
    const child = spawn('script', ['-q', '-e', '-c', sized, '/dev/null'], { cwd: REPO, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TERM: 'xterm' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let interrupted = false;
    child.stdout.setEncoding('latin1').on('data', (d: string) => {
      output += d;
      if (options.interruptWhen && !interrupted && options.interruptWhen.test(output)) {
        interrupted = true;
        child.stdin.write('\u0003');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    if (!options.interruptWhen) child.stdin.end();
  });
}

const node = `"${process.execPath}" "${BIN}"`;

test('spinner under a pseudo-terminal: none at 0 columns (and no busy loop), one line at 80 columns, the cursor shown again', { skip: !HAS_SCRIPT && 'util-linux script is not installed', timeout: 60_000 }, async () => {
  const zero = await underPty(`${node} ${ZONE.join(' ')} domain example.test > /dev/null`, 0);
  assert.equal(zero.code, 0, zero.output);
  assert.equal(zero.output, '', 'nothing drawn on a terminal without a width');

  const eighty = await underPty(`${node} ${ZONE.join(' ')} domain example.test > /dev/null`, 80);
  assert.equal(eighty.code, 0, eighty.output);
  assert.match(eighty.output, /\u001b\[\?25l/);
  assert.match(eighty.output, /checking example\.test/);
  assert.ok(eighty.output.endsWith('\u001b[?25h'), JSON.stringify(eighty.output.slice(-40)));
  assert.doesNotMatch(eighty.output, /\u001b\[1A/, 'never moves up a line');
});

test('Ctrl-C while the spinner shows stops the run with 130 and shows the cursor again', { skip: !HAS_SCRIPT && 'util-linux script is not installed', timeout: 60_000 }, async () => {
  const server = await startDnsServer({ rules: [{ match: () => true, behaviour: 'drop' }] });
  try {
    const r = await underPty(`${node} --resolver ${server.resolverArg} --timeout 60000 domain example.test`, 80, { interruptWhen: /checking example\.test/ });
    assert.equal(r.code, 130, JSON.stringify(r.output));
    assert.match(r.output, /\u001b\[\?25h/);
  } finally {
    await server.close();
  }
});

test('canSpin and the spinner: a terminal with a width only; the line is cut to the width', () => {
  assert.equal(canSpin(undefined), false);
  assert.equal(canSpin({ write: () => true, isTTY: true, columns: 0 }), false);
  assert.equal(canSpin({ write: () => true, isTTY: false, columns: 80 }), false);
  assert.equal(canSpin({ write: () => true, isTTY: true }), false);
  assert.equal(canSpin({ write: () => true, isTTY: true, columns: 80 }), true);
  let written = '';
  const stream = { write: (s: string) => (written += s), isTTY: true, columns: 12 };
  const spinner = startSpinner(stream, 'checking a-very-long-domain-name.example \u001b]8;;x\u0007');
  spinner.stop();
  spinner.stop();
  const drawn = written.split('\r\u001b[2K')[1] ?? '';
  assert.equal([...drawn].length, 11);
  assert.doesNotMatch(written.replace(/\u001b\[\?25[lh]|\r\u001b\[2K/g, ''), /\u001b/, 'outside text is escaped');
  assert.ok(written.endsWith('\u001b[?25h'));
});
