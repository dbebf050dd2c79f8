import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { canonicalizeBody, canonicalizeHeader, parseCanonicalization } from '../src/mail/dkim/canonicalize.js';
import { MAX_HEADER_BYTES, splitMessage, toCrlf } from '../src/mail/dkim/message.js';
import { parseSignature, parseTags, withoutSignatureValue } from '../src/mail/dkim/signature.js';
import { pickSignedFields } from '../src/mail/dkim/verify.js';

const b = (s: string) => Buffer.from(s, 'latin1');
const s = (buf: Buffer) => buf.toString('latin1');

// RFC 6376 §3.4.6, the canonicalisation example, byte for byte.
const EXAMPLE_HEADER = ['A: X', 'B : Y\t\r\n\tZ  '];
const EXAMPLE_BODY = ' C \r\nD \t E\r\n\r\n\r\n';

test('RFC 6376 §3.4.6 example: relaxed and simple header and body', () => {
  assert.equal(EXAMPLE_HEADER.map((f) => s(canonicalizeHeader(b(f), 'relaxed'))).join(''), 'a:X\r\nb:Y Z\r\n');
  assert.equal(EXAMPLE_HEADER.map((f) => s(canonicalizeHeader(b(f), 'simple'))).join(''), 'A: X\r\nB : Y\t\r\n\tZ  \r\n');
  assert.equal(s(canonicalizeBody(b(EXAMPLE_BODY), 'relaxed')), ' C\r\nD E\r\n');
  assert.equal(s(canonicalizeBody(b(EXAMPLE_BODY), 'simple')), ' C \r\nD \t E\r\n');
});

test('empty bodies: simple is one CRLF, relaxed is nothing (the published empty-body hashes)', () => {
  const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('base64');
  for (const body of ['', '\r\n', '\r\n\r\n\r\n']) {
    assert.equal(sha256(canonicalizeBody(b(body), 'simple')), 'frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=', JSON.stringify(body));
    assert.equal(sha256(canonicalizeBody(b(body), 'relaxed')), '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=', JSON.stringify(body));
  }
  // Lines of only WSP at the end are empty lines in relaxed, content in simple.
  assert.equal(s(canonicalizeBody(b('x\r\n  \r\n\t\r\n'), 'relaxed')), 'x\r\n');
  assert.equal(s(canonicalizeBody(b('x\r\n  \r\n\t\r\n'), 'simple')), 'x\r\n  \r\n\t\r\n');
});

test('bodies without a final CRLF get one; inner empty lines are kept', () => {
  assert.equal(s(canonicalizeBody(b('a\r\n\r\nb'), 'simple')), 'a\r\n\r\nb\r\n');
  assert.equal(s(canonicalizeBody(b('a\r\n\r\nb  '), 'relaxed')), 'a\r\n\r\nb\r\n');
  assert.equal(s(canonicalizeBody(b('a\r\n \r\nb'), 'relaxed')), 'a\r\n\r\nb\r\n');
});

test('WSP is SP and HTAB only: 0xA0, NBSP, VT and FF are bytes like any other', () => {
  const utf8 = Buffer.from('Subject: 你好\u00a0 x\u3000y\v\f', 'utf8');
  const relaxed = canonicalizeHeader(utf8, 'relaxed');
  assert.deepEqual(relaxed, Buffer.concat([Buffer.from('subject:你好\u00a0 x\u3000y\v\f', 'utf8'), b('\r\n')]));
  const body = Buffer.from('价格\u00a0 \r\n', 'utf8');
  assert.deepEqual(canonicalizeBody(body, 'relaxed'), Buffer.from('价格\u00a0\r\n', 'utf8'));
  // A bare CR is not a line end and not WSP.
  assert.equal(s(canonicalizeBody(b('a\r b  \r\n'), 'relaxed')), 'a\r b\r\n');
});

test('relaxed header: name lower-cased, WSP around the colon dropped, empty value kept', () => {
  assert.equal(s(canonicalizeHeader(b('X-Empty:'), 'relaxed')), 'x-empty:\r\n');
  assert.equal(s(canonicalizeHeader(b('X-Empty: \t '), 'relaxed')), 'x-empty:\r\n');
  assert.equal(s(canonicalizeHeader(b('SuBjEcT \t:\r\n  Hello   World \t'), 'relaxed')), 'subject:Hello World\r\n');
  assert.equal(s(canonicalizeHeader(b('To: a,\r\n b'), 'relaxed', false)), 'to:a, b');
  // The value's own case and colons are untouched.
  assert.equal(s(canonicalizeHeader(b('Date: Sun, 1 Mar 2026 11:58:00 +0000'), 'relaxed')), 'date:Sun, 1 Mar 2026 11:58:00 +0000\r\n');
});

test('c= values', () => {
  assert.deepEqual(parseCanonicalization(undefined), { header: 'simple', body: 'simple' });
  assert.deepEqual(parseCanonicalization('relaxed'), { header: 'relaxed', body: 'simple' });
  assert.deepEqual(parseCanonicalization(' Relaxed / RELAXED '), { header: 'relaxed', body: 'relaxed' });
  assert.equal(parseCanonicalization('nowsp'), undefined);
  assert.equal(parseCanonicalization('relaxed/relaxed/relaxed'), undefined);
  assert.equal(parseCanonicalization(''), undefined);
});

test('splitMessage: fields keep their bytes and folding; LF becomes CRLF; body after the first empty line', () => {
  const msg = splitMessage(b('From abc@x Sun Mar  1 12:00:00 2026\nFrom: a@x\nSubject: one\n two\n\tthree\nX-8bit: \xe4\xbd\xa0\n\nbody\n\nmore\n'));
  assert.deepEqual(
    msg.fields.map((f) => [f.name, f.key, s(f.raw)]),
    [
      ['From', 'from', 'From: a@x'],
      ['Subject', 'subject', 'Subject: one\r\n two\r\n\tthree'],
      ['X-8bit', 'x-8bit', 'X-8bit: \xe4\xbd\xa0'],
    ],
  );
  assert.equal(s(msg.body), 'body\r\n\r\nmore\r\n');
  assert.equal(msg.headerLimit, undefined);
  // No empty line: all header; a header name with WSP before the colon keeps its name.
  const head = splitMessage(b('Subject : x\r\nTo: y'));
  assert.deepEqual(head.fields.map((f) => [f.name, s(f.raw)]), [['Subject', 'Subject : x'], ['To', 'To: y']]);
  assert.equal(head.body.length, 0);
  // An empty message, a message that starts with its body, lines that are not fields.
  assert.deepEqual(splitMessage(Buffer.alloc(0)).fields, []);
  assert.equal(s(splitMessage(b('\r\nonly body')).body), 'only body');
  assert.deepEqual(splitMessage(b(' stray\r\nno colon here\r\n: empty name\r\nOk: 1\r\n\r\n')).fields.map((f) => f.name), ['Ok']);
});

test('toCrlf leaves CRLF input alone and fixes mixed input', () => {
  const crlf = b('a\r\nb\r\n');
  assert.equal(toCrlf(crlf), crlf);
  assert.equal(s(toCrlf(b('a\nb\r\nc\n\n'))), 'a\r\nb\r\nc\r\n\r\n');
  assert.equal(s(toCrlf(b('\n'))), '\r\n');
});

test('splitMessage is bounded: a header block past the byte cap stops there', () => {
  const big = Buffer.concat([b('A: 1\r\n'), b(`B: ${'x'.repeat(MAX_HEADER_BYTES)}\r\nC: 2\r\n\r\nbody`)]);
  const msg = splitMessage(big);
  assert.equal(msg.headerLimit, 'bytes');
  assert.equal(msg.body.length, 0);
  assert.deepEqual(msg.fields.map((f) => f.name), ['A', 'B']);
});

test('b= removal drops only the b= value; bh= and the tags after b= stay', () => {
  const field = b('DKIM-Signature: v=1; bh=abc=; b=Zm9v\r\n  YmFy ; d=example.test; s=s; a=rsa-sha256; h=from');
  const parsed = parseTags(field);
  assert.ok('tags' in parsed);
  assert.equal(s(withoutSignatureValue(field, parsed.tags)), 'DKIM-Signature: v=1; bh=abc=; b=; d=example.test; s=s; a=rsa-sha256; h=from');
  const last = b('DKIM-Signature: v=1; b = Zm9v\r\n\tYmFy\r\n');
  const lastTags = parseTags(last);
  assert.ok('tags' in lastTags);
  assert.equal(s(withoutSignatureValue(last, lastTags.tags)), 'DKIM-Signature: v=1; b =');
});

test('signature tags: values trimmed of FWS, base64 values unfolded, h= split and lower-cased', () => {
  const sig = parseSignature(
    b('DKIM-Signature: v=1; a=rsa-sha256; d=Example.TEST; s=Sel.Two;\r\n h=From : To\r\n :subject; bh=ab\r\n cd; b=Zm9v\r\n Zg==; l=10; t=100; x=200; i=Joe@Mail.Example.Test;'),
  );
  assert.equal(sig.problem, undefined);
  assert.deepEqual(
    [sig.domain, sig.selector, sig.headers, sig.bodyHash, s(sig.signature), sig.bodyLength, sig.timestamp, sig.expiration, sig.identityDomain],
    ['example.test', 'sel.two', ['from', 'to', 'subject'], 'abcd', 'foof', 10, 100, 200, 'mail.example.test'],
  );
});

test('hostile signature values stay linear and are rejected with ids', () => {
  const long = 'a.'.repeat(4000);
  const started = process.hrtime.bigint();
  const sig = parseSignature(b(`DKIM-Signature: v=1; a=rsa-sha256; d=${long}; s=s; h=from; bh=AA==; b=AA==`));
  assert.deepEqual(sig.problem, { code: 'dkim.syntax', data: { reason: 'bad-domain', tag: 'd' } });
  const semis = parseSignature(b(`DKIM-Signature: ${'x=1;'.repeat(100)}`));
  assert.deepEqual(semis.problem, { code: 'dkim.syntax', data: { reason: 'duplicate-tag', tag: 'x' } });
  const many = parseSignature(b(`DKIM-Signature: ${Array.from({ length: 80 }, (_, i) => `t${i}=1`).join(';')}`));
  assert.deepEqual(many.problem, { code: 'dkim.syntax', data: { reason: 'too-many-tags' } });
  const hList = parseSignature(b(`DKIM-Signature: v=1; a=rsa-sha256; d=x.test; s=s; bh=AA==; b=AA==; h=${'from:'.repeat(200)}`));
  assert.deepEqual(hList.problem, { code: 'dkim.syntax', data: { reason: 'too-many-headers', tag: 'h' } });
  const badName = parseSignature(b('DKIM-Signature: v=1; a=rsa-sha256; d=x.test; s=s; bh=AA==; b=AA==; h=from:to\u00ff'));
  assert.deepEqual(badName.problem, { code: 'dkim.syntax', data: { reason: 'bad-header-name', tag: 'h' } });
  // A hang guard, not a timing assertion: all of the above is far below a second.
  assert.ok(process.hrtime.bigint() - started < 5_000_000_000n);
});

test('h= picks bottom-up; repeats walk up; absent names add nothing; the field being verified is skipped', () => {
  const msg = splitMessage(b('Received: r1\r\nX: top\r\nReceived: r2\r\nX: bottom\r\nFrom: f\r\n\r\n'));
  const pick = (names: string[]) => pickSignedFields(msg.fields, names).map((f) => s(f.raw));
  assert.deepEqual(pick(['received', 'x', 'from']), ['Received: r2', 'X: bottom', 'From: f']);
  assert.deepEqual(pick(['x', 'x', 'x', 'from', 'cc']), ['X: bottom', 'X: top', 'From: f']);
  assert.deepEqual(pick(['received', 'received']), ['Received: r2', 'Received: r1']);
  const bottom = msg.fields[3];
  assert.deepEqual(pickSignedFields(msg.fields, ['x'], bottom).map((f) => s(f.raw)), ['X: top']);
});
