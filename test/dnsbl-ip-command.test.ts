import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command, CommanderError } from 'commander';
import type { DnsRecord, Resolver } from '../src/dns/types.js';
import { createMemorySource } from '../src/dns/memory.js';
import { addGlobalOptions } from '../src/cli/global-options.js';
import { UsageError } from '../src/cli/exit-codes.js';
import { memoryIo } from '../src/cli/io.js';
import { createIpCommand } from '../src/cli/commands/ip.js';
import { en } from '../src/messages/en/index.js';
import { text } from '../src/messages/types.js';
import { a } from './helpers/records.js';

// The `ip` command in-process, on an in-memory resolver (end-to-end runs on the test DNS server are in e2e-ip).

const RECORDS: DnsRecord[] = [
  { name: '25.2.0.192.in-addr.arpa', type: 'PTR', ttl: 60, data: 'mail.example.test' },
  a('mail.example.test', '192.0.2.25'),
  a('25.2.0.192.zen.spamhaus.org', '127.0.0.2'),
  a('26.2.0.192.minor1.test', '127.0.0.2'),
  a('26.2.0.192.minor2.test', '127.0.0.3'),
  a('26.2.0.192.minor3.test', '127.0.0.4'),
  { name: '26.2.0.192.minor1.test', type: 'TXT', ttl: 60, data: 'see https://minor1.test/lookup' },
  a('27.2.0.192.zen.spamhaus.org', '127.255.255.254'),
];

async function runIp(argv: string[], records = RECORDS, servers: string[] = ['127.0.0.1']) {
  const io = memoryIo();
  let exitCode = 0;
  const source: Resolver = createMemorySource(records, { failures: [{ name: '28.2.0.192.minor1.test', outcome: 'timeout' }] });
  const program = new Command('mailcheck').exitOverride().configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  addGlobalOptions(program);
  createIpCommand({ buildResolver: async () => source, configuredServers: async () => servers }).register(program, { io, setExitCode: (code) => (exitCode = code) });
  try {
    await program.parseAsync(['ip', ...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`mailcheck: ${text(en, 'errors', error.code, error.data)}\n`);
      exitCode = 2;
    } else if (error instanceof CommanderError) exitCode = error.exitCode === 0 ? 0 : 2;
    else throw error;
  }
  return { code: exitCode, out: io.out, err: io.err };
}

const MINE = ['--only-lists', 'zen.spamhaus.org,minor1.test,minor2.test,minor3.test'];

test('ip: clean address with FCrDNS exits 0 and prints every list and the summary', async () => {
  const r = await runIp([...MINE, '192.0.2.25', '--skip-lists', 'zen.spamhaus.org']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /reverse DNS: mail\.example\.test \(forward-confirmed\)/);
  assert.equal((r.out.match(/not listed {5}/g) ?? []).length, 3);
  assert.match(r.out, /listed on 0 of 3 lists \(0 major\); score 100\/100/);
  assert.equal(r.err, '');
});

test('ip: a major listing exits 1', async () => {
  const r = await runIp([...MINE, '192.0.2.25']);
  assert.equal(r.code, 1);
  assert.match(r.out, /LISTED +Spamhaus ZEN \(zen\.spamhaus\.org\) major/);
  assert.match(r.out, /listed on 1 of 4 lists \(1 major\)/);
});

test('ip: minor listings exit 1 only above --max-listings', async () => {
  const lists = ['--only-lists', 'minor1.test,minor2.test,minor3.test'];
  assert.equal((await runIp([...lists, '192.0.2.26'])).code, 1, 'three listings > default 2');
  assert.equal((await runIp([...lists, '--max-listings', '3', '192.0.2.26'])).code, 0);
  const r = await runIp([...lists, '--max-listings', '3', '192.0.2.26']);
  assert.match(r.out, /reason: see https:\/\/minor1\.test\/lookup/);
  assert.match(r.out, /reverse DNS: no PTR record/);
});

test('ip: a refusal or a timeout with nothing listed exits 3, and is never "not listed"', async () => {
  const refused = await runIp([...MINE, '192.0.2.27']);
  assert.equal(refused.code, 3);
  assert.match(refused.out, /REFUSED BY LIST +Spamhaus ZEN/);
  assert.match(refused.out, /1 could not be checked \(1 refused by the operator\)/);
  const timeout = await runIp([...MINE, '192.0.2.28']);
  assert.equal(timeout.code, 3);
  assert.match(timeout.out, /COULD NOT CHECK +minor1\.test/);
});

test('ip --json: the documented shape; several addresses give an array', async () => {
  const one = JSON.parse((await runIp([...MINE, '--json', '192.0.2.25'])).out);
  assert.deepEqual(Object.keys(one).slice(0, 11), ['ip', 'notice', 'ptr', 'fcrdns', 'rdns', 'listings', 'listed', 'majorListed', 'checked', 'failed', 'score']);
  assert.equal(one.ip, '192.0.2.25');
  assert.deepEqual(one.ptr, ['mail.example.test']);
  assert.equal(one.fcrdns, true);
  const major = one.listings.find((l: { zone: string }) => l.zone === 'zen.spamhaus.org');
  assert.deepEqual(Object.keys(major), ['list', 'zone', 'status', 'codes', 'meanings', 'reason', 'delist', 'major', 'detail', 'advice']);
  assert.equal(major.status, 'listed');
  assert.deepEqual([one.listed, one.checked, one.failed], [1, 4, 0]);
  const many = JSON.parse((await runIp([...MINE, '--json', '192.0.2.25', '2001:db8::1'])).out);
  assert.ok(Array.isArray(many));
  assert.equal(many.length, 2);
  assert.equal(many[1].ip, '2001:db8::1');
});

test('ip: documentation/private addresses are looked up with a notice; malformed ones exit 2', async () => {
  const r = await runIp([...MINE, '10.1.2.3']);
  assert.match(r.out, /notice: 10\.1\.2\.3 is a private \(RFC 1918\) address: public lists do not cover it/);
  const bad = await runIp([...MINE, '192.0.2.1', '300.1.1.1']);
  assert.equal(bad.code, 2);
  assert.equal(bad.err, 'mailcheck: not an IPv4 or IPv6 address: "300.1.1.1"\n');
  assert.equal(bad.out, '');
  assert.equal((await runIp([])).code, 2);
  assert.equal((await runIp(['--skip-lists', 'no-such-list.test', '192.0.2.1'])).code, 2);
  assert.equal((await runIp(['--max-listings', 'x', '192.0.2.1'])).code, 2);
  const badZone = await runIp(['--list', 'not a zone', '192.0.2.1']);
  assert.equal(badZone.code, 2);
  assert.equal(badZone.err, 'mailcheck: not a DNS zone name: "not a zone"\n');
});

test('ip: a public resolver gets one warning on stderr', async () => {
  const r = await runIp([...MINE, '192.0.2.25', '192.0.2.26'], RECORDS, ['8.8.8.8']); // never queried: only the configured-servers list; answers come from the memory source
  assert.equal((r.err.match(/warning/g) ?? []).length, 1);
  assert.match(r.err, /8\.8\.8\.8 \(Google Public DNS\) is a public one/);
});

test('ip --quiet prints only what needs attention', async () => {
  const r = await runIp([...MINE, '-q', '192.0.2.25']);
  assert.doesNotMatch(r.out, /not listed {5}/);
  assert.doesNotMatch(r.out, /reverse DNS/);
  assert.match(r.out, /LISTED/);
});

test('ip --selftest: per-list verdicts and exit code', async () => {
  const records = [a('2.0.0.127.good.test', '127.0.0.2'), a('2.0.0.127.world.test', '127.0.0.2'), a('1.0.0.127.world.test', '127.0.0.2')];
  const r = await runIp(['--selftest', '--only-lists', 'good.test,world.test', '--json'], records);
  const results = JSON.parse(r.out) as { zone: string; kind: string; verdict: string }[];
  const verdicts = Object.fromEntries(results.map((x) => [`${x.zone}/${x.kind}`, x.verdict]));
  assert.deepEqual(verdicts, { 'good.test/ip4': 'ok', 'good.test/ip6': 'dead', 'world.test/ip4': 'lists-everything', 'world.test/ip6': 'dead' });
  assert.equal(r.code, 1);
  const text = await runIp(['--selftest', '--only-lists', 'world.test'], records);
  assert.match(text.out, /LISTS EVERYTHING +world\.test \(world\.test, ip4\)/);
  assert.equal((await runIp(['--selftest', '192.0.2.1'])).code, 2);
});
