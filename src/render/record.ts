import type { RecordFix } from '../core/finding.js';

/** A TXT value in zone-file form: quoted, `"` and `\` escaped, split into 255-byte strings when longer (RFC 1035 §3.3.14). */
export function quoteTxt(value: string): string {
  const bytes = Buffer.from(value, 'utf8');
  const parts: string[] = [];
  for (let i = 0; i < bytes.length || parts.length === 0; i += 255) parts.push(bytes.subarray(i, i + 255).toString('utf8'));
  return parts.map((p) => `"${p.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(' ');
}

/** `name. TYPE value`, ready to paste into a zone or a DNS provider's form. */
export function formatRecordFix(record: RecordFix): string {
  const name = record.name.endsWith('.') ? record.name : `${record.name}.`;
  return `${name} ${record.type} ${record.type === 'TXT' ? quoteTxt(record.value) : record.value}`;
}
