import { formatCharacterStrings } from '../dns/rdata.js';
import type { RecordFix } from '../core/finding.js';

/**
 * A TXT value in zone-file form (RFC 1035 §3.3.14, §5.1): quoted strings of at most 255 bytes, cut only
 * between UTF-8 characters, `"` and `\` escaped, control characters as `\DDD`. The zone formatter's
 * own form (src/dns/rdata.ts), so the line re-parses to the same value.
 */
export function quoteTxt(value: string): string {
  return formatCharacterStrings(value);
}

/** `name. TYPE value`, ready to paste into a zone or a DNS provider's form. */
export function formatRecordFix(record: RecordFix): string {
  const name = record.name.endsWith('.') ? record.name : `${record.name}.`;
  return `${name} ${record.type} ${record.type === 'TXT' ? quoteTxt(record.value) : record.value}`;
}
