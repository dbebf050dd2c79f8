import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemorySource } from '../src/dns/memory.js';
import { createCachingResolver } from '../src/dns/resolver.js';
import type { DnsRecord, LookupResult, QueryType, Resolver } from '../src/dns/types.js';
import { gatherSpf } from '../src/gather/spf.js';
import type { MemorySourceOptions } from '../src/dns/memory.js';
import { a, aaaa, mx, txt } from './helpers/records.js';


function resolverOf(records: DnsRecord[], options?: MemorySourceOptions): Resolver {
  return createCachingResolver(createMemorySource(records, options));
}

test('a healthy nested tree: counts, bytes, addresses of the own record', async () => {
  const records = [
    txt('example.test', 'v=spf1 mx a:out.example.test ip4:192.0.2.10 ip4:198.51.100.0/24 ip6:2001:db8::25 include:_spf.provider.test -all'),
    txt('example.test', 'google-site-verification=abc'),
    mx('example.test', 'mx1.example.test'),
    mx('example.test', 'mx2.example.test', 20),
    a('mx1.example.test', '192.0.2.1'),
    a('mx2.example.test', '192.0.2.2'),
    aaaa('mx2.example.test', '2001:db8::2'),
    a('out.example.test', '192.0.2.30'),
    txt('_spf.provider.test', 'v=spf1 include:_netblocks.provider.test include:_netblocks2.provider.test ~all'),
    txt('_netblocks.provider.test', 'v=spf1 ip4:203.0.113.0/24 ~all'),
    txt('_netblocks2.provider.test', 'v=spf1 ip6:2001:db8:1::/48 a ~all'),
    a('_netblocks2.provider.test', '203.0.113.99'),
  ];
  const facts = await gatherSpf('Example.Test.', resolverOf(records));
  assert.equal(facts.domain, 'example.test');
  assert.equal(facts.txt, 'answer');
  assert.deepEqual(facts.records, [records[0]?.data]);
  assert.equal(facts.tree.status, 'ok');
  assert.equal(facts.bytes, Buffer.byteLength(records[0]?.data as string));
  // mx, a:out, include (top) + include, include (provider) + a (netblocks2) = 6
  assert.equal(facts.lookups, 6);
  assert.equal(facts.voidLookups, 0);
  assert.deepEqual(facts.loops, []);
  assert.deepEqual(facts.missingIncludes, []);
  assert.deepEqual(facts.failures, []);
  assert.equal(facts.incomplete, false);
  assert.deepEqual(facts.spfRrRecords, []);
  const include = facts.tree.children[0];
  assert.equal(include?.via, 'include');
  assert.equal(include?.term, 'include:_spf.provider.test');
  assert.deepEqual(include?.node?.children.map((e) => [e.target, e.node?.status]), [
    ['_netblocks.provider.test', 'ok'],
    ['_netblocks2.provider.test', 'ok'],
  ]);
  assert.deepEqual(
    facts.addresses.map((x) => [x.ip, x.term, x.host]).sort(),
    [
      ['192.0.2.1', 'mx', 'mx1.example.test'],
      ['192.0.2.10', 'ip4:192.0.2.10', undefined],
      ['192.0.2.2', 'mx', 'mx2.example.test'],
      ['192.0.2.30', 'a:out.example.test', 'out.example.test'],
      ['2001:db8::2', 'mx', 'mx2.example.test'],
      ['2001:db8::25', 'ip6:2001:db8::25', undefined],
    ].sort(),
  );
});

test('too many lookups: counted in evaluation order, and nothing past the 10th is looked up', async () => {
  const records = [
    txt('big.test', 'v=spf1 a mx include:one.test include:two.test include:three.test -all'),
    a('big.test', '192.0.2.1'),
    mx('big.test', 'big.test'),
    txt('one.test', 'v=spf1 a:x.one.test a:y.one.test exists:%{i}.bl.one.test ~all'),
    txt('two.test', 'v=spf1 ptr include:four.test ?all'),
    txt('three.test', 'v=spf1 ip4:192.0.2.0/24 redirect=four.test'),
    txt('four.test', 'v=spf1 mx:four.test -all'),
    mx('four.test', 'mail.four.test'),
    a('x.one.test', '192.0.2.2'),
    a('y.one.test', '192.0.2.3'),
  ];
  const facts = await gatherSpf('big.test', resolverOf(records));
  // In evaluation order: a 1, mx 2, include:one 3 (a 4, a 5, exists 6), include:two 7 (ptr 8,
  // include:four 9 (mx 10)), include:three 11 (redirect=four 12): a receiver stops at 11 with
  // permerror, so three's redirect is counted but not followed, and four's mx (via three) is unknown.
  assert.equal(facts.lookups, 12);
  assert.equal(facts.lookupsMinimum, true);
  assert.ok(facts.lookups > 10);
  assert.equal(facts.incomplete, false);
  assert.deepEqual(facts.notFollowed, { count: 1, terms: [{ domain: 'three.test', term: 'redirect=four.test' }] });
  const three = facts.tree.children.find((e) => e.target === 'three.test')?.node;
  assert.deepEqual(three?.children.map((e) => [e.via, e.term, e.skipped]), [['redirect', 'redirect=four.test', 'lookup-limit']]);
  const four = facts.tree.children.find((e) => e.target === 'two.test')?.node?.children.find((e) => e.target === 'four.test')?.node;
  assert.equal(four?.status, 'ok');
});

test('terms after all, and redirect beside all, are never evaluated and not counted', async () => {
  const records = [txt('dead.test', 'v=spf1 a -all include:never.test redirect=never.test'), a('dead.test', '192.0.2.1')];
  const facts = await gatherSpf('dead.test', resolverOf(records));
  assert.equal(facts.lookups, 1);
  assert.deepEqual(facts.tree.children, []);
});

test('void lookups: include targets and a/mx names that do not exist', async () => {
  const records = [
    txt('void.test', 'v=spf1 a:gone.void.test mx:nomx.void.test include:nx.test include:nodata.void.test include:nospf.void.test -all'),
    a('nomx.void.test', '192.0.2.1'),
    a('nodata.void.test', '192.0.2.2'),
    txt('nospf.void.test', 'hello'),
  ];
  const facts = await gatherSpf('void.test', resolverOf(records));
  // gone (a: no A/AAAA), nomx (no MX), nx.test (NXDOMAIN), nodata.void.test (NODATA); nospf has TXT, so not void
  assert.equal(facts.voidLookups, 4);
  assert.deepEqual(facts.tree.voidNames.sort(), ['gone.void.test', 'nomx.void.test']);
  assert.deepEqual(
    facts.missingIncludes.map((m) => [m.domain, m.outcome]),
    [
      ['nx.test', 'nxdomain'],
      ['nodata.void.test', 'nodata'],
      ['nospf.void.test', 'answer'],
    ],
  );
  assert.equal(facts.incomplete, false);
});

test('loop: an include chain revisiting a domain is reported, not followed', async () => {
  const records = [
    txt('loop.test', 'v=spf1 include:b.loop.test -all'),
    txt('b.loop.test', 'v=spf1 include:c.loop.test ~all'),
    txt('c.loop.test', 'v=spf1 include:loop.test ~all'),
    txt('self.test', 'v=spf1 redirect=self.test'),
  ];
  const facts = await gatherSpf('loop.test', resolverOf(records));
  assert.deepEqual(facts.loops, [{ chain: ['loop.test', 'b.loop.test', 'c.loop.test', 'loop.test'], term: 'include:loop.test' }]);
  assert.equal(facts.lookups, 3);
  const self = await gatherSpf('self.test', resolverOf(records));
  assert.deepEqual(self.loops, [{ chain: ['self.test', 'self.test'], term: 'redirect=self.test' }]);
});

test('the same include reached twice (cname aliasing) is walked twice and counted twice, not a loop', async () => {
  const records = [
    txt('twice.test', 'v=spf1 include:a.twice.test include:b.twice.test -all'),
    txt('a.twice.test', 'v=spf1 ip4:192.0.2.0/24 ~all'),
    { name: 'b.twice.test', type: 'CNAME', ttl: 300, data: 'a.twice.test' } as DnsRecord,
  ];
  const facts = await gatherSpf('twice.test', resolverOf(records));
  assert.equal(facts.lookups, 2);
  assert.deepEqual(facts.loops, []);
  assert.deepEqual(facts.tree.children.map((e) => e.node?.status), ['ok', 'ok']);
});

test('missing include: NXDOMAIN target is a missing include and a void lookup', async () => {
  const records = [txt('mi.test', 'v=spf1 include:spf.gone.test ~all')];
  const facts = await gatherSpf('mi.test', resolverOf(records));
  assert.deepEqual(facts.missingIncludes, [{ from: 'mi.test', term: 'include:spf.gone.test', domain: 'spf.gone.test', outcome: 'nxdomain' }]);
  assert.equal(facts.tree.children[0]?.node?.status, 'missing');
  assert.equal(facts.voidLookups, 1);
});

test('failure: a timed-out include makes the facts incomplete, never missing', async () => {
  const records = [txt('fail.test', 'v=spf1 include:slow.test mx ~all'), mx('fail.test', 'mx.fail.test')];
  const facts = await gatherSpf('fail.test', resolverOf(records, { failures: [{ name: 'slow.test', outcome: 'timeout' }, { name: 'mx.fail.test', outcome: 'servfail' }] }));
  assert.equal(facts.incomplete, true);
  assert.deepEqual(facts.missingIncludes, []);
  assert.equal(facts.tree.children[0]?.node?.status, 'failed');
  assert.deepEqual(
    facts.failures.map((f) => [f.name, f.type, f.outcome]).sort(),
    [
      ['mx.fail.test', 'A', 'servfail'],
      ['mx.fail.test', 'AAAA', 'servfail'],
      ['slow.test', 'TXT', 'timeout'],
    ],
  );

  const top = await gatherSpf('fail.test', resolverOf(records, { failures: [{ name: 'fail.test', outcome: 'servfail', types: ['TXT'] }] }));
  assert.equal(top.txt, 'servfail');
  assert.equal(top.tree.status, 'failed');
  assert.deepEqual(top.records, []);
  assert.equal(top.incomplete, true);
});

test('multiple records, none, syntax error, and the deprecated SPF RR type', async () => {
  const records = [
    txt('multi.test', 'v=spf1 -all'),
    txt('multi.test', 'V=SPF1 ~all'),
    txt('none.test', 'v=spf10 -all'),
    a('nothing.test', '192.0.2.1'),
    txt('bad.test', 'v=spf1 a:museum ip4:1.2.3 -all'),
    { name: 'bad.test', type: 'SPF', ttl: 300, data: 'v=spf1 -all' } as DnsRecord,
  ];
  const resolver = resolverOf(records);
  const multi = await gatherSpf('multi.test', resolver);
  assert.equal(multi.tree.status, 'multiple');
  assert.equal(multi.records.length, 2);
  assert.equal(multi.bytes, null);

  const none = await gatherSpf('none.test', resolver);
  assert.equal(none.tree.status, 'missing');
  assert.deepEqual(none.records, []);
  const nothing = await gatherSpf('nothing.test', resolver);
  assert.equal(nothing.txt, 'nodata');
  assert.equal(nothing.tree.status, 'missing');

  const bad = await gatherSpf('bad.test', resolver);
  assert.equal(bad.tree.status, 'syntax-error');
  assert.deepEqual(bad.tree.errors?.map((e) => e.term), ['a:museum', 'ip4:1.2.3']);
  assert.deepEqual(bad.spfRrRecords, ['v=spf1 -all']);
});

test('macro targets are not walked, and all lookups of one record are issued at once', async () => {
  const records = [
    txt('macro.test', 'v=spf1 include:%{ir}.%{v}._spf.macro.test include:p1.test include:p2.test include:p3.test -all'),
    txt('p1.test', 'v=spf1 include:q1.test -all'),
    txt('p2.test', 'v=spf1 -all'),
    txt('p3.test', 'v=spf1 -all'),
    txt('q1.test', 'v=spf1 -all'),
  ];
  const inner = createMemorySource(records);
  let inFlight = 0;
  let peak = 0;
  const slow: Resolver = {
    async query<T extends QueryType>(name: string, type: T): Promise<LookupResult<T>> {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return inner.query(name, type);
    },
  };
  const facts = await gatherSpf('macro.test', slow);
  assert.equal(facts.tree.children[0]?.skipped, 'macro');
  assert.equal(facts.tree.children[0]?.target, '%{ir}.%{v}._spf.macro.test');
  assert.equal(facts.lookups, 5);
  assert.ok(peak >= 3, `the three includes should be looked up concurrently (peak ${peak})`);
});

test('own addresses follow redirect= (it replaces the policy) but not include:', async () => {
  const records = [
    txt('redir.test', 'v=spf1 redirect=_spf.redir.test'),
    txt('_spf.redir.test', 'v=spf1 ip4:192.0.2.7 ip4:192.0.2.0/24 a:out.redir.test include:other.test -all'),
    a('out.redir.test', '192.0.2.8'),
    txt('other.test', 'v=spf1 ip4:203.0.113.1 a:host.other.test -all'),
    a('host.other.test', '203.0.113.2'),
  ];
  const facts = await gatherSpf('redir.test', resolverOf(records));
  assert.deepEqual(
    facts.addresses.map((x) => [x.ip, x.term]),
    [
      ['192.0.2.7', 'ip4:192.0.2.7'],
      ['192.0.2.8', 'a:out.redir.test'],
    ],
  );
});

test('a runaway tree is cut at the 10th lookup in evaluation order, with a bounded number of queries', async () => {
  // Every node includes the next two levels' worth of distinct names: a binary tree of depth 8.
  const records: DnsRecord[] = [];
  const name = (path: string) => `n${path}.wide.test`;
  const add = (path: string, depth: number) => {
    if (depth === 8) {
      records.push(txt(name(path), 'v=spf1 -all'));
      return;
    }
    records.push(txt(name(path), `v=spf1 include:${name(`${path}0`)} include:${name(`${path}1`)} -all`));
    add(`${path}0`, depth + 1);
    add(`${path}1`, depth + 1);
  };
  add('', 0);
  const source = createMemorySource(records);
  let queries = 0;
  const counting: Resolver = { query: (n, t) => (queries++, source.query(n, t)) };
  const facts = await gatherSpf(name(''), counting);
  assert.equal(facts.truncated, false);
  assert.equal(facts.lookupsMinimum, true);
  let count = 0;
  const visit = (node: typeof facts.tree) => {
    count++;
    for (const edge of node.children) if (edge.node) visit(edge.node);
  };
  visit(facts.tree);
  // Each level is one round of lookups, and an include is fetched only while it is within the first
  // 10 lookups as far as the tree is known (at most 10 new ones a round): 29 records, not 100.
  assert.equal(count, 29);
  assert.equal(queries, 2 + 28);
  assert.ok(facts.notFollowed.count > 0);
});

test('%{d} and %{o} targets are expanded with the domains and walked', async () => {
  const records = [
    txt('dmacro.test', 'v=spf1 include:_spf.%{d} redirect=%{o}.rest.test'),
    txt('_spf.dmacro.test', 'v=spf1 a:%{d2}.hosts.test -all'),
    a('dmacro.test.hosts.test', '192.0.2.1'),
    txt('dmacro.test.rest.test', 'v=spf1 -all'),
  ];
  const facts = await gatherSpf('dmacro.test', resolverOf(records));
  assert.deepEqual(facts.tree.children.map((e) => [e.target, e.node?.status]), [
    ['_spf.dmacro.test', 'ok'],
    ['dmacro.test.rest.test', 'ok'],
  ]);
  assert.equal(facts.voidLookups, 0);
  assert.equal(facts.lookups, 3);
});
