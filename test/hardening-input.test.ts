import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/run-cli.js';
import { startDnsServer } from './helpers/dns-server.js';
import { ambiguousPort } from '../src/cli/resolver.js';

// Clear input errors (issue 10 §14, §15): every mistake is one line on stderr, prefixed
// `mailcheck:`, exit 2, nothing on stdout; echoed input is shortened and escaped; files say
// FILE:LINE:; binary, UTF-16 and non-UTF-8 files are named as such.

const ZONE = ['--zone', 'examples/example.test.zone'];
const dir = mkdtempSync(join(tmpdir(), 'mailcheck-input-'));
const file = (name: string, bytes: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

/** One line on stderr, `mailcheck: `, exit 2, nothing on stdout; returns the line. */
async function oneLineError(args: string[]): Promise<string> {
  const r = await runCli(args);
  assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
  assert.equal(r.stdout, '', args.join(' '));
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `${args.join(' ')}: ${r.stderr}`);
  assert.match(lines[0] as string, /^mailcheck: /);
  return lines[0] as string;
}

test('--resolver ::1:5353 is refused as ambiguous; the bracketed forms and plain IPv6 are not', async () => {
  assert.equal(await oneLineError(['--resolver', '::1:5353', 'lookup', 'example.test']), 'mailcheck: --resolver ::1:5353 is ambiguous: write [::1]:5353 for port 5353, or [::1:5353] for that address on port 53');
  assert.deepEqual(ambiguousPort('2001:db8::1:53'), { host: '2001:db8::1', port: '53' });
  assert.equal(ambiguousPort('[::1]:5353'), undefined);
  assert.equal(ambiguousPort('2001:db8::53'), undefined);
  assert.equal(ambiguousPort('192.0.2.1:53'), undefined);
  assert.equal(ambiguousPort('::1'), undefined);
});

test('--doh: https://, or http:// to a loopback test server only; no credentials', async () => {
  assert.match(await oneLineError(['--doh', 'http://dns.example/dns-query', 'lookup', 'example.test']), /would send the queries in clear text/);
  assert.match(await oneLineError(['--doh', 'https://user:secret@dns.example/dns-query', 'lookup', 'example.test']), /without a user name or password/);
  assert.match(await oneLineError(['--doh', 'ftp://dns.example/', 'lookup', 'example.test']), /takes an https:\/\/ URL/);
});

test("commander's own errors are one line through the catalogue", async () => {
  assert.equal(await oneLineError(['domain', '--bogus']), 'mailcheck: unknown option --bogus; see mailcheck --help');
  assert.equal(await oneLineError(['domain', '--ipp', '192.0.2.1', 'example.test']), 'mailcheck: unknown option --ipp (did you mean --ip?); see mailcheck --help');
  assert.equal(await oneLineError(['domain', '--selector']), 'mailcheck: --selector needs a value; see mailcheck --help');
  assert.equal(await oneLineError(['completion', 'tcsh']), 'mailcheck: shell takes bash, zsh, fish, not "tcsh"');
  assert.equal(await oneLineError(['domian', 'example.test']), 'mailcheck: unknown command "domian" (did you mean domain?); the commands are domain, spf, ip, bounce, message, dmarc-report, address, list, lookup, recall, completion');
  assert.equal(await oneLineError(['spf']), 'mailcheck: missing domain; see mailcheck spf --help');
  assert.equal(await oneLineError(['lookup', 'a.test', 'A', 'extra']), 'mailcheck: too many arguments for mailcheck lookup; see mailcheck lookup --help');
});

test('no raw ENOENT or EISDIR; a FIFO or device is refused before it is opened', async () => {
  assert.match(await oneLineError([...ZONE, 'domain', '--file', join(dir, 'nope.txt')]), /cannot read --file .*nope\.txt: no such file or folder$/);
  assert.match(await oneLineError([...ZONE, 'domain', '--file', dir]), /cannot read --file .*: it is a folder, not a file$/);
  assert.match(await oneLineError(['--zone', dir, 'lookup', 'example.test']), /cannot read zone file .*: it is a folder, not a file$/);
  assert.match(await oneLineError([...ZONE, 'domain', '--file', '/dev/zero']), /--file \/dev\/zero is not a regular file/);
  const fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  assert.match(await oneLineError([...ZONE, 'domain', '--file', fifo]), /is not a regular file/);
  assert.match(await oneLineError(['--zone', fifo, 'lookup', 'example.test']), /zone file .*fifo is not a regular file/);
  const suppress = await runCli(['bounce', 'test/fixtures/bounce/arf-abuse.eml', '--suppress', join(dir, 'no/such/dir.csv')]);
  assert.equal(suppress.code, 2);
  assert.match(suppress.stderr, /^mailcheck: cannot write .*dir\.csv: no such file or folder\n$/);
});

test('echoed input is shortened to about 80 characters and escaped', async () => {
  const long = `${'x'.repeat(300)}.test`;
  const line = await oneLineError([...ZONE, 'domain', long]);
  assert.ok(line.length < 200, line);
  assert.match(line, /x…"/);
  const control = await oneLineError([...ZONE, 'domain', 'bad\u001b]8;;http://evil\u0007.test']);
  assert.doesNotMatch(control, /\u001b/);
  assert.match(control, /\\x1b/);
});

test('--file: FILE:LINE: errors, binary, UTF-16 with and without BOM, not UTF-8, CR-only line ends, empty', async () => {
  assert.match(await oneLineError([...ZONE, 'domain', '--file', file('l.txt', 'example.test\n# ok\nbad..test\n')]), /l\.txt:3: "bad\.\.test" is not a valid domain name/);
  assert.match(await oneLineError([...ZONE, 'domain', '--file', file('bin.txt', Buffer.from('example.test\n\u0000\u0001\u00ffbinary\n', 'latin1'))]), /bin\.txt:2: not text \(binary data\)/);
  assert.match(await oneLineError([...ZONE, 'domain', '--file', file('u16.txt', Buffer.from('\ufeffexample.test\n', 'utf16le'))]), /u16\.txt: UTF-16 text; save it as UTF-8$/);
  assert.match(await oneLineError([...ZONE, 'domain', '--file', file('u16n.txt', Buffer.from('example.test\n', 'utf16le'))]), /u16n\.txt: UTF-16 text/);
  assert.match(await oneLineError([...ZONE, 'domain', '--file', file('gbk.txt', Buffer.from([0x6f, 0x6b, 0x2e, 0x74, 0x65, 0x73, 0x74, 0x0a, 0xc4, 0xe3, 0xba, 0xc3, 0x2e, 0x63, 0x6f, 0x6d, 0x0a]))]), /gbk\.txt:2: not UTF-8 text/);
  assert.match(await oneLineError([...ZONE, 'domain', '--file', file('cr.txt', 'example.test\rexample.org\rbad..test\r')]), /cr\.txt:3: /);
  assert.match(await oneLineError([...ZONE, 'domain', '--file', file('empty.txt', '# nothing\n\n')]), /--file .*empty\.txt has no domains/);
  const crlf = await runCli([...ZONE, '--json', 'domain', '--file', file('ok.txt', '\ufeffexample.test\r\nEXAMPLE.test.\rexample.test\n')]);
  assert.equal(crlf.code, 0, crlf.stderr);
  assert.equal(JSON.parse(crlf.stdout).domain, 'example.test');
});

test('an empty zone file, an empty folder or message for bounce: one line and exit 2 in every output mode', async () => {
  assert.match(await oneLineError(['--zone', file('empty.zone', '; nothing here\n\n'), 'lookup', 'example.test']), /zone file .*empty\.zone has no records$/);
  const folder = join(dir, 'empty-folder');
  mkdirSync(folder);
  const empty = file('empty.eml', '');
  for (const format of [[], ['--json'], ['--format', 'ndjson'], ['--format', 'csv']]) {
    assert.match(await oneLineError([...format, 'bounce', folder]), /no message in .*empty-folder: it is empty$/);
    assert.match(await oneLineError([...format, 'bounce', empty]), /no message in .*empty\.eml/);
  }
  // Beside a real message, an empty input is one notice line on stderr, in every format.
  const mixed = await runCli(['--json', 'bounce', empty, 'test/fixtures/bounce/arf-abuse.eml']);
  assert.equal(JSON.parse(mixed.stdout).length, 1);
  assert.match(mixed.stderr, /empty\.eml: empty, no message\n$/);
});

test('--only-lists "" is an error; ip fe80::1%eth0 is refused as spf refuses it; two spellings of one IP are one report', async () => {
  assert.equal(await oneLineError(['ip', '192.0.2.1', '--only-lists', '']), 'mailcheck: --only-lists needs at least one list zone (comma-separated)');
  assert.equal(await oneLineError([...ZONE, 'ip', 'fe80::1%eth0']), 'mailcheck: fe80::1%eth0: a zone index (%eth0) is not part of an address; give the address alone');
  assert.match(await oneLineError([...ZONE, 'domain', 'example.test', '--ip', 'fe80::1%eth0']), /^mailcheck: --ip fe80::1%eth0: a zone index/);
  assert.match(await oneLineError([...ZONE, 'spf', 'example.test', '--ip', 'fe80::1%eth0']), /^mailcheck: --ip fe80::1%eth0: a zone index/);
  const server = await startDnsServer({ zoneText: '$ORIGIN list.test.\n@ 300 IN SOA ns hostmaster 1 3600 600 86400 300\n' });
  try {
    const r = await runCli(['--resolver', server.resolverArg, '--json', 'ip', '2001:DB8::1', '2001:db8:0::1', '--only-lists', 'bl.list.test']);
    assert.equal(JSON.parse(r.stdout).ip, '2001:db8::1');
  } finally {
    await server.close();
  }
});

test('spf --ip A --ip B checks both (an array in --json); --helo is validated', async () => {
  const both = await runCli([...ZONE, '--json', 'spf', 'example.test', '--ip', '203.0.113.9', '--ip', '198.51.100.1', '--ip', '203.0.113.9']);
  assert.equal(both.code, 0, both.stderr);
  const results = JSON.parse(both.stdout) as { ip: string; result: string }[];
  assert.deepEqual(results.map((x) => [x.ip, x.result]), [['203.0.113.9', 'pass'], ['198.51.100.1', 'softfail']]);
  const text = await runCli([...ZONE, 'spf', 'example.test', '--ip', '203.0.113.9', '--ip', '198.51.100.1']);
  assert.match(text.stdout, /for 203\.0\.113\.9: pass[\s\S]*\n\nSPF example\.test for 198\.51\.100\.1: softfail/);
  const expect = await runCli([...ZONE, 'spf', 'example.test', '--ip', '203.0.113.9', '--ip', '198.51.100.1', '--expect', 'pass']);
  assert.equal(expect.code, 1);
  assert.match(await oneLineError([...ZONE, 'spf', 'example.test', '--ip', '192.0.2.1', '--helo', 'mail\u0001.test']), /--helo takes .* not "mail\\x01\.test"$/);
  assert.match(await oneLineError([...ZONE, 'spf', 'example.test', '--ip', '192.0.2.1', '--helo', 'a'.repeat(300)]), /--helo takes/);
  // What a client may send all the same: a single label, spaces, a literal.
  const odd = await runCli([...ZONE, 'spf', 'example.test', '--ip', '192.0.2.1', '--helo', "JUMPIN' JUPITER"]);
  assert.equal(odd.code, 0, odd.stderr);
});

test('spf: a malformed domain taken from --sender or --helo gives none with the reason; typed alone it is a usage error', async () => {
  const fromSender = await runCli([...ZONE, '--json', 'spf', 'A...example.com', '--ip', '1.2.3.4', '--sender', 'lyme.eater@A...example.com']);
  assert.equal(fromSender.code, 0, fromSender.stderr);
  const json = JSON.parse(fromSender.stdout) as { result: string; reason: string; domain: string };
  assert.equal(json.result, 'none');
  assert.equal(json.domain, 'A...example.com');
  assert.match(json.reason, /is not a fully qualified domain name/);
  const fromHelo = await runCli([...ZONE, '--json', 'spf', 'A2345678', '--ip', '1.2.3.4', '--sender', '', '--helo', 'A2345678']);
  assert.equal((JSON.parse(fromHelo.stdout) as { result: string }).result, 'none');
  const text = await runCli([...ZONE, 'spf', '[1.2.3.5]', '--ip', '1.2.3.4', '--sender', 'foo@[1.2.3.5]']);
  assert.match(text.stdout, /reason +"\[1\.2\.3\.5\]" is not a fully qualified domain name/);
  await oneLineError([...ZONE, 'spf', 'A...example.com', '--ip', '1.2.3.4']);
});
