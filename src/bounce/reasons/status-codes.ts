// RFC 3463 enhanced status codes → reason, and the codes used when a bounce gives none.
// The mapping follows Sisimai's (BSD-2-Clause) so results compare; IANA registry for the meanings.
import type { Reason } from '../types.js';

/** Reason implied by a specific enhanced status code; x.0.0-style generic codes map to nothing. */
export const STATUS_REASONS: Readonly<Record<string, Reason>> = {
  '2.1.5': 'delivered',
  '4.1.6': 'hasmoved', '4.1.7': 'rejected', '4.1.8': 'rejected', '4.1.9': 'systemerror',
  '4.2.1': 'blocked', '4.2.2': 'mailboxfull', '4.2.3': 'exceedlimit', '4.2.4': 'filtered',
  '4.3.1': 'systemfull', '4.3.2': 'notaccept', '4.3.3': 'systemerror', '4.3.5': 'systemerror',
  '4.4.1': 'expired', '4.4.2': 'networkerror', '4.4.3': 'systemerror', '4.4.4': 'networkerror',
  '4.4.5': 'systemfull', '4.4.6': 'networkerror', '4.4.7': 'expired', '4.4.8': 'networkerror',
  '4.5.3': 'systemerror', '4.5.5': 'systemerror',
  '4.6.0': 'contenterror', '4.6.2': 'contenterror', '4.6.5': 'contenterror',
  '4.7.1': 'blocked', '4.7.2': 'blocked', '4.7.5': 'securityerror', '4.7.6': 'securityerror',
  '4.7.7': 'securityerror', '4.7.12': 'securityerror', '4.7.15': 'securityerror', '4.7.16': 'mesgtoobig',
  '4.7.24': 'authfailure', '4.7.25': 'requireptr', '4.7.26': 'authfailure',
  '5.1.0': 'userunknown', '5.1.1': 'userunknown', '5.1.2': 'hostunknown', '5.1.3': 'userunknown',
  '5.1.4': 'filtered', '5.1.6': 'hasmoved', '5.1.7': 'rejected', '5.1.8': 'rejected', '5.1.9': 'systemerror',
  '5.1.10': 'notaccept',
  '5.2.0': 'filtered', '5.2.1': 'filtered', '5.2.2': 'mailboxfull', '5.2.3': 'exceedlimit', '5.2.4': 'filtered',
  '5.3.0': 'systemerror', '5.3.1': 'systemfull', '5.3.2': 'notaccept', '5.3.3': 'systemerror',
  '5.3.4': 'mesgtoobig', '5.3.5': 'systemerror',
  '5.4.0': 'networkerror', '5.4.3': 'systemerror', '5.4.4': 'hostunknown',
  '5.5.2': 'syntaxerror', '5.5.3': 'toomanyconn', '5.5.4': 'systemerror', '5.5.5': 'systemerror', '5.5.6': 'syntaxerror',
  '5.6.0': 'contenterror', '5.6.1': 'contenterror', '5.6.2': 'contenterror', '5.6.3': 'contenterror',
  '5.6.5': 'contenterror', '5.6.6': 'contenterror', '5.6.7': 'contenterror', '5.6.8': 'contenterror', '5.6.9': 'contenterror',
  '5.7.0': 'securityerror', '5.7.1': 'securityerror', '5.7.2': 'securityerror', '5.7.3': 'securityerror',
  '5.7.4': 'securityerror', '5.7.5': 'securityerror', '5.7.6': 'securityerror', '5.7.7': 'securityerror',
  '5.7.8': 'securityerror', '5.7.9': 'securityerror', '5.7.10': 'securityerror', '5.7.11': 'securityerror',
  '5.7.13': 'suspend', '5.7.14': 'securityerror', '5.7.15': 'securityerror', '5.7.16': 'mesgtoobig',
  '5.7.17': 'hasmoved', '5.7.18': 'hasmoved', '5.7.19': 'securityerror',
  '5.7.20': 'authfailure', '5.7.21': 'authfailure', '5.7.22': 'authfailure', '5.7.23': 'authfailure',
  '5.7.24': 'authfailure', '5.7.25': 'requireptr', '5.7.26': 'authfailure', '5.7.27': 'notaccept',
  '5.7.28': 'spamdetected', '5.7.29': 'authfailure', '5.7.30': 'failedstarttls',
};

/** Reason named by a status code, '' when the code is generic or unknown. */
export function reasonOfStatus(status: string): Reason | '' {
  return STATUS_REASONS[status] ?? '';
}

// Internal "x.0.9NN" codes stand in when a bounce carries no status, so every record has one (Sisimai's scheme).
const INTERNAL_CODES: Readonly<Partial<Record<Reason, number>>> = {
  authfailure: 926, badreputation: 975, blocked: 971, contenterror: 960, exceedlimit: 923, expired: 947,
  failedstarttls: 976, filtered: 910, hasmoved: 916, hostunknown: 912, mailboxfull: 922, mailererror: 939,
  mesgtoobig: 934, networkerror: 944, norelaying: 909, notaccept: 932, notcompliantrfc: 974, onhold: 901,
  policyviolation: 972, rejected: 918, requireptr: 973, securityerror: 970, spamdetected: 980, speeding: 946,
  suppressed: 903, suspend: 921, systemerror: 930, systemfull: 931, syntaxerror: 902, toomanyconn: 945,
  userunknown: 911, undefined: 900, virusdetected: 981,
};
const NO_TEMPORARY_CODE = new Set<Reason>(['hasmoved', 'hostunknown', 'userunknown']);

/** The internal status for a reason (4.0.9NN when temporary, 5.0.9NN otherwise); '' for reasons without one. */
export function internalStatus(reason: Reason, temporary: boolean): string {
  const n = INTERNAL_CODES[reason];
  if (n === undefined) return '';
  return `${temporary && !NO_TEMPORARY_CODE.has(reason) ? 4 : 5}.0.${n}`;
}

const STATUS_IN_TEXT = /(?:^|[^\d.])([245]\.\d{1,3}\.\d{1,3})(?![\d.]*\d)/;
const STATUS_FIELD = /^[245]\.\d{1,3}\.\d{1,3}$/;

export function isStatus(value: string): boolean {
  return STATUS_FIELD.test(value);
}

// A remote server's reply quoted inside the reporting MTA's own words: "… error 550-'5.7.1 …'" or
// "… expired.<421 4.4.2 Connection timed out>". The quoted reply is the real cause.
const NESTED_REPLY = /\b([245]\d\d)-'([245]\.\d{1,3}\.\d{1,3})\b|<([245]\d\d) ([245]\.\d{1,3}\.\d{1,3})\b/;

/** The status and reply code of a reply quoted inside the diagnostic, when there is one. */
export function findNestedReply(text: string): { status: string; reply: string } | null {
  const m = NESTED_REPLY.exec(text);
  if (!m || m.index < 3) return null;
  return { reply: (m[1] ?? m[3]) as string, status: (m[2] ?? m[4]) as string };
}

/** First enhanced status code written in a text (e.g. "550 5.1.1 <x>: unknown" → 5.1.1), '' when none. */
export function findStatus(text: string): string {
  const m = STATUS_IN_TEXT.exec(text);
  if (!m) return '';
  // An IP address fragment ("192.0.2.5") is not a status: require the digits not to continue as a dotted quad.
  return m[1] as string;
}

// Reply codes in the order they are looked for: a permanent code anywhere in the text wins over a
// temporary one earlier in it (a transcript often shows "451 … then 550 …"); RFC 5321, 4954, 7504.
const REPLY_CODES: Readonly<Record<string, readonly string[]>> = {
  '2': ['211', '214', '220', '221', '235', '250', '251', '252', '253', '334', '354'],
  '4': ['421', '450', '451', '452', '422', '430', '432', '453', '454', '455', '458', '459'],
  '5': ['550', '552', '553', '551', '521', '525', '523', '524', '530', '533', '534', '535', '538', '555', '556', '554', '500', '501', '502', '503', '504'],
};
const ANY_CLASS = [...(REPLY_CODES['5'] as string[]), ...(REPLY_CODES['4'] as string[]), ...(REPLY_CODES['2'] as string[])];
const isDigitOrDot = (c: string | undefined) => c !== undefined && c >= '.' && c <= '9' && c !== '/';

/** The SMTP reply code in a text ('' when none); `status` (e.g. 5.1.1) limits the search to its class. */
export function findReplyCode(text: string, status = ''): string {
  if (text.length < 3 || /x-unix/i.test(text)) return '';
  const codes = REPLY_CODES[status[0] ?? ''] ?? ANY_CLASS;
  const padded = ` ${text} `;
  for (const code of codes) {
    let at = padded.indexOf(code, 1);
    while (at > 0) {
      // Not part of a number, an IP address or an IPv6 group ("2606:2800:220:6d").
      const ipv6 = padded[at - 1] === ':' && /[0-9a-f]/i.test(padded[at - 2] ?? '');
      if (!isDigitOrDot(padded[at - 1]) && !ipv6 && !isDigitOrDot(padded[at + 3])) return code;
      at = padded.indexOf(code, at + 3);
    }
  }
  return '';
}

/**
 * Chooses between the Status: field and a status quoted in the diagnostic (Sisimai's preference rules):
 * the one whose class agrees with the reply code, else the more specific one.
 */
export function preferStatus(field: string, inText: string, reply: string): string {
  if (!field) return inText;
  if (!inText) return field;
  if (field === inText) return field;
  const r = reply ? reply[0] : '';
  if (r && field[0] !== inText[0]) {
    if (r === field[0]) return field;
    if (r === inText[0]) return inText;
  }
  const fieldZero = field.includes('.0');
  const textZero = inText.includes('.0');
  if (field.endsWith('.0.0') || /^\d\.0\.0$/.test(field)) return textZero && /\.0\.0$/.test(inText) ? field : inText;
  if (fieldZero && !textZero) return inText;
  if (/\.0\.0$/.test(inText)) return field;
  if (field === '4.4.7' || field === '4.7.0') return inText;
  if (field.startsWith('5.3.')) return inText;
  if (/^\d\.5\.[1245]$/.test(field)) return inText;
  if (field === '5.1.1') return textZero || inText.startsWith('5.5.') ? field : inText;
  if (field === '5.1.3' && inText.startsWith('5.7.')) return inText;
  return field;
}

const FAILING_REPLY = /(?:^|[^\d.])([45]\d\d)[ -]([45]\.\d{1,3}\.\d{1,3})(?![\d.]*\d)/;

/**
 * The first failing reply (4xx/5xx with its enhanced status) in a text, for transcripts where an earlier
 * "250 2.1.5 Ok" comes first: a recipient's status comes from its own failing reply. null when none.
 */
export function findFailingReply(text: string): { reply: string; status: string } | null {
  const m = FAILING_REPLY.exec(text);
  return m ? { reply: m[1] as string, status: m[2] as string } : null;
}
