// The sender rules of Gmail, Yahoo and Microsoft Outlook.com, as data: which rule applies to which
// senders, and the SMTP reply a message that breaks it gets. Sources, one per row (the shared
// research sheet and the documents it quotes, archived in azumakuniyuki/feb-2024-no-auth-no-entry):
//   [G-81126]   Google, "Email sender guidelines" (support.google.com/mail/answer/81126), 1 Feb 2024
//   [G-FAQ]     Google, "Email sender guidelines FAQ" (answer/14229414)
//   [G-3726730] Google, "SMTP errors and codes" (answer/3726730)
//   [Y-BP]      Yahoo, "Sender best practices" (senders.yahooinc.com/best-practices), Feb 2024
//   [Y-ERR]     Yahoo, "SMTP error codes" (senders.yahooinc.com/smtp-error-codes)
//   [MS-HVS]    Microsoft, "Strengthening email ecosystem: Outlook's new requirements for high-volume
//               senders", Tech Community, 2 Apr 2025, updated 29 Apr 2025 (rejections from 5 May 2025)
// facts.md §4 (rules), §5.1 and §5.3 (codes); wave2-facts.md §1.3 (the table of codes per rule).
// "bulk": more than 5,000 messages a day to that provider's users (Gmail counts per primary domain,
// and the status is permanent once reached [G-FAQ]).

export type BulkProvider = 'gmail' | 'yahoo' | 'microsoft';

export const BULK_PROVIDERS: readonly BulkProvider[] = ['gmail', 'yahoo', 'microsoft'];

/** `--profile`: one provider's rules, or all three. */
export type BulkProfile = BulkProvider | 'all';

export const BULK_PROFILES: readonly BulkProfile[] = ['gmail', 'yahoo', 'microsoft', 'all'];

export type BulkRuleId =
  /** SPF or DKIM: the message is authenticated at all. */
  | 'authenticated'
  /** SPF published, valid, and passing for the sending IPs given. */
  | 'spf'
  /** DKIM published: a usable key of at least 1024 bits. */
  | 'dkim'
  /** DMARC published (p=none is enough). */
  | 'dmarc'
  /** The From domain can align with the SPF or DKIM domain. */
  | 'alignment'
  /** Each sending IP has a PTR that resolves back to it (FCrDNS). */
  | 'fcrdns'
  /** Mail is sent over TLS. */
  | 'tls'
  /** Marketing mail carries RFC 8058 one-click unsubscribe: a message property, not a DNS one. */
  | 'one-click-unsubscribe';

/** The order rules are shown in. */
export const BULK_RULES: readonly BulkRuleId[] = ['authenticated', 'spf', 'dkim', 'dmarc', 'alignment', 'fcrdns', 'tls', 'one-click-unsubscribe'];

export interface SmtpCode {
  /** `550`. */
  reply: string;
  /** `5.7.26`. */
  enhanced: string;
}

export interface BulkRequirement {
  provider: BulkProvider;
  rule: BulkRuleId;
  /** `all`: every sender; `bulk`: senders of more than 5,000 messages a day to the provider. */
  applies: 'all' | 'bulk';
  /** `recommended`: the provider asks for it but names no rejection. */
  level: 'required' | 'recommended';
  /** The replies a failing message gets (temporary, then permanent); empty when the provider publishes none. */
  codes: readonly SmtpCode[];
  /** What else happens, when there is no reply code: `no-mitigation` (Gmail gives no delivery support), `deferral` (Yahoo defers with [TSS04]). */
  consequence?: 'no-mitigation' | 'deferral';
  /** When it took effect. */
  since: string;
  source: string;
}

const c = (reply: string, enhanced: string): SmtpCode => ({ reply, enhanced });

export const BULK_REQUIREMENTS: readonly BulkRequirement[] = [
  // Gmail, all senders: SPF or DKIM, FCrDNS, TLS. Bulk: SPF and DKIM, DMARC, alignment, one-click unsubscribe.
  { provider: 'gmail', rule: 'authenticated', applies: 'all', level: 'required', codes: [c('421', '4.7.26'), c('550', '5.7.26')], since: '2024-02-01', source: 'facts.md §4.1, §5.1 [G-81126][G-3726730]' },
  { provider: 'gmail', rule: 'fcrdns', applies: 'all', level: 'required', codes: [c('451', '4.7.23'), c('550', '5.7.25')], since: '2024-02-01', source: 'facts.md §4.1, §5.1 [G-81126][G-3726730]' },
  { provider: 'gmail', rule: 'tls', applies: 'all', level: 'required', codes: [c('421', '4.7.29'), c('550', '5.7.29')], since: '2024-02-01', source: 'facts.md §4.1 ("TLS for transmission", added Dec 2023), §5.1 [G-81126][G-3726730]' },
  { provider: 'gmail', rule: 'spf', applies: 'bulk', level: 'required', codes: [c('421', '4.7.27'), c('550', '5.7.27')], since: '2024-02-01', source: 'facts.md §4.1, §5.1 [G-FAQ][G-3726730]' },
  { provider: 'gmail', rule: 'dkim', applies: 'bulk', level: 'required', codes: [c('421', '4.7.30'), c('550', '5.7.30')], since: '2024-02-01', source: 'facts.md §4.1 (key >= 1024 bits), §5.1 [G-81126][G-3726730]' },
  // The SMTP-errors page gives 4.7.40/5.7.40; the FAQ writes 4.7.31 for the same rule (facts.md §4.1 ⚠).
  { provider: 'gmail', rule: 'dmarc', applies: 'bulk', level: 'required', codes: [c('421', '4.7.40'), c('550', '5.7.40')], since: '2024-02-01', source: 'facts.md §4.1, §5.1 [G-3726730] (FAQ: 4.7.31 [G-FAQ])' },
  { provider: 'gmail', rule: 'alignment', applies: 'bulk', level: 'required', codes: [c('421', '4.7.32'), c('550', '5.7.32')], since: '2024-02-01', source: 'facts.md §4.1, §5.1 [G-FAQ][G-3726730]' },
  { provider: 'gmail', rule: 'one-click-unsubscribe', applies: 'bulk', level: 'required', codes: [], consequence: 'no-mitigation', since: '2024-06-01', source: 'facts.md §4.1, wave2-facts.md §1.3 [G-FAQ]' },
  // Yahoo: all senders SPF or DKIM; bulk senders the rest. Yahoo publishes no per-rule codes (it
  // defers with 421 4.7.0 [TSS04]); FCrDNS is a recommendation.
  { provider: 'yahoo', rule: 'authenticated', applies: 'all', level: 'required', codes: [c('550', '5.7.9')], since: '2024-02-01', source: 'facts.md §4.2, §5.3 [Y-BP][Y-ERR]' },
  { provider: 'yahoo', rule: 'spf', applies: 'bulk', level: 'required', codes: [], consequence: 'deferral', since: '2024-02-01', source: 'facts.md §4.2 [Y-BP]' },
  { provider: 'yahoo', rule: 'dkim', applies: 'bulk', level: 'required', codes: [], consequence: 'deferral', since: '2024-02-01', source: 'facts.md §4.2 [Y-BP]' },
  { provider: 'yahoo', rule: 'dmarc', applies: 'bulk', level: 'required', codes: [], consequence: 'deferral', since: '2024-02-01', source: 'facts.md §4.2 [Y-BP]' },
  { provider: 'yahoo', rule: 'alignment', applies: 'bulk', level: 'required', codes: [], consequence: 'deferral', since: '2024-02-01', source: 'facts.md §4.2 [Y-BP]' },
  { provider: 'yahoo', rule: 'fcrdns', applies: 'all', level: 'recommended', codes: [], since: '2024-02-01', source: 'facts.md §4.2 [Y-BP]' },
  { provider: 'yahoo', rule: 'one-click-unsubscribe', applies: 'bulk', level: 'required', codes: [], since: '2024-02-01', source: 'facts.md §4.2, wave2-facts.md §1.3 [Y-BP]' },
  // Microsoft Outlook.com consumer domains (outlook.com, hotmail.com, live.com), senders of more than
  // 5,000 messages a day; Microsoft 365 business tenants are not covered.
  { provider: 'microsoft', rule: 'spf', applies: 'bulk', level: 'required', codes: [c('550', '5.7.515')], since: '2025-05-05', source: 'facts.md §4.3 [MS-HVS]' },
  { provider: 'microsoft', rule: 'dkim', applies: 'bulk', level: 'required', codes: [c('550', '5.7.515')], since: '2025-05-05', source: 'facts.md §4.3 [MS-HVS]' },
  { provider: 'microsoft', rule: 'dmarc', applies: 'bulk', level: 'required', codes: [c('550', '5.7.515')], since: '2025-05-05', source: 'facts.md §4.3 [MS-HVS]' },
  { provider: 'microsoft', rule: 'alignment', applies: 'bulk', level: 'required', codes: [c('550', '5.7.515')], since: '2025-05-05', source: 'facts.md §4.3 [MS-HVS]' },
];

export function providersOf(profile: BulkProfile): BulkProvider[] {
  return profile === 'all' ? [...BULK_PROVIDERS] : [profile];
}

/** The requirements of a rule for the providers of a profile, in provider order. */
export function requirementsOf(rule: BulkRuleId, profile: BulkProfile): BulkRequirement[] {
  const providers = providersOf(profile);
  return BULK_REQUIREMENTS.filter((r) => r.rule === rule && providers.includes(r.provider)).sort((a, b) => providers.indexOf(a.provider) - providers.indexOf(b.provider));
}
