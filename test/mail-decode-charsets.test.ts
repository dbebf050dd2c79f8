import assert from 'node:assert/strict';
import test from 'node:test';
import iconv from 'iconv-lite';
import { decodeBytes, knownCharset } from '../src/mail/decode.js';
import { runBinary } from './helpers/run-cli.js';

test('charsets TextDecoder lacks are decoded by iconv-lite, loaded when first needed (UTF-7, DOS code pages)', () => {
  assert.deepEqual(decodeBytes(iconv.encode('报价单 Preis €', 'utf-7'), 'UTF-7'), { text: '报价单 Preis €', known: true });
  assert.deepEqual(decodeBytes(iconv.encode('Größe ½', 'cp850'), 'cp850'), { text: 'Größe ½', known: true });
  assert.equal(knownCharset('cp437'), true);
  // Neither knows HZ: read as UTF-8, and said to be unknown.
  assert.equal(knownCharset('hz-gb-2312'), false);
  assert.deepEqual(decodeBytes(Buffer.from('plain'), 'hz-gb-2312'), { text: 'plain', known: false });
});

test('the built binary reads a UTF-7 subject (iconv-lite from node_modules, not in the bundle)', async () => {
  const subject = `=?utf-7?B?${iconv.encode('报价单', 'utf-7').toString('base64')}?=`;
  const eml = `From: a@example.com\r\nTo: b@example.org\r\nSubject: ${subject}\r\nDate: Mon, 16 Mar 2026 09:30:00 +0000\r\nMessage-ID: <x@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello\r\n`;
  const r = await runBinary(['message', '-', '--json'], { stdin: eml });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  assert.match(r.stdout, /报价单/);
});
