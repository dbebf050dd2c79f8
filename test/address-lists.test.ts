import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseDomainName } from 'tldts';
import { disposableData, disposableMatch, isDisposable } from '../src/address/disposable.js';
import { duplicateKey } from '../src/address/duplicate.js';
import { freeProvider } from '../src/address/free-provider.js';
import { roleMailbox } from '../src/address/role.js';
import { FREE_PROVIDERS } from '../src/data/free-providers.js';
import { ROLE_MAILBOXES, ROLE_QUALIFIERS } from '../src/data/role-mailboxes.js';
import { parseAddress } from '../src/parse/address.js';

test('role mailboxes: hits with their class', () => {
  const hits: [string, string, string][] = [
    ['info', 'info', 'rfc2142'], ['Sales', 'sales', 'rfc2142'], ['postmaster', 'postmaster', 'rfc2142'], ['abuse', 'abuse', 'rfc2142'],
    ['webmaster', 'webmaster', 'rfc2142'], ['support', 'support', 'rfc2142'], ['marketing', 'marketing', 'rfc2142'],
    ['noreply', 'noreply', 'automated'], ['no-reply', 'no-reply', 'automated'], ['do-not-reply', 'do-not-reply', 'automated'],
    ['admin', 'admin', 'business-en'], ['hr', 'hr', 'business-en'], ['office', 'office', 'business-en'], ['contact', 'contact', 'business-en'],
    ['purchase', 'purchase', 'business-en'], ['采购', '采购', 'business-zh'], ['销售', '销售', 'business-zh'], ['采购部', '采购', 'business-zh'],
    ['caigou', 'caigou', 'business-zh'], ['waimao', 'waimao', 'business-zh'], ['ventas', 'ventas', 'business-intl'], ['einkauf', 'einkauf', 'business-intl'],
    ['sales01', 'sales', 'rfc2142'], ['sales.team', 'sales', 'rfc2142'], ['export-sales', 'export', 'business-en'], ['info.cn', 'info', 'rfc2142'],
    ['INFO+newsletter', 'info', 'rfc2142'], ['"sales"', 'sales', 'rfc2142'], ['sales_2', 'sales', 'rfc2142'],
  ];
  for (const [local, role, roleClass] of hits) assert.deepEqual(roleMailbox(local), { role, roleClass }, local);
});

test('role mailboxes: near misses are people or words that only contain a role', () => {
  for (const local of ['john.sales', 'sally', 'salesman', 'information', 'infosys', 'admiral', 'zhang.san', 'hrithik', 'contactless', 'johnsales', 'mike-info-x', '采购员张三', 'teamster', 'cn', '123', '']) {
    assert.equal(roleMailbox(local), undefined, local);
  }
});

test('role list: lower case, no duplicates inside a class, qualifiers are not roles themselves', () => {
  for (const [cls, entries] of Object.entries(ROLE_MAILBOXES)) {
    assert.equal(new Set(entries).size, entries.length, `${cls} has a duplicate`);
    for (const e of entries) assert.equal(e, e.toLowerCase(), e);
  }
  assert.ok(ROLE_QUALIFIERS.length > 0);
});

test('free providers: named, with Gmail, QQ, NetEase, Sina, Outlook.com, Yahoo, iCloud', () => {
  const cases: [string, string, string][] = [
    ['gmail.com', 'gmail', 'Gmail'], ['googlemail.com', 'gmail', 'Gmail'], ['qq.com', 'qq', 'QQ Mail'], ['foxmail.com', 'qq', 'QQ Mail'],
    ['163.com', 'netease-163', 'NetEase 163'], ['126.com', 'netease-126', 'NetEase 126'], ['yeah.net', 'netease-yeah', 'NetEase yeah.net'],
    ['sina.com', 'sina', 'Sina Mail'], ['sina.cn', 'sina', 'Sina Mail'], ['hotmail.com', 'outlook', 'Outlook.com'], ['outlook.com', 'outlook', 'Outlook.com'],
    ['live.com', 'outlook', 'Outlook.com'], ['yahoo.com', 'yahoo', 'Yahoo Mail'], ['icloud.com', 'icloud', 'iCloud Mail'], ['me.com', 'icloud', 'iCloud Mail'],
    ['aliyun.com', 'aliyun', 'Aliyun Mail'], ['139.com', 'china-mobile-139', 'China Mobile 139'], ['sohu.com', 'sohu', 'Sohu Mail'],
    ['protonmail.com', 'proton', 'Proton Mail'], ['gmx.de', 'gmx', 'GMX'], ['mail.ru', 'mail-ru', 'Mail.ru'], ['yandex.ru', 'yandex', 'Yandex Mail'],
    ['naver.com', 'naver', 'Naver Mail'], ['GMAIL.COM.', 'gmail', 'Gmail'],
  ];
  for (const [domain, id, name] of cases) {
    const p = freeProvider(domain);
    assert.equal(p?.id, id, domain);
    assert.equal(p?.name, name, domain);
  }
  // Near misses: company domains, subdomains of providers that are not mailboxes, lookalikes.
  for (const domain of ['acme.com', 'mail.google.com', 'exmail.qq.com', 'qiye.163.com', 'gmail.co', 'alibaba.com', 'outlook.office365.com', 'qq.com.cn']) {
    assert.equal(freeProvider(domain), undefined, domain);
  }
});

test('free-provider data: every domain once, registrable or a documented vip./sub-domain, ASCII lower case', () => {
  const seen = new Map<string, string>();
  for (const p of FREE_PROVIDERS) {
    for (const d of p.domains) {
      assert.equal(seen.get(d), undefined, `${d} listed twice`);
      seen.set(d, p.id);
      assert.match(d, /^[a-z0-9.-]+$/);
      assert.ok(parseDomainName(d, { allowPrivateDomains: false }).domain, d);
    }
  }
});

function key(text: string, foldCase = false): string {
  const r = parseAddress(text);
  assert.ok(r.ok, text);
  return duplicateKey(r.address, { foldCase });
}

test('duplicate keys: domain case folded everywhere; Gmail dots, +tags and googlemail folded', () => {
  assert.equal(key('John@EXAMPLE.com'), key('John@example.COM'));
  assert.notEqual(key('John@example.com'), key('john@example.com'), 'local parts are case-sensitive by default');
  assert.equal(key('John@example.com', true), key('john@example.com', true), 'foldCase option');
  assert.equal(key('J.O.H.N+news@gmail.com'), 'john@gmail.com');
  assert.equal(key('john@googlemail.com'), 'john@gmail.com');
  assert.equal(key('John.Smith@GMail.com'), key('johnsmith@gmail.com'));
  // Near misses: the same folding must not happen elsewhere.
  assert.equal(key('j.o.h.n+news@example.com'), 'j.o.h.n+news@example.com');
  assert.equal(key('john.smith@outlook.com'), 'john.smith@outlook.com', 'Outlook.com folding is not sourced');
  assert.notEqual(key('john.smith@qq.com'), key('johnsmith@qq.com'));
  assert.equal(key('"j.o+hn"@gmail.com'), 'jo@gmail.com', 'needless quotes are gone before folding');
  assert.equal(key('"J. O"@gmail.com'), '"j. o"@gmail.com', 'a local part that must stay quoted is not re-split');
});

test('disposable: both lists, parent domains, free providers and public suffixes exempt', () => {
  const mc = disposableMatch('mailinator.com');
  assert.equal(mc?.listed, 'mailinator.com');
  assert.ok(isDisposable('0-mail.com'), 'listed by both');
  // An entry only the CC0 list has.
  const data = disposableData();
  assert.deepEqual(data.map((d) => d.source), ['mailchecker', 'disposable-email-domains']);
  for (const d of data) {
    assert.match(d.version, /^\d+\.\d+\.\d+/);
    assert.ok(d.domains > 5000, `${d.source}: ${d.domains}`);
  }
  // Parents: a sub-domain of a listed domain is disposable; stop at the registrable domain.
  assert.deepEqual(disposableMatch('x.y.mailinator.com'), { source: 'mailchecker', listed: 'mailinator.com' });
  assert.equal(isDisposable('MAILINATOR.COM.'), true);
  // mailchecker lists tom.com, the CC0 list 21cn.com: both are long-standing Chinese free-mail providers.
  assert.equal(isDisposable('tom.com'), false);
  assert.equal(isDisposable('21cn.com'), false);
  // mailchecker lists nom.za (an ICANN public suffix): a registered name below it is not thereby disposable.
  assert.equal(isDisposable('smith.nom.za'), false);
  // Near misses: real domains.
  for (const domain of ['gmail.com', 'qq.com', '163.com', 'example.com', 'mailinator.com.example', 'com', '', 'acme.com.cn']) {
    assert.equal(isDisposable(domain), false, domain);
  }
});

test('disposable: no free-provider domain is reported', () => {
  for (const p of FREE_PROVIDERS) for (const d of p.domains) assert.equal(isDisposable(d), false, d);
});
