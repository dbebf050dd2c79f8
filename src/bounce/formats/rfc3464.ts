// Generic RFC 3464 delivery status notification: any MTA that writes message/delivery-status.
import type { BounceFormat } from '../format.js';
import type { ParsedMessage } from '../../mail/message.js';
import { MAX_RECIPIENTS, type FormatResult } from '../types.js';
import { hasDsnFields, parseDsnFields } from '../dsn.js';
import { findCommand, joinReplyLines, paragraphIndex, splitOriginal } from '../text.js';

/** The delivery-status part of the body ('' when there is none). */
export function deliveryStatusPart(body: string): string {
  const m = /^Content-Type:\s*message\/(?:global-)?delivery-status\s*$/im.exec(body);
  if (!m) return '';
  const rest = body.slice(m.index + m[0].length);
  const next = /^Content-Type:\s*(?:message|text)\//im.exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}

/** The report up to its delivery-status part (the human-readable words). */
export function humanPart(report: string): string {
  const m = /^Content-Type: message\/(?:global-)?delivery-status/im.exec(report);
  return m ? report.slice(0, m.index) : report;
}

/** Parses the DS fields of a message, taking the command from the human-readable part when it names one. */
export function parseRfc3464(message: ParsedMessage): FormatResult | null {
  const { report, original } = splitOriginal(message.body);
  const part = deliveryStatusPart(message.body) || (hasDsnFields(report) ? report : '');
  if (!part) return null;
  const fields = parseDsnFields(part);
  if (fields.records.length === 0) return null;
  const human = humanPart(report);
  const aboutHuman = paragraphIndex(human);
  const aboutReport = paragraphIndex(report);
  // Only the recipients that will be read get the lookups (the rest are counted: MAX_RECIPIENTS).
  for (const record of fields.records.slice(0, MAX_RECIPIENTS)) {
    // No Diagnostic-Code: the human-readable part usually quotes the server about this recipient.
    if (!record.diagnostic) record.diagnostic = joinReplyLines(aboutHuman(record.recipient).split('\n'));
    if (!record.command) record.command = findCommand(record.diagnostic) || findCommand(aboutReport(record.recipient));
  }
  if (fields.records.length === 1 && !fields.records[0]!.command) fields.records[0]!.command = findCommand(human);
  return { records: fields.records, original };
}

export const rfc3464: BounceFormat = {
  id: 'RFC3464',
  detect: (message) => message.hasDeliveryStatus || hasDsnFields(message.body),
  parse: parseRfc3464,
};
