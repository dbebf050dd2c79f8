// Hostile bounces: bounded work on inputs built to make a regex backtrack or a reader rescan the report per
// recipient (issue "Hardening" §2). Each input has a generous per-input bound (helpers/fuzz.ts `timed`: an
// input over the bound twice is a failure); the work is also counted where it can be (recipients read).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeParsed, MAX_RECIPIENTS, type MessageResult } from '../src/bounce/analyze.js';
import { parseMessage } from '../src/mail/message.js';
import { htmlToText } from '../src/mail/html-text.js';
import { addressesIn, paragraphIndex } from '../src/bounce/text.js';
import { parseLabeled } from '../src/bounce/formats/labeled.js';
import { budget, stringOf, timed } from './helpers/fuzz.js';

/** Most milliseconds one hostile message may take (a linear reader takes a few on 100 KB; quadratic took 10–80 s). */
const BOUND_MS = 1500;

async function bounded(what: string, raw: string, bound = BOUND_MS): Promise<MessageResult> {
  const parsed = await parseMessage(raw);
  let start = performance.now();
  let result = analyzeParsed(parsed);
  if (performance.now() - start > bound) {
    start = performance.now();
    result = analyzeParsed(parsed);
    const ms = performance.now() - start;
    assert.ok(ms <= bound, `${what}: ${ms.toFixed(0)} ms (over ${bound} ms twice): super-linear on this input`);
  }
  return result;
}

const head = (subject: string, from = 'MAILER-DAEMON@example.org', type = 'text/plain') =>
  `From: ${from}\nTo: me@example.com\nSubject: ${subject}\nMIME-Version: 1.0\nContent-Type: ${type}; charset=utf-8\n\n`;
const N = 100_000;

test('100 KB hostile bounces (long runs of the characters each reader loops on) complete within the bound', async () => {
  const cases: [string, string][] = [
    ['spaces', head('Undelivered Mail') + ' '.repeat(N) + 'x\n'],
    ['local part without @', head('Undelivered Mail') + 'a'.repeat(N) + '\n'],
    ['many @', head('Undelivered Mail') + 'a'.repeat(10) + '@'.repeat(N) + '\n'],
    ['dotted domain', head('Undelivered Mail') + 'x@' + 'a.'.repeat(N / 2) + '\n'],
    ['newlines', head('Undelivered Mail') + '\n'.repeat(N) + 'x'],
    ['angle brackets', head('Undelivered Mail') + '<'.repeat(N) + '\n'],
    ['dashes (transcript heading)', head('Returned mail: see transcript for details') + '-'.repeat(N) + '\n'],
    ['padded label', head('退信', 'postmaster@qq.com') + '收件人' + ' '.repeat(N) + '：\n'],
    ['labels without address', head('退信', 'postmaster@163.com') + ('收件人：' + 'a'.repeat(50) + '\n').repeat(N / 60)],
    ['html angle brackets', head('Undelivered Mail', 'MAILER-DAEMON@example.org', 'text/html') + '<'.repeat(N) + '\n'],
    ['html unclosed script', head('Undelivered Mail', 'MAILER-DAEMON@example.org', 'text/html') + '<script>'.repeat(N / 8) + '\n'],
    ['addresses with colons', head('Undelivered Mail') + 'a@b.example: '.repeat(N / 14) + '\n'],
    ['reply lines', head('Undelivered Mail') + '550-5.1.1 '.repeat(N / 10) + '\n'],
  ];
  for (const [what, raw] of cases) {
    const result = await bounded(what, raw);
    assert.ok(result.recipients.length <= MAX_RECIPIENTS, what);
  }
});

test('a 10k-recipient DSN is read linearly: the first MAX_RECIPIENTS are read, the rest counted', async () => {
  const n = 10_000;
  const human = Array.from({ length: n }, (_, i) => `<user${i}@example.net>: host mx.example.net said: 550 5.1.1 no such user ${i}`).join('\n');
  const fields = Array.from({ length: n }, (_, i) => `Final-Recipient: rfc822; user${i}@example.net\nAction: failed\nStatus: 5.1.1\n`).join('\n');
  const raw = `From: MAILER-DAEMON@example.org\nTo: me@example.com\nSubject: Undelivered Mail\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: text/plain\n\n${human}\n\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n${fields}\n--b--\n`;
  assert.ok(raw.length > 1_000_000);
  // 1.2 MB: ~0.4 s alone, a few seconds on a loaded 2-core machine; the quadratic reader took about a minute.
  const result = await bounded('10k-recipient DSN', raw, 10_000);
  assert.equal(result.recipients.length, MAX_RECIPIENTS);
  assert.equal(result.recipientsOmitted, n - MAX_RECIPIENTS);
  // Each recipient got its own line of the human-readable part, not the whole report.
  const r = result.recipients[7];
  assert.equal(r?.recipient, 'user7@example.net');
  assert.match(r?.diagnostic ?? '', /no such user 7$/);
  assert.equal(r?.reason, 'userunknown');
});

test('property: the address scanner, the paragraph index, the notice reader and HTML to text are linear on arbitrary text', () => {
  const unit = fc.constantFrom('a', '@', '.', ' ', '\n', '\t', '<', '>', ':', '：', '收件人', '原因', '550 ', '5.1.1', '[192.0.2.1]', 'said:', '-', '<td>', '</tr>', '&lt;', '　');
  fc.assert(
    fc.property(stringOf(unit, 3000), (text) => {
      const found = timed('addressesIn', () => addressesIn(text));
      for (const f of found) assert.ok(text.slice(f.start, f.end) === f.address && f.address.includes('@'));
      const about = timed('paragraphIndex', () => paragraphIndex(text));
      for (const f of found.slice(0, 50)) assert.ok(about(f.address).length <= text.length);
      timed('parseLabeled', () => parseLabeled(text));
      timed('htmlToText + parseLabeled', () => parseLabeled(htmlToText(text)));
    }),
    budget(300, 3000),
  );
});

test('JSON says how many recipients past MAX_RECIPIENTS were counted but not read (recipientsOmitted)', async () => {
  const { memoryIo } = await import('../src/cli/io.js');
  const { run } = await import('../src/cli/main.js');
  const n = MAX_RECIPIENTS + 5;
  const fields = Array.from({ length: n }, (_, i) => `Final-Recipient: rfc822; user${i}@example.net\nAction: failed\nStatus: 5.1.1\n`).join('\n');
  const raw = `From: MAILER-DAEMON@example.org\nTo: me@example.com\nSubject: Undelivered Mail\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: text/plain\n\nDelivery failed.\n\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n${fields}\n--b--\n`;
  const io = memoryIo({ stdin: Buffer.from(raw) });
  assert.equal(await run(['bounce', '--json', '-'], io), 0, io.err);
  const [message] = JSON.parse(io.out) as { recipients: unknown[]; recipientsOmitted?: number }[];
  assert.equal(message?.recipients.length, MAX_RECIPIENTS);
  assert.equal(message?.recipientsOmitted, 5);
});
