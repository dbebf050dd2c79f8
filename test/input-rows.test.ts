import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { InputError, openRows, type Row, type RowReaderOptions, type RowsInfo } from '../src/input/rows.js';

async function* chunks(...parts: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const p of parts) yield typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
}

/** The same bytes one at a time: every multi-byte character and CRLF is split somewhere. */
async function* byteByByte(data: Buffer): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i++) yield data.subarray(i, i + 1);
}

async function read(source: AsyncIterable<Buffer>, options: RowReaderOptions = {}): Promise<{ info: RowsInfo; rows: Row[] }> {
  const { info, rows } = await openRows(source, options);
  const out: Row[] = [];
  for await (const r of rows) out.push(r);
  return { info, rows: out };
}

async function failure(source: AsyncIterable<Buffer>, options: RowReaderOptions = {}): Promise<InputError> {
  try {
    await read(source, options);
  } catch (e) {
    assert.ok(e instanceof InputError, String(e));
    return e;
  }
  assert.fail('expected an InputError');
}

const EXCEL_ZH = '姓名,公司,E-mail,电话\r\n张三,"深圳市某某科技有限公司",zhangsan@example.cn,13800000000\r\n"Li, Si",ACME,li.si@example.com.br,\r\n';

test('UTF-8 with BOM, CRLF, header "E-mail": every column kept, row and line numbers', async () => {
  const { info, rows } = await read(chunks(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EXCEL_ZH)])));
  assert.equal(info.encoding, 'utf-8');
  assert.equal(info.encodingChosenBy, 'bom');
  assert.equal(info.bom, true);
  assert.equal(info.format, 'csv');
  assert.equal(info.delimiter, ',');
  assert.deepEqual(info.columns, ['姓名', '公司', 'E-mail', '电话'], 'BOM is not part of the first header');
  assert.equal(info.addressColumn, 2);
  assert.equal(info.columnChosenBy, 'header');
  assert.deepEqual(rows, [
    { row: 1, line: 2, fields: ['张三', '深圳市某某科技有限公司', 'zhangsan@example.cn', '13800000000'], address: 'zhangsan@example.cn' },
    { row: 2, line: 3, fields: ['Li, Si', 'ACME', 'li.si@example.com.br', ''], address: 'li.si@example.com.br' },
  ]);
});

test('GBK without a BOM is detected as GB18030; an encoding option forces it', async () => {
  const gbk = iconv.encode(EXCEL_ZH.replace('E-mail', '邮箱'), 'gbk');
  const detected = await read(chunks(gbk));
  assert.equal(detected.info.encoding, 'gb18030');
  assert.equal(detected.info.encodingChosenBy, 'detected');
  assert.deepEqual(detected.info.columns, ['姓名', '公司', '邮箱', '电话']);
  assert.equal(detected.rows[0]?.fields[1], '深圳市某某科技有限公司');
  const forced = await read(chunks(gbk), { encoding: 'GBK' });
  assert.equal(forced.info.encodingChosenBy, 'option');
  assert.deepEqual(forced.rows, detected.rows);
  // GB18030 four-byte characters (CJK extension A) survive, even split one byte per chunk.
  const ext = iconv.encode('name,email\n㐀㐁,a@example.cn\n', 'gb18030');
  const split = await read(byteByByte(ext));
  assert.equal(split.info.encoding, 'gb18030');
  assert.equal(split.rows[0]?.fields[0], '㐀㐁');
});

test('UTF-16 with a BOM (both byte orders) and UTF-16LE without one', async () => {
  const text = 'email\tname\r\nwang@example.cn\t王\r\n';
  const le = await read(chunks(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])));
  assert.equal(le.info.encoding, 'utf-16le');
  assert.equal(le.info.delimiter, '\t');
  assert.deepEqual(le.rows[0]?.fields, ['wang@example.cn', '王']);
  const beBytes = Buffer.from(text, 'utf16le').swap16();
  const be = await read(chunks(Buffer.concat([Buffer.from([0xfe, 0xff]), beBytes])));
  assert.equal(be.info.encoding, 'utf-16be');
  assert.deepEqual(be.rows, le.rows);
  const bare = await read(byteByByte(Buffer.from(text, 'utf16le')));
  assert.equal(bare.info.encoding, 'utf-16le');
  assert.equal(bare.info.encodingChosenBy, 'detected');
  assert.deepEqual(bare.rows, le.rows);
});

test('windows-1252 when the bytes are neither UTF-8 nor GBK-shaped', async () => {
  const { info, rows } = await read(chunks(Buffer.from('nombre,correo\nJosé Pérez,jose@example.es\n', 'latin1')));
  assert.equal(info.encoding, 'windows-1252');
  assert.equal(info.columnChosenBy, 'header', '"correo" is an e-mail header');
  assert.equal(rows[0]?.fields[0], 'José Pérez');
});

test('delimiters: ";" and tab found from the first line; Excel "sep=" line honoured', async () => {
  const semi = await read(chunks('Name;Email;Note\nA;a@example.com;"x; y"\n'));
  assert.equal(semi.info.delimiter, ';');
  assert.deepEqual(semi.rows[0]?.fields, ['A', 'a@example.com', 'x; y']);
  const tab = await read(chunks('Name\tEmail\nA\ta@example.com\n'));
  assert.equal(tab.info.delimiter, '\t');
  const sep = await read(chunks('sep=;\r\nName;Mail,Box\r\nA,B;a@example.com\r\n'));
  assert.equal(sep.info.delimiter, ';');
  assert.deepEqual(sep.info.columns, ['Name', 'Mail,Box']);
  assert.deepEqual(sep.rows[0], { row: 1, line: 3, fields: ['A,B', 'a@example.com'], address: 'a@example.com' });
  const forced = await read(chunks('a@example.com;x\n'), { delimiter: ',', header: false });
  assert.deepEqual(forced.rows[0]?.fields, ['a@example.com;x']);
});

test('quoted fields with newlines: fields intact, line = where the row starts', async () => {
  const csv = 'name,address,email\n"Zhang\nSan","Room 1\r\nBuilding 2\r\nShenzhen",z@example.cn\nnext,,n@example.cn\n';
  const { rows } = await read(byteByByte(Buffer.from(csv)));
  assert.deepEqual(rows, [
    { row: 1, line: 2, fields: ['Zhang\nSan', 'Room 1\nBuilding 2\nShenzhen', 'z@example.cn'], address: 'z@example.cn' },
    { row: 2, line: 6, fields: ['next', '', 'n@example.cn'], address: 'n@example.cn' },
  ]);
});

test('address column: by option (name or number), by header, by values; missing column', async () => {
  const csv = 'id,Work Email,Private\n1,w@example.com,p@example.net\n';
  assert.equal((await read(chunks(csv))).info.addressColumn, 1);
  const byName = await read(chunks(csv), { column: ' private ' });
  assert.equal(byName.info.columnChosenBy, 'option');
  assert.equal(byName.rows[0]?.address, 'p@example.net');
  assert.equal((await read(chunks(csv), { column: 3 })).rows[0]?.address, 'p@example.net');
  const e = await failure(chunks(csv), { column: 'Email' });
  assert.equal(e.code, 'input.column-not-found');
  assert.deepEqual(e.data, { column: 'Email', columns: ['id', 'Work Email', 'Private'] });
  assert.equal((await failure(chunks(csv), { column: 4 })).code, 'input.column-not-found');
  // No e-mail-like header: the first column whose values are addresses.
  const values = await read(chunks('name,contact,backup\nA,a@example.com,b@example.com\nB,,c@example.com\n'));
  assert.equal(values.info.columnChosenBy, 'values');
  assert.equal(values.info.addressColumn, 1);
  // Near miss: a header that only mentions mail is not an address column ("Mailing address").
  const postal = await read(chunks('Mailing address,Contact\nMain St 1,a@example.com\n'));
  assert.equal(postal.info.addressColumn, 1);
  assert.equal(postal.info.columnChosenBy, 'values');
  const none = await failure(chunks('name,phone\nA,123\nB,456\n'));
  assert.equal(none.code, 'input.no-address-column');
  assert.deepEqual(none.data, { columns: ['name', 'phone'] });
});

test('header detection: a first row holding an address is data', async () => {
  const { info, rows } = await read(chunks('a@example.com,Alice\nb@example.com,Bob\n'));
  assert.equal(info.header, false);
  assert.deepEqual(info.columns, ['1', '2']);
  assert.equal(rows.length, 2);
  assert.equal(rows[0]?.line, 1);
  const forced = await read(chunks('x,y\n1,a@example.com\n'), { header: false });
  assert.equal(forced.rows.length, 2);
  assert.equal(forced.info.addressColumn, 1);
});

test('short rows and Excel blank rows', async () => {
  const { rows } = await read(chunks('name,email\nA\n,\n,,\nB,b@example.com\n'));
  assert.deepEqual(rows, [
    { row: 1, line: 2, fields: ['A'], address: '', problem: { code: 'input.field-missing', data: { column: 2, fields: 1 } } },
    { row: 2, line: 5, fields: ['B', 'b@example.com'], address: 'b@example.com' },
  ]);
});

test('one address per line: blank lines, # comments and quotes dropped, optional header', async () => {
  const { info, rows } = await read(chunks('a@example.com\r\n\r\n# exported 2024-05-01\r\n"b@example.com"\r\nZhang San <z@example.cn>\r\n'));
  assert.equal(info.format, 'lines');
  assert.deepEqual(rows.map((r) => [r.line, r.address]), [[1, 'a@example.com'], [4, 'b@example.com'], [5, 'Zhang San <z@example.cn>']]);
  const withHeader = await read(chunks('邮箱\nz@example.cn\n'));
  assert.equal(withHeader.info.header, true);
  assert.deepEqual(withHeader.info.columns, ['邮箱']);
  assert.equal(withHeader.rows.length, 1);
  // Near miss: a first line that is neither an address nor a header name is a (bad) data row.
  const bad = await read(chunks('not-an-address\nz@example.cn\n'));
  assert.equal(bad.info.header, false);
  assert.equal(bad.rows.length, 2);
});

test('NDJSON: objects keep every key, strings are addresses, bad lines are row problems', async () => {
  const { info, rows } = await read(chunks('{"email":"a@example.com","name":"A","tags":["x"]}\n{"email":"b@example.com","extra":1}\nnot json\n[1,2]\n"c@example.com"\n'));
  assert.equal(info.format, 'ndjson');
  assert.deepEqual(info.columns, ['email', 'name', 'tags']);
  assert.equal(info.addressColumn, 0);
  assert.deepEqual(rows[0], { row: 1, line: 1, fields: ['a@example.com', 'A', '["x"]'], address: 'a@example.com', object: { email: 'a@example.com', name: 'A', tags: ['x'] } });
  assert.deepEqual(rows[1]?.object, { email: 'b@example.com', extra: 1 });
  assert.deepEqual(rows[2]?.problem, { code: 'input.ndjson-invalid', data: { line: 3 } });
  assert.deepEqual(rows[3]?.problem, { code: 'input.ndjson-not-object', data: { line: 4 } });
  assert.equal(rows[4]?.address, 'c@example.com');
});

test('binary input: spreadsheets, NUL bytes, control bytes', async () => {
  const xlsx = await failure(chunks(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])));
  assert.deepEqual([xlsx.code, xlsx.data], ['input.binary', { offset: 0, signature: 'zip' }]);
  const xls = await failure(chunks(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])));
  assert.equal(xls.data.signature, 'ole2');
  const nul = await failure(chunks('email\na@example.com\n\u0000\n'));
  assert.deepEqual([nul.code, nul.data], ['input.binary', { offset: 20 }]);
  // A NUL long after the sniff window still stops the read, after the rows before it.
  const seen: string[] = [];
  const late = Buffer.concat([Buffer.from('email\n'), Buffer.from('a@example.com\n'.repeat(200)), Buffer.from([0])]);
  try {
    const { rows } = await openRows(chunks(late.subarray(0, 1000), late.subarray(1000)), { sniffBytes: 512 });
    for await (const r of rows) seen.push(r.address);
    assert.fail('no error');
  } catch (e) {
    assert.ok(e instanceof InputError && e.code === 'input.binary', String(e));
    assert.equal(e.data.offset, late.length - 1);
  }
  assert.ok(seen.length > 0, 'rows before the fault were delivered');
  const control = await failure(chunks(Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 1 : 65)))));
  assert.equal(control.code, 'input.binary');
  // Near miss: UTF-16 text is full of zero bytes and is not binary.
  assert.equal((await read(chunks(Buffer.from('a@example.com\n', 'utf16le')))).rows.length, 1);
});

test('bounded records: long lines, runaway quotes, too many fields, broken quoting', async () => {
  const longLine = await failure(chunks(`email\n${'a'.repeat(5000)}@example.com\n`), { maxRecordChars: 1000 });
  assert.deepEqual([longLine.code, longLine.data], ['input.record-too-long', { line: 2, max: 1000 }]);
  const runaway = await failure(chunks('name,email\n"unterminated,', 'x'.repeat(3000), '\n'.repeat(10)), { maxRecordChars: 1000 });
  assert.equal(runaway.code, 'input.record-too-long');
  const wide = await failure(chunks(`email,${Array.from({ length: 20 }, (_, i) => `c${i}`).join(',')}\n`), { maxFields: 10 });
  assert.deepEqual([wide.code, wide.data], ['input.too-many-fields', { line: 1, max: 10 }]);
  const unclosed = await failure(chunks('name,email\nA,a@example.com\n"B,b@example.com\n'));
  assert.equal(unclosed.code, 'input.csv-invalid');
  assert.equal(unclosed.data.reason, 'CSV_QUOTE_NOT_CLOSED');
  assert.equal(typeof unclosed.data.line, 'number');
  const ndLong = await failure(chunks(`{"email":"${'a'.repeat(3000)}"}\n`), { maxRecordChars: 1000 });
  assert.equal(ndLong.code, 'input.record-too-long');
  // Near miss: a stray quote inside a field is tolerated (relax_quotes), as Excel users type them.
  assert.deepEqual((await read(chunks('name,email\n5" pipe,a@example.com\n'))).rows[0]?.fields, ['5" pipe', 'a@example.com']);
});

test('options: unknown encoding refused; empty input gives no rows', async () => {
  const e = await failure(chunks('email\n'), { encoding: 'klingon-8' });
  assert.deepEqual([e.code, e.data], ['input.encoding-unknown', { encoding: 'klingon-8' }]);
  const empty = await read(chunks());
  assert.deepEqual(empty.rows, []);
  assert.deepEqual((await read(chunks('email\n'))).rows, []);
  assert.equal((await failure(chunks('name,phone\n'))).code, 'input.no-address-column');
});

test('a Readable works as the source, and stopping early closes it', async () => {
  const stream = Readable.from([Buffer.from('email\na@example.com\nb@example.com\n')]);
  const { rows } = await openRows(stream);
  for await (const r of rows) {
    assert.equal(r.address, 'a@example.com');
    break;
  }
  assert.equal(stream.destroyed, true);
  let closed = false;
  const source: AsyncIterable<Buffer> = {
    [Symbol.asyncIterator]() {
      let n = 0;
      return {
        next: async () => ({ done: false, value: Buffer.from(n++ === 0 ? 'email\n' : 'x@example.com\n'.repeat(100)) }),
        return: async () => {
          closed = true;
          return { done: true, value: undefined };
        },
      };
    },
  };
  const endless = await openRows(source, { sniffBytes: 1024 });
  let count = 0;
  for await (const _ of endless.rows) if (++count === 500) break;
  assert.equal(closed, true, 'the source was told to stop');
  const failing = { ...source };
  closed = false;
  await assert.rejects(openRows(failing, { column: 'nope' }), InputError);
  assert.equal(closed, true, 'a failed open closes the source too');
});

test('streaming: 30k generated rows, the first row arrives before the input ends, read-ahead stays bounded', async () => {
  // 30k rows prove bounded read-ahead as well as 100k; bench:list runs 100k.
  const total = 30_000;
  const perChunk = 200;
  let produced = 0;
  let ended = false;
  async function* generate(): AsyncGenerator<Buffer> {
    yield Buffer.from('\ufeffid;姓名;E-mail;note\r\n');
    while (produced < total) {
      let text = '';
      for (let i = 0; i < perChunk && produced < total; i++) {
        produced++;
        text += `${produced};客户${produced};user${produced}@example${produced % 2000}.com;"multi\r\nline ${produced}"\r\n`;
      }
      yield Buffer.from(text);
    }
    ended = true;
  }
  const { info, rows } = await openRows(generate());
  assert.equal(info.delimiter, ';');
  let consumed = 0;
  let firstSeenAt = -1;
  let maxAhead = 0;
  let lastLine = 0;
  for await (const row of rows) {
    consumed++;
    if (consumed === 1) {
      firstSeenAt = produced;
      assert.equal(ended, false, 'first row before the input ended');
    }
    maxAhead = Math.max(maxAhead, produced - consumed);
    assert.equal(row.row, consumed);
    assert.equal(row.address, `user${consumed}@example${consumed % 2000}.com`);
    assert.ok(row.line > lastLine);
    lastLine = row.line;
  }
  assert.equal(consumed, total);
  assert.equal(lastLine, 2 + (total - 1) * 2, 'two physical lines per row, after the header');
  assert.ok(firstSeenAt < total / 10, `first row after ${firstSeenAt} of ${total} rows were produced`);
  // Read-ahead: the sniff window (64 KiB ≈ 1,000 of these rows) + look-ahead rows + one chunk, never the file.
  assert.ok(maxAhead < 5_000, `read ahead by up to ${maxAhead} rows`);
});
