import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { startDnsServer, type DnsServer } from './helpers/dns-server.js';
import { runCli } from './helpers/run-cli.js';
import { ADDRESS_RECORDS } from './helpers/address.js';
import { BOUNCE_FIXTURES } from './helpers/bounce.js';

// `mailcheck list` and `mailcheck address` through the CLI (in process), against the test DNS server.

let server: DnsServer;
let dir: string;
before(async () => {
  server = await startDnsServer({ records: ADDRESS_RECORDS, rules: [{ name: 'servfail.test', behaviour: 'servfail' }, { match: /(^|\.)timeout\.test$/, behaviour: 'drop' }] });
  dir = mkdtempSync(join(tmpdir(), 'mailcheck-list-'));
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const dns = () => ['--resolver', server.resolverArg, '--timeout', '2000', '--retries', '0'];
const list = (args: string[], stdin: string | Buffer) => runCli([...dns(), 'list', '-', ...args], { stdin });
/** CSV output → rows of cells (a small reader for tests: quoted cells, doubled quotes, CRLF). */
function cells(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (c !== '\r') cell += c;
  }
  return rows;
}

const CONTACTS = 'name,company,email,phone\nZhang,Acme,zhang@good.test,+86 138 0000 0001\nInfo,Acme,info@good.test,=1+1\nBob,Typo,bob@gmial.com,\n';

test('list -: CSV in, every input column kept in order, verdict columns appended; summary on stderr; exit 1', async () => {
  const r = await list(['--format', 'csv'], CONTACTS);
  assert.equal(r.code, 1, r.stderr);
  const rows = cells(r.stdout);
  assert.deepEqual(rows[0], ['name', 'company', 'email', 'phone', 'verdict', 'reasons', 'suggestion', 'normalized', 'provider', 'detail']);
  assert.deepEqual(rows.slice(1).map((x) => x.slice(0, 8)), [
    ['Zhang', 'Acme', 'zhang@good.test', '+86 138 0000 0001', 'ok', '', '', 'zhang@good.test'],
    ['Info', 'Acme', 'info@good.test', '=1+1', 'risky', 'address.role', '', 'info@good.test'],
    ['Bob', 'Typo', 'bob@gmial.com', '', 'invalid', 'address.typo address.domain-missing address.disposable', 'bob@gmail.com', 'bob@gmial.com'],
  ]);
  assert.match(r.stderr, /^3 addresses: 1 ok, 1 risky, 1 invalid, 0 unknown\n {2}by reason:\n/);
  assert.match(r.stderr, /by mailbox provider:/);
  // Each reason id with its title.
  assert.match(r.stderr, /^ +1 {2}address\.role {2}A role mailbox, not a person$/m);
});

test('CSV dialects: UTF-8 with BOM, GBK without one (detected, or --encoding), ";" and tab, quoted newlines', async () => {
  const bom = await list(['--format', 'csv'], `\ufeff邮箱,姓名\nli@good.test,李四\n`);
  assert.equal(bom.code, 0, bom.stderr);
  assert.ok(bom.stdout.startsWith('\ufeff邮箱,姓名,verdict'), 'a BOM in, a BOM out (Excel reads the UTF-8 back)');
  const gbkText = '姓名;电子邮件;备注\n王五;wang@good.test;"第一行\n第二行"\n';
  for (const args of [['--format', 'csv'], ['--format', 'csv', '--encoding', 'gbk']]) {
    const gbk = await list(args, iconv.encode(gbkText, 'gbk'));
    assert.equal(gbk.code, 0, gbk.stderr);
    const rows = cells(gbk.stdout.replace(/^\ufeff/, ''));
    assert.deepEqual(rows[0]!.slice(0, 4), ['姓名', '电子邮件', '备注', 'verdict']);
    assert.deepEqual(rows[1]!.slice(0, 4), ['王五', 'wang@good.test', '第一行\n第二行', 'ok'], 'the quoted newline survives');
  }
  const tab = await list(['--format', 'ndjson'], 'email\tname\nx@good.test\tX\n');
  assert.deepEqual(JSON.parse(tab.stdout).fields, ['x@good.test', 'X']);
});

test('address column: --column by name or number; a missing one, or none holding addresses, is one line and exit 2', async () => {
  const text = 'work,private\nx@good.test,y@nowhere.test\n';
  const byName = await list(['--format', 'ndjson', '--column', 'private'], text);
  assert.equal(JSON.parse(byName.stdout).input, 'y@nowhere.test');
  const byNumber = await list(['--format', 'ndjson', '--column', '1'], text);
  assert.equal(JSON.parse(byNumber.stdout).input, 'x@good.test');
  const missing = await list(['--column', 'email'], text);
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr, 'mailcheck: -: no column "email"; the columns are: work, private\n');
  const none = await list([], 'name,phone\nZhang,123\n');
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^mailcheck: -: no column holds e-mail addresses \(columns: name, phone\); choose one with --column\n$/);
});

test('bad input is exit 2 with one line: no such file, a folder, a spreadsheet saved as .xlsx', async () => {
  const missing = await runCli([...dns(), 'list', join(dir, 'nope.csv')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^mailcheck: cannot read .*nope\.csv: no such file\n$/);
  const folder = await runCli([...dns(), 'list', dir]);
  assert.equal(folder.code, 2);
  assert.match(folder.stderr, /is a folder\n$/);
  const xlsx = join(dir, 'contacts.xlsx');
  writeFileSync(xlsx, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
  const sheet = await runCli([...dns(), 'list', xlsx]);
  assert.equal(sheet.code, 2);
  assert.match(sheet.stderr, /save it as CSV \(UTF-8\) first\n$/);
  const format = await list(['--format', 'sarif'], CONTACTS);
  assert.equal(format.code, 2);
  assert.match(format.stderr, /--format sarif is not available for mailcheck list \(use text, csv, ndjson, json\)/);
});

test('exit codes: 0 all ok (risky too), 1 some invalid or at --fail-on, 3 only failed lookups', async () => {
  assert.equal((await list([], 'email\na@good.test\ninfo@good.test\n')).code, 0);
  assert.equal((await list(['--fail-on', 'warning'], 'email\na@good.test\ninfo@good.test\n')).code, 1);
  const unknown = await list(['--format', 'ndjson'], 'email\na@good.test\nb@servfail.test\nc@timeout.test\n');
  assert.equal(unknown.code, 3, unknown.stderr);
  assert.deepEqual(unknown.stdout.trim().split('\n').map((l) => JSON.parse(l).verdict), ['ok', 'unknown', 'unknown']);
  assert.equal((await list([], 'email\nb@servfail.test\nx@nowhere.test\n')).code, 1, 'a certain problem wins over "could not check"');
  assert.equal((await list(['--fail-on', 'none'], 'email\nx@nowhere.test\n')).code, 0);
});

test('--format json: {input, rows, summary}; ndjson: one object per row, NDJSON input keeps every key', async () => {
  const json = await list(['--format', 'json'], CONTACTS);
  const doc = JSON.parse(json.stdout) as { input: Record<string, unknown>; rows: Record<string, unknown>[]; summary: Record<string, unknown> };
  assert.deepEqual(Object.keys(doc), ['input', 'rows', 'summary']);
  assert.deepEqual({ format: doc.input.format, delimiter: doc.input.delimiter, header: doc.input.header, addressColumn: doc.input.addressColumn, columnChosenBy: doc.input.columnChosenBy }, { format: 'csv', delimiter: ',', header: true, addressColumn: 'email', columnChosenBy: 'header' });
  assert.deepEqual(Object.keys(doc.rows[0]!), ['row', 'line', 'input', 'address', 'unicode', 'displayName', 'domain', 'verdict', 'reasons', 'suggestion', 'provider', 'providerName', 'findings', 'fields']);
  assert.deepEqual(doc.summary.verdicts, { ok: 1, risky: 1, invalid: 1, unknown: 0 });
  assert.equal(doc.summary.rows, 3);
  const typo = (doc.rows[2]!.findings as { id: string; message: string; fix: { action: string } }[])[0]!;
  assert.equal(typo.id, 'address.typo');
  assert.match(typo.fix.action, /bob@gmail\.com/);
  const ndjson = await list(['--format', 'ndjson'], '{"mail":"a@good.test","tags":["vip"],"id":7}\nnot json\n"b@good.test"\n');
  const lines = ndjson.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(lines[0]!.object, { mail: 'a@good.test', tags: ['vip'], id: 7 });
  assert.deepEqual([lines[1]!.verdict, lines[1]!.reasons], ['invalid', ['address.syntax']]);
  assert.equal(lines[2]!.address, 'b@good.test');
  assert.doesNotMatch(ndjson.stdout, /addresses:/, 'the summary goes to stderr, not into the NDJSON');
});

test('text: a line per address with its reasons, the summary in the report; -q shows only the others', async () => {
  const r = await list([], CONTACTS);
  assert.match(r.stdout, /^✔ ok {6}#1 {2}zhang@good\.test\n/);
  assert.match(r.stdout, /✖ invalid #3 {2}bob@gmial\.com {2}→ bob@gmail\.com\n {4}address\.typo {2}gmial\.com does not exist; did you mean bob@gmail\.com\?/);
  assert.match(r.stdout, /\n3 addresses: 1 ok, 1 risky, 1 invalid, 0 unknown\n/);
  assert.equal(r.stderr, '');
  const quiet = await list(['-q'], CONTACTS);
  assert.doesNotMatch(quiet.stdout, /zhang@good\.test/);
  assert.match(quiet.stdout, /info@good\.test/);
});

test('--split-out DIR: ok.csv, risky.csv, invalid.csv, unknown.csv with the header and their rows', async () => {
  const out = join(dir, 'split');
  const r = await list(['--split-out', out, '--format', 'ndjson'], `${CONTACTS}Tim,T,tim@servfail.test,\n`);
  assert.equal(r.code, 1);
  const read = (v: string) => cells(readFileSync(join(out, `${v}.csv`), 'utf8'));
  assert.deepEqual(read('ok').map((x) => x[2]), ['email', 'zhang@good.test']);
  assert.deepEqual(read('risky').map((x) => x[2]), ['email', 'info@good.test']);
  assert.deepEqual(read('invalid').map((x) => x[2]), ['email', 'bob@gmial.com']);
  assert.deepEqual(read('unknown').map((x) => x[2]), ['email', 'tim@servfail.test']);
  assert.match(r.stderr, /mailcheck: split into .*split: ok\.csv 1, risky\.csv 1, invalid\.csv 1, unknown\.csv 1\n$/);
  const bad = await list(['--split-out', join(dir, 'contacts.xlsx', 'sub')], CONTACTS);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^mailcheck: cannot write --split-out /);
});

test('--suppress reads the CSV `mailcheck bounce --suppress` writes, and plain lists (repeatable)', async () => {
  const csv = join(dir, 'suppress.csv');
  const bounce = await runCli(['bounce', '--suppress', csv, join(BOUNCE_FIXTURES, 'postfix-user-unknown.eml')]);
  assert.equal(bounce.code, 0, bounce.stderr);
  assert.match(readFileSync(csv, 'utf8'), /^recipient,reason,/);
  const plain = join(dir, 'unsubscribed.txt');
  writeFileSync(plain, 'Zhang <ZHANG@good.test>\n');
  const r = await list(['--format', 'ndjson', '--suppress', csv, '--suppress', plain], 'email\njane.doe@example.net\nzhang@good.test\nli@good.test\n');
  const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { verdict: string; reasons: string[]; findings: { id: string; data: Record<string, unknown> }[] });
  assert.deepEqual(rows[0]!.findings.find((f) => f.id === 'address.suppressed')!.data, { address: 'jane.doe@example.net', file: csv, reason: 'userunknown' });
  assert.deepEqual(rows[1]!.findings.find((f) => f.id === 'address.suppressed')!.data, { address: 'zhang@good.test', file: plain, reason: null });
  assert.equal(rows[1]!.verdict, 'invalid');
  assert.equal(rows[2]!.verdict, 'ok');
  const missing = await list(['--suppress', join(dir, 'none.csv')], CONTACTS);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^mailcheck: cannot read --suppress .*none\.csv: no such file\n$/);
});

test('mailcheck address: one object for one address, an array for several; text with the reasons', async () => {
  const one = await runCli([...dns(), '--json', 'address', 'Zhang San <zhang@good.test>']);
  assert.equal(one.code, 0, one.stderr);
  const value = JSON.parse(one.stdout) as Record<string, unknown>;
  assert.equal(value.address, 'zhang@good.test');
  assert.equal(value.displayName, 'Zhang San');
  assert.equal(value.verdict, 'ok');
  assert.ok(!('fields' in value) && !('row' in value));
  const several = await runCli([...dns(), '--json', 'address', 'a@good.test', 'x@null.test']);
  assert.equal(several.code, 1);
  assert.deepEqual((JSON.parse(several.stdout) as { verdict: string }[]).map((v) => v.verdict), ['ok', 'invalid']);
  const text = await runCli([...dns(), 'address', 'x@null.test']);
  assert.equal(text.stdout, '✖ invalid x@null.test\n    address.no-mail  null.test says it accepts no mail (null MX, RFC 7505).\n');
  assert.equal((await runCli([...dns(), 'address'])).code, 2);
});

test('the progress line: on stderr when it is a terminal (rows, rows/s), never on a pipe', async () => {
  const input = `email\n${Array.from({ length: 50 }, (_, i) => `u${i}@good.test`).join('\n')}\n`;
  const tty = Object.assign(memoryIo({ stdin: Buffer.from(input) }), { stderrIsTTY: true });
  assert.equal(await run([...dns(), '--format', 'csv', 'list', '-'], tty), 0);
  assert.match(tty.err, /\r\d+ rows, [\d,]+ rows\/s\u001b\[K/);
  assert.match(tty.err, /\r\u001b\[K/, 'erased at the end');
  const pipe = memoryIo({ stdin: Buffer.from(input) });
  assert.equal(await run([...dns(), '--format', 'csv', 'list', '-'], pipe), 0);
  assert.doesNotMatch(pipe.err, /rows\/s|\r/);
});

test('streaming: 12,000 generated rows through stdin; the first row is out before the input ends, read-ahead stays bounded', { timeout: 120_000 }, async () => {
  const zone = join(dir, 'stream.zone');
  writeFileSync(zone, ['$TTL 300', 'stream.test. IN SOA ns.stream.test. h.stream.test. 1 2 3 4 5', ...Array.from({ length: 20 }, (_, i) => `d${i}.stream.test. IN MX 10 mx.stream.test.`), 'mx.stream.test. IN A 192.0.2.1', ''].join('\n'));
  // 12,000 rows prove the bound as well as 100,000: three times what may be ahead (the reorder buffer holds
  // 2,000, plus the CSV reader's read-ahead and a chunk), so a reader that held its input would fail it;
  // bench:list runs 100k.
  const ROWS = 12_000;
  const CHUNK = 1000;
  let produced = 0;
  let printed = 0;
  let firstPrintedAt = -1;
  let maxAhead = 0;
  let wake: (() => void) | undefined;
  const io = memoryIo({
    async *stdinStream() {
      for (let start = 0; start < ROWS; start += CHUNK) {
        let text = '';
        for (let i = start; i < start + CHUNK; i++) text += `user${i}@d${i % 20}.stream.test\n`;
        produced += CHUNK;
        yield Buffer.from(text);
        // Halfway, wait until output has appeared: a command that buffered its input would never print here.
        if (produced === ROWS / 2 && printed === 0) await new Promise<void>((resolve) => (wake = resolve));
        maxAhead = Math.max(maxAhead, produced - printed);
      }
    },
  } as Parameters<typeof memoryIo>[0]);
  io.stdout = (text: string) => {
    const lines = text.split('\n').length - 1;
    if (printed === 0 && lines > 0) firstPrintedAt = produced;
    printed += lines;
    wake?.();
    wake = undefined;
  };
  const code = await run(['--zone', zone, '--format', 'ndjson', 'list', '-'], io);
  assert.equal(code, 0, io.err);
  assert.equal(printed, ROWS);
  assert.ok(firstPrintedAt > 0 && firstPrintedAt < ROWS, `first row printed after ${firstPrintedAt} input rows`);
  // Rows read but not yet printed: the reorder bound (2,000), the read-ahead of the CSV reader and one chunk.
  assert.ok(maxAhead <= 2000 + 64 + 2 * CHUNK, `at most ${maxAhead} rows ahead`);
});

test('an empty list is no rows and exit 0; a header alone too', async () => {
  const empty = await list(['--format', 'json'], '');
  assert.equal(empty.code, 0, empty.stderr);
  assert.deepEqual(JSON.parse(empty.stdout).rows, []);
  assert.ok(!existsSync(join(dir, 'never')));
});

test('in Chinese (--lang zh): the rows, the summary, the errors', async () => {
  const r = await list(['--lang', 'zh'], CONTACTS);
  assert.match(r.stdout, /⚠ 有风险 +#2 {2}info@good\.test\n {4}address\.role {2}info@ 是职能邮箱（info）/);
  assert.match(r.stdout, /共 3 个地址：可用 1，有风险 1，无效 1，未知 0/);
  const csv = await list(['--lang', 'zh', '--format', 'csv'], CONTACTS);
  assert.match(csv.stdout, /\| 域名 gmial\.com 不存在（NXDOMAIN）：发过去会退信。/, 'the detail column in the chosen language');
  const missing = await runCli(['--lang', 'zh', ...dns(), 'list', join(dir, 'nope.csv')]);
  assert.match(missing.stderr, /^mailcheck: 读不了 .*nope\.csv：文件不存在\n$/);
});

test('a reader that goes away (`| head`): the run stops reading, prints no summary, and ends cleanly', async () => {
  let produced = 0;
  const io = memoryIo({
    async *stdinStream() {
      for (let chunk = 0; chunk < 1000; chunk++) {
        produced++;
        yield Buffer.from(Array.from({ length: 100 }, (_, i) => `u${chunk * 100 + i}@good.test\n`).join(''));
      }
    },
  } as Parameters<typeof memoryIo>[0]);
  let writes = 0;
  io.stdout = () => void writes++;
  (io as { stdoutClosed?: () => boolean }).stdoutClosed = () => writes >= 2;
  const code = await run([...dns(), '--format', 'csv', 'list', '-'], io);
  assert.equal(code, 0);
  assert.ok(produced < 1000, `read ${produced} of 1000 chunks`);
  assert.equal(io.err, '', 'no summary of a part of the list');
});
