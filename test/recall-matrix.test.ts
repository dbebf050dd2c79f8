import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startDnsServer, type DnsServer } from './helpers/dns-server.js';
import { createUdpSource, parseServerAddress, type ServerAddress, type UdpSource } from '../src/dns/udp.js';
import { createCachingResolver } from '../src/dns/resolver.js';
import { gatherContext } from '../src/gather/context.js';
import { gatherRecallDomains, type RecallDomainFact } from '../src/gather/recall.js';
import { judgeAll, type Answer, type RecallFacts, type RecipientVerdict, type Verdict } from '../src/checks/recall.js';
import { RECALL_RULES } from '../src/data/recall-rules.js';
import { recallReport } from '../src/report/recall.js';
import { exitCode } from '../src/core/exit.js';

// The recall rule table against a matrix of sender provider × recipient provider × minutes since sent ×
// read × fetched, with every side's provider found from the test DNS server's zones (each provider's MX
// pattern, test/fixtures/recall/providers.zone) or from the provider's own mail domain.

const GUARD = { timeout: 20_000 };
const NOW = Date.UTC(2026, 2, 4, 2, 21); // 2026-03-04 10:21 in Shanghai
const MINUTE = 60_000;

let server: DnsServer;
let source: UdpSource;
let domains: Map<string, RecallDomainFact>;
let domainFacts: Record<string, RecallDomainFact>;

/** One address per provider the rules know, and a few they do not. */
const PLACES = {
  exmail: 'a@acme-exmail.test',
  exmail2: 'b@buyer-exmail.test',
  qq: 'c@qq.com',
  foxmail: 'c2@foxmail.com',
  netease: 'd@163.com',
  netease2: 'd2@126.com',
  vip: 'e@vip.163.com',
  qiye: 'f@qiye.test',
  qiye2: 'f2@qiye-b.test',
  ali: 'g@ali.test',
  ali2: 'g2@ali-b.test',
  aliPersonal: 'g3@aliyun.com',
  m365: 'h@contoso.test',
  m365SameTenant: 'h2@contoso-sub.test',
  m365OtherTenant: 'h3@fabrikam.test',
  m365NoHint: 'h4@tailspin.test',
  m365Gated: 'h5@gated.test',
  outlook: 'i@outlook.com',
  gws: 'j@gws.test',
  gws2: 'j2@gws-b.test',
  gmail: 'k@gmail.com',
  zoho: 'l@zoho.test',
  zoho2: 'l2@zoho-b.test',
  coremail: 'm@coremail.test',
  selfhosted: 'n@selfhosted.test',
  abroad: 'o@buyer-abroad.test',
  sharedA: 'p@shared-a.test',
  sharedB: 'p2@shared-b.test',
  yahooHosted: 'q@yahoo-hosted.test',
  nomx: 'r@nomx.test',
  broken: 's@broken.test',
} as const;
type Place = keyof typeof PLACES;

const domainOf = (address: string) => address.slice(address.indexOf('@') + 1);

before(async () => {
  server = await startDnsServer({ zoneFile: 'test/fixtures/recall/providers.zone', rules: [{ match: /(^|\.)broken\.test$/, behaviour: 'servfail' }] });
  source = createUdpSource({ servers: [parseServerAddress(server.resolverArg) as ServerAddress], timeoutMs: 2000, retries: 0 });
  const ctx = gatherContext(createCachingResolver(source), { timeoutMs: 2000, clock: () => NOW });
  domains = await gatherRecallDomains(Object.values(PLACES).map(domainOf), ctx);
  domainFacts = Object.fromEntries(domains);
});

after(async () => {
  source?.close();
  await server?.close();
});

interface Case {
  minutes?: number | null;
  read?: Answer;
  fetched?: Answer;
}

function facts(from: Place, to: readonly Place[], c: Case = {}): RecallFacts {
  const sender = PLACES[from];
  const minutes = c.minutes === undefined ? 5 : c.minutes;
  return {
    sender: { address: sender, domain: domainOf(sender) },
    recipients: to.map((p) => ({ address: PLACES[p], domain: domainOf(PLACES[p]), field: 'to' as const })),
    sentAt: minutes === null ? null : NOW - minutes * MINUTE,
    now: NOW,
    read: c.read ?? 'unknown',
    fetched: c.fetched ?? 'unknown',
    competitors: [],
    domains: domainFacts,
  };
}

function judge(from: Place, to: Place, c: Case = {}): RecipientVerdict {
  return judgeAll(facts(from, [to], c)).recipients[0] as RecipientVerdict;
}

const ids = (r: RecipientVerdict) => r.reasons.map((x) => x.id);

test('every side is classified from its MX pattern, its SPF include or its own mail domain', GUARD, () => {
  const expected: Partial<Record<Place, [string | null, string | null]>> = {
    exmail: ['tencent-exmail', 'mx'], qq: ['qq-mail', 'consumer-domain'], foxmail: ['qq-mail', 'consumer-domain'],
    netease: ['netease-mail', 'consumer-domain'], vip: ['netease-mail', 'consumer-domain'], qiye: ['netease-qiye', 'mx'],
    ali: ['alibaba-mail', 'mx'], ali2: ['alibaba-mail', 'mx'], aliPersonal: ['alibaba-mail-personal', 'consumer-domain'],
    m365: ['microsoft-365', 'mx'], m365OtherTenant: ['microsoft-365', 'mx'], m365Gated: ['microsoft-365', 'spf'],
    outlook: ['outlook-com', 'consumer-domain'], gws: ['google-workspace', 'mx'], gws2: ['google-workspace', 'mx'],
    gmail: ['gmail', 'consumer-domain'], zoho: ['zoho-mail', 'mx'], zoho2: ['zoho-mail', 'mx'], coremail: ['coremail', 'mx'],
    selfhosted: [null, null], yahooHosted: ['yahoo-mail', 'mx'], nomx: [null, null], broken: [null, null],
  };
  const all = judgeAll(facts('exmail', Object.keys(PLACES) as Place[]));
  for (const r of all.recipients) {
    const place = (Object.keys(PLACES) as Place[]).find((p) => PLACES[p] === r.address) as Place;
    const want = expected[place];
    if (want) assert.deepEqual([r.side.provider, r.side.via], want, place);
  }
  const side = (p: Place) => all.recipients.find((r) => r.address === PLACES[p])?.side;
  assert.equal(side('m365')?.tenant, 'contoso');
  assert.equal(side('m365SameTenant')?.tenant, 'contoso', 'the 2025 DKIM CNAME form (…<tenant>.n-v1.dkim.mail.microsoft)');
  assert.equal(side('m365OtherTenant')?.tenant, 'fabrikam');
  assert.equal(side('m365NoHint')?.tenant, null);
  assert.equal(side('m365Gated')?.gateway, 'mimecast');
  assert.equal(side('broken')?.failed?.outcome, 'servfail');
  assert.equal(side('nomx')?.noMx, true);
  // Consumer domains are known without DNS: the server was never asked about them.
  assert.equal(server.count('qq.com'), 0);
  assert.equal(server.count('gmail.com'), 0);
});

test('across providers: never recallable (SMTP has no recall), whatever the time, read or fetch state', GUARD, () => {
  const pairs: [Place, Place][] = [
    ['exmail', 'gmail'], ['exmail', 'abroad'], ['exmail', 'm365'], ['exmail', 'netease'], ['exmail', 'ali'],
    ['qq', 'netease'], ['netease', 'qq'], ['netease', 'qiye'], ['qiye', 'netease'], ['ali', 'exmail'], ['ali', 'aliPersonal'],
    ['m365', 'gmail'], ['m365', 'outlook'], ['m365', 'abroad'], ['gws', 'gmail'], ['gws', 'm365'], ['zoho', 'gws'],
    ['coremail', 'qq'], ['selfhosted', 'abroad'], ['selfhosted', 'gmail'], ['yahooHosted', 'gmail'],
  ];
  for (const [from, to] of pairs) {
    for (const minutes of [1, 30, 60 * 24, 60 * 24 * 20, null]) {
      for (const read of ['yes', 'no', 'unknown'] as const) {
        for (const fetched of ['yes', 'no', 'unknown'] as const) {
          const r = judge(from, to, { minutes, read, fetched });
          const where = `${from} → ${to}, ${minutes} min, read ${read}, fetched ${fetched}`;
          assert.equal(r.verdict, 'not-possible', where);
          assert.ok(['different-systems', 'outside-reach'].includes(ids(r)[0] as string), `${where}: ${ids(r)}`);
          assert.equal(r.advice[0]?.id, 'recall.correction', where);
          assert.ok(r.advice.some((a) => a.id === 'recall.no-resend'), where);
        }
      }
    }
  }
});

test('within one provider: the matrix over minutes × read × fetched follows each rule row', GUARD, () => {
  type Row = { from: Place; to: Place; minutes: number | null; read: Answer; fetched: Answer; verdict: Verdict; reason?: string; rule?: string | null };
  const rows: Row[] = [
    // Alibaba (official): same domain, 30 days, unread, not fetched; the postmaster can recall read mail.
    { from: 'ali', to: 'ali', minutes: 10, read: 'no', fetched: 'no', verdict: 'possible', rule: 'alibaba-user' },
    { from: 'ali', to: 'ali', minutes: 10, read: 'unknown', fetched: 'no', verdict: 'possible-if', reason: 'unread-needed', rule: 'alibaba-user' },
    { from: 'ali', to: 'ali', minutes: 10, read: 'yes', fetched: 'no', verdict: 'possible-if', reason: 'ask-admin', rule: 'alibaba-admin' },
    { from: 'ali', to: 'ali', minutes: 10, read: 'no', fetched: 'yes', verdict: 'not-possible', reason: 'fetched' },
    { from: 'ali', to: 'ali', minutes: 60 * 24 * 31, read: 'no', fetched: 'no', verdict: 'possible-if', reason: 'ask-admin', rule: 'alibaba-admin' },
    { from: 'ali', to: 'ali2', minutes: 10, read: 'no', fetched: 'no', verdict: 'not-possible', reason: 'other-domain' },
    { from: 'ali', to: 'ali', minutes: null, read: 'no', fetched: 'no', verdict: 'possible-if', reason: 'window-sent-unknown' },
    // NetEase VIP (official) and free (third-party) → NetEase consumer domains, 15 days.
    { from: 'vip', to: 'netease', minutes: 60, read: 'no', fetched: 'no', verdict: 'possible', rule: 'netease-vip' },
    { from: 'vip', to: 'netease2', minutes: 60 * 24 * 16, read: 'no', fetched: 'no', verdict: 'not-possible', reason: 'window-closed' },
    { from: 'netease', to: 'netease2', minutes: 60, read: 'no', fetched: 'no', verdict: 'possible-if', reason: 'low-confidence', rule: 'netease-free' },
    { from: 'netease', to: 'netease2', minutes: 60, read: 'yes', fetched: 'no', verdict: 'not-possible', reason: 'read' },
    { from: 'netease', to: 'vip', minutes: 60, read: 'no', fetched: 'yes', verdict: 'not-possible', reason: 'fetched' },
    // NetEase Qiye: the admin must turn recall on; same enterprise domain.
    { from: 'qiye', to: 'qiye', minutes: 60, read: 'no', fetched: 'no', verdict: 'possible-if', reason: 'admin-must-enable', rule: 'netease-qiye' },
    { from: 'qiye', to: 'qiye2', minutes: 60, read: 'no', fetched: 'no', verdict: 'not-possible', reason: 'other-domain' },
    // Tencent: the family (Exmail ↔ QQ Mail), the window unknown, third-party only: never a plain "possible".
    { from: 'exmail', to: 'exmail', minutes: 1, read: 'no', fetched: 'no', verdict: 'possible-if', reason: 'window-unknown', rule: 'tencent' },
    { from: 'exmail', to: 'exmail2', minutes: 1, read: 'no', fetched: 'no', verdict: 'possible-if', reason: 'window-unknown', rule: 'tencent' },
    { from: 'exmail', to: 'qq', minutes: 1, read: 'no', fetched: 'no', verdict: 'possible-if', reason: 'window-unknown', rule: 'tencent' },
    { from: 'qq', to: 'foxmail', minutes: 60 * 24 * 14, read: 'no', fetched: 'no', verdict: 'possible-if', reason: 'window-unknown' },
    { from: 'qq', to: 'foxmail', minutes: 60 * 24 * 30, read: 'no', fetched: 'no', verdict: 'not-possible', reason: 'window-beyond-claims' },
    { from: 'exmail', to: 'qq', minutes: 1, read: 'yes', fetched: 'no', verdict: 'not-possible', reason: 'read' },
    // Microsoft 365: same tenant (DKIM hint), read mail too by default, no window stated.
    { from: 'm365', to: 'm365', minutes: 60 * 24 * 90, read: 'yes', fetched: 'no', verdict: 'possible-if', reason: 'read-setting', rule: 'exchange-online-cloud' },
    { from: 'm365', to: 'm365', minutes: 5, read: 'no', fetched: 'no', verdict: 'possible', rule: 'exchange-online-cloud' },
    { from: 'm365', to: 'm365SameTenant', minutes: 5, read: 'no', fetched: 'no', verdict: 'possible-if', reason: 'tenant-hint-same' },
    { from: 'm365', to: 'm365Gated', minutes: 5, read: 'no', fetched: 'no', verdict: 'possible-if', reason: 'tenant-hint-same' },
    { from: 'm365', to: 'm365OtherTenant', minutes: 5, read: 'no', fetched: 'no', verdict: 'not-possible', reason: 'tenant-hint-different' },
    { from: 'm365', to: 'm365NoHint', minutes: 5, read: 'no', fetched: 'no', verdict: 'possible-if', reason: 'tenant-unknown' },
    // Zoho (official): 30 minutes inside the organisation, paid plans only.
    { from: 'zoho', to: 'zoho', minutes: 20, read: 'no', fetched: 'no', verdict: 'possible-if', reason: 'client.zoho-paid', rule: 'zoho' },
    { from: 'zoho', to: 'zoho', minutes: 31, read: 'no', fetched: 'no', verdict: 'not-possible', reason: 'window-closed' },
    { from: 'zoho', to: 'zoho2', minutes: 20, read: 'no', fetched: 'no', verdict: 'possible-if', reason: 'tenant-unknown' },
    // Coremail: the admin must have turned recall on; local users; unread.
    { from: 'coremail', to: 'coremail', minutes: 20, read: 'no', fetched: 'no', verdict: 'possible-if', reason: 'admin-must-enable', rule: 'coremail' },
    { from: 'coremail', to: 'coremail', minutes: 20, read: 'yes', fetched: 'no', verdict: 'not-possible', reason: 'read' },
    // Gmail has no recall; Workspace admins can delete from their domain's mailboxes (Enterprise editions).
    { from: 'gmail', to: 'gmail', minutes: 5, read: 'no', fetched: 'no', verdict: 'not-possible', reason: 'no-recall' },
    { from: 'gws', to: 'gws', minutes: 5, read: 'yes', fetched: 'no', verdict: 'possible-if', reason: 'client.workspace-enterprise', rule: 'google-workspace-admin' },
    { from: 'gws', to: 'gws2', minutes: 5, read: 'no', fetched: 'no', verdict: 'possible-if', reason: 'tenant-unknown' },
    { from: 'outlook', to: 'outlook', minutes: 5, read: 'no', fetched: 'no', verdict: 'not-possible', reason: 'no-recall' },
    // Unknown systems: the same domain or a shared MX host cannot be judged; a known provider without rules neither.
    { from: 'selfhosted', to: 'selfhosted', minutes: 5, read: 'no', fetched: 'no', verdict: 'unknown', reason: 'system-unknown' },
    { from: 'sharedA', to: 'sharedB', minutes: 5, read: 'no', fetched: 'no', verdict: 'unknown', reason: 'system-unknown' },
    { from: 'yahooHosted', to: 'yahooHosted', minutes: 5, read: 'no', fetched: 'no', verdict: 'unknown', reason: 'no-rule' },
    { from: 'aliPersonal', to: 'aliPersonal', minutes: 5, read: 'no', fetched: 'no', verdict: 'unknown', reason: 'no-rule' },
    // Lookups that failed say "cannot tell", never "not possible"; a domain without mail servers got nothing.
    { from: 'exmail', to: 'broken', minutes: 5, read: 'no', fetched: 'no', verdict: 'unknown', reason: 'lookup-failed' },
    { from: 'broken', to: 'exmail', minutes: 5, read: 'no', fetched: 'no', verdict: 'unknown', reason: 'lookup-failed' },
    { from: 'exmail', to: 'nomx', minutes: 5, read: 'no', fetched: 'no', verdict: 'not-possible', reason: 'recipient-no-mx' },
  ];
  for (const row of rows) {
    const r = judge(row.from, row.to, row);
    const where = `${row.from} → ${row.to}, ${row.minutes} min, read ${row.read}, fetched ${row.fetched}: ${r.verdict} ${ids(r)}`;
    assert.equal(r.verdict, row.verdict, where);
    if (row.reason) assert.ok(ids(r).includes(row.reason), where);
    if (row.rule !== undefined) assert.equal(r.rule, row.rule, where);
  }
});

test('invariants over the whole matrix: read, fetched, windows and confidence', GUARD, () => {
  const places = Object.keys(PLACES) as Place[];
  const senders: Place[] = ['exmail', 'qq', 'netease', 'vip', 'qiye', 'ali', 'm365', 'outlook', 'gws', 'gmail', 'zoho', 'coremail', 'selfhosted'];
  let judged = 0;
  for (const from of senders) {
    for (const to of places) {
      for (const minutes of [0.1, 20, 60 * 24 * 10, 60 * 24 * 40, null]) {
        for (const read of ['yes', 'no', 'unknown'] as const) {
          for (const fetched of ['yes', 'no', 'unknown'] as const) {
            const r = judge(from, to, { minutes, read, fetched });
            judged++;
            const where = `${from} → ${to}, ${minutes} min, read ${read}, fetched ${fetched}: ${r.verdict} ${r.rule} ${ids(r)}`;
            const rule = RECALL_RULES.find((x) => x.id === r.rule);
            if (r.verdict === 'possible') {
              // A plain "possible" needs a row from the provider's own help, and nothing left unknown.
              assert.equal(rule?.confidence, 'high', where);
              if (rule?.read === 'not-recallable') assert.equal(read, 'no', where);
              if (rule?.fetched === 'not-recallable') assert.equal(fetched, 'no', where);
            }
            if ((r.verdict === 'possible' || r.verdict === 'possible-if') && rule?.read === 'not-recallable') assert.notEqual(read, 'yes', where);
            if ((r.verdict === 'possible' || r.verdict === 'possible-if') && rule?.fetched === 'not-recallable') assert.notEqual(fetched, 'yes', where);
            if (rule?.confidence === 'low') assert.notEqual(r.verdict, 'possible', where);
            if (rule?.window.kind === 'minutes' && minutes !== null && minutes > rule.window.minutes && rule.mechanism !== 'send-delay') assert.equal(r.verdict, 'not-possible', where);
            // Every verdict comes with what to do now, and the wrong attachment is never to be resent.
            assert.ok(r.advice.length >= 3, where);
            assert.ok(r.advice.some((a) => a.id === 'recall.no-resend'), where);
            if (r.verdict === 'possible' || r.verdict === 'possible-if') assert.ok(r.advice.some((a) => a.id === 'recall.read-report' || a.id === 'recall.undo-now'), where);
            else assert.equal(r.advice[0]?.id, 'recall.correction', where);
          }
        }
      }
    }
  }
  assert.ok(judged > 10_000);
});

test('"undo send" is a send delay: possible only in its first seconds, otherwise named as such', GUARD, () => {
  const early = judge('gmail', 'abroad', { minutes: 10 / 60 });
  assert.equal(early.verdict, 'possible-if');
  assert.equal(early.rule, 'gmail-undo-send');
  assert.deepEqual(early.reasons[0], { id: 'undo-send-open', data: { seconds: 30, rule: 'gmail-undo-send' } });
  assert.equal(early.advice[0]?.id, 'recall.undo-now');
  const late = judge('gmail', 'abroad', { minutes: 1 });
  assert.equal(late.verdict, 'not-possible');
  assert.deepEqual(late.reasons.at(-1), { id: 'undo-send-only', data: { seconds: 30, rule: 'gmail-undo-send' } });
  const outlookWeb = judge('m365', 'gmail', { minutes: 5 / 60 });
  assert.equal(outlookWeb.verdict, 'possible-if');
  assert.equal(outlookWeb.rule, 'outlook-undo-send');
  assert.equal(judge('m365', 'gmail', { minutes: 11 / 60 }).verdict, 'not-possible');
  // Without a sending time the undo window cannot be open.
  assert.equal(judge('gmail', 'abroad', { minutes: null }).verdict, 'not-possible');
});

test('competitors: the advice says to tell the manager, right after the correction', GUARD, () => {
  const f = facts('exmail', ['abroad', 'gmail']);
  f.competitors = ['buyer-abroad.test'];
  const [abroad, gmail] = judgeAll(f).recipients as [RecipientVerdict, RecipientVerdict];
  assert.equal(abroad.competitor, true);
  assert.deepEqual(abroad.advice.slice(0, 2).map((a) => a.id), ['recall.correction', 'recall.tell-manager']);
  assert.equal(gmail.competitor, false);
  assert.equal(gmail.advice.at(-1)?.id, 'recall.tell-manager-if-competitor');
});

test('the report: findings per recipient in order, severities, exit 0 only when every recipient is recallable', GUARD, () => {
  const mixed = recallReport(facts('ali', ['ali', 'gmail'], { read: 'no', fetched: 'no' }), { file: null, subject: null, sentInput: null });
  assert.equal(mixed.command, 'recall');
  assert.deepEqual(mixed.findings.map((f) => [f.id, f.severity, f.data.recipient]), [
    ['recall.possible', 'info', PLACES.ali],
    ['recall.not-possible', 'error', PLACES.gmail],
  ]);
  assert.equal(mixed.findings[1]?.fix?.advice, 'recall.correction');
  assert.equal(exitCode([mixed], { failOn: 'warning', minScore: 0 }), 1);
  const all = recallReport(facts('ali', ['ali'], { read: 'no', fetched: 'no' }), { file: null, subject: null, sentInput: null });
  assert.equal(exitCode([all], { failOn: 'warning', minScore: 0 }), 0);
  const conditional = recallReport(facts('exmail', ['qq']), { file: null, subject: null, sentInput: null });
  assert.equal(exitCode([conditional], { failOn: 'warning', minScore: 0 }), 0);
  const failed = recallReport(facts('exmail', ['broken']), { file: null, subject: null, sentInput: null });
  assert.equal(failed.incomplete, true);
  assert.equal(failed.findings[0]?.id, 'recall.unknown');
  assert.equal(exitCode([failed], { failOn: 'warning', minScore: 0 }), 1);
});
