// Free (consumer) mailbox providers: an address on one of these is a person's own mailbox, not a company's.
// `address.free-provider` names the provider; the typo suggester never "corrects" one of these domains.
//
// Sources, by entry class (the `source` field of each entry):
//   sa-freemail  SpamAssassin rules/20_freemail_domains.cf (Apache-2.0), `freemail_domains` lines — every
//                domain of such an entry is listed there literally or by its wildcard (`hotmail.*`, `yahoo.co*.*`,
//                `gmx.*`, `yandex.*`, `aol.*`, `outlook.*`, `live.*`). Includes the "chinese numbers" block
//                (126.com 139.com 163.com 188.com 189.cn 263.net) and its "Vips" block (vip.qq.com, vip.163.com…).
//   provider     the provider's own sign-up domain, not in the SpamAssassin file (proton.me since 2022, mail.com
//                and its sister domains, tom.com, wo.cn, 21cn's siblings) — (ours), checked against the provider.
// Address folding (`folding`) is only set where the provider documents it; see its `source`.

export type FreeProviderSource = 'sa-freemail' | 'provider';

export interface AddressFolding {
  /** Dots in the local part are ignored by the provider. */
  dots: boolean;
  /** `user+tag@` is delivered to `user@`. */
  plus: boolean;
  /** Domains that are one mailbox namespace (googlemail.com = gmail.com): all fold to the first domain. */
  sameMailbox?: readonly string[];
  /** Local parts are case-insensitive at this provider. */
  caseInsensitive: boolean;
  source: string;
}

export interface FreeProvider {
  /** Stable token, used as data in findings. */
  id: string;
  /** The provider's brand, as it names itself. */
  name: string;
  domains: readonly string[];
  source: FreeProviderSource;
  folding?: AddressFolding;
}

const GMAIL_FOLDING: AddressFolding = {
  dots: true,
  plus: true,
  sameMailbox: ['gmail.com', 'googlemail.com'],
  caseInsensitive: true,
  // Google: "Gmail doesn't recognize dots as characters within usernames" (support.google.com/mail/answer/7436150);
  // plus sub-addresses "user+anything@gmail.com" (Gmail blog 2008 "2 hidden ways to get more from your Gmail
  // address", quoted at coyoteblog.com 2017-05); googlemail.com is the same account (support.google.com/mail/answer/10313).
  source: 'google',
};

export const FREE_PROVIDERS: readonly FreeProvider[] = [
  // China
  { id: 'qq', name: 'QQ Mail', domains: ['qq.com', 'vip.qq.com', 'foxmail.com'], source: 'sa-freemail' },
  { id: 'netease-163', name: 'NetEase 163', domains: ['163.com', 'vip.163.com'], source: 'sa-freemail' },
  { id: 'netease-126', name: 'NetEase 126', domains: ['126.com', 'vip.126.com'], source: 'sa-freemail' },
  { id: 'netease-yeah', name: 'NetEase yeah.net', domains: ['yeah.net'], source: 'sa-freemail' },
  { id: 'netease-188', name: 'NetEase 188', domains: ['188.com', 'vip.188.com'], source: 'sa-freemail' },
  { id: 'sina', name: 'Sina Mail', domains: ['sina.com', 'sina.cn', 'vip.sina.com'], source: 'sa-freemail' },
  { id: 'sina', name: 'Sina Mail', domains: ['sina.com.cn'], source: 'provider' },
  { id: 'sohu', name: 'Sohu Mail', domains: ['sohu.com', 'vip.sohu.com', 'vip.sohu.net'], source: 'sa-freemail' },
  { id: 'aliyun', name: 'Aliyun Mail', domains: ['aliyun.com'], source: 'sa-freemail' },
  { id: 'china-mobile-139', name: 'China Mobile 139', domains: ['139.com'], source: 'sa-freemail' },
  { id: 'china-telecom-189', name: 'China Telecom 189', domains: ['189.cn'], source: 'sa-freemail' },
  { id: 'china-telecom-21cn', name: '21CN', domains: ['21cn.com'], source: 'sa-freemail' },
  { id: 'china-unicom-wo', name: 'China Unicom Wo', domains: ['wo.cn'], source: 'provider' },
  { id: '263', name: '263 Mail', domains: ['263.net'], source: 'sa-freemail' },
  { id: 'tom', name: 'TOM Mail', domains: ['tom.com', 'vip.tom.com'], source: 'provider' },
  // Global
  { id: 'gmail', name: 'Gmail', domains: ['gmail.com', 'googlemail.com'], source: 'sa-freemail', folding: GMAIL_FOLDING },
  {
    id: 'outlook',
    name: 'Outlook.com',
    domains: ['outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'hotmail.it', 'hotmail.es', 'live.fr', 'live.cn', 'outlook.fr', 'outlook.de', 'outlook.es', 'outlook.it', 'hotmail.com.br'],
    source: 'sa-freemail',
  },
  { id: 'outlook', name: 'Outlook.com', domains: ['live.co.uk', 'outlook.com.br'], source: 'provider' },
  { id: 'yahoo', name: 'Yahoo Mail', domains: ['yahoo.com', 'ymail.com', 'rocketmail.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.it', 'yahoo.es', 'yahoo.co.jp', 'yahoo.co.in', 'yahoo.com.br', 'yahoo.com.mx', 'yahoo.com.ar', 'yahoo.com.tw', 'yahoo.com.hk', 'yahoo.com.sg', 'yahoo.com.vn', 'yahoo.co.id', 'yahoo.ca', 'yahoo.com.au'], source: 'sa-freemail' },
  { id: 'icloud', name: 'iCloud Mail', domains: ['icloud.com', 'me.com', 'mac.com'], source: 'sa-freemail' },
  { id: 'aol', name: 'AOL Mail', domains: ['aol.com'], source: 'sa-freemail' },
  { id: 'proton', name: 'Proton Mail', domains: ['protonmail.com', 'protonmail.ch'], source: 'sa-freemail' },
  { id: 'proton', name: 'Proton Mail', domains: ['proton.me', 'pm.me'], source: 'provider' },
  { id: 'zoho', name: 'Zoho Mail', domains: ['zoho.com'], source: 'sa-freemail' },
  { id: 'gmx', name: 'GMX', domains: ['gmx.de', 'gmx.net', 'gmx.com', 'gmx.at', 'gmx.ch'], source: 'sa-freemail' },
  { id: 'web-de', name: 'WEB.DE', domains: ['web.de'], source: 'sa-freemail' },
  { id: 'mail-com', name: 'mail.com', domains: ['mail.com', 'email.com', 'usa.com', 'post.com'], source: 'provider' },
  { id: 'mail-ru', name: 'Mail.ru', domains: ['mail.ru', 'inbox.ru'], source: 'sa-freemail' },
  { id: 'mail-ru', name: 'Mail.ru', domains: ['list.ru', 'bk.ru'], source: 'provider' },
  { id: 'yandex', name: 'Yandex Mail', domains: ['yandex.ru', 'yandex.com', 'yandex.ua', 'yandex.kz', 'yandex.by', 'ya.ru'], source: 'sa-freemail' },
  { id: 'rambler', name: 'Rambler', domains: ['rambler.ru'], source: 'sa-freemail' },
  { id: 'naver', name: 'Naver Mail', domains: ['naver.com'], source: 'sa-freemail' },
  { id: 'daum', name: 'Daum Mail', domains: ['hanmail.net', 'daum.net'], source: 'sa-freemail' },
  { id: 'nate', name: 'Nate Mail', domains: ['nate.com'], source: 'sa-freemail' },
  { id: 'orange', name: 'Orange', domains: ['orange.fr'], source: 'sa-freemail' },
  { id: 'free-fr', name: 'Free', domains: ['free.fr'], source: 'sa-freemail' },
  { id: 'laposte', name: 'La Poste', domains: ['laposte.net'], source: 'sa-freemail' },
  { id: 'libero', name: 'Libero Mail', domains: ['libero.it'], source: 'sa-freemail' },
  { id: 'virgilio', name: 'Virgilio Mail', domains: ['virgilio.it', 'tin.it'], source: 'sa-freemail' },
  { id: 'rediffmail', name: 'Rediffmail', domains: ['rediffmail.com'], source: 'sa-freemail' },
  { id: 'uol', name: 'UOL Mail', domains: ['uol.com.br', 'bol.com.br'], source: 'sa-freemail' },
  { id: 'seznam', name: 'Seznam', domains: ['seznam.cz'], source: 'sa-freemail' },
  { id: 'wp-pl', name: 'Wirtualna Polska', domains: ['wp.pl', 'o2.pl'], source: 'sa-freemail' },
  { id: 'interia', name: 'Interia', domains: ['interia.pl'], source: 'sa-freemail' },
  { id: 'ukr-net', name: 'UKR.NET', domains: ['ukr.net'], source: 'sa-freemail' },
  { id: 'walla', name: 'Walla', domains: ['walla.co.il', 'walla.com'], source: 'sa-freemail' },
  { id: 'sapo', name: 'SAPO Mail', domains: ['sapo.pt'], source: 'sa-freemail' },
  { id: 'mynet', name: 'Mynet', domains: ['mynet.com', 'mynet.com.tr'], source: 'sa-freemail' },
];

/** Domain (lower-case ASCII) → provider. Built once, on first use. */
let byDomain: Map<string, FreeProvider> | undefined;

export function freeProviderIndex(): ReadonlyMap<string, FreeProvider> {
  if (!byDomain) {
    byDomain = new Map();
    for (const provider of FREE_PROVIDERS) for (const domain of provider.domains) byDomain.set(domain, provider);
  }
  return byDomain;
}
