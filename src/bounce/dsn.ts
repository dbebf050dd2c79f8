// RFC 3464 delivery-status fields: one per-message group, then one group per recipient.
import { emptyRecord, type DeliveryRecord } from './types.js';
import { cleanAddress, oneLine } from './text.js';
import { findReplyCode, findStatus, isStatus } from './reasons/status-codes.js';

export interface DsnFields {
  reportingMta: string;
  arrival: string;
  records: DeliveryRecord[];
}

const FIELD = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$/;
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

/** Parses every RFC 3464 field group in a text. Recipients without an address are dropped. */
export function parseDsnFields(text: string): DsnFields {
  const fields: DsnFields = { reportingMta: '', arrival: '', records: [] };
  let current: DeliveryRecord | null = null;
  let seen = new Set<string>();
  const start = () => {
    current = emptyRecord();
    seen = new Set();
    fields.records.push(current);
    return current;
  };
  for (const [name, value] of fieldLines(text)) {
    if (name === '') continue;
    if (RECIPIENT_FIELDS.has(name)) {
      let record: DeliveryRecord = current ?? start();
      // A recipient field already seen in this group starts the next recipient.
      if (seen.has(name) || (name === 'original-recipient' && seen.has('final-recipient') && seen.has('action'))) record = start();
      seen.add(name);
      const address = cleanAddress(typedValue(value).value);
      if (name === 'final-recipient' || name === 'x-actual-recipient' || !record.recipient) {
        if (address.includes('@') || !record.recipient) record.recipient = address;
      }
      continue;
    }
    const record = current as DeliveryRecord | null;
    switch (name) {
      case 'reporting-mta':
        fields.reportingMta = typedValue(value).value;
        break;
      case 'arrival-date':
        fields.arrival = value;
        break;
      case 'action':
        if (record) {
          record.action = value.toLowerCase().replace(/\s.*$/, '');
          seen.add('action');
        }
        break;
      case 'status':
        if (record) {
          const s = findStatus(value) || value.trim();
          record.status = isStatus(s) ? s : '';
        }
        break;
      case 'remote-mta':
        if (record) record.remoteMta = typedValue(value).value.replace(/^\[|\]$/g, '');
        break;
      case 'diagnostic-code':
        if (record) {
          const { type, value: text } = typedValue(value);
          record.diagnosticType = type.toUpperCase();
          record.diagnostic = oneLine(text);
          record.replyCode = findReplyCode(record.diagnostic);
        }
        break;
      case 'last-attempt-date':
        if (record) record.lastAttempt = value;
        break;
      default:
        break;
    }
  }
  for (const r of fields.records) if (fields.arrival && !r.arrival) r.arrival = fields.arrival;
  fields.records = fields.records.filter((r) => r.recipient.includes('@'));
  return fields;
}
