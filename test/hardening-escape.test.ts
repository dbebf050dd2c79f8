import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/run-cli.js';
import { startDnsServer } from './helpers/dns-server.js';
import { csvCell } from '../src/render/csv.js';
import { safe, safeLine } from '../src/render/escape.js';

// Output that can hurt (issue 10 §9, §10), one test per path: outside values reach the terminal
// escaped (ESC, OSC 8 hyperlinks, BEL, C1, bare CR shown as \xNN), and CSV cells a spreadsheet
// would run as formulas are neutralised. JSON is safe as it is (JSON.stringify escapes controls).

const ESC = '\u001b]8;;http://evil.example\u0007';
const C1 = '\u009b';
const dir = mkdtempSync(join(tmpdir(), 'mailcheck-escape-'));

/** No raw control character that a terminal would obey (tab and newline aside). */
function assertInert(text: string, where: string): void {
  const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.exec(text);
  assert.equal(raw, null, `${where}: ${JSON.stringify(text.slice(Math.max(0, (raw?.index ?? 0) - 60), (raw?.index ?? 0) + 20))}`);
}

test('escape and csvCell, directly', () => {
  assert.equal(safeLine(`a${ESC}b\r\n\tc${C1}`), 'a\\x1b]8;;http://evil.example\\x07b\\x0d\\x0a\\x09c\\x9b');
  assert.equal(safe('line one\n\tline two'), 'line one\n\tline two');
  assert.equal(safeLine('bidi \u202e override'), 'bidi \\u202e override');
  for (const lead of ['=', '+', '-', '@', '\t', '\r']) assert.ok(csvCell(`${lead}1+1`).replace(/^"/, '').startsWith("'"), JSON.stringify(lead));
  assert.equal(csvCell('=HYPERLINK("http://x","y")'), '"\'=HYPERLINK(""http://x"",""y"")"');
  assert.equal(csvCell('plain'), 'plain');
});

test('domain: MX, CNAME and PTR names, SPF and DMARC text, fix records and --ip reasons are escaped in text output', async () => {
  const server = await startDnsServer({
    zoneText: '$ORIGIN esc.test.\n@ 300 IN SOA ns hostmaster 1 3600 600 86400 300\n',
    records: [
      { name: 'esc.test', type: 'MX', ttl: 60, data: { preference: 10, exchange: `mx${ESC}.esc.test` } },
      { name: 'esc.test', type: 'MX', ttl: 60, data: { preference: 20, exchange: 'alias.esc.test' } },
      { name: 'alias.esc.test', type: 'CNAME', ttl: 60, data: `real${ESC}.esc.test` },
      { name: `real${ESC}.esc.test`, type: 'A', ttl: 60, data: '192.0.2.7' },
      { name: '7.2.0.192.in-addr.arpa', type: 'PTR', ttl: 60, data: `ptr${ESC}${C1}.esc.test` },
      { name: 'esc.test', type: 'TXT', ttl: 60, data: `v=spf1 a:${ESC}bad ip4:1.2.3 ?all` },
      { name: '_dmarc.esc.test', type: 'TXT', ttl: 60, data: `v=DMARC1; p=none; ruf=mailto:${ESC}@x.test; rue=${ESC}` },
    ],
  });
  try {
    const r = await runCli(['--resolver', server.resolverArg, '--timeout', '1000', 'domain', 'esc.test']);
    assertInert(r.stdout, 'domain text');
    assert.match(r.stdout, /mx\\x1b\]8;;http:\/\/evil\.example\\x07\.esc\.test/);
    assert.match(r.stdout, /alias of real\\x1b/);
    assert.match(r.stdout, /ptr\\x1b\]8;;http:\/\/evil\.example\\x07\\x9b\.esc\.test/);
    assert.match(r.stdout, /spf\.syntax/);
    // Fix records are in zone-file form: controls as \DDD, still nothing a terminal obeys.
    assert.match(r.stdout, /_dmarc\.esc\.test\. TXT "v=DMARC1; p=quarantine; /);
    const quiet = await runCli(['--resolver', server.resolverArg, '--timeout', '1000', '--quiet', 'domain', 'esc.test']);
    assertInert(quiet.stdout, 'domain --quiet');
    const md = await runCli(['--resolver', server.resolverArg, '--timeout', '1000', '--format', 'markdown', 'domain', 'esc.test']);
    assertInert(md.stdout, 'markdown');
    const github = await runCli(['--resolver', server.resolverArg, '--timeout', '1000', '--format', 'github', 'domain', 'esc.test']);
    assertInert(github.stdout, 'github annotations');
  } finally {
    await server.close();
  }
});

test('spf --trace: record text and terms from DNS are escaped', async () => {
  const server = await startDnsServer({
    records: [{ name: 'trace.test', type: 'TXT', ttl: 60, data: `v=spf1 include:${ESC}x.test exp=${ESC}e.test -all` }, { name: 'trace.test', type: 'A', ttl: 60, data: '192.0.2.1' }],
  });
  try {
    const r = await runCli(['--resolver', server.resolverArg, '--timeout', '1000', 'spf', 'trace.test', '--ip', '192.0.2.1', '--trace']);
    assertInert(r.stdout, 'spf --trace');
    assert.match(r.stdout, /\\x1b\]8;;/);
  } finally {
    await server.close();
  }
});

test('ip: a list TXT reason with escapes is escaped in text, and neutralised in CSV', async () => {
  const server = await startDnsServer({
    records: [
      { name: '9.2.0.192.bl.list.test', type: 'A', ttl: 60, data: '127.0.0.2' },
      { name: '9.2.0.192.bl.list.test', type: 'TXT', ttl: 60, data: `=HYPERLINK("http://evil.example","listed") ${ESC}` },
      { name: '9.2.0.192.in-addr.arpa', type: 'PTR', ttl: 60, data: `host${ESC}.list.test` },
    ],
  });
  try {
    const args = ['--resolver', server.resolverArg, '--timeout', '1000', 'ip', '192.0.2.9', '--only-lists', 'bl.list.test'];
    const text = await runCli(args);
    assertInert(text.stdout, 'ip text');
    assert.match(text.stdout, /reason: =HYPERLINK\("http:\/\/evil\.example","listed"\) \\x1b/);
    assert.match(text.stdout, /host\\x1b/);
    const csv = await runCli(['--format', 'csv', ...args]);
    const row = csv.stdout.split('\r\n')[1] ?? '';
    assert.match(row, /,"'=HYPERLINK\(""http:\/\/evil\.example"",""listed""\) /);
  } finally {
    await server.close();
  }
});

/** A Postfix DSN whose Diagnostic-Code, Remote-MTA, recipient and original Subject carry hostile text. */
function hostileBounce(): string {
  const original = readFileSync('test/fixtures/bounce/postfix-user-unknown.eml', 'utf8');
  // A local part may start with "-": a formula to a spreadsheet.
  return original
    .replaceAll('jane.doe@example.net', '-2+3@example.net')
    .replaceAll('Recipient address rejected', `Recipient =cmd|'/c calc'!A1 ${ESC}${C1} rejected`)
    .replace('Remote-MTA: dns; mx1.example.net', `Remote-MTA: dns; mx1${ESC}.example.net`)
    .replace('Subject: Your quote', `Subject: Your quote ${ESC}`);
}

test('bounce: Diagnostic-Code, Remote-MTA and Subject are escaped in text; CSV and --suppress neutralise formulas', async () => {
  const file = join(dir, 'hostile.eml');
  writeFileSync(file, hostileBounce());
  const text = await runCli(['bounce', file]);
  assert.equal(text.code, 0, text.stderr);
  assertInert(text.stdout, 'bounce text');
  assert.match(text.stdout, /server said: .*=cmd\|'\/c calc'!A1 \\x1b\]8;;.*\\x9b/);
  assert.match(text.stdout, /(?:remote server:|reply: .* from) mx1\\x1b/);
  assert.match(text.stdout, /original: "Your quote \\x1b/);
  const csv = await runCli(['--format', 'csv', 'bounce', file]);
  const [, row] = csv.stdout.split('\r\n');
  assert.match(row ?? '', /,'-2\+3@example\.net,/);
  const suppress = join(dir, 'suppress.csv');
  const r = await runCli(['bounce', file, '--suppress', suppress]);
  assert.equal(r.code, 0, r.stderr);
  const rows = readFileSync(suppress, 'utf8').split('\n');
  assert.ok(rows.length >= 2);
  for (const row of rows) for (const cell of row.split(',')) assert.doesNotMatch(cell.replace(/^"/, ''), /^[=+\-@\t\r]/, row);
});

test('--file error lines and file names are escaped', async () => {
  const file = join(dir, 'list\u001b[31m.txt');
  writeFileSync(file, `example.test\nbad${ESC}.test\n`);
  const r = await runCli(['--zone', 'examples/example.test.zone', 'domain', '--file', file]);
  assert.equal(r.code, 2);
  assertInert(r.stderr, '--file error');
  assert.match(r.stderr, /list\\x1b\[31m\.txt:2: "bad\\x1b\]8;;/);
});
