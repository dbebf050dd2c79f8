import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Chalk } from 'chalk';
import * as enRecall from '../src/messages/en/recall.js';
import * as zhRecall from '../src/messages/zh-CN/recall.js';
import { en } from '../src/messages/en/index.js';
import { text, type CatalogueShape, type FindingText, type Text } from '../src/messages/types.js';
import { RECALL_RULES } from '../src/data/recall-rules.js';
import { classifySide, judgeRecipient, judgeAll, adviceFor, VERDICTS, type RecallFacts } from '../src/checks/recall.js';
import { recallReport } from '../src/report/recall.js';
import { renderRecallText } from '../src/render/text/recall.js';
import type { RenderContext } from '../src/render/context.js';
import { displayZone } from '../src/cli/commands/recall.js';
import { PROVIDER_FAMILIES } from '../src/data/providers.js';
import type { RecallDomainFact } from '../src/gather/recall.js';

// Both languages of `mailcheck recall`: the Chinese area has exactly English's ids, every reason, rule
// and advice id the check can produce has words in both, and a whole report renders in Chinese with
// Beijing times. (zh-CN/recall.ts is one area for the zh-CN catalogue: its index joins it.)

type Area = Record<string, Record<string, Text | FindingText>>;
const AREAS: [string, Area][] = [['en', enRecall as unknown as Area], ['zh-CN', zhRecall as unknown as Area]];

test('the Chinese area has exactly the ids of the English one, section by section', () => {
  for (const section of ['findings', 'advice', 'labels', 'errors'] as const) {
    assert.deepEqual(Object.keys((zhRecall as unknown as Area)[section] ?? {}).sort(), Object.keys((enRecall as unknown as Area)[section] ?? {}).sort(), section);
  }
});

/** A catalogue whose recall words are the area's (the rest English). */
function catalogue(area: Area): CatalogueShape {
  return {
    ...en,
    findings: { ...en.findings, ...area.findings },
    advice: { ...en.advice, ...area.advice },
    labels: { ...en.labels, ...area.labels },
    errors: { ...en.errors, ...area.errors },
  } as CatalogueShape;
}

const NOW = Date.UTC(2026, 2, 4, 2, 21);
const mx = (domain: string, ...hosts: string[]): RecallDomainFact => ({ domain, mx: { lookup: { name: domain, type: 'MX', outcome: 'answer' }, hosts } });
const DOMAINS: Record<string, RecallDomainFact> = {
  'acme.test': mx('acme.test', 'mxbiz1.qq.com'),
  'qq.com': { domain: 'qq.com', consumer: 'qq-mail' },
  'buyer.test': mx('buyer.test', 'mx.buyer.test'),
  'ali.test': mx('ali.test', 'mx1.qiye.aliyun.com'),
  'm365.test': mx('m365.test', 'm365-test.mail.protection.outlook.com'),
  'broken.test': { domain: 'broken.test', mx: { lookup: { name: 'broken.test', type: 'MX', outcome: 'servfail' }, hosts: [] } },
};

test('every reason the check can give, every rule and every advice id has words in both languages', () => {
  // Reasons: every rule applied to every pair of sides in every state.
  const sides = Object.keys(DOMAINS).map((d) => classifySide(d, DOMAINS[d]));
  const reasonIds = new Set<string>();
  const samples: { id: string; data: Record<string, unknown> }[] = [];
  for (const s of sides) {
    for (const r of sides) {
      for (const sentAt of [null, NOW - 60_000, NOW - 40 * 86_400_000, NOW - 5000]) {
        for (const read of ['yes', 'no', 'unknown'] as const) {
          for (const fetched of ['yes', 'no', 'unknown'] as const) {
            const j = judgeRecipient(s, r, { sentAt, now: NOW, read, fetched });
            for (const reason of j.reasons) {
              if (reasonIds.has(reason.id)) continue;
              reasonIds.add(reason.id);
              samples.push({ id: reason.id, data: { ...reason.data } });
            }
          }
        }
      }
    }
  }
  // Rows not reached by these sides: their reasons come from applying each rule directly.
  for (const rule of RECALL_RULES) {
    for (const c of rule.client ?? []) reasonIds.add(`client.${c}`);
    for (const l of rule.limits ?? []) reasonIds.add(`limit.${l}`);
  }
  for (const id of ['window-closed', 'window-open', 'window-beyond-claims', 'tenant-hint-same', 'tenant-hint-different', 'tenant-unknown', 'other-domain', 'outside-reach', 'no-recall', 'no-rule', 'system-unknown', 'recipient-no-mx', 'undo-send-open', 'undo-send-only', 'admin-must-enable', 'admin-default-on', 'read-setting', 'read-not-stated', 'fetched-not-stated', 'same-provider', 'same-family', 'ask-admin', 'low-confidence']) reasonIds.add(id);
  for (const [lang, area] of AREAS) {
    const c = catalogue(area);
    for (const id of reasonIds) {
      assert.ok(area.labels?.[`recall.reason.${id}`], `${lang}: reason ${id}`);
      const sample = samples.find((s) => s.id === id);
      const words = text(c, 'labels', `recall.reason.${id}`, sample?.data ?? { provider: 'Tencent Exmail', recipientProvider: 'QQ Mail', minutes: 60, elapsedMinutes: 120, seconds: 30, rule: 'tencent', setting: 's', tenant: 't', recipientTenant: 'u', domain: 'a.test', recipientDomain: 'b.test', reaches: ['X'], family: 'tencent' });
      assert.ok(words.length > 0 && !words.includes('undefined'), `${lang}: ${id}: ${words}`);
    }
    for (const rule of RECALL_RULES) {
      if (rule.mechanism === 'none') continue;
      assert.ok(area.labels?.[`recall.how.${rule.id}`], `${lang}: how ${rule.id}`);
      if (rule.mechanism !== 'send-delay') assert.ok(area.labels?.[`recall.report.${rule.id}`], `${lang}: report ${rule.id}`);
    }
    for (const family of PROVIDER_FAMILIES) assert.ok(area.labels?.[`recall.family.${family}`], `${lang}: family ${family}`);
    for (const v of VERDICTS) assert.ok(area.labels?.[`recall.verdict.${v}`] && area.findings?.[`recall.${v}`], `${lang}: verdict ${v}`);
    const adviceIds = new Set<string>();
    for (const v of VERDICTS) {
      for (const competitor of [true, false]) {
        for (const admin of [true, false]) {
          for (const rule of RECALL_RULES) for (const a of adviceFor(v, { rule, admin, undo: { seconds: 30, rule: 'gmail-undo-send' } }, competitor)) adviceIds.add(a.id);
        }
      }
    }
    for (const id of adviceIds) {
      assert.ok(area.advice?.[id], `${lang}: advice ${id}`);
      for (const rule of RECALL_RULES.filter((r) => r.mechanism !== 'none')) {
        const words = text(c, 'advice', id, { rule: rule.id, seconds: 30 });
        assert.ok(!words.includes('undefined') && !words.includes('recall.how.') && !words.includes('recall.report.') || rule.mechanism === 'send-delay', `${lang}: ${id} ${rule.id}: ${words}`);
      }
    }
  }
});

function facts(): RecallFacts {
  return {
    sender: { address: 'wang@acme.test', domain: 'acme.test' },
    recipients: [
      { address: 'anna@buyer.test', domain: 'buyer.test', field: 'to' },
      { address: 'li@qq.com', domain: 'qq.com', field: 'cc' },
      { address: 'x@broken.test', domain: 'broken.test', field: 'bcc' },
    ],
    sentAt: NOW - 25 * 60_000,
    now: NOW,
    read: 'unknown',
    fetched: 'unknown',
    competitors: ['buyer.test'],
    domains: DOMAINS,
  };
}

function context(words: CatalogueShape, lang: string, timeZone: string): RenderContext {
  return { words, en, lang, chalk: new Chalk({ level: 0 }), quiet: false, failOn: 'warning', options: { timeZone }, version: 'test' };
}

test('a whole report in Chinese, with Beijing time, and the same report in English', () => {
  const report = recallReport(facts(), { file: null, subject: '报价单', sentInput: null });
  const zh = renderRecallText([report], context(catalogue(zhRecall as unknown as Area), 'zh-CN', 'Asia/Shanghai'));
  assert.match(zh, /^撤回检查：wang@acme\.test 发出的“报价单”/);
  assert.match(zh, /acme\.test：Tencent Exmail（MX mxbiz1\.qq\.com）/);
  assert.match(zh, /发送时间：2026年3月4日 GMT\+8 09:56（25 分钟前）/);
  assert.match(zh, /✖ anna@buyer\.test {2}无法撤回 {2}收件人 {2}竞争对手/);
  assert.match(zh, /邮件协议（SMTP）没有撤回功能/);
  assert.match(zh, /◐ li@qq\.com {2}满足条件才能撤回 {2}抄送/);
  assert.match(zh, /没有公布撤回期限/);
  assert.match(zh, /\? x@broken\.test {2}无法判断 {2}密送/);
  assert.match(zh, /现在该做什么\n {2}anna@buyer\.test\n {4}1\. 现在就发一封简短的更正邮件/);
  assert.match(zh, / {4}2\. 邮件发到了竞争对手那里：马上告诉你的主管/);
  assert.match(zh, /马上撤回：在腾讯企业邮或 QQ 邮箱网页版打开“已发送”/);
  assert.match(zh, /3 位收件人中，1 位可以撤回（其中 1 位要满足上面的条件）。/);
  assert.doesNotMatch(zh, /undefined|recall\.(reason|how|report)\./);
  const english = renderRecallText([report], context(en, 'en', 'Europe/Berlin'));
  assert.match(english, /Sent Mar 4, 2026, 02:56 GMT\+1 \(25 minutes ago\)/);
  assert.match(english, /✖ anna@buyer\.test {2}cannot be recalled {2}To {2}competitor/);
  assert.doesNotMatch(english, /undefined|recall\.(reason|how|report)\./);
});

test('the display zone: TZ first, Asia/Shanghai for Chinese users, else the system\'s', () => {
  assert.deepEqual(displayZone('zh-CN', {}), { zone: 'Asia/Shanghai' });
  assert.deepEqual(displayZone('zh-CN', { TZ: 'Europe/Berlin' }), { zone: 'Europe/Berlin' });
  assert.deepEqual(displayZone('en', { TZ: ':America/New_York' }), { zone: 'America/New_York' });
  assert.equal(displayZone('en', {}).zone, Intl.DateTimeFormat().resolvedOptions().timeZone);
  assert.deepEqual(displayZone('zh-CN', { TZ: 'Nowhere/Special' }), { zone: 'Asia/Shanghai', bad: 'Nowhere/Special' });
});

test('judgeAll keeps the recipients\' order and fields', () => {
  const { recipients } = judgeAll(facts());
  assert.deepEqual(recipients.map((r) => [r.address, r.field, r.verdict]), [
    ['anna@buyer.test', 'to', 'not-possible'],
    ['li@qq.com', 'cc', 'possible-if'],
    ['x@broken.test', 'bcc', 'unknown'],
  ]);
});

test('a domain that was never looked up is "cannot tell", never "not possible"', () => {
  const f = facts();
  f.recipients = [{ address: 'z@never-asked.test', domain: 'never-asked.test', field: 'to' }];
  const [r] = judgeAll(f).recipients;
  assert.equal(r?.verdict, 'unknown');
  assert.equal(r?.reasons[0]?.id, 'lookup-failed');
});
