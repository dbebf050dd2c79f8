import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DnsRecord } from '../src/dns/types.js';
import { runCli } from './helpers/run-cli.js';
import { startDnsServer, type DnsServer } from './helpers/dns-server.js';
import { a, txt } from './helpers/records.js';

// `mailcheck ip` end to end: the built binary against the test DNS server on 127.0.0.1.


const RECORDS: DnsRecord[] = [
  // 192.0.2.10: clean everywhere, forward-confirmed PTR.
  { name: '10.2.0.192.in-addr.arpa', type: 'PTR', ttl: 60, data: 'mail.example.test' },
  a('mail.example.test', '192.0.2.10'),
  // 192.0.2.20: on Spamhaus ZEN (major) with two codes and a reason; PTR that does not confirm.
  a('20.2.0.192.zen.spamhaus.org', '127.0.0.2'),
  a('20.2.0.192.zen.spamhaus.org', '127.0.0.4'),
  txt('20.2.0.192.zen.spamhaus.org', 'https://check.spamhaus.org/query/ip/192.0.2.20'),
  { name: '20.2.0.192.in-addr.arpa', type: 'PTR', ttl: 60, data: 'host.example.test' },
  a('host.example.test', '192.0.2.99'),
  // 192.0.2.30: Spamhaus refuses (public resolver code); nothing else.
  a('30.2.0.192.zen.spamhaus.org', '127.255.255.254'),
  // 192.0.2.40: one minor listing.
  a('40.2.0.192.minor.test', '127.0.0.2'),
  // A list answering everything, a parked one answering a web server address.
  a('*.everything.test', '127.0.0.2'),
  a('*.parked.test', '198.51.100.80'),
  // IPv6 2001:db8::1 on the IPv6-capable list.
  a('1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.spamhaus.org', '127.0.0.3'),
  // RFC 5782 test points: zen and minor behave; everything.test lists 127.0.0.1 too.
  a('2.0.0.127.zen.spamhaus.org', '127.0.0.2'),
  a('2.0.0.0.0.0.f.7.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.zen.spamhaus.org', '127.0.0.2'),
  a('2.0.0.127.minor.test', '127.0.0.2'),
];

let server: DnsServer;
before(async () => {
  server = await startDnsServer({ records: RECORDS, rules: [{ match: /\.silent\.test$/, behaviour: 'drop' }, { match: /\.broken\.test$/, behaviour: 'servfail' }] });
});
after(async () => server.close());

const ip = (...args: string[]) => runCli(['ip', '--resolver', server.resolverArg, '--timeout', '1500', ...args]);
const LISTS = ['--only-lists', 'zen.spamhaus.org,minor.test'];

test('e2e ip: clean address with FCrDNS exits 0', async () => {
  const r = await ip(...LISTS, '192.0.2.10');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /reverse DNS: mail\.example\.test \(forward-confirmed\)/);
  assert.match(r.stdout, /not listed +Spamhaus ZEN \(zen\.spamhaus\.org\) major/);
  assert.match(r.stdout, /listed on 0 of 2 lists \(0 major\); score 100\/100/);
  assert.equal(r.stderr, '');
});

test('e2e ip: listed on a major list exits 1 with codes, meanings, reason and delisting page', async () => {
  const r = await ip(...LISTS, '192.0.2.20');
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /LISTED +Spamhaus ZEN \(zen\.spamhaus\.org\) major/);
  assert.match(r.stdout, /127\.0\.0\.2: SBL/);
  assert.match(r.stdout, /127\.0\.0\.4: XBL/);
  assert.match(r.stdout, /reason: https:\/\/check\.spamhaus\.org\/query\/ip\/192\.0\.2\.20/);
  assert.match(r.stdout, /delisting: https:\/\/check\.spamhaus\.org\//);
  assert.match(r.stdout, /does not resolve back to this IP: FCrDNS fails/);
  assert.match(r.stdout, /listed on 1 of 2 lists \(1 major\); score 50\/100/);
});

test('e2e ip: one minor listing stays under --max-listings (exit 0); --max-listings 0 makes it exit 1', async () => {
  assert.equal((await ip(...LISTS, '192.0.2.40')).code, 0);
  assert.equal((await ip(...LISTS, '--max-listings', '0', '192.0.2.40')).code, 1);
});

test('e2e ip: refused by the operator is exit 3, with what to do', async () => {
  const r = await ip(...LISTS, '192.0.2.30');
  assert.equal(r.code, 3);
  assert.match(r.stdout, /REFUSED BY LIST +Spamhaus ZEN/);
  assert.match(r.stdout, /127\.255\.255\.254: query refused: it came through a public or open resolver/);
  assert.match(r.stdout, /what to do: query through your own recursive resolver/);
});

test('e2e ip: a silent list and a SERVFAIL list are "could not check" (exit 3), and the silent one costs one timeout', async () => {
  const started = Date.now();
  const r = await ip('--only-lists', 'minor.test,silent.test,broken.test', '--retries', '0', '192.0.2.10');
  const elapsed = Date.now() - started;
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stdout, /COULD NOT CHECK +silent\.test[^\n]*\n +could not check: no answer within 1500 ms/);
  assert.match(r.stdout, /COULD NOT CHECK +broken\.test[^\n]*\n +could not check: servfail/);
  assert.match(r.stdout, /2 could not be checked/);
  assert.ok(elapsed < 8000, `took ${elapsed} ms`); // a hang guard, not a speed test (bench:rbl is)
});

test('e2e ip: a list answering outside 127/8 is broken, not a listing; a list answering everything is a listing (selftest catches it)', async () => {
  const r = await ip('--only-lists', 'parked.test,everything.test', '--max-listings', '5', '192.0.2.10');
  assert.match(r.stdout, /COULD NOT CHECK +parked\.test[^\n]*\n +198\.51\.100\.80: broken list/);
  assert.match(r.stdout, /LISTED +everything\.test/);
  assert.equal(r.code, 3);
});

test('e2e ip --json: documented shape; IPv6; several addresses give an array', async () => {
  const one = JSON.parse((await ip(...LISTS, '--json', '192.0.2.20')).stdout);
  assert.equal(one.ip, '192.0.2.20');
  assert.deepEqual(one.ptr, ['host.example.test']);
  assert.equal(one.fcrdns, false);
  assert.deepEqual([one.listed, one.majorListed, one.checked, one.failed, one.score], [1, 1, 2, 0, 50]);
  const zen = one.listings.find((l: { zone: string }) => l.zone === 'zen.spamhaus.org');
  assert.deepEqual(
    { status: zen.status, codes: zen.codes, reason: zen.reason, delist: zen.delist },
    { status: 'listed', codes: ['127.0.0.2', '127.0.0.4'], reason: 'https://check.spamhaus.org/query/ip/192.0.2.20', delist: 'https://check.spamhaus.org/' },
  );
  const many = JSON.parse((await ip(...LISTS, '--json', '192.0.2.10', '2001:db8::1')).stdout);
  assert.equal(many.length, 2);
  assert.equal(many[1].ip, '2001:db8::1');
  assert.match(many[1].notice, /documentation|reserved/);
  // minor.test is an IPv4+IPv6 list (unknown zones are), zen serves IPv6.
  const zen6 = many[1].listings.find((l: { zone: string }) => l.zone === 'zen.spamhaus.org');
  assert.deepEqual(zen6.meanings, ['SBL CSS: low-reputation sending IP (snowshoe)']);
});

test('e2e ip: malformed address exits 2 with one line on stderr', async () => {
  const r = await ip('192.0.2.1', 'not-an-ip');
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'mailcheck: not an IPv4 or IPv6 address: "not-an-ip"\n');
});

test('e2e ip --selftest: ok lists, a list that lists everything, a silent list', async () => {
  const r = await ip('--selftest', '--only-lists', 'zen.spamhaus.org,minor.test,everything.test,silent.test', '--retries', '0', '--json');
  const verdicts = Object.fromEntries((JSON.parse(r.stdout) as { zone: string; kind: string; verdict: string }[]).map((x) => [`${x.zone}/${x.kind}`, x.verdict]));
  assert.deepEqual(verdicts, {
    'zen.spamhaus.org/ip4': 'ok', 'zen.spamhaus.org/ip6': 'ok',
    'minor.test/ip4': 'ok', 'minor.test/ip6': 'dead',
    'everything.test/ip4': 'lists-everything', 'everything.test/ip6': 'lists-everything',
    'silent.test/ip4': 'unreachable', 'silent.test/ip6': 'unreachable',
  });
  assert.equal(r.code, 1);
});

test('e2e ip --zone: lists the zone files do not describe are never reported clean', async () => {
  const r = await runCli(['--zone', 'examples/example.test.zone', 'ip', '192.0.2.25']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^mailcheck: the zone files describe none of the \d+ lists; add the lists' records to them, or ask the network\n$/);
});
