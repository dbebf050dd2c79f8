import { UsageError } from './exit-codes.js';

// Checks of command-line values shared by several commands.

/**
 * `fe80::1%eth0`: a zone index names an interface of this machine, not part of the address a
 * blacklist, a PTR or SPF can say anything about; refused the same way by every command.
 */
export function rejectZoneIndex(text: string, flag?: string): void {
  const at = text.indexOf('%');
  if (at < 0 || !text.slice(0, at).includes(':')) return;
  throw new UsageError('ip-zone-index', { value: text.trim(), zone: text.slice(at + 1).trim(), ...(flag ? { flag } : {}) });
}

/** Characters a HELO name (what an SMTP client sends) never holds: controls, and over 255 of them. */
export function isAcceptableHelo(text: string): boolean {
  return text.length <= 255 && !/[\u0000-\u001f\u007f-\u009f]/.test(text);
}
