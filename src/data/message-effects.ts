// What each `mailcheck message` finding is predicted to do to the mail at the recipients' provider
// ("Gmail rejects it: 550 5.7.1", "likely spam folder"), as data with its source. The provider is the
// one `--to` names (Gmail when none is given: its rules are the strictest published ones).
//
// Sources (facts.md and wave2-facts.md, beside the repository, resolve the keys):
//   [G-3726730] Google, Gmail SMTP errors and codes (facts.md §5.1)
//   [G-81126]   Google, Email sender guidelines; [G-FAQ] its FAQ (facts.md §4.1)
//   [G-6590]    Google, Some file types are blocked / 25 MB limit (support.google.com/mail/answer/6590)
//   [G-14016360] Google, Gmail message header limits: all headers 500 KB, 5,000 fields, one field 32 KB,
//               Message-ID 500 characters, Subject 998 (support.google.com/a/answer/14016360)
//   [MS-HVS]    Microsoft, high-volume sender requirements, Outlook.com, 5 May 2025 (facts.md §4.3)
//   [MS-NDR]    Exchange Online NDR codes (sisimai's Microsoft table, facts.md §5.2)
//   [Y-BP]      Yahoo Sender Best Practices (facts.md §4.2)
//   [RFC7489]   DMARC §6.3 p=reject / p=quarantine
//   [SA …] [RS …] SpamAssassin / rspamd rules and scores (wave2-facts.md §1.1): "likely spam folder"
//   [AME]       AboutMy.email: HTML over 102 KB "may cause the mail to be truncated at Gmail"
//   (ours)      our judgement, where no provider documents the effect

export type RecipientProvider = 'gmail' | 'microsoft' | 'yahoo' | 'china' | 'other';

export type EffectKind = 'reject' | 'spam' | 'clipped' | 'no-mitigation' | 'risk' | 'none';

export interface Effect {
  kind: EffectKind;
  /** The SMTP reply the provider gives, e.g. `550 5.7.1`. */
  code?: string;
  source: string;
}

export interface EffectRule {
  /** Matches when every key equals the finding's data (`severity` is the finding's own; `true` matches any truthy value). */
  when?: Record<string, string | boolean>;
  /** Per provider; `any` when the provider is not named. */
  effects: Partial<Record<RecipientProvider | 'any', Effect>>;
}

const reject = (code: string | undefined, source: string): Effect => (code ? { kind: 'reject', code, source } : { kind: 'reject', source });
const spam = (source: string): Effect => ({ kind: 'spam', source });
const risk = (source: string): Effect => ({ kind: 'risk', source });
const none = (source: string): Effect => ({ kind: 'none', source });

const unauthenticatedRules = (method: 'spf' | 'dkim'): EffectRule[] => [
  {
    when: { bulk: true },
    effects: {
      gmail: reject(method === 'spf' ? '550 5.7.27' : '550 5.7.30', '[G-FAQ] [G-3726730] bulk senders: SPF and DKIM'),
      microsoft: reject('550 5.7.515', '[MS-HVS] high-volume senders: SPF, DKIM and DMARC'),
      yahoo: reject(undefined, '[Y-BP] bulk senders: SPF and DKIM'),
      any: spam('[G-FAQ] bulk-sender rule'),
    },
  },
  {
    when: { unauthenticated: true },
    effects: {
      gmail: reject('550 5.7.26', '[G-3726730] "the sender is unauthenticated": neither SPF nor DKIM passes'),
      yahoo: reject('550 5.7.9', '[Y-BP] all senders: SPF or DKIM'),
      any: spam('[SA SPF_FAIL, DKIM_INVALID] unauthenticated mail'),
    },
  },
  { effects: { any: spam(method === 'spf' ? '[SA SPF_FAIL, SPF_SOFTFAIL]' : '[SA DKIM_INVALID] (ours: unsigned mail is trusted less)') } },
];

export const EFFECT_RULES: Readonly<Record<string, readonly EffectRule[]>> = {
  'auth.dkim-none': unauthenticatedRules('dkim'),
  'auth.dkim-fail': unauthenticatedRules('dkim'),
  'auth.dkim-weak-key': [
    { when: { severity: 'error' }, effects: { gmail: reject('550 5.7.26', '[G-81126] keys under 1024 bits do not count [G-3726730]'), any: spam('RFC 8301 §3.2') } },
    { effects: { any: risk('[G-81126] at least 1024 bits, 2048 recommended') } },
  ],
  'auth.spf-fail': unauthenticatedRules('spf'),
  'auth.spf-softfail': unauthenticatedRules('spf'),
  'auth.spf-none': unauthenticatedRules('spf'),
  'auth.dmarc-fail': [
    {
      when: { policy: 'reject' },
      effects: {
        gmail: reject('550 5.7.26', '[G-3726730] "Unauthenticated email from domain is not accepted due to domain\'s DMARC policy"'),
        microsoft: reject('550 5.7.509', '[MS-NDR] "does not pass DMARC verification"'),
        any: reject(undefined, '[RFC7489] §6.3 p=reject'),
      },
    },
    { when: { policy: 'quarantine' }, effects: { any: spam('[RFC7489] §6.3 p=quarantine') } },
    { when: { bulk: true }, effects: { gmail: reject('550 5.7.32', '[G-3726730] From not aligned (bulk senders)'), microsoft: reject('550 5.7.515', '[MS-HVS]'), any: spam('[G-FAQ]') } },
    { effects: { any: risk('[SA DMARC_NONE] p=none: no policy applied, but unaligned mail is trusted less') } },
  ],
  'auth.dmarc-missing': [
    { when: { bulk: true }, effects: { gmail: reject('550 5.7.40', '[G-3726730] (the FAQ says 4.7.31) no DMARC record, bulk senders'), microsoft: reject('550 5.7.515', '[MS-HVS]'), any: spam('[G-FAQ]') } },
    { effects: { any: risk('[G-81126] DMARC is required of bulk senders only') } },
  ],
  'auth.tls-missing': [
    { when: { bulk: true }, effects: { gmail: reject('550 5.7.29', '[G-3726730] not sent over TLS (bulk senders)'), any: spam('[G-FAQ]') } },
    { effects: { any: spam('[G-81126] all senders: TLS; [G-FAQ] enforcement: spam folder or rejection') } },
  ],
  'rdns.missing': [{ effects: { gmail: reject('550 5.7.25', '[G-3726730] no PTR for the sending IP (451 4.7.23 rate-limits first)'), any: spam('[SA RDNS_NONE]') } }],
  'rdns.mismatch': [{ effects: { gmail: reject('550 5.7.25', '[G-3726730] the PTR does not resolve back to the IP'), any: spam('[SA RDNS_NONE] (ours)') } }],

  'header.from-invalid': [{ effects: { gmail: reject('550 5.7.1', '[G-3726730] missing or invalid From, several From addresses or headers'), microsoft: reject('550 5.7.512', '[MS-NDR] "must be RFC 5322 section 3.6.2 compliant"'), any: spam('[RS MISSING_FROM 2.0, MULTIPLE_FROM 8.0]') } }],
  'header.message-id-invalid': [{ effects: { gmail: reject('550 5.7.1', '[G-3726730] "Messages missing a valid Message-ID header are not accepted"'), any: spam('[SA MISSING_MID, INVALID_MSGID] [RS MISSING_MID 2.5]') } }],
  'header.date-invalid': [{ effects: { any: spam('[SA MISSING_DATE, INVALID_DATE, DATE_IN_FUTURE] [RS DATE_IN_FUTURE 4.0, DATE_IN_PAST 1.0]') } }],
  'header.duplicate': [{ effects: { gmail: reject('550 5.7.1', '[G-3726730] "not RFC 5322 compliant: duplicate headers"'), any: spam('(ours) receivers pick different copies') } }],
  'header.mime-invalid': [
    { when: { kind: 'header-8bit' }, effects: { gmail: reject('550 5.7.1', '[G-3726730] non-ASCII in a header where it is not allowed'), any: spam('[SA SUBJECT_NEEDS_ENCODING]') } },
    { when: { kind: 'encoded-word-misplaced' }, effects: { gmail: reject('550 5.7.1', '[G-3726730] encoded-word where it is not allowed'), any: spam('(ours)') } },
    { when: { kind: 'boundary-not-found' }, effects: { gmail: reject('554 5.6.0', '[G-3726730] "Email message is malformed"'), any: spam('[RS BROKEN_CONTENT_TYPE]') } },
    { when: { kind: 'boundary-missing' }, effects: { gmail: reject('554 5.6.0', '[G-3726730] "Email message is malformed"'), any: spam('[RS BROKEN_CONTENT_TYPE]') } },
    { when: { kind: 'bare-cr' }, effects: { any: risk('(ours) servers that guard against SMTP smuggling refuse bare CR and LF') } },
    { when: { kind: 'bare-lf' }, effects: { any: risk('(ours) servers that guard against SMTP smuggling refuse bare CR and LF') } },
    { effects: { any: spam('[RS R_BAD_CTE_7BIT 3.5, MISSING_MIME_VERSION 2.0, R_MISSING_CHARSET 0.5] [SA MISSING_MIME_HB_SEP]') } },
  ],
  'header.line-too-long': [{ effects: { any: risk('RFC 5322 §2.1.1; relays refuse ("550 Maximum line length exceeded") or break the line, which breaks DKIM') } }],
  'header.size': [{ effects: { gmail: reject('552 5.3.4', '[G-14016360] Gmail message header limits'), any: risk('(ours) other receivers have lower limits (Exchange Online: 256 KB)') } }],
  'header.undisclosed-recipients': [{ effects: { any: spam('[RS R_UNDISC_RCPT 3.0, MISSING_TO 2.0]') } }],
  'header.reply-to-freemail': [{ effects: { any: spam('[SA FREEMAIL_REPLYTO 2.0]') } }],
  'header.fake-reply': [{ effects: { any: spam('[G-81126] no misleading Re: or Fwd: in the subject') } }],

  'content.subject-caps': [{ effects: { any: spam('[SA SUBJ_ALL_CAPS 0.5] [RS SUBJ_ALL_CAPS 3.0]') } }],
  'content.subject-exclaim': [{ effects: { any: spam('[SA PLING_QUERY] (ours: repeated marks)') } }],
  'content.spam-phrase': [{ when: { severity: 'info' }, effects: { any: none('src/data/spam-phrases.ts: a small weight; it adds up with others') } }, { effects: { any: spam('src/data/spam-phrases.ts (SpamAssassin-seeded)') } }],
  'content.shortener': [{ effects: { any: spam('[SA URL_SHORTENER] [RS url_redirector]') } }],
  'content.link-mismatch': [{ effects: { any: spam('[RS PHISHING 4.0] [SA HTTPS_HTTP_MISMATCH]') } }],
  'content.link-ip': [{ effects: { any: spam('[SA NORMAL_HTTP_TO_IP] [RS HTTP_TO_IP 1.0]') } }],
  'content.link-insecure': [{ effects: { any: none('[AME] links and images should be https (good practice)') } }],
  'content.image-heavy': [{ effects: { any: spam('[SA HTML_IMAGE_ONLY_*] [RS HTML_SHORT_LINK_IMG_1 2.0]') } }],
  'content.html-only': [{ effects: { any: none('[SA MIME_HTML_ONLY 0.1] [RS MIME_HTML_ONLY 0.2]') } }],
  'content.missing-text-part': [{ effects: { any: spam('[RS MIME_MA_MISSING_TEXT 2.0]') } }],
  'content.parts-differ': [{ effects: { any: spam('[SA MPART_ALT_DIFF] [RS R_PARTS_DIFFER 1.0]') } }],
  'content.hidden-text': [{ effects: { any: spam('[SA HTML_TEXT_INVISIBLE_STYLE, HTML_FONT_LOW_CONTRAST] [G-81126] do not hide content') } }],
  'content.clipped': [{ effects: { gmail: { kind: 'clipped', source: '[AME] over 102 KB of HTML' }, any: none('(ours) only Gmail clips') } }],
  'content.attachment-large': [
    { when: { severity: 'error' }, effects: { gmail: reject('552 5.3.4', '[G-6590] 25 MB including attachments [G-3726730]'), yahoo: reject(undefined, 'Yahoo 25 MB (facts.md §4.2)'), any: reject(undefined, '(ours) most providers cap messages at 20–35 MB') } },
    { effects: { any: risk('(ours) many company gateways refuse messages over 10 MB') } },
  ],
  'content.attachment-blocked': [{ effects: { gmail: reject('552 5.7.0', '[G-6590] blocked file types [G-3726730]'), any: risk('[RS MIME_BAD_EXTENSION 2.0] gateways strip or refuse executables') } }],
  'content.charset-legacy': [{ effects: { any: risk('[SA CHARSET_FARAWAY 3.2] where the recipient accepts only some locales; some readers show garbled text') } }],
  'content.hotlinked-images': [{ effects: { any: spam('[SA ALIBABA_IMG_NOT_RCVD_ALI 1.0]') } }],

  'rbl.link-listed': [{ effects: { any: spam('[SA URIBL_DBL_SPAM, URIBL_BLACK, SURBL_MULTI] receivers look link domains up on these lists') } }],
  'rbl.unchecked': [{ effects: { any: none('could not check') } }],
  'dns.lookup-failed': [{ effects: { any: none('could not check') } }],

  'bulk.unsubscribe-missing': [
    { when: { webmail: true }, effects: { any: risk('(ours) a webmail letter cannot carry List-Unsubscribe: say how to opt out in the text') } },
    { effects: { gmail: { kind: 'no-mitigation', source: '[G-FAQ] one-click unsubscribe required of bulk senders' }, yahoo: { kind: 'no-mitigation', source: '[Y-BP]' }, any: risk('[MS-HVS] a working unsubscribe is recommended') } },
  ],
  'bulk.unsubscribe-not-one-click': [{ effects: { gmail: { kind: 'no-mitigation', source: '[G-FAQ] mailto or a body link is not one-click' }, yahoo: { kind: 'no-mitigation', source: '[Y-BP] RFC 8058 highly recommended' }, any: risk('RFC 8058') } }],
  'bulk.unsubscribe-unsigned': [{ effects: { gmail: { kind: 'no-mitigation', source: 'RFC 8058 §3.1: DKIM must cover both headers, else they may be ignored' }, any: risk('RFC 8058 §3.1') } }],
};

export interface PredictedEffect extends Effect {
  /** The provider whose rule applies, or null for the provider-neutral effect. */
  provider: RecipientProvider | null;
}

function matches(rule: EffectRule, data: Record<string, unknown>, severity: string): boolean {
  if (!rule.when) return true;
  return Object.entries(rule.when).every(([key, want]) => {
    const have = key === 'severity' ? severity : data[key];
    return want === true ? Boolean(have) : want === false ? !have : have === want;
  });
}

/** The predicted effect of a finding at a provider: that provider's rule when the table has one, else the neutral one. */
export function predictEffect(id: string, data: Record<string, unknown>, severity: string, provider: RecipientProvider): PredictedEffect {
  for (const rule of EFFECT_RULES[id] ?? []) {
    if (!matches(rule, data, severity)) continue;
    const own = rule.effects[provider];
    if (own) return { ...own, provider };
    if (rule.effects.any) return { ...rule.effects.any, provider: null };
  }
  return severity === 'info' ? { kind: 'none', source: '(ours)', provider: null } : { kind: 'spam', source: '(ours)', provider: null };
}

/** How much an effect hurts, for "fix these first": rejection, then the spam folder, then the rest. */
export function effectRank(kind: EffectKind): number {
  return { reject: 5, spam: 4, 'no-mitigation': 3, clipped: 2, risk: 1, none: 0 }[kind];
}

/** Consumer domains whose provider is known without asking DNS (for --to). */
export const RECIPIENT_DOMAINS: Readonly<Record<string, RecipientProvider>> = {
  'gmail.com': 'gmail', 'googlemail.com': 'gmail',
  'outlook.com': 'microsoft', 'hotmail.com': 'microsoft', 'live.com': 'microsoft', 'msn.com': 'microsoft', 'hotmail.co.uk': 'microsoft', 'outlook.fr': 'microsoft', 'live.fr': 'microsoft', 'hotmail.fr': 'microsoft', 'hotmail.de': 'microsoft', 'outlook.de': 'microsoft',
  'yahoo.com': 'yahoo', 'ymail.com': 'yahoo', 'rocketmail.com': 'yahoo', 'aol.com': 'yahoo', 'yahoo.co.uk': 'yahoo', 'yahoo.fr': 'yahoo', 'yahoo.co.jp': 'yahoo', 'yahoo.com.br': 'yahoo',
  'qq.com': 'china', 'foxmail.com': 'china', 'vip.qq.com': 'china', '163.com': 'china', '126.com': 'china', 'yeah.net': 'china', 'sina.com': 'china', 'sina.cn': 'china', 'sohu.com': 'china', '139.com': 'china', 'aliyun.com': 'china', '189.cn': 'china',
};

/** Provider ids of src/data/providers.ts (found from the --to domain's MX) and whose rules apply. */
export const PROVIDER_RULES: Readonly<Record<string, RecipientProvider>> = {
  'google-workspace': 'gmail',
  gmail: 'gmail',
  'outlook-com': 'microsoft',
  // Microsoft 365 tenants are not Outlook.com: the 5.7.515 rule does not apply to them (facts.md §4.3).
  'microsoft-365': 'other',
  'tencent-exmail': 'china',
  'qq-mail': 'china',
  'netease-qiye': 'china',
  'alibaba-mail': 'china',
};
