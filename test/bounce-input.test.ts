import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandInputs, looksLikeMbox, messagesFromBuffer, normalizeNewlines, splitMbox } from '../src/mail/input.js';
import { BOUNCE_FIXTURES } from './helpers/bounce.js';

test('CRLF and CR-only newlines become LF', () => {
  assert.equal(normalizeNewlines('a\r\nb\rc\n'), 'a\nb\nc\n');
  assert.equal(normalizeNewlines('plain\n'), 'plain\n');
});

test('an mbox splits on From_ lines after a blank line, unescapes >From, and keeps body lines starting with "From "', () => {
  const mbox = [
    'From MAILER-DAEMON Sun Mar 22 10:00:00 2026',
    'Subject: one',
    '',
    'From here on, body text.',
    '>From the archive',
    '',
    'From sales@example.com Sun Mar 22 10:10:00 2026',
    'Subject: two',
    '',
    'body',
  ].join('\n');
  assert.ok(looksLikeMbox(mbox));
  const parts = splitMbox(mbox);
  assert.equal(parts.length, 2);
  assert.match(parts[0] as string, /^Subject: one\n\nFrom here on, body text\.\nFrom the archive/);
  assert.match(parts[1] as string, /^Subject: two/);
});

test('messagesFromBuffer: one message, an mbox, empty input, a 1-byte file and binary data', () => {
  const one = messagesFromBuffer('a.eml', Buffer.from('Subject: x\r\n\r\nbody\r\n'));
  assert.deepEqual(one, [{ file: 'a.eml', message: 1, text: 'Subject: x\n\nbody\n' }]);
  const mbox = messagesFromBuffer('m', Buffer.from('From a@b Mon Jan  1 00:00:00 2026\nSubject: 1\n\nx\n\nFrom a@b Mon Jan  1 00:00:01 2026\nSubject: 2\n\ny\n'));
  assert.ok(Array.isArray(mbox));
  assert.deepEqual(mbox.map((m) => m.message), [1, 2]);
  assert.deepEqual(messagesFromBuffer('e', Buffer.alloc(0)), []);
  assert.deepEqual(messagesFromBuffer('one', Buffer.from('x')), [{ file: 'one', message: 1, text: 'x' }]);
  const binary = messagesFromBuffer('b', Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
  assert.ok(!Array.isArray(binary));
  assert.equal(binary.code, 'binary');
});

test('a stray NUL byte in a real message does not make it binary', () => {
  const text = 'Subject: list digest\n\n' + 'line of text\n'.repeat(50) + '\0\n';
  assert.ok(Array.isArray(messagesFromBuffer('x', Buffer.from(text))));
});

test('folders are walked recursively in name order; a missing path is an error value', async () => {
  const { files, errors } = await expandInputs([BOUNCE_FIXTURES, '/no/such/path', '-']);
  assert.ok(files.some((f) => f.endsWith('postfix-user-unknown.eml')));
  assert.ok(files.includes('-'));
  const names = files.filter((f) => f !== '-').map((f) => f.slice(BOUNCE_FIXTURES.length));
  assert.deepEqual(names, [...names].sort());
  assert.deepEqual(errors, [{ file: '/no/such/path', code: 'not-found' }]);
});
