// When a sent message can still be taken back ("recall", 撤回/召回), per provider, as data with its sources.
//
// The general truth first: SMTP has no recall. Every "recall" works only inside one provider's own mail
// store, usually only while the copy is unread on the server and not fetched by POP3/IMAP into a mail
// program, and only within that provider's window (facts.md §3, wave2-facts.md §3). So a message that
// left one provider for another can never be recalled, and the rows below only say what happens between
// mailboxes of the same provider (or the same tenant, or the same family).
//
// Confidence: `high` when the provider's own help page (or the product's own bundled help) says it;
// `low` when only third-party pages do (resellers, blogs) or they disagree. A `low` row never gives a
// plain "possible": the check says "possible if" and names the doubt.
//
// "Undo send" (Gmail, Outlook on the web) is a send delay: the provider holds the message for a few
// seconds and sends it when they are over. Those rows have `mechanism: 'send-delay'` and are never a recall.

/** Whose mailboxes a recall reaches: the sender's own domain, its tenant/organisation, the provider, the provider's family. */
export type RecallScope = 'same-domain' | 'same-tenant' | 'same-provider' | 'same-family' | 'any' | 'none';

/** `recall`: the sender does it; `admin-recall`: the mail administrator does it; `send-delay`: an undo button before sending; `none`: no way at all. */
export type RecallMechanism = 'recall' | 'admin-recall' | 'send-delay' | 'none';

export type RecallWindow =
  | { kind: 'minutes'; minutes: number }
  | { kind: 'seconds'; seconds: number }
  /** The provider states no limit. */
  | { kind: 'none-stated' }
  /** No trustworthy source for the window (Tencent); `longestClaimedMinutes`: the longest any source claims. */
  | { kind: 'unknown'; longestClaimedMinutes?: number };

/** Whether a copy the recipient already read can be recalled. */
export type ReadRule = 'not-recallable' | 'recallable' | 'recallable-by-default' | 'not-stated';
/** Whether a copy a mail program already fetched by POP3/IMAP can be recalled. */
export type FetchedRule = 'not-recallable' | 'not-stated';

export interface RecallSource {
  url: string;
  /** Who says it: the provider itself, or a third party (`via` names the page that quotes the provider). */
  by: 'provider' | 'third-party';
  via?: string;
}

export interface RecallRule {
  /** Stable id (JSON, catalogue `labels: recall.how.<id>` / `recall.report.<id>` / `recall.rule.<id>`). */
  id: string;
  /** Sender providers (src/data/providers.ts ids) the row applies to. */
  providers: readonly string[];
  /** Only senders at these domains (NetEase VIP vs free); rows without it apply to the provider's other senders. */
  senderDomains?: readonly string[];
  mechanism: RecallMechanism;
  scope: RecallScope;
  /** For `same-provider` / `same-family`: the recipient providers the recall reaches. */
  reaches?: readonly string[];
  window: RecallWindow;
  read: ReadRule;
  fetched: FetchedRule;
  /** An administrator setting the recall needs: on by default, or one an administrator must turn on. */
  admin?: { setting: string; default: 'on' | 'off' };
  /** Client or plan requirements (catalogue `labels: recall.client.<id>`). */
  client?: readonly string[];
  /** Other limits the row's sources name (catalogue `labels: recall.limit.<id>`). */
  limits?: readonly string[];
  /** The row only applies when this other row cannot (Exchange's classic recall when cloud recall is off). */
  fallbackOf?: string;
  confidence: 'high' | 'low';
  sources: readonly RecallSource[];
}

const MS_RECALL = 'https://learn.microsoft.com/exchange/mail-flow-best-practices/work-with-cloud-based-message-recall';

export const RECALL_RULES: readonly RecallRule[] = [
  {
    // Cloud-based Message Recall (late 2023): the service hard-deletes the original from recipient mailboxes
    // in the organisation; "Null is default, which functions as true" for both settings; changes take ~1 h.
    // No time window is stated. Mobile Outlook since app 4.2504.0 (CodeTwo, third party).
    id: 'exchange-online-cloud',
    providers: ['microsoft-365'],
    mechanism: 'recall',
    scope: 'same-tenant',
    window: { kind: 'none-stated' },
    read: 'recallable-by-default',
    fetched: 'not-stated',
    admin: { setting: 'Set-OrganizationConfig -MessageRecallEnabled', default: 'on' },
    client: ['outlook'],
    confidence: 'high',
    sources: [
      { url: MS_RECALL, by: 'provider' },
      { url: 'https://www.codetwo.com/admins-blog/?p=7374', by: 'third-party' },
    ],
  },
  {
    // Classic (client-side) recall, which the tenant falls back to when cloud recall is turned off: only
    // unread copies still in the Inbox of recipients on Outlook desktop.
    id: 'outlook-classic',
    providers: ['microsoft-365'],
    mechanism: 'recall',
    scope: 'same-tenant',
    window: { kind: 'none-stated' },
    read: 'not-recallable',
    fetched: 'not-recallable',
    client: ['outlook-desktop-both'],
    limits: ['still-in-inbox'],
    fallbackOf: 'exchange-online-cloud',
    confidence: 'low',
    sources: [
      { url: MS_RECALL, by: 'provider' },
      { url: 'https://irohastack.com/en/outlook-recall-en/', by: 'third-party' },
      { url: 'https://www.office-forums.com/threads/i-am-unable-to-to-recall-an-e-mail-even-though-i-have-outlook.592716/', by: 'third-party' },
    ],
  },
  {
    // Outlook on the web / new Outlook "Undo send": a delay before the message leaves, up to 10 seconds.
    id: 'outlook-undo-send',
    providers: ['microsoft-365', 'outlook-com'],
    mechanism: 'send-delay',
    scope: 'any',
    window: { kind: 'seconds', seconds: 10 },
    read: 'not-stated',
    fetched: 'not-stated',
    confidence: 'low',
    sources: [
      { url: 'https://captainverify.com/blog/how-unsend-email-outlook-gmail.html', by: 'third-party' },
      { url: 'https://supportbee.com/blog/how-to-delay-send-or-unsend-email-in-outlook', by: 'third-party' },
    ],
  },
  {
    // Personal Outlook.com accounts: recall works only on Exchange (work or school) accounts.
    id: 'outlook-com',
    providers: ['outlook-com'],
    mechanism: 'none',
    scope: 'none',
    window: { kind: 'none-stated' },
    read: 'not-stated',
    fetched: 'not-stated',
    confidence: 'low',
    sources: [
      { url: 'https://supportbee.com/blog/how-to-delay-send-or-unsend-email-in-outlook', by: 'third-party' },
      { url: 'https://perplexityaimagazine.com/uncategorized/how-to-recall-an-email-in-outlook/', by: 'third-party' },
    ],
  },
  {
    // Gmail "Undo Send": the message is held 5, 10, 20 or 30 seconds (the setting), then sent; nothing after.
    id: 'gmail-undo-send',
    providers: ['gmail', 'google-workspace'],
    mechanism: 'send-delay',
    scope: 'any',
    window: { kind: 'seconds', seconds: 30 },
    read: 'not-stated',
    fetched: 'not-stated',
    confidence: 'high',
    sources: [
      { url: 'https://support.google.com/mail/answer/2819488', by: 'provider', via: 'https://www.email-tools.me/posts/gmail-undo-send/' },
      { url: 'http://www.raymond.cc/blog/cancel-sent-email-gmail/', by: 'third-party' },
    ],
  },
  {
    // Gmail has no recall once the message has left Google.
    id: 'gmail',
    providers: ['gmail', 'google-workspace'],
    mechanism: 'none',
    scope: 'none',
    window: { kind: 'none-stated' },
    read: 'not-stated',
    fetched: 'not-stated',
    confidence: 'low',
    sources: [
      { url: 'https://www.email-tools.me/posts/gmail-undo-send/', by: 'third-party' },
      { url: 'https://supportbee.com/blog/how-to-delay-send-or-unsend-email-in-outlook', by: 'third-party' },
    ],
  },
  {
    // Google Workspace admins can delete a message from users' Gmail inboxes in the domain with the security
    // investigation tool (Enterprise Standard/Plus, Education Standard/Plus). Not a user recall.
    id: 'google-workspace-admin',
    providers: ['google-workspace'],
    mechanism: 'admin-recall',
    scope: 'same-tenant',
    window: { kind: 'none-stated' },
    read: 'recallable',
    fetched: 'not-stated',
    client: ['workspace-enterprise'],
    confidence: 'high',
    sources: [{ url: 'https://support.google.com/a/answer/7581662', by: 'provider' }],
  },
  {
    // 阿里邮箱 (enterprise): "员工：30天内同域收件账号未读邮件可撤回"; not mail fetched to local clients;
    // replies/forwards of it are not recalled; the sent copy must be in Sent. Third-party pages say
    // 24 h / 7 days / "15 days" (⚠ disagree with the official page).
    id: 'alibaba-user',
    providers: ['alibaba-mail'],
    mechanism: 'recall',
    scope: 'same-domain',
    window: { kind: 'minutes', minutes: 30 * 24 * 60 },
    read: 'not-recallable',
    fetched: 'not-recallable',
    client: ['web-sent-folder'],
    limits: ['no-forwards'],
    confidence: 'high',
    sources: [
      { url: 'http://mailhelp.mxhichina.com/smartmail/admin/detail.htm?knoId=1060211595', by: 'provider' },
      { url: 'http://www.mfdyapp.net/news_in/2961', by: 'third-party' },
    ],
  },
  {
    // 阿里邮箱 admin (postmaster) recall: domain-internal, read or unread, not mail fetched to local clients,
    // not after the sent copy was purged; only failures are listed. No window on the official page.
    id: 'alibaba-admin',
    providers: ['alibaba-mail'],
    mechanism: 'admin-recall',
    scope: 'same-domain',
    window: { kind: 'none-stated' },
    read: 'recallable',
    fetched: 'not-recallable',
    limits: ['no-forwards', 'failures-only'],
    confidence: 'high',
    sources: [
      { url: 'http://mailhelp.mxhichina.com/smartmail/admin/detail.htm?knoId=1060211595', by: 'provider' },
      { url: 'http://m.studyofnet.com/802912177.html', by: 'third-party' },
    ],
  },
  {
    // 网易VIP邮箱: only to 163/126/yeah.net/vip163/vip126/188, unread (web, phone, client), never fetched by a
    // client or by POP3, within 15 days; "外域…暂不支持撤回".
    id: 'netease-vip',
    providers: ['netease-mail'],
    senderDomains: ['vip.163.com', 'vip.126.com', '188.com', 'vip.188.com'],
    mechanism: 'recall',
    scope: 'same-provider',
    reaches: ['netease-mail'],
    window: { kind: 'minutes', minutes: 15 * 24 * 60 },
    read: 'not-recallable',
    fetched: 'not-recallable',
    client: ['web-sent-folder'],
    confidence: 'high',
    sources: [{ url: 'http://help.163.com/10/0623/16/69SK0L9A007525G3.html', by: 'provider' }],
  },
  {
    // Free 163/126/yeah.net accounts: the same conditions, said by third parties (NetEase's page is the VIP one).
    id: 'netease-free',
    providers: ['netease-mail'],
    mechanism: 'recall',
    scope: 'same-provider',
    reaches: ['netease-mail'],
    window: { kind: 'minutes', minutes: 15 * 24 * 60 },
    read: 'not-recallable',
    fetched: 'not-recallable',
    client: ['web-sent-folder'],
    confidence: 'low',
    sources: [
      { url: 'http://help.163.com/10/0623/16/69SK0L9A007525G3.html', by: 'provider' },
      { url: 'https://www.953085.com/education/746.html', by: 'third-party' },
      { url: 'https://www.chaxiaohao.com/read-1750256448l582663.html', by: 'third-party' },
    ],
  },
  {
    // 网易企业邮: the administrator turns 邮件撤回 on (企业邮箱管理后台 > Webmail设置 > 邮箱参数设置); then mail to
    // staff of the same enterprise domain (not mailing lists), unread, within 15 days, not POP3-fetched.
    // Said by an authorised reseller, not by NetEase.
    id: 'netease-qiye',
    providers: ['netease-qiye'],
    mechanism: 'recall',
    scope: 'same-domain',
    window: { kind: 'minutes', minutes: 15 * 24 * 60 },
    read: 'not-recallable',
    fetched: 'not-recallable',
    admin: { setting: '企业邮箱管理后台 > Webmail设置 > 邮箱参数设置 > 邮件撤回', default: 'off' },
    limits: ['no-mailing-lists'],
    confidence: 'low',
    sources: [{ url: 'http://163hmail.cn/newsview.html?cid=3&id=125', by: 'third-party' }],
  },
  {
    // 腾讯企业邮 / QQ邮箱: no official Tencent page found; third parties: "24小时", "最多5分钟内",
    // "basic accounts 24 h, advanced 15 days", Exmail ↔ QQ Mail recall each other, Foxmail ≥ 7.2.17; all say unread.
    id: 'tencent',
    providers: ['tencent-exmail', 'qq-mail'],
    mechanism: 'recall',
    scope: 'same-family',
    reaches: ['tencent-exmail', 'qq-mail'],
    window: { kind: 'unknown', longestClaimedMinutes: 15 * 24 * 60 },
    read: 'not-recallable',
    fetched: 'not-stated',
    client: ['foxmail-7.2.17'],
    confidence: 'low',
    sources: [
      { url: 'https://www.67wa.com/108158.html', by: 'third-party' },
      { url: 'https://m.jusoucn.com/txmail/250795.html', by: 'third-party' },
      { url: 'http://www.123jzs.com/shcs/202509/322413.html', by: 'third-party' },
    ],
  },
  {
    // Zoho Mail: recipients inside your organisation, within 30 minutes, not shared folders, not copies fetched by
    // POP/IMAP accounts; paid organisation accounts only; the reply says all / partial / failed.
    id: 'zoho',
    providers: ['zoho-mail'],
    mechanism: 'recall',
    scope: 'same-tenant',
    window: { kind: 'minutes', minutes: 30 },
    read: 'not-stated',
    fetched: 'not-recallable',
    client: ['zoho-paid'],
    limits: ['no-shared-folders'],
    confidence: 'high',
    sources: [{ url: 'https://www.zoho.com.cn/mail/help/recall-sent-email.html', by: 'provider' }],
  },
  {
    // Coremail (the product's own bundled help, as deployed at NEU): the administrator must have turned recall on;
    // local users only; unread (partly read: the unread copies are recalled). Deployments differ: SYSU's
    // allows 7 days whether read or not (inc.sysu.edu.cn/article/228).
    id: 'coremail',
    providers: ['coremail'],
    mechanism: 'recall',
    scope: 'same-domain',
    window: { kind: 'none-stated' },
    read: 'not-recallable',
    fetched: 'not-stated',
    admin: { setting: 'Coremail: recall mail (召回邮件)', default: 'off' },
    limits: ['deployments-differ'],
    confidence: 'high',
    sources: [
      { url: 'https://stu.neu.edu.cn/coremail/help/recallmail.jsp', by: 'provider' },
      { url: 'http://inc.sysu.edu.cn/article/228', by: 'provider' },
    ],
  },
];

/** The rows for a sender: rows naming the sender's domain first; rows with `senderDomains` apply only to those domains. */
export function rulesForSender(providerId: string, senderDomain: string): RecallRule[] {
  const rows = RECALL_RULES.filter((r) => r.providers.includes(providerId));
  const specific = rows.filter((r) => r.senderDomains?.includes(senderDomain));
  const general = rows.filter((r) => !r.senderDomains && !specific.some((s) => s.mechanism === r.mechanism && s.scope === r.scope));
  return [...specific, ...general];
}

export function recallRuleById(id: string): RecallRule | undefined {
  return RECALL_RULES.find((r) => r.id === id);
}
