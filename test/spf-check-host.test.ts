import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemorySource } from '../src/dns/memory.js';
import type { MemorySourceOptions } from '../src/dns/memory.js';
import type { DnsRecord, Resolver } from '../src/dns/types.js';
import { checkHost, parseClientIp } from '../src/spf/check-host.js';
import { transform, urlEscape } from '../src/spf/macro.js';
import { isCheckableDomain, isQueryableName, truncateDomain } from '../src/spf/names.js';
import { a, aaaa, mx, ptr, txt } from './helpers/records.js';


const zone: DnsRecord[] = [
  txt('example.test', 'v=spf1 ip4:192.0.2.0/28 mx include:_spf.provider.test exists:%{ir}.allow.example.test -all exp=why.example.test'),
  txt('why.example.test', '%{c} is not a server of %{d} (sender %{s}, helo %{h})'),
  mx('example.test', 'mx.example.test'),
  a('mx.example.test', '198.51.100.25'),
  aaaa('mx.example.test', '2001:db8::25'),
  txt('_spf.provider.test', 'v=spf1 ip6:2001:db8:f00::/48 redirect=_spf2.provider.test'),
  txt('_spf2.provider.test', 'v=spf1 a:out.provider.test/24 ~all'),
  a('out.provider.test', '203.0.113.7'),
  a('9.9.9.9.allow.example.test', '127.0.0.2'),
  txt('soft.test', 'v=spf1 redirect=_spf2.provider.test'),
];

function resolver(records: DnsRecord[] = zone, options?: MemorySourceOptions): Resolver {
  return createMemorySource(records, options);
}

test('pass through a direct ip4 term, with the matched term and no explanation', async () => {
  const result = await checkHost({ ip: '192.0.2.5', domain: 'example.test', sender: 'alice@example.test', helo: 'mail.example.test' }, resolver());
  assert.equal(result.result, 'pass');
  assert.deepEqual(result.matched, { domain: 'example.test', term: 'ip4:192.0.2.0/28' });
  assert.equal(result.explanation, null);
  assert.equal(result.lookups, 0);
});

test('pass through mx (IPv4 and IPv6 hosts) and through an include that redirects', async () => {
  const viaMx = await checkHost({ ip: '2001:db8::25', domain: 'example.test' }, resolver());
  assert.equal(viaMx.result, 'pass');
  assert.deepEqual(viaMx.matched, { domain: 'example.test', term: 'mx' });
  assert.equal(viaMx.lookups, 1);

  const viaInclude = await checkHost({ ip: '2001:db8:f00::1', domain: 'example.test' }, resolver());
  assert.equal(viaInclude.result, 'pass');
  assert.deepEqual(viaInclude.matched, { domain: 'example.test', term: 'include:_spf.provider.test' });

  // Inside the include, redirect gives softfail: not a match, so evaluation continues to -all.
  const deeper = await checkHost({ ip: '203.0.113.200', domain: 'example.test' }, resolver());
  assert.equal(deeper.result, 'pass');
  assert.equal(deeper.lookups, 4); // mx, include, redirect, a
  assert.ok(deeper.trace.some((s) => s.depth === 1 && s.domain === '_spf2.provider.test' && s.term === 'a:out.provider.test/24' && s.event === 'match' && s.data.result === 'pass'));
});

test('fail with the exp= text expanded (c, d, s, h macros), and the default explanation without exp=', async () => {
  const result = await checkHost({ ip: '192.0.2.200', domain: 'example.test', sender: 'bob@example.test', helo: 'bad.example.net' }, resolver());
  assert.equal(result.result, 'fail');
  assert.deepEqual(result.matched, { domain: 'example.test', term: '-all' });
  assert.equal(result.explanation, '192.0.2.200 is not a server of example.test (sender bob@example.test, helo bad.example.net)');

  const plain = await checkHost({ ip: '192.0.2.200', domain: 'plain.test' }, resolver([txt('plain.test', 'v=spf1 -all')]));
  assert.equal(plain.explanation, '192.0.2.200 is not permitted to send mail for plain.test');
});

test('exists with %{ir}; redirect result is the result; softfail', async () => {
  const exists = await checkHost({ ip: '9.9.9.9', domain: 'example.test' }, resolver());
  assert.equal(exists.result, 'pass');
  assert.deepEqual(exists.matched, { domain: 'example.test', term: 'exists:%{ir}.allow.example.test' });

  const soft = await checkHost({ ip: '192.0.2.1', domain: 'soft.test' }, resolver());
  assert.equal(soft.result, 'softfail');
  assert.deepEqual(soft.matched, { domain: '_spf2.provider.test', term: '~all' });
});

test('IPv4-mapped IPv6 client is treated as IPv4', async () => {
  const result = await checkHost({ ip: '::ffff:192.0.2.5', domain: 'example.test' }, resolver());
  assert.equal(result.result, 'pass');
  assert.equal(parseClientIp('::ffff:192.0.2.5')?.version, 4);
  assert.equal(parseClientIp('not-an-ip'), undefined);
  await assert.rejects(checkHost({ ip: '300.1.1.1', domain: 'example.test' }, resolver()), TypeError);
});

test('DNS failure → temperror with the failing lookup named; none and permerror cases', async () => {
  const failing = resolver(zone, { failures: [{ name: 'mx.example.test', outcome: 'servfail' }] });
  const temp = await checkHost({ ip: '203.0.113.7', domain: 'example.test' }, failing);
  assert.equal(temp.result, 'temperror');
  assert.deepEqual(temp.problem, { id: 'dns', data: { type: 'A', name: 'mx.example.test', outcome: 'servfail' } });
  assert.equal(temp.matched, null);

  const none = await checkHost({ ip: '192.0.2.1', domain: 'nothing.test' }, resolver());
  assert.equal(none.result, 'none');
  const notFqdn = await checkHost({ ip: '192.0.2.1', domain: 'localhost' }, resolver());
  assert.equal(notFqdn.result, 'none');

  const syntax = await checkHost({ ip: '192.0.2.1', domain: 'bad.test' }, resolver([txt('bad.test', 'v=spf1 a:museum -all')]));
  assert.equal(syntax.result, 'permerror');
  assert.equal(syntax.problem?.id, 'syntax');
  assert.equal(syntax.problem?.data.term, 'a:museum');
});

test('limits: the 11th DNS-querying term and the 3rd void lookup are permerrors', async () => {
  const many = [txt('many.test', `v=spf1 ${Array.from({ length: 11 }, (_, i) => `a:h${i}.many.test`).join(' ')} -all`)];
  for (let i = 0; i < 11; i++) many.push(a(`h${i}.many.test`, '192.0.2.1'));
  const over = await checkHost({ ip: '198.51.100.1', domain: 'many.test' }, resolver(many));
  assert.equal(over.result, 'permerror');
  assert.equal(over.lookups, 11);
  assert.deepEqual(over.problem, { id: 'lookups', data: { max: 10 } });

  const voids = [txt('void.test', 'v=spf1 a:x.void.test a:y.void.test a:z.void.test ?all')];
  const overVoid = await checkHost({ ip: '198.51.100.1', domain: 'void.test' }, resolver(voids));
  assert.equal(overVoid.result, 'permerror');
  assert.equal(overVoid.voidLookups, 3);
});

test('null sender checks postmaster@helo; %{l} of an empty local-part is postmaster', async () => {
  const records = [txt('helo.test', 'v=spf1 -all exp=e.helo.test'), txt('e.helo.test', '%{s} %{l} %{o}')];
  const result = await checkHost({ ip: '192.0.2.1', domain: 'helo.test', sender: '', helo: 'helo.test' }, resolver(records));
  assert.equal(result.explanation, 'postmaster@helo.test postmaster helo.test');
});

test('ptr and %{p}: validated names only', async () => {
  const records = [
    txt('ptr.test', 'v=spf1 ptr -all exp=e.ptr.test'),
    txt('e.ptr.test', 'from %{p}'),
    ptr('1.2.0.192.in-addr.arpa', 'host.ptr.test'),
    ptr('1.2.0.192.in-addr.arpa', 'liar.other.test'),
    a('host.ptr.test', '192.0.2.1'),
    ptr('2.2.0.192.in-addr.arpa', 'liar.ptr.test'),
  ];
  assert.equal((await checkHost({ ip: '192.0.2.1', domain: 'ptr.test' }, resolver(records))).result, 'pass');
  const unvalidated = await checkHost({ ip: '192.0.2.2', domain: 'ptr.test' }, resolver(records));
  assert.equal(unvalidated.result, 'fail');
  assert.equal(unvalidated.explanation, 'from unknown');
});

test('macro helpers: URL escaping, transformers, IPv6 nibbles', async () => {
  assert.equal(urlEscape('~jack&jill=up-a_b3.c'), '~jack%26jill%3Dup-a_b3.c');
  assert.equal(urlEscape('a b/é'), 'a%20b%2F%C3%A9');
  assert.equal(transform('strong-bad', { delimiters: '-', reverse: true }), 'bad.strong');
  assert.equal(transform('email.example.com', { delimiters: '.', reverse: false, digits: 2 }), 'example.com');
  assert.equal(transform('email.example.com', { delimiters: '.', reverse: true, digits: 2 }), 'example.email');
  assert.equal(transform('foo-bar+zip+quux', { delimiters: '+-', reverse: true, digits: 2 }), 'bar.foo');
  const records = [txt('six.test', 'v=spf1 exists:%{ir}.%{v}.six.test -all')];
  records.push(a('1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.six.test', '127.0.0.2'));
  assert.equal((await checkHost({ ip: '2001:db8::1', domain: 'six.test' }, resolver(records))).result, 'pass');
});

test('domain name checks', () => {
  assert.equal(isQueryableName('a..b'), false);
  assert.equal(isQueryableName(`${'x'.repeat(64)}.test`), false);
  assert.equal(isQueryableName(`${'x'.repeat(63)}.test.`), true);
  assert.equal(isCheckableDomain('A2345678'), false);
  assert.equal(isCheckableDomain('[1.2.3.5]'), false);
  assert.equal(isCheckableDomain('mail.example.com'), true);
  const long = `${'a'.repeat(60)}.`.repeat(5) + 'example.com';
  assert.ok(truncateDomain(long).length <= 253);
  assert.ok(long.endsWith(truncateDomain(long)));
});

test('elapsed-time limit: an evaluation that never finishes gives temperror', async () => {
  const hanging: Resolver = { query: () => new Promise(() => {}) };
  const started = Date.now();
  const result = await checkHost({ ip: '192.0.2.1', domain: 'slow.test' }, hanging, { timeLimitMs: 50 });
  assert.equal(result.result, 'temperror');
  assert.deepEqual(result.problem, { id: 'time', data: { ms: 50 } });
  assert.ok(Date.now() - started < 2000);
});

test('the exp= lookup is traced, and so is the reason it was ignored', async () => {
  const records = [txt('x.test', 'v=spf1 -all exp=gone.x.test')];
  const result = await checkHost({ ip: '192.0.2.1', domain: 'x.test' }, resolver(records));
  assert.ok(result.trace.some((s) => s.term === 'exp=gone.x.test' && s.event === 'exp-ignored' && s.data.why === 'lookup' && s.data.outcome === 'nxdomain'));
  assert.equal(result.explanation, '192.0.2.1 is not permitted to send mail for x.test');
});
