// RFC 3834 automatic responses (vacation / out-of-office): not a bounce, the address works.
import type { BounceFormat } from '../format.js';
import type { ParsedMessage } from '../../mail/message.js';
import { emptyRecord } from '../types.js';
import { findAddress, oneLine } from '../text.js';
import { looksLikeBounce } from './scanner.js';

const AUTO_SUBJECT = /^(?:auto(?:matic)?[ -]?(?:reply|response|antwort)|out of (?:the )?office|vacation|absence|abwesenheit|autoreply|自动回复|自動返信|不在)|\b(?:auto(?:matic)? reply|out of (?:the )?office|on vacation)\b/i;

function isAutoReply(m: ParsedMessage): boolean {
  const auto = m.header('auto-submitted').toLowerCase();
  if (auto.startsWith('auto-replied')) return true;
  if (m.header('x-autoreply') || m.header('x-autorespond') || m.header('x-autoreply-from')) return true;
  if (/^(?:auto_reply|autoreply)/i.test(m.header('x-auto-response-suppress'))) return true;
  if (m.header('precedence').toLowerCase() === 'auto_reply') return true;
  return AUTO_SUBJECT.test(m.subject.trim());
}

export const rfc3834: BounceFormat = {
  id: 'RFC3834',
  detect: (m) => isAutoReply(m) && !looksLikeBounce(m) && !/^(?:Final-Recipient|Diagnostic-Code):/im.test(m.body),
  parse(m) {
    const recipient = findAddress(m.header('from'));
    if (!recipient) return null;
    const record = emptyRecord(recipient);
    record.reason = 'vacation';
    record.diagnostic = oneLine(m.body.slice(0, 400));
    return { records: [record] };
  },
};
