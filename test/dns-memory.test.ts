import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemorySource } from '../src/dns/memory.js';
import { createCachingResolver } from '../src/dns/resolver.js';
import type { DnsRecord, LookupResult, QueryType, Resolver } from '../src/dns/types.js';

const records: DnsRecord[] = [
  { name: 'example.test', type: 'A', ttl: 300, data: '192.0.2.1' },
  { name: 'example.test', type: 'MX', ttl: 300, data: { preference: 10, exchange: 'mx.example.test' } },
  { name: 'alias.example.test', type: 'CNAME', ttl: 300, data: 'example.test' },
  { name: 'deep.sub.example.test', type: 'TXT', ttl: 300, data: 'v=spf1 -all' },
];

test('memory source: answer, NODATA, NXDOMAIN, empty non-terminal and CNAME chain', async () => {
  const source = createMemorySource(records);
  const a = await source.query('Example.Test.', 'A');
  assert.equal(a.outcome, 'answer');
  assert.deepEqual(a.answers.map((r) => r.data), ['192.0.2.1']);
  assert.equal((await source.query('example.test', 'AAAA')).outcome, 'nodata');
  assert.equal((await source.query('nope.example.test', 'A')).outcome, 'nxdomain');
  assert.equal((await source.query('sub.example.test', 'TXT')).outcome, 'nodata');
  const viaAlias = await source.query('alias.example.test', 'MX');
  assert.equal(viaAlias.outcome, 'answer');
  assert.equal(viaAlias.cnames[0]?.data, 'example.test');
  assert.deepEqual(viaAlias.answers[0]?.data, { preference: 10, exchange: 'mx.example.test' });
});

test('memory source: a configured failure is a failure outcome, not a missing record', async () => {
  const source = createMemorySource(records, { failures: [{ name: 'example.test', outcome: 'servfail', types: ['TXT'] }] });
  assert.equal((await source.query('example.test', 'TXT')).outcome, 'servfail');
  assert.equal((await source.query('example.test', 'A')).outcome, 'answer');
});

test('caching resolver: identical concurrent queries reach the source once', async () => {
  let calls = 0;
  const inner = createMemorySource(records);
  const counting: Resolver = {
    query<T extends QueryType>(name: string, type: T): Promise<LookupResult<T>> {
      calls++;
      return inner.query(name, type);
    },
  };
  const resolver = createCachingResolver(counting);
  const results = await Promise.all([
    resolver.query('example.test', 'A'),
    resolver.query('EXAMPLE.test.', 'A'),
    resolver.query('example.test', 'A'),
    resolver.query('example.test', 'MX'),
  ]);
  assert.equal(calls, 2);
  assert.equal(results[0], results[1]);
  assert.deepEqual(resolver.stats(), { queries: 2, shared: 2, evictions: 0, entries: 2 });
});

test('memory source: RFC 4592 wildcards answer for names that do not exist, not for existing ones', async () => {
  const source = createMemorySource([
    { name: '*.dnsbl.test', type: 'A', ttl: 60, data: '127.0.0.2' },
    { name: '*.dnsbl.test', type: 'TXT', ttl: 60, data: 'listed' },
    { name: 'exists.dnsbl.test', type: 'TXT', ttl: 60, data: 'own' },
    { name: 'deep.below.dnsbl.test', type: 'TXT', ttl: 60, data: 'deep' },
  ]);
  const listed = await source.query('2.0.0.127.dnsbl.test', 'A');
  assert.equal(listed.outcome, 'answer');
  assert.deepEqual(listed.answers, [{ name: '2.0.0.127.dnsbl.test', type: 'A', ttl: 60, data: '127.0.0.2' }]);
  assert.equal((await source.query('x.dnsbl.test', 'MX')).outcome, 'nodata');
  // An existing name (or empty non-terminal) blocks the wildcard.
  assert.equal((await source.query('exists.dnsbl.test', 'A')).outcome, 'nodata');
  assert.equal((await source.query('below.dnsbl.test', 'A')).outcome, 'nodata');
  // Below an empty non-terminal the closest encloser is that name, which has no wildcard.
  assert.equal((await source.query('x.below.dnsbl.test', 'A')).outcome, 'nxdomain');
  assert.equal((await source.query('other.test', 'A')).outcome, 'nxdomain');
});

test('memory source: existingNames exist without records (NODATA, not NXDOMAIN)', async () => {
  const source = createMemorySource([], { existingNames: ['_sip._tcp.example.test'] });
  assert.equal((await source.query('_sip._tcp.example.test', 'TXT')).outcome, 'nodata');
  assert.equal((await source.query('example.test', 'TXT')).outcome, 'nodata');
  assert.equal((await source.query('nope.example.test', 'TXT')).outcome, 'nxdomain');
});

test('memory source: a record given twice is answered once (an RRset has no duplicates)', async () => {
  const source = createMemorySource([...records, ...records]);
  assert.deepEqual((await source.query('example.test', 'A')).answers.map((r) => r.data), ['192.0.2.1']);
});
