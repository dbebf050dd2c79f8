import { finding, spec } from '../common.js';
import { NOTHING, parsed, type AddressCheck } from './common.js';

/** Already hard-bounced or unsubscribed: on a `--suppress` file. */
export const suppressedCheck: AddressCheck = {
  id: 'address-suppressed',
  docs: '#reasons',
  requires: ['parse', 'suppressed'],
  findings: [spec('address.suppressed', 'error')],
  run(facts) {
    const address = parsed(facts);
    if (!address || !facts.suppressed) return NOTHING;
    return { status: 'complete', findings: [finding('address-suppressed', 'address.suppressed', 'error', { address: address.ascii, file: facts.suppressed.file, reason: facts.suppressed.reason }, {})], found: [], data: {} };
  },
};

/** The same mailbox on an earlier row (src/address/duplicate.ts decides "the same"): the later row is marked. */
export const duplicateCheck: AddressCheck = {
  id: 'address-duplicate',
  docs: '#reasons',
  requires: ['parse', 'duplicateOf'],
  findings: [spec('address.duplicate', 'warning')],
  run(facts) {
    const address = parsed(facts);
    if (!address || facts.duplicateOf === null) return NOTHING;
    return { status: 'complete', findings: [finding('address-duplicate', 'address.duplicate', 'warning', { address: address.ascii, firstRow: facts.duplicateOf }, {})], found: [], data: {} };
  },
};
