import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADDRESS_CHECKS, ADDRESS_REASONS } from '../src/checks/address/index.js';
import { createLruResolver } from '../src/dns/resolver.js';
import { createMemorySource } from '../src/dns/memory.js';
import type { LookupResult, QueryType, Resolver } from '../src/dns/types.js';
import { createAddressGatherer, gatherMailDomain, mailDomainFact } from '../src/gather/address.js';
import { gatherContext } from '../src/gather/context.js';
import { gatherMx } from '../src/gather/mx.js';
import { checkAddressRows, suppressKey, verdictOf, type AddressRow } from '../src/report/address.js';
import { parseAddress } from '../src/parse/address.js';
import { ADDRESS_RECORDS, harness, verdict } from './helpers/address.js';
import { a, mx } from './helpers/records.js';

// One hit and one near miss per reason id, through the whole per-address pipeline (parse, gather over an
// in-memory DNS, checks, verdict).

const one = async (address: string, h = harness()) => (await h.check([address]))[0]!;

test('every reason id of the issue is declared by exactly one check, and nothing else is', () => {
  const declared = ADDRESS_CHECKS.flatMap((c) => c.findings.map((f) => f.id)).filter((id) => id !== 'dns.lookup-failed');
  assert.deepEqual([...declared].sort(), [...ADDRESS_REASONS].sort());
});

test('address.syntax: what is wrong, and the mechanical fix; a valid address is ok', async () => {
  const bad = await one('bob@@good.test');
  assert.deepEqual(verdict(bad), { verdict: 'invalid', reasons: ['address.syntax'] });
  assert.equal(bad.findings[0]!.data.code, 'address.multiple-at');
  const fullwidth = await one('张三＠good．test');
  assert.equal(fullwidth.findings[0]!.data.code, 'address.fullwidth-char');
  assert.deepEqual(fullwidth.findings[0]!.fix, { data: { suggestion: '张三@good.test' } });
  assert.deepEqual(verdict(await one('bob@good.test')), { verdict: 'ok', reasons: [] });
  // Display names and <…> are stripped; both forms of an internationalised address are kept.
  const named = await one('"Zhang, San" <zhang@good.test>');
  assert.equal(named.data.address, 'zhang@good.test');
  assert.equal(named.data.displayName, 'Zhang, San');
  const idn = await one('用户@例子.广告');
  assert.match(String(idn.data.address), /^用户@xn--fsqu00a\.xn--[a-z0-9]+$/);
  assert.equal(idn.data.unicode, '用户@例子.广告');
  assert.deepEqual(idn.sections.find((s) => s.id === 'address-syntax')!.found, [{ id: 'address.forms', data: { ascii: idn.data.address, unicode: idn.data.unicode } }]);
  // An address literal is valid but risky, and no DNS is asked.
  const literal = await one('a@[192.0.2.1]');
  assert.deepEqual(verdict(literal), { verdict: 'risky', reasons: ['address.syntax'] });
  assert.equal(literal.findings[0]!.data.code, 'address.ip-literal');
  // A row fault (NDJSON that is not JSON) is an invalid row, with the row's code.
  const [problem] = await harness().check([{ problem: { code: 'input.ndjson-invalid', data: { line: 3 } } }]);
  assert.deepEqual(verdict(problem!), { verdict: 'invalid', reasons: ['address.syntax'] });
  assert.equal(problem!.findings[0]!.data.code, 'input.ndjson-invalid');
});

test('address.domain-missing: NXDOMAIN is invalid; a domain with MX is ok', async () => {
  const r = await one('x@nowhere.test');
  assert.deepEqual(verdict(r), { verdict: 'invalid', reasons: ['address.domain-missing'] });
  assert.deepEqual(r.findings[0]!.data, { domain: 'nowhere.test' });
  assert.deepEqual(verdict(await one('x@good.test')), { verdict: 'ok', reasons: [] });
});

test('address.no-mail: null MX (RFC 7505) and no MX without A/AAAA; A/AAAA alone is the implicit MX (ok)', async () => {
  const nullMx = await one('x@null.test');
  assert.deepEqual(verdict(nullMx), { verdict: 'invalid', reasons: ['address.no-mail'] });
  assert.equal(nullMx.findings[0]!.data.kind, 'null-mx');
  const none = await one('x@nomail.test');
  assert.deepEqual(verdict(none), { verdict: 'invalid', reasons: ['address.no-mail'] });
  assert.equal(none.findings[0]!.data.kind, 'none');
  const implicit = await one('x@implicit.test');
  assert.deepEqual(verdict(implicit), { verdict: 'ok', reasons: [] });
  assert.equal(implicit.sections.find((s) => s.id === 'address-mail')!.data.via, 'implicit');
});

test('address.mx-unresolvable: no MX host has an address; a backup MX that resolves is enough', async () => {
  const r = await one('x@unresolvable.test');
  assert.deepEqual(verdict(r), { verdict: 'invalid', reasons: ['address.mx-unresolvable'] });
  assert.deepEqual(r.findings[0]!.data.hosts, ['mx.unresolvable.test']);
  assert.deepEqual(verdict(await one('x@backup.test')), { verdict: 'ok', reasons: [] });
});

test('NXDOMAIN, SERVFAIL and timeout are told apart: only NXDOMAIN is a fact; a failed lookup is unknown, never "no MX"', async () => {
  const h = harness();
  const [nx, servfail, timeout, hostTimeout] = await h.check(['x@nowhere.test', 'x@servfail.test', 'x@timeout.test', 'x@hostfail.test']);
  assert.equal(nx!.data.verdict, 'invalid');
  for (const [r, outcome, name] of [[servfail, 'servfail', 'servfail.test'], [timeout, 'timeout', 'timeout.test'], [hostTimeout, 'timeout', 'mx.hostfail.test']] as const) {
    assert.deepEqual(verdict(r!), { verdict: 'unknown', reasons: ['dns.lookup-failed'] }, name);
    assert.equal(r!.findings[0]!.data.outcome, outcome);
    assert.equal(r!.findings[0]!.data.name, name);
    assert.equal(r!.incomplete, true);
  }
  assert.equal(hostTimeout!.findings[0]!.data.what, 'mx-host');
});

test('address.typo: suggested only when the typed domain receives no mail and the suggestion does', async () => {
  const r = await one('bob@gmial.com');
  assert.equal(r.data.verdict, 'invalid');
  assert.equal(r.data.suggestion, 'bob@gmail.com');
  const typo = r.findings.find((f) => f.id === 'address.typo')!;
  assert.equal(typo.severity, 'error');
  assert.deepEqual({ suggested: typo.data.suggested, kind: typo.data.kind, status: typo.data.status }, { suggested: 'gmail.com', kind: 'provider-name', status: 'nxdomain' });
  assert.ok((r.data.reasons as string[]).includes('address.domain-missing'));
  // The typed domain receives mail (a typo-squatter or a real company): never "corrected".
  const squatted = harness({ records: [...ADDRESS_RECORDS, mx('gmial.com', 'mx.gmial.com'), a('mx.gmial.com', '192.0.2.9')] });
  const kept = await one('bob@gmial.com', squatted);
  assert.equal(kept.data.suggestion, null);
  assert.ok(!(kept.data.reasons as string[]).includes('address.typo'));
  // The suggestion must receive mail itself: no suggestion when gmail.com does not either.
  const neither = harness({ records: [] });
  assert.equal((await one('bob@gmial.com', neither)).data.suggestion, null);
  // The typed domain could not be checked: a warning with the suggestion, and the verdict stays unknown.
  const failed = harness({ failures: [{ name: 'gmial.com', outcome: 'servfail' }] });
  const unknown = await one('bob@gmial.com', failed);
  assert.equal(unknown.data.verdict, 'unknown');
  assert.equal(unknown.findings.find((f) => f.id === 'address.typo')!.severity, 'warning');
  assert.equal(unknown.data.suggestion, 'bob@gmail.com');
});

test('the typo table: good corrections are suggested, export-market domains are never "corrected"', async () => {
  const providers = [['gmail.com', 'mx.gmail.com'], ['qq.com', 'mx1.qq.com'], ['163.com', 'mx.163.com'], ['hotmail.com', 'mx.hotmail.com'], ['foxmail.com', 'mx.foxmail.com']] as const;
  const records = providers.flatMap(([d, h]) => [mx(d, h), a(h, '192.0.2.10')]);
  // Every typed domain below does not exist: only the candidate list and DNS decide.
  const h = harness({ records: [...records, mx('acme.com', 'mx.acme.com'), a('mx.acme.com', '192.0.2.11'), mx('empresa.com.au', 'mx.empresa.com.au'), a('mx.empresa.com.au', '192.0.2.12'), mx('firma.ca', 'mx.firma.ca'), a('mx.firma.ca', '192.0.2.13'), mx('company.ca', 'mx.company.ca'), a('mx.company.ca', '192.0.2.14'), mx('company.co.nz', 'mx.company.co.nz'), a('mx.company.co.nz', '192.0.2.15'), mx('firm.com.au', 'mx.firm.com.au'), a('mx.firm.com.au', '192.0.2.16')] });
  const good: [string, string][] = [
    ['a@gmail.con', 'a@gmail.com'], ['a@gmial.com', 'a@gmail.com'], ['a@hotmial.com', 'a@hotmail.com'], ['a@qq.co', 'a@qq.com'],
    ['a@163.con', 'a@163.com'], ['a@gmail.cm', 'a@gmail.com'], ['a@gmail.comm', 'a@gmail.com'], ['a@gmail.c0m', 'a@gmail.com'],
    ['a@foxmai.com', 'a@foxmail.com'], ['a@acme.con', 'a@acme.com'],
  ];
  const reports = await h.check(good.map(([typed]) => typed));
  reports.forEach((r, i) => assert.equal(r.data.suggestion, good[i]![1], good[i]![0]));
  // mailcheck.js turns these into .com.au, .ca, .ca, .co.nz, .com.au (wave2-facts §2.3): here they stay,
  // even when they do not exist and the "corrections" would receive mail.
  const mustNot = ['li@empresa.com.br', 'a@firma.cn', 'a@company.ae', 'a@company.co.za', 'a@firm.com.mx', 'a@abc.com.cn'];
  for (const r of await h.check(mustNot)) {
    assert.equal(r.data.suggestion, null, String(r.subject));
    assert.deepEqual(r.data.reasons, ['address.domain-missing'], String(r.subject));
  }
});

test('address.disposable (risky) from the data packages; an ordinary domain is not', async () => {
  const h = harness({ records: [...ADDRESS_RECORDS, mx('mailinator.com', 'mx.mailinator.com'), a('mx.mailinator.com', '192.0.2.20')] });
  const r = await one('x@mailinator.com', h);
  assert.deepEqual(verdict(r), { verdict: 'risky', reasons: ['address.disposable'] });
  assert.equal(r.findings[0]!.data.listed, 'mailinator.com');
  assert.deepEqual(verdict(await one('x@good.test', h)), { verdict: 'ok', reasons: [] });
});

test('address.role (risky for cold mail): info@, 采购@; a person next to a role word is not', async () => {
  assert.deepEqual(verdict(await one('info@good.test')), { verdict: 'risky', reasons: ['address.role'] });
  const zh = await one('采购@good.test');
  assert.equal(zh.findings[0]!.data.role, '采购');
  assert.deepEqual(verdict(await one('john.sales@good.test')), { verdict: 'ok', reasons: [] });
});

test('address.free-provider is informational (ok) and names the provider; the mailbox provider is a column', async () => {
  const r = await one('zhang@qq.com');
  assert.deepEqual(verdict(r), { verdict: 'ok', reasons: ['address.free-provider'] });
  assert.equal(r.findings[0]!.severity, 'info');
  assert.equal(r.findings[0]!.data.name, 'QQ Mail');
  assert.equal(r.data.provider, 'qq-mail');
  const company = await one('li@google.test');
  assert.deepEqual(verdict(company), { verdict: 'ok', reasons: [] });
  assert.equal(company.data.providerName, 'Google Workspace');
});

test('address.suppressed: on a --suppress list (case folded) is invalid; another address is not', async () => {
  const key = suppressKey((parseAddress('a@good.test') as { ok: true; address: never }).address);
  const suppress = new Map([[key, { file: 'bounces.csv', reason: 'userunknown' }]]);
  const [hit, near] = await harness().check(['A@Good.TEST', 'b@good.test'], suppress);
  assert.deepEqual(verdict(hit!), { verdict: 'invalid', reasons: ['address.suppressed'] });
  assert.deepEqual(hit!.findings[0]!.data, { address: 'A@good.test', file: 'bounces.csv', reason: 'userunknown' });
  assert.deepEqual(verdict(near!), { verdict: 'ok', reasons: [] });
});

test('address.duplicate: the later row; Gmail dots and +tags fold for Gmail only; domains fold case, local parts do not', async () => {
  const reports = await harness().check(['ab@gmail.com', 'a.b+news@gmail.com', 'ab@good.test', 'a.b@good.test', 'x@GOOD.test', 'x@good.test', 'X@good.test']);
  const dup = reports.map((r) => (r.data.reasons as string[]).includes('address.duplicate'));
  assert.deepEqual(dup, [false, true, false, false, false, true, false]);
  assert.equal(reports[1]!.data.verdict, 'risky');
  assert.equal(reports[1]!.findings.find((f) => f.id === 'address.duplicate')!.data.firstRow, 1);
  assert.equal(reports[5]!.findings.find((f) => f.id === 'address.duplicate')!.data.firstRow, 5);
});

test('verdict precedence: invalid over unknown over risky over ok', () => {
  const f = (id: string, severity: 'error' | 'warning' | 'info') => ({ id, check: 'x', severity, data: {}, fix: null });
  assert.equal(verdictOf([f('address.role', 'warning'), f('dns.lookup-failed', 'warning'), f('address.suppressed', 'error')]), 'invalid');
  assert.equal(verdictOf([f('address.role', 'warning'), f('dns.lookup-failed', 'warning')]), 'unknown');
  assert.equal(verdictOf([f('address.role', 'warning'), f('address.free-provider', 'info')]), 'risky');
  assert.equal(verdictOf([f('address.free-provider', 'info')]), 'ok');
});

test('one DNS question per distinct name, however many rows share a domain; a domain gathered once', async () => {
  const h = harness();
  const rows = Array.from({ length: 300 }, (_, i) => `user${i}@${['good.test', 'google.test', 'gmail.com', 'null.test', 'nowhere.test'][i % 5]}`);
  const reports = await h.check(rows);
  assert.equal(reports.length, 300);
  // good.test MX + mx.good.test A; google.test MX + aspmx A; gmail.com MX + host A; null.test MX; nowhere.test MX.
  assert.equal(h.resolver.stats().queries, 8);
});

test('output order is input order, even when an earlier row waits for a slow lookup', async () => {
  const memory = createMemorySource(ADDRESS_RECORDS);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const slow: Resolver = {
    async query<T extends QueryType>(name: string, type: T): Promise<LookupResult<T>> {
      if (name === 'good.test') await gate;
      return memory.query(name, type);
    },
  };
  const gatherer = createAddressGatherer(gatherContext(createLruResolver(slow), { timeoutMs: 1000 }));
  const rows: AddressRow[] = ['a@good.test', 'b@gmail.com', 'c@null.test', 'd@good.test'].map((address, i) => ({ row: i + 1, line: i + 1, address, fields: [address] }));
  async function* source(): AsyncGenerator<AddressRow> {
    yield* rows;
  }
  const seen: number[] = [];
  const run = (async () => {
    for await (const r of checkAddressRows(source(), { gatherer })) seen.push(r.data.row as number);
  })();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(seen, [], 'nothing leaves before row 1 is decided');
  release();
  await run;
  assert.deepEqual(seen, [1, 2, 3, 4]);
});

test('the lazy gathering decides as the MX gathering of `mailcheck domain` does', async () => {
  const records = [...ADDRESS_RECORDS, mx('mixed.test', '', 0), mx('mixed.test', 'mx.good.test', 10), mx('literal.test', '[192.0.2.30]'), mx('cname.test', 'alias.cname.test'), { name: 'alias.cname.test', type: 'CNAME' as const, ttl: 300, data: 'mx.good.test' }];
  const source = createMemorySource(records, { failures: [{ name: 'servfail.test', outcome: 'servfail' }, { name: 'mx.hostfail.test', outcome: 'timeout' }, { name: 'afail.test', outcome: 'timeout', types: ['A'] }] });
  const domains = ['good.test', 'null.test', 'implicit.test', 'nomail.test', 'unresolvable.test', 'hostfail.test', 'backup.test', 'nowhere.test', 'servfail.test', 'mixed.test', 'literal.test', 'cname.test', 'afail.test'];
  for (const d of domains) {
    const lazy = await gatherMailDomain(d, source);
    const full = mailDomainFact(d, await gatherMx(d, source));
    assert.equal(lazy.status, full.status, d);
    assert.equal(lazy.provider, full.provider, d);
  }
});

test('every code an address.syntax finding can carry has words in the catalogue (syntax section)', async () => {
  const { ADDRESS_ERROR_CODES } = await import('../src/parse/address.js');
  const { LANGS, loadCatalogue } = await import('../src/messages/index.js');
  const { text } = await import('../src/messages/types.js');
  const codes = [...ADDRESS_ERROR_CODES, 'address.ip-literal', 'input.ndjson-invalid', 'input.ndjson-not-object', 'input.field-missing'];
  for (const lang of LANGS) {
    const words = await loadCatalogue(lang);
    for (const code of codes) {
      assert.ok(words.syntax[code], `${lang}: syntax.${code}`);
      const message = text(words, 'findings', 'address.syntax', { input: 'x', code, index: 0, char: '@', codePoint: 'U+0001', label: 'x', length: 70, max: 64, fields: 1, column: 2, ip: '192.0.2.1', address: 'a@[192.0.2.1]' });
      assert.ok(!message.includes(code) && !message.includes('undefined'), `${lang}: ${code} → ${message}`);
    }
  }
});
