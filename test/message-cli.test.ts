import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBinary, runCli } from './helpers/run-cli.js';
import { cleanCopy, D, KEY, letter, received, signed } from './helpers/message-fixtures.js';

// `mailcheck message` through the CLI, in-process, offline: DNS comes from a zone file written here (the
// key the fixtures are signed with, SPF, DMARC, the sending IP's reverse zone). Exit codes as `domain`.

const dir = mkdtempSync(join(tmpdir(), 'mailcheck-message-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const keyStrings = (KEY.record.match(/.{1,200}/g) ?? []).map((s) => `"${s}"`).join(' ');
const ZONE = join(dir, 'example.zone');
writeFileSync(ZONE, [
  `$ORIGIN ${D}.`, '$TTL 300',
  `@ IN SOA ns.${D}. hostmaster.${D}. 1 3600 600 86400 300`,
  '@ IN TXT "v=spf1 ip4:192.0.2.25 -all"',
  `_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@${D}"`,
  `s1._domainkey IN TXT ${keyStrings}`,
  'mail IN A 192.0.2.25',
  '$ORIGIN 2.0.192.in-addr.arpa.',
  `@ IN SOA ns.${D}. hostmaster.${D}. 1 3600 600 86400 300`,
  `25 IN PTR mail.${D}.`,
  '',
].join('\n'));

const file = (name: string, data: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};
const CLEAN = file('clean.eml', cleanCopy());
const BROKEN = file('broken.eml', received(signed(letter({ set: { 'Message-ID': null, Subject: 'RE: BEST OFFER!!!' } }))));
const WARNING = file('warning.eml', received(signed(letter({ set: { 'Reply-To': 'alice@163.com' } }))));
const message = (args: string[], options?: Parameters<typeof runCli>[1]) => runCli(['--zone', ZONE, 'message', ...args], options);

test('a clean copy: score 100, "nothing to fix", every section, exit 0', async () => {
  const r = await message([CLEAN]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /clean\.eml {2}score 100\/100, grade A {2}\(0 errors, 0 warnings, 0 info\)/);
  assert.match(r.stdout, /Fix these first:\n {2}✔ nothing to fix/);
  assert.match(r.stdout, /DKIM d=example\.test s=s1 rsa-sha256 2048-bit rsa: pass \(aligned with From\)/);
  assert.match(r.stdout, /SPF 192\.0\.2\.25 for example\.test \(Return-Path\): pass/);
  assert.match(r.stdout, /Link domains on blacklists {2}not checked/);
  assert.equal(r.stderr, '');
});

test('the three things to fix first, with the predicted effect; exit 1 at --fail-on error, 0 with none', async () => {
  const r = await message([BROKEN]);
  assert.equal(r.code, 1);
  const first = r.stdout.slice(r.stdout.indexOf('Fix these first:'), r.stdout.indexOf('\n\n', r.stdout.indexOf('Fix these first:')));
  assert.match(first, /1\. ✖ error header\.message-id-invalid/);
  assert.match(first, /effect: Gmail rejects it: 550 5\.7\.1/);
  assert.equal((first.match(/^ {2}\d\. /gm) ?? []).length, 3);
  assert.equal((await message([BROKEN, '--fail-on', 'none'])).code, 0);
  assert.equal((await message([WARNING])).code, 0);
  assert.equal((await message([WARNING, '--fail-on', 'warning'])).code, 1);
  assert.equal((await message([WARNING, '--min-score', '100'])).code, 1);
});

test('--json: the documented object; --to names the provider whose rules predict the effects', async () => {
  const r = await message([BROKEN, '--json', '--to', 'bob@outlook.com']);
  const data = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(data), ['file', 'message', 'subject', 'from', 'fromName', 'date', 'messageId', 'bytes', 'score', 'grade', 'incomplete', 'recipient', 'sentFrom', 'bulk', 'fixFirst', 'checks', 'findings']);
  assert.deepEqual(data.recipient, { provider: 'microsoft', domain: 'outlook.com', source: 'domain' });
  assert.deepEqual(Object.keys(data.checks as object), ['auth', 'header', 'content', 'links', 'bulk']);
  const findings = data.findings as { id: string; message: string; effect: { kind: string; provider: string | null; text: string } }[];
  const mid = findings.find((f) => f.id === 'header.message-id-invalid');
  assert.equal(mid?.effect.kind, 'spam');
  assert.equal(mid?.effect.text, 'likely spam folder');
  assert.match(mid?.message ?? '', /no Message-ID header/);
  assert.deepEqual((data.fixFirst as { id: string }[])[0]?.id, 'header.message-id-invalid');
  assert.deepEqual(data.sentFrom, { ip: '192.0.2.25', source: 'received', helo: 'mail.example.test', tls: true });
});

test('an mbox of three checks each message; - reads standard input', async () => {
  const mbox = file('three.mbox', [cleanCopy(), received(signed(letter({ set: { Subject: 'FREE!!!' } }))), received(signed(letter()))]
    .map((m) => `From alice@example.test Tue Mar 10 01:30:05 2026\n${m.toString('latin1').replace(/\r\n/g, '\n')}`).join('\n'));
  const r = await message([mbox, '--json']);
  const data = JSON.parse(r.stdout) as { message: number; score: number }[];
  assert.deepEqual(data.map((m) => m.message), [1, 2, 3]);
  assert.ok((data[1]?.score ?? 100) < (data[0]?.score ?? 0));
  const text = await message([mbox]);
  assert.equal((text.stdout.match(/three\.mbox #\d {2}score/g) ?? []).length, 3);
  const stdin = await message(['-'], { stdin: cleanCopy() });
  assert.equal(stdin.code, 0);
  assert.match(stdin.stdout, /^- {2}score 100\/100/);
});

test('bad input exits 2 with one line on stderr: not a message, empty, missing, binary; bad options too', async () => {
  const cases: [string[], RegExp][] = [
    [[file('notes.txt', 'Just some notes\nabout the call.\n')], /notes\.txt: not a mail message \(no header fields at the top\)\n$/],
    [[file('empty.eml', '')], /empty\.eml: empty, no message\n$/],
    [[join(dir, 'nope.eml')], /nope\.eml: no such file or folder\n$/],
    [[file('blob.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256)))], /blob\.bin: not a mail message \(binary data\)\n$/],
    [[CLEAN, '--to', 'not a domain'], /--to takes the recipients' domain/],
    [[CLEAN, '--ip', '999.1.1.1'], /--ip 999\.1\.1\.1 is not an IPv4 or IPv6 address/],
    [[CLEAN, '--skip-lists', 'nosuch.example'], /--skip-lists: nosuch\.example is not among the lists queried/],
  ];
  for (const [args, stderr] of cases) {
    const r = await message(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
  // A bad input among good ones: the good ones are reported, the exit code says 2.
  const mixed = await message([CLEAN, join(dir, 'nope.eml')]);
  assert.equal(mixed.code, 2);
  assert.match(mixed.stdout, /clean\.eml {2}score 100/);
});

test('a lookup that fails makes the report incomplete: exit 3, never a failure', async () => {
  // Signed by a domain the zone file does not describe: its key lookup is refused (could not check).
  const other = file('other-signer.eml', received(signed(letter(), { domain: 'elsewhere.test', selector: 'x' })));
  const r = await message([other]);
  assert.equal(r.code, 3, r.stdout);
  assert.match(r.stdout, /incomplete/);
  assert.doesNotMatch(r.stdout, /auth\.dkim-fail/);
});

test('--bulk applies the bulk-sender rules; other formats render the report', async () => {
  const r = await message([WARNING, '--bulk', '--json']);
  const bulk = (JSON.parse(r.stdout) as { checks: { bulk: { status: string; rules: { rule: string; status: string }[] } } }).checks.bulk;
  assert.equal(bulk.status, 'complete');
  assert.deepEqual(bulk.rules.map((x) => [x.rule, x.status]), [['spf-and-dkim', 'pass'], ['dmarc-published', 'pass'], ['dmarc-aligned', 'pass'], ['fcrdns', 'pass'], ['tls', 'pass'], ['one-click-unsubscribe', 'fail']]);
  const sarif = JSON.parse((await message([BROKEN, '--format', 'sarif'])).stdout) as { runs: { results: { ruleId: string }[] }[] };
  assert.ok(sarif.runs[0]?.results.some((x) => x.ruleId === 'header.message-id-invalid'));
  assert.match((await message([BROKEN, '--format', 'markdown'])).stdout, /header\.message-id-invalid/);
  const quiet = await message([WARNING, '--quiet']);
  assert.doesNotMatch(quiet.stdout, /Authentication \(DKIM/);
  assert.match(quiet.stdout, /header\.reply-to-freemail/);
});

test('the built binary: the text report end to end (JSON: in-process above)', async () => {
  const text = await runBinary(['--zone', ZONE, 'message', BROKEN]);
  assert.equal(text.code, 1, text.stderr);
  assert.match(text.stdout, /Fix these first:/);
  assert.match(text.stdout, /effect: Gmail rejects it: 550 5\.7\.1/);
});
