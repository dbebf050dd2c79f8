import { domainToASCII } from 'node:url';
import { parseIp } from './ip.js';

/** Why a text is not a domain name: a CLI error id (`domain.<code>`) and the facts its words need. */
export interface DomainInputError {
  code: 'empty' | 'ip' | 'email' | 'not-domain' | 'invalid' | 'single-label' | 'too-long' | 'label';
  text: string;
  /** The IP given (code `ip`), the address's domain (`email`), or the bad label (`label`). */
  detail?: string;
}

/**
 * A domain name as typed by a user → lower-case ASCII (IDNA via node:url), no trailing dot; or why it
 * is not one. Needs two labels unless `singleLabel` (a DNS lookup may ask about a TLD); mail domains
 * are never bare TLDs. Every command that takes a domain argument uses this.
 */
export function normalizeDomainInput(text: string, options: { singleLabel?: boolean } = {}): { domain: string } | { error: DomainInputError } {
  const trimmed = text.trim().replace(/\.$/, '');
  const fail = (code: DomainInputError['code'], detail?: string) => ({ error: detail === undefined ? { code, text } : { code, text, detail } });
  if (trimmed === '') return fail('empty');
  if (parseIp(trimmed)) return fail('ip', trimmed);
  if (trimmed.includes('@')) return fail('email', trimmed.slice(trimmed.lastIndexOf('@') + 1));
  if (/[/:\s]/.test(trimmed)) return fail('not-domain');
  const ascii = domainToASCII(trimmed);
  if (ascii === '') return fail('invalid');
  const labels = ascii.split('.');
  if (labels.length < 2 && !options.singleLabel) return fail('single-label');
  if (ascii.length > 253) return fail('too-long');
  for (const label of labels) {
    if (label.length === 0 || label.length > 63 || !/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?$/.test(label)) return fail('label', label);
  }
  return { domain: ascii };
}

/** A DKIM selector (RFC 6376 §3.1: dot-separated sub-domain labels). */
export function isValidSelector(text: string): boolean {
  return text.length <= 253 && text.split('.').every((l) => /^[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?$/.test(l));
}
