// Generic RFC 3464 delivery status notification: any MTA that writes message/delivery-status.
import type { BounceFormat } from '../format.js';
import type { ParsedMessage } from '../message.js';
import type { FormatResult } from '../types.js';
import { hasDsnFields, parseDsnFields } from '../dsn.js';
import { findCommand, splitOriginal } from '../text.js';

/** The delivery-status part of the body ('' when there is none). */
export function deliveryStatusPart(body: string): string {
  const m = /^Content-Type:\s*message\/(?:global-)?delivery-status\s*$/im.exec(body);
  if (!m) return '';
  const rest = body.slice(m.index + m[0].length);
  const next = /^Content-Type:\s*(?:message|text)\//im.exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}

/** Parses the DS fields of a message, taking the command from the human-readable part when it names one. */
export function parseRfc3464(message: ParsedMessage): FormatResult | null {
  const { report, original } = splitOriginal(message.body);
  const part = deliveryStatusPart(message.body) || (hasDsnFields(report) ? report : '');
  if (!part) return null;
  const fields = parseDsnFields(part);
  if (fields.records.length === 0) return null;
  for (const record of fields.records) {
    if (!record.command) record.command = findCommand(record.diagnostic);
  }
  return { records: fields.records, original };
}

export const rfc3464: BounceFormat = {
  id: 'RFC3464',
  detect: (message) => message.hasDeliveryStatus || hasDsnFields(message.body),
  parse: parseRfc3464,
};
