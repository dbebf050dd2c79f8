// Role mailboxes: local parts that name a function, not a person. Cold mail to them is read by nobody in
// particular (or by a filter), so `address.role` marks them risky for outreach.
//
// Each class names its source:
//   rfc2142     RFC 2142 "Mailbox Names for Common Services, Roles and Functions" §3 (business: info, marketing,
//               sales, support), §4 (network operations: abuse, noc, security), §5 (services: postmaster,
//               hostmaster, usenet, news, webmaster, www, uucp, ftp); postmaster is also required by RFC 5321 §4.5.1.
//   automated   addresses that by convention take no replies or belong to software (noreply, mailer-daemon…);
//               mailer-daemon is the sendmail/Postfix bounce sender name — (ours).
//   business-en department and function names in common use on company websites (admin, office, hr, purchase,
//               export…) — (ours), the same classes as RFC 2142 §3 widened to the departments a buyer's company has.
//   business-zh Chinese department names in Hanzi and their pinyin, as Chinese companies name shared mailboxes
//               (采购/caigou, 销售/xiaoshou, 外贸/waimao…) — (ours).
//   business-intl the business-en classes in the languages of our users' export markets (es, pt, de, fr, it, tr,
//               ru transliterated) — (ours), dictionary translations.
// Entries are lower case; matching (src/address/role.ts) folds case and ignores `+tag`, digits and a few
// qualifiers (`sales01`, `sales.team`, `export-sales`).

export type RoleClass = 'rfc2142' | 'automated' | 'business-en' | 'business-zh' | 'business-intl';

export const ROLE_MAILBOXES: Readonly<Record<RoleClass, readonly string[]>> = {
  rfc2142: ['info', 'marketing', 'sales', 'support', 'abuse', 'noc', 'security', 'postmaster', 'hostmaster', 'usenet', 'news', 'webmaster', 'www', 'uucp', 'ftp'],
  automated: [
    'noreply', 'no-reply', 'no_reply', 'donotreply', 'do-not-reply', 'do_not_reply', 'mailer-daemon', 'mailerdaemon',
    'bounce', 'bounces', 'notification', 'notifications', 'notify', 'alerts', 'auto-reply', 'autoreply', 'daemon', 'root', 'system',
  ],
  'business-en': [
    'admin', 'administrator', 'office', 'contact', 'contacts', 'contactus', 'enquiry', 'enquiries', 'inquiry', 'inquiries', 'hello', 'mail', 'email',
    'hr', 'jobs', 'careers', 'career', 'recruit', 'recruiting', 'recruitment', 'billing', 'accounts', 'accounting', 'finance', 'invoice', 'invoices',
    'purchase', 'purchasing', 'procurement', 'buyer', 'buying', 'import', 'export', 'trade', 'order', 'orders', 'service', 'services',
    'customerservice', 'customer-service', 'cs', 'help', 'helpdesk', 'team', 'press', 'media', 'pr', 'legal', 'compliance', 'privacy', 'it',
    'tech', 'shop', 'store', 'feedback', 'newsletter', 'reception', 'general', 'business', 'partners', 'partner', 'dealer', 'dealers',
    'distributor', 'commercial', 'logistics', 'shipping', 'quality', 'qc', 'engineering', 'design', 'operations', 'management',
  ],
  'business-zh': [
    '采购', '销售', '客服', '市场', '人事', '财务', '招聘', '行政', '外贸', '业务', '服务', '联系', '办公室', '信息', '营销', '商务', '进出口', '国际贸易',
    'caigou', 'xiaoshou', 'kefu', 'shichang', 'renshi', 'caiwu', 'zhaopin', 'xingzheng', 'waimao', 'yewu', 'fuwu', 'lianxi', 'bangongshi', 'shangwu',
  ],
  'business-intl': [
    // es
    'ventas', 'compras', 'contacto', 'informacion', 'administracion', 'atencion', 'comercial', 'pedidos', 'facturacion',
    // pt
    'vendas', 'contato', 'financeiro', 'atendimento', 'faturamento', // comercial: see es
    // de
    'vertrieb', 'verkauf', 'einkauf', 'kontakt', 'buchhaltung', 'bestellung', 'zentrale',
    // fr
    'ventes', 'achats', 'achat', 'comptabilite', 'commande', 'accueil',
    // it
    'vendite', 'acquisti', 'commerciale', 'amministrazione', 'ordini',
    // tr
    'satis', 'satinalma', 'muhasebe', 'iletisim', 'bilgi',
    // ru (transliterated)
    'zakaz', 'prodazhi', 'snab', 'snabzhenie',
  ],
};

/** Words that may follow or precede a role name without making it a person's mailbox (`sales.team`, `export-sales`). */
export const ROLE_QUALIFIERS: readonly string[] = ['team', 'dept', 'department', 'desk', 'office', 'group', 'center', 'centre', 'global', 'intl', 'international', 'cn', 'china', 'en', 'us', 'uk', 'eu', 'asia', 'hq', 'main', 'general', 'mail', 'box'];
