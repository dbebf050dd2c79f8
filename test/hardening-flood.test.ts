import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers/run-cli.js';
import { startDnsServer } from './helpers/dns-server.js';
import { GATHER_LIMITS } from '../src/gather/limits.js';

// Hostile DNS answers must not turn one `mailcheck domain` into tens of thousands of queries
// (issue 10 §1): one MX answer naming 1,254 hosts, PTR answers with 1,300 names, an SPF include
// tree of 100 records of 50 `mx:` terms each. Every cap is asserted through the query log of the
// test DNS server, and what was not followed must be shown.

const SOA = (origin: string) => `$ORIGIN ${origin}.\n@ 300 IN SOA ns hostmaster 1 3600 600 86400 300\n`;
/** A TXT value in zone-file form: quoted strings of at most 255 characters. */
const txt = (value: string) => (value.match(/.{1,255}/g) ?? []).map((part) => `"${part}"`).join(' ');
const run = (server: { resolverArg: string }, args: string[]) => runCli(['--resolver', server.resolverArg, '--timeout', '3000', '--retries', '0', ...args]);

test('an MX flood (1,254 hosts, 30 addresses each, 1,300 PTR names) stays within the caps', async () => {
  const server = await startDnsServer({
    zoneText: `${SOA('flood.test')}@ 300 IN TXT "v=spf1 mx -all"\n`,
    rules: [
      { name: 'flood.test', type: 'MX', behaviour: 'flood', count: 1254 },
      { match: /^m\d+\.flood\.test$/, type: 'A', behaviour: 'flood', count: 30 },
      { match: /^m\d+\.flood\.test$/, type: 'AAAA', behaviour: 'flood', count: 30 },
      { match: /\.(in-addr|ip6)\.arpa$/, type: 'PTR', behaviour: 'flood', count: 1300 },
    ],
  });
  try {
    const r = await run(server, ['--json', 'domain', 'flood.test']);
    assert.notEqual(r.code, 2, r.stderr);
    const report = JSON.parse(r.stdout);
    const mx = report.checks.mx;
    assert.equal(mx.hosts.length, GATHER_LIMITS.mxHosts);
    assert.equal(mx.notFollowed.count, 1254 - GATHER_LIMITS.mxHosts);
    assert.equal(mx.hosts[0].ipv4.length, GATHER_LIMITS.addressesPerHost);
    assert.equal(mx.hosts[0].moreIpv4, 30 - GATHER_LIMITS.addressesPerHost);
    // Only the first 10 MX hosts' addresses were asked for.
    assert.equal(server.queries.filter((q) => /^m\d+\.flood\.test$/.test(q.name) && q.type === 'A').length <= 2 * GATHER_LIMITS.mxHosts, true);
    const rdns = report.checks.rdns.addresses;
    assert.equal(rdns.length, GATHER_LIMITS.rdnsAddresses);
    assert.equal(rdns[0].ptr.length, GATHER_LIMITS.ptrNames);
    assert.equal(rdns[0].morePtr, 1300 - GATHER_LIMITS.ptrNames);
    // The domain, then at most half of the rest for MX addresses (the SPF `mx` term names the same ones).
    assert.equal(report.checks.rbl.targets.length, 1 + Math.ceil((GATHER_LIMITS.dnsblTargets - 1) / 2));
    assert.equal(report.checks.rbl.notFollowed.count, 2 * GATHER_LIMITS.addressesPerHost - Math.ceil((GATHER_LIMITS.dnsblTargets - 1) / 2));
    // Measured before the caps: 6,595 queries on this server (53,993 with distinct addresses per host).
    const total = server.queries.length;
    assert.ok(total < 1500, `queries: ${total}`);
    // Forward confirmation: at most 10 names for each of at most 20 addresses.
    const forward = server.queries.filter((q) => /^h\d+\./.test(q.name)).length;
    assert.ok(forward <= GATHER_LIMITS.ptrNames * GATHER_LIMITS.rdnsAddresses, `forward lookups: ${forward}`);

    const text = await run(server, ['domain', 'flood.test']);
    assert.match(text.stdout, /1244 more MX hosts not looked up \(the first 10 by preference are\)/);
    assert.match(text.stdout, /and 40 more \(not used\)/);
    assert.match(text.stdout, /and 1290 more PTR names \(not checked: the first 10 are\)/);
    assert.match(text.stdout, /more addresses? not looked up on the blacklists \(at most 20 per domain\)/);
  } finally {
    await server.close();
  }
});

test('an SPF tree of 100 records × 50 mx: terms is walked only as far as a receiver evaluates it', async () => {
  // n0 includes n1 and n2, n1 includes n3 and n4, …: 100 records, each with 50 mx terms whose MX
  // answers name 10 hosts each.
  let zone = SOA('tree.test');
  zone += '@ 300 IN TXT "v=spf1 include:n0.tree.test -all"\n';
  for (let k = 0; k < 100; k++) {
    const includes = [2 * k + 1, 2 * k + 2].filter((c) => c < 100).map((c) => `include:n${c}.tree.test`);
    const mx = Array.from({ length: 50 }, (_, j) => `mx:h${j}.n${k}.tree.test`);
    zone += `n${k} 300 IN TXT ${txt(`v=spf1 ${[...includes, ...mx].join(' ')} ~all`)}\n`;
  }
  const server = await startDnsServer({
    zoneText: zone,
    rules: [
      { match: /^h\d+\.n\d+\.tree\.test$/, type: 'MX', behaviour: 'flood', count: 10 },
      { match: /^m\d+\.h\d+\.n\d+\.tree\.test$/, type: 'A', behaviour: 'flood', count: 2 },
    ],
  });
  try {
    const r = await run(server, ['--json', 'domain', 'tree.test']);
    const spf = JSON.parse(r.stdout).checks.spf;
    assert.equal(spf.lookupsMinimum, true);
    assert.ok(spf.lookups > 10);
    assert.ok(spf.notFollowed.count > 0);
    assert.ok(JSON.parse(r.stdout).findings.some((f: { id: string }) => f.id === 'spf.too-many-lookups'));
    const txt = server.queries.filter((q) => q.type === 'TXT' && /^n\d+\.tree\.test$/.test(q.name)).length;
    const mxQueries = server.queries.filter((q) => q.type === 'MX' && /^h\d+\./.test(q.name)).length;
    // Includes are fetched at most 10 a level; a and mx terms only within the first 10 lookups.
    assert.ok(txt <= 100, `include records fetched: ${txt}`);
    assert.ok(mxQueries <= GATHER_LIMITS.spfLookups, `mx terms looked up: ${mxQueries}`);
    const total = server.queries.length;
    // Measured before: 105,302 queries for this tree (`spf` on the same domain: 94).
    assert.ok(total < 600, `queries: ${total}`);

    const text = await run(server, ['domain', 'tree.test']);
    assert.match(text.stdout, /DNS lookups at least \d+\/10/);
    assert.match(text.stdout, /not followed past the 10th lookup \(a receiver stops there with permerror\): \d+ terms: /);
    assert.match(text.stdout, /\(not followed: past the 10th lookup\)/);
  } finally {
    await server.close();
  }
});

test('a record with 12 a: terms: 10 are looked up, the 11th and 12th are listed as not followed', async () => {
  const terms = Array.from({ length: 12 }, (_, i) => `a:h${i}.many.test`).join(' ');
  let zone = `${SOA('many.test')}@ 300 IN TXT "v=spf1 ${terms} -all"\n`;
  for (let i = 0; i < 12; i++) zone += `h${i} 300 IN A 192.0.2.${i + 1}\n`;
  const server = await startDnsServer({ zoneText: zone });
  try {
    const r = await run(server, ['--json', 'domain', 'many.test']);
    const report = JSON.parse(r.stdout);
    const spf = report.checks.spf;
    assert.equal(spf.lookups, 12);
    assert.equal(spf.lookupsMinimum, false);
    assert.deepEqual(spf.notFollowed, { count: 2, terms: [{ domain: 'many.test', term: 'a:h10.many.test' }, { domain: 'many.test', term: 'a:h11.many.test' }] });
    assert.deepEqual(spf.tree.notFollowed, ['a:h10.many.test', 'a:h11.many.test']);
    assert.equal(server.count('h10.many.test'), 0);
    assert.equal(server.count('h9.many.test', 'A'), 1);
    const tooMany = report.findings.find((f: { id: string }) => f.id === 'spf.too-many-lookups');
    assert.equal(tooMany.data.lookups, 12);
    assert.equal(tooMany.data.minimum, false);
  } finally {
    await server.close();
  }
});

test('`ip` on an address whose PTR answer names 1,300 hosts asks for 10 of them', async () => {
  const server = await startDnsServer({
    zoneText: SOA('list.test'),
    rules: [{ match: /\.in-addr\.arpa$/, type: 'PTR', behaviour: 'flood', count: 1300 }],
  });
  try {
    const r = await run(server, ['--json', 'ip', '198.51.100.7', '--only-lists', 'bl.list.test']);
    assert.notEqual(r.code, 2, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.ptr.length, GATHER_LIMITS.ptrNames);
    const forward = server.queries.filter((q) => /^h\d+\./.test(q.name)).length;
    assert.equal(forward, GATHER_LIMITS.ptrNames);
    // Measured before: 1,320 queries.
    assert.ok(server.queries.length <= 1 + 1 + GATHER_LIMITS.ptrNames + 2, `queries: ${server.queries.length}`);
  } finally {
    await server.close();
  }
});

test('DMARC report destinations: at most 10 authorization records are asked for', async () => {
  const rua = Array.from({ length: 30 }, (_, i) => `mailto:r@d${i}.other.test`).join(',');
  const server = await startDnsServer({ zoneText: `${SOA('dm.test')}_dmarc 300 IN TXT ${txt(`v=DMARC1; p=reject; rua=${rua}`)}\n` });
  try {
    const r = await run(server, ['--json', 'domain', 'dm.test']);
    const report = JSON.parse(r.stdout);
    const asked = server.queries.filter((q) => q.name.includes('._report._dmarc.')).length;
    assert.equal(asked, GATHER_LIMITS.dmarcDestinations);
    assert.ok(report.checks.dmarc.status === 'complete' || report.checks.dmarc.status === 'partial');
    const text = await run(server, ['domain', 'dm.test']);
    assert.match(text.stdout, /20 more report destinations not checked for authorization \(at most 10\)/);
  } finally {
    await server.close();
  }
});
