// RFC 3464 delivery-status fields: one per-message group, then one group per recipient.
import { emptyRecord, type DeliveryRecord } from './types.js';
import { addressesIn, cleanAddress, oneLine } from './text.js';
import { findReplyCode, findStatus, isStatus } from './reasons/status-codes.js';

export interface DsnFields {
  reportingMta: string;
  arrival: string;
  records: DeliveryRecord[];
}

const FIELD = /^([A-Za-z][A-Za-z0-9-]*):(.*)$/;
const RECIPIENT_FIELDS = new Set(['final-recipient', 'original-recipient', 'x-actual-recipient']);

/** Strips the address type ("rfc822; a@b" → "a@b"). */
export function typedValue(value: string): { type: string; value: string } {
  const semi = value.indexOf(';');
  if (semi < 0) return { type: '', value: value.trim() };
  return { type: value.slice(0, semi).trim(), value: value.slice(semi + 1).trim() };
}

/** Unfolds header-style lines of a text into [name, value] pairs (continuation lines joined). */
export function fieldLines(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of text.split('\n')) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && out.length > 0) {
      const last = out[out.length - 1] as [string, string];
      if (line.trim() !== '') last[1] += ' ' + line.trim();
      continue;
    }
    const m = FIELD.exec(line);
    if (m) out.push([(m[1] as string).toLowerCase(), (m[2] as string).trim()]);
    else if (line.trim() === '') out.push(['', '']);
  }
  return out;
}

/** True when a text holds RFC 3464 per-recipient fields. */
export function hasDsnFields(text: string): boolean {
  return /^(?:Final|Original)-Recipient:/im.test(text) && /^(?:Action|Status):/im.test(text);
}

/** An address: a local part, `@`, a domain, no spaces or pipes. */
function isPlainAddress(address: string): boolean {
  return address.lastIndexOf('@') > 0 && !/[\s|]/.test(address);
}

/** Parses every RFC 3464 field group in a text. Recipients without an address are dropped. */
export function parseDsnFields(text: string): DsnFields {
  const fields: DsnFields = { reportingMta: '', arrival: '', records: [] };
  let current: DeliveryRecord | null = null;
  // Whether the current record's recipient came from a plain address (not a source route).
  let plainRecipient = false;
  let seen = new Set<string>();
  let groupEnded = true;
  // A blank line ends a group; the next per-recipient field (in any order: some MTAs write Status before
  // Final-Recipient) opens a new recipient, and so does a recipient field seen twice in one group.
  const recordFor = (name: string): DeliveryRecord => {
    if (!current || groupEnded || seen.has(name)) {
      current = emptyRecord();
      plainRecipient = false;
      seen = new Set();
      groupEnded = false;
      fields.records.push(current);
    }
    seen.add(name);
    return current;
  };
  for (const [name, value] of fieldLines(text)) {
    if (name === '') {
      if (current) groupEnded = true;
      continue;
    }
    if (RECIPIENT_FIELDS.has(name)) {
      const record = recordFor(name);
      const raw = typedValue(value).value;
      const address = cleanAddress(raw);
      // Final-Recipient is the address; Original-Recipient or X-Actual-Recipient stand in when it is missing or
      // is a source route (`@relay:user@server`, RFC 5321 §4.1.2), which no sender wrote (lhost-messagingserver-02).
      const plain = isPlainAddress(address) && !/^\s*<?@/.test(raw);
      const replace = name === 'final-recipient' ? plain || !record.recipient : plain ? !plainRecipient : !record.recipient;
      if (replace) {
        record.recipient = address;
        plainRecipient = plain;
      }
      continue;
    }
    switch (name) {
      case 'reporting-mta':
        fields.reportingMta = typedValue(value).value;
        break;
      case 'arrival-date':
        fields.arrival = value;
        break;
      case 'action':
        recordFor(name).action = value.toLowerCase().split(/\s/, 1)[0] ?? '';
        break;
      case 'status': {
        const s = findStatus(value) || value.trim();
        const record = recordFor(name);
        record.status = isStatus(s) ? s : '';
        const open = value.indexOf('(');
        const close = value.lastIndexOf(')');
        if (open >= 0 && close > open) {
          const comment = value.slice(open + 1, close).trim();
          // "(permanent failure)" and the like only repeat the class.
          if (comment && !/^(?:permanent|temporary|transient|persistent)(?: failure| error)?$/i.test(comment)) record.statusComment = comment;
        }
        break;
      }
      case 'remote-mta':
        recordFor(name).remoteMta = typedValue(value).value.replace(/^\[|\]$/g, '');
        break;
      case 'diagnostic-code': {
        const record = recordFor(name);
        const { type, value: text } = typedValue(value);
        record.diagnosticType = type.toUpperCase();
        record.diagnostic = oneLine(text);
        record.replyCode = findReplyCode(record.diagnostic, record.status);
        break;
      }
      case 'last-attempt-date':
        recordFor(name).lastAttempt = value;
        break;
      default:
        break;
    }
  }
  for (const r of fields.records) {
    if (fields.arrival && !r.arrival) r.arrival = fields.arrival;
    if (fields.reportingMta) r.reportingMta = fields.reportingMta;
  }
  for (const r of fields.records) {
    // A pipe or file "recipient" (|/usr/bin/procmail … user@host) names the address it delivered for.
    if (/[\s|]/.test(r.recipient)) {
      const inside = addressesIn(r.recipient.replace(/[|]/g, ' '), { tld: true, max: 1 })[0];
      if (inside) r.recipient = cleanAddress(inside.address);
    }
  }
  fields.records = fields.records.filter((r) => r.recipient.includes('@'));
  return fields;
}
