// The one provider registry: who runs a domain's mail (MX hosts) and who sends for it (SPF include:
// domains), by stable id. Sources: facts.md §2.1 (MX patterns) and §2.2 (SPF includes). Patterns match
// host-name suffixes. Words about a provider (where to turn DKIM on) are in the catalogue, keyed by id.

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
}

export const PROVIDERS: readonly Provider[] = [
  { id: 'google-workspace', name: 'Google Workspace', mx: ['aspmx.l.google.com', 'smtp.google.com', 'googlemail.com', 'gmr-smtp-in.l.google.com', 'psmtp.com'], includes: ['_spf.google.com'], ownInclude: '_spf.google.com', dkimHint: true },
  { id: 'gmail', name: 'Gmail', mx: ['gmail-smtp-in.l.google.com'] },
  { id: 'microsoft-365', name: 'Microsoft 365', mx: ['mail.protection.outlook.com', 'mx.microsoft'], includes: ['spf.protection.outlook.com'], ownInclude: 'spf.protection.outlook.com', dkimHint: true },
  { id: 'outlook-com', name: 'Outlook.com', mx: ['olc.protection.outlook.com', 'hotmail.com'] },
  { id: 'alibaba-mail', name: 'Alibaba Mail', mx: ['qiye.aliyun.com', 'mxhichina.com'], includes: ['spf.qiye.aliyun.com'], ownInclude: 'spf.qiye.aliyun.com' },
  { id: 'alibaba-cloud-directmail', name: 'Alibaba Cloud DirectMail', mx: ['dm.aliyun.com'], includes: ['spf1.dm.aliyun.com'], ownInclude: 'spf1.dm.aliyun.com' },
  { id: 'tencent-exmail', name: 'Tencent Exmail', mx: ['mxbiz1.qq.com', 'mxbiz2.qq.com', 'exmail.qq.com'], includes: ['spf.mail.qq.com'], ownInclude: 'spf.mail.qq.com' },
  { id: 'qq-mail', name: 'QQ Mail', mx: ['qq.com'] },
  { id: 'netease-qiye', name: 'NetEase Qiye', mx: ['qiye163mx01.mxmail.netease.com', 'qiye163mx02.mxmail.netease.com', 'qiye163mx03.mxmail.netease.com', 'qiye.163.com'], includes: ['spf.163.com'], ownInclude: 'spf.163.com' },
  { id: 'netease-mail', name: 'NetEase Mail', mx: ['mxmail.netease.com'] },
  { id: 'huawei-cloud-mail', name: 'Huawei Cloud Mail', mx: ['sparkspace.huaweicloud.com'], includes: ['spf.sparkspace.huaweicloud.com'], ownInclude: 'spf.sparkspace.huaweicloud.com' },
  { id: 'zoho-mail', name: 'Zoho Mail', mx: ['zoho.com', 'zohomail.com', 'zoho.eu', 'zoho.in', 'zoho.com.cn'], includes: ['zoho.com', 'zohomail.com', 'zohooutlook.com'], ownInclude: 'zoho.com' },
  { id: 'yandex', name: 'Yandex', mx: ['mx.yandex.ru', 'mx.yandex.net'] },
  { id: 'proton-mail', name: 'Proton Mail', mx: ['protonmail.ch'], includes: ['_spf.protonmail.ch'], ownInclude: '_spf.protonmail.ch' },
  { id: 'fastmail', name: 'Fastmail', mx: ['messagingengine.com'], includes: ['spf.messagingengine.com'], ownInclude: 'spf.messagingengine.com' },
  { id: 'apple-icloud', name: 'Apple iCloud', mx: ['mail.icloud.com'], includes: ['icloud.com'], ownInclude: 'icloud.com' },
  { id: 'yahoo-mail', name: 'Yahoo Mail', mx: ['yahoodns.net', 'mail.yahoo.co.jp'] },
  { id: 'aol', name: 'AOL', mx: ['mx.aol.com'] },
  { id: 'godaddy', name: 'GoDaddy', mx: ['secureserver.net'] },
  { id: 'ovh', name: 'OVH', mx: ['ovh.net'] },
  { id: 'amazon-workmail-ses-inbound', name: 'Amazon WorkMail / SES inbound', mx: ['amazonaws.com'] },
  { id: 'mimecast', name: 'Mimecast', mx: ['mimecast.com'] },
  { id: 'proofpoint', name: 'Proofpoint', mx: ['pphosted.com', 'ppe-hosted.com'] },
  { id: 'barracuda', name: 'Barracuda', mx: ['barracudanetworks.com'] },
  { id: 'broadcom-messagelabs', name: 'Broadcom MessageLabs', mx: ['messagelabs.com', 'inboundmx.com'] },
  { id: 'cisco-secure-email', name: 'Cisco Secure Email', mx: ['iphmx.com'] },
  { id: 'rackspace', name: 'Rackspace', mx: ['emailsrvr.com'] },
  { id: 'ionos', name: 'IONOS (1&1)', mx: ['1and1.com', '1and1.de', 'ionos.com', 'ionos.de'] },
  { id: 'gmx', name: 'GMX', mx: ['gmx.net'] },
  { id: 'namecheap-private-email', name: 'Namecheap Private Email', mx: ['privateemail.com'] },
  { id: 'network-solutions', name: 'Network Solutions', mx: ['netsolmail.net'] },
  { id: 'appriver', name: 'AppRiver', mx: ['arsmtp.com'] },
  { id: 'forcepoint', name: 'Forcepoint', mx: ['mailcontrol.com'] },
  { id: 'libraesva', name: 'Libraesva', mx: ['esvacloud.com'] },
  { id: 'spamexperts', name: 'SpamExperts', mx: ['spamexperts.com'] },
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
