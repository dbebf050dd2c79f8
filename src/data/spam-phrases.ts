// Phrases content filters count against a message (`content.spam-phrase`): our own small bilingual set,
// each pattern with a stable id, a weight, the reason receivers count it, where it comes from, a hit and
// a near miss (test/message-phrases.test.ts runs both for every row).
//
// Sources (the `source` field of each row):
//   SA <file> <RULE>  seeded from Apache SpamAssassin's rules (Apache-2.0; attribution in NOTICE): the rule
//                     named is the model, the pattern here is our own, simpler and linear (no rule text is
//                     copied verbatim). Files at apache/spamassassin: rules/20_phrases.cf,
//                     rules/20_advance_fee.cf, rulesrc/sandbox/jhardin/20_misc_testing.cf (CN_B2B_SPAMMER,
//                     CHINA_MANUFACTURER; scores from rulesrc/scores/72_scores.cf via wave2-facts.md §1.1).
//   ours              written for mailcheck's users (cold B2B letters, mail to Chinese recipients); the
//                     rationale says why. SpamAssassin has no Chinese phrase rules.
// Deliberately not used: blog "spam word" lists (no licence), Chinese censorship lexicons (not about
// deliverability). Weights are on SpamAssassin's scale (5 points = spam by default): one phrase rarely
// decides, several add up. A weight of 1.5 or more is a warning; below, an info.
//
// Patterns must stay linear: single character classes, bounded gaps (`.{0,40}`), no nested quantifiers
// (test/message-regex.test.ts lints this file with eslint-plugin-regexp's super-linear rules).

export interface SpamPhrase {
  /** Stable id (`en.…`, `zh.…`), named in the finding's data. */
  id: string;
  lang: 'en' | 'zh';
  /** Where it is looked for. */
  where: 'body' | 'subject' | 'both';
  pattern: RegExp;
  weight: number;
  /** Why receivers count it (for maintainers; the catalogue has the words users read). */
  rationale: string;
  source: string;
  /** Text it matches. */
  hit: string;
  /** Similar text it must not match. */
  nearMiss: string;
}

/** A phrase at or over this weight is a warning; under it, an info. */
export const PHRASE_WARNING_WEIGHT = 1.5;

export const SPAM_PHRASES: readonly SpamPhrase[] = [
  // --- Chinese exporters' own patterns (the users this tool is for) ---------------------------------
  {
    id: 'en.cn-b2b-intro', lang: 'en', where: 'body', weight: 2.3,
    pattern: /\bwe are (?:(?:a )?(?:china|taiwan)[- ]based|(?:one of (?:the )?best|(?:a )?leading) (?:international|[a-z0-9 ,&/-]{3,90} (?:in|from) (?:[a-z]{2,20}, )?(?:china|taiwan)))\b/i,
    rationale: 'The opening line of many cold B2B letters from China; SpamAssassin scores it about 2.3 on its own.',
    source: 'SA jhardin/20_misc_testing.cf CN_B2B_SPAMMER (2.279/2.299)',
    hit: 'We are a leading manufacturer of LED lights in China.', nearMiss: 'We are a leading manufacturer of LED lights in Germany.',
  },
  {
    id: 'en.china-manufacture', lang: 'en', where: 'body', weight: 2.0,
    pattern: /\bwe are (?:a )?china[- ]located manufacture/i,
    rationale: 'A fixed phrase of mass B2B mail from China.',
    source: 'SA jhardin/20_misc_testing.cf CHINA_MANUFACTURER (2.5, sandbox)',
    hit: 'We are China located manufacture of valves.', nearMiss: 'Our factory is located in China.',
  },
  {
    id: 'en.dear-sir-madam', lang: 'en', where: 'body', weight: 1.0,
    pattern: /\bdear (?:sirs?(?: ?(?:\/|or) ?madam)?|madam|purchas(?:e|ing) manager|valued customer)\b/i,
    rationale: 'A greeting without a name tells filters (and buyers) that the letter went to many people.',
    source: 'SA 20_phrases.cf DEAR_SOMETHING; "purchasing manager" ours',
    hit: 'Dear Sir/Madam,', nearMiss: 'Dear Mr. Sirsi,',
  },
  {
    id: 'en.dear-friend', lang: 'en', where: 'body', weight: 1.5,
    pattern: /\bdear friends?\b/i,
    rationale: 'A stranger calling the reader a friend is a classic spam opening.',
    source: 'SA 20_phrases.cf DEAR_FRIEND',
    hit: 'Dear friend, we have good news.', nearMiss: 'My dear old friendship with Tom',
  },
  {
    id: 'en.hope-finds-well', lang: 'en', where: 'body', weight: 0.5,
    pattern: /\bhope (?:this|my|the) (?:e-?mail|letter|message|mail) finds you well\b/i,
    rationale: 'A template opener of cold letters; alone it is harmless, with others it marks bulk outreach.',
    source: 'ours',
    hit: 'I hope this email finds you well.', nearMiss: 'I hope you are well.',
  },
  {
    id: 'en.factory-price', lang: 'en', where: 'both', weight: 0.5,
    pattern: /\b(?:factory|best|competitive|wholesale|cheapest) prices?\b/i,
    rationale: 'Price claims are the core of B2B spam; one is fine, several weigh.',
    source: 'ours (SA 20_phrases.cf LOW_PRICE is the model)',
    hit: 'We offer factory price and fast delivery.', nearMiss: 'The price of the factory tour is included.',
  },
  {
    id: 'en.free-sample', lang: 'en', where: 'both', weight: 0.5,
    pattern: /\bfree samples?\b/i,
    rationale: 'Common in cold B2B offers; content filters learn it from mass mail.',
    source: 'ours',
    hit: 'Free samples are available.', nearMiss: 'Samples are free of lead.',
  },
  // --- English phrases seeded from SpamAssassin ------------------------------------------------------
  {
    id: 'en.guaranteed-100', lang: 'en', where: 'both', weight: 1.5,
    pattern: /\b100 ?% guaranteed\b/i, rationale: 'Absolute guarantees are a hallmark of spam.', source: 'SA 20_phrases.cf GUARANTEED_100_PERCENT',
    hit: 'Results 100% guaranteed!', nearMiss: 'Delivery is guaranteed within 10 days, 100 pieces.',
  },
  {
    id: 'en.guaranteed-bang', lang: 'en', where: 'both', weight: 1.0,
    pattern: /\bguaranteed?!/i, rationale: 'A guarantee with an exclamation mark.', source: 'SA 20_phrases.cf BANG_GUAR (capped at 1.0 by SpamAssassin)',
    hit: 'Satisfaction guaranteed!', nearMiss: 'Satisfaction is guaranteed.',
  },
  {
    id: 'en.million-dollars', lang: 'en', where: 'both', weight: 1.5,
    pattern: /\b(?:[BM]ILLION DOLLARS?|millions? (?:of )?(?:united states dollars|us dollars|usd))\b/i,
    rationale: 'Talk of millions of dollars is typical of fraud mail.', source: 'SA 20_phrases.cf BILLION_DOLLARS, MILLION_USD',
    hit: 'a sum of 10 million USD', nearMiss: 'one million units per year',
  },
  {
    id: 'en.to-be-removed', lang: 'en', where: 'body', weight: 1.0,
    pattern: /\bto be removed(?:,? please| from (?:our|this|the) (?:list|mailings?|database))/i,
    rationale: 'Bulk mail explaining how to be removed, without a real unsubscribe.', source: 'SA 20_phrases.cf EXCUSE_4, EXCUSE_REMOVE',
    hit: 'To be removed, please reply NO.', nearMiss: 'The old parts need to be removed first.',
  },
  {
    id: 'en.received-this-because', lang: 'en', where: 'body', weight: 1.0,
    pattern: /\byou(?:'ve|'re| have| are)? receiv(?:e|ed|ing) this (?:advertisement|offer|special|paid)\b/i,
    rationale: 'Claims the reader asked for an advertisement.', source: 'SA 20_phrases.cf EXCUSE_24',
    hit: 'You are receiving this advertisement because you signed up.', nearMiss: 'You received this invoice because you ordered.',
  },
  {
    id: 'en.urgent-business', lang: 'en', where: 'both', weight: 1.5,
    pattern: /\burgent(?: and)?(?: very)? (?:assistance|business|confidential|proposal|reply|response)\b/i,
    rationale: 'An urgent, confidential proposal is the advance-fee fraud pattern.', source: 'SA 20_phrases.cf URG_BIZ; 20_advance_fee.cf NIGERIAN_SUBJECT2',
    hit: 'URGENT BUSINESS PROPOSAL', nearMiss: 'The shipment is urgent; please confirm the business address.',
  },
  {
    id: 'en.urgent-subject', lang: 'en', where: 'subject', weight: 1.5,
    pattern: /^(?:re: ?)?(?:very )?(?:urgent|attention)[ !.]*$/i,
    rationale: 'A subject that is only "URGENT" or "ATTENTION".', source: 'SA 20_advance_fee.cf NIGERIAN_SUBJECT1',
    hit: 'URGENT!!', nearMiss: 'Urgent: sample approval for PO 1234',
  },
  {
    id: 'en.money-back', lang: 'en', where: 'both', weight: 1.0,
    pattern: /\bmoney[- ]back guarantee/i, rationale: 'A consumer-advertising promise.', source: 'SA 20_phrases.cf MONEY_BACK',
    hit: '30-day money back guarantee', nearMiss: 'we sent the money back to your account',
  },
  {
    id: 'en.free-quote', lang: 'en', where: 'both', weight: 1.0,
    pattern: /\bfree,? (?:instant|express|online|no[- ]obligation) quotes?\b/i, rationale: 'A free instant quote is a bulk-advertising hook.', source: 'SA 20_phrases.cf FREE_QUOTE_INSTANT',
    hit: 'Get a free instant quote today.', nearMiss: 'Please send us your quote for free shipping.',
  },
  {
    id: 'en.bad-credit', lang: 'en', where: 'both', weight: 1.5,
    pattern: /\b(?:bad|poor|eliminate|repair) (?:your )?(?:credit|debt)\b/i, rationale: 'Credit-repair spam.', source: 'SA 20_phrases.cf BAD_CREDIT',
    hit: 'Repair your credit in 30 days', nearMiss: 'We accept credit cards.',
  },
  {
    id: 'en.refinance', lang: 'en', where: 'both', weight: 1.5,
    pattern: /\b(?:refinance your(?: current)? (?:home|house|mortgage)|time to refinance)\b/i, rationale: 'Mortgage spam.', source: 'SA 20_phrases.cf REFINANCE_YOUR_HOME, REFINANCE_NOW',
    hit: 'It is time to refinance!', nearMiss: 'The bank refinanced the loan last year.',
  },
  {
    id: 'en.weight-loss', lang: 'en', where: 'both', weight: 1.0,
    pattern: /\b(?:weight[- ]?loss|lose (?:weight|\d{1,3} (?:pounds|lbs|kg))|burn fat)\b/i, rationale: 'Diet spam.', source: 'SA 20_phrases.cf DIET_1',
    hit: 'Lose 20 pounds fast', nearMiss: 'The net weight of the carton is 20 pounds.',
  },
  {
    id: 'en.financial-freedom', lang: 'en', where: 'both', weight: 1.0,
    pattern: /\bfinancial(?:ly)? (?:freedom|free|independen(?:ce|t))\b/i, rationale: 'Get-rich spam.', source: 'SA 20_phrases.cf FIN_FREE',
    hit: 'Achieve financial freedom now', nearMiss: 'Our financial year ends in March.',
  },
  {
    id: 'en.one-time-offer', lang: 'en', where: 'both', weight: 1.0,
    pattern: /\bone[- ]time (?:offer|investment|promotion)\b/i, rationale: 'Pressure selling.', source: 'SA 20_phrases.cf ONE_TIME',
    hit: 'This is a one-time offer.', nearMiss: 'a one-time mould fee',
  },
  {
    id: 'en.join-millions', lang: 'en', where: 'both', weight: 1.0,
    pattern: /\bjoin (?:millions|thousands) of\b/i, rationale: 'Mass-advertising claim.', source: 'SA 20_phrases.cf JOIN_MILLIONS',
    hit: 'Join millions of happy customers', nearMiss: 'We join the two parts with screws.',
  },
  {
    id: 'en.unclaimed-money', lang: 'en', where: 'both', weight: 2.0,
    pattern: /\bunclaimed (?:assets?|accounts?|money|monies|balance|funds?|prizes?|rewards?|payments?|deposits?)\b/i, rationale: 'Fraud bait.', source: 'SA 20_phrases.cf UNCLAIMED_MONEY',
    hit: 'You have unclaimed funds waiting.', nearMiss: 'The parcel was unclaimed at the post office.',
  },
  {
    id: 'en.act-now', lang: 'en', where: 'both', weight: 1.0,
    pattern: /\b(?:ACT NOW|Act Now)\b/, rationale: 'Pressure in capitals.', source: 'SA 20_phrases.cf ACT_NOW_CAPS',
    hit: 'Act Now and save!', nearMiss: 'the act now in force',
  },
  {
    id: 'en.stock-alert', lang: 'en', where: 'both', weight: 1.5,
    pattern: /\b(?:stock alert|strong buy)\b/i, rationale: 'Stock-promotion spam.', source: 'SA 20_phrases.cf STOCK_ALERT, STRONG_BUY',
    hit: 'STOCK ALERT: XYZ is a strong buy', nearMiss: 'The item is out of stock; alert me when it is back.',
  },
  {
    id: 'en.replica-watch', lang: 'en', where: 'both', weight: 2.0,
    pattern: /\breplica (?:[a-z]{1,12} )?(?:rolex|watches)\b/i, rationale: 'Counterfeit-goods spam.', source: 'SA 20_phrases.cf REPLICA_WATCH',
    hit: 'Best replica Rolex watches', nearMiss: 'a replica of the museum piece',
  },
  {
    id: 'en.male-enhancement', lang: 'en', where: 'both', weight: 2.5,
    pattern: /\bmale enhancement\b/i, rationale: 'Pharmacy spam.', source: 'SA 20_phrases.cf MALE_ENHANCE',
    hit: 'Natural male enhancement pills', nearMiss: 'female and male sizes',
  },
  {
    id: 'en.html-mailer', lang: 'en', where: 'body', weight: 1.0,
    pattern: /\byour (?:e-?mail client|mailer) (?:does not|do not|doesn't) support (?:the display of )?html\b/i, rationale: 'Spam tools that sent HTML-only mail added this line.', source: 'SA 20_phrases.cf RUDE_HTML',
    hit: 'Your email client does not support HTML messages.', nearMiss: 'Our system does not support HTML forms.',
  },
  {
    id: 'en.secret-transaction', lang: 'en', where: 'body', weight: 2.0,
    pattern: /\b(?:confidential|secret|risk[- ]free|mutual|financial) (?:business )?transaction\b/i, rationale: 'Advance-fee fraud vocabulary.', source: 'SA 20_advance_fee.cf __NIGERIAN_BODY_1',
    hit: 'this confidential business transaction', nearMiss: 'the transaction is recorded in our books',
  },
  {
    id: 'en.of-the-late', lang: 'en', where: 'body', weight: 2.0,
    pattern: /\b(?:wife|son|brother|daughter|widow|next of kin) of the late\b/i, rationale: 'Inheritance fraud.', source: 'SA 20_advance_fee.cf __NIGERIAN_BODY_34',
    hit: 'I am the widow of the late general', nearMiss: 'the late shipment of the order',
  },
  {
    id: 'en.lottery', lang: 'en', where: 'both', weight: 2.5,
    pattern: /\b(?:international (?:[a-z]{1,12} )?lottery|lottery (?:[a-z]{1,12} )?international|lottery winner)\b/i, rationale: 'Lottery fraud.', source: 'SA 20_advance_fee.cf __NIGERIAN_BODY_38',
    hit: 'You are an International Lottery winner.', nearMiss: 'The lottery of life.',
  },
  {
    id: 'en.surprise-letter', lang: 'en', where: 'body', weight: 2.0,
    pattern: /\b(?:you (?:may|will) be surprised to receive this|this (?:letter|mail|e-?mail) (?:may|will) come to you as a surprise)\b/i, rationale: 'Advance-fee fraud opener.', source: 'SA 20_advance_fee.cf __NIGERIAN_BODY_8',
    hit: 'This letter may come to you as a surprise.', nearMiss: 'The price may surprise you.',
  },
  {
    id: 'en.limited-time', lang: 'en', where: 'both', weight: 1.0,
    pattern: /\blimited[- ]time (?:offer|only|deal)\b/i, rationale: 'Pressure selling.', source: 'ours',
    hit: 'Limited time offer!', nearMiss: 'Time is limited on site visits.',
  },
  {
    id: 'en.you-have-won', lang: 'en', where: 'both', weight: 1.5,
    pattern: /\byou(?:'ve| have) (?:been selected|won)\b/i, rationale: 'Prize bait.', source: 'ours',
    hit: "Congratulations, you've won a prize", nearMiss: 'You have selected the blue model.',
  },
  {
    id: 'en.risk-free', lang: 'en', where: 'both', weight: 1.0,
    pattern: /\brisk[- ]free\b/i, rationale: 'An advertising promise filters learn from spam.', source: 'ours (SA __NIGERIAN_BODY_1 lists "risk-free" among its words)',
    hit: 'Try it risk-free', nearMiss: 'a risk assessment, free of charge',
  },
  {
    id: 'en.click-here', lang: 'en', where: 'body', weight: 0.5,
    pattern: /\bclick here\b/i, rationale: 'Link text that says nothing about the link; common in mass mail.', source: 'ours',
    hit: 'Click here to see our catalogue.', nearMiss: 'Here is the click-fit connector.',
  },
  // --- Chinese (mail to Chinese-speaking recipients) -----------------------------------------------
  {
    id: 'zh.invoice', lang: 'zh', where: 'both', weight: 3.0,
    pattern: /代开[\u4e00-\u9fff]{0,6}发票|发票[\u4e00-\u9fff]{0,4}(?:代开|代办|出售)/, rationale: '"Invoices issued on your behalf": the most common Chinese spam of all.', source: 'ours',
    hit: '长期代开增值税发票', nearMiss: '请开具发票给我们公司',
  },
  {
    id: 'zh.add-wechat', lang: 'zh', where: 'both', weight: 1.0,
    pattern: /加(?:我)?(?:微信|威信|薇信|[vV]信|vx|VX|wx|WX)/, rationale: 'Moving the reader to WeChat is how Chinese spam and scams continue.', source: 'ours',
    hit: '详情请加微信：abc123', nearMiss: '我们的微信公众号已开通',
  },
  {
    id: 'zh.free-gift', lang: 'zh', where: 'both', weight: 1.5,
    pattern: /免费(?:领取|赠送|送)/, rationale: '"Free to claim": giveaway spam.', source: 'ours',
    hit: '新用户免费领取礼品', nearMiss: '运费免费',
  },
  {
    id: 'zh.click-claim', lang: 'zh', where: 'both', weight: 1.0,
    pattern: /点击(?:领取|下方链接|链接领取)/, rationale: '"Click to claim": giveaway and phishing mail.', source: 'ours',
    hit: '点击领取优惠券', nearMiss: '点击率提高了',
  },
  {
    id: 'zh.prize', lang: 'zh', where: 'both', weight: 2.0,
    pattern: /(?:恭喜(?:您|你)?[\u4e00-\u9fff]{0,4}中奖|中大奖|获得大奖|幸运用户)/, rationale: 'Prize fraud.', source: 'ours',
    hit: '恭喜您中奖了', nearMiss: '奖学金申请',
  },
  {
    id: 'zh.loan', lang: 'zh', where: 'both', weight: 2.5,
    pattern: /(?:无抵押|低息|快速|免息)贷款|信用卡(?:套现|代还)/, rationale: 'Loan spam.', source: 'ours',
    hit: '无抵押贷款，当天放款', nearMiss: '贷款合同已签署',
  },
  {
    id: 'zh.part-time', lang: 'zh', where: 'both', weight: 2.5,
    pattern: /兼职(?:招聘|日结)|刷单/, rationale: 'Part-time-job and order-brushing scams.', source: 'ours',
    hit: '招聘兼职刷单，日结', nearMiss: '我们有一位兼职设计师',
  },
  {
    id: 'zh.gambling', lang: 'zh', where: 'both', weight: 2.5,
    pattern: /(?:网上|线上|在线)(?:博彩|赌场)|百家乐|时时彩/, rationale: 'Gambling spam.', source: 'ours',
    hit: '在线博彩，注册送彩金', nearMiss: '百家姓',
  },
  {
    id: 'zh.make-money', lang: 'zh', where: 'both', weight: 2.0,
    pattern: /(?:在家|轻松|躺着)赚钱|日赚\d{2,6}|月入过万/, rationale: 'Get-rich spam.', source: 'ours',
    hit: '在家轻松赚钱，月入过万', nearMiss: '赚钱不容易',
  },
  {
    id: 'zh.fake-documents', lang: 'zh', where: 'both', weight: 2.5,
    pattern: /代办(?:证件|文凭|学历)|办(?:理)?假证/, rationale: 'Forged-document spam.', source: 'ours',
    hit: '代办证件，快速出证', nearMiss: '我们代办出口报关',
  },
  {
    id: 'zh.lowest-price', lang: 'zh', where: 'both', weight: 1.0,
    pattern: /全网最低价?|史上最低价?/, rationale: 'Advertising superlatives.', source: 'ours',
    hit: '全网最低价，限时抢购', nearMiss: '最低起订量 500 件',
  },
  {
    id: 'zh.limited-sale', lang: 'zh', where: 'both', weight: 1.0,
    pattern: /限时(?:抢购|特价|秒杀)|仅限今天/, rationale: 'Pressure selling.', source: 'ours',
    hit: '限时抢购，仅限今天', nearMiss: '交货时间有限制',
  },
  {
    id: 'zh.account-frozen', lang: 'zh', where: 'both', weight: 2.0,
    pattern: /(?:邮箱|账户|帐户|账号|帐号)(?:已|将)?(?:被)?(?:冻结|停用|注销)|(?:邮箱|账号)(?:容量)?已满/, rationale: '"Your mailbox will be frozen": the phishing letter Chinese mailbox users get most.', source: 'ours',
    hit: '您的邮箱将被冻结，请立即验证', nearMiss: '冻结的产品需冷链运输',
  },
  {
    id: 'zh.verify-now', lang: 'zh', where: 'both', weight: 1.5,
    pattern: /(?:立即|马上|请尽快)(?:验证|升级|激活)(?:您的|你的)?(?:邮箱|账户|帐户|账号|帐号)/, rationale: 'Phishing call to action.', source: 'ours',
    hit: '请立即验证您的账号', nearMiss: '请尽快验证样品颜色',
  },
  {
    id: 'zh.td-unsubscribe', lang: 'zh', where: 'body', weight: 0.5,
    pattern: /回(?:复)? ?(?:TD|T|td) ?退订/, rationale: 'The SMS-style opt-out of Chinese mass marketing.', source: 'ours',
    hit: '拒收请回复TD退订', nearMiss: '退订流程见附件',
  },
];
