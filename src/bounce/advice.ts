// What to do about each reason, in one or two sentences, with the exact mailcheck commands to run next.
import type { Reason } from './types.js';

export interface AdviceContext {
  /** Sending IP the receiver complained about, when the bounce names one. */
  sendingIp: string;
  /** Domain of the original sender. */
  senderDomain: string;
}

export const REASON_MEANINGS: Readonly<Record<Reason, string>> = {
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
};

function ipCommand(ctx: AdviceContext): string {
  return `mailcheck ip ${ctx.sendingIp || '<sending-ip>'}`;
}
function domainCommand(ctx: AdviceContext): string {
  return `mailcheck domain ${ctx.senderDomain || '<sender-domain>'}`;
}

/** The next step for a reason, naming mailcheck commands where they help. */
export function adviceFor(reason: Reason, ctx: AdviceContext): string {
  switch (reason) {
    case 'userunknown':
      return 'Remove the address from your lists; confirm the right address with the recipient another way (phone, website).';
    case 'hostunknown':
      return 'The domain has no mail server: check the address for typos and remove it if it is right.';
    case 'hasmoved':
      return 'The recipient has a new address: ask for it and remove the old one.';
    case 'notaccept':
      return 'The domain says it accepts no mail: remove the address.';
    case 'mailboxfull':
      return 'Retry in 1–3 days; if it keeps bouncing for weeks, treat the address as abandoned.';
    case 'suspend':
      return 'The account is disabled: stop sending and confirm a current address with the recipient.';
    case 'mesgtoobig':
    case 'exceedlimit':
      return 'Send a smaller message: compress attachments or share a link instead, and keep recipients per message low.';
    case 'blocked':
      return `Your sending IP or host is refused: check its blacklist status and reverse DNS with \`${ipCommand(ctx)}\`, and your domain with \`${domainCommand(ctx)}\`; then request delisting from the list or provider named in the bounce.`;
    case 'badreputation':
      return `The receiver rates your IP/domain reputation low: slow down, mail only engaged recipients, and check \`${ipCommand(ctx)}\` and \`${domainCommand(ctx)}\`.`;
    case 'spamdetected':
      return `The content looked like spam: remove link shorteners and spammy wording, authenticate the domain, and check \`${domainCommand(ctx)}\` and \`${ipCommand(ctx)}\`.`;
    case 'authfailure':
      return `Fix SPF, DKIM and DMARC for the sending domain: run \`${domainCommand(ctx)}\` and publish the records it suggests.`;
    case 'requireptr':
      return `Give the sending IP a reverse DNS name that resolves back to it (ask your hosting provider): check with \`${ipCommand(ctx)}\`.`;
    case 'rejected':
      return `The receiver refused your sender address: use a real, existing sender domain and check it with \`${domainCommand(ctx)}\`.`;
    case 'filtered':
      return 'The recipient or their filter refused this mail: ask them to allow your address, or stop mailing them.';
    case 'policyviolation':
      return "Follow the receiving organisation's rules named in the bounce (attachment types, list membership); resend without the offending part.";
    case 'norelaying':
      return 'Send through your own provider\'s authenticated SMTP server, and check the recipient address for typos.';
    case 'securityerror':
      return `A security requirement failed (authentication, TLS or policy): read the server's words above and check \`${domainCommand(ctx)}\`.`;
    case 'expired':
      return 'Delivery timed out: check that the recipient domain\'s mail servers answer; the sending server retried and gave up. Retry later.';
    case 'networkerror':
      return 'A DNS or routing problem: check the recipient domain\'s MX records and retry later.';
    case 'systemerror':
    case 'systemfull':
    case 'mailererror':
      return 'A problem on the receiving side: retry later; if it persists, tell the recipient\'s postmaster.';
    case 'toomanyconn':
    case 'speeding':
      return 'You are sending too fast: lower the sending rate and connections to this provider and retry later.';
    case 'notcompliantrfc':
    case 'contenterror':
    case 'syntaxerror':
      return 'Fix the message format: one From, Date and Message-ID header each, valid MIME, no duplicate headers.';
    case 'virusdetected':
      return 'Scan the attachment and send it another way (a link) if it is clean.';
    case 'failedstarttls':
      return 'TLS failed between the servers: check your server\'s TLS configuration and certificates.';
    case 'suppressed':
      return 'The address is on your provider\'s suppression list because it bounced or complained before: do not mail it.';
    case 'feedback':
      return 'The recipient marked your mail as spam: unsubscribe them now and review how they joined your list.';
    case 'vacation':
      return 'Nothing to do: the message was delivered; the recipient is away.';
    case 'delivered':
      return 'Nothing to do: the message was delivered.';
    case 'onhold':
    case 'undefined':
      return "Read the server's words above; if there are none, retry once and contact the recipient another way.";
  }
}
