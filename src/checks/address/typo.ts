import { receivesNoMail } from '../../gather/address.js';
import { finding, spec } from '../common.js';
import { NOTHING, named, type AddressCheck } from './common.js';

const CHECK = 'address-typo';

/**
 * A typo suggestion exists only when the typed domain does not receive mail (or could not be checked)
 * and the suggested domain does (gather/address.ts asks DNS): an error when the typed domain is known
 * to receive no mail, a warning when its lookups failed. A domain that receives mail is never "corrected".
 */
export const typoCheck: AddressCheck = {
  id: CHECK,
  docs: '#reasons',
  requires: ['parse', 'mail', 'typo'],
  findings: [spec('address.typo', ['error', 'warning'])],
  run(facts) {
    const address = named(facts);
    const { mail, typo } = facts;
    if (!address || !mail || !typo) return NOTHING;
    const severity = receivesNoMail(mail.status) ? 'error' : 'warning';
    const suggestion = `${address.local}@${typo.domain}`;
    return {
      status: 'complete',
      findings: [finding(CHECK, 'address.typo', severity, { domain: address.domain, suggested: typo.domain, suggestion, kind: typo.kind, status: mail.status, freeProvider: typo.freeProvider ?? null }, {})],
      found: [],
      data: { suggestion },
    };
  },
};
