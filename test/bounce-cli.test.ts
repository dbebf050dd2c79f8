import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, REPO } from './helpers/run-cli.js';
import { BOUNCE_FIXTURES } from './helpers/bounce.js';

const fixture = (name: string) => join(BOUNCE_FIXTURES, name);

test('bounce FILE prints one block per recipient with a verdict, the reply and host, permanence, the server\'s words and advice; exit 0', async () => {
  const result = await runCli(['bounce', fixture('postfix-user-unknown.eml')]);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /^ {2}jane\.doe@example\.net {2}userunknown {2}address invalid — stop mailing$/m);
  assert.match(result.stdout, /meaning: the mailbox does not exist/);
  assert.match(result.stdout, /^ {4}reply: 550 5\.1\.1 from mx1\.example\.net at RCPT$/m);
  assert.match(result.stdout, /^ {4}failure: permanent \(5xx\)/m);
  assert.match(result.stdout, /server said: 550 5\.1\.1 <jane\.doe@example\.net>: Recipient address rejected/);
  assert.match(result.stdout, /do: Stop mailing this address .*phone, WeChat, LinkedIn/);
  assert.doesNotMatch(result.stdout, /\bsoft\b/);
  assert.doesNotMatch(result.stdout, /Summary/, 'no summary for a single message');
  assert.equal(result.stderr, '');
});

test('several inputs: a summary by reason and by recipient domain; bad files get one line each and the run goes on', async () => {
  const result = await runCli(['bounce', fixture('three-messages.mbox'), fixture('gmail-dmarc.eml'), fixture('binary.bin'), fixture('empty.eml'), '/no/such/file.eml']);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /three-messages\.mbox \(message 3\)\n {2}not a bounce/);
  assert.match(result.stdout, /Summary: 4 message\(s\), 3 recipient\(s\), 1 not a bounce, 0 hard bounce\(s\)/);
  assert.match(result.stdout, /by reason:\n\s+1 {2}authfailure/);
  assert.match(result.stdout, /by recipient domain:[\s\S]*gmail\.com/);
  assert.match(result.stderr, /binary\.bin: not a mail message \(binary data\)\n/);
  assert.match(result.stderr, /\/no\/such\/file\.eml: no such file or folder\n/);
  assert.match(result.stderr, /empty\.eml: empty, no message\n/);
  assert.doesNotMatch(result.stderr, /at .*\.js:\d+/);
});

test('--json: one object per message in the documented shape', async () => {
  const result = await runCli(['bounce', '--json', fixture('three-messages.mbox')]);
  assert.equal(result.code, 0);
  const data = JSON.parse(result.stdout) as Record<string, unknown>[];
  assert.equal(data.length, 3);
  assert.deepEqual(Object.keys(data[0]!).slice(0, 6), ['file', 'message', 'bounce', 'format', 'original', 'recipients']);
  assert.deepEqual(data.map((d) => [d.message, d.bounce]), [[1, true], [2, true], [3, false]]);
  const recipient = (data[0]!.recipients as Record<string, unknown>[])[0]!;
  assert.deepEqual(Object.keys(recipient).slice(0, 10), ['recipient', 'action', 'status', 'replyCode', 'reason', 'hard', 'diagnostic', 'remoteMta', 'command', 'advice']);
  assert.equal(recipient.recipient, 'full@example.org');
  assert.equal(recipient.reason, 'mailboxfull');
  assert.equal(recipient.hard, false);
});

test('--ndjson: one line per recipient with file and message; a non-bounce is one line with bounce false', async () => {
  const result = await runCli(['bounce', '--ndjson', fixture('three-messages.mbox'), fixture('postfix-user-unknown.eml')]);
  assert.equal(result.code, 0);
  const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(lines.length, 4);
  assert.deepEqual(lines.map((l) => [l.message, l.bounce, l.reason]), [[1, true, 'mailboxfull'], [2, true, 'badreputation'], [3, false, 'undefined'], [1, true, 'userunknown']]);
  assert.equal(lines[3]!.file, fixture('postfix-user-unknown.eml'));
  assert.equal(lines[3]!.recipient, 'jane.doe@example.net');
});

test('--suppress FILE writes hard-bounced addresses as CSV with a header row, once each', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-bounce-'));
  try {
    const csv = join(dir, 'suppress.csv');
    const result = await runCli(['bounce', '--suppress', csv, fixture('postfix-user-unknown.eml'), fixture('postfix-user-unknown-crlf.eml'), fixture('gmail-dmarc.eml'), fixture('alibaba-rcpt-not-local.eml')]);
    assert.equal(result.code, 0);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    assert.equal(rows[0], 'recipient,reason,status,replyCode,file,message,diagnostic');
    assert.equal(rows.length, 3);
    assert.match(rows[1]!, /^jane\.doe@example\.net,userunknown,5\.1\.1,550,.*postfix-user-unknown\.eml,1,/);
    assert.match(rows[2]!, /^zhang\.min@aliyun\.com,userunknown,/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('- reads one message from standard input', async () => {
  const result = await runCli(['bounce', '--json', '-'], { stdin: readFileSync(fixture('gmail-dmarc.eml')) });
  assert.equal(result.code, 0);
  const [message] = JSON.parse(result.stdout) as { file: string; recipients: { reason: string }[] }[];
  assert.equal(message!.file, '-');
  assert.equal(message!.recipients[0]!.reason, 'authfailure');
});

test('exit 2 when no input could be read; --json with --ndjson is a usage error', async () => {
  const missing = await runCli(['bounce', '/no/such/file.eml', fixture('binary.bin')]);
  assert.equal(missing.code, 2);
  assert.equal(missing.stdout, '');
  const both = await runCli(['bounce', '--json', '--ndjson', fixture('vacation.eml')]);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /^mailcheck: --json and --ndjson cannot be used together\n$/);
});

test('other commands start without the bounce reader: no static import path from the CLI to it or to postal-mime', () => {
  // Walks the static `import … from` graph of the built CLI (dynamic import() is what `bounce` uses).
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^\s*import\s+(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      assert.notEqual(spec, 'postal-mime', `${file} imports postal-mime statically`);
      if (spec.startsWith('.')) walk(join(file, '..', spec));
    }
  };
  walk(join(REPO, 'dist', 'cli', 'main.js'));
  assert.ok(seen.size > 3);
  assert.ok(![...seen].some((f) => f.includes(`${join('dist', 'bounce')}`)), 'no static import of dist/bounce/*');
});
