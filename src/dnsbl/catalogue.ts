// The DNS blacklists mailcheck knows, as data. Facts come from ../shared/reference/facts.md §1
// (operators' docs, rspamd/SpamAssassin/mailcow configs); where a source was unsure the entry says so.
// A dead list stays here with enabled:false and the reason, because a dead zone can start answering
// "listed" for every address and stale configs keep querying it.

/** What a list is queried with: reversed IPv4 octets, reversed IPv6 nibbles, or a domain name. */
export type ListKind = 'ip4' | 'ip6' | 'domain';

/** An answer that is the operator refusing or failing the query, never a listing. */
export interface ErrorCode {
  /** Catalogue id of what the answer means (`dnsbl` section of src/messages). */
  meaning: string;
  /** Catalogue id of what the user should do about it. */
  advice: string;
}

export interface DnsblList {
  name: string;
  /** The zone queries are appended to, lower case, no trailing dot. */
  zone: string;
  /** Which queries the zone answers; a list serving IPv4 and IPv6 lists both. */
  kinds: readonly ListKind[];
  /** Exact answers and what they mean (a listing), as catalogue ids (src/messages `dnsbl`). Unlisted answers in 127/8 still count as listed, meaning unknown. */
  codes?: Readonly<Record<string, string>>;
  /** Lists that encode several sublists as bits of the last octet of 127.0.0.X (SURBL, URIBL). */
  bits?: Readonly<Record<number, string>>;
  /** Answers that mean "not listed" (allow/neutral classes of a mixed list such as Hostkarma). */
  clearCodes?: Readonly<Record<string, string>>;
  /** Answers that are errors or refusals (in addition to 127.255.255.0/24, which is one for every list). */
  errorCodes?: Readonly<Record<string, ErrorCode>>;
  /** Domain lists: query the registrable domain (default) or the full host name. */
  domainQuery?: 'registrable' | 'host';
  /** A listing here gets mail blocked at large receivers (exit 1, error finding). */
  major: boolean;
  /** Usage terms, in one line. */
  policy: string;
  /** Where to look up and request removal; null when the operator offers none. */
  delist: string | null;
  /** Queried by default. */
  enabled: boolean;
  /** Why a list is not queried by default. */
  disabledReason?: string;
}

// ---------------------------------------------------------------------------------------------
// Shared error answers

const SPAMHAUS_DELIST = 'https://check.spamhaus.org/';
const SPAMHAUS_POLICY = 'free for non-commercial use under 100,000 SMTP connections and 300,000 queries a day through your own resolver; otherwise a DQS key';
const SPAMHAUS_ADVICE = 'query-through-your-own-recursive-resolver';

const SPAMHAUS_ERRORS: Readonly<Record<string, ErrorCode>> = {
  '127.255.255.252': { meaning: 'typo-in-the-list-name-spamhaus', advice: 'check-the-zone-name' },
  '127.255.255.254': { meaning: 'query-refused-it-came-through-a', advice: SPAMHAUS_ADVICE },
  '127.255.255.255': { meaning: 'query-refused-excessive-query-volume-from', advice: SPAMHAUS_ADVICE },
};

/** Answer for 127.255.255.0/24 on any list: operators use the range for refusals (Spamhaus, Validity). */
export const GENERIC_REFUSAL: ErrorCode = {
  meaning: 'query-refused-by-the-list-operator',
  advice: 'query-through-your-own-recursive-resolver-2',
};

const URIBL_REFUSED: ErrorCode = {
  meaning: 'query-refused-the-resolver-is-blocked',
  advice: 'query-through-your-own-recursive-resolver-3',
};

const SURBL_BLOCKED: ErrorCode = {
  meaning: 'query-blocked-the-resolver-is-a',
  advice: 'query-through-your-own-recursive-resolver-4',
};

const SPAMHAUS_DBL_CODES: Readonly<Record<string, string>> = {
  '127.0.1.2': 'spam-domain-low-reputation',
  '127.0.1.4': 'phishing-domain',
  '127.0.1.5': 'malware-domain',
  '127.0.1.6': 'botnet-command-and-control-domain',
  '127.0.1.102': 'abused-legitimate-domain-spam',
  '127.0.1.103': 'abused-legitimate-redirector-or-url-shortener',
  '127.0.1.104': 'abused-legitimate-domain-phishing',
  '127.0.1.105': 'abused-legitimate-domain-malware',
  '127.0.1.106': 'abused-legitimate-domain-botnet-c-c',
};

const SPAMRATS_POLICY = 'free under the SpamRATS terms; a keyed zone exists for resolvers it cannot attribute';
const SEM_POLICY = 'free for low volume; see spameatingmonkey.com for terms';
const ZERO_SPAM_POLICY = 'free, donation-funded';
const VIRUSFREE_POLICY = 'free (VirusFree.cz, Excello)';
const UCEPROTECT_POLICY = 'free; listings expire on their own, paid express delisting exists';

export const CATALOGUE: readonly DnsblList[] = [
  // --- Spamhaus ------------------------------------------------------------------------------
  {
    name: 'Spamhaus ZEN', zone: 'zen.spamhaus.org', kinds: ['ip4', 'ip6'], major: true, enabled: true,
    codes: {
      '127.0.0.2': 'sbl-direct-spam-source-or-spam',
      '127.0.0.3': 'sbl-css-low-reputation-sending-ip',
      '127.0.0.4': 'xbl-exploited-or-infected-host-cbl',
      '127.0.0.5': 'xbl-code-unused-according-to-current',
      '127.0.0.6': 'xbl-code-unused-according-to-current',
      '127.0.0.7': 'xbl-code-unused-according-to-current',
      '127.0.0.9': 'drop-hijacked-or-criminal-netblock-always',
      '127.0.0.10': 'pbl-isp-maintained-end-user-range',
      '127.0.0.11': 'pbl-spamhaus-maintained-end-user-range',
      '127.0.0.30': 'bcl-botnet-controller',
    },
    errorCodes: SPAMHAUS_ERRORS, policy: SPAMHAUS_POLICY, delist: SPAMHAUS_DELIST,
  },
  {
    name: 'Spamhaus DBL', zone: 'dbl.spamhaus.org', kinds: ['domain'], major: true, enabled: true,
    codes: SPAMHAUS_DBL_CODES,
    errorCodes: {
      ...SPAMHAUS_ERRORS,
      '127.0.1.255': { meaning: 'error-an-ip-address-was-queried', advice: 'query-domain-names-only' },
    },
    policy: SPAMHAUS_POLICY, delist: SPAMHAUS_DELIST,
  },
  {
    name: 'Spamhaus SBL', zone: 'sbl.spamhaus.org', kinds: ['ip4', 'ip6'], major: true, enabled: false,
    disabledReason: 'included in Spamhaus ZEN, which is queried by default',
    codes: { '127.0.0.2': 'sbl-direct-spam-source-or-spam', '127.0.0.3': 'sbl-css-low-reputation-sending-ip-2', '127.0.0.9': 'drop-hijacked-or-criminal-netblock', '127.0.0.30': 'bcl-botnet-controller' },
    errorCodes: SPAMHAUS_ERRORS, policy: SPAMHAUS_POLICY, delist: SPAMHAUS_DELIST,
  },
  {
    name: 'Spamhaus XBL', zone: 'xbl.spamhaus.org', kinds: ['ip4', 'ip6'], major: true, enabled: false,
    disabledReason: 'included in Spamhaus ZEN, which is queried by default',
    codes: { '127.0.0.4': 'xbl-exploited-or-infected-host-cbl' },
    errorCodes: SPAMHAUS_ERRORS, policy: SPAMHAUS_POLICY, delist: SPAMHAUS_DELIST,
  },
  {
    name: 'Spamhaus PBL', zone: 'pbl.spamhaus.org', kinds: ['ip4', 'ip6'], major: true, enabled: false,
    disabledReason: 'included in Spamhaus ZEN, which is queried by default',
    codes: { '127.0.0.10': 'pbl-isp-maintained-end-user-range-2', '127.0.0.11': 'pbl-spamhaus-maintained-end-user-range-2' },
    errorCodes: SPAMHAUS_ERRORS, policy: SPAMHAUS_POLICY, delist: SPAMHAUS_DELIST,
  },
  {
    name: 'Spamhaus SBL-XBL', zone: 'sbl-xbl.spamhaus.org', kinds: ['ip4', 'ip6'], major: true, enabled: false,
    disabledReason: 'included in Spamhaus ZEN, which is queried by default',
    errorCodes: SPAMHAUS_ERRORS, policy: SPAMHAUS_POLICY, delist: SPAMHAUS_DELIST,
  },
  {
    name: 'Spamhaus DWL/SWL', zone: 'swl.spamhaus.org', kinds: ['ip4', 'ip6'], major: false, enabled: false,
    disabledReason: 'allow list, no longer supported by Spamhaus since 2018-12-12',
    policy: 'discontinued', delist: null,
  },

  // --- Other major lists ---------------------------------------------------------------------
  {
    name: 'SpamCop', zone: 'bl.spamcop.net', kinds: ['ip4'], major: true, enabled: true,
    codes: { '127.0.0.2': 'reported-as-a-spam-source-by' },
    policy: 'free; aggressive, SpamCop itself recommends tagging rather than blocking',
    delist: 'https://www.spamcop.net/bl.shtml',
  },
  {
    name: 'Barracuda BRBL', zone: 'b.barracudacentral.org', kinds: ['ip4'], major: true, enabled: true,
    codes: { '127.0.0.2': 'poor-reputation-at-barracuda-networks-spam' },
    policy: 'free, but the querying DNS server must be registered with Barracuda first',
    delist: 'https://www.barracudacentral.org/rbl/removal-request',
  },

  // --- UCEPROTECT network --------------------------------------------------------------------
  {
    name: 'UCEPROTECT Level 1', zone: 'dnsbl-1.uceprotect.net', kinds: ['ip4'], major: false, enabled: true,
    codes: { '127.0.0.2': 'this-ip-sent-to-uceprotect-spam' },
    policy: `${UCEPROTECT_POLICY}; L1 expires 7 days after the last abuse`,
    delist: 'https://www.uceprotect.net/en/rblcheck.php',
  },
  {
    name: 'UCEPROTECT Level 2', zone: 'dnsbl-2.uceprotect.net', kinds: ['ip4'], major: false, enabled: true,
    codes: { '127.0.0.2': 'the-allocation-around-this-ip-holds' },
    policy: 'escalation of Level 1 to whole allocations; clears when the provider cleans up',
    delist: 'https://www.uceprotect.net/en/rblcheck.php',
  },
  {
    name: 'UCEPROTECT Level 3', zone: 'dnsbl-3.uceprotect.net', kinds: ['ip4'], major: false, enabled: true,
    codes: { '127.0.0.2': 'the-whole-network-asn-of-this' },
    policy: 'whole ASNs; most receivers use it as a reference only; clears when the provider cleans up',
    delist: 'https://www.uceprotect.net/en/rblcheck.php',
  },
  {
    name: 'Backscatterer', zone: 'ips.backscatterer.org', kinds: ['ip4'], major: false, enabled: true,
    codes: { '127.0.0.2': 'sends-misdirected-bounces-auto-replies-or' },
    policy: 'free; expires about four weeks after the last backscatter, paid express removal exists',
    delist: 'https://www.backscatterer.org/',
  },

  // --- Mailspike -----------------------------------------------------------------------------
  {
    name: 'Mailspike BL', zone: 'bl.mailspike.net', kinds: ['ip4'], major: false, enabled: true,
    codes: {
      '127.0.0.2': 'part-of-a-live-distributed-spam',
      '127.0.0.10': 'worst-reputation',
      '127.0.0.11': 'very-bad-reputation',
      '127.0.0.12': 'bad-reputation',
    },
    policy: 'free under 100,000 messages and 100,000 queries a day; rsync above that',
    delist: 'https://mailspike.io/ip_verify',
  },
  {
    name: 'Mailspike Z', zone: 'z.mailspike.net', kinds: ['ip4'], major: false, enabled: true,
    codes: { '127.0.0.2': 'part-of-a-live-distributed-spam' },
    policy: 'free under 100,000 messages and 100,000 queries a day; rsync above that',
    delist: 'https://mailspike.io/ip_verify',
  },

  // --- SpamRATS ------------------------------------------------------------------------------
  {
    name: 'SpamRATS Dyna', zone: 'dyna.spamrats.com', kinds: ['ip4'], major: false, enabled: true,
    codes: { '127.0.0.36': 'dynamic-looking-ip-with-a-generic' },
    policy: SPAMRATS_POLICY, delist: 'https://www.spamrats.com/removal.php',
  },
  {
    name: 'SpamRATS NoPtr', zone: 'noptr.spamrats.com', kinds: ['ip4'], major: false, enabled: true,
    codes: { '127.0.0.37': 'no-reverse-dns-ptr-for-this' },
    policy: SPAMRATS_POLICY, delist: 'https://www.spamrats.com/removal.php',
  },
  {
    name: 'SpamRATS Spam', zone: 'spam.spamrats.com', kinds: ['ip4'], major: false, enabled: true,
    codes: { '127.0.0.38': 'sent-spam-to-spamrats-traps' },
    policy: SPAMRATS_POLICY, delist: 'https://www.spamrats.com/removal.php',
  },
  {
    name: 'SpamRATS Auth', zone: 'auth.spamrats.com', kinds: ['ip4'], major: false, enabled: true,
    codes: { '127.0.0.43': 'brute-force-attacks-on-mail-authentication' },
    policy: SPAMRATS_POLICY, delist: 'https://www.spamrats.com/removal.php',
  },
  {
    name: 'SpamRATS All', zone: 'all.spamrats.com', kinds: ['ip4'], major: false, enabled: false,
    disabledReason: 'the union of the four SpamRATS lists, which are queried separately',
    codes: { '127.0.0.36': 'dyna-generic-reverse-dns', '127.0.0.37': 'noptr-no-reverse-dns', '127.0.0.38': 'spam-sent-to-traps', '127.0.0.43': 'auth-brute-force-attacks' },
    policy: SPAMRATS_POLICY, delist: 'https://www.spamrats.com/removal.php',
  },

  // --- Spam Eating Monkey --------------------------------------------------------------------
  {
    name: 'SEM Black', zone: 'bl.spameatingmonkey.net', kinds: ['ip4'], major: false, enabled: true,
    codes: { '127.0.0.2': 'sent-spam-to-spam-eating-monkey' },
    policy: SEM_POLICY, delist: 'https://spameatingmonkey.com/services/SEM-BLACK',
  },
  {
    name: 'SEM IPv6', zone: 'bl.ipv6.spameatingmonkey.net', kinds: ['ip6'], major: false, enabled: true,
    codes: { '127.0.0.2': 'sent-spam-to-spam-eating-monkey' },
    policy: SEM_POLICY, delist: 'https://spameatingmonkey.com/services/SEM-IPV6BL',
  },
  {
    name: 'SEM Backscatter', zone: 'backscatter.spameatingmonkey.net', kinds: ['ip4'], major: false, enabled: true,
    codes: { '127.0.0.2': 'sent-null-sender-mail-bounces-to' },
    policy: SEM_POLICY, delist: 'https://spameatingmonkey.com/services/SEM-BACKSCATTER',
  },
  {
    name: 'SEM NetBlack', zone: 'netbl.spameatingmonkey.net', kinds: ['ip4'], major: false, enabled: true,
    codes: { '127.0.0.2': 'network-with-a-high-share-of' },
    policy: SEM_POLICY, delist: 'https://spameatingmonkey.com/services/SEM-NETBLACK',
  },
  {
    name: 'SEM URI', zone: 'uribl.spameatingmonkey.net', kinds: ['domain'], major: false, enabled: true,
    bits: { 2: 'domain-seen-in-spam' },
    policy: SEM_POLICY, delist: 'https://spameatingmonkey.com/services/SEM-URI',
  },
  {
    name: 'SEM URIRed', zone: 'urired.spameatingmonkey.net', kinds: ['domain'], major: false, enabled: true,
    bits: { 2: 'domain-seen-in-spam-red-lower' },
    policy: SEM_POLICY, delist: 'https://spameatingmonkey.com/services/SEM-URIRED',
  },
  {
    name: 'SEM Fresh15', zone: 'fresh15.spameatingmonkey.net', kinds: ['domain'], major: false, enabled: true,
    bits: { 2: 'domain-registered-in-the-last-15' },
    policy: SEM_POLICY, delist: null,
  },

  // --- URI / domain lists --------------------------------------------------------------------
  {
    name: 'SURBL multi', zone: 'multi.surbl.org', kinds: ['domain'], major: true, enabled: true,
    bits: {
      4: 'dm-legacy-sublist-no-longer-documented',
      8: 'ph-phishing',
      16: 'mw-malware',
      32: 'ct-legacy-sublist-no-longer-documented',
      64: 'abuse-spam-and-other-abuse',
      128: 'cr-cracked-compromised-site',
    },
    errorCodes: { '127.0.0.1': SURBL_BLOCKED },
    policy: 'free for small sites through their own resolver; rsync or RPZ feed for professional use',
    delist: 'https://www.surbl.org/surbl-analysis',
  },
  {
    name: 'URIBL multi', zone: 'multi.uribl.com', kinds: ['domain'], major: true, enabled: true,
    bits: { 2: 'black-domain-seen-in-spam', 4: 'grey-domain-of-a-bulk-sender', 8: 'red-domain-seen-in-spam-monitored' },
    errorCodes: { '127.0.0.1': URIBL_REFUSED },
    policy: 'free for low volume through your own resolver; public and large ISP resolvers are refused',
    delist: 'https://admin.uribl.com/',
  },

  // --- Other IP lists ------------------------------------------------------------------------
  {
    name: 'PSBL', zone: 'psbl.surriel.com', kinds: ['ip4'], major: false, enabled: true,
    codes: { '127.0.0.2': 'sent-mail-to-psbl-spam-traps' },
    policy: 'free for anybody; rsync mirror available',
    delist: 'https://psbl.org/remove',
  },
  {
    name: 'S5H', zone: 'all.s5h.net', kinds: ['ip4', 'ip6'], major: false, enabled: true,
    codes: { '127.0.0.2': 'sent-mail-to-s5h-spam-traps' },
    policy: 'free',
    delist: 'https://www.usenix.org.uk/content/rbl.html',
  },
  {
    name: 'DroneBL', zone: 'dnsbl.dronebl.org', kinds: ['ip4', 'ip6'], major: false, enabled: true,
    codes: {
      '127.0.0.3': 'irc-drone',
      '127.0.0.5': 'ddos-drone',
      '127.0.0.6': 'web-exploitation-scanner-or-exploited-host',
      '127.0.0.8': 'open-socks-proxy',
      '127.0.0.9': 'open-http-proxy',
      '127.0.0.10': 'compromised-router-or-gateway',
      '127.0.0.11': 'spam-drone',
      '127.0.0.13': 'brute-force-attacker',
      '127.0.0.14': 'open-dns-resolver',
      '127.0.0.16': 'ddos-participant',
    },
    policy: 'free for commercial and non-commercial use',
    delist: 'https://dronebl.org/lookup',
  },
  {
    name: 'blocklist.de', zone: 'bl.blocklist.de', kinds: ['ip4'], major: false, enabled: true,
    policy: 'free; fail2ban-style attack reports (SSH, mail, web brute force)',
    delist: 'https://www.blocklist.de/en/rbldns.html',
  },
  {
    name: 'Hostkarma', zone: 'hostkarma.junkemailfilter.com', kinds: ['ip4'], major: false, enabled: true,
    codes: { '127.0.0.2': 'black-spam-source', '127.0.0.4': 'brown-spam-not-yet-black' },
    clearCodes: { '127.0.0.1': 'white-known-good-sender', '127.0.0.3': 'yellow-mixed-good-and-bad-mail', '127.0.0.5': 'nobl-not-to-be-blacklisted' },
    policy: 'free',
    delist: 'https://wiki.junkemailfilter.com/index.php/Spam_DNS_Lists',
  },
  {
    name: 'LashBack UBL', zone: 'ubl.unsubscore.com', kinds: ['ip4'], major: false, enabled: true,
    codes: { '127.0.0.2': 'mailed-addresses-harvested-from-unsubscribe-suppression' },
    policy: 'free for commercial and non-commercial use; updated hourly',
    delist: 'https://blacklist.lashback.com/',
  },
  {
    name: '0spam', zone: 'bl.0spam.org', kinds: ['ip4'], major: false, enabled: true,
    policy: ZERO_SPAM_POLICY, delist: 'https://0spam.org/',
  },
  {
    name: '0spam network', zone: 'nbl.0spam.org', kinds: ['ip4'], major: false, enabled: true,
    policy: `${ZERO_SPAM_POLICY}; lists /24 networks`, delist: 'https://0spam.org/',
  },
  {
    name: '0spam RBL', zone: 'rbl.0spam.org', kinds: ['ip4'], major: false, enabled: true,
    policy: ZERO_SPAM_POLICY, delist: 'https://0spam.org/',
  },
  {
    name: '0spam DBL', zone: 'dbl.0spam.org', kinds: ['domain'], major: false, enabled: true,
    policy: ZERO_SPAM_POLICY, delist: 'https://0spam.org/',
  },
  {
    name: 'VirusFree BIP', zone: 'bip.virusfree.cz', kinds: ['ip4', 'ip6'], major: false, enabled: true,
    codes: { '127.0.0.2': 'botnet-member-sent-viruses-or-spam' },
    policy: VIRUSFREE_POLICY, delist: 'https://www.virusfree.cz/',
  },
  {
    name: 'VirusFree BAD', zone: 'bad.virusfree.cz', kinds: ['ip4', 'ip6'], major: false, enabled: true,
    policy: VIRUSFREE_POLICY, delist: 'https://www.virusfree.cz/',
  },
  {
    name: 'InterServer (Mail Baby)', zone: 'rbl.interserver.net', kinds: ['ip4'], major: false, enabled: true,
    policy: 'see rbl.interserver.net/usage.php', delist: 'https://rbl.interserver.net/',
  },
  {
    name: 'SWINOG spamrbl (ImproWare)', zone: 'spamrbl.swinog.ch', kinds: ['ip4'], major: false, enabled: true,
    codes: { '127.0.0.5': 'spam-source' },
    policy: 'free', delist: 'https://antispam.imp.ch/',
  },
  {
    name: 'SWINOG dnsrbl (ImproWare)', zone: 'dnsrbl.swinog.ch', kinds: ['ip4'], major: false, enabled: true,
    policy: 'free', delist: 'https://antispam.imp.ch/',
  },
  {
    name: 'SWINOG URIBL (ImproWare)', zone: 'uribl.swinog.ch', kinds: ['domain'], major: false, enabled: true,
    policy: 'free', delist: 'https://antispam.imp.ch/',
  },
  {
    name: 'NordSpam', zone: 'bl.nordspam.com', kinds: ['ip4', 'ip6'], major: false, enabled: true,
    policy: 'free', delist: 'https://www.nordspam.com/',
  },
  {
    name: 'NordSpam DBL', zone: 'dbl.nordspam.com', kinds: ['domain'], major: false, enabled: true,
    policy: 'free', delist: 'https://www.nordspam.com/',
  },
  {
    name: 'SuomiSpam', zone: 'bl.suomispam.net', kinds: ['ip4'], major: false, enabled: true,
    policy: 'free', delist: 'https://suomispam.net/',
  },
  {
    name: 'SuomiSpam DBL', zone: 'dbl.suomispam.net', kinds: ['domain'], major: false, enabled: true,
    policy: 'free', delist: 'https://suomispam.net/',
  },
  {
    name: 'Hetzner RBL', zone: 'rbl.your-server.de', kinds: ['ip4'], major: false, enabled: true,
    policy: 'operated by Hetzner Online', delist: 'https://rbl.your-server.de/',
  },
  {
    name: 'IONOS relays', zone: 'relays.bl.kundenserver.de', kinds: ['ip4'], major: false, enabled: true,
    policy: 'operated by IONOS', delist: null,
  },
  {
    name: 'SPFBL', zone: 'dnsbl.spfbl.net', kinds: ['ip4', 'ip6', 'domain'], major: false, enabled: true,
    policy: 'free', delist: 'https://spfbl.net/en/',
  },
  {
    name: 'ZapBL', zone: 'dnsbl.zapbl.net', kinds: ['ip4'], major: false, enabled: true,
    policy: 'free', delist: 'https://zapbl.net/',
  },
  {
    name: 'ZapBL RHSBL', zone: 'rhsbl.zapbl.net', kinds: ['domain'], major: false, enabled: true,
    policy: 'free', delist: 'https://zapbl.net/',
  },
  {
    name: 'FMB', zone: 'bl.fmb.la', kinds: ['ip4'], major: false, enabled: true,
    codes: {
      '127.0.0.2': 'blocked-spam-source',
      '127.0.1.2': 'level-2-listing',
      '127.0.2.2': 'level-3-listing',
      '127.0.1.24': 'spammy-24-network',
      '127.0.1.25': 'spammy-25-network',
      '127.0.1.26': 'spammy-26-network',
      '127.0.1.27': 'spammy-27-network',
      '127.0.1.28': 'spammy-28-network',
    },
    policy: 'free', delist: 'https://fmb.la/pages/about#returncodes',
  },
  {
    name: 'abuse.ro RBL', zone: 'rbl.abuse.ro', kinds: ['ip4'], major: false, enabled: true,
    codes: { '127.0.0.2': 'spam-source', '127.0.0.3': 'abused-or-infected-host', '127.0.0.4': 'spam-sending-network-class' },
    policy: 'free', delist: 'https://abuse.ro/',
  },
  {
    name: 'abuse.ro PBL', zone: 'pbl.abuse.ro', kinds: ['ip4'], major: false, enabled: true,
    codes: { '127.0.0.9': 'residential-dynamic-range-that-should-not' },
    policy: 'free', delist: 'https://abuse.ro/',
  },
  {
    name: 'abuse.ro URIBL', zone: 'uribl.abuse.ro', kinds: ['domain'], major: false, enabled: true,
    codes: { '127.0.0.2': 'heavily-spamvertised-domain', '127.0.0.4': 'spamvertised-domain', '127.0.0.9': 'dynamic-dns-domain' },
    policy: 'free', delist: 'https://abuse.ro/',
  },
  {
    name: 'abuse.ro DBL', zone: 'dbl.abuse.ro', kinds: ['domain'], major: false, enabled: true,
    policy: 'free', delist: 'https://abuse.ro/',
  },
  {
    name: 'DNSBL Chile', zone: 'dnsblchile.org', kinds: ['ip4'], major: false, enabled: true,
    codes: {
      '127.0.0.10': 'dynamic-range-chile',
      '127.0.0.11': 'dynamic-range-outside-chile',
      '127.0.0.12': 'snowshoe-spam',
      '127.0.0.13': 'static-spam-source-chile',
      '127.0.0.14': 'static-spam-source-outside-chile',
    },
    policy: 'free', delist: 'https://www.dnsblchile.org/',
  },

  // --- Gated, keyed, allow lists or off-topic: known, not queried by default -----------------
  {
    name: 'Validity SenderScore RPBL', zone: 'bl.score.senderscore.com', kinds: ['ip4'], major: false, enabled: false,
    disabledReason: 'gated: resolvers not registered with a MyValidity account always get 127.255.255.255',
    errorCodes: { '127.255.255.255': { meaning: 'query-blocked-this-resolver-is-not', advice: 'register-the-resolver-with-a-myvalidity' } },
    policy: 'requires a registered MyValidity account', delist: 'https://senderscore.org/blocklistlookup/',
  },
  {
    name: 'Abusix Mail Intelligence', zone: 'combined.mail.abusix.zone', kinds: ['ip4', 'ip6'], major: false, enabled: false,
    disabledReason: 'needs a key: query <key>.combined.mail.abusix.zone with --list; unkeyed queries are refused',
    policy: 'key required; free tier under about 5,000 queries a day', delist: 'https://lookup.abusix.com/',
  },
  {
    name: 'Spamhaus ZEN (DQS)', zone: 'zen.dq.spamhaus.net', kinds: ['ip4', 'ip6'], major: true, enabled: false,
    disabledReason: 'needs a DQS key: add --list <key>.zen.dq.spamhaus.net',
    errorCodes: SPAMHAUS_ERRORS, policy: 'DQS customer key', delist: SPAMHAUS_DELIST,
  },
  {
    name: 'dnswl.org', zone: 'list.dnswl.org', kinds: ['ip4', 'ip6'], major: false, enabled: false,
    disabledReason: 'an allow list: an entry is good news, not a listing',
    errorCodes: { '127.0.0.255': { meaning: 'query-blocked-over-the-free-use', advice: 'use-your-own-resolver-or-a' } },
    policy: 'free for low volume', delist: null,
  },
  {
    name: 'Mailspike reputation', zone: 'rep.mailspike.net', kinds: ['ip4'], major: false, enabled: false,
    disabledReason: 'a reputation scale (bad to excellent), not a block list; bl.mailspike.net carries its bad grades',
    policy: 'free under 100,000 queries a day', delist: null,
  },
  {
    name: 'GBUdb Truncate', zone: 'truncate.gbudb.net', kinds: ['ip4'], major: false, enabled: false,
    disabledReason: 'liveness disputed: reported discontinued by some sources and active by others',
    codes: { '127.0.0.2': 'truncated-almost-only-spam-seen-from' },
    policy: 'fully automated', delist: null,
  },
  {
    name: 'dan.me.uk Tor', zone: 'tor.dan.me.uk', kinds: ['ip4', 'ip6'], major: false, enabled: false,
    disabledReason: 'lists Tor nodes, not spam sources',
    policy: 'free', delist: null,
  },
  {
    name: 'dan.me.uk Tor exits', zone: 'torexit.dan.me.uk', kinds: ['ip4', 'ip6'], major: false, enabled: false,
    disabledReason: 'lists Tor exit nodes, not spam sources',
    policy: 'free', delist: null,
  },
  {
    name: 'EFnet RBL', zone: 'rbl.efnetrbl.org', kinds: ['ip4'], major: false, enabled: false,
    disabledReason: 'IRC-oriented, and uses 127.0.0.1 as a listing code (RFC 5782 says it must not be listed)',
    codes: { '127.0.0.1': 'open-proxy', '127.0.0.2': 'spamtrap666', '127.0.0.3': 'spamtrap50', '127.0.0.4': 'tor', '127.0.0.5': 'drone-or-flooding' },
    policy: 'IRC networks', delist: 'https://rbl.efnetrbl.org/',
  },
  {
    name: 'abuse.ch spam', zone: 'spam.abuse.ch', kinds: ['ip4'], major: false, enabled: false,
    disabledReason: 'status uncertain (attributed to Spamhaus fair use; dropped by rspamd in 2019)',
    policy: 'fair use under the Spamhaus terms', delist: null,
  },
  {
    name: 'abuse.ch combined', zone: 'combined.abuse.ch', kinds: ['ip4'], major: false, enabled: false,
    disabledReason: 'status uncertain (attributed to Spamhaus fair use; dropped by rspamd in 2019)',
    policy: 'fair use under the Spamhaus terms', delist: null,
  },
  ...[
    'spam.dnsbl.anonmails.de', 'dnsbl.darklist.de', 'singular.ttk.pte.hu', 'spamsources.fabel.dk', 'korea.services.net',
    'blacklist.woody.ch', 'dnsbl.justspam.org', 'dnsbl.kempt.net', 'work.drbl.gremlin.ru', 'rbl.fasthosts.co.uk',
    'rbl.polspam.pl', 'rbl.zenon.net', 'ip4.bl.zenrbl.pl', 'krn.korumail.com', 'virus.rbl.jp',
  ].map((zone): DnsblList => ({
    name: zone, zone, kinds: ['ip4'], major: false, enabled: false,
    disabledReason: 'small list whose liveness could not be verified; add it with --list',
    policy: 'unknown', delist: null,
  })),

  // --- Dead: never queried by default --------------------------------------------------------
  ...[
    'dnsbl.sorbs.net', 'spam.dnsbl.sorbs.net', 'dul.dnsbl.sorbs.net', 'new.spam.dnsbl.sorbs.net', 'recent.spam.dnsbl.sorbs.net',
    'http.dnsbl.sorbs.net', 'socks.dnsbl.sorbs.net', 'misc.dnsbl.sorbs.net', 'smtp.dnsbl.sorbs.net', 'web.dnsbl.sorbs.net',
    'zombie.dnsbl.sorbs.net', 'block.dnsbl.sorbs.net', 'escalations.dnsbl.sorbs.net', 'noserver.dnsbl.sorbs.net',
  ].map((zone): DnsblList => ({
    name: `SORBS (${zone})`, zone, kinds: ['ip4'], major: false, enabled: false,
    disabledReason: 'dead: Proofpoint decommissioned SORBS on 5 June 2024',
    policy: 'discontinued', delist: null,
  })),
  { name: 'SORBS RHSBL', zone: 'rhsbl.sorbs.net', kinds: ['domain'], major: false, enabled: false, disabledReason: 'dead: Proofpoint decommissioned SORBS on 5 June 2024', policy: 'discontinued', delist: null },
  { name: 'SORBS ASPEWS', zone: 'aspews.ext.sorbs.net', kinds: ['ip4'], major: false, enabled: false, disabledReason: 'dead: Proofpoint decommissioned SORBS on 5 June 2024', policy: 'discontinued', delist: null },
  { name: 'NiX Spam', zone: 'ix.dnsbl.manitu.net', kinds: ['ip4', 'ip6'], major: false, enabled: false, disabledReason: 'dead: shut down on 16 January 2025', policy: 'discontinued', delist: null },
  { name: 'WPBL', zone: 'db.wpbl.info', kinds: ['ip4'], major: false, enabled: false, disabledReason: 'dead: emptied November 2023, shut down 2024; its name servers now point at TEST-NET addresses', policy: 'discontinued', delist: null },
  { name: 'AHBL', zone: 'dnsbl.ahbl.org', kinds: ['ip4'], major: false, enabled: false, disabledReason: 'dead: terminated in 2015', policy: 'discontinued', delist: null },
  { name: 'AHBL Tor', zone: 'tor.ahbl.org', kinds: ['ip4'], major: false, enabled: false, disabledReason: 'dead: terminated in 2015', policy: 'discontinued', delist: null },
  { name: 'AHBL RHSBL', zone: 'rhsbl.ahbl.org', kinds: ['domain'], major: false, enabled: false, disabledReason: 'dead: terminated in 2015', policy: 'discontinued', delist: null },
  { name: 'NJABL', zone: 'dnsbl.njabl.org', kinds: ['ip4'], major: false, enabled: false, disabledReason: 'dead: no longer works', policy: 'discontinued', delist: null },
  { name: 'SpamCannibal', zone: 'bl.spamcannibal.org', kinds: ['ip4'], major: false, enabled: false, disabledReason: 'dead: the domain is parked', policy: 'discontinued', delist: null },
  { name: 'Sectoor Tor', zone: 'tor.dnsbl.sectoor.de', kinds: ['ip4'], major: false, enabled: false, disabledReason: 'dead: the domain is parked', policy: 'discontinued', delist: null },
  { name: 'Sectoor Tor servers', zone: 'torserver.tor.dnsbl.sectoor.de', kinds: ['ip4'], major: false, enabled: false, disabledReason: 'dead: the domain is parked', policy: 'discontinued', delist: null },
  { name: 'EmailBasura', zone: 'bl.emailbasura.org', kinds: ['ip4'], major: false, enabled: false, disabledReason: 'dead', policy: 'discontinued', delist: null },
  { name: 'Rothen dynip', zone: 'dynip.rothen.com', kinds: ['ip4'], major: false, enabled: false, disabledReason: 'dead', policy: 'discontinued', delist: null },
  { name: 'CASA CDL', zone: 'cdl.anti-spam.org.cn', kinds: ['ip4'], major: false, enabled: false, disabledReason: 'inactive', policy: 'discontinued', delist: null },
  { name: 'BIT VirBL', zone: 'virbl.dnsbl.bit.nl', kinds: ['ip4'], major: false, enabled: false, disabledReason: 'dead: shut down in 2017', policy: 'discontinued', delist: null },
  { name: 'Cyberlogic', zone: 'dnsbl.cyberlogic.net', kinds: ['ip4'], major: false, enabled: false, disabledReason: 'dead: the operator quit', policy: 'discontinued', delist: null },
  { name: 'MSRBL combined', zone: 'combined.rbl.msrbl.net', kinds: ['ip4'], major: false, enabled: false, disabledReason: 'probably dead (the operator is reported to have quit)', policy: 'discontinued', delist: null },
  { name: 'ImproWare worm RBL', zone: 'wormrbl.imp.ch', kinds: ['ip4'], major: false, enabled: false, disabledReason: 'no longer listed on the operator site', policy: 'discontinued', delist: null },
];

/** The lists queried by default. */
export function defaultLists(): DnsblList[] {
  return CATALOGUE.filter((list) => list.enabled);
}

/** Catalogue entry for a zone, or for a keyed zone (`<key>.zen.dq.spamhaus.net`) its base entry. */
export function findList(zone: string): DnsblList | undefined {
  const wanted = normalizeZone(zone);
  const exact = CATALOGUE.find((list) => list.zone === wanted);
  if (exact) return exact;
  return CATALOGUE.find((list) => wanted.endsWith(`.${list.zone}`) && !list.enabled);
}

export function normalizeZone(zone: string): string {
  return zone.trim().toLowerCase().replace(/^\.+|\.+$/g, '');
}

/** A list named by `--list ZONE`: the catalogue's knowledge of it when it has some, enabled; an unknown zone is an IPv4+IPv6 list. */
export function listForZone(zone: string): DnsblList {
  const normalized = normalizeZone(zone);
  const known = findList(normalized);
  if (known) {
    const { disabledReason: _reason, ...rest } = known;
    return { ...rest, zone: normalized, enabled: true };
  }
  return {
    name: normalized, zone: normalized, kinds: ['ip4', 'ip6'], major: false, enabled: true,
    policy: 'added with --list', delist: null,
  };
}
