import type { AddressCheck } from './common.js';
import { syntaxCheck } from './syntax.js';
import { mailCheck } from './mail.js';
import { typoCheck } from './typo.js';
import { disposableCheck, freeProviderCheck, roleCheck } from './quality.js';
import { duplicateCheck, suppressedCheck } from './list.js';

export type { AddressCheck };

/** The checks of one address (`mailcheck address`, each row of `mailcheck list`), in report order. */
export const ADDRESS_CHECKS: readonly AddressCheck[] = [syntaxCheck, suppressedCheck, typoCheck, mailCheck, disposableCheck, roleCheck, duplicateCheck, freeProviderCheck];

/** The reason ids an address can get, in the order of the README table. */
export const ADDRESS_REASONS = [
  'address.syntax',
  'address.typo',
  'address.domain-missing',
  'address.no-mail',
  'address.mx-unresolvable',
  'address.disposable',
  'address.role',
  'address.free-provider',
  'address.suppressed',
  'address.duplicate',
] as const;
