import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { declaredFormat, readArchive, sniffFormat, unwrapAttachment, type ArchiveResult, type ExtractedDocument } from '../src/mail/archive.js';
import { parseDmarcReport } from '../src/parse/dmarc-report.js';
import { makeOverlappingZip, makeZip } from './helpers/zip-writer.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'dmarc-report');
const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));
const GOOGLE = 'google.com!example.com!1767225600!1767311999';
const MICROSOFT = 'enterprise.protection.outlook.com!example.com!1767225600!1767312000';
const YAHOO = 'yahoo.com!example.com!1767225600!1767311999';
const NETEASE = '163.com!example.com!1767225600!1767311999';

function documents(result: ArchiveResult | { status: 'skipped' }): ExtractedDocument[] {
  if (result.status !== 'ok') assert.fail(`not ok: ${JSON.stringify(result)}`);
  return result.documents;
}

function problem(result: ArchiveResult | { status: 'skipped' }): { code: string; data: Record<string, string | number> } {
  if (result.status !== 'rejected') assert.fail(`not rejected: ${result.status}`);
  return result.problem;
}

const MiB = 1024 * 1024;

test('archives made by standard tools: Google and NetEase .zip, Microsoft and Yahoo .xml.gz, parsed end to end', async () => {
  for (const [file, member, messages] of [
    [`${GOOGLE}.zip`, `${GOOGLE}.xml`, 170],
    [`${NETEASE}.zip`, `${NETEASE}.xml`, 11],
    [`${MICROSOFT}.xml.gz`, `${MICROSOFT}.xml`, 67],
    [`${YAHOO}.xml.gz`, `${YAHOO}.xml`, 35],
  ] as const) {
    const docs = documents(await readArchive(file, fixture(file)));
    assert.equal(docs.length, 1, file);
    assert.equal(docs[0]?.name, member);
    assert.deepEqual(docs[0]?.bytes, fixture(member), file);
    const parse = parseDmarcReport(docs[0]?.bytes ?? Buffer.alloc(0));
    assert.ok(parse.ok, file);
    assert.equal(parse.report.messages, messages);
  }
  const plain = documents(await readArchive(`${GOOGLE}.xml`, fixture(`${GOOGLE}.xml`)));
  assert.deepEqual(plain.map((d) => [d.name, d.format]), [[`${GOOGLE}.xml`, 'plain']]);
});

test('format detection: first bytes win over names and types', async () => {
  assert.equal(sniffFormat(fixture(`${GOOGLE}.zip`)), 'zip');
  assert.equal(sniffFormat(fixture(`${YAHOO}.xml.gz`)), 'gzip');
  assert.equal(sniffFormat(Buffer.from('\uFEFF  <?xml version="1.0"?><feedback/>')), 'plain');
  assert.equal(sniffFormat(Buffer.from('{"organization-name":"x"}')), 'plain');
  assert.equal(sniffFormat(Buffer.from('unused')), undefined);
  assert.equal(declaredFormat('report.XML.GZ', ''), 'gzip');
  assert.equal(declaredFormat('', 'application/x-zip-compressed; name="r.zip"'), 'zip');
  assert.equal(declaredFormat('', 'text/xml; charset=utf-8'), 'plain');
  assert.equal(declaredFormat('x.bin', 'application/octet-stream'), undefined);
  // gzip bytes under a .zip name (mislabelled by a gateway) are still read as gzip
  const docs = documents(await readArchive('report.zip', fixture(`${YAHOO}.xml.gz`)));
  assert.equal(docs[0]?.format, 'gzip');
  assert.deepEqual(docs[0]?.bytes, fixture(`${YAHOO}.xml`));
});

test('attachments: report parts are unwrapped, other parts skipped', async () => {
  const zip = fixture(`${GOOGLE}.zip`);
  assert.equal(documents(await unwrapAttachment(`${GOOGLE}.zip`, 'application/zip', zip)).length, 1);
  assert.equal(documents(await unwrapAttachment('', 'application/gzip', fixture(`${YAHOO}.xml.gz`))).length, 1);
  assert.equal(documents(await unwrapAttachment('attachment.bin', 'application/octet-stream', zip)).length, 1);
  assert.equal(documents(await unwrapAttachment(`${MICROSOFT}.xml`, 'text/xml', fixture(`${MICROSOFT}.xml`))).length, 1);
  assert.deepEqual(await unwrapAttachment('', 'text/plain', Buffer.from('This is a DMARC aggregate report for example.com.')), { status: 'skipped' });
  assert.deepEqual(await unwrapAttachment('logo.png', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47])), { status: 'skipped' });
  // a part that claims to be a report but is not one is rejected, not skipped
  assert.deepEqual(problem(await unwrapAttachment('r.xml.gz', 'application/gzip', Buffer.from('unused'))), { code: 'archive.gzip-corrupt', data: { reason: 'data' } });
});

test('zip members: all or first XML member, nested .xml.gz, other members ignored, none found', async () => {
  const a = fixture(`${GOOGLE}.xml`);
  const b = fixture(`${NETEASE}.xml`);
  const zip = makeZip([
    { name: 'readme.txt', data: 'hello' },
    { name: 'reports/', data: '', method: 0 },
    { name: 'a.xml', data: a },
    { name: 'b.XML.gz', data: gzipSync(b), method: 0 },
  ]);
  const all = documents(await readArchive('r.zip', zip));
  assert.deepEqual(all.map((d) => d.name), ['a.xml', 'b.XML']);
  assert.deepEqual(all[1]?.bytes, b);
  assert.deepEqual(documents(await readArchive('r.zip', zip, { members: 'first' })).map((d) => d.name), ['a.xml']);
  assert.deepEqual(problem(await readArchive('r.zip', makeZip([{ name: 'readme.txt', data: 'x' }]))), { code: 'archive.no-document', data: { entries: 1 } });
  // gzip around a zip (seen from some gateways), and multi-member gzip
  assert.deepEqual(documents(await readArchive('r.gz', gzipSync(zip))).map((d) => d.name), ['a.xml', 'b.XML']);
  const twoMembers = Buffer.concat([gzipSync(a.subarray(0, 100)), gzipSync(a.subarray(100))]);
  assert.deepEqual(documents(await readArchive('x.xml.gz', twoMembers))[0]?.bytes, a);
});

test('zip members that cannot be read are reported, the others read', async () => {
  const xml = fixture(`${NETEASE}.xml`);
  const result = await readArchive('r.zip', makeZip([
    { name: 'secret.xml', data: xml, encrypted: true },
    { name: 'bzip2.xml', data: xml, method: 12 },
    { name: 'ok.xml', data: xml },
  ]));
  assert.equal(result.status, 'ok');
  if (result.status !== 'ok') return;
  assert.deepEqual(result.documents.map((d) => d.name), ['ok.xml']);
  assert.deepEqual(result.problems, [
    { code: 'archive.zip-encrypted', data: { member: 'secret.xml' } },
    { code: 'archive.zip-method', data: { member: 'bzip2.xml', method: 12 } },
  ]);
  assert.deepEqual(problem(await readArchive('r.zip', makeZip([{ name: 'secret.xml', data: xml, encrypted: true }]))), {
    code: 'archive.zip-encrypted', data: { member: 'secret.xml' },
  });
});

test('zip bombs: honest huge size, lying size, extreme ratio, overlapping entries, entry flood', async () => {
  const zeros = Buffer.alloc(60 * MiB);
  // declared 60 MiB: refused before inflating
  assert.deepEqual(problem(await readArchive('bomb.zip', makeZip([{ name: 'bomb.xml', data: zeros }]))), { code: 'archive.too-large', data: { limit: 50 * MiB } });
  // declared 10 MiB from ~10 KB: ratio ~1000, refused before inflating
  const ratio = problem(await readArchive('bomb.zip', makeZip([{ name: 'bomb.xml', data: zeros.subarray(0, 10 * MiB) }])));
  assert.equal(ratio.code, 'archive.ratio');
  assert.ok(Number(ratio.data.ratio) > 200);
  // declares 1000 bytes, inflates to 10 MiB: yauzl stops it as soon as it passes the declared size
  assert.deepEqual(problem(await readArchive('liar.zip', makeZip([{ name: 'liar.xml', data: zeros.subarray(0, 10 * MiB), declaredSize: 1000 }]))), {
    code: 'archive.zip-corrupt', data: { reason: 'size-mismatch' },
  });
  // 40 central entries sharing one 1 MiB local file: the shared budget stops it (ratio guard off to prove it)
  const overlap = makeOverlappingZip('o.xml', Buffer.alloc(MiB, 0x61), 40);
  assert.deepEqual(problem(await readArchive('o.zip', overlap, { maxRatio: Infinity, maxOutputBytes: 8 * MiB })), { code: 'archive.too-large', data: { limit: 8 * MiB } });
  // with the guard on, the same archive is refused on its first entry
  assert.equal(problem(await readArchive('o.zip', overlap)).code, 'archive.ratio');
  // a central directory with more entries than any report archive
  const flood = makeZip(Array.from({ length: 1001 }, (_, i) => ({ name: `${i}.txt`, data: '', method: 0 })));
  assert.deepEqual(problem(await readArchive('flood.zip', flood)), { code: 'archive.too-many-entries', data: { entries: 1001, limit: 1000 } });
});

test('gzip bombs: the ratio guard stops inflating early, the size cap stops it at the limit', async () => {
  const bomb = gzipSync(Buffer.alloc(60 * MiB)); // ~60 KB
  const early = problem(await readArchive('bomb.xml.gz', bomb));
  assert.equal(early.code, 'archive.ratio');
  assert.equal(early.data.limit, 200);
  assert.deepEqual(problem(await readArchive('bomb.xml.gz', bomb, { maxRatio: Infinity })), { code: 'archive.too-large', data: { limit: 50 * MiB } });
  // a normal report well under the floor is never ratio-checked
  const small = gzipSync(Buffer.from(`<feedback>${' '.repeat(500_000)}</feedback>`));
  assert.equal(documents(await readArchive('ok.xml.gz', small)).length, 1);
});

test('corrupt, truncated, empty and oversized inputs are one rejection each', async () => {
  const gz = fixture(`${YAHOO}.xml.gz`);
  assert.deepEqual(problem(await readArchive('t.xml.gz', gz.subarray(0, gz.length - 30))), { code: 'archive.gzip-corrupt', data: { reason: 'truncated' } });
  const zip = fixture(`${GOOGLE}.zip`);
  assert.equal(problem(await readArchive('t.zip', zip.subarray(0, zip.length - 10))).code, 'archive.zip-corrupt');
  assert.deepEqual(problem(await readArchive('t.zip', zip.subarray(0, 200))), { code: 'archive.zip-corrupt', data: { reason: 'not-zip' } });
  assert.deepEqual(problem(await readArchive('x.zip', Buffer.from('not a zip at all'))), { code: 'archive.zip-corrupt', data: { reason: 'not-zip' } });
  assert.deepEqual(problem(await readArchive('x.dat', Buffer.from('\x00\x01binary'))), { code: 'archive.unknown-format', data: {} });
  assert.deepEqual(problem(await readArchive('x.xml', Buffer.alloc(0))), { code: 'archive.empty', data: {} });
  assert.deepEqual(problem(await readArchive('x.xml', Buffer.from('<feedback/>'), { maxInputBytes: 5 })), { code: 'archive.too-large', data: { limit: 5 } });
  const traversal = makeZip([{ name: '../../etc/report.xml', data: fixture(`${NETEASE}.xml`) }]);
  assert.deepEqual(problem(await readArchive('t.zip', traversal)), { code: 'archive.zip-corrupt', data: { reason: 'file-name' } });
  // random bytes that start like a zip
  const noise = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 131 + 7) % 256))]);
  assert.equal(problem(await readArchive('n.zip', noise)).code, 'archive.zip-corrupt');
});
