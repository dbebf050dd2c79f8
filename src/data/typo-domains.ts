// Data for typo suggestions (src/address/typo.ts). Every candidate is only a candidate: the caller suggests it
// only when the typed domain receives no mail and the candidate does (checked through DNS).
//
// Sources, by entry class:
//   targets       the consumer domains our users' contact lists are full of: China's free providers (SpamAssassin
//                 20_freemail_domains.cf "chinese numbers" block and qq/foxmail/sina/sohu/aliyun lines, Apache-2.0)
//                 plus mailcheck.js's defaultDomains (MIT, mailcheck/mailcheck src/mailcheck.js l.14–25, the global
//                 webmail set) — (ours) the merge and the order; earlier entries win ties.
//   common-tlds   TLDs a mistyped top-level label is measured against (one edit away: `.con`, `.cmo`, `.c0m`, `.comm`,
//                 `.nte`, `.ogr`) — (ours); only used when the typed label is not a TLD at all (tldts, ICANN section).
//   second-level  generic second-level labels under country codes (`com.br`, `com.cn`, `net.cn`, `org.tr`), used to
//                 repair `empresa.con.br` — (ours); the repaired suffix must itself be on the Public Suffix List.
//   real-labels   second-level labels that are real public-suffix parts somewhere (`co.uk`, `co.za`, `ac.jp`, `or.jp`…)
//                 and are therefore never "repaired" — (ours), from the PSL's ICANN section.

/** Provider domains people mistype, most used first. */
export const TYPO_TARGETS: readonly string[] = [
  'gmail.com', 'qq.com', '163.com', '126.com', 'foxmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com', 'icloud.com',
  'sina.com', 'sina.cn', 'sohu.com', 'aliyun.com', 'yeah.net', '139.com', '189.cn', '188.com', 'live.com', 'me.com', 'msn.com',
  'googlemail.com', 'protonmail.com', 'proton.me', 'gmx.de', 'gmx.net', 'gmx.com', 'mail.ru', 'yandex.ru', 'yandex.com',
  'naver.com', 'hanmail.net', 'aol.com', 'mail.com', 'ymail.com', 'rediffmail.com', 'web.de', 'zoho.com', 'rocketmail.com',
  'hotmail.co.uk', 'hotmail.fr', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.co.jp', 'yahoo.com.br', 'uol.com.br', 'bol.com.br',
  'orange.fr', 'libero.it', 'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net', 'live.cn',
];

/** Top-level labels a non-TLD is compared with, most likely first. */
export const COMMON_TLDS: readonly string[] = ['com', 'net', 'org', 'cn', 'info', 'biz'];

/** Second-level labels a mistyped one under a ccTLD may have meant (`con.br` → `com.br`). */
export const SECOND_LEVEL_TARGETS: readonly string[] = ['com', 'net', 'org'];

/** Second-level labels that are real suffix parts somewhere: never treated as a typo of com/net/org. */
export const REAL_SECOND_LEVEL_LABELS: ReadonlySet<string> = new Set([
  'co', 'ac', 'or', 'ne', 'go', 'gob', 'gov', 'edu', 'mil', 'com', 'net', 'org', 'nom', 'ltd', 'plc', 'sch', 'biz', 'info', 'int',
  'gen', 'web', 'art', 'med', 'law', 'pro', 'name', 'tm', 'firm', 'ind', 'nic', 'res', 'bel', 'tec', 'eco', 'emp', 'adm', 'eng',
  'ong', 'ngo', 'gouv', 'go', 'in', 'ed', 'gr', 'lg', 'ad', 'id', 'me',
]);
