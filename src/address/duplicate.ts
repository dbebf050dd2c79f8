import { freeProviderIndex } from '../data/free-providers.js';
import type { EmailAddress } from '../parse/address.js';

// The key two rows share when they name the same mailbox. The domain is case-insensitive (RFC 5321 §2.4); the
// local part is compared as written (RFC 5321 §2.4: only the receiving host may fold it) except at providers
// whose folding is documented in src/data/free-providers.ts (Gmail: case, dots and `+tag` ignored, googlemail.com
// = gmail.com). Other providers' `+tag` handling is not folded: none is sourced yet.

export interface DuplicateKeyOptions {
  /** Fold the local part's case everywhere (most receivers do, none must). Default: only where documented. */
  foldCase?: boolean;
}

export function duplicateKey(address: Pick<EmailAddress, 'local' | 'domain'>, options: DuplicateKeyOptions = {}): string {
  let domain = address.domain.toLowerCase();
  let local = address.local;
  const folding = freeProviderIndex().get(domain)?.folding;
  if (folding) {
    if (folding.sameMailbox && folding.sameMailbox.includes(domain)) domain = folding.sameMailbox[0] as string;
    if (!local.startsWith('"')) {
      if (folding.plus) {
        const plus = local.indexOf('+');
        if (plus > 0) local = local.slice(0, plus);
      }
      if (folding.dots) local = local.replace(/\./g, '');
    }
    if (folding.caseInsensitive) local = local.toLowerCase();
  }
  if (options.foldCase) local = local.toLowerCase();
  return `${local}@${domain}`;
}
