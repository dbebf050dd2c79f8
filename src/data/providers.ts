// Who runs a domain's mail, recognised from its MX hosts and the include: domains of its SPF record.
// Sources: facts.md §2.1 (MX patterns) and §2.2 (SPF includes). Patterns match host-name suffixes.

export interface MailboxProvider {
  name: string;
  /** MX host suffixes (a host matches when it equals or ends with `.suffix`). */
  mx: readonly string[];
  /** The SPF include this provider's own sending servers need, when it documents one. */
  spfInclude?: string;
  /** Where to turn DKIM on, said when no key was found. */
  dkimHint?: string;
}

export const MAILBOX_PROVIDERS: readonly MailboxProvider[] = [
  { name: 'Google Workspace', mx: ['aspmx.l.google.com', 'smtp.google.com', 'googlemail.com', 'gmr-smtp-in.l.google.com', 'psmtp.com'], spfInclude: '_spf.google.com', dkimHint: 'Google Workspace signs with selector "google" once DKIM is turned on in the Admin console (Apps > Gmail > Authenticate email)' },
  { name: 'Gmail', mx: ['gmail-smtp-in.l.google.com'] },
  { name: 'Microsoft 365', mx: ['mail.protection.outlook.com', 'mx.microsoft'], spfInclude: 'spf.protection.outlook.com', dkimHint: 'Microsoft 365 signs with selector1/selector2 (CNAMEs to your onmicrosoft.com tenant) once DKIM is enabled in the Defender portal' },
  { name: 'Outlook.com', mx: ['olc.protection.outlook.com', 'hotmail.com'] },
  { name: 'Alibaba Mail', mx: ['qiye.aliyun.com', 'mxhichina.com'], spfInclude: 'spf.qiye.aliyun.com' },
  { name: 'Alibaba Cloud DirectMail', mx: ['dm.aliyun.com'], spfInclude: 'spf1.dm.aliyun.com' },
  { name: 'Tencent Exmail', mx: ['mxbiz1.qq.com', 'mxbiz2.qq.com', 'exmail.qq.com'], spfInclude: 'spf.mail.qq.com' },
  { name: 'QQ Mail', mx: ['qq.com'] },
  { name: 'NetEase Qiye', mx: ['qiye163mx01.mxmail.netease.com', 'qiye163mx02.mxmail.netease.com', 'qiye163mx03.mxmail.netease.com', 'qiye.163.com'], spfInclude: 'spf.163.com' },
  { name: 'NetEase Mail', mx: ['mxmail.netease.com'] },
  { name: 'Huawei Cloud Mail', mx: ['sparkspace.huaweicloud.com'], spfInclude: 'spf.sparkspace.huaweicloud.com' },
  { name: 'Zoho Mail', mx: ['zoho.com', 'zohomail.com', 'zoho.eu', 'zoho.in', 'zoho.com.cn'], spfInclude: 'zoho.com' },
  { name: 'Yandex', mx: ['mx.yandex.ru', 'mx.yandex.net'] },
  { name: 'Proton Mail', mx: ['protonmail.ch'], spfInclude: '_spf.protonmail.ch' },
  { name: 'Fastmail', mx: ['messagingengine.com'], spfInclude: 'spf.messagingengine.com' },
  { name: 'Apple iCloud', mx: ['mail.icloud.com'], spfInclude: 'icloud.com' },
  { name: 'Yahoo Mail', mx: ['yahoodns.net', 'mail.yahoo.co.jp'] },
  { name: 'AOL', mx: ['mx.aol.com'] },
  { name: 'GoDaddy', mx: ['secureserver.net'] },
  { name: 'OVH', mx: ['ovh.net'] },
  { name: 'Amazon WorkMail / SES inbound', mx: ['amazonaws.com'] },
  { name: 'Mimecast', mx: ['mimecast.com'] },
  { name: 'Proofpoint', mx: ['pphosted.com', 'ppe-hosted.com'] },
  { name: 'Barracuda', mx: ['barracudanetworks.com'] },
  { name: 'Broadcom MessageLabs', mx: ['messagelabs.com', 'inboundmx.com'] },
  { name: 'Cisco Secure Email', mx: ['iphmx.com'] },
  { name: 'Rackspace', mx: ['emailsrvr.com'] },
  { name: 'IONOS (1&1)', mx: ['1and1.com', '1and1.de', 'ionos.com', 'ionos.de'] },
  { name: 'GMX', mx: ['gmx.net'] },
  { name: 'Namecheap Private Email', mx: ['privateemail.com'] },
  { name: 'Network Solutions', mx: ['netsolmail.net'] },
  { name: 'AppRiver', mx: ['arsmtp.com'] },
  { name: 'Forcepoint', mx: ['mailcontrol.com'] },
  { name: 'Libraesva', mx: ['esvacloud.com'] },
  { name: 'SpamExperts', mx: ['spamexperts.com'] },
  { name: 'MXroute', mx: ['mxroute.com'] },
  { name: 'Migadu', mx: ['migadu.com'] },
  { name: 'Mailgun', mx: ['mailgun.org'] },
  { name: 'SendGrid (inbound parse)', mx: ['mx.sendgrid.net'] },
  { name: 'Postmark (inbound)', mx: ['inbound.postmarkapp.com'] },
];

export interface SendingService {
  name: string;
  /** include: domains (exact, or a parent of the included name). */
  includes: readonly string[];
}

export const SENDING_SERVICES: readonly SendingService[] = [
  { name: 'Google Workspace', includes: ['_spf.google.com'] },
  { name: 'Microsoft 365', includes: ['spf.protection.outlook.com'] },
  { name: 'SendGrid', includes: ['sendgrid.net'] },
  { name: 'Mailgun', includes: ['mailgun.org'] },
  { name: 'Amazon SES', includes: ['amazonses.com'] },
  { name: 'Mailchimp', includes: ['servers.mcsv.net'] },
  { name: 'Mandrill (Mailchimp Transactional)', includes: ['spf.mandrillapp.com'] },
  { name: 'HubSpot', includes: ['spf.hubspotemail.net'] },
  { name: 'Salesforce', includes: ['_spf.salesforce.com'] },
  { name: 'Zoho Mail', includes: ['zoho.com', 'zohomail.com', 'zohooutlook.com'] },
  { name: 'Constant Contact', includes: ['spf.constantcontact.com'] },
  { name: 'ActiveCampaign', includes: ['_spf.activehosted.com'] },
  { name: 'Kit', includes: ['spf.kit.com'] },
  { name: 'Brevo', includes: ['sendinblue.com', 'spf.brevo.com'] },
  { name: 'Postmark', includes: ['spf.postmarkapp.com'] },
  { name: 'SparkPost', includes: ['spf.sparkpostmail.com', 'sparkpostmail.com'] },
  { name: 'Mailjet', includes: ['spf.mailjet.com'] },
  { name: 'Zendesk', includes: ['mail.zendesk.com'] },
  { name: 'Intercom', includes: ['intercom.io'] },
  { name: 'Freshdesk', includes: ['freshdesk.com'] },
  { name: 'Help Scout', includes: ['helpscoutemail.com'] },
  { name: 'Apple iCloud', includes: ['icloud.com'] },
  { name: 'Yahoo Small Business', includes: ['spf.mail.yahoo.com'] },
  { name: 'Customer.io', includes: ['customeriomail.com'] },
  { name: 'Recurly', includes: ['spf.recurly.com'] },
  { name: 'Alibaba Mail', includes: ['spf.qiye.aliyun.com'] },
  { name: 'Alibaba Cloud DirectMail', includes: ['spf1.dm.aliyun.com'] },
  { name: 'Tencent Exmail', includes: ['spf.mail.qq.com'] },
  { name: 'Tencent Cloud SES', includes: ['qcloudmail.com'] },
  { name: 'NetEase Qiye', includes: ['spf.163.com'] },
  { name: 'Huawei Cloud Mail', includes: ['spf.sparkspace.huaweicloud.com'] },
  { name: 'MailChannels', includes: ['relay.mailchannels.net'] },
  { name: 'Proton Mail', includes: ['_spf.protonmail.ch'] },
  { name: 'Fastmail', includes: ['spf.messagingengine.com'] },
];

function matchesSuffix(host: string, suffix: string): boolean {
  return host === suffix || host.endsWith(`.${suffix}`);
}

/** The mailbox provider whose MX pattern matches the host (most specific pattern wins). */
export function providerOfMx(host: string): MailboxProvider | undefined {
  let best: { provider: MailboxProvider; length: number } | undefined;
  for (const provider of MAILBOX_PROVIDERS) {
    for (const suffix of provider.mx) {
      if (matchesSuffix(host, suffix) && (!best || suffix.length > best.length)) best = { provider, length: suffix.length };
    }
  }
  return best?.provider;
}

export function serviceOfInclude(include: string): SendingService | undefined {
  return SENDING_SERVICES.find((s) => s.includes.some((suffix) => matchesSuffix(include, suffix)));
}
