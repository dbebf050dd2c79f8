import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { readAnatomy } from '../src/mail/anatomy.js';
import { archiveNames } from '../src/mail/archive-names.js';
import { parseAddressList } from '../src/mail/addresses.js';
import { decodeEncodedWords, decodeQuotedPrintable } from '../src/mail/decode.js';
import { scanHtml, textLinks } from '../src/mail/html.js';
import { parseContentType, parseParams } from '../src/mail/mime.js';
import { readHeaderBlock, scanLines } from '../src/mail/raw.js';
import { parseAuthenticationResults, parseMailDate, parseReceived } from '../src/mail/received.js';
import { makeZip } from './helpers/zip-writer.js';
import { BODY, letter, received, reportOf, signed } from './helpers/message-fixtures.js';

// The message taken apart: charsets, transfer encodings, MIME layouts, raw-byte facts, trace headers and
// archive directories, each on a message built here.

const CHINESE = '您好！附件是我们的报价单，请查收。';
const ENGLISH = 'Hello! Please find our quotation attached.';

function bodyOf(raw: Buffer | string) {
  const a = readAnatomy(Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'latin1'));
  return a.bodies[0];
}

test('Chinese and English text in UTF-8, GBK and GB2312, as 8bit, base64 and quoted-printable, decode to the same text', () => {
  for (const charset of ['utf-8', 'gbk', 'gb2312']) {
    const bytes = iconv.encode(`${CHINESE}\r\n${ENGLISH}\r\n`, charset);
    const qp = [...bytes].map((b) => (b >= 0x80 || b === 0x3d ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b))).join('');
    const variants: [string, Buffer][] = [
      ['8bit', bytes],
      ['base64', Buffer.from(`${bytes.toString('base64')}\r\n`)],
      ['quoted-printable', Buffer.from(qp, 'latin1')],
    ];
    for (const [cte, body] of variants) {
      const raw = Buffer.concat([Buffer.from(letter({ contentType: `text/plain; charset=${charset.toUpperCase()}`, cte, body: '' }), 'latin1'), body]);
      const b = bodyOf(raw);
      assert.equal(b?.charset, charset);
      assert.equal(b?.charsetKnown, true);
      assert.equal(b?.text.replace(/\r\n/g, '\n'), `${CHINESE}\n${ENGLISH}\n`, `${charset} ${cte}`);
    }
  }
});

test('RFC 2047 subjects in UTF-8 and GB2312 (B and Q) decode, and their charsets are recorded', () => {
  const b = `=?gb2312?B?${iconv.encode('报价单', 'gb2312').toString('base64')}?=`;
  const q = `=?UTF-8?Q?${[...Buffer.from('报价', 'utf8')].map((x) => `=${x.toString(16).toUpperCase()}`).join('')}?=`;
  assert.deepEqual(decodeEncodedWords(`${b} ${q} 2026`), { text: '报价单报价 2026', charsets: ['gb2312', 'utf-8'], broken: 0 });
  const a = readAnatomy(Buffer.from(letter({ set: { Subject: b } }), 'latin1'));
  assert.equal(a.subject, '报价单');
  assert.deepEqual(a.headerCharsets, ['gb2312']);
  assert.equal(decodeEncodedWords('=?x-unknown?B?YWJj?=').broken, 1);
});

test('an HTML-only message: the text is read from the HTML, and it is reported as HTML only', async () => {
  const raw = received(signed(letter({ contentType: 'text/html; charset=UTF-8', body: `<html><head><style>p{color:red}</style></head><body><p>${BODY.replace(/\r\n/g, '<br>')}</p></body></html>\r\n` })));
  const a = readAnatomy(raw);
  assert.equal(a.bodies.length, 1);
  assert.equal(a.bodies[0]?.kind, 'html');
  assert.match(a.html?.text ?? '', /^Hello Bob, Thank you for your enquiry/);
  assert.doesNotMatch(a.html?.text ?? '', /color:red/);
  const report = await reportOf(raw);
  assert.deepEqual(report.findings.map((f) => f.id), ['content.html-only']);
});

test('an image-only message is image-heavy; a tracking pixel next to real text is not', async () => {
  const only = await reportOf(received(signed(letter({ contentType: 'text/html; charset=UTF-8', body: '<html><body><a href="https://www.example.test/"><img src="https://www.example.test/flyer.png" width="640" height="900"></a></body></html>\r\n' }))));
  assert.equal(only.findings.find((f) => f.id === 'content.image-heavy')?.data.kind, 'image-only');
  const pixel = readAnatomy(Buffer.from(letter({ contentType: 'text/html; charset=UTF-8', body: `<p>${'Real words about the product. '.repeat(30)}</p><img src="https://t.example.test/p.gif" width="1" height="1">` }), 'latin1'));
  assert.equal(pixel.html?.images.length, 1);
  const report = await reportOf(received(signed(letter({ contentType: 'text/html; charset=UTF-8', body: `<p>${'Real words about the product. '.repeat(30)}</p><img src="https://t.example.test/p.gif" width="1" height="1">` }))));
  assert.ok(!report.findings.some((f) => f.id === 'content.image-heavy'));
});

test('a generated 30 MB attachment: the message is refused by size, the attachment is never decoded', async () => {
  const file = Buffer.alloc(30 * 1024 * 1024, 0x5a);
  const b64 = file.toString('base64').replace(/.{76}/g, '$&\r\n');
  const raw = Buffer.from(letter({
    contentType: 'multipart/mixed; boundary="m"',
    body: `--m\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n${BODY}\r\n--m\r\nContent-Type: application/pdf; name="catalogue-2026.pdf"\r\nContent-Disposition: attachment; filename="catalogue-2026.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64}\r\n--m--\r\n`,
  }), 'latin1');
  const a = readAnatomy(raw);
  assert.equal(a.attachments.length, 1);
  assert.equal(a.attachments[0]?.filename, 'catalogue-2026.pdf');
  assert.equal(a.attachments[0]?.size, file.length);
  const report = await reportOf(received(raw));
  const big = report.findings.find((f) => f.id === 'content.attachment-large');
  assert.equal(big?.severity, 'error');
  assert.deepEqual(big?.data.effect, { kind: 'reject', code: '552 5.3.4', source: (big?.data.effect as { source: string }).source, provider: 'gmail' });
  assert.equal(big?.data.largest, 'catalogue-2026.pdf');
});

test('raw-byte facts: line ends, long lines, NUL bytes; LF-only files are a storage convention, not a fault', () => {
  const lf = scanLines(Buffer.from('A: 1\nB: 2\n\nbody\n'), 10);
  assert.deepEqual([lf.crlf, lf.bareLf, lf.bareCr], [0, 4, 0]);
  const mixed = scanLines(Buffer.from(`A: 1\r\n\r\nok\r\nbad\nx${'y'.repeat(1000)}\r\n\0`), 8);
  assert.deepEqual([mixed.crlf, mixed.bareLf, mixed.nul], [4, 1, 1]);
  assert.deepEqual(mixed.firstOver.body, { line: 5, length: 1001, where: 'body' });
  const header = readHeaderBlock(Buffer.from('Subject: a\r\n folded\r\nnot a header line\r\nX-A: b\r\n\r\nbody'));
  assert.deepEqual(header.fields.map((f) => [f.name, f.value]), [['Subject', 'a folded'], ['X-A', 'b']]);
  assert.deepEqual([header.badLineCount, header.badLines, header.separator], [1, [3], true]);
});

test('MIME structure: nested multiparts, RFC 2231 file names, boundaries with trailing white space', () => {
  const raw = [
    'Content-Type: multipart/mixed; boundary="outer"', 'MIME-Version: 1.0', '',
    'preamble', '--outer  ',
    'Content-Type: multipart/alternative; boundary=inner', '',
    '--inner', 'Content-Type: text/plain; charset=utf-8', '', 'plain', '--inner', 'Content-Type: text/html; charset=utf-8', '', '<p>html</p>', '--inner--',
    '--outer',
    "Content-Type: application/pdf; name*0*=UTF-8''%E6%8A%A5%E4%BB%B7; name*1=.pdf",
    'Content-Transfer-Encoding: base64', '', 'JVBERi0=',
    '--outer--', '',
  ].join('\r\n');
  const a = readAnatomy(Buffer.from(raw));
  assert.deepEqual(a.tree.parts.map((p) => [p.path, p.contentType.mediaType]), [['', 'multipart/mixed'], ['1', 'multipart/alternative'], ['1.1', 'text/plain'], ['1.2', 'text/html'], ['2', 'application/pdf']]);
  assert.deepEqual(a.tree.problems, []);
  assert.equal(a.attachments[0]?.filename, '报价.pdf');
  assert.equal(a.bodies.map((b) => b.text).join('|'), 'plain|<p>html</p>');
  assert.deepEqual(parseParams('a=1; B="x; y"; c*=utf-8\'\'%C3%A9'), { a: '1', b: 'x; y', c: 'é' });
  assert.equal(parseContentType('text/').valid, false);
  assert.equal(decodeQuotedPrintable(Buffer.from('a=3Db=\r\nc=zz')).toString(), 'a=bc=zz');
});

test('HTML scan: visible and hidden text, link text, images, entities, and markup that never closes', () => {
  const h = scanHtml('<body bgcolor="#000"><p>Hi&nbsp;&amp; welcome</p><font color="#000000">dark on dark</font><a href="https://x.test/a">www.y.test</a><div style="display: none !important">pre</div><script>var a="<p>";</script><img src="cid:logo" alt="Logo"><!-- unclosed');
  assert.equal(h.text, 'Hi & welcome www.y.test');
  assert.deepEqual(h.hiddenKinds.sort(), ['display-none', 'low-contrast']);
  assert.deepEqual(h.links, [{ href: 'https://x.test/a', text: 'www.y.test', hidden: false }]);
  assert.equal(h.images[0]?.src, 'cid:logo');
  const hostile = scanHtml(`${'<div style="a:b">'.repeat(20000)}${'<a href="x">'.repeat(2000)}<p`);
  assert.equal(hostile.links.length, 1000);
  assert.deepEqual(textLinks('See https://a.test/x, and www.b.test/y. Or (http://c.test).'), ['https://a.test/x', 'www.b.test/y', 'http://c.test']);
});

test('Received lines: the client address, HELO, TLS, logged-in submission and the time stamp', () => {
  const hop = parseReceived('from mail.example.test (mail.example.test [192.0.2.25]) by mx.google.com with ESMTPS id abc for <b@x.test> (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384); Tue, 10 Mar 2026 01:30:05 -0000', 0);
  assert.deepEqual({ ip: hop.ip, helo: hop.helo, rdns: hop.rdns, by: hop.by, protocol: hop.protocol, tls: hop.tls, submission: hop.submission, date: hop.date }, {
    ip: '192.0.2.25', helo: 'mail.example.test', rdns: 'mail.example.test', by: 'mx.google.com', protocol: 'ESMTPS', tls: true, submission: false, date: Date.UTC(2026, 2, 10, 1, 30, 5),
  });
  assert.equal(parseReceived('from [192.168.1.5] (unknown [203.0.113.9]) by smtp.qq.test (ESMTP) with ESMTPSA id 1; Tue, 10 Mar 2026 09:30:00 +0800', 0).submission, true);
  assert.equal(parseReceived('from a.test (a.test [2001:db8::25]) by b.test with ESMTP; Tue, 10 Mar 2026 01:30:05 +0000', 0).ip, '2001:db8::25');
  assert.equal(parseReceived('from a.test ([IPv6:2001:db8::26]) by b.test with ESMTP', 0).tls, false);
  assert.equal(parseReceived('from EXCH1 (10.0.0.1) by EXCH2 (10.0.0.2) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE) id 15.1', 0).tls, true);
});

test('RFC 5322 dates: strict, with obsolete zones; anything else is unparsable', () => {
  assert.equal(parseMailDate('Tue, 10 Mar 2026 09:30:00 +0800'), Date.UTC(2026, 2, 10, 1, 30, 0));
  assert.equal(parseMailDate('10 Mar 26 01:30 GMT'), Date.UTC(2026, 2, 10, 1, 30, 0));
  assert.equal(parseMailDate('Tue, 10 Mar 2026 09:30:00 +0800 (CST)'), Date.UTC(2026, 2, 10, 1, 30, 0));
  assert.equal(parseMailDate('Tue, 10 Mar 2026 04:30:00 EST'), Date.UTC(2026, 2, 10, 9, 30, 0));
  for (const bad of ['2026-03-10T09:30:00Z', 'Tue, 10 Mar 2026', 'yesterday', 'Tue, 32 Mar 2026 09:30:00 +0800', 'Tue, 10 Foo 2026 09:30:00 +0800']) assert.equal(parseMailDate(bad), undefined, bad);
});

test('Authentication-Results and address lists', () => {
  const ar = parseAuthenticationResults('mx.google.com; dkim=pass (2048-bit key) header.i=@example.test header.s=s1; spf=softfail (google.com: domain of x@example.test does not designate 1.2.3.4) smtp.mailfrom=x@example.test; dmarc=fail (p=REJECT) header.from=example.test');
  assert.equal(ar.server, 'mx.google.com');
  assert.deepEqual(ar.results.map((r) => [r.method, r.result]), [['dkim', 'pass'], ['spf', 'softfail'], ['dmarc', 'fail']]);
  assert.equal(ar.results[1]?.props['smtp.mailfrom'], 'x@example.test');
  const list = parseAddressList('"Doe, John" <j@x.test>, =?UTF-8?B?5L2g5aW9?= <n@x.test>, team: a@x.test, b@x.test;, undisclosed-recipients:;');
  assert.deepEqual(list.mailboxes.map((m) => [m.address?.ascii, m.name]), [['j@x.test', 'Doe, John'], ['n@x.test', '你好'], ['a@x.test', ''], ['b@x.test', '']]);
  assert.deepEqual(list.groups, [{ name: 'team', members: 2 }, { name: 'undisclosed-recipients', members: 0 }]);
});

function rar4(names: string[]): Buffer {
  const blocks: Buffer[] = [Buffer.from('Rar!\x1a\x07\x00', 'latin1')];
  const main = Buffer.alloc(13);
  main.writeUInt8(0x73, 2);
  main.writeUInt16LE(13, 5);
  blocks.push(main);
  for (const name of names) {
    const n = Buffer.from(name, 'latin1');
    const data = Buffer.from('data');
    const head = Buffer.alloc(32 + n.length);
    head.writeUInt8(0x74, 2);
    head.writeUInt16LE(0x8000, 3);
    head.writeUInt16LE(head.length, 5);
    head.writeUInt32LE(data.length, 7);
    head.writeUInt32LE(data.length, 11);
    head.writeUInt16LE(n.length, 26);
    n.copy(head, 32);
    blocks.push(head, data);
  }
  const end = Buffer.alloc(7);
  end.writeUInt8(0x7b, 2);
  end.writeUInt16LE(7, 5);
  blocks.push(end);
  return Buffer.concat(blocks);
}

function vint(n: number): Buffer {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Buffer.from(out);
}

function rar5(names: string[]): Buffer {
  const header = (fields: Buffer[], data = Buffer.alloc(0)) => {
    const body = Buffer.concat(fields);
    return Buffer.concat([Buffer.alloc(4), vint(body.length), body, data]);
  };
  const parts = [Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'), header([vint(1), vint(0), vint(0)])];
  for (const name of names) {
    const n = Buffer.from(name, 'utf8');
    const data = Buffer.from('xyz');
    parts.push(header([vint(2), vint(0x02), vint(data.length), vint(0), vint(data.length), vint(0), vint(0), vint(0), vint(n.length), n], data));
  }
  parts.push(header([vint(5), vint(0), vint(0)]));
  return Buffer.concat(parts);
}

test('archive directories: zip, RAR 4 and RAR 5 names are read without extracting', async () => {
  assert.deepEqual((await archiveNames(makeZip([{ name: 'a.txt', data: 'x' }, { name: 'setup.exe', data: 'MZ' }])))?.names, ['a.txt', 'setup.exe']);
  assert.deepEqual((await archiveNames(rar4(['price.xlsx', 'tool.scr'])))?.names, ['price.xlsx', 'tool.scr']);
  assert.deepEqual((await archiveNames(rar5(['目录.pdf', 'run.bat'])))?.names, ['目录.pdf', 'run.bat']);
  assert.equal(await archiveNames(Buffer.from('not an archive')), undefined);
  const broken = await archiveNames(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(40)]));
  assert.equal(broken?.names.length, 0);
  assert.ok(broken?.problem);
  // A RAR with a blocked file inside is refused like the file itself.
  const raw = letter({
    contentType: 'multipart/mixed; boundary="m"',
    body: `--m\r\nContent-Type: text/plain\r\n\r\n${BODY}\r\n--m\r\nContent-Type: application/x-rar-compressed; name="tools.rar"\r\nContent-Transfer-Encoding: base64\r\n\r\n${rar5(['run.bat']).toString('base64')}\r\n--m--\r\n`,
  });
  const report = await reportOf(received(signed(raw)));
  assert.deepEqual(report.findings.find((f) => f.id === 'content.attachment-blocked')?.data.inside, 'tools.rar');
});
