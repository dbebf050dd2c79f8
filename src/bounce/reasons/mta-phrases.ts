// What an MTA writes about its own failure, when its format has no module of its own here: the sentence
// is the MTA's, so its meaning is certain (these rows follow the per-MTA tables of Sisimai's lhost modules).
import type { Reason } from '../types.js';

export const MTA_PHRASES: readonly [RegExp, Reason][] = [
  [/unable to deliver message to .*\(and other recipients in the same domain\)|unable to deliver message to .* please check if address is correct/i, 'userunknown'], // Trend Micro InterScan
  [/an mx or srv record indicated no smtp service|no mx found for domain/i, 'notaccept'], // Exim null MX, OpenSMTPD
  [/network error on destination mxs/i, 'networkerror'], // OpenSMTPD
  [/no valid recipients for this mm/i, 'userunknown'], // Verizon MMS gateway
  [/malformed address: .* may not follow/i, 'syntaxerror'], // Exim
  [/dns lookup failure: host .* not found/i, 'hostunknown'], // DragonFly
  [/user not listed in public name & address book|not listed in domino directory/i, 'userunknown'], // Lotus Notes
  [/could not find a gateway for|retry timeout exceeded|envelope expired|host not reachable|was not delivered within/i, 'expired'], // X3, GMX/Exim, OpenSMTPD, Zoho, au
  [/^routing: could not find/i, 'expired'],
];

export function mtaPhraseReason(text: string): Reason | undefined {
  for (const [re, reason] of MTA_PHRASES) if (re.test(text)) return reason;
  return undefined;
}
