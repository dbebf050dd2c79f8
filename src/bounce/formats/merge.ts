// Shared steps for human-readable formats: records from "address + indented details" blocks, and
// the RFC 3464 fields (when the bounce also carries them) merged in by recipient.
import type { ParsedMessage } from '../../mail/message.js';
import { emptyRecord, type DeliveryRecord } from '../types.js';
import { parseDsnFields } from '../dsn.js';
import { deliveryStatusPart } from './rfc3464.js';

/** Fills status, action, remote MTA (and a missing diagnostic) from the message's delivery-status part. */
export function mergeDeliveryStatus(records: DeliveryRecord[], message: ParsedMessage): DeliveryRecord[] {
  const part = deliveryStatusPart(message.body);
  if (!part) return records;
  const dsn = parseDsnFields(part).records;
  for (const record of records) {
    const match = dsn.find((d) => d.recipient.toLowerCase() === record.recipient.toLowerCase()) ?? (dsn.length === 1 && records.length === 1 ? dsn[0] : undefined);
    if (!match) continue;
    if (!record.status) record.status = match.status;
    if (!record.action) record.action = match.action;
    if (!record.remoteMta) record.remoteMta = match.remoteMta;
    if (!record.diagnostic) {
      record.diagnostic = match.diagnostic;
      record.diagnosticType = match.diagnosticType;
    }
    if (!record.diagnosticType) record.diagnosticType = match.diagnosticType;
    if (!record.lastAttempt && match.lastAttempt) record.lastAttempt = match.lastAttempt;
  }
  return records;
}

/** Records for the addresses listed in X-Failed-Recipients (Exim, Gmail and others set it). */
export function failedRecipients(message: ParsedMessage): DeliveryRecord[] {
  const list = (message.headers.get('x-failed-recipients') ?? []).join(',');
  return list
    .split(/[,\s]+/)
    .map((a) => a.trim().replace(/^<|>$/g, ''))
    .filter((a) => a.includes('@'))
    .map((a) => emptyRecord(a));
}
