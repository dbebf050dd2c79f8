import type { Data } from '../../core/finding.js';
import { REASONS, type Reason } from '../../bounce/types.js';
import type { FindingText, Text } from '../types.js';

// English words of `mailcheck bounce`: what each reason means, and what to do (by advice id, src/bounce/advice.ts).

export const reasons = {
  userunknown: 'the mailbox does not exist',
  mailboxfull: "the recipient's mailbox is full",
  hostunknown: 'the recipient domain does not exist or has no mail server',
  mesgtoobig: 'the message is larger than the receiving server accepts',
  exceedlimit: 'the message exceeded a per-recipient limit (size, count or daily quota)',
  blocked: "the receiving server refused the sending IP address or host",
  spamdetected: "the receiving server's spam filter rejected the message",
  policyviolation: "the message broke the receiving organisation's policy (attachments, lists, content rules)",
  authfailure: 'SPF, DKIM or DMARC checks failed',
  rejected: "the sender's envelope address was refused",
  filtered: 'the recipient (or their filter) refused this message',
  norelaying: 'the server refused to relay mail for this domain',
  securityerror: 'a security or authentication requirement was not met',
  suspend: "the recipient's account is suspended or disabled",
  expired: 'delivery kept failing until the sending server gave up',
  networkerror: 'a DNS or network problem (routing loop, unreachable host) stopped delivery',
  systemerror: 'the receiving system had an internal error',
  systemfull: "the receiving server's disk is full",
  toomanyconn: 'too many connections or recipients at once',
  speeding: 'the receiving server rate-limited the sender',
  requireptr: 'the sending IP has no valid reverse DNS (PTR) record',
  notcompliantrfc: 'the message is not RFC 5322 compliant (headers)',
  syntaxerror: 'the receiving server did not understand an SMTP command',
  contenterror: 'the message content or MIME structure was refused',
  virusdetected: 'a virus scanner rejected the message',
  failedstarttls: 'TLS (STARTTLS) could not be negotiated',
  hasmoved: 'the mailbox has moved and mail is not forwarded',
  notaccept: 'the domain does not accept mail (null MX or no working MX)',
  mailererror: 'a local delivery program on the receiving side failed',
  onhold: 'the bounce gives too little detail to decide',
  suppressed: 'the address is on a suppression list of the sending service',
  badreputation: 'the sending IP or domain has a poor reputation at the receiver',
  vacation: 'an automatic reply (out of office); the message was delivered',
  delivered: 'the message was delivered',
  feedback: 'a recipient reported the message as spam (feedback loop)',
  undefined: 'the reason could not be determined',
} satisfies Record<string, string>;

const ip = (d: Data) => `mailcheck ip ${d.sendingIp || '<sending-ip>'}`;
const dom = (d: Data) => `mailcheck domain ${d.senderDomain || '<sender-domain>'}`;

export const advice = {
  'bounce.userunknown': 'Stop mailing this address and remove it from your lists; confirm the right address with the person another way (phone, WeChat, LinkedIn or their company website).',
  'bounce.hostunknown': 'The domain has no mail server: check the spelling of the address (.con for .com, gmial for gmail) and remove it if it is right.',
  'bounce.hasmoved': 'The recipient has a new address: ask for it and remove the old one.',
  'bounce.notaccept': 'The domain says it accepts no mail: remove the address.',
  'bounce.mailboxfull': 'Retry in 1–3 days; if it still bounces, reach the person another way (phone, WeChat, LinkedIn): the mailbox may be abandoned.',
  'bounce.suspend': 'The account is disabled: stop sending and confirm a current address with the recipient.',
  'bounce.size': 'Send a smaller message: compress attachments or share a link instead, and keep recipients per message low.',
  'bounce.blocked': (d) => `Your sending IP or host is refused: check its blacklist status and reverse DNS with \`${ip(d)}\`, and your domain with \`${dom(d)}\`; then request delisting from the list or provider named in the bounce.`,
  'bounce.badreputation': (d) => `The receiver rates your IP/domain reputation low: slow down, mail only engaged recipients, and check \`${ip(d)}\` and \`${dom(d)}\`.`,
  'bounce.spamdetected': (d) => `The content looked like spam: change the subject and body (fewer links and images, no image-only mail, no large attachments, no link shorteners), then check your domain with \`${dom(d)}\` and your sending IP with \`${ip(d)}\`.`,
  'bounce.authfailure': (d) => `Fix SPF, DKIM and DMARC for the sending domain: run \`${dom(d)}\` and publish the records it suggests.`,
  'bounce.requireptr': (d) => `Give the sending IP a reverse DNS name that resolves back to it (ask your hosting provider): check with \`${ip(d)}\`.`,
  'bounce.rejected': (d) => `The receiver refused your sender address: use a real, existing sender domain and check it with \`${dom(d)}\`.`,
  'bounce.filtered': 'The recipient or their filter refused this mail: change the subject and body (fewer links and images, no large attachments), or ask them to allow your address; otherwise stop mailing them.',
  'bounce.policyviolation': "Follow the receiving organisation's rules named in the bounce (attachment types, list membership); resend without the offending part.",
  'bounce.norelaying': 'Send through your own provider\'s authenticated SMTP server, and check the recipient address for typos.',
  'bounce.securityerror': (d) => `A security requirement failed (authentication, TLS or policy): read the server's words above and check \`${dom(d)}\`.`,
  'bounce.expired': 'Delivery timed out: check that the recipient domain\'s mail servers answer; the sending server retried and gave up. Retry later.',
  'bounce.networkerror': 'A DNS or routing problem: check the recipient domain\'s MX records and retry later.',
  'bounce.remote-error': 'A problem on the receiving side: retry later; if it persists, tell the recipient\'s postmaster.',
  'bounce.rate': 'Too much mail at once or today: send in smaller batches spread over the day, and retry the rest tomorrow.',
  'bounce.format': 'Fix the message format: one From, Date and Message-ID header each, valid MIME, no duplicate headers.',
  'bounce.virusdetected': 'Scan the attachment and send it another way (a link) if it is clean.',
  'bounce.failedstarttls': 'TLS failed between the servers: check your server\'s TLS configuration and certificates.',
  'bounce.suppressed': 'The address is on your provider\'s suppression list because it bounced or complained before: do not mail it.',
  'bounce.feedback': 'The recipient marked your mail as spam: unsubscribe them now and review how they joined your list.',
  'bounce.vacation': 'Nothing to do: the message was delivered; the recipient is away.',
  'bounce.delivered': 'Nothing to do: the message was delivered.',
  'bounce.unknown': "Read the server's words above; if there are none, retry once and contact the recipient another way.",
  'bounce.not-a-bounce': 'Not a bounce: nothing to do.',
  'bounce.delayed': 'Still being retried by the sending server: nothing to do yet. Act only if a failure notice follows.',
  'bounce.own-content': 'Your own mail provider refused to send this (its outgoing spam filter): change the subject and body (fewer links and images, no image-only mail, no large attachments) and, if it keeps happening, contact your mail administrator.',
  'bounce.own-quota': 'Your own mail provider stopped you for sending too much: slow down, send in smaller batches and retry tomorrow; ask your mail administrator about your sending limit.',
  'bounce.own-refused': 'Your own mail provider refused to send this: contact your mail administrator with the words above.',

} satisfies Record<string, Text>;

/** The codes a server said: the status unless mailcheck derived it (x.0.9xx), and the reply code. */
export const saidCodes = (d: Data): string => [d.statusDerived === true ? '' : d.status, d.replyCode].filter(Boolean).join(' / ');

/** One finding per recipient, `bounce.<reason>` (SARIF rules, Markdown, annotations); what to do is its advice. */
export const findings = Object.fromEntries(REASONS.map((reason) => [`bounce.${reason}`, {
  title: `Bounce: ${reasons[reason]}`,
  message: (d: Data) => `${d.recipient}: ${reasons[reason]}${saidCodes(d) ? ` (${saidCodes(d)})` : ''}${d.diagnostic ? `; the server said: ${d.diagnostic}` : ''}`,
}])) as unknown as Record<`bounce.${Reason}`, FindingText>;
