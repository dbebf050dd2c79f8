import { disposableMatch } from '../../address/disposable.js';
import { freeProvider } from '../../address/free-provider.js';
import { roleMailbox } from '../../address/role.js';
import { finding, spec } from '../common.js';
import { NOTHING, named, parsed, type AddressCheck } from './common.js';

/** A throw-away mailbox domain, from mailchecker's list and the CC0 disposable-email-domains list. */
export const disposableCheck: AddressCheck = {
  id: 'address-disposable',
  docs: '#reasons',
  requires: ['parse'],
  findings: [spec('address.disposable', 'warning')],
  run(facts) {
    const address = named(facts);
    const match = address ? disposableMatch(address.domain) : undefined;
    if (!address || !match) return NOTHING;
    return { status: 'complete', findings: [finding('address-disposable', 'address.disposable', 'warning', { domain: address.domain, listed: match.listed, source: match.source }, {})], found: [], data: {} };
  },
};

/** A role mailbox (info@, sales@, 采购@…): read by nobody in particular, risky for cold outreach. */
export const roleCheck: AddressCheck = {
  id: 'address-role',
  docs: '#reasons',
  requires: ['parse'],
  findings: [spec('address.role', 'warning')],
  run(facts) {
    const address = parsed(facts);
    const match = address ? roleMailbox(address.local) : undefined;
    if (!address || !match) return NOTHING;
    return { status: 'complete', findings: [finding('address-role', 'address.role', 'warning', { local: address.local, role: match.role, roleClass: match.roleClass }, {})], found: [], data: {} };
  },
};

/** A free (consumer) mailbox provider: informational, the buyer writes from a personal mailbox. */
export const freeProviderCheck: AddressCheck = {
  id: 'address-free-provider',
  docs: '#reasons',
  requires: ['parse'],
  findings: [spec('address.free-provider', 'info')],
  run(facts) {
    const address = named(facts);
    const provider = address ? freeProvider(address.domain) : undefined;
    if (!address || !provider) return NOTHING;
    return { status: 'complete', findings: [finding('address-free-provider', 'address.free-provider', 'info', { domain: address.domain, provider: provider.id, name: provider.name })], found: [], data: {} };
  },
};
