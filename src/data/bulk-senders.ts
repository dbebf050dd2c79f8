// What makes a message look bulk, who sent it (an email service provider, or a webmail that cannot add
// list headers), and the bulk-sender rules of Gmail, Yahoo and Microsoft with the code each failure causes.
//
// Sources:
//   [G-81126]   Google, Email sender guidelines (support.google.com/mail/answer/81126), 1 Feb 2024 — facts.md §4.1
//   [G-FAQ]     Google, Email sender guidelines FAQ (answer/14229414) — facts.md §4.1
//   [G-3726730] Google, SMTP errors and codes — facts.md §5.1
//   [Y-BP]      Yahoo Sender Best Practices — facts.md §4.2
//   [MS-HVS]    Microsoft, "Strengthening Email Ecosystem: Outlook's New Requirements for High-Volume
//               Senders", 2 Apr 2025, updated 29 Apr 2025 — facts.md §4.3
//   RFC 2369, RFC 2919, RFC 3834 §3.1.8, RFC 8058 — list headers and one-click unsubscribe
//   (ours)      headers seen on mail from the service, not documented by it

export interface BulkSignal {
  /** Lower-case header name. */
  header: string;
  /** The value must match (else any value). */
  value?: RegExp;
  /** The email service provider it names, when it names one. */
  esp?: string;
  source: string;
}

/** Headers that mark a message as bulk: list mail, or sent through an email service provider. */
export const BULK_SIGNALS: readonly BulkSignal[] = [
  { header: 'list-unsubscribe', source: 'RFC 2369' },
  { header: 'list-id', source: 'RFC 2919' },
  { header: 'precedence', value: /^(?:bulk|list|junk)\b/i, source: 'RFC 3834 §3.1.8 (and common practice)' },
  { header: 'feedback-id', source: 'Google Postmaster feedback loop header, used by bulk senders [G-81126]' },
  { header: 'x-csa-complaints', source: 'Certified Senders Alliance members (ours)' },
  { header: 'x-mailgun-sid', esp: 'Mailgun', source: '(ours)' },
  { header: 'x-sg-eid', esp: 'SendGrid', source: '(ours)' },
  { header: 'x-mc-user', esp: 'Mailchimp', source: '(ours)' },
  { header: 'x-mandrill-user', esp: 'Mandrill', source: '(ours)' },
  { header: 'x-ses-outgoing', esp: 'Amazon SES', source: '(ours)' },
  { header: 'x-mailjet-campaign', esp: 'Mailjet', source: '(ours)' },
  { header: 'x-sib-id', esp: 'Brevo', source: '(ours)' },
  { header: 'x-campaignid', source: '(ours)' },
  { header: 'x-campaign', source: '(ours)' },
];

export interface Webmail {
  id: string;
  name: string;
  /** Any of these headers present. */
  headers: readonly string[];
  /** Or an X-Mailer matching. */
  mailer?: RegExp;
  /** Or a Received `by` host under one of these. */
  received: readonly string[];
  source: string;
}

/**
 * Mail services whose users send from a web or desktop client that cannot add List-Unsubscribe: for them
 * the bulk rules' headers are not available, and a plain opt-out sentence is the advice instead.
 */
export const WEBMAILS: readonly Webmail[] = [
  { id: 'tencent', name: 'Tencent Exmail / QQ Mail', headers: ['x-qq-mid', 'x-qq-ssf', 'x-qq-xmailinfo'], mailer: /qqmail|tencent|foxmail/i, received: ['qq.com', 'exmail.qq.com', 'mail.qq.com'], source: '(ours)' },
  { id: 'netease', name: 'NetEase (163, 126, Qiye)', headers: ['x-coremail-antispam', 'x-cm-transid', 'x-coremail-locale'], mailer: /coremail/i, received: ['163.com', '126.com', 'yeah.net', 'netease.com', 'qiye.163.com'], source: '(ours)' },
  { id: 'alibaba', name: 'Alibaba Mail', headers: ['x-alimail-antispam'], mailer: /alimail|alimailpro/i, received: ['aliyun.com', 'qiye.aliyun.com', 'mxhichina.com'], source: '(ours)' },
  { id: 'sina', name: 'Sina Mail', headers: ['x-sina-mid'], received: ['sina.com', 'sina.cn', 'sinamail.sina.com.cn'], source: '(ours)' },
];

/** Body text that offers a way out (for webmail senders, whose letters cannot carry List-Unsubscribe). */
export const OPT_OUT_SENTENCE = /\bunsubscribe\b|\bopt[- ]?out\b|\bno longer (?:wish|want) to (?:receive|hear)|\breply (?:with )?["']?(?:stop|remove|unsubscribe)\b|退订|取消订阅|不再(?:接收|收到)/i;

/** RFC 8058 §3.1: List-Unsubscribe-Post must be exactly this. */
export const ONE_CLICK_POST = 'List-Unsubscribe=One-Click';

/**
 * Bulk-sender rules (Gmail and Yahoo since Feb 2024 for senders of more than 5,000 messages a day to
 * them; Microsoft for Outlook.com consumer mail since 5 May 2025) and the code each failure brings.
 * `finding` is the id that reports the failure.
 */
export interface BulkRule {
  id: 'spf-and-dkim' | 'dmarc-published' | 'dmarc-aligned' | 'fcrdns' | 'tls' | 'one-click-unsubscribe';
  findings: readonly string[];
  codes: { gmail?: string; yahoo?: string; microsoft?: string };
  source: string;
}

export const BULK_RULES: readonly BulkRule[] = [
  { id: 'spf-and-dkim', findings: ['auth.spf-fail', 'auth.spf-softfail', 'auth.spf-none', 'auth.dkim-none', 'auth.dkim-fail'], codes: { gmail: '550 5.7.27 (SPF) / 550 5.7.30 (DKIM)', microsoft: '550 5.7.515' }, source: '[G-FAQ] [G-3726730] [Y-BP] [MS-HVS]' },
  { id: 'dmarc-published', findings: ['auth.dmarc-missing'], codes: { gmail: '550 5.7.40 (FAQ: 4.7.31)', microsoft: '550 5.7.515' }, source: '[G-FAQ] [G-3726730] [MS-HVS]' },
  { id: 'dmarc-aligned', findings: ['auth.dmarc-fail'], codes: { gmail: '550 5.7.32', microsoft: '550 5.7.515' }, source: '[G-FAQ] [G-3726730] [Y-BP] [MS-HVS]' },
  { id: 'fcrdns', findings: ['rdns.missing', 'rdns.mismatch'], codes: { gmail: '550 5.7.25' }, source: '[G-81126] [G-3726730]' },
  { id: 'tls', findings: ['auth.tls-missing'], codes: { gmail: '550 5.7.29' }, source: '[G-81126] [G-3726730]' },
  { id: 'one-click-unsubscribe', findings: ['bulk.unsubscribe-missing', 'bulk.unsubscribe-not-one-click', 'bulk.unsubscribe-unsigned'], codes: {}, source: '[G-FAQ] (no delivery support or mitigation) [Y-BP] RFC 8058' },
];
