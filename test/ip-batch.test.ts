import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import type { DnsRecord } from '../src/dns/types.js';
import { createMemorySource } from '../src/dns/memory.js';
import { addGlobalOptions } from '../src/cli/global-options.js';
import { UsageError } from '../src/cli/exit-codes.js';
import { memoryIo } from '../src/cli/io.js';
import { createIpCommand } from '../src/cli/commands/ip.js';
import { en } from '../src/messages/en/index.js';
import { text } from '../src/messages/types.js';
import { a } from './helpers/records.js';

// `ip --file FILE` and `ip -`: addresses one per line, as `domain --file` takes domains.

const RECORDS: DnsRecord[] = [a('25.2.0.192.zen.spamhaus.org', '127.0.0.2'), { name: '25.2.0.192.in-addr.arpa', type: 'PTR', ttl: 60, data: 'mail.example.test' }, a('mail.example.test', '192.0.2.25')];

async function ip(argv: string[], stdin = '') {
  const io = memoryIo({ stdin: Buffer.from(stdin) });
  let exitCode = 0;
  const program = new Command('mailcheck').exitOverride();
  addGlobalOptions(program);
  createIpCommand({ buildResolver: async () => createMemorySource(RECORDS), configuredServers: async () => ['127.0.0.1'] }).register(program, { io, setExitCode: (code) => (exitCode = code) });
  try {
    await program.parseAsync(['ip', ...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`mailcheck: ${text(en, 'errors', error.code, error.data)}\n`);
    exitCode = 2;
  }
  return { code: exitCode, stdout: io.out, stderr: io.err };
}

const file = (body: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'mailcheck-ip-')), 'ips.txt');
  writeFileSync(path, body);
  return path;
};

test('ip --file: one address per line, # comments, duplicates once, with the arguments first', async () => {
  const r = await ip(['--json', '--only-lists', 'zen.spamhaus.org', '198.51.100.9', '--file', file('# senders\n192.0.2.25\r\n\n2001:db8::1  # v6\n2001:DB8:0::1\n192.0.2.25\n')]);
  const reports = JSON.parse(r.stdout) as { ip: string }[];
  assert.deepEqual(reports.map((x) => x.ip), ['198.51.100.9', '192.0.2.25', '2001:db8::1']);
  assert.equal(r.code, 1, 'the listed address fails the run');
});

test('ip - reads the addresses from standard input', async () => {
  const r = await ip(['--json', '--only-lists', 'zen.spamhaus.org', '-'], '192.0.2.25\n198.51.100.9\n');
  assert.deepEqual((JSON.parse(r.stdout) as { ip: string }[]).map((x) => x.ip), ['192.0.2.25', '198.51.100.9']);
});

test('a line that is not an address names the file and line; an empty file is refused', async () => {
  const bad = file('192.0.2.1\nmail.example.test\n');
  const r = await ip(['--file', bad]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `mailcheck: ${bad}:2: not an IPv4 or IPv6 address: "mail.example.test"\n`);
  const empty = file('# nothing\n\n');
  assert.equal((await ip(['--file', empty])).stderr, `mailcheck: ${empty} has no addresses (only blank lines and comments)\n`);
  const zone = file('fe80::1%eth0\n');
  assert.equal((await ip(['--file', zone])).stderr, `mailcheck: ${zone}:1: not an IPv4 or IPv6 address: "fe80::1%eth0"\n`);
});

test('ip reads the config: its sending IPs when no address is given, its lists, its resolver', async () => {
  const { startDnsServer } = await import('./helpers/dns-server.js');
  const { run } = await import('../src/cli/main.js');
  const server = await startDnsServer({ records: RECORDS });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'mailcheck-ip-'));
    writeFileSync(join(dir, 'mailcheck.config.json'), JSON.stringify({ ips: ['192.0.2.25', '198.51.100.9'], lists: { only: ['zen.spamhaus.org'] }, resolver: { servers: [server.resolverArg] } }));
    const io = memoryIo({ cwd: dir });
    const code = await run(['--json', 'ip'], io);
    const reports = JSON.parse(io.out) as { ip: string; listings: { zone: string }[] }[];
    assert.deepEqual(reports.map((r) => r.ip), ['192.0.2.25', '198.51.100.9']);
    assert.deepEqual(reports[0]?.listings.map((l) => l.zone), ['zen.spamhaus.org']);
    assert.equal(code, 1, 'the listed address');
    // An address on the command line replaces the config's; --no-config ignores it.
    const one = memoryIo({ cwd: dir });
    await run(['--json', 'ip', '198.51.100.9'], one);
    assert.equal(JSON.parse(one.out).ip, '198.51.100.9');
    const none = memoryIo({ cwd: dir });
    assert.equal(await run(['ip', '--no-config'], none), 2);
  } finally {
    await server.close();
  }
});
