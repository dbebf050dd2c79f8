// Provider-specific meanings: the same words or codes mean something precise at a given mailbox provider.
// A table applies when the remote MTA (or the recipient's domain) belongs to the provider. Facts with
// sources are in shared/reference/facts.md §5; the rows follow each provider's published error pages.
import type { DeliveryRecord, Reason } from '../types.js';

export interface ProviderRule {
  reason: Reason;
  /** Lower-case substring of the diagnostic; '' matches any text. */
  phrase?: string;
  /** Enhanced status code, exact or a range "5.7.606-5.7.649". */
  status?: string;
  reply?: string;
  /** SMTP command the rejection answered. */
  command?: string;
}

export interface Provider {
  id: string;
  /** Host name suffixes (remote MTA or recipient domain). */
  hosts: readonly string[];
  /** The provider writes reports about its customers' mail: its Reporting-MTA name identifies it too. */
  byReportingMta?: boolean;
  /** Notice formats (formats/*.ts ids) the provider writes: a notice it wrote about its own user names it too. */
  formats?: readonly string[];
  rules: readonly ProviderRule[];
}

export const PROVIDERS: readonly Provider[] = [
  {
    // Orange / Wanadoo / La Poste: the reason is the three-digit code at the end (OFR006_102, LPN007_416, [505]).
    id: 'franceptt',
    hosts: ['orange.fr', 'wanadoo.fr', 'laposte.net', '.orange.fr', '.wanadoo.fr', '.laposte.net', 'francetelecom.fr', '.francetelecom.fr'],
    rules: [
      { reason: 'userunknown', phrase: '_416' },
      { reason: 'userunknown', phrase: '_418' },
      { reason: 'suspend', phrase: '_426' },
      { reason: 'systemerror', phrase: '_505' },
      { reason: 'spamdetected', phrase: '_506' },
      { reason: 'policyviolation', phrase: '_630' },
      { reason: 'blocked', phrase: '_102' },
      { reason: 'blocked', phrase: '_103' },
      { reason: 'blocked', phrase: '_104' },
      { reason: 'blocked', phrase: '_108' },
      { reason: 'blocked', phrase: '_109' },
      { reason: 'blocked', phrase: '_510' },
      { reason: 'blocked', phrase: '_999' },
      { reason: 'blocked', phrase: 'service refused, please try later' },
    ],
  },
  {
    id: 'microsoft',
    hosts: ['.protection.outlook.com', '.outlook.com', 'hotmail.com', 'outlook.com', 'live.com', 'msn.com', '.hotmail.com', '.msn.com'],
    rules: [
      { reason: 'blocked', status: '5.7.606-5.7.649' }, // "Access denied, banned sending IP [IP]"
      { reason: 'blocked', status: '5.7.511' }, // banned sender
      { reason: 'rejected', status: '5.7.513' }, // customer block list
      { reason: 'authfailure', status: '5.7.509' }, // DMARC
      { reason: 'authfailure', status: '5.7.23' },
      { reason: 'authfailure', status: '4.7.26' },
      { reason: 'authfailure', status: '5.7.515' }, // bulk-sender authentication
      { reason: 'requireptr', status: '5.7.25' },
      { reason: 'notaccept', status: '5.7.510' },
      { reason: 'blocked', status: '5.7.506' }, // bad HELO
      { reason: 'rejected', status: '5.7.507' },
      { reason: 'spamdetected', status: '5.7.501-5.7.503' },
      { reason: 'userunknown', status: '5.7.504' },
      { reason: 'rejected', status: '5.7.505' },
      { reason: 'notcompliantrfc', status: '5.7.512' },
      { reason: 'rejected', status: '5.7.750' },
      { reason: 'toomanyconn', status: '5.7.700-5.7.749' },
      { reason: 'toomanyconn', status: '5.7.508' },
      { reason: 'badreputation', status: '4.7.650' },
      { reason: 'blocked', status: '4.7.500-4.7.649' },
      { reason: 'blocked', status: '4.7.651-4.7.699' },
      { reason: 'blocked', status: '4.7.850-4.7.899' },
      { reason: 'userunknown', status: '5.1.10' },
      // Exchange Online directory-based edge blocking: the recipient is not in the tenant's directory.
      { reason: 'userunknown', status: '5.4.1', phrase: 'recipient address rejected: access denied' },
      { reason: 'filtered', phrase: 'resolver.rst.' }, // delivery restrictions (RESOLVER.RST.*: not authorized to send to it)
      { reason: 'userunknown', phrase: 'resolver.adr.exrecipnotfound' },
      { reason: 'userunknown', phrase: 'resolver.adr.recipientnotfound' },
      { reason: 'userunknown', phrase: 'mailbox unavailable' },
      { reason: 'hostunknown', status: '5.4.4' },
      { reason: 'networkerror', status: '5.4.6' },
      { reason: 'networkerror', status: '5.4.14' },
      { reason: 'exceedlimit', status: '5.1.90' },
      { reason: 'exceedlimit', status: '5.2.121-5.2.122' },
      { reason: 'mesgtoobig', status: '5.2.3' },
      { reason: 'failedstarttls', status: '5.7.321-5.7.325' },
      { reason: 'blocked', phrase: 'part of their network is on our block list' },
      { reason: 'speeding', phrase: 'rp-001' },
      { reason: 'speeding', phrase: 'rp-002' },
      { reason: 'toomanyconn', phrase: 'rp-003' },
      { reason: 'blocked', phrase: 'sc-001' },
      { reason: 'blocked', phrase: 'sc-002' },
      { reason: 'blocked', phrase: 'sc-003' },
      { reason: 'blocked', phrase: 'sc-004' }, // complaints: the sending IP is refused (Sisimai files it as blocked)
      { reason: 'blocked', phrase: 'dy-001' },
      { reason: 'blocked', phrase: 'dy-002' },
      { reason: 'blocked', phrase: 'ou-001' },
      { reason: 'blocked', phrase: 'ou-002' },
    ],
  },
  {
    id: 'google',
    hosts: ['.google.com', '.googlemail.com', 'gmail.com', 'googlemail.com', 'aspmx.l.google.com'],
    rules: [
      { reason: 'authfailure', status: '5.7.26' },
      { reason: 'authfailure', status: '4.7.26' },
      { reason: 'authfailure', status: '5.7.27' }, // Google: SPF did not pass (bulk senders)
      { reason: 'authfailure', status: '4.7.27' },
      { reason: 'authfailure', status: '5.7.30' }, // Google: DKIM did not pass
      { reason: 'authfailure', status: '4.7.30' },
      { reason: 'authfailure', status: '5.7.40' }, // Google: no DMARC policy
      { reason: 'authfailure', status: '4.7.40' },
      { reason: 'authfailure', status: '4.7.32' }, // From: not aligned
      { reason: 'authfailure', status: '5.7.32' },
      { reason: 'authfailure', status: '5.7.24' },
      { reason: 'authfailure', status: '4.7.24' },
      { reason: 'requireptr', status: '5.7.25' },
      { reason: 'requireptr', status: '4.7.23' },
      { reason: 'requireptr', status: '4.7.25' },
      { reason: 'failedstarttls', status: '5.7.29' },
      { reason: 'failedstarttls', status: '4.7.29' },
      { reason: 'spamdetected', status: '5.7.28' },
      { reason: 'speeding', status: '4.7.28' },
      { reason: 'badreputation', phrase: 'very low reputation of the sending' },
      { reason: 'spamdetected', phrase: 'this message is likely unsolicited' },
      { reason: 'blocked', phrase: 'the ip you\'re using to send email is not authorized' },
      { reason: 'notcompliantrfc', phrase: 'rfcmessagenoncompliant' },
      { reason: 'mailboxfull', status: '4.2.2' },
      { reason: 'mailboxfull', status: '5.2.2' },
      { reason: 'speeding', status: '4.2.1', phrase: 'receiving email too quickly' },
      { reason: 'speeding', phrase: 'receiving mail at a rate that prevents additional messages' },
      { reason: 'suspend', phrase: 'account that you tried to reach is inactive' },
      { reason: 'suspend', phrase: 'account that you tried to reach is disabled' },
      { reason: 'userunknown', phrase: 'the email account that you tried to reach does not exist' },
      { reason: 'hostunknown', phrase: "we weren't able to find the recipient domain" },
      { reason: 'mesgtoobig', phrase: "exceeded google's message size limits" },
      { reason: 'exceedlimit', phrase: 'daily user sending limit exceeded' },
      { reason: 'networkerror', phrase: 'this may indicate an email loop' },
      { reason: 'contenterror', phrase: 'email message is malformed' },
      { reason: 'policyviolation', phrase: 'content presents a potential security issue' },
    ],
  },
  {
    id: 'yahoo',
    hosts: ['.yahoodns.net', '.yahoo.com', 'yahoo.com', 'yahoo.co.jp', 'aol.com', '.aol.com', 'ymail.com'],
    rules: [
      { reason: 'badreputation', phrase: '[tss04]' },
      { reason: 'blocked', phrase: '[tss09]' },
      { reason: 'blocked', phrase: '[tss11]' },
      { reason: 'blocked', phrase: '[bl21]' },
      { reason: 'blocked', phrase: '[bl23]' },
      { reason: 'policyviolation', phrase: '[ph01]' },
      { reason: 'authfailure', phrase: 'yahoo requires all senders to authenticate' },
      { reason: 'authfailure', phrase: 'sender is unauthenticated' },
      { reason: 'policyviolation', phrase: 'not accepted for policy reasons' },
      { reason: 'userunknown', phrase: "doesn't have a yahoo.com account" },
      { reason: 'userunknown', phrase: 'mailbox not found' },
      { reason: 'suspend', phrase: 'is no longer valid' },
      { reason: 'suspend', phrase: 'this mailbox is disabled' },
      { reason: 'rejected', phrase: 'unresolvable rfc.5321 from domain' },
      { reason: 'speeding', phrase: 'user is receiving mail too quickly' },
      { reason: 'toomanyconn', phrase: 'max message per connection reached' },
    ],
  },
  {
    // Broadcom/Symantec MessageLabs (Email Security.cloud).
    id: 'messagelabs',
    byReportingMta: true,
    hosts: ['.messagelabs.com', 'messagelabs.com'],
    rules: [
      { reason: 'securityerror', phrase: 'please turn on smtp authentication' },
      { reason: 'userunknown', phrase: 'no such user' },
      { reason: 'userunknown', phrase: '542 ' }, // "542 <address> Rejected"
      { reason: 'blocked', phrase: 'blocked' },
    ],
  },
  {
    // Mimecast SMTP error codes (community.mimecast.com).
    id: 'mimecast',
    hosts: ['.mimecast.com', 'mimecast.com', '.mimecast.co.za'],
    rules: [
      { reason: 'policyviolation', phrase: 'host network not allowed' },
      { reason: 'virusdetected', phrase: 'mcspamsignature' },
      { reason: 'policyviolation', phrase: 'email rejected due to security policies' },
    ],
  },
  {
    // GoDaddy (secureserver.net) "IBnnn" codes.
    id: 'godaddy',
    hosts: ['.secureserver.net', 'secureserver.net'],
    rules: [
      { reason: 'speeding', phrase: 'ib607' },
      { reason: 'speeding', phrase: 'too many recipients this hour' },
      { reason: 'blocked', phrase: 'spamhaus' },
      { reason: 'blocked', phrase: 'ib10' },
    ],
  },
  {
    // NTT docomo: after DATA, "Unknown user" is the receiver's filter refusing the sender.
    id: 'nttdocomo',
    hosts: ['docomo.ne.jp', '.docomo.ne.jp'],
    rules: [
      { reason: 'filtered', phrase: 'unknown user', status: '5.2.0' },
      { reason: 'rejected', phrase: 'unknown user', command: 'DATA' },
    ],
  },
  {
    // Facebook response codes (postmaster.facebook.com/response_codes).
    id: 'facebook',
    hosts: ['facebook.com', '.facebook.com'],
    rules: [
      { reason: 'userunknown', phrase: 'rcp-p1' },
      { reason: 'filtered', phrase: 'rcp-p2' },
      { reason: 'suspend', phrase: 'rcp-p3' },
      { reason: 'blocked', phrase: 'pol-p' },
    ],
  },
  {
    // Cox: "AUP#…" policy codes (cox.com email error codes page).
    id: 'cox',
    hosts: ['cox.net', '.cox.net', '.cloudfilter.net'],
    rules: [
      { reason: 'blocked', phrase: 'aup#cdrbl' },
      { reason: 'blocked', phrase: 'aup#bl' },
      { reason: 'blocked', phrase: 'aup#rbl' },
      { reason: 'blocked', phrase: 'aup#in-' },
      { reason: 'speeding', phrase: 'aup#rtn' },
      { reason: 'userunknown', phrase: 'aup#mxrt' },
    ],
  },
  {
    // au (KDDI) mobile mail.
    id: 'kddi',
    hosts: ['ezweb.ne.jp', '.ezweb.ne.jp', 'au.com', '.au.com'],
    rules: [
      { reason: 'filtered', phrase: '550 : user unknown' }, // au's filter answers after DATA without the address
      { reason: 'userunknown', phrase: '>: user unknown' },
      { reason: 'suspend', phrase: 'account is disabled' },
    ],
  },
  {
    id: 'tencent',
    hosts: ['.qq.com', 'qq.com', 'exmail.qq.com', 'foxmail.com', 'vip.qq.com'],
    formats: ['Tencent'],
    rules: [
      { reason: 'userunknown', phrase: 'mailbox not found' }, // service.mail.qq.com/detail/122/169
      { reason: 'speeding', phrase: 'mailbox unavailable or access denined' }, // (sic) 122/166
      // Sisimai (go-sisimai rhost/for-tencent.go, Feb 2025) files the frequency limits under toomanyconn.
      { reason: 'toomanyconn', phrase: 'ip frequency limited' }, // 122/172
      { reason: 'toomanyconn', phrase: 'domain frequency limited' },
      { reason: 'toomanyconn', phrase: 'sender frequency limited' },
      { reason: 'toomanyconn', phrase: 'connection frequency limited' },
      { reason: 'blocked', phrase: 'suspected spam ip' }, // 122/66
      { reason: 'blocked', phrase: 'suspected bounce attacks' }, // 122/57
      { reason: 'blocked', phrase: 'connection denied' }, // 122/170
      { reason: 'rejected', phrase: 'suspected spam' }, // 122/71
      { reason: 'rejected', phrase: 'mail is rejected by recipients' }, // 122/92
      { reason: 'spamdetected', phrase: 'spam is embedded in the email' }, // 122/59
      { reason: 'spamdetected', phrase: 'mail content denied' }, // 122/171
      { reason: 'authfailure', phrase: 'spf check failed' }, // 122/72
      { reason: 'authfailure', phrase: 'dmarc check failed' },
      { reason: 'mesgtoobig', phrase: 'message too large' }, // 122/168
      { reason: 'syntaxerror', phrase: 'bad address syntax' }, // 122/167
      { reason: 'suspend', phrase: 'is a deactivated mailbox' },
    ],
  },
  {
    // NetEase (163/126/yeah/188/Qiye). Every row: mail.163.com/help/help_spam_16.htm, NetEase's published code page
    // (re-published verbatim, facts.md §5.5 [BIECUOLIAO][51YUE]); the reply numbers differ between copies, so rows
    // match the code token. Daily volume codes are toomanyconn and short-term rate codes speeding, as Sisimai files
    // Tencent's frequency limits. NetEase appends its help URL to every rejection: the URL alone says nothing.
    id: 'netease',
    hosts: ['.163.com', '163.com', '126.com', 'yeah.net', '.netease.com', 'qiye.163.com', '.126.com', '188.com', 'vip.163.com', '.yeah.net'],
    formats: ['NetEase'],
    rules: [
      { reason: 'blocked', phrase: 'hl:rep' }, // 421: the IP sent to many non-existent recipients, banned for a while
      { reason: 'toomanyconn', phrase: 'hl:icc' }, // 421: too many concurrent connections from the IP
      { reason: 'speeding', phrase: 'hl:ifc' }, // 421: too much mail from the IP in a short time
      { reason: 'speeding', phrase: 'hl:ifq' }, // 554 (second copy): IP frequency
      { reason: 'rejected', phrase: 'hl:mep' }, // 421: many forged sender domains from the IP
      { reason: 'blocked', phrase: 'hl:ihu' }, // 554: the IP is suspended for breaking the terms of service
      { reason: 'blocked', phrase: 'hl:ipb' }, // 554: the IP is not allowed to send
      { reason: 'syntaxerror', phrase: 'mi:cel' }, // 450: too many bad commands
      { reason: 'toomanyconn', phrase: 'mi:dmc' }, // 450: too many messages on one connection
      { reason: 'toomanyconn', phrase: 'mi:ccl' }, // 450: too many commands on one connection
      { reason: 'toomanyconn', phrase: 'rp:drc' }, // 450: too many recipients on one connection
      { reason: 'toomanyconn', phrase: 'rp:ccl' }, // 450: too many commands on one connection
      { reason: 'blocked', phrase: 'dt:rbl' }, // 450: the sending IP is in one or more RBLs
      { reason: 'blocked', phrase: 'wm:bli' }, // 450: the IP is not on NetEase's allowed list
      { reason: 'rejected', phrase: 'wm:blu' }, // 450: the user is not on the allowed sender list
      { reason: 'spamdetected', phrase: 'dt:spm' }, // 451/550: spam-like content or sending environment
      { reason: 'speeding', phrase: 'mi:sfq' }, // 451: the sender exceeded its 15-minute quota
      { reason: 'speeding', phrase: 'rp:qrc' }, // 451: the sender's short-term recipient count is over the limit
      { reason: 'blocked', phrase: 'mi:nhd' }, // 550: empty HELO
      { reason: 'rejected', phrase: 'mi:imf' }, // 550: the sender address is not RFC-compliant
      { reason: 'authfailure', phrase: 'mi:spf' }, // 550: the sending IP is not permitted by SPF
      { reason: 'authfailure', phrase: 'mi:dma' }, // 550: not permitted by the sending domain's DMARC policy
      { reason: 'toomanyconn', phrase: 'mi:stc' }, // 550: the sender's daily connection count is exceeded
      { reason: 'norelaying', phrase: 'rp:frl' }, // 550: no open relay
      { reason: 'toomanyconn', phrase: 'rp:rcl' }, // 550: too many recipients in one message
      { reason: 'toomanyconn', phrase: 'rp:trc' }, // 550: the sender's daily recipient count is exceeded
      { reason: 'userunknown', phrase: 'invalid user' }, // 550 Invalid User
      { reason: 'userunknown', phrase: 'user not found' }, // 550 User not found (NetEase Qiye, Coremail-based)
      { reason: 'filtered', phrase: 'user in blacklist' }, // 550 User in blacklist
      { reason: 'suspend', phrase: 'user suspended' }, // 550 User suspended
      { reason: 'policyviolation', phrase: 'illegal attachment' }, // 552 Illegal Attachment
      { reason: 'mesgtoobig', phrase: 'exceeded mailsize limit' }, // 552 … exceeded mailsize limit
      { reason: 'rejected', phrase: 'null sender is not allowed' }, // 553
      { reason: 'norelaying', phrase: 'local user only' }, // 553 … Local user only
    ],
  },
  {
    // Alibaba Mail (help.aliyun.com doc 36612) and DirectMail codes (facts.md §5.6 [ALI-BOUNCE][ALI-DM-BOUNCE]).
    id: 'alibaba',
    hosts: ['.aliyun.com', 'aliyun.com', '.mxhichina.com', '.alibaba-inc.com', '.aliyun-inc.com', 'mxhichina.com'],
    formats: ['Alibaba'],
    rules: [
      { reason: 'spamdetected', phrase: 'spamed by local spam engine' },
      { reason: 'spamdetected', phrase: 'reject by content spam' },
      { reason: 'rejected', phrase: 'mailfrom account is a local account' },
      { reason: 'userunknown', phrase: "rcptto account isn't a local account" },
      { reason: 'userunknown', phrase: 'invalid rcptto' },
      { reason: 'toomanyconn', phrase: 'the number of rcpt attempts is achieved the maximum threshold' },
      { reason: 'toomanyconn', phrase: 'the total of rcpts is achieved the maximum threshold' },
      { reason: 'toomanyconn', phrase: 'the number of rcpts is over size' },
      { reason: 'mesgtoobig', phrase: 'the length of data content is achieved the maximum threshold' },
      { reason: 'exceedlimit', phrase: 'sending quota exceeded' },
      { reason: 'suspend', phrase: 'main account unavailable' },
      { reason: 'hostunknown', phrase: 'host not found by dns resolve' }, // 524
      { reason: 'hostunknown', phrase: 'no data by dns resolve' }, // 526
      { reason: 'networkerror', phrase: 'dns resolve error' }, // 423
    ],
  },
  {
    // Coremail (论客) servers: run by universities, companies and hosted at *.icoremail.net; a notice a Coremail
    // server writes about its own user names it too. Phrases: Coremail's help pages [ICOREMAIL] and CN-style
    // texts of facts.md §5.7 (origin unclear, so only the unambiguous ones).
    id: 'coremail',
    hosts: ['.icoremail.net', 'icoremail.net', '.coremail.cn', 'coremail.cn'],
    formats: ['Coremail'],
    rules: [
      { reason: 'userunknown', phrase: 'user not found' },
      { reason: 'suspend', phrase: 'user suspended' },
      { reason: 'suspend', phrase: 'user is locked' },
      { reason: 'filtered', phrase: 'user in blacklist' },
      { reason: 'blocked', phrase: 'ip is rejected' },
      { reason: 'blocked', phrase: 'invalid ip' },
      { reason: 'blocked', phrase: 'black ip' },
      { reason: 'blocked', phrase: 'rbl deny' },
      { reason: 'rejected', phrase: 'fake sender' },
      { reason: 'rejected', phrase: 'sender is unvalidated' },
      { reason: 'norelaying', phrase: 'host denies relay' },
      { reason: 'spamdetected', phrase: 'rejected by anti-spam engine' },
      { reason: 'virusdetected', phrase: 'virus found' },
    ],
  },
];

function inRange(status: string, spec: string): boolean {
  const dash = spec.indexOf('-');
  if (dash < 0) return status === spec;
  const low = spec.slice(0, dash).split('.');
  const high = spec.slice(dash + 1).split('.');
  const parts = status.split('.');
  if (parts.length !== 3 || parts[0] !== low[0] || parts[1] !== low[1]) return false;
  const n = Number(parts[2]);
  return n >= Number(low[2]) && n <= Number(high[2]);
}

function hostMatches(host: string, suffixes: readonly string[]): boolean {
  const h = host.toLowerCase();
  return suffixes.some((s) => (s.startsWith('.') ? h.endsWith(s) : h === s || h.endsWith(`.${s}`)));
}

/**
 * The provider of the first host name that belongs to one (the hosts in order of authority: the remote host
 * named in the notice first, the recipient's domain last), if any.
 */
export function findProvider(hosts: readonly string[]): Provider | undefined {
  for (const h of hosts) {
    if (!h) continue;
    const provider = PROVIDERS.find((p) => hostMatches(h, p.hosts));
    if (provider) return provider;
  }
  return undefined;
}

/** The reason a provider's table gives for this record, or '' when no provider or no rule applies. */
export function providerReason(record: DeliveryRecord, text: string, hosts: readonly string[], format = ''): Reason | '' {
  let provider = findProvider(hosts);
  if (!provider && format) provider = PROVIDERS.find((p) => p.formats?.includes(format));
  if (!provider && record.reportingMta) {
    const reporter = findProvider([record.reportingMta]);
    if (reporter?.byReportingMta) provider = reporter;
  }
  if (!provider) return '';
  for (const rule of provider.rules) {
    if (rule.status && !inRange(record.status, rule.status)) continue;
    if (rule.reply && rule.reply !== record.replyCode) continue;
    if (rule.command && rule.command !== record.command) continue;
    if (rule.phrase && !text.includes(rule.phrase)) continue;
    return rule.reason;
  }
  return '';
}
