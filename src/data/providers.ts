// The one provider registry: who runs a domain's mail (MX hosts) and who sends for it (SPF include:
// domains), by stable id. Sources: facts.md §2.1 (MX patterns) and §2.2 (SPF includes). Patterns match
// host-name suffixes. Words about a provider (where to turn DKIM on) are in the catalogue, keyed by id.
//
// Added for `mailcheck recall` (and for anyone grouping providers): `family` (the company behind a
// brand: Exmail and QQ Mail are both Tencent), `kind` (consumer mailboxes, a company's hosted domain, a
// filtering gateway in front of a mailbox elsewhere, or a sending service), `consumerDomains` (the
// provider's own mail domains: an address there is that provider's without asking DNS) and
// `dkimTenant` (DKIM selector CNAME targets that name the customer's tenant). Sources per field below.

export interface Provider {
  /** Stable id (catalogue keys, JSON). */
  id: string;
  name: string;
  /** The name shown for its sending side, when it differs (an inbound-only service name for MX). */
  sendingName?: string;
  /** MX host suffixes (a host matches when it equals or ends with `.suffix`): the provider receives the domain's mail. */
  mx?: readonly string[];
  /** SPF include: domains (exact, or a parent of the included name): the provider sends for the domain. */
  includes?: readonly string[];
  /** The SPF include its own (mailbox) servers need, when it documents one. */
  ownInclude?: string;
  /** The catalogue has words on where to turn DKIM on (`labels: dkim-hint.<id>`), said when no key was found. */
  dkimHint?: true;
  /** The company behind the brand (recall scopes, grouping); absent: `other`. */
  family?: ProviderFamily;
  /**
   * `consumer`: the provider's own free or paid personal mailboxes (qq.com, 163.com, gmail.com);
   * `business`: a company's own domain hosted there; `gateway`: filters mail in front of a mailbox
   * that lives elsewhere (the MX does not name the mailbox provider); `sending`: sends only.
   */
  kind?: ProviderKind;
  /** The provider's own mail domains (exact): an address there is on this provider, whatever DNS says. */
  consumerDomains?: readonly string[];
  /** DKIM selectors whose CNAME target names the customer's tenant (see tenantOfDkimTarget). */
  dkimTenant?: readonly DkimTenantPattern[];
}

/** The companies behind the brands, as `mailcheck recall` groups them. */
export const PROVIDER_FAMILIES = ['tencent', 'netease', 'alibaba', 'coremail', 'microsoft', 'google', 'zoho', 'other'] as const;
export type ProviderFamily = (typeof PROVIDER_FAMILIES)[number];
export type ProviderKind = 'consumer' | 'business' | 'gateway' | 'sending';

/**
 * `<selector>._domainkey.<domain>` is a CNAME to `…._domainkey.<tenant>.[<one label>.]<suffix>`:
 * `between` is the number of labels between the tenant label and the suffix.
 */
export interface DkimTenantPattern {
  selectors: readonly string[];
  suffix: string;
  between: number;
}

// NetEase's consumer domains (163, 126, yeah.net, 188 and the VIP domains): the recipients NetEase's own
// recall page names (help.163.com/10/0623/16/69SK0L9A007525G3.html: "网易163、126、Yeah.net、vip163、
// vip126或188邮箱"); vip.188.com is 188's VIP form (sa-freemail, src/data/free-providers.ts).
const NETEASE_CONSUMER_DOMAINS = ['163.com', '126.com', 'yeah.net', '188.com', 'vip.163.com', 'vip.126.com', 'vip.188.com'];

// Microsoft 365 DKIM: selector1/selector2 are CNAMEs to `selector1-<domain-with-dashes>._domainkey.<tenant>.onmicrosoft.com`
// (facts.md §2.3, DD-TESTS-DKIM) or, for custom domains added since 2025, to
// `…._domainkey.<InitialDomainPrefix>.<c>-v1.dkim.mail.microsoft` (Microsoft's "Set up DKIM" page,
// learn.microsoft.com/defender-office-365/email-authentication-dkim-configure, revisions of 2024-04 and 2025-06).
const MICROSOFT_DKIM_TENANT: readonly DkimTenantPattern[] = [
  { selectors: ['selector1', 'selector2'], suffix: 'onmicrosoft.com', between: 0 },
  { selectors: ['selector1', 'selector2'], suffix: 'dkim.mail.microsoft', between: 1 },
];

export const PROVIDERS: readonly Provider[] = [
  { id: 'google-workspace', name: 'Google Workspace', mx: ['aspmx.l.google.com', 'smtp.google.com', 'googlemail.com', 'gmr-smtp-in.l.google.com', 'psmtp.com'], includes: ['_spf.google.com'], ownInclude: '_spf.google.com', dkimHint: true, family: 'google', kind: 'business' },
  { id: 'gmail', name: 'Gmail', mx: ['gmail-smtp-in.l.google.com'], family: 'google', kind: 'consumer', consumerDomains: ['gmail.com', 'googlemail.com'] },
  { id: 'microsoft-365', name: 'Microsoft 365', mx: ['mail.protection.outlook.com', 'mx.microsoft'], includes: ['spf.protection.outlook.com'], ownInclude: 'spf.protection.outlook.com', dkimHint: true, family: 'microsoft', kind: 'business', dkimTenant: MICROSOFT_DKIM_TENANT },
  { id: 'outlook-com', name: 'Outlook.com', mx: ['olc.protection.outlook.com', 'hotmail.com'], family: 'microsoft', kind: 'consumer', consumerDomains: ['outlook.com', 'hotmail.com', 'live.com', 'msn.com'] },
  { id: 'alibaba-mail', name: 'Alibaba Mail', mx: ['qiye.aliyun.com', 'mxhichina.com'], includes: ['spf.qiye.aliyun.com'], ownInclude: 'spf.qiye.aliyun.com', family: 'alibaba', kind: 'business' },
  { id: 'alibaba-cloud-directmail', name: 'Alibaba Cloud DirectMail', mx: ['dm.aliyun.com'], includes: ['spf1.dm.aliyun.com'], ownInclude: 'spf1.dm.aliyun.com', family: 'alibaba', kind: 'sending' },
  { id: 'tencent-exmail', name: 'Tencent Exmail', mx: ['mxbiz1.qq.com', 'mxbiz2.qq.com', 'exmail.qq.com'], includes: ['spf.mail.qq.com'], ownInclude: 'spf.mail.qq.com', family: 'tencent', kind: 'business' },
  { id: 'qq-mail', name: 'QQ Mail', mx: ['qq.com'], family: 'tencent', kind: 'consumer', consumerDomains: ['qq.com', 'foxmail.com', 'vip.qq.com'] },
  { id: 'netease-qiye', name: 'NetEase Qiye', mx: ['qiye163mx01.mxmail.netease.com', 'qiye163mx02.mxmail.netease.com', 'qiye163mx03.mxmail.netease.com', 'qiye.163.com'], includes: ['spf.163.com'], ownInclude: 'spf.163.com', family: 'netease', kind: 'business' },
  { id: 'netease-mail', name: 'NetEase Mail', mx: ['mxmail.netease.com'], family: 'netease', kind: 'consumer', consumerDomains: NETEASE_CONSUMER_DOMAINS },
  // Alibaba's personal mailboxes (阿里邮箱个人版) at aliyun.com: its MX pattern is not in facts.md, so only the domain says it.
  { id: 'alibaba-mail-personal', name: 'Alibaba Mail (personal)', family: 'alibaba', kind: 'consumer', consumerDomains: ['aliyun.com'] },
  // Coremail's hosted service (论客): its relays are `*.icoremail.net` (Received headers in public mailing-list
  // archives); as an MX pattern low confidence. Most Coremail systems (universities, CSTNET) run under the
  // organisation's own MX names, which DNS cannot tell from any other server.
  { id: 'coremail', name: 'Coremail', family: 'coremail', kind: 'business', mx: ['icoremail.net'] },
  { id: 'huawei-cloud-mail', name: 'Huawei Cloud Mail', mx: ['sparkspace.huaweicloud.com'], includes: ['spf.sparkspace.huaweicloud.com'], ownInclude: 'spf.sparkspace.huaweicloud.com' },
  { id: 'zoho-mail', name: 'Zoho Mail', mx: ['zoho.com', 'zohomail.com', 'zoho.eu', 'zoho.in', 'zoho.com.cn'], includes: ['zoho.com', 'zohomail.com', 'zohooutlook.com'], ownInclude: 'zoho.com', family: 'zoho', kind: 'business' },
  { id: 'yandex', name: 'Yandex', mx: ['mx.yandex.ru', 'mx.yandex.net'] },
  { id: 'proton-mail', name: 'Proton Mail', mx: ['protonmail.ch'], includes: ['_spf.protonmail.ch'], ownInclude: '_spf.protonmail.ch' },
  { id: 'fastmail', name: 'Fastmail', mx: ['messagingengine.com'], includes: ['spf.messagingengine.com'], ownInclude: 'spf.messagingengine.com' },
  { id: 'apple-icloud', name: 'Apple iCloud', mx: ['mail.icloud.com'], includes: ['icloud.com'], ownInclude: 'icloud.com' },
  { id: 'yahoo-mail', name: 'Yahoo Mail', mx: ['yahoodns.net', 'mail.yahoo.co.jp'] },
  { id: 'aol', name: 'AOL', mx: ['mx.aol.com'] },
  { id: 'godaddy', name: 'GoDaddy', mx: ['secureserver.net'] },
  { id: 'ovh', name: 'OVH', mx: ['ovh.net'] },
  { id: 'amazon-workmail-ses-inbound', name: 'Amazon WorkMail / SES inbound', mx: ['amazonaws.com'] },
  { id: 'mimecast', name: 'Mimecast', mx: ['mimecast.com'], kind: 'gateway' },
  { id: 'proofpoint', name: 'Proofpoint', mx: ['pphosted.com', 'ppe-hosted.com'], kind: 'gateway' },
  { id: 'barracuda', name: 'Barracuda', mx: ['barracudanetworks.com'], kind: 'gateway' },
  { id: 'broadcom-messagelabs', name: 'Broadcom MessageLabs', mx: ['messagelabs.com', 'inboundmx.com'], kind: 'gateway' },
  { id: 'cisco-secure-email', name: 'Cisco Secure Email', mx: ['iphmx.com'], kind: 'gateway' },
  { id: 'rackspace', name: 'Rackspace', mx: ['emailsrvr.com'] },
  { id: 'ionos', name: 'IONOS (1&1)', mx: ['1and1.com', '1and1.de', 'ionos.com', 'ionos.de'] },
  { id: 'gmx', name: 'GMX', mx: ['gmx.net'] },
  { id: 'namecheap-private-email', name: 'Namecheap Private Email', mx: ['privateemail.com'] },
  { id: 'network-solutions', name: 'Network Solutions', mx: ['netsolmail.net'] },
  { id: 'appriver', name: 'AppRiver', mx: ['arsmtp.com'], kind: 'gateway' },
  { id: 'forcepoint', name: 'Forcepoint', mx: ['mailcontrol.com'], kind: 'gateway' },
  { id: 'libraesva', name: 'Libraesva', mx: ['esvacloud.com'], kind: 'gateway' },
  { id: 'spamexperts', name: 'SpamExperts', mx: ['spamexperts.com'], kind: 'gateway' },
  { id: 'mxroute', name: 'MXroute', mx: ['mxroute.com'] },
  { id: 'migadu', name: 'Migadu', mx: ['migadu.com'] },
  { id: 'mailgun', name: 'Mailgun', mx: ['mailgun.org'], includes: ['mailgun.org'] },
  { id: 'sendgrid', name: 'SendGrid (inbound parse)', sendingName: 'SendGrid', mx: ['mx.sendgrid.net'], includes: ['sendgrid.net'] },
  { id: 'postmark', name: 'Postmark (inbound)', sendingName: 'Postmark', mx: ['inbound.postmarkapp.com'], includes: ['spf.postmarkapp.com'] },
  { id: 'amazon-ses', name: 'Amazon SES', includes: ['amazonses.com'] },
  { id: 'mailchimp', name: 'Mailchimp', includes: ['servers.mcsv.net'] },
  { id: 'mandrill', name: 'Mandrill (Mailchimp Transactional)', includes: ['spf.mandrillapp.com'] },
  { id: 'hubspot', name: 'HubSpot', includes: ['spf.hubspotemail.net'] },
  { id: 'salesforce', name: 'Salesforce', includes: ['_spf.salesforce.com'] },
  { id: 'constant-contact', name: 'Constant Contact', includes: ['spf.constantcontact.com'] },
  { id: 'activecampaign', name: 'ActiveCampaign', includes: ['_spf.activehosted.com'] },
  { id: 'kit', name: 'Kit', includes: ['spf.kit.com'] },
  { id: 'brevo', name: 'Brevo', includes: ['sendinblue.com', 'spf.brevo.com'] },
  { id: 'sparkpost', name: 'SparkPost', includes: ['spf.sparkpostmail.com', 'sparkpostmail.com'] },
  { id: 'mailjet', name: 'Mailjet', includes: ['spf.mailjet.com'] },
  { id: 'zendesk', name: 'Zendesk', includes: ['mail.zendesk.com'] },
  { id: 'intercom', name: 'Intercom', includes: ['intercom.io'] },
  { id: 'freshdesk', name: 'Freshdesk', includes: ['freshdesk.com'] },
  { id: 'help-scout', name: 'Help Scout', includes: ['helpscoutemail.com'] },
  { id: 'yahoo-small-business', name: 'Yahoo Small Business', includes: ['spf.mail.yahoo.com'] },
  { id: 'customer-io', name: 'Customer.io', includes: ['customeriomail.com'] },
  { id: 'recurly', name: 'Recurly', includes: ['spf.recurly.com'] },
  { id: 'tencent-cloud-ses', name: 'Tencent Cloud SES', includes: ['qcloudmail.com'] },
  { id: 'mailchannels', name: 'MailChannels', includes: ['relay.mailchannels.net'] },
];

function matchesSuffix(host: string, suffix: string): boolean {
  return host === suffix || host.endsWith(`.${suffix}`);
}

/** The provider whose MX pattern matches the host (most specific pattern wins). */
export function providerOfMx(host: string): Provider | undefined {
  let best: { provider: Provider; length: number } | undefined;
  for (const provider of PROVIDERS) {
    for (const suffix of provider.mx ?? []) {
      if (matchesSuffix(host, suffix) && (!best || suffix.length > best.length)) best = { provider, length: suffix.length };
    }
  }
  return best?.provider;
}

/** The provider an SPF include: domain belongs to. */
export function serviceOfInclude(include: string): Provider | undefined {
  return PROVIDERS.find((p) => p.includes?.some((suffix) => matchesSuffix(include, suffix)));
}

export function providerById(id: string): Provider | undefined {
  return PROVIDERS.find((p) => p.id === id);
}

/** The provider whose own mail domain this is (qq.com → QQ Mail), exact match; undefined for any other domain. */
export function providerOfConsumerDomain(domain: string): Provider | undefined {
  const name = domain.toLowerCase().replace(/\.$/, '');
  return PROVIDERS.find((p) => p.consumerDomains?.includes(name));
}

/** The family of a provider id (`other` for providers without one, and for no provider). */
export function familyOf(id: string | undefined | null): ProviderFamily {
  return (id ? providerById(id)?.family : undefined) ?? 'other';
}

/**
 * The tenant a DKIM selector CNAME target names, by the provider's `dkimTenant` patterns:
 * `selector1-contoso-com._domainkey.contoso.onmicrosoft.com` → `contoso`,
 * `selector1-contoso-com._domainkey.contoso.n-v1.dkim.mail.microsoft` → `contoso`. Undefined when it fits none.
 */
export function tenantOfDkimTarget(target: string, patterns: readonly DkimTenantPattern[]): string | undefined {
  const labels = target.toLowerCase().replace(/\.$/, '').split('.');
  const key = labels.indexOf('_domainkey');
  if (key < 1) return undefined;
  const rest = labels.slice(key + 1);
  for (const pattern of patterns) {
    const suffix = pattern.suffix.split('.');
    if (rest.length !== 1 + pattern.between + suffix.length) continue;
    if (rest.slice(1 + pattern.between).join('.') !== pattern.suffix) continue;
    const tenant = rest[0];
    if (tenant && /^[a-z0-9][a-z0-9-]*$/.test(tenant)) return tenant;
  }
  return undefined;
}
