import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { memoryIo } from '../src/cli/io.js';
import { run } from '../src/cli/main.js';
import { safeForTerminal } from '../src/render/escape.js';

const ZONE = 'examples/example.test.zone';

test('safeForTerminal shows control characters, keeps CRLF, tab and LF', () => {
  assert.equal(safeForTerminal('a\x1b[31mb\r\nc\td\ne\rf\x9bg\u202eh'), 'a\\x1b[31mb\r\nc\td\ne\\x0df\\x9bg\\u202eh');
});

test('a CSV cell with an ESC goes raw to a pipe or file, and shown (\\x1b) on a terminal', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-terminal-raw-'));
  try {
    const file = join(dir, 'contacts.csv');
    writeFileSync(file, 'email,name\r\nbuyer@example.test,"Bob\x1b]0;owned\x07"\r\n');
    const piped = memoryIo();
    assert.equal(await run(['--zone', ZONE, '--format', 'csv', 'list', file], piped), 0, piped.err);
    assert.match(piped.out, /Bob\x1b\]0;owned\x07/, 'a file keeps its bytes');
    const terminal = Object.assign(memoryIo(), { stdoutIsTTY: true });
    assert.equal(await run(['--zone', ZONE, '--format', 'csv', 'list', file], terminal), 0, terminal.err);
    assert.doesNotMatch(terminal.out, /[\x1b\x07]/);
    assert.match(terminal.out, /Bob\\x1b\]0;owned\\x07/);
    assert.match(terminal.out, /\r\n/, 'CSV line ends stay');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
