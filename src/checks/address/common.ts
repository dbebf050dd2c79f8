import type { Check, CheckResult } from '../../core/check.js';
import type { EmailAddress } from '../../parse/address.js';
import type { AddressFacts } from '../../gather/address.js';

export type AddressCheck = Check<AddressFacts>;

/** The parsed address, when the row holds one. */
export function parsed(facts: AddressFacts): EmailAddress | undefined {
  return facts.parse?.ok ? facts.parse.address : undefined;
}

/** The parsed address when its domain is a DNS name (not an address literal). */
export function named(facts: AddressFacts): EmailAddress | undefined {
  const address = parsed(facts);
  return address && !address.ipLiteral ? address : undefined;
}

/** The result of a check that found nothing: one frozen object shared by every row (a list has many). */
export const NOTHING: CheckResult = Object.freeze({ status: 'complete', findings: Object.freeze([]) as unknown as CheckResult['findings'], found: Object.freeze([]) as unknown as CheckResult['found'], data: Object.freeze({}) });
