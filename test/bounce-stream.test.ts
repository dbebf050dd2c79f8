import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_MESSAGE_BYTES, MboxStream, WHOLE_FILE_BYTES, messagesFromBuffer, normalizeNewlines, readInput, splitMbox, type InputItem } from '../src/mail/input.js';
import { runBounce } from '../src/bounce/run.js';
import { runBinary, runCli } from './helpers/run-cli.js';
import { BOUNCE_FIXTURES } from './helpers/bounce.js';

const noStdin = async () => Buffer.alloc(0);
const fixtureMbox = readFileSync(join(BOUNCE_FIXTURES, 'three-messages.mbox'), 'latin1');

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'mailcheck-bounce-stream-'));
}

/**
 * An mbox of `count` copies of the fixture's three messages, numbered in their Subject, CRLF or LF; `pad`
 * bytes of an X-Padding header in each make a large file of fewer messages (cheap to read, costly to write).
 */
function writeMbox(file: string, count: number, crlf = false, pad = 0): number {
  const fd = openSync(file, 'w');
  let messages = 0;
  for (let i = 0; i < count; i++) {
    let text = fixtureMbox.replace(/^Subject: (.*)$/gm, (_, s: string) => `Subject: ${s} #${i}${pad > 0 ? `\nX-Padding: ${'p'.repeat(pad)}` : ''}`);
    if (crlf) text = text.replace(/\n/g, '\r\n');
    writeSync(fd, text.endsWith('\n') ? `${text}${crlf ? '\r\n' : '\n'}` : `${text}\n\n`, null, 'latin1');
    messages += 3;
  }
  closeSync(fd);
  return messages;
}

test('MboxStream splits exactly as splitMbox does, whatever the chunk boundaries (CRLF split across chunks too)', () => {
  const text = `${fixtureMbox}\n${fixtureMbox.replace(/^Subject: /m, 'Subject: second ')}\nFrom nobody Mon Mar 16 09:30:00 2026\nSubject: x\n\n>From the archive\nFrom here on, body\n`;
  const expected = splitMbox(normalizeNewlines(text));
  for (const [crlf, sizes] of [[false, [1, 2, 3, 7, 64, 1000]], [true, [1, 2, 5, 33]]] as const) {
    const input = crlf ? text.replace(/\n/g, '\r\n') : text;
    for (const size of sizes) {
      const stream = new MboxStream('x.mbox', MAX_MESSAGE_BYTES);
      const out: InputItem[] = [];
      for (let i = 0; i < input.length; i += size) out.push(...stream.push(input.slice(i, i + size)));
      out.push(...stream.end());
      assert.deepEqual(out.map((m) => ('text' in m ? m.text : m.code)), expected, `chunks of ${size}${crlf ? ', CRLF' : ''}`);
      assert.deepEqual(out.map((m) => ('text' in m ? m.message : 0)), expected.map((_, i) => i + 1));
    }
  }
});

test('a large mbox is read message by message (streamed in chunks), every message once, in order', async () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'big.mbox');
    const count = writeMbox(file, 400, true, 3000);
    assert.ok(readFileSync(file).length > WHOLE_FILE_BYTES, 'past the whole-file size: the streaming path');
    let seen = 0;
    let last = 0;
    const run = await runBounce([file], noStdin, {
      onReport(report) {
        seen++;
        assert.equal(report.message, last + 1);
        last = report.message;
      },
    });
    assert.equal(seen, count);
    assert.equal(run.reports.length, 0, 'nothing held when onReport takes the results');
    assert.deepEqual(run.errors, []);
    const ndjson = await runCli(['bounce', '--ndjson', file]);
    const lines = ndjson.stdout.trim().split('\n').map((l) => JSON.parse(l) as { message: number; reason: string });
    assert.equal(lines.length, count);
    assert.deepEqual(lines.slice(0, 3).map((l) => l.reason), ['mailboxfull', 'badreputation', 'undefined']);
    assert.equal(lines.at(-1)!.message, count);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a message over the size cap gets its own line; the messages around it are read', async () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'mixed.mbox');
    const big = `From MAILER-DAEMON Mon Mar 16 09:30:00 2026\nSubject: huge\n\n${'x'.repeat(200)}\n`.repeat(1) + `${'y'.repeat(76)}\n`.repeat(100);
    writeFileSync(file, `${fixtureMbox}\n${big}\n${fixtureMbox}`);
    const items: InputItem[] = [];
    for await (const item of readInput(file, noStdin, 4000)) items.push(item);
    assert.deepEqual(items.map((i) => ('code' in i ? `${i.message}:${i.code}` : i.message)), [1, 2, 3, '4:too-large', 5, 6, 7]);
    // Through the command: one stderr line for the big one, the others reported.
    const run = await runBounce([file], noStdin, { maxMessageBytes: 4000 });
    assert.equal(run.reports.length, 6);
    assert.deepEqual(run.errors, [{ file, code: 'too-large', limit: 4000, message: 4 }]);
    // A single message past MAX_MESSAGE_BYTES is refused without being read whole.
    const one = join(dir, 'one.eml');
    const fd = openSync(one, 'w');
    writeSync(fd, 'Subject: big\n\n');
    const line = Buffer.alloc(1024 * 1024, 0x61);
    for (let i = 0; i <= MAX_MESSAGE_BYTES / line.length; i++) writeSync(fd, line);
    closeSync(fd);
    const r = await runCli(['bounce', one, join(BOUNCE_FIXTURES, 'postfix-user-unknown.eml')]);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, `mailcheck: ${one}: larger than 20 MiB, skipped (no bounce report is that large)\n`);
    assert.match(r.stdout, /jane\.doe@example\.net/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a device or a FIFO is refused with one line before it is opened (no hang, no out-of-memory)', { timeout: 20_000 }, async () => {
  const zero = await runCli(['bounce', '/dev/zero']);
  assert.equal(zero.code, 2);
  assert.equal(zero.stderr, 'mailcheck: /dev/zero: not a regular file (a pipe, device or socket): not read\n');
  assert.equal(zero.stdout, '');
  const dir = tempDir();
  try {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const r = await runCli(['bounce', '--json', fifo, join(BOUNCE_FIXTURES, 'postfix-user-unknown.eml')]);
    assert.equal(r.code, 0, 'the other input was read');
    assert.equal(r.stderr, `mailcheck: ${fifo}: not a regular file (a pipe, device or socket): not read\n`);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 1);
    // End to end through the built binary: the FIFO alone is one line and exit 2.
    const bin = await runBinary(['bounce', fifo]);
    assert.equal(bin.code, 2);
    assert.equal(bin.stderr, `mailcheck: ${fifo}: not a regular file (a pipe, device or socket): not read\n`);
    const device = await runBinary(['bounce', '/dev/zero', '--format', 'json']);
    assert.equal(device.code, 2);
    assert.match(device.stderr, /^mailcheck: \/dev\/zero: not a regular file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the built binary streams an mbox in text and NDJSON the same way the in-process run prints it (its output is batched: src/cli/io.ts)', async () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'campaign.mbox');
    writeMbox(file, 40);
    for (const args of [['bounce', file], ['bounce', file, '--ndjson']]) {
      const bin = await runBinary(args);
      const inProcess = await runCli(args);
      assert.equal(bin.code, 0, bin.stderr);
      assert.equal(bin.stdout, inProcess.stdout, args.join(' '));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an exact From_ line without the blank line before it starts a message in an mbox (rhost-cox-01), in both readers; a loose one does not', () => {
  const text = 'From MAILER-DAEMON  Thu Jul  2 12:05:05 2020\nSubject: one\n\nbody one\n--b--\nFrom double-bounce@tr2.example.com  Thu Jul  2 12:05:05 2020\nSubject: two\n\nbody two\nFrom the archive, as said\nFrom someone Thu Jul  2 12:05 2020 (no seconds)\n';
  const expected = splitMbox(text);
  assert.equal(expected.length, 2);
  assert.match(expected[0] ?? '', /body one\n--b--$/);
  assert.match(expected[1] ?? '', /^Subject: two\n[\s\S]*From the archive, as said\nFrom someone Thu Jul {2}2 12:05 2020 \(no seconds\)\n$/);
  for (const size of [1, 3, 17, 1000]) {
    const stream = new MboxStream('x.mbox', MAX_MESSAGE_BYTES);
    const out: InputItem[] = [];
    for (let i = 0; i < text.length; i += size) out.push(...stream.push(text.slice(i, i + size)));
    out.push(...stream.end());
    assert.deepEqual(out.map((m) => ('text' in m ? m.text : m.code)), expected, `chunks of ${size}`);
  }
  // A file that is not an mbox stays one message, whatever it quotes (lhost-postfix-49: a bounce forwarding one).
  const quoted = 'From: MAILER-DAEMON@example.jp\nSubject: Undelivered\n\n-----\nFrom MAILER-DAEMON  Thu Apr 29 23:34:45 2015\nReturn-Path: <>\n';
  const read = messagesFromBuffer('q.eml', Buffer.from(quoted, 'latin1'));
  assert.ok(Array.isArray(read) && read.length === 1);
});
