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
}

export interface Provider {
  id: string;
  /** Host name suffixes (remote MTA or recipient domain). */
  hosts: readonly string[];
  rules: readonly ProviderRule[];
}

export const PROVIDERS: readonly Provider[] = [
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
      { reason: 'userunknown', phrase: 'resolver.adr.exrecipnotfound' },
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
      { reason: 'spamdetected', phrase: 'sc-004' },
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
    id: 'tencent',
    hosts: ['.qq.com', 'qq.com', 'exmail.qq.com', 'foxmail.com', 'vip.qq.com'],
    rules: [
      { reason: 'userunknown', phrase: 'mailbox not found' }, // service.mail.qq.com/detail/122/169
      { reason: 'speeding', phrase: 'mailbox unavailable or access denined' }, // (sic) 122/166
      { reason: 'speeding', phrase: 'ip frequency limited' }, // 122/172
      { reason: 'speeding', phrase: 'domain frequency limited' },
      { reason: 'speeding', phrase: 'sender frequency limited' },
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
    id: 'netease',
    hosts: ['.163.com', '163.com', '126.com', 'yeah.net', '.netease.com', 'qiye.163.com', '.126.com', '188.com', 'vip.163.com'],
    rules: [
      { reason: 'blocked', phrase: 'hl:rep' }, // IP sends to many non-existent recipients
      { reason: 'toomanyconn', phrase: 'hl:icc' },
      { reason: 'speeding', phrase: 'hl:ifc' },
      { reason: 'rejected', phrase: 'hl:mep' },
      { reason: 'blocked', phrase: 'hl:ihu' },
      { reason: 'blocked', phrase: 'hl:ipb' },
      { reason: 'syntaxerror', phrase: 'mi:cel' },
      { reason: 'toomanyconn', phrase: 'mi:dmc' },
      { reason: 'syntaxerror', phrase: 'mi:ccl' },
      { reason: 'toomanyconn', phrase: 'rp:drc' },
      { reason: 'blocked', phrase: 'dt:rbl' },
      { reason: 'blocked', phrase: 'wm:bli' },
      { reason: 'rejected', phrase: 'wm:blu' },
      { reason: 'spamdetected', phrase: 'dt:spm' },
      { reason: 'speeding', phrase: 'mi:sfq' },
      { reason: 'speeding', phrase: 'rp:qrc' },
      { reason: 'blocked', phrase: 'mi:nhd' },
      { reason: 'notcompliantrfc', phrase: 'mi:imf' },
      { reason: 'authfailure', phrase: 'mi:spf' },
      { reason: 'authfailure', phrase: 'mi:dma' },
      { reason: 'speeding', phrase: 'mi:stc' },
      { reason: 'norelaying', phrase: 'rp:frl' },
      { reason: 'toomanyconn', phrase: 'rp:rcl' },
      { reason: 'exceedlimit', phrase: 'rp:trc' },
      { reason: 'userunknown', phrase: 'invalid user' },
      { reason: 'filtered', phrase: 'user in blacklist' },
      { reason: 'suspend', phrase: 'user suspended' },
      { reason: 'policyviolation', phrase: 'illegal attachment' },
      { reason: 'mesgtoobig', phrase: 'exceeded mailsize limit' },
    ],
  },
  {
    id: 'alibaba',
    hosts: ['.aliyun.com', 'aliyun.com', '.mxhichina.com', '.alibaba-inc.com', '.aliyun-inc.com', 'mxhichina.com'],
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

/** The provider whose host list matches any of the given host names, if any. */
export function findProvider(hosts: readonly string[]): Provider | undefined {
  for (const provider of PROVIDERS) if (hosts.some((h) => h && hostMatches(h, provider.hosts))) return provider;
  return undefined;
}

/** The reason a provider's table gives for this record, or '' when no provider or no rule applies. */
export function providerReason(record: DeliveryRecord, text: string, hosts: readonly string[]): Reason | '' {
  const provider = findProvider(hosts);
  if (!provider) return '';
  for (const rule of provider.rules) {
    if (rule.status && !inRange(record.status, rule.status)) continue;
    if (rule.reply && rule.reply !== record.replyCode) continue;
    if (rule.phrase && !text.includes(rule.phrase)) continue;
    return rule.reason;
  }
  return '';
}
