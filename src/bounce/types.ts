// Plain data shared by the bounce reader: what a format parser produces and what the classifier adds.

/** Most recipients read from one message; the rest are counted (MessageResult.recipientsOmitted), not read. */
export const MAX_RECIPIENTS = 1000;

/** The reason vocabulary of Sisimai (the most widely used bounce classifier), so results compare. */
export const REASONS = [
  'userunknown', 'mailboxfull', 'hostunknown', 'mesgtoobig', 'exceedlimit', 'blocked', 'spamdetected',
  'policyviolation', 'authfailure', 'rejected', 'filtered', 'norelaying', 'securityerror', 'suspend',
  'expired', 'networkerror', 'systemerror', 'systemfull', 'toomanyconn', 'speeding', 'requireptr',
  'notcompliantrfc', 'syntaxerror', 'contenterror', 'virusdetected', 'failedstarttls', 'hasmoved',
  'notaccept', 'mailererror', 'onhold', 'suppressed', 'badreputation', 'vacation', 'delivered',
  'feedback', 'undefined',
] as const;
export type Reason = (typeof REASONS)[number];

/** One recipient as a format parser found it, before classification. */
export interface DeliveryRecord {
  recipient: string;
  /** failed | delayed | delivered | relayed | expanded, or '' when the bounce does not say. */
  action: string;
  /** RFC 3463 enhanced status code (e.g. 5.1.1), '' when none. */
  status: string;
  /** SMTP reply code (e.g. 550), '' when none. */
  replyCode: string;
  /** The receiving server's words (Diagnostic-Code or the quoted SMTP reply), one line. */
  diagnostic: string;
  /** Diagnostic-Code type: SMTP, X-UNIX, X-POSTFIX… ('' when unknown). */
  diagnosticType: string;
  remoteMta: string;
  /** The MTA that wrote the report (Reporting-MTA), when known. */
  reportingMta?: string;
  /** SMTP command at which delivery failed (CONN, EHLO, HELO, MAIL, RCPT, DATA, STARTTLS…), '' when unknown. */
  command: string;
  /** Reason the format itself knows for sure (e.g. an ARF report is feedback). */
  reason?: Reason;
  /** The format knows the failure is temporary (the sending MTA will or would retry). */
  temporary?: boolean;
  lastAttempt?: string;
  arrival?: string;
  feedbackType?: string;
  /** The comment of the DSN's Status field ("5.2.1 (mailbox disabled)"): evidence for the reason, not the server's words. */
  statusComment?: string;
  /** The provider's own explanation and suggestion (退信原因 / 建议) as written, apart from the server's words. */
  providerExplanation?: string;
}

export function emptyRecord(recipient = ''): DeliveryRecord {
  return { recipient, action: '', status: '', replyCode: '', diagnostic: '', diagnosticType: '', remoteMta: '', command: '' };
}

/** Headers of the message that bounced, when the bounce carries them. */
export interface OriginalMessage {
  messageId: string;
  from: string;
  to: string;
  subject: string;
}

/** What a format parser returns for one message. */
export interface FormatResult {
  records: DeliveryRecord[];
  /** Text holding the original message (headers first), when the format could tell where it starts. */
  original?: string;
}
