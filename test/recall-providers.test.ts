import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PROVIDERS, familyOf, providerById, providerOfConsumerDomain, providerOfMx, serviceOfInclude, tenantOfDkimTarget } from '../src/data/providers.js';
import { RECALL_RULES, rulesForSender } from '../src/data/recall-rules.js';
import { spfTargets } from '../src/gather/recall.js';
import { advice as enAdvice, labels as enLabels } from '../src/messages/en/recall.js';

// The provider registry grew families, kinds, consumer domains and DKIM tenant patterns for `mailcheck
// recall`; everything it said before stays as it was (providers-before.json: the registry and its
// answers before recall, generated from the main branch's src/data/providers.ts).

const before = JSON.parse(readFileSync('test/fixtures/recall/providers-before.json', 'utf8')) as {
  providers: Record<string, unknown>[];
  mx: Record<string, string | null>;
  includes: Record<string, string | null>;
};

test('every provider, id and field of before is unchanged; only fields and providers were added', () => {
  for (const old of before.providers) {
    const now = providerById(old.id as string) as unknown as Record<string, unknown> | undefined;
    assert.ok(now, `${old.id} is still there`);
    for (const [key, value] of Object.entries(old)) assert.deepEqual(now[key], value, `${old.id}.${key}`);
  }
  const oldIds = new Set(before.providers.map((p) => p.id));
  assert.deepEqual(PROVIDERS.filter((p) => !oldIds.has(p.id)).map((p) => p.id), ['alibaba-mail-personal', 'coremail']);
});

test('providerOfMx and serviceOfInclude answer as before (new providers only where there was no answer)', () => {
  for (const [host, id] of Object.entries(before.mx)) {
    const now = providerOfMx(host)?.id ?? null;
    if (id !== null) assert.equal(now, id, host);
    else assert.ok(now === null || now === 'coremail', `${host}: ${now}`);
  }
  for (const [include, id] of Object.entries(before.includes)) assert.equal(serviceOfInclude(include)?.id ?? null, id, include);
});

test('families, consumer domains, gateways', () => {
  assert.equal(providerOfConsumerDomain('qq.com')?.id, 'qq-mail');
  assert.equal(providerOfConsumerDomain('foxmail.com')?.id, 'qq-mail');
  assert.equal(providerOfConsumerDomain('vip.163.com')?.id, 'netease-mail');
  assert.equal(providerOfConsumerDomain('YEAH.NET')?.id, 'netease-mail');
  assert.equal(providerOfConsumerDomain('gmail.com')?.id, 'gmail');
  assert.equal(providerOfConsumerDomain('hotmail.com')?.id, 'outlook-com');
  assert.equal(providerOfConsumerDomain('aliyun.com')?.id, 'alibaba-mail-personal');
  assert.equal(providerOfConsumerDomain('acme.cn'), undefined);
  assert.equal(providerOfConsumerDomain('mail.qq.com'), undefined, 'exact domains only');
  assert.equal(familyOf('tencent-exmail'), 'tencent');
  assert.equal(familyOf('qq-mail'), 'tencent');
  assert.equal(familyOf('netease-qiye'), 'netease');
  assert.equal(familyOf('outlook-com'), 'microsoft');
  assert.equal(familyOf('yahoo-mail'), 'other');
  assert.equal(familyOf(null), 'other');
  assert.equal(providerById('mimecast')?.kind, 'gateway');
  // Every consumer domain belongs to exactly one provider.
  const all = PROVIDERS.flatMap((p) => p.consumerDomains ?? []);
  assert.equal(new Set(all).size, all.length);
});

test('the tenant a Microsoft 365 DKIM CNAME names: the onmicrosoft.com and the 2025 dkim.mail.microsoft forms', () => {
  const patterns = providerById('microsoft-365')?.dkimTenant ?? [];
  assert.equal(tenantOfDkimTarget('selector1-contoso-com._domainkey.contoso.onmicrosoft.com', patterns), 'contoso');
  assert.equal(tenantOfDkimTarget('selector2-contoso-com._domainkey.contoso.onmicrosoft.com.', patterns), 'contoso');
  assert.equal(tenantOfDkimTarget('selector1-contoso-com._domainkey.contoso.n-v1.dkim.mail.microsoft', patterns), 'contoso');
  assert.equal(tenantOfDkimTarget('selector1-contoso-com._domainkey.contoso.r-v1.dkim.mail.microsoft', patterns), 'contoso');
  assert.equal(tenantOfDkimTarget('selector1-contoso-com._domainkey.onmicrosoft.com', patterns), undefined);
  assert.equal(tenantOfDkimTarget('s1.domainkey.u123.wl.sendgrid.net', patterns), undefined);
  assert.equal(tenantOfDkimTarget('selector1._domainkey.a.b.onmicrosoft.com', patterns), undefined);
});

test('recall rules: every row names known providers, a source, a confidence; sender-specific rows first', () => {
  for (const rule of RECALL_RULES) {
    for (const id of [...rule.providers, ...(rule.reaches ?? [])]) assert.ok(providerById(id), `${rule.id}: ${id}`);
    assert.ok(rule.sources.length > 0 && rule.sources.every((s) => /^https?:\/\//.test(s.url)), rule.id);
    // High confidence needs a page of the provider itself.
    if (rule.confidence === 'high') assert.ok(rule.sources.some((s) => s.by === 'provider'), rule.id);
  }
  assert.equal(new Set(RECALL_RULES.map((r) => r.id)).size, RECALL_RULES.length);
  assert.deepEqual(rulesForSender('netease-mail', 'vip.163.com').map((r) => r.id), ['netease-vip']);
  assert.deepEqual(rulesForSender('netease-mail', '163.com').map((r) => r.id), ['netease-free']);
  assert.deepEqual(rulesForSender('microsoft-365', 'contoso.test').map((r) => r.id), ['exchange-online-cloud', 'outlook-classic', 'outlook-undo-send']);
  assert.deepEqual(rulesForSender('yahoo-mail', 'yahoo.com'), []);
  // Tencent's window: no official source, so unknown.
  assert.equal(RECALL_RULES.find((r) => r.id === 'tencent')?.window.kind, 'unknown');
});

test('SPF hints: include and redirect targets, loosely', () => {
  assert.deepEqual(spfTargets('v=spf1 include:spf.protection.outlook.com ~include:_spf.Google.com ip4:192.0.2.1 redirect=_spf.example.test'), ['spf.protection.outlook.com', '_spf.google.com', '_spf.example.test']);
  assert.deepEqual(spfTargets('v=spf1 -all'), []);
});

test('README: the recall section names every rule, finding, reason and advice id', () => {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('## `mailcheck recall`');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 10));
  assert.ok(start > 0);
  for (const rule of RECALL_RULES) assert.ok(section.includes(`| \`${rule.id}\` |`), `rule ${rule.id}`);
  for (const id of ['recall.possible', 'recall.possible-if', 'recall.not-possible', 'recall.unknown']) assert.ok(section.includes(`\`${id}\``), id);
  const labels = Object.keys(enLabels).filter((k) => k.startsWith('recall.reason.') && !k.startsWith('recall.reason.client.') && !k.startsWith('recall.reason.limit.'));
  for (const key of labels) assert.ok(section.includes(`\`${key.slice('recall.reason.'.length)}\``), key);
  for (const key of Object.keys(enAdvice)) assert.ok(section.includes(`\`${key}\``), key);
});
