// URL shorteners (`content.shortener`): links through them hide where they go, and spam uses them for
// exactly that, so filters count them (SpamAssassin URL_SHORTENER_*, rspamd's redirector map).
//
// Source: Apache SpamAssassin rules/25_url_shortener.cf (Apache-2.0; attribution in NOTICE), its
// `url_shortener` lines: the "generic list of likely active services - cleaned up 25.05.2022" and the
// "additional url shorteners 2023" block, at apache/spamassassin commit 0dfc8ee8c323eb76c64622ced52635b2ef0552da.
// Left out: doi.org (scholarly identifiers) and s.apache.org (the project's own), and the parked
// shorturl.com / grabify.link sister domains. A leading dot (`.page.link`) means any host below it, as in
// the SpamAssassin file. Chinese shorteners from SpamAssassin's sandbox regex and our own reading
// (`t.cn` Sina Weibo, `url.cn` Tencent, `dwz.cn` Baidu) are marked `cn`.
//
// To update: copy the `url_shortener` lines of that file, apply the same exclusions, keep the list sorted.

export const SHORTENERS: readonly string[] = [
  '.ftn.app', '.page.link', '.short.gy', '.shortz.me', '.app.link',
  '0rz.tw', '4sq.com', '4url.cc', 'afly.co', 'ai6.net', 'amzn.com', 'amzn.to', 'b.link', 'b23.ru', 'binged.it', 'bit.do', 'bit.ly',
  'bitly.com', 'bitly.ws', 'bizj.us', 'chilp.it', 'cli.re', 'clck.ru', 'conta.cc', 'crks.me', 'cutt.ly', 'cutwin.biz', 'dai.ly', 'db.tt',
  'disq.us', 'dlvr.it', 'doiop.com', 'eepurl.com', 'fb.me', 'fire.to', 'firsturl.de', 'firsturl.net', 'flic.kr', 'gdurl.com', 'go.ly',
  'goo.gl', 'goolnk.com', 'gplinks.in', 'gtly.link', 'guest.link', 'han.gl', 'hellotxt.com', 'hop.kz', 'hotshorturl.com', 'hub.am',
  'huff.to', 'hurl.it', 'hyperurl.co', 'inx.lv', 'is.gd', 'it2.in', 'j.mp', 'kore.us', 'kurl.no', 'l.bestsellers.to', 'lnk.sk',
  'lnkd.in', 'lnkiy.in', 'lru.jp', 'lukora.cz', 'm2.do', 'mrte.ch', 'n9.cl', 'ndurl.com', 'onion.com', 'ouo.io', 'ow.ly', 'owl.li',
  'pduda.mobi', 'qrcd.org', 'rb.gy', 'redir.ec', 'rotf.lol', 's.free.fr', 's.id', 'shar.es', 'shorl.com', 'shortn.me', 'shorturl.asia',
  'shorturl.at', 'simurl.net', 'slidesha.re', 'smarturl.it', 'smfu.in', 'smollq.cc', 'snip.ly', 'snkr.me', 'sprl.in', 'stpmvt.com',
  't.co', 't.ly', 'tcrn.ch', 'tgr.ph', 'tiny.cc', 'tiny.one', 'tiny.pl', 'tinylink.in', 'tinyurl.com', 'to.ly', 'trib.al', 'twixar.me',
  'u.nu', 'u.to', 'url.ie', 'urlcut.com', 'urlday.cc', 'urls.im', 'urlz.at', 'urlzs.com', 'utfg.sk', 'v.gd', 'wow.link', 'wp.me',
  'x.co', 'x.hypem.com', 'xurl.es', 'yhoo.it', 'youtu.be', 'z23.ru', 'zurl.ws',
  // cn: SpamAssassin sandbox (t.cn) and ours.
  't.cn', 'url.cn', 'dwz.cn',
];

let index: { exact: Set<string>; suffixes: string[] } | null = null;

/** The shortener a host belongs to (the list entry), or undefined. Host: lower case, no trailing dot. */
export function shortenerOf(host: string): string | undefined {
  index ??= {
    exact: new Set(SHORTENERS.filter((s) => !s.startsWith('.'))),
    suffixes: SHORTENERS.filter((s) => s.startsWith('.')),
  };
  const h = host.toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
  if (index.exact.has(h)) return h;
  return index.suffixes.find((suffix) => h.endsWith(suffix) && h.length > suffix.length);
}
