// Notices written as "label: value" lines (Chinese providers' 退信 mails and similar): the recipient after
// 收件人/收信人/Recipient, the server's words after 退信原因/失败原因/服务器返回信息/Reason.
import { emptyRecord, type DeliveryRecord } from '../types.js';
import { cleanAddress, findCommand, oneLine } from '../text.js';
import { findReplyCode } from '../reasons/status-codes.js';

const RECIPIENT_LABEL = /^\s*(?:收件人|收信人|收件地址|收件者|收件人地址|原收件人|recipient(?: address)?|target mail address|to|宛先)\s*[：:]\s*(.*)$/i;
const LIST_INTRO = /(?:以下收件人|下列(?:地址|收件人|收件者)|following (?:recipients?|address(?:es)?))[^\n]*[：:]?\s*$/i;
const REASON_LABEL = /^\s*(?:退信原因|失败原因|错误原因|原因|错误信息|服务器返回信息|服务器回复|服务器返回|对方服务器返回|返回信息|reason|reject reason|error|remote server said|diagnostic)\s*[：:]\s*(.*)$/i;
const ADDRESS = /<?([^\s<>"'()（）,;:：@[\]]+@[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,})>?/g;

export function parseLabeled(report: string): DeliveryRecord[] {
  const lines = report.split('\n');
  const recipients: string[] = [];
  const reasons: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const r = RECIPIENT_LABEL.exec(line);
    if (r) {
      for (const m of (r[1] as string).matchAll(ADDRESS)) recipients.push(cleanAddress(m[1] as string));
      continue;
    }
    if (LIST_INTRO.test(line)) {
      for (let j = i + 1; j < lines.length; j++) {
        const next = lines[j] as string;
        if (next.trim() === '') {
          if (recipients.length) break;
          continue;
        }
        const found = [...next.matchAll(ADDRESS)];
        if (found.length === 0 || !/^\s*<?[^\s@]+@/.test(next)) break;
        for (const m of found) recipients.push(cleanAddress(m[1] as string));
      }
      continue;
    }
    const why = REASON_LABEL.exec(line);
    if (why && (why[1] as string).trim()) reasons.push((why[1] as string).trim());
  }
  if (recipients.length === 0) return [];
  // The server's own reply (with an SMTP code) says the most; the provider's paraphrase is kept after it.
  const ordered = [...reasons.filter((r) => findReplyCode(r)), ...reasons.filter((r) => !findReplyCode(r))];
  const diagnostic = oneLine(ordered.join(' '));
  return [...new Set(recipients)].map((address) => {
    const record = emptyRecord(address);
    record.diagnostic = diagnostic;
    record.command = findCommand(diagnostic);
    return record;
  });
}
