import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { DnsRecord } from '../src/dns/types.js';
import type { MemorySourceOptions } from '../src/dns/memory.js';
import type { Severity } from '../src/core/finding.js';
import type { MessageOptions } from '../src/gather/message.js';
import { MESSAGE_CHECKS } from '../src/checks/message/index.js';
import { fix, msg } from './helpers/words.js';
import { rsaKey } from './helpers/dkim-sign.js';
import { a, ptr, txt } from './helpers/records.js';
import { makeZip } from './helpers/zip-writer.js';
import { BODY, cleanCopy, D, goodRecords, ids, letter, problems, received, reportOf, signed, without } from './helpers/message-fixtures.js';

// Every finding id of `mailcheck message`, each with a fixture: the clean copy with one thing broken. The
// clean copy itself is the passing fixture of every id (it has none of them). The README documents the
// same ids; the last test keeps the two lists in step.

const G = goodRecords();
const weak1024 = rsaKey(1024);
const weak512 = rsaKey(512);
const html = (markup: string, extra: Parameters<typeof letter>[0] = {}) => letter({ contentType: 'text/html; charset=UTF-8', body: `<html><body>${markup}</body></html>\r\n`, ...extra });
const alternative = (plain: string, markup: string) =>
  letter({
    contentType: 'multipart/alternative; boundary="b1"',
    body: `--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n${plain}\r\n--b1\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<html><body>${markup}</body></html>\r\n--b1--\r\n`,
  });
const withAttachment = (name: string, data: Buffer, type = 'application/octet-stream') =>
  letter({
    contentType: 'multipart/mixed; boundary="m1"',
    body: `--m1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n${BODY}\r\n--m1\r\nContent-Type: ${type}; name="${name}"\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${(data.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n')}\r\n--m1--\r\n`,
  });
const copy = (message: string | Buffer, options: Parameters<typeof received>[1] = {}) => received(signed(message), options);
const LONG_TEXT = 'Our factory has produced LED panels since 2008 and ships to forty countries. '.repeat(12);

interface Case {
  id: string;
  severity: Severity;
  /** The message (default: the clean copy). */
  raw?: () => Buffer;
  records?: DnsRecord[];
  options?: Partial<MessageOptions> & MemorySourceOptions;
  incomplete?: boolean;
  /** What the finding's data must hold. */
  data?: Record<string, unknown>;
}

const CASES: Case[] = [
  // Authentication.
  { id: 'auth.dkim-none', severity: 'warning', raw: () => received(letter()) },
  { id: 'auth.dkim-none', severity: 'error', raw: () => received(letter()), records: [...without(G, D, 'TXT'), txt(D, 'v=spf1 -all')], data: { unauthenticated: true } },
  { id: 'auth.dkim-fail', severity: 'error', raw: () => received(Buffer.from(signed(letter()).toString('latin1').replace('Best regards', 'Kind regards'), 'latin1')), data: { code: 'dkim.body-hash-mismatch' } },
  { id: 'auth.dkim-fail', severity: 'warning', raw: () => received(signed(signed(letter()), { selector: 'gone' })), data: { code: 'dkim.key-not-found', others: 1 } },
  { id: 'auth.dkim-weak-key', severity: 'warning', raw: () => received(signed(letter(), { key: weak1024 })), records: [...without(G, `s1._domainkey.${D}`), txt(`s1._domainkey.${D}`, weak1024.record)], data: { bits: 1024 } },
  { id: 'auth.dkim-weak-key', severity: 'error', raw: () => received(signed(letter(), { key: weak512 })), records: [...without(G, `s1._domainkey.${D}`), txt(`s1._domainkey.${D}`, weak512.record)], data: { bits: 512 } },
  { id: 'auth.spf-fail', severity: 'error', records: [...without(G, D, 'TXT'), txt(D, 'v=spf1 ip4:198.51.100.1 -all')], data: { result: 'fail' } },
  { id: 'auth.spf-fail', severity: 'error', records: [...without(G, D, 'TXT'), txt(D, 'v=spf1 ip4:192.0.2.300 -all')], data: { result: 'permerror' } },
  { id: 'auth.spf-softfail', severity: 'warning', records: [...without(G, D, 'TXT'), txt(D, 'v=spf1 ip4:198.51.100.1 ~all')], data: { result: 'softfail' } },
  { id: 'auth.spf-softfail', severity: 'error', records: [...without(G, D, 'TXT'), txt(D, 'v=spf1 ip4:198.51.100.1 ~all')], options: { bulk: true }, data: { bulk: true } },
  { id: 'auth.spf-none', severity: 'warning', records: without(G, D, 'TXT') },
  { id: 'auth.dmarc-fail', severity: 'error', raw: () => received(letter(), { returnPath: 'bounce@mailer.test' }), records: [...G, txt('mailer.test', 'v=spf1 ip4:192.0.2.25 -all')], data: { policy: 'reject', spf: 'pass', spfDomain: 'mailer.test' } },
  { id: 'auth.dmarc-fail', severity: 'warning', raw: () => received(letter(), { returnPath: 'bounce@mailer.test' }), records: [...without(G, `_dmarc.${D}`), txt(`_dmarc.${D}`, 'v=DMARC1; p=none'), txt('mailer.test', 'v=spf1 ip4:192.0.2.25 -all')], data: { policy: 'none' } },
  { id: 'auth.dmarc-missing', severity: 'warning', records: without(G, `_dmarc.${D}`) },
  { id: 'auth.dmarc-missing', severity: 'error', records: without(G, `_dmarc.${D}`), options: { bulk: true } },
  { id: 'auth.tls-missing', severity: 'warning', raw: () => copy(letter(), { protocol: 'ESMTP' }) },
  { id: 'rdns.missing', severity: 'error', records: without(G, '25.2.0.192.in-addr.arpa') },
  { id: 'rdns.mismatch', severity: 'error', records: [...without(G, '25.2.0.192.in-addr.arpa'), ptr('25.2.0.192.in-addr.arpa', 'host.elsewhere.test'), a('host.elsewhere.test', '198.51.100.9')] },
  { id: 'dns.lookup-failed', severity: 'warning', options: { failures: [{ name: `s1._domainkey.${D}`, outcome: 'timeout' }] }, incomplete: true },
  { id: 'dns.lookup-failed', severity: 'warning', options: { failures: [{ name: `_dmarc.${D}`, outcome: 'servfail' }] }, incomplete: true },

  // Format.
  { id: 'header.from-invalid', severity: 'error', raw: () => copy(letter({ set: { From: null } })), data: { kind: 'missing' } },
  { id: 'header.from-invalid', severity: 'error', raw: () => copy(letter({ add: ['From: other@example.test'] })), data: { kind: 'multiple-headers' } },
  { id: 'header.from-invalid', severity: 'error', raw: () => copy(letter({ set: { From: 'alice@example.test, bob@example.test' } })), data: { kind: 'multiple-addresses' } },
  { id: 'header.from-invalid', severity: 'error', raw: () => copy(letter({ set: { From: 'Alice <alice@localhost>' } })), data: { kind: 'domain-invalid' } },
  { id: 'header.from-invalid', severity: 'error', raw: () => copy(letter({ set: { From: 'Alice Example' } })), data: { kind: 'unparsable' } },
  { id: 'header.message-id-invalid', severity: 'error', raw: () => copy(letter({ set: { 'Message-ID': null } })), data: { kind: 'missing' } },
  { id: 'header.message-id-invalid', severity: 'error', raw: () => copy(letter({ set: { 'Message-ID': '20260310.4711@example.test' } })), data: { kind: 'malformed' } },
  { id: 'header.date-invalid', severity: 'warning', raw: () => copy(letter({ set: { Date: null } })), data: { kind: 'missing' } },
  { id: 'header.date-invalid', severity: 'warning', raw: () => copy(letter({ set: { Date: '2026-03-10 09:30' } })), data: { kind: 'unparsable' } },
  { id: 'header.date-invalid', severity: 'warning', raw: () => copy(letter({ set: { Date: 'Wed, 11 Mar 2026 09:30:00 +0800' } })), data: { kind: 'future', hours: 24 } },
  { id: 'header.date-invalid', severity: 'warning', raw: () => copy(letter({ set: { Date: 'Sat, 7 Mar 2026 09:30:00 +0800' } })), data: { kind: 'past', days: 3 } },
  { id: 'header.duplicate', severity: 'error', raw: () => copy(letter({ add: ['Subject: Quotation again'] })), data: { header: 'Subject', count: 2 } },
  { id: 'header.mime-invalid', severity: 'error', raw: () => copy(Buffer.concat([Buffer.from('Subject: '), iconv.encode('报价单', 'gbk'), Buffer.from(`\r\n${letter({ set: { Subject: null } })}`, 'latin1')])), data: { kind: 'header-8bit', utf8: false } },
  { id: 'header.mime-invalid', severity: 'warning', raw: () => copy(Buffer.from(letter({ set: { Subject: '报价单 LED' } }), 'utf8')), data: { kind: 'header-8bit', utf8: true } },
  { id: 'header.mime-invalid', severity: 'error', raw: () => copy(letter({ set: { 'Message-ID': '<=?utf-8?B?5L2g?=@example.test>' } })), data: { kind: 'encoded-word-misplaced' } },
  { id: 'header.mime-invalid', severity: 'warning', raw: () => copy(letter({ set: { 'MIME-Version': null } })), data: { kind: 'mime-version-missing' } },
  { id: 'header.mime-invalid', severity: 'warning', raw: () => copy(letter({ body: 'Hello Bob,\r\nline two\nline three\r\n' })), data: { kind: 'bare-lf', count: 1 } },
  { id: 'header.mime-invalid', severity: 'warning', raw: () => copy(letter({ body: 'Hello Bob,\r\nprice\r 12 USD\r\n' })), data: { kind: 'bare-cr', count: 1 } },
  { id: 'header.mime-invalid', severity: 'error', raw: () => copy(letter({ contentType: 'multipart/mixed; boundary="nope"', body: '--other\r\nContent-Type: text/plain\r\n\r\nHello\r\n--other--\r\n' })), data: { kind: 'boundary-not-found' } },
  { id: 'header.mime-invalid', severity: 'warning', raw: () => copy(letter({ contentType: 'multipart/mixed; boundary="b"', body: '--b\r\nContent-Type: text/plain\r\n\r\nHello\r\n' })), data: { kind: 'boundary-unclosed' } },
  { id: 'header.mime-invalid', severity: 'warning', raw: () => copy(Buffer.from(letter({ body: 'Grüße aus Shenzhen\r\n' }), 'utf8')), data: { kind: 'cte-8bit-undeclared' } },
  { id: 'header.mime-invalid', severity: 'warning', raw: () => copy(letter({ cte: 'base64', body: 'Hello Bob, this is not base64 at all!\r\n' })), data: { kind: 'base64-invalid' } },
  { id: 'header.mime-invalid', severity: 'warning', raw: () => copy(letter({ contentType: 'text/plain', cte: 'quoted-printable', body: 'Gr=C3=BC=C3=9Fe\r\n' })), data: { kind: 'charset-missing' } },
  { id: 'header.line-too-long', severity: 'warning', raw: () => copy(letter({ body: `${'x'.repeat(1200)}\r\n` })), data: { where: 'body', length: 1200 } },
  { id: 'header.size', severity: 'error', raw: () => copy(letter({ add: [`X-Tracking: ${'a'.repeat(40 * 1024)}`] })), data: { kind: 'field', header: 'X-Tracking' } },
  { id: 'header.undisclosed-recipients', severity: 'warning', raw: () => copy(letter({ set: { To: 'undisclosed-recipients:;' } })), data: { kind: 'undisclosed' } },
  { id: 'header.undisclosed-recipients', severity: 'warning', raw: () => copy(letter({ set: { To: null } })), data: { kind: 'no-to' } },
  { id: 'header.reply-to-freemail', severity: 'warning', raw: () => copy(letter({ set: { 'Reply-To': 'Alice <alice.sales@163.com>' } })), data: { replyTo: 'alice.sales@163.com' } },
  { id: 'header.fake-reply', severity: 'warning', raw: () => copy(letter({ set: { Subject: 'Re: Quotation for LED panels' } })), data: { prefix: 'Re:' } },
  { id: 'header.fake-reply', severity: 'warning', raw: () => copy(Buffer.from(letter({ set: { Subject: '=?UTF-8?B?5Zue5aSN77ya5oql5Lu35Y2V?=' } }), 'latin1')), data: { prefix: '回复：' } },

  // Content.
  { id: 'content.subject-caps', severity: 'warning', raw: () => copy(letter({ set: { Subject: 'QUOTATION FOR LED PANELS MARCH' } })) },
  { id: 'content.subject-exclaim', severity: 'warning', raw: () => copy(letter({ set: { Subject: 'Quotation for LED panels!!' } })) },
  { id: 'content.spam-phrase', severity: 'warning', raw: () => copy(letter({ body: `Dear Bob,\r\nWe are a leading manufacturer of LED panels in China.\r\n${BODY}` })), data: { phrase: 'en.cn-b2b-intro' } },
  { id: 'content.spam-phrase', severity: 'info', raw: () => copy(letter({ body: `${BODY}Free samples are available.\r\n` })), data: { phrase: 'en.free-sample' } },
  { id: 'content.spam-phrase', severity: 'warning', raw: () => copy(Buffer.from(letter({ body: '您好，长期代开增值税发票。\r\n' }).replace('7bit', '8bit'), 'utf8')), data: { phrase: 'zh.invoice', lang: 'zh' } },
  { id: 'content.shortener', severity: 'warning', raw: () => copy(letter({ body: `${BODY}Catalogue: https://bit.ly/3abcDEF\r\n` })), data: { host: 'bit.ly' } },
  { id: 'content.link-mismatch', severity: 'warning', raw: () => copy(alternative(`${BODY}www.example.test`, `<p>${LONG_TEXT}</p><a href="https://login.other.test/x">www.example.test</a>`)), data: { shown: 'example.test', target: 'other.test' } },
  { id: 'content.link-ip', severity: 'warning', raw: () => copy(letter({ body: `${BODY}Catalogue: https://192.0.2.99/catalogue.pdf\r\n` })), data: { host: '192.0.2.99' } },
  { id: 'content.link-insecure', severity: 'info', raw: () => copy(letter({ body: `${BODY}Catalogue: http://www.example.test/catalogue\r\n` })), data: { count: 1 } },
  { id: 'content.image-heavy', severity: 'warning', raw: () => copy(alternative('See the picture.', '<img src="https://www.example.test/offer.jpg" width="600" height="800">')), data: { kind: 'image-only' } },
  { id: 'content.image-heavy', severity: 'warning', raw: () => copy(withAttachment('offer.jpg', Buffer.alloc(2000, 1), 'image/jpeg').replace(BODY, '\r\n')), data: { kind: 'attached-images' } },
  { id: 'content.html-only', severity: 'info', raw: () => copy(html(`<p>${LONG_TEXT}</p>`)) },
  { id: 'content.missing-text-part', severity: 'warning', raw: () => copy(letter({ contentType: 'multipart/alternative; boundary="b1"', body: `--b1\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>${LONG_TEXT}</p>\r\n--b1--\r\n` })) },
  { id: 'content.parts-differ', severity: 'warning', raw: () => copy(alternative(BODY, `<p>${'Cheap watches and bags for sale, best brands, order today online shop discount. '.repeat(4)}</p>`)) },
  { id: 'content.hidden-text', severity: 'warning', raw: () => copy(alternative(LONG_TEXT, `<p>${LONG_TEXT}</p><div style="display:none">${'invisible words for the filter '.repeat(10)}</div>`)), data: { kinds: ['display-none'] } },
  { id: 'content.hidden-text', severity: 'warning', raw: () => copy(alternative(LONG_TEXT, `<p>${LONG_TEXT}</p><span style="color:#fff">white text on white here</span>`)), data: { kinds: ['low-contrast'] } },
  { id: 'content.clipped', severity: 'warning', raw: () => copy(alternative(LONG_TEXT, `<p>${LONG_TEXT}</p>${`<table><tr><td style="padding:4px;font-family:Arial">${'spec '.repeat(20)}</td></tr></table>\r\n`.repeat(1100)}`)) },
  { id: 'content.attachment-large', severity: 'warning', raw: () => copy(withAttachment('catalogue.pdf', Buffer.alloc(9 * 1024 * 1024, 7), 'application/pdf')), data: { limit: 10 * 1024 * 1024 } },
  { id: 'content.attachment-blocked', severity: 'error', raw: () => copy(withAttachment('setup.exe', Buffer.from('MZ not really'))), data: { extension: 'exe', inside: null } },
  { id: 'content.attachment-blocked', severity: 'error', raw: () => copy(withAttachment('tools.zip', makeZip([{ name: 'readme.txt', data: 'hi' }, { name: 'bin/install.js', data: 'x' }]), 'application/zip')), data: { extension: 'js', inside: 'tools.zip' } },
  { id: 'content.charset-legacy', severity: 'warning', raw: () => copy(Buffer.concat([Buffer.from(letter({ contentType: 'text/plain; charset=GBK', cte: '8bit', body: '' }), 'latin1'), iconv.encode('您好，附件是报价单。\r\n', 'gbk')])), data: { charsets: ['gbk'] } },
  { id: 'content.hotlinked-images', severity: 'warning', raw: () => copy(alternative(LONG_TEXT, `<p>${LONG_TEXT}</p><img src="https://sc04.alicdn.com/kf/H1234.jpg" width="300" height="300">`)), data: { market: 'Alibaba' } },

  // Link domains on blacklists.
  { id: 'rbl.link-listed', severity: 'error', raw: () => copy(letter({ body: `${BODY}https://www.listed.test/offer\r\n` })), records: [...G, a('listed.test.dbl.spamhaus.org', '127.0.1.2')], data: { domain: 'listed.test', via: 'link', major: true } },
  { id: 'rbl.link-listed', severity: 'warning', raw: () => copy(letter({ body: `${BODY}https://www.listed.test/offer\r\n` })), records: [...G, a('listed.test.uribl.spameatingmonkey.net', '127.0.0.2')], data: { major: false } },
  { id: 'rbl.unchecked', severity: 'warning', raw: () => copy(letter({ body: `${BODY}https://www.listed.test/offer\r\n` })), options: { failures: [{ name: 'listed.test.dbl.spamhaus.org', outcome: 'timeout' }] }, incomplete: true },

  // Bulk-sender rules.
  { id: 'bulk.unsubscribe-missing', severity: 'error', raw: () => copy(letter({ add: ['List-Id: News <news.example.test>'] })) },
  { id: 'bulk.unsubscribe-missing', severity: 'info', raw: () => copy(letter({ add: ['X-QQ-mid: bizesmtp12t1711111111tabcdef'] })), options: { bulk: true }, data: { webmail: 'Tencent Exmail / QQ Mail' } },
  { id: 'bulk.unsubscribe-not-one-click', severity: 'error', raw: () => copy(letter({ add: ['List-Unsubscribe: <mailto:unsubscribe@example.test>'] })), data: { https: false, mailto: true, post: null } },
  { id: 'bulk.unsubscribe-unsigned', severity: 'error', raw: () => copy(letter({ add: ['List-Unsubscribe: <https://www.example.test/u/1>', 'List-Unsubscribe-Post: List-Unsubscribe=One-Click'] })) },
];

test('the clean, signed, aligned copy has no warning or error and scores at least 95', async () => {
  const report = await reportOf(cleanCopy());
  assert.deepEqual(problems(report), []);
  assert.ok((report.score ?? 0) >= 95, `score ${report.score}`);
  assert.equal(report.grade, 'A');
  assert.equal(report.incomplete, false);
  const auth = report.sections.find((s) => s.id === 'auth');
  assert.equal(auth?.status, 'complete');
  assert.equal(auth?.score, 100);
});

test('a clean bulk copy with one-click unsubscribe, signed over both headers, passes every bulk rule', async () => {
  const message = letter({ add: ['List-Unsubscribe: <https://www.example.test/u/1>, <mailto:u@example.test>', 'List-Unsubscribe-Post: List-Unsubscribe=One-Click'] });
  const raw = received(signed(message, { headers: ['from', 'to', 'subject', 'date', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post'] }));
  const report = await reportOf(raw);
  assert.deepEqual(problems(report), []);
  const bulk = report.sections.find((s) => s.id === 'bulk');
  assert.equal(bulk?.status, 'complete');
  assert.ok((bulk?.data.rules as { status: string }[]).every((r) => r.status === 'pass'), JSON.stringify(bulk?.data.rules));
});

for (const c of CASES) {
  test(`${c.id} (${c.severity})${c.data ? ` ${JSON.stringify(c.data)}` : ''}`, async () => {
    const report = await reportOf(c.raw ? c.raw() : cleanCopy(), c.records ?? G, c.options ?? {});
    const hits = report.findings.filter((f) => f.id === c.id && f.severity === c.severity);
    assert.ok(hits.length > 0, `expected ${c.id} (${c.severity}), got ${report.findings.map((f) => `${f.id}(${f.severity})`).join(', ')}`);
    if (c.data) {
      const want = c.data;
      assert.ok(hits.some((f) => Object.entries(want).every(([k, v]) => JSON.stringify(f.data[k]) === JSON.stringify(v))), `data: ${JSON.stringify(hits.map((f) => f.data))}`);
    }
    for (const f of report.findings) {
      const words = `${msg(f)} ${fix(f)}`;
      assert.doesNotMatch(words, /undefined|\[object Object\]|NaN/, `${f.id}: ${words}`);
      assert.ok(msg(f) !== f.id, `no catalogue entry for ${f.id}`);
      if (f.fix) assert.ok(fix(f).length > 0, `${f.id} has a fix without words`);
      if (f.id !== 'dns.lookup-failed' && f.id !== 'rbl.unchecked') assert.ok(f.data.effect, `${f.id} has no predicted effect`);
    }
    assert.equal(report.incomplete, c.incomplete ?? false, 'incomplete flag');
  });
}

test('every finding id the message checks declare has a fixture', () => {
  const declared = new Set(MESSAGE_CHECKS.flatMap((c) => c.findings.map((f) => f.id)));
  assert.deepEqual([...new Set(CASES.map((c) => c.id))].sort(), [...declared].sort());
});

test('the README documents exactly the finding ids that have fixtures, with their severities', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## `mailcheck message`'), readme.indexOf('## `mailcheck lookup`'));
  const table = section.slice(section.indexOf('### Finding ids'), section.indexOf('### Score and grade'));
  const documented = [...table.matchAll(/^\| `([a-z0-9-]+\.[a-z0-9-]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual([...new Set(documented)].sort(), [...new Set(CASES.map((c) => c.id))].sort());
  for (const c of CASES) {
    const row = table.split('\n').find((l) => l.startsWith(`| \`${c.id}\` |`)) ?? '';
    assert.ok(row.includes(c.severity), `README row of ${c.id} does not name ${c.severity}`);
  }
});

test('ids of a clean copy are stable (no finding at all, only the info checks stay quiet)', async () => {
  assert.deepEqual(ids(await reportOf(cleanCopy())), []);
});

test('8-bit bytes in fields the receiver added (Received, X-QQ-…) are not the sender\'s fault', async () => {
  const trace = Buffer.concat([Buffer.concat([Buffer.from('Received: from mail.example.test by mx.qq.test ('), iconv.encode('其它', 'gbk'), Buffer.from(')\r\n')]), iconv.encode('X-QQ-SENDSIZE: 网易\r\n', 'gbk')]);
  const report = await reportOf(Buffer.concat([trace, cleanCopy()]));
  assert.ok(!ids(report).includes('header.mime-invalid'), ids(report).join(', '));
});
