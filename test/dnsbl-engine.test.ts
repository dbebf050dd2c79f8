import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DnsRecord, LookupResult, QueryType, Resolver } from '../src/dns/types.js';
import { createMemorySource } from '../src/dns/memory.js';
import { parseIp } from '../src/net/ip.js';
import type { DnsblList } from '../src/dnsbl/catalogue.js';
import { findList, listForZone } from '../src/dnsbl/catalogue.js';
import { checkTarget, queryName, summarize } from '../src/dnsbl/engine.js';
import type { ListingDetail } from '../src/dnsbl/classify.js';
import { publicResolverName, publicResolversIn } from '../src/dnsbl/public-resolvers.js';
import { rblCheck } from '../src/checks/rbl.js';
import { checkScore } from '../src/report/score.js';
import { en } from '../src/messages/en/index.js';
import { dnsbl, meaning } from '../src/render/words.js';

/** The English words of a code's meaning ids, and of a detail. */
const m = (ids: readonly string[] | undefined) => meaning(en, ids);
const d = (detail: ListingDetail | null) => (detail ? dnsbl(en, detail.id, detail.data) : '');
import { selftest } from '../src/dnsbl/selftest.js';
import { a, txt } from './helpers/records.js';


const list = (zone: string, extra: Partial<DnsblList> = {}): DnsblList => ({ ...listForZone(zone), ...extra });

// 192.0.2.1 → 1.2.0.192; 2001:db8::1 → 32 nibbles.
const IP = parseIp('192.0.2.1')!;
const IP6 = parseIp('2001:db8::1')!;
const V6 = '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2';

const LISTS: DnsblList[] = [
  { ...findList('zen.spamhaus.org')!, zone: 'zen.test' },
  list('clean.test'),
  list('refuses.test'),
  list('everything.test'),
  list('parked.test'),
  list('silent.test'),
  list('servfail.test'),
  list('nodata.test'),
  list('v4only.test', { kinds: ['ip4'] }),
  { ...findList('multi.uribl.com')!, zone: 'uribl.test' },
  { ...findList('dbl.spamhaus.org')!, zone: 'dbl.test' },
];

const RECORDS: DnsRecord[] = [
  a('1.2.0.192.zen.test', '127.0.0.2'),
  a('1.2.0.192.zen.test', '127.0.0.4'),
  txt('1.2.0.192.zen.test', 'https://check.spamhaus.org/query/ip/192.0.2.1'),
  a('1.2.0.192.refuses.test', '127.255.255.254'),
  a('1.2.0.192.everything.test', '127.0.0.2'),
  a('1.2.0.192.parked.test', '198.51.100.80'),
  txt('1.2.0.192.nodata.test', 'a TXT alone is not a listing'),
  a(`${V6}.zen.test`, '127.0.0.3'),
  a('example.com.uribl.test', '127.0.0.6'),
  a('example.org.uribl.test', '127.0.0.1'),
  a('example.com.dbl.test', '127.0.1.255'),
];

/** Memory source plus a zone that never answers, like a list whose servers drop our packets. */
function fixtureResolver(): Resolver & { asked: string[] } {
  const source = createMemorySource(RECORDS, { failures: [{ name: '1.2.0.192.servfail.test', outcome: 'servfail' }] });
  const asked: string[] = [];
  return {
    asked,
    query<T extends QueryType>(name: string, type: T): Promise<LookupResult<T>> {
      asked.push(`${name} ${type}`);
      if (name.endsWith('.silent.test')) return new Promise(() => {});
      return source.query(name, type);
    },
  };
}

test('queryName: reversed octets, 32 reversed nibbles, registrable domain', () => {
  const zone = list('bl.test', { kinds: ['ip4', 'ip6', 'domain'] });
  assert.equal(queryName(zone, { kind: 'ip', ip: IP }), '1.2.0.192.bl.test');
  assert.equal(queryName(zone, { kind: 'ip', ip: IP6 }), `${V6}.bl.test`);
  assert.equal(queryName(zone, { kind: 'domain', domain: 'Mail.Example.CO.UK.' }), 'example.co.uk.bl.test');
  assert.equal(queryName({ ...zone, domainQuery: 'host' }, { kind: 'domain', domain: 'mail.example.co.uk' }), 'mail.example.co.uk.bl.test');
  assert.equal(queryName(zone, { kind: 'domain', domain: 'TEST' }), 'test.bl.test');
});

test('checkTarget (IPv4): listed with codes, clean, refused, broken, silent, servfail, NODATA', async () => {
  const resolver = fixtureResolver();
  const started = Date.now();
  const results = await checkTarget({ kind: 'ip', ip: IP }, resolver, { lists: LISTS, timeoutMs: 300 });
  const elapsed = Date.now() - started;
  // Not a speed test (bench:rbl measures that): the silent list must not hold the run beyond its budget.
  assert.ok(elapsed < 3000, `the silent list held the run for ${elapsed} ms`);
  const by = Object.fromEntries(results.map((r) => [r.zone, r]));
  assert.deepEqual(Object.keys(by).sort(), ['clean.test', 'everything.test', 'nodata.test', 'parked.test', 'refuses.test', 'servfail.test', 'silent.test', 'v4only.test', 'zen.test']);

  assert.equal(by['zen.test']!.status, 'listed');
  assert.deepEqual(by['zen.test']!.codes, ['127.0.0.2', '127.0.0.4']);
  assert.match(m(by['zen.test']!.meanings[0]), /^SBL/);
  assert.match(m(by['zen.test']!.meanings[1]), /^XBL/);
  assert.equal(by['zen.test']!.reason, 'https://check.spamhaus.org/query/ip/192.0.2.1');
  assert.equal(by['zen.test']!.major, true);

  assert.equal(by['clean.test']!.status, 'clean');
  assert.equal(by['clean.test']!.reason, null);
  assert.equal(by['nodata.test']!.status, 'clean');

  assert.equal(by['refuses.test']!.status, 'refused');
  assert.deepEqual(by['refuses.test']!.codes, ['127.255.255.254']);
  assert.match(d(by['refuses.test']!.detail), /refused/);

  assert.equal(by['everything.test']!.status, 'listed');
  assert.deepEqual(by['everything.test']!.meanings.map(m), ['listed (return code not documented for this list)']);

  assert.equal(by['parked.test']!.status, 'error');
  assert.match(d(by['parked.test']!.detail), /broken list: answered 198\.51\.100\.80/);

  assert.equal(by['silent.test']!.status, 'error');
  assert.match(d(by['silent.test']!.detail), /no answer within 300 ms/);
  assert.equal(by['servfail.test']!.status, 'error');
  assert.match(d(by['servfail.test']!.detail), /servfail/);

  // TXT only for the listings.
  const txtAsked = resolver.asked.filter((q) => q.endsWith(' TXT')).sort();
  assert.deepEqual(txtAsked, ['1.2.0.192.everything.test TXT', '1.2.0.192.zen.test TXT']);

  const summary = summarize(results);
  assert.deepEqual(summary, { total: 9, listed: 2, majorListed: 1, checked: 5, failed: 4, refused: 1 });
  // One scoring rule for a listing everywhere (report/score.ts): a major list 50, another 15.
  const rbl = rblCheck.run({ rbl: { lists: LISTS.length, notCovered: [], entries: [{ target: IP.address, kind: 'ip', sources: [{ role: 'ip' }], listings: results }] } });
  assert.equal(checkScore(rbl.findings), 35);
});

test('checkTarget (IPv6): only lists serving IPv6, nibble names', async () => {
  const results = await checkTarget({ kind: 'ip', ip: IP6 }, fixtureResolver(), { lists: LISTS.filter((l) => l.zone !== 'silent.test'), timeoutMs: 300 });
  assert.ok(!results.some((r) => r.zone === 'v4only.test' || r.zone === 'uribl.test'));
  const zen = results.find((r) => r.zone === 'zen.test')!;
  assert.equal(zen.query, `${V6}.zen.test`);
  assert.equal(zen.status, 'listed');
  assert.deepEqual(zen.meanings.map(m), ['SBL CSS: low-reputation sending IP (snowshoe)']);
});

test('checkTarget (domain): bitmask meanings, URIBL refusal, DBL error code', async () => {
  const results = await checkTarget({ kind: 'domain', domain: 'www.example.com' }, fixtureResolver(), { lists: LISTS, timeoutMs: 300 });
  assert.deepEqual(results.map((r) => r.zone).sort(), ['dbl.test', 'uribl.test']);
  const uribl = results.find((r) => r.zone === 'uribl.test')!;
  assert.equal(uribl.status, 'listed');
  assert.deepEqual(uribl.meanings.map(m), ['black: domain seen in spam; grey: domain of a bulk sender with complaints']);
  const dbl = results.find((r) => r.zone === 'dbl.test')!;
  assert.equal(dbl.status, 'refused');
  assert.match(d(dbl.detail), /IP address was queried against a domain list/);

  const refused = await checkTarget({ kind: 'domain', domain: 'example.org' }, fixtureResolver(), { lists: LISTS, timeoutMs: 300 });
  const uriblRefused = refused.find((r) => r.zone === 'uribl.test')!;
  assert.equal(uriblRefused.status, 'refused');
  assert.match(dnsbl(en, uriblRefused.advice!), /own recursive resolver/);
});

test('127.255.255.0/24 is a refusal for every list, including --list ones', async () => {
  const source = createMemorySource([a('1.2.0.192.mine.test', '127.255.255.1')]);
  const [result] = await checkTarget({ kind: 'ip', ip: IP }, source, { lists: [list('mine.test')], timeoutMs: 300 });
  assert.equal(result!.status, 'refused');
});

test('hostkarma-style clear codes are not listings', async () => {
  const hostkarma = { ...findList('hostkarma.junkemailfilter.com')!, zone: 'hk.test' };
  const source = createMemorySource([a('1.2.0.192.hk.test', '127.0.0.1'), a('2.2.0.192.hk.test', '127.0.0.4')]);
  const [white] = await checkTarget({ kind: 'ip', ip: IP }, source, { lists: [hostkarma], timeoutMs: 300 });
  assert.equal(white!.status, 'clean');
  assert.match(m(white!.meanings[0]), /white/);
  const [brown] = await checkTarget({ kind: 'ip', ip: parseIp('192.0.2.2')! }, source, { lists: [hostkarma], timeoutMs: 300 });
  assert.equal(brown!.status, 'listed');
});

test('every list goes out at once: 60 lists are all in flight together', async () => {
  const lists = Array.from({ length: 60 }, (_, i) => list(`l${i}.test`));
  let inFlight = 0;
  let maxInFlight = 0;
  const slow: Resolver = {
    query: <T extends QueryType>(name: string, type: T) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise<LookupResult<T>>((resolve) =>
        setTimeout(() => {
          inFlight--;
          resolve({ name, type, outcome: 'nxdomain', answers: [], cnames: [], transport: 'memory', ad: false });
        }, 50),
      );
    },
  };
  const results = await checkTarget({ kind: 'ip', ip: IP }, slow, { lists, timeoutMs: 5000 });
  assert.equal(results.length, 60);
  assert.equal(maxInFlight, 60, 'no list waited for another');
});

test('selftest: ok, lists-everything, dead, refused, broken, unreachable', async () => {
  const records: DnsRecord[] = [
    a('2.0.0.127.good.test', '127.0.0.2'),
    a('2.0.0.127.world.test', '127.0.0.2'), a('1.0.0.127.world.test', '127.0.0.2'),
    a('2.0.0.127.refuse.test', '127.255.255.254'), a('1.0.0.127.refuse.test', '127.255.255.254'),
    a('2.0.0.127.parked.test', '203.0.113.7'), a('1.0.0.127.parked.test', '203.0.113.7'),
    a('2.0.0.0.0.0.f.7.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.good.test', '127.0.0.2'),
    a('test.dom.test', '127.0.1.2'),
  ];
  const source = createMemorySource(records, { failures: [{ name: '2.0.0.127.down.test', outcome: 'timeout' }] });
  const lists = [
    list('good.test'), list('world.test', { kinds: ['ip4'] }), list('refuse.test', { kinds: ['ip4'] }), list('parked.test', { kinds: ['ip4'] }),
    list('empty.test', { kinds: ['ip4'] }), list('down.test', { kinds: ['ip4'] }), list('dom.test', { kinds: ['domain'] }),
  ];
  const results = await selftest(lists, source, { timeoutMs: 300 });
  const verdicts = Object.fromEntries(results.map((r) => [`${r.zone}/${r.kind}`, r.verdict]));
  assert.deepEqual(verdicts, {
    'good.test/ip4': 'ok', 'good.test/ip6': 'ok', 'world.test/ip4': 'lists-everything', 'refuse.test/ip4': 'refused',
    'parked.test/ip4': 'broken', 'empty.test/ip4': 'dead', 'down.test/ip4': 'unreachable', 'dom.test/domain': 'ok',
  });
  const ok6 = results.find((r) => r.zone === 'good.test' && r.kind === 'ip6')!;
  assert.deepEqual(ok6.positive, { point: '::ffff:7f00:2', status: 'listed', codes: ['127.0.0.2'] });
});

// Pure name-table lookups: these public resolver addresses are never queried (no socket is opened).
test('public resolver detection: addresses, host:port, [v6]:port, DoH URLs', () => {
  assert.equal(publicResolverName('8.8.8.8'), 'Google Public DNS'); // never queried
  assert.equal(publicResolverName('1.1.1.1:53'), 'Cloudflare'); // never queried
  assert.equal(publicResolverName('[2620:fe::fe]:53'), 'Quad9');
  assert.equal(publicResolverName('2001:4860:4860::8888'), 'Google Public DNS');
  assert.equal(publicResolverName('https://dns.google/dns-query'), 'Google Public DNS');
  assert.equal(publicResolverName('127.0.0.1:5353'), undefined);
  assert.equal(publicResolverName('192.168.1.1'), undefined);
  assert.deepEqual(publicResolversIn(['127.0.0.1']), []);
  assert.deepEqual(publicResolversIn(['127.0.0.1', '9.9.9.9']), [{ server: '9.9.9.9', name: 'Quad9' }]); // never queried
});
