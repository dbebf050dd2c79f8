// qmail (and qmail-like notices: "Unable to deliver message to the following address(es)."): each
// recipient as "<address>:" on its own line, then the reason, until a blank line.
import type { BounceFormat } from '../format.js';
import type { ParsedMessage } from '../../mail/message.js';
import { emptyRecord, type DeliveryRecord, type Reason } from '../types.js';
import { cleanAddress, findCommand, joinReplyLines, splitOriginal } from '../text.js';

// qmail's own sentences and what they mean (as Sisimai's qmail module reads them). Earlier rows win, so
// the generic "in the queue too long" (expired) only applies when no specific cause is given.
const QMAIL_REASONS: readonly [RegExp, Reason][] = [
  [/couldn't find a mail exchanger or ip address/i, 'notaccept'],
  [/couldn't find any host (?:named|by that name)|no host by that name/i, 'hostunknown'],
  [/but my name was rejected|but greeting failed/i, 'blocked'],
  [/unable to contact ldap server|temporary failure in ldap lookup|ldap .*(?:error|failure)/i, 'systemerror'],
  [/wasn't able to establish an smtp connection|connection refused|no route to host/i, 'networkerror'],
  [/account is locked email bounced|user is over quota|mailbox is disabled/i, 'suspend'],
  [/no mailbox here by that name|user unknown|bad destination mailbox/i, 'userunknown'],
  [/this message has been in the queue too long|have been failing for a long time/i, 'expired'],
];

export function qmailReason(text: string): Reason | undefined {
  for (const [re, reason] of QMAIL_REASONS) if (re.test(text)) return reason;
  return undefined;
}

const INTRO = /wasn't able to deliver your message to the following addresses|unable to deliver (?:your )?message to the following address(?:es|\(es\))|could not be delivered to the following address/i;

function isQmail(m: ParsedMessage): boolean {
  return /^Hi\. This is the qmail-send program/m.test(m.body.slice(0, 3000)) || INTRO.test(m.body.slice(0, 3000));
}

export const qmail: BounceFormat = {
  id: 'qmail',
  detect: isQmail,
  parse(m) {
    const { report, original } = splitOriginal(m.body);
    const lines = report.split('\n');
    const records: DeliveryRecord[] = [];
    for (let i = 0; i < lines.length; i++) {
      const hit = /^<([^>\s@]+@[^>\s]+)>:(.*)$/.exec(lines[i] as string);
      if (!hit) continue;
      const body = [hit[2] as string];
      for (let j = i + 1; j < lines.length && (lines[j] as string).trim() !== '' && !/^<[^>\s@]+@[^>\s]+>:/.test(lines[j] as string); j++) body.push(lines[j] as string);
      const record = emptyRecord(cleanAddress(hit[1] as string));
      record.diagnostic = joinReplyLines(body.filter((l) => l.trim() !== ''));
      record.command = /but sender was rejected/i.test(record.diagnostic) ? 'MAIL' : /but my name was rejected|greeting failed/i.test(record.diagnostic) ? 'HELO' : findCommand(record.diagnostic);
      // The reason qmail states itself, unless the remote server's own reply is quoted.
      const own = qmailReason(record.diagnostic);
      if (own && !/remote host said:/i.test(record.diagnostic)) record.reason = own;
      records.push(record);
    }
    return records.length ? { records, original } : null;
  },
};
