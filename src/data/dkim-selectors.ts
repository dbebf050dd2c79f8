// DKIM selectors probed when the user gives none (`--selector` adds more). A selector cannot be
// listed from DNS, so this is a guess list: the names providers and common software use.
// Sources: facts.md §2.3 (DomainDetective DKIMSelectors.cs, dmarcian's list); "unverified" marks
// names no first-party page confirmed.

export interface SelectorProbe {
  selector: string;
  /** Who publishes keys under this selector, shown when one is found. */
  usedBy: string;
}

export const DKIM_SELECTOR_PROBES: readonly SelectorProbe[] = [
  { selector: 'google', usedBy: 'Google Workspace' },
  { selector: 'selector1', usedBy: 'Microsoft 365' },
  { selector: 'selector2', usedBy: 'Microsoft 365' },
  { selector: 'k1', usedBy: 'Mailchimp' },
  { selector: 'k2', usedBy: 'Mailchimp' },
  { selector: 'k3', usedBy: 'Mailchimp' },
  { selector: 'mandrill', usedBy: 'Mandrill (Mailchimp Transactional)' },
  { selector: 's1', usedBy: 'SendGrid' },
  { selector: 's2', usedBy: 'SendGrid' },
  { selector: 'smtpapi', usedBy: 'SendGrid (legacy)' },
  { selector: 'amazonses', usedBy: 'Amazon SES (legacy selector)' },
  { selector: 'mxvault', usedBy: 'GlobalMicro' },
  { selector: 'fm1', usedBy: 'Fastmail' },
  { selector: 'fm2', usedBy: 'Fastmail' },
  { selector: 'fm3', usedBy: 'Fastmail' },
  { selector: 'protonmail', usedBy: 'Proton Mail' },
  { selector: 'protonmail2', usedBy: 'Proton Mail' },
  { selector: 'protonmail3', usedBy: 'Proton Mail' },
  { selector: 'zoho', usedBy: 'Zoho Mail (suggested selector)' },
  { selector: 'zmail', usedBy: 'Zoho Mail' },
  { selector: 'mailjet', usedBy: 'Mailjet' },
  { selector: 'resend', usedBy: 'Resend' },
  { selector: 'mailchannels', usedBy: 'MailChannels' },
  { selector: 'aliyun-cn-hangzhou', usedBy: 'Alibaba Cloud DirectMail' },
  { selector: 'qcloud', usedBy: 'Tencent Cloud SES (unverified)' },
  { selector: 'qiye', usedBy: 'NetEase Qiye (unverified)' },
  { selector: 'default', usedBy: 'cPanel, Alibaba Mail and many self-hosted servers' },
  { selector: 'dkim', usedBy: 'Hetzner, 263 and generic setups' },
  { selector: 'mail', usedBy: 'cPanel, Brevo and generic setups' },
  { selector: 'selector3', usedBy: 'generic' },
  { selector: 'key1', usedBy: 'generic' },
  { selector: 'key2', usedBy: 'generic' },
  { selector: 'smtp', usedBy: 'generic' },
  { selector: 'mx', usedBy: 'generic' },
  { selector: 's1024', usedBy: 'generic' },
  { selector: 's2048', usedBy: 'generic' },
  { selector: 'sig1', usedBy: 'Apple iCloud custom domains' },
];
