import { domainToASCII } from 'node:url';
import { parseIp } from './ip.js';

/**
 * A domain name as typed by a user → lower-case ASCII (IDNA via node:url), no trailing dot; or a
 * sentence saying why it is not one. Needs two labels unless `singleLabel` (a DNS lookup may ask about a
 * TLD); mail domains are never bare TLDs. Every command that takes a domain argument uses this.
 */
export function normalizeDomainInput(text: string, options: { singleLabel?: boolean } = {}): { domain: string } | { error: string } {
  const trimmed = text.trim().replace(/\.$/, '');
  if (trimmed === '') return { error: 'empty domain name' };
  if (parseIp(trimmed)) return { error: `"${text}" is an IP address, not a domain (use mailcheck ip ${trimmed})` };
  if (trimmed.includes('@')) return { error: `"${text}" is an email address; give its domain (${trimmed.slice(trimmed.lastIndexOf('@') + 1)})` };
  if (/[/:\s]/.test(trimmed)) return { error: `"${text}" is not a domain name` };
  const ascii = domainToASCII(trimmed);
  if (ascii === '') return { error: `"${text}" is not a valid domain name` };
  const labels = ascii.split('.');
  if (labels.length < 2 && !options.singleLabel) return { error: `"${text}" is not a full domain name (expected something like example.com)` };
  if (ascii.length > 253) return { error: `"${text}" is longer than 253 characters` };
  for (const label of labels) {
    if (label.length === 0 || label.length > 63 || !/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?$/.test(label)) {
      return { error: `"${text}" is not a valid domain name (label "${label}")` };
    }
  }
  return { domain: ascii };
}

/** A DKIM selector (RFC 6376 §3.1: dot-separated sub-domain labels). */
export function isValidSelector(text: string): boolean {
  return text.length <= 253 && text.split('.').every((l) => /^[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?$/.test(l));
}
