import { providerById } from './providers.js';

// Who sent a message a DMARC aggregate report lists, from what the report and DNS say about its source IP:
// the PTR name of the IP (forward-confirmed), or the domain a passing DKIM signature or SPF check used when
// the service signs or bounces with its own domain because the customer's is not set up. Ids are those of
// the provider registry (src/data/providers.ts) where it has the service, so the SPF include to suggest
// and the service's name come from there; `name` is given only for services the registry does not list.
//
// A suffix matches a name equal to it or ending in `.suffix`. `kind` says whether the service also carries
// mail it did not author (a mailbox provider forwards its users' mail; an ESP sends only its customers'):
// a failing DKIM signature of the customer's own domain from a mailbox provider is forwarding, from an ESP
// it is the ESP's set-up.
//
// Sources, per row:
//   [PDM] parsedmarc `base_reverse_dns_map.csv` (domainaware/parsedmarc, resources/maps), the base reverse-DNS
//         domains of sending services (Apache-2.0; facts only, no code).
//   [LKML] Received headers of messages in public Linux-kernel mailing-list archives (lore.kernel.org, via
//         public repositories), where Postfix shows the sending host's PTR name: `mail-m118208.qiye.163.com`,
//         `smtpbg151.qq.com`, `out30-119.freemail.mail.aliyun.com`.
//   [AR]  Authentication-Results headers quoted in public code and documentation (`header.d=mcsv.net`,
//         `smtp.mailfrom=…mcsv.net`).
//   [DOC] the service's own set-up documentation (default signing domain before custom DKIM is turned on,
//         default MAIL FROM domain before a custom one is set).
//   Entries marked "unverified" come from one secondary source only.

export type ServiceKind = 'mailbox' | 'esp';

export interface SendingService {
  /** Provider registry id where the registry has the service; else our own stable id. */
  id: string;
  /** Only for services the registry does not list. */
  name?: string;
  kind: ServiceKind;
  /** Suffixes of the PTR names of its outbound servers. */
  ptr: readonly string[];
  /** d= domains it signs with when the customer's own DKIM is not set up. */
  dkim?: readonly string[];
  /** MAIL FROM (bounce) domains it uses when the customer's own is not set up. */
  spf?: readonly string[];
}

export const SENDING_SERVICES: readonly SendingService[] = [
  // mail-*.google.com [PDM google.com, 1e100.net]; Workspace signs d=<domain>.<date>.gappssmtp.com until DKIM is turned on [DOC]
  { id: 'google-workspace', kind: 'mailbox', ptr: ['google.com', '1e100.net'], dkim: ['gappssmtp.com'] },
  // mail-*.outbound.protection.outlook.com [PDM outlook.com]; d=<tenant>.onmicrosoft.com until custom DKIM [DOC]
  { id: 'microsoft-365', kind: 'mailbox', ptr: ['outlook.com', 'protection.outlook.com'], dkim: ['onmicrosoft.com'] },
  // [PDM yahoo.com, yahoo.co.jp]
  { id: 'yahoo-mail', kind: 'mailbox', ptr: ['yahoo.com', 'yahoo.co.jp', 'yahoodns.net'] },
  // [PDM me.com]
  { id: 'apple-icloud', kind: 'mailbox', ptr: ['me.com', 'icloud.com'] },
  // [PDM zoho.com, zohocorporation.com]
  { id: 'zoho-mail', kind: 'mailbox', ptr: ['zoho.com', 'zohocorporation.com', 'zohomail.com'] },
  // [PDM messagingengine.com]
  { id: 'fastmail', kind: 'mailbox', ptr: ['messagingengine.com'] },
  // [PDM proton.ch, protonmail.ch]
  { id: 'proton-mail', kind: 'mailbox', ptr: ['protonmail.ch', 'proton.ch'] },
  // smtpbg150.qq.com, smtpbgeu1.qq.com, biz-43-154-54-12.mail.qq.com [LKML]; [PDM qq.com]
  { id: 'tencent-exmail', kind: 'mailbox', ptr: ['qq.com'] },
  // mail-m118208.qiye.163.com, mail-m19731102.qiye.163.com [LKML]
  { id: 'netease-qiye', kind: 'mailbox', ptr: ['qiye.163.com'] },
  // m12-xx.163.com, m15-xx.126.com (consumer NetEase) — unverified
  { id: 'netease-mail', kind: 'mailbox', ptr: ['163.com', '126.com', 'yeah.net', 'netease.com'] },
  // out30-119.freemail.mail.aliyun.com, out28-74.mail.aliyun.com [LKML]
  { id: 'alibaba-mail', kind: 'mailbox', ptr: ['mail.aliyun.com'] },
  // DirectMail sends from *.dm.aliyun.com and bounces to its own dm.aliyun.com domain — unverified
  { id: 'alibaba-cloud-directmail', kind: 'esp', ptr: ['dm.aliyun.com'], spf: ['dm.aliyun.com'] },
  // Tencent Cloud SES: MAIL FROM under qcloudmail.com (the SPF include facts.md §2.2) — unverified
  { id: 'tencent-cloud-ses', kind: 'esp', ptr: ['qcloudmail.com'], spf: ['qcloudmail.com'] },
  // *.smtp-out.amazonses.com [PDM amazonses.com]; d=amazonses.com and MAIL FROM <region>.amazonses.com by default [DOC]
  { id: 'amazon-ses', kind: 'esp', ptr: ['amazonses.com'], dkim: ['amazonses.com'], spf: ['amazonses.com'] },
  // [PDM sendgrid.net, dlivry.co]; shared signing domain sendgrid.info (unverified), bounces to sendgrid.net [DOC]
  { id: 'sendgrid', kind: 'esp', ptr: ['sendgrid.net', 'dlivry.co'], dkim: ['sendgrid.net', 'sendgrid.info'], spf: ['sendgrid.net'] },
  // mail*.atl*.rsgsv.net / mcsv.net / mcdlv.net [PDM]; header.d=mcsv.net, smtp.mailfrom=…mcsv.net [AR]
  { id: 'mailchimp', kind: 'esp', ptr: ['mcsv.net', 'rsgsv.net', 'mcdlv.net'], dkim: ['mcsv.net', 'mcdlv.net'], spf: ['mcsv.net', 'mcdlv.net', 'rsgsv.net'] },
  // mandrillapp.com is Mailchimp Transactional's own sending domain [DOC]
  { id: 'mandrill', kind: 'esp', ptr: ['mandrillapp.com'], dkim: ['mandrillapp.com'], spf: ['mandrillapp.com'] },
  // [PDM mailgun.net, mailgun.info, mailgun.us]; d=mailgun.org and bounces at mailgun.org by default [DOC]
  { id: 'mailgun', kind: 'esp', ptr: ['mailgun.net', 'mailgun.info', 'mailgun.us'], dkim: ['mailgun.org'], spf: ['mailgun.org'] },
  // [PDM mtasv.net]; pm.mtasv.net signs and bounces until a custom Return-Path is set [DOC]
  { id: 'postmark', kind: 'esp', ptr: ['mtasv.net'], dkim: ['mtasv.net'], spf: ['mtasv.net'] },
  // [PDM sparkpostmail.com]
  { id: 'sparkpost', kind: 'esp', ptr: ['sparkpostmail.com'], dkim: ['sparkpostmail.com'], spf: ['sparkpostmail.com'] },
  // [PDM hubspotemail.net]
  { id: 'hubspot', kind: 'esp', ptr: ['hubspotemail.net'], dkim: ['hubspotemail.net'], spf: ['hubspotemail.net'] },
  // [PDM constantcontact.com, msgexch.com]
  { id: 'constant-contact', kind: 'esp', ptr: ['constantcontact.com', 'msgexch.com'], spf: ['constantcontact.com'] },
  // [PDM salesforce.com, exacttarget.com, exactt.com]
  { id: 'salesforce', kind: 'esp', ptr: ['salesforce.com', 'exacttarget.com', 'exactt.com'] },
  // [PDM mailchannels.net]
  { id: 'mailchannels', kind: 'esp', ptr: ['mailchannels.net'] },
  // sendinblue.com is Brevo's former name and still its sending domain — unverified
  { id: 'brevo', kind: 'esp', ptr: ['sendinblue.com', 'brevo.com'], dkim: ['sendinblue.com'], spf: ['sendinblue.com'] },
  // [PDM helpscout.net]
  { id: 'help-scout', kind: 'esp', ptr: ['helpscout.net'] },
];

/** The pseudo-service of the policy domain's own MX hosts, when they send as it. */
export const OWN_MX = 'own-mx';

function matches(name: string, suffix: string): boolean {
  return name === suffix || name.endsWith(`.${suffix}`);
}

/** The most specific row whose suffix list (in `field`) matches the name. */
function bySuffix(name: string, field: 'ptr' | 'dkim' | 'spf'): SendingService | undefined {
  const host = name.toLowerCase().replace(/\.$/, '');
  let best: { service: SendingService; length: number } | undefined;
  for (const service of SENDING_SERVICES) {
    for (const suffix of service[field] ?? []) {
      if (matches(host, suffix) && (!best || suffix.length > best.length)) best = { service, length: suffix.length };
    }
  }
  return best?.service;
}

/** The service whose outbound servers have this PTR name. */
export function serviceOfPtr(name: string): SendingService | undefined {
  return bySuffix(name, 'ptr');
}

/** The service that signs with this d= domain when the customer's DKIM is not set up. */
export function serviceOfDkimDomain(domain: string): SendingService | undefined {
  return bySuffix(domain, 'dkim');
}

/** The service that bounces to this MAIL FROM domain when the customer's is not set up. */
export function serviceOfSpfDomain(domain: string): SendingService | undefined {
  return bySuffix(domain, 'spf');
}

export function sendingServiceById(id: string): SendingService | undefined {
  return SENDING_SERVICES.find((s) => s.id === id);
}

/** The name shown for a service: the registry's sending name, else its name, else ours. */
export function serviceName(id: string): string {
  const provider = providerById(id);
  return provider?.sendingName ?? provider?.name ?? sendingServiceById(id)?.name ?? id;
}

/** The SPF include that authorizes the service's servers, from the provider registry (undefined when it has none). */
export function serviceInclude(id: string): string | undefined {
  const provider = providerById(id);
  return provider?.ownInclude ?? provider?.includes?.[0];
}
