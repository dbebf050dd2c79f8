import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { Chalk } from 'chalk';
import type { DnsRecord, Resolver } from '../src/dns/types.js';
import { createMemorySource } from '../src/dns/memory.js';
import { addGlobalOptions } from '../src/cli/global-options.js';
import { UsageError } from '../src/cli/exit-codes.js';
import { memoryIo } from '../src/cli/io.js';
import { createIpCommand } from '../src/cli/commands/ip.js';
import { runDomainCommand } from '../src/cli/commands/domain.js';
import { LANGS, langFromEnv, loadCatalogue, parseLang } from '../src/messages/index.js';
import { text, type CatalogueShape } from '../src/messages/types.js';
import { zhCN } from '../src/messages/zh-CN/index.js';
import { en } from '../src/messages/en/index.js';
import { DOMAIN_CHECKS } from '../src/checks/index.js';
import { detail } from '../src/messages/zh-CN/common.js';
import { parseDmarc } from '../src/parse/dmarc.js';
import { parseDkim } from '../src/parse/dkim.js';
import { parseTagList } from '../src/parse/taglist.js';
import type { RenderContext } from '../src/render/context.js';
import { renderDomainText } from '../src/render/text/domain.js';
import { displayWidth } from '../src/render/width.js';
import { formatRecordFix } from '../src/render/record.js';
import type { RecordFix } from '../src/core/finding.js';
import { goodDomain, memoryResolver, replace, reportFor, rr, type FixtureOptions } from './helpers/domain-fixtures.js';
import { certificate, fetchAnswering, okPolicy, okSession, proberAnswering } from './helpers/transport-fixtures.js';
import { RSA_1024, RSA_1024_PKCS1, RSA_2048, RSA_512 } from './helpers/dkim-keys.js';
import { a } from './helpers/records.js';
import { runCli } from './helpers/run-cli.js';

// mailcheck in Simplified Chinese: LANG=zh_CN.UTF-8 or --lang zh give Chinese text for every command,
// with ids, records, host names and commands kept as they are, and JSON unchanged by the language.

const ZH = { LANG: 'zh_CN.UTF-8' };

// ---------------------------------------------------------------------------------------------
// The checker: English left in a Chinese text is a stretch of text without a Chinese character that
// holds four or more lowercase English words ("Could not look up example.com TXT (timeout), so…").
// What may stay English is taken out first: DNS record lines, quoted values ("…", “…”, `…`, <…>),
// URLs, and what follows 服务器原话： / 原邮件： / 原因： (the server's or list's own words) and
// 记录： (an SPF record in the trace). A word is a token of lowercase letters only, once ASCII
// punctuation around it is stripped: ids (spf.softfail), host names, tags (p=none), terms
// (include:x, ~all), numbers and acronyms (SPF, TXT) are not words.
// ---------------------------------------------------------------------------------------------

const RECORD_LINE = /^\s*\S+\.\s+(?:\d+\s+IN\s+)?(?:A|AAAA|MX|TXT|SPF|CNAME|PTR|NS|SOA|CAA|TLSA)\s/;
const QUOTED_AFTER = ['服务器原话：', '原邮件：', '原因：', '记录：'];
const CHINESE = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
const ASCII_PUNCTUATION = /^[()[\]{},.;:!?'"]+|[()[\]{},.;:!?'"]+$/g;

/** The stretches of English left in `output` (empty when it is all Chinese apart from what may stay). */
export function englishLeft(output: string): string[] {
  const found: string[] = [];
  for (const raw of output.split('\n')) {
    if (RECORD_LINE.test(raw) || raw.includes('\tIN\t')) continue;
    let line = raw;
    for (const marker of QUOTED_AFTER) {
      const at = line.indexOf(marker);
      if (at >= 0) line = line.slice(0, at);
    }
    line = line
      .replace(/`[^`]*`/g, ' ')
      .replace(/"[^"]*"/g, ' ')
      .replace(/“[^”]*”/g, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/https?:\/\/\S+/g, ' ');
    let stretch: string[] = [];
    let words = 0;
    const flush = () => {
      if (words >= 4) found.push(stretch.join(' '));
      stretch = [];
      words = 0;
    };
    for (const token of line.split(/\s+/).filter(Boolean)) {
      if (CHINESE.test(token)) {
        flush();
        continue;
      }
      stretch.push(token);
      if (/^[a-z]+$/.test(token.replace(ASCII_PUNCTUATION, ''))) words++;
    }
    flush();
  }
  return found;
}

function assertChinese(output: string, what: string): void {
  assert.ok(/[\u4e00-\u9fff]/.test(output), `${what}: no Chinese at all:\n${output}`);
  assert.deepEqual(englishLeft(output), [], `${what}: English left:\n${output}`);
}

test('the checker finds English sentences and lets ids, records, hosts, commands and server words through', () => {
  assert.deepEqual(englishLeft('Could not look up example.com TXT (timeout), so SPF was not checked.'), ['Could not look up example.com TXT (timeout), so SPF was not checked.']);
  assert.deepEqual(englishLeft('⚠ 警告 spf.softfail  the record ends in ~all: unlisted servers are suspicious'), ['spf.softfail the record ends in ~all: unlisted servers are suspicious']);
  assert.deepEqual(englishLeft('无法检查：could not check the list'), ['not check the list']);
  assert.deepEqual(englishLeft('无法检查：could not check'), [], 'three words are let through (the limit of the heuristic)');
  assert.deepEqual(englishLeft('  怎么办：地址无效，停止发送。先把 jane.doe@example.net 删掉'), []);
  assert.deepEqual(englishLeft('  example.test. TXT "v=spf1 mx include:_spf.example.test include:spf.mailer.test ~all"'), []);
  assert.deepEqual(englishLeft('    服务器原话：550 5.1.1 <jane@example.net>: Recipient address rejected: User unknown in virtual mailbox table'), []);
  assert.deepEqual(englishLeft('先在 DKIM-Signature 头里找到 s= 标签，再运行 `mailcheck domain example.com --selector <selector>`。'), []);
  assert.deepEqual(englishLeft('SPF 记录以“v=spf1 a mx ptr include:x -all”开头'), []);
  assert.deepEqual(englishLeft('策略 quarantine，pct 100，sp quarantine，adkim r，aspf r'), []);
});

// The "4 lowercase words" rule is blind to short English; the labels and fixed words are checked too.
test('every fixed entry of the Chinese catalogue is Chinese; every entry is Chinese with data filled in', () => {
  const keepAsIs = new Set(['spamtrap666', 'spamtrap50', 'tor', 'mta-sts', 'tls-rpt']);
  for (const [section, entries] of Object.entries(zhCN) as [keyof CatalogueShape, Record<string, unknown>][]) {
    for (const [id, entry] of Object.entries(entries)) {
      const words = typeof entry === 'object' && entry !== null ? (entry as { title: string }).title : entry;
      if (typeof words !== 'string' || keepAsIs.has(id)) continue;
      // Brand names (recall's provider families: Zoho, Gmail…) stay as the brands write them.
      const brand = (id.startsWith('recall.family.') || id.startsWith('provider.')) && /^[A-Z][A-Za-z0-9 .&()/-]*$/.test(words);
      // CSS and header code shown as written (message's hidden-text reasons: display:none…).
      const code = /^[a-z-]+:[a-z0-9 #-]+$/.test(words);
      assert.ok(brand || code || /[\u4e00-\u9fff]/.test(words) || /^[A-Z0-9\s./-]+$/.test(words), `${section}.${id}: "${words}"`);
      assert.deepEqual(englishLeft(words), [], `${section}.${id}`);
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Choosing the language
// ---------------------------------------------------------------------------------------------

test('--lang accepts zh, zh-CN, zh_CN, zh-Hans and the Traditional locales (Simplified for now), en, en-US', () => {
  assert.deepEqual(LANGS, ['en', 'zh-CN']);
  for (const value of ['zh', 'ZH', 'zh-CN', 'zh_CN', 'zh-cn', 'zh-Hans', 'zh-Hans-CN', 'zh-SG', 'zh-TW', 'zh_TW', 'zh-HK', 'zh-Hant', 'zh_CN.UTF-8', 'zh_CN.GB18030']) {
    assert.equal(parseLang(value), 'zh-CN', value);
  }
  for (const value of ['en', 'en-US', 'en_GB.UTF-8']) assert.equal(parseLang(value), 'en', value);
  for (const value of ['fr', 'zhx', 'chinese', '', 'z']) assert.equal(parseLang(value), undefined, value);
});

test('the locale: the first set of LC_ALL, LC_MESSAGES, LANG decides; zh… is Chinese, C, POSIX and the rest English', () => {
  assert.equal(langFromEnv({ LANG: 'zh_CN.UTF-8' }), 'zh-CN');
  assert.equal(langFromEnv({ LANG: 'zh_TW.Big5' }), 'zh-CN');
  assert.equal(langFromEnv({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }), 'zh-CN');
  assert.equal(langFromEnv({ LC_ALL: 'zh_HK.UTF-8', LC_MESSAGES: 'en_US.UTF-8', LANG: 'en_US.UTF-8' }), 'zh-CN');
  assert.equal(langFromEnv({ LC_ALL: 'C', LANG: 'zh_CN.UTF-8' }), 'en');
  assert.equal(langFromEnv({ LC_ALL: 'POSIX', LANG: 'zh_CN.UTF-8' }), 'en');
  assert.equal(langFromEnv({ LC_MESSAGES: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }), 'en');
  assert.equal(langFromEnv({ LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8' }), 'zh-CN', 'empty values are not set');
  assert.equal(langFromEnv({ LANG: 'C.UTF-8' }), 'en');
  assert.equal(langFromEnv({ LANG: 'fr_FR.UTF-8' }), 'en');
  assert.equal(langFromEnv({}), 'en');
});

test('the Chinese catalogue is loaded only for Chinese', async () => {
  assert.equal(await loadCatalogue('zh-CN'), zhCN);
  assert.equal(await loadCatalogue('en'), en);
});

// ---------------------------------------------------------------------------------------------
// mailcheck domain
// ---------------------------------------------------------------------------------------------

const EXAMPLE = ['--zone', 'examples/example.test.zone', 'domain', 'example.test', '--selector', 's2026', '--selector', 'legacy'];

test('domain: LANG=zh_CN.UTF-8 and --lang zh print the same Chinese report of the example zone', async () => {
  const byEnv = await runCli(EXAMPLE, { env: ZH });
  const byFlag = await runCli(['--lang', 'zh', ...EXAMPLE]);
  const byFlagOverEnv = await runCli(['--lang', 'zh-CN', ...EXAMPLE], { env: { LANG: 'en_US.UTF-8' } });
  assert.equal(byEnv.code, 0, byEnv.stderr);
  assert.equal(byEnv.stdout, byFlag.stdout);
  assert.equal(byEnv.stdout, byFlagOverEnv.stdout);
  assertChinese(byEnv.stdout, 'domain example.test');
  const out = byEnv.stdout;
  assert.match(out, /^example\.test {2}得分 97\/100，等级 A {2}\(0 个错误，1 个警告，2 个提示\)$/m);
  assert.match(out, /⚠ 警告 dkim\.weak-key {2}legacy\._domainkey\.example\.test 的 RSA 密钥是 1024 位/);
  assert.match(out, /ℹ 提示 spf\.softfail/);
  assert.match(out, /ℹ 提示 dane\.rollover {2}_25\._tcp\.mx1\.example\.test 的 TLSA：只有一条 DANE-EE 关联/);
  assert.match(out, /^ {2}example\.test\. TXT "v=spf1 mx include:_spf\.example\.test include:spf\.mailer\.test ~all"$/m);
  assert.match(out, /^ {2}└─ include:spf\.mailer\.test {2}3 次查询$/m);
  assert.match(out, /RFC 8301/);
  // English is the default and is unchanged.
  const english = await runCli(EXAMPLE, { env: { LANG: 'C' } });
  assert.match(english.stdout, /^example\.test {2}score 97\/100, grade A/);
  assert.equal(english.stdout, (await runCli(['--lang', 'en', ...EXAMPLE], { env: ZH })).stdout);
});

for (const file of readdirSync('test/fixtures/domain').filter((f) => f.endsWith('.zone'))) {
  test(`domain: test/fixtures/domain/${file} in Chinese`, async () => {
    const domain = file.replace(/\.zone$/, '');
    const r = await runCli(['--zone', `test/fixtures/domain/${file}`, 'domain', domain], { env: ZH });
    assertChinese(r.stdout, file);
    assert.match(r.stdout, new RegExp(`^${domain.replace('.', '\\.')} {2}得分 \\d+/100，等级 [A-F]`, 'm'));
    const english = await runCli(['--zone', `test/fixtures/domain/${file}`, 'domain', domain, '--json']);
    // Every finding id of the English report is printed, and every record to publish, as it is.
    for (const f of JSON.parse(english.stdout).findings as { id: string; fix: { record?: RecordFix } | null }[]) {
      assert.ok(r.stdout.includes(` ${f.id}  `), `${file}: ${f.id}`);
      if (f.fix?.record) assert.ok(r.stdout.includes(formatRecordFix(f.fix.record)), `${file}: record of ${f.id}`);
    }
  });
}

// Every finding `mailcheck domain` can report, each from the good domain with one thing broken
// (the same fixtures as test/domain-findings.test.ts), rendered in Chinese.
const D = 'good.test';
const base = goodDomain(D);
const txt = (name: string, ...values: string[]) => values.map((v) => rr(name, 'TXT', v));
const includeChain = (n: number): DnsRecord[] => Array.from({ length: n }, (_, i) => rr(`i${i}.spf.test`, 'TXT', 'v=spf1 ip4:198.51.100.0/24 -all'));
// Transport fixtures as in test/domain-findings.test.ts: the policy host, a policy fetched by a stand-in
// client, a stand-in STARTTLS prober; and a few more of each kind, for every sentence of the transport words.
const policyHost = rr(`mta-sts.${D}`, 'A', '192.0.2.80');
const GOOD_POLICY = `version: STSv1\nmode: enforce\nmx: mx1.${D}\nmax_age: 86400\n`;
const policyFetch = (body: string): FixtureOptions => ({ ctx: { fetch: fetchAnswering(okPolicy(body)) } });
const fetchGives = (answer: Parameters<typeof fetchAnswering>[0]): FixtureOptions => ({ ctx: { fetch: fetchAnswering(answer) } });
const TLS_INFO = { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' };
const smtpAnswer = (answer: Parameters<typeof proberAnswering>[0][string]): FixtureOptions => ({ ctx: { smtp: proberAnswering({ [`mx1.${D}`]: answer }) } });
const TLSA_NAME = `_25._tcp.mx1.${D}`;
const noAuth = replace(replace(base, D, 'TXT'), `s1._domainkey.${D}`, 'TXT');
const microsoftMx = [...replace(base, D, 'MX', rr(D, 'MX', { preference: 0, exchange: 'good-test.a-v1.mx.microsoft' })), rr('good-test.a-v1.mx.microsoft', 'A', '192.0.2.77'), policyHost];

const CASES: { id: string; records: DnsRecord[]; options?: FixtureOptions }[] = [
  { id: 'mx.missing', records: replace(base, D, 'MX') },
  { id: 'mx.missing', records: [...replace(base, D, 'MX'), rr(D, 'A', '192.0.2.80')] },
  { id: 'mx.missing', records: [], options: { domain: 'absent.test' } },
  { id: 'mx.null', records: replace(base, D, 'MX', rr(D, 'MX', { preference: 0, exchange: '' })) },
  { id: 'mx.null', records: [...base, rr(D, 'MX', { preference: 0, exchange: '' })] },
  { id: 'mx.cname', records: [...replace(base, D, 'MX', rr(D, 'MX', { preference: 10, exchange: `mail.${D}` })), rr(`mail.${D}`, 'CNAME', `mx1.${D}`)] },
  { id: 'mx.ip-literal', records: replace(base, D, 'MX', rr(D, 'MX', { preference: 10, exchange: '192.0.2.10' })) },
  { id: 'mx.unresolvable', records: replace(base, D, 'MX', rr(D, 'MX', { preference: 10, exchange: `gone.${D}` })) },
  { id: 'mx.private-ip', records: [...base, rr(D, 'MX', { preference: 20, exchange: `int.${D}` }), rr(`int.${D}`, 'A', '10.1.2.3')] },
  { id: 'mx.no-ipv6', records: replace(base, `mx1.${D}`, 'AAAA') },
  { id: 'spf.missing', records: replace(base, D, 'TXT') },
  { id: 'spf.multiple', records: [...base, ...txt(D, 'v=spf1 include:_spf.google.com ~all')] },
  { id: 'spf.syntax', records: replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx ip4:192.0.2.300 -all')) },
  { id: 'spf.syntax', records: [...replace(base, D, 'TXT', ...txt(D, 'v=spf1 include:bad.spf.test -all')), ...txt('bad.spf.test', 'v=spf1 foo:bar -all')] },
  { id: 'spf.syntax', records: replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx exp=%{z} include -all')) },
  { id: 'spf.too-many-lookups', records: [...replace(base, D, 'TXT', ...txt(D, `v=spf1 mx ${Array.from({ length: 11 }, (_, i) => `include:i${i}.spf.test`).join(' ')} -all`)), ...includeChain(11)] },
  { id: 'spf.void-lookups', records: replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx a:v1.test a:v2.test a:v3.test -all')) },
  { id: 'spf.loop', records: [...replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx include:loop.spf.test -all')), ...txt('loop.spf.test', `v=spf1 include:${D} -all`)] },
  { id: 'spf.include-missing', records: replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx include:gone.spf.test -all')) },
  { id: 'spf.pass-all', records: replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx +all')) },
  { id: 'spf.neutral', records: replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx ?all')) },
  { id: 'spf.neutral', records: replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx')) },
  { id: 'spf.softfail', records: replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx ~all')) },
  { id: 'spf.ptr', records: replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx ptr -all')) },
  { id: 'spf.too-long', records: replace(base, D, 'TXT', ...txt(D, `v=spf1 mx ${Array.from({ length: 30 }, (_, i) => `ip4:198.51.100.${i}`).join(' ')} -all`)) },
  { id: 'spf.ip-not-authorized', records: base, options: { ips: ['198.51.100.7'] } },
  { id: 'spf.ip-not-authorized', records: replace(base, D, 'TXT', ...txt(D, 'v=spf1 mx ~all')), options: { ips: ['198.51.100.7'] } },
  { id: 'spf.rr-type', records: [...base, rr(D, 'SPF', 'v=spf1 mx -all')] },
  { id: 'dmarc.missing', records: replace(base, `_dmarc.${D}`, 'TXT') },
  { id: 'dmarc.multiple', records: [...base, ...txt(`_dmarc.${D}`, 'v=DMARC1; p=none')] },
  { id: 'dmarc.syntax', records: replace(base, `_dmarc.${D}`, 'TXT', ...txt(`_dmarc.${D}`, `v=DMARC1; p=block; rua=mailto:d@${D}`)) },
  { id: 'dmarc.syntax', records: replace(base, `_dmarc.${D}`, 'TXT', ...txt(`_dmarc.${D}`, `p=reject; v=DMARC1; rua=mailto:d@${D}`)) },
  { id: 'dmarc.syntax', records: replace(base, `_dmarc.${D}`, 'TXT', ...txt(`_dmarc.${D}`, `rua=mailto:d@${D}; v=DMARC1`)) },
  { id: 'dmarc.syntax', records: replace(base, `_dmarc.${D}`, 'TXT', ...txt(`_dmarc.${D}`, 'v=DMARC1; p=reject; adkim=x; pct=200; fo=9; rf=xml; ri=soon; ;; junk; p=none')) },
  { id: 'dmarc.unknown-tag', records: replace(base, `_dmarc.${D}`, 'TXT', ...txt(`_dmarc.${D}`, `v=DMARC1; p=reject; rua=mailto:d@${D}; rue=mailto:d@${D}`)) },
  { id: 'dmarc.policy-none', records: replace(base, `_dmarc.${D}`, 'TXT', ...txt(`_dmarc.${D}`, `v=DMARC1; p=none; rua=mailto:d@${D}`)) },
  { id: 'dmarc.partial', records: replace(base, `_dmarc.${D}`, 'TXT', ...txt(`_dmarc.${D}`, `v=DMARC1; p=reject; pct=20; rua=mailto:d@${D}`)) },
  { id: 'dmarc.no-reports', records: replace(base, `_dmarc.${D}`, 'TXT', ...txt(`_dmarc.${D}`, 'v=DMARC1; p=reject')) },
  { id: 'dmarc.invalid-report-uri', records: replace(base, `_dmarc.${D}`, 'TXT', ...txt(`_dmarc.${D}`, `v=DMARC1; p=reject; rua=d@${D}`)) },
  { id: 'dmarc.external-unauthorized', records: replace(base, `_dmarc.${D}`, 'TXT', ...txt(`_dmarc.${D}`, 'v=DMARC1; p=reject; rua=mailto:r@reports.test')) },
  { id: 'dkim.not-found', records: replace(base, `s1._domainkey.${D}`, 'TXT') },
  { id: 'dkim.not-found', records: base, options: { selectors: ['nokey'] } },
  { id: 'dkim.not-found', records: [...replace(replace(base, `s1._domainkey.${D}`, 'TXT'), D, 'MX', rr(D, 'MX', { preference: 1, exchange: 'smtp.google.com' })), rr('smtp.google.com', 'A', '192.0.2.99')] },
  { id: 'dkim.weak-key', records: replace(base, `s1._domainkey.${D}`, 'TXT', ...txt(`s1._domainkey.${D}`, `v=DKIM1; k=rsa; p=${RSA_1024}`)) },
  { id: 'dkim.weak-key', records: replace(base, `s1._domainkey.${D}`, 'TXT', ...txt(`s1._domainkey.${D}`, `v=DKIM1; k=rsa; p=${RSA_512}`)) },
  { id: 'dkim.revoked', records: [...base, ...txt(`google._domainkey.${D}`, 'v=DKIM1; p=')] },
  { id: 'dkim.testing', records: replace(base, `s1._domainkey.${D}`, 'TXT', ...txt(`s1._domainkey.${D}`, `v=DKIM1; t=y; p=${RSA_2048}`)) },
  { id: 'dkim.malformed', records: replace(base, `s1._domainkey.${D}`, 'TXT', ...txt(`s1._domainkey.${D}`, `v=DKIM1; p=${RSA_1024_PKCS1}`)) },
  { id: 'dkim.malformed', records: replace(base, `s1._domainkey.${D}`, 'TXT', ...txt(`s1._domainkey.${D}`, 'v=DKIM2; s=web; h=sha1; k=dsa; p=AAAA')) },
  { id: 'dkim.malformed', records: replace(base, `s1._domainkey.${D}`, 'TXT', ...txt(`s1._domainkey.${D}`, `v=DKIM1; p=${RSA_2048}`, `v=DKIM1; k=rsa; p=${RSA_2048}`)) },
  { id: 'rdns.missing', records: replace(base, '10.2.0.192.in-addr.arpa', 'PTR') },
  { id: 'rdns.missing', records: base, options: { ips: ['198.51.100.7'] } },
  { id: 'rdns.mismatch', records: replace(base, '10.2.0.192.in-addr.arpa', 'PTR', rr('10.2.0.192.in-addr.arpa', 'PTR', 'other.example.net')) },
  { id: 'rdns.generic', records: [...base, rr('7.100.51.198.in-addr.arpa', 'PTR', '198-51-100-7.dyn.isp.test'), rr('198-51-100-7.dyn.isp.test', 'A', '198.51.100.7')], options: { ips: ['198.51.100.7'] } },
  { id: 'rbl.listed', records: [...base, rr('10.2.0.192.zen.spamhaus.org', 'A', '127.0.0.2'), rr('10.2.0.192.zen.spamhaus.org', 'TXT', 'https://check.spamhaus.org/')] },
  { id: 'rbl.listed', records: [...base, rr(`${D}.dbl.spamhaus.org`, 'A', '127.0.1.2')] },
  { id: 'rbl.listed', records: [...replace(base, D, 'TXT', rr(D, 'TXT', 'v=spf1 ip4:192.0.2.10 ip4:198.51.100.0/24 -all')), rr('10.2.0.192.psbl.surriel.com', 'A', '127.0.0.2')] },
  { id: 'rbl.unchecked', records: base, options: { failures: [{ name: '10.2.0.192.zen.spamhaus.org', outcome: 'timeout' }] } },
  { id: 'rbl.unchecked', records: [...base, rr('10.2.0.192.psbl.surriel.com', 'A', '127.255.255.254')] },
  { id: 'provider.spf-include-missing', records: [...replace(base, D, 'MX', rr(D, 'MX', { preference: 1, exchange: 'smtp.google.com' })), rr('smtp.google.com', 'A', '192.0.2.99'), rr('smtp.google.com', 'AAAA', '2001:db8::99')] },
  { id: 'tls.mta-sts-missing', records: replace(base, `_mta-sts.${D}`, 'TXT') },
  { id: 'tls.tls-rpt-missing', records: replace(base, `_smtp._tls.${D}`, 'TXT') },
  { id: 'tls.mta-sts-invalid', records: replace(base, `_mta-sts.${D}`, 'TXT', ...txt(`_mta-sts.${D}`, 'v=STSv1; id=2024-01-01')) },
  { id: 'tls.mta-sts-invalid', records: replace(base, `_mta-sts.${D}`, 'TXT', ...txt(`_mta-sts.${D}`, 'v=STSv1; ID=x; foo', 'v=STSv1;id=2')) },
  { id: 'tls.mta-sts-invalid', records: replace(base, `_mta-sts.${D}`, 'TXT', ...txt(`_mta-sts.${D}`, 'v=STSV1; id=1')) },
  { id: 'tls.mta-sts-invalid', records: [...base, policyHost], options: policyFetch('version: STSv1\nmode: enforce\nmode: testing\nmx: mx1.good.test\nmax_age: 86400\n') },
  { id: 'tls.mta-sts-invalid', records: [...base, policyHost], options: policyFetch('Version: STSv2\nmode: Enforce\nmx: 192.0.2.1\nmx: mx1.good.test.\nmx: m*.good.test\nmax_age: forever\nbroken line\n') },
  { id: 'tls.mta-sts-invalid', records: [...base, policyHost], options: policyFetch('version: STSv1\nmode: enforce\nmax_age: 99999999999\n') },
  { id: 'tls.mta-sts-invalid', records: base, options: { ctx: { mtaStsPolicy: { file: 'policy.txt', body: Buffer.from('version: STSv1\n') } } } },
  { id: 'tls.mta-sts-invalid', records: [...base, policyHost], options: { ctx: { fetch: fetchAnswering(okPolicy(GOOD_POLICY, 'text/html')) } } },
  { id: 'tls.mta-sts-fetch-failed', records: [...base, policyHost], options: fetchGives((url) => ({ kind: 'status', url, status: 404, tls: TLS_INFO })) },
  { id: 'tls.mta-sts-fetch-failed', records: [...base, policyHost], options: fetchGives((url) => ({ kind: 'redirect', url, status: 301, location: 'https://www.good.test/', tls: TLS_INFO })) },
  { id: 'tls.mta-sts-fetch-failed', records: [...base, policyHost], options: fetchGives((url) => ({ kind: 'too-large', url, status: 200, limit: 65536, declared: 1000000, tls: TLS_INFO })) },
  { id: 'tls.mta-sts-fetch-failed', records: [...base, policyHost], options: fetchGives((url) => ({ kind: 'tls-error', url, reason: 'expired', code: 'CERT_HAS_EXPIRED', expired: true, nameMatches: false, certificate: certificate({ daysLeft: -3, dnsNames: ['a.test', 'b.test', 'c.test', 'd.test', 'e.test'] }) })) },
  { id: 'tls.mta-sts-fetch-failed', records: [...base, policyHost], options: fetchGives((url) => ({ kind: 'tls-error', url, reason: 'handshake', code: 'ERR_SSL_WRONG_VERSION_NUMBER' })) },
  { id: 'tls.mta-sts-fetch-failed', records: base, options: policyFetch(GOOD_POLICY) },
  { id: 'tls.mta-sts-fetch-failed', records: [...base, policyHost], options: fetchGives((url) => ({ kind: 'network-error', url, phase: 'connect', code: 'ECONNREFUSED' })) },
  { id: 'tls.mta-sts-fetch-failed', records: [...base, policyHost], options: fetchGives((url) => ({ kind: 'timeout', url, phase: 'response', timeoutMs: 5000, address: '192.0.2.80' })) },
  { id: 'tls.mta-sts-fetch-failed', records: [...base, policyHost], options: fetchGives((url) => ({ kind: 'network-error', url, phase: 'tls', code: 'ECONNRESET' })) },
  { id: 'tls.mta-sts-mx-mismatch', records: [...base, policyHost], options: policyFetch('version: STSv1\nmode: enforce\nmx: *.mx.microsoft\nmax_age: 86400\n') },
  { id: 'tls.mta-sts-mx-mismatch', records: [...base, policyHost], options: policyFetch('version: STSv1\nmode: testing\nmx: *.other.test\nmax_age: 86400\n') },
  { id: 'tls.mta-sts-mx-mismatch', records: microsoftMx, options: policyFetch('version: STSv1\nmode: enforce\nmx: *.mx.microsoft\nmax_age: 86400\n') },
  { id: 'tls.mta-sts-mx-mismatch', records: [...base, policyHost], options: policyFetch(`version: STSv1\nmode: enforce\nmx: *.mx1.${D}\nmax_age: 86400\n`) },
  { id: 'tls.mta-sts-testing', records: [...base, policyHost], options: policyFetch('version: STSv1\nmode: testing\nmx: mx1.good.test\nmax_age: 86400\n') },
  { id: 'tls.tls-rpt-invalid', records: replace(base, `_smtp._tls.${D}`, 'TXT', ...txt(`_smtp._tls.${D}`, 'v=TLSRPTv1; rua=http://reports.good.test/tls')) },
  { id: 'tls.tls-rpt-invalid', records: replace(base, `_smtp._tls.${D}`, 'TXT', ...txt(`_smtp._tls.${D}`, `v=TLSRPTv1; rua=mailto:tls@${D},ftp://x.test/`)) },
  { id: 'tls.tls-rpt-invalid', records: replace(base, `_smtp._tls.${D}`, 'TXT', ...txt(`_smtp._tls.${D}`, 'v=TLSRPTv1; RUA=mailto:a@b.test; rua=mailto:c@d.test; rua=mailto:e@f.test', 'v=TLSRPTv1;')) },
  { id: 'tls.tls-rpt-invalid', records: replace(base, `_smtp._tls.${D}`, 'TXT', ...txt(`_smtp._tls.${D}`, 'v=TLSRPTv1; x')) },

  { id: 'dnssec.unsigned', records: base, options: { dnssec: {}, ctx: { resolverName: '1.1.1.1' } } }, // a label in the report, never queried
  { id: 'dnssec.bogus', records: base, options: { dnssec: { bogus: (name) => name === D || name.endsWith(`.${D}`) } } },

  { id: 'dane.not-published', records: base, options: { dnssec: { signed: (name) => name.startsWith('_25._tcp.') } } },
  { id: 'dane.invalid', records: [...base, rr(TLSA_NAME, 'TLSA', `1 1 1 ${'ab'.repeat(32)}`)], options: { dnssec: { signed: (name) => name === TLSA_NAME } } },
  { id: 'dane.invalid', records: [...base, rr(TLSA_NAME, 'TLSA', `3 1 1 ${'ab'.repeat(10)}`), rr(TLSA_NAME, 'TLSA', `4 2 3 ${'ab'.repeat(32)}`), rr(TLSA_NAME, 'TLSA', `3 0 0 ${'ab'.repeat(32)}`)], options: { dnssec: { signed: (name) => name === TLSA_NAME } } },
  { id: 'dane.invalid', records: [...base, rr(TLSA_NAME, 'TLSA', `3 1 1 ${'ab'.repeat(32)}`)], options: { dnssec: { signed: (name) => name === TLSA_NAME }, ctx: { smtp: proberAnswering({ [`mx1.${D}`]: (host) => okSession(host) }) } } },
  { id: 'dane.unsigned', records: [...base, rr(TLSA_NAME, 'TLSA', `3 1 1 ${'ab'.repeat(32)}`)], options: { dnssec: {} } },
  { id: 'dane.rollover', records: [...base, rr(TLSA_NAME, 'TLSA', `3 1 1 ${'ab'.repeat(32)}`)], options: { dnssec: { signed: (name) => name === TLSA_NAME } } },
  { id: 'dane.rollover', records: [...base, rr(TLSA_NAME, 'TLSA', `2 1 1 ${'ab'.repeat(32)}`), rr(TLSA_NAME, 'TLSA', `3 0 1 ${'cd'.repeat(32)}`)], options: { dnssec: { signed: (name) => name === TLSA_NAME } } },

  { id: 'smtp.no-starttls', records: base, options: smtpAnswer((host, address) => ({ host, address, port: 25, outcome: 'no-starttls', reason: 'not-advertised', banner: { code: 220, lines: [host] }, ehlo: { code: 250, lines: [host, 'PIPELINING'] }, extensions: ['PIPELINING'] })) },
  { id: 'smtp.no-starttls', records: base, options: smtpAnswer((host, address) => ({ host, address, port: 25, outcome: 'tls-failed', reason: 'handshake', code: 'ERR_SSL_WRONG_VERSION_NUMBER' })) },
  { id: 'smtp.no-starttls', records: base, options: smtpAnswer((host, address) => ({ host, address, port: 25, outcome: 'no-starttls', reason: 'ehlo-rejected' })) },
  { id: 'smtp.tls-old', records: base, options: smtpAnswer((host) => okSession(host, { tls: { protocol: 'TLSv1' } })) },
  { id: 'smtp.tls-old', records: base, options: smtpAnswer((host) => okSession(host, { tls: { protocol: null } })) },
  { id: 'smtp.cert-invalid', records: base, options: smtpAnswer((host) => okSession(host, { tls: { trusted: false, verifyError: 'DEPTH_ZERO_SELF_SIGNED_CERT', verifyFault: 'untrusted' } })) },
  { id: 'smtp.cert-invalid', records: base, options: smtpAnswer((host) => okSession(host, { tls: { trusted: false, nameMatches: false, verifyError: 'CERT_HAS_EXPIRED', verifyFault: 'expired', chain: [certificate({ expired: true, daysLeft: -10, dnsNames: ['other.test'] })] } })) },
  { id: 'smtp.banner-mismatch', records: base, options: smtpAnswer((host) => okSession(host, { bannerHost: 'relay.hosting.test' })) },
  { id: 'smtp.unchecked', records: base, options: { ctx: { smtp: proberAnswering({}) } } },
  { id: 'smtp.unchecked', records: base, options: smtpAnswer((host, address) => ({ host, address, port: 25, outcome: 'connect-refused', code: 'ECONNREFUSED' })) },
  { id: 'smtp.unchecked', records: base, options: smtpAnswer((host, address) => ({ host, address, port: 25, outcome: 'connect-failed', code: 'EHOSTUNREACH' })) },
  { id: 'smtp.unchecked', records: base, options: smtpAnswer((host, address) => ({ host, address, port: 25, outcome: 'banner-timeout', timeoutMs: 10000 })) },
  { id: 'smtp.unchecked', records: base, options: smtpAnswer((host, address) => ({ host, address, port: 25, outcome: 'banner-rejected', banner: { code: 554, lines: ['5.7.1 Your access to this mail system has been rejected due to the sending MTA\'s poor reputation'] } })) },
  { id: 'smtp.unchecked', records: base, options: smtpAnswer((host, address) => ({ host, address, port: 25, outcome: 'timeout', stage: 'ehlo', timeoutMs: 10000 })) },
  { id: 'smtp.unchecked', records: base, options: smtpAnswer((host, address) => ({ host, address, port: 25, outcome: 'protocol-error', stage: 'banner', reason: 'line-too-long' })) },
  { id: 'smtp.unchecked', records: base, options: smtpAnswer((host, address) => ({ host, address, port: 25, outcome: 'tls-failed', reason: 'timeout' })) },
  { id: 'smtp.unchecked', records: base, options: smtpAnswer((host, address) => ({ host, address, port: 25, outcome: 'tls-failed', reason: 'closed' })) },

  { id: 'profile.authenticated', records: noAuth, options: { selectors: ['nokey'] } },
  { id: 'profile.spf', records: replace(base, D, 'TXT') },
  { id: 'profile.spf', records: base, options: { ips: ['198.51.100.7'], profile: 'microsoft' } },
  { id: 'profile.dkim', records: replace(base, `s1._domainkey.${D}`, 'TXT'), options: { selectors: ['nokey'], profile: 'gmail' } },
  { id: 'profile.dkim', records: replace(base, `s1._domainkey.${D}`, 'TXT', ...txt(`s1._domainkey.${D}`, `v=DKIM1; k=rsa; p=${RSA_512}`)), options: { profile: 'yahoo' } },
  { id: 'profile.dmarc', records: replace(base, `_dmarc.${D}`, 'TXT') },
  { id: 'profile.alignment', records: noAuth, options: { selectors: ['nokey'], profile: 'all' } },
  { id: 'profile.fcrdns', records: base, options: { ips: ['198.51.100.7'], profile: 'gmail' } },
  { id: 'profile.fcrdns', records: base, options: { ips: ['198.51.100.7'], profile: 'yahoo' } },
  { id: 'profile.tls', records: base, options: smtpAnswer((host, address) => ({ host, address, port: 25, outcome: 'no-starttls', reason: 'starttls-rejected' })) },
  { id: 'profile.tls', records: base, options: { ...smtpAnswer((host, address) => ({ host, address, port: 25, outcome: 'no-starttls', reason: 'not-advertised' })), profile: 'gmail' } },
  { id: 'dns.lookup-failed', records: base, options: { failures: [{ name: D, outcome: 'timeout', types: ['TXT'] }] } },
  { id: 'dns.lookup-failed', records: base, options: { failures: [{ name: `_dmarc.${D}`, outcome: 'servfail' }] } },
  { id: 'dns.lookup-failed', records: base, options: { failures: [{ name: D, outcome: 'servfail', types: ['MX'] }] } },
  { id: 'dns.lookup-failed', records: base, options: { failures: [{ name: '10.2.0.192.in-addr.arpa', outcome: 'timeout' }] } },
  { id: 'dns.lookup-failed', records: [...replace(base, D, 'TXT', ...txt(D, 'v=spf1 include:slow.spf.test -all'))], options: { ips: ['192.0.2.10'], failures: [{ name: 'slow.spf.test', outcome: 'servfail' }] } },
  // The transport lookups: the MTA-STS policy host, an MX host's TLSA records, the root zone's DNSSEC answer.
  { id: 'dns.lookup-failed', records: [...base, policyHost], options: { ...policyFetch(GOOD_POLICY), failures: [{ name: `mta-sts.${D}`, outcome: 'timeout' }] } },
  { id: 'dns.lookup-failed', records: base, options: { failures: [{ name: TLSA_NAME, outcome: 'servfail' }] } },
  { id: 'dns.lookup-failed', records: base, options: { dnssec: {}, failures: [{ name: '.', outcome: 'timeout', types: ['SOA'] }] } },
  { id: 'dane.not-published', records: base, options: { dnssec: { signed: () => true }, ctx: { resolverName: '9.9.9.9' } } },
];

const zhContext: RenderContext = { words: zhCN, en, lang: 'zh-CN', chalk: new Chalk({ level: 0 }), quiet: false, failOn: 'error', options: {}, version: '0.0.0' };

test('domain: every finding of the fixtures reads in Chinese, with its id and its record', async () => {
  const seen = new Set<string>();
  for (const c of CASES) {
    const report = await reportFor(c.records, { domain: D, ...c.options });
    assert.ok(report.findings.some((f) => f.id === c.id), `${c.id} not reported: ${report.findings.map((f) => f.id).join(' ')} ${JSON.stringify(c.records.filter((r) => r.name.includes('_domainkey')))}`);
    const out = renderDomainText(report, zhContext);
    assertChinese(out, `${c.id} ${JSON.stringify(c.options ?? {})}`);
    for (const f of report.findings) {
      assert.ok(out.includes(` ${f.id}  `), f.id);
      seen.add(f.id);
      if (f.fix?.record) assert.ok(out.includes(formatRecordFix(f.fix.record)), `record of ${f.id}`);
    }
    assert.doesNotMatch(out, /undefined|\[object Object\]|NaN/);
  }
  const domainIds = [...new Set(DOMAIN_CHECKS.flatMap((c) => c.findings.map((f) => f.id)))];
  assert.deepEqual(domainIds.filter((id) => !seen.has(id)), [], 'every domain finding id has a case');
});

test('domain: the spinner speaks the chosen language', async () => {
  const options = { selectors: [], ips: [], failOn: 'error' as const, minScore: 0, concurrency: 8 };
  for (const [lang, expected] of [['zh-CN', /正在检查 good\.test|已检查 good\.test/], ['en', /checking good\.test|checked good\.test/]] as const) {
    let spinner = '';
    const stream = Object.assign(new Writable({ write(chunk, _enc, done) { spinner += String(chunk); done(); } }), { isTTY: true, columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    const io = Object.assign(memoryIo(), { stderrIsTTY: true, stderrStream: stream as unknown as NodeJS.WriteStream });
    await runDomainCommand(['good.test'], options, { format: 'text', formatGiven: false, lang, quiet: false, color: false, resolver: [], zone: [], timeout: 3000, retries: 0 }, memoryResolver(goodDomain()), io);
    assert.match(spinner, expected, spinner);
  }
  assert.equal(text(zhCN, 'labels', 'domain.checked-of', { done: 2, total: 5, domain: 'b.test' }), '已检查 2/5（b.test）');
  assert.equal(text(en, 'labels', 'domain.checked-of', { done: 2, total: 5, domain: 'b.test' }), 'checked 2 of 5 (b.test)');
});

// ---------------------------------------------------------------------------------------------
// The English sentences lower layers still put in data (DMARC/DKIM parsers, DNS errors)
// ---------------------------------------------------------------------------------------------

test('every DMARC, DKIM and tag-list parser error has Chinese words; DNS error details too', () => {
  const errors = [
    ...parseTagList('a=1; ; junk; 9x=2; a=3').errors,
    ...parseDmarc('p=reject; v=DMARC1').errors,
    ...parseDmarc('rua=mailto:x@example.com').errors,
    ...parseDmarc('v=DMARC1; p=block; sp=x; adkim=x; aspf=y; pct=200; fo=9; rf=xml; ri=soon').errors,
    ...parseDmarc('v=DMARC1; rua=mailto:x@example.com').errors,
    ...parseDkim('k=rsa; v=DKIM1; p=').errors,
    ...parseDkim('v=DKIM2; s=web; h=sha1').errors,
    ...parseDkim('v=DKIM1; p=!!!').errors,
    ...parseDkim('v=DKIM1; k=ed25519; p=AAAA').errors,
    ...parseDkim(`v=DKIM1; k=ed25519; p=${Buffer.alloc(32, 1).toString('base64')}`).errors,
    ...parseDkim('v=DKIM1; k=dsa; p=AAAA').errors,
    ...parseDkim(`v=DKIM1; p=${RSA_1024_PKCS1}`).errors,
    ...parseDkim('v=DKIM1; p=AAAA').errors,
  ];
  assert.ok(errors.length >= 20, String(errors.length));
  for (const e of errors) {
    const words = text(zhCN, 'syntax', e.code, e.data);
    assert.notEqual(words, e.code, `no Chinese for ${e.code}`);
    assert.ok(/[\u4e00-\u9fff]/.test(words), words);
    assert.deepEqual(englishLeft(words), [], words);
  }
  for (const s of ['the zone files do not describe this domain', 'the server answered SERVFAIL', 'no answer from 127.0.0.1:53', 'stopped at the deadline', 'CNAME chain too long or looping', 'CNAME chain too long']) {
    const words = detail(s);
    assert.ok(/[\u4e00-\u9fff]/.test(words), `no Chinese for: ${s}`);
  }
  assert.equal(detail('something new'), 'something new', 'other text is shown as it came');
});

// ---------------------------------------------------------------------------------------------
// mailcheck spf
// ---------------------------------------------------------------------------------------------

test('spf: results, problems and --trace in Chinese', async () => {
  const runs = [
    ['--zone', 'examples/example.test.zone', 'spf', 'example.test', '--ip', '203.0.113.9', '--trace'],
    ['--zone', 'examples/example.test.zone', 'spf', 'example.test', '--ip', '198.51.100.1', '--trace'],
    ['--zone', 'examples/example.test.zone', 'spf', 'example.test', '--ip', '192.0.2.99', '--trace', '--expect', 'pass'],
    ['--zone', 'test/fixtures/domain/broken.test.zone', 'spf', 'broken.test', '--ip', '198.51.100.1', '--trace'],
    ['--zone', 'test/fixtures/domain/weak.test.zone', 'spf', 'weak.test', '--ip', '2001:db8::99', '--trace', '--helo', 'mail.weak.test', '--sender', 'a@weak.test'],
    ['--zone', 'examples/example.test.zone', 'spf', 'nowhere.example.test', '--ip', '192.0.2.1', '--trace'],
  ];
  for (const argv of runs) {
    const r = await runCli(argv, { env: ZH });
    assertChinese(r.stdout, argv.join(' '));
    assert.match(r.stdout, /^SPF \S+ 对 \S+：(pass|fail|softfail|neutral|none|permerror|temperror) — /, r.stdout);
    assert.match(r.stdout, /\n检查过程\n/);
    assert.match(r.stdout, /^ {2}DNS 查询 {4}\d+\/10$/m);
  }
  const trace = (await runCli(runs[0]!, { env: ZH })).stdout;
  assert.match(trace, /example\.test 记录：v=spf1 mx include:_spf\.example\.test include:spf\.mailer\.test ~all/);
  assert.match(trace, /_netblocks\.mailer\.test ip4:203\.0\.113\.0\/25: 匹配 → pass/);
  assert.equal((await runCli(runs[2]!, { env: ZH })).code, 1);
});

// ---------------------------------------------------------------------------------------------
// mailcheck ip (an in-memory source, as in test/dnsbl-ip-command.test.ts)
// ---------------------------------------------------------------------------------------------

const IP_RECORDS: DnsRecord[] = [
  { name: '25.2.0.192.in-addr.arpa', type: 'PTR', ttl: 60, data: 'mail.example.test' },
  a('mail.example.test', '192.0.2.25'),
  a('25.2.0.192.zen.spamhaus.org', '127.0.0.2'),
  { name: '25.2.0.192.zen.spamhaus.org', type: 'TXT', ttl: 60, data: 'https://check.spamhaus.org/sbl/query/SBL1' },
  a('26.2.0.192.minor1.test', '127.0.0.2'),
  a('26.2.0.192.minor2.test', '127.0.0.3'),
  { name: '26.2.0.192.minor1.test', type: 'TXT', ttl: 60, data: 'see https://minor1.test/lookup' },
  a('27.2.0.192.zen.spamhaus.org', '127.255.255.254'),
  a('29.2.0.192.minor2.test', '192.0.2.200'),
  a('2.0.0.127.good.test', '127.0.0.2'), a('2.0.0.127.world.test', '127.0.0.2'), a('1.0.0.127.world.test', '127.0.0.2'),
];

async function runIp(argv: string[], env: Record<string, string> = ZH, servers = ['8.8.8.8']) { // the configured servers for the public-resolver warning: never queried
  const io = memoryIo({ env: { NO_COLOR: '1', ...env } });
  let code = 0;
  const source: Resolver = createMemorySource(IP_RECORDS, { failures: [{ name: '28.2.0.192.minor1.test', outcome: 'timeout' }] });
  const program = new Command('mailcheck').exitOverride().configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  addGlobalOptions(program);
  createIpCommand({ buildResolver: async () => source, configuredServers: async () => servers }).register(program, { io, setExitCode: (c) => (code = c) });
  try {
    await program.parseAsync(['ip', ...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`mailcheck: ${text(zhCN, 'errors', error.code, error.data)}\n`);
      code = 2;
    } else if (error instanceof CommanderError) code = 2;
    else throw error;
  }
  return { code, out: io.out, err: io.err };
}

const LISTS = ['--only-lists', 'zen.spamhaus.org,minor1.test,minor2.test'];

test('ip: listings, refusals, timeouts, broken lists and private addresses in Chinese; the status column stays aligned', async () => {
  for (const ip of ['192.0.2.25', '192.0.2.26', '192.0.2.27', '192.0.2.28', '192.0.2.29', '10.1.2.3', '2001:db8::1']) {
    const r = await runIp([...LISTS, ip]);
    assertChinese(r.out, `ip ${ip}`);
    assertChinese(r.err, `ip ${ip} stderr`);
    assert.match(r.out, /^ {2}反向解析：/m);
    assert.match(r.out, /^ {2}3 个名单里有 \d 个列入（重要名单 \d 个）.*得分 \d+\/100$/m);
    // The list name starts in the same terminal column on every listing line, whatever the status word.
    const columns = r.out.split('\n').filter((l) => / \((zen\.spamhaus\.org|minor[12]\.test)\)/.test(l)).map((l) => displayWidth(l.slice(0, l.search(/(Spamhaus ZEN|minor[12]\.test) \(/))));
    assert.equal(columns.length, 3, r.out);
    assert.deepEqual(new Set(columns), new Set([19]), r.out);
  }
  const listed = (await runIp([...LISTS, '192.0.2.25'])).out;
  assert.match(listed, /^ {2}在黑名单上 {7}Spamhaus ZEN \(zen\.spamhaus\.org\) 重要名单$/m);
  assert.match(listed, /127\.0\.0\.2: SBL：直接发垃圾邮件的来源/);
  assert.match(listed, /原因：https:\/\/check\.spamhaus\.org\/sbl\/query\/SBL1/);
  assert.match(listed, /反向解析：mail\.example\.test（已正向确认）/);
  assert.match((await runIp([...LISTS, '192.0.2.27'])).out, /^ {2}名单拒绝查询 {5}Spamhaus ZEN/m);
  assert.match((await runIp([...LISTS, '192.0.2.28'])).out, /^ {2}无法检查 {9}minor1\.test[\s\S]*无法检查：超时/m);
  assert.match((await runIp([...LISTS, '10.1.2.3'])).out, /注意：10\.1\.2\.3 是私有地址（RFC 1918）：/);
  assert.match((await runIp([...LISTS, '192.0.2.25'])).err, /^mailcheck: 警告：DNS 服务器 8\.8\.8\.8（Google Public DNS）是公共 DNS/);
});

test('ip --selftest in Chinese', async () => {
  const r = await runIp(['--selftest', '--only-lists', 'good.test,world.test']);
  assertChinese(r.out, 'ip --selftest');
  assert.match(r.out, /^全部列入 {9}world\.test \(world\.test, ip4\): 把反向测试地址也列出来了（127\.0\.0\.2）/m);
  assert.match(r.out, /^正常 {13}good\.test \(good\.test, ip4\): 列出了正向测试地址/m);
  assert.match(r.out, /^共 4 项测试：1 项正常，3 项失效或损坏，0 项被拒绝或连不上$/m);
});

// ---------------------------------------------------------------------------------------------
// mailcheck bounce: every fixture
// ---------------------------------------------------------------------------------------------

const BOUNCES = readdirSync('test/fixtures/bounce').map((f) => `test/fixtures/bounce/${f}`);

for (const file of BOUNCES) {
  test(`bounce: ${file} in Chinese`, async () => {
    const r = await runCli(['bounce', file], { env: ZH });
    const english = await runCli(['bounce', file, '--json']);
    if (r.stdout) assertChinese(r.stdout, file);
    if (r.stderr) assertChinese(r.stderr, `${file} stderr`);
    assert.equal(r.code, english.code);
    const parsed = JSON.parse(english.stdout || '[]') as unknown;
    const messages = (Array.isArray(parsed) ? parsed : [parsed]) as { recipients?: { recipient: string; reason: string; diagnostic?: string }[] }[];
    for (const m of messages) {
      for (const x of m.recipients ?? []) {
        assert.ok(r.stdout.includes(`  ${x.recipient}  ${x.reason}`), `${file}: ${x.recipient} ${x.reason}`);
        if (x.diagnostic) assert.ok(r.stdout.includes('服务器原话：'), file);
        assert.match(r.stdout, /怎么办：(地址无效，停止发送|暂时失败，稍后重试|被拒收，需修改内容或联系对方|被拒收，需修改发信设置|需人工查看|已送达，无需处理|被投诉，停止发送|仍在重试，暂时无需处理)。/);
        assert.match(r.stdout, new RegExp(`  ${x.recipient.replace(/[.+]/g, '\\$&')}  ${x.reason}  (地址无效，停止发送|暂时失败，稍后重试|被拒收，需修改内容或联系对方|被你自己的邮箱服务商拒发，需联系邮件管理员|仍在重试，暂时无需处理|需人工查看|不是失败，无需处理)$`, 'm'));
      }
    }
  });
}

test('bounce: the README examples (QQ frequency limit, Office 365 banned IP) and the summary', async () => {
  const qq = (await runCli(['bounce', 'test/fixtures/bounce/qq-ip-frequency.eml'], { env: ZH })).stdout;
  assert.match(qq, /wang\.wei@qq\.com {2}toomanyconn {2}暂时失败，稍后重试$/m);
  assert.match(qq, /^ {4}回复代码：550$/m);
  assert.match(qq, /^ {4}失败类型：永久（5xx）/m);
  assert.doesNotMatch(qq, /5\.0\.945|软退信/);
  assert.match(qq, /含义：同时连接或同时发给的收件人太多/);
  assert.match(qq, /怎么办：暂时失败，稍后重试。/);
  const o365 = (await runCli(['bounce', 'test/fixtures/bounce/office365-banned-ip.eml'], { env: ZH })).stdout;
  assert.match(o365, /怎么办：被拒收，需修改发信设置。.*`mailcheck ip 203\.0\.113\.9`.*`mailcheck domain example\.com`/);
  const all = await runCli(['bounce', 'test/fixtures/bounce'], { env: ZH });
  assertChinese(all.stdout, 'bounce folder');
  assertChinese(all.stderr, 'bounce folder stderr');
  assert.match(all.stdout, /^汇总：\d+ 封邮件，\d+ 个收件人，\d+ 封不是退信，\d+ 个硬退信$/m);
  assert.match(all.stdout, /^ {2}按原因：$/m);
});

// ---------------------------------------------------------------------------------------------
// mailcheck lookup, the CLI's errors, and JSON
// ---------------------------------------------------------------------------------------------

test('lookup: answers, names that do not exist and names outside the zone files in Chinese', async () => {
  const zone = ['--zone', 'examples/example.test.zone', 'lookup'];
  const answer = await runCli([...zone, 'example.test', 'MX'], { env: ZH });
  assert.match(answer.stdout, /^example\.test MX: 有结果 \(zone\)\nexample\.test\.\t3600\tIN\tMX\t10 mx1\.example\.test\.$/m);
  const nx = await runCli([...zone, 'nothere.example.test', 'A'], { env: ZH });
  assert.equal(nx.stdout, 'nothere.example.test A: NXDOMAIN (zone) — 这个名字不存在\n');
  const nodata = await runCli([...zone, 'mx2.example.test', 'TXT'], { env: ZH });
  assert.match(nodata.stdout, /NODATA \(zone\) — 名字存在，但没有这类记录/);
  const outside = await runCli([...zone, 'example.org', 'A'], { env: ZH });
  assert.equal(outside.stdout, 'example.org A: REFUSED (zone) — 无法检查：区域文件里没有这个域名\n');
  assert.equal(outside.code, 3);
  for (const r of [answer, nx, nodata, outside]) assertChinese(r.stdout, 'lookup');
});

test('the CLI\'s own errors are one Chinese line each (exit 2)', async () => {
  const cases: string[][] = [
    ['domain'],
    ['domain', '192.0.2.1'],
    ['domain', 'a@b.example'],
    ['domain', 'localhost'],
    ['domain', 'example.com', '--selector', 'bad selector'],
    ['domain', 'example.com', '--ip', 'nope'],
    ['domain', 'example.com', '--concurrency', '0'],
    ['domain', 'example.com', '--fail-on', 'x'],
    ['domain', 'example.com', '--min-score', '101'],
    ['domain', '--file', 'no-such-file.txt'],
    ['domain', 'example.com', '--profile', 'x'],
    ['domain', 'example.com', '--smtp', '--helo', 'bad_name!'],
    ['domain', 'example.com', '--mta-sts-policy', 'no-such-file.txt'],
    ['domain', 'example.com', '--mta-sts-policy', 'src'],
    ['--timeout', 'x', 'domain', 'example.com'],
    ['--zone', 'no-such.zone', 'domain', 'example.com'],
    ['--zone', 'examples/example.test.zone', '--resolver', '192.0.2.53', 'domain', 'example.com'],
    ['--resolver', 'dns.example', 'domain', 'example.com'],
    ['--doh', 'ftp://dns.example/', 'domain', 'example.com'],
    ['--format', 'bogus', 'domain', 'example.com'],
    ['--json', '--format', 'csv', 'domain', 'example.com'],
    ['spf', '192.0.2.1', '--ip', '192.0.2.1'],
    ['spf', 'example.com'],
    ['spf', 'example.com', '--ip', 'nope'],
    ['spf', 'example.com', '--ip', '192.0.2.1', '--expect', 'maybe'],
    ['spf', 'example.com', '--ip', '192.0.2.1', '--sender', 'nobody'],
    ['spf', 'a@b', '--ip', '192.0.2.1'],
    ['ip'],
    ['ip', '300.1.1.1'],
    ['ip', '--selftest', '192.0.2.1'],
    ['lookup', 'example.com', 'BOGUS'],
    ['bounce', 'no-such-file.eml'],
    ['bounce', 'test/fixtures/bounce/binary.bin'],
  ];
  for (const argv of cases) {
    const r = await runCli(argv, { env: ZH });
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '', argv.join(' '));
    assert.match(r.stderr, /^mailcheck: .+\n$/, argv.join(' '));
    assertChinese(r.stderr, argv.join(' '));
    const english = await runCli(argv, { env: { LANG: 'en_US.UTF-8' } });
    assert.equal(english.code, 2);
    assert.doesNotMatch(english.stderr, /[\u4e00-\u9fff]/, `${argv.join(' ')} in English`);
  }
});

test('JSON (and NDJSON, CSV) are the same in every language: message stays English', async () => {
  const runs: string[][] = [
    ['--zone', 'examples/example.test.zone', 'domain', 'example.test', '--selector', 'legacy', '--json'],
    ['--zone', 'test/fixtures/domain/broken.test.zone', 'domain', 'broken.test', '--format', 'ndjson'],
    ['--zone', 'test/fixtures/domain/weak.test.zone', 'domain', 'weak.test', '--format', 'csv'],
    ['--zone', 'examples/example.test.zone', 'spf', 'example.test', '--ip', '203.0.113.9', '--json'],
    ['--zone', 'examples/example.test.zone', 'lookup', 'example.test', 'MX', '--json'],
    ['bounce', 'test/fixtures/bounce', '--json'],
    ['bounce', 'test/fixtures/bounce', '--format', 'csv'],
  ];
  for (const argv of runs) {
    const english = await runCli(argv);
    const chinese = await runCli(argv, { env: ZH });
    const flag = await runCli(['--lang', 'zh', ...argv]);
    assert.equal(chinese.stdout, english.stdout, argv.join(' '));
    assert.equal(flag.stdout, english.stdout, argv.join(' '));
  }
  const ip = [...LISTS, '192.0.2.25', '--json'];
  assert.equal((await runIp(ip, ZH)).out, (await runIp(ip, {})).out);
  const domain = JSON.parse((await runCli(runs[0]!, { env: ZH })).stdout) as { findings: { id: string; message: string }[] };
  assert.match(domain.findings.find((f) => f.id === 'dkim.weak-key')!.message, /^The RSA key at legacy\._domainkey\.example\.test has 1024 bits/);
});

test('README: the Chinese console examples print what the README shows', async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const blocks = [...readme.matchAll(/```console\n\$ mailcheck (--lang zh [^\n]*)\n([\s\S]*?)```/g)];
  assert.equal(blocks.length, 2, 'the domain and bounce examples');
  for (const [, command, output] of blocks) {
    const r = await runCli(command!.split(/\s+/));
    const printed = r.stdout.split('\n');
    let at = 0;
    // As in the e2e test: each line shown is printed, in order; a trailing … shortens a line.
    for (const line of output!.split('\n').filter((l) => l !== '' && l !== '…')) {
      const expected = line.replace(/ …$/, '');
      const found = printed.findIndex((p, i) => i >= at && p.startsWith(expected));
      assert.ok(found >= 0, `${command}: line not printed (in order): ${expected}\n${r.stdout}`);
      at = found + 1;
    }
  }
});
