import { finding, lookupFailedFinding, spec } from '../common.js';
import type { AddressCheck } from './common.js';

const CHECK = 'address-mail';

/**
 * Does the domain receive mail (gather/address.ts, from the MX gathering of `mailcheck domain`)? NXDOMAIN,
 * a null MX or no MX and no A/AAAA, or MX hosts without addresses: the address cannot receive mail. A
 * lookup that failed is "could not check" (`dns.lookup-failed`), never "no MX".
 */
export const mailCheck: AddressCheck = {
  id: CHECK,
  docs: '#reasons',
  requires: ['mail'],
  findings: [spec('address.domain-missing', 'error'), spec('address.no-mail', 'error'), spec('address.mx-unresolvable', 'error'), spec('dns.lookup-failed', 'warning')],
  run({ mail }) {
    if (!mail) return { status: 'skipped', findings: [], found: [], data: {} };
    const { domain } = mail;
    const data = { status: mail.status, hosts: mail.hosts, provider: mail.provider, via: mail.via ?? null };
    switch (mail.status) {
      case 'mail':
        return { status: 'complete', findings: [], found: [], data };
      case 'nxdomain':
        return { status: 'complete', findings: [finding(CHECK, 'address.domain-missing', 'error', { domain }, {})], found: [], data };
      case 'null-mx':
        return { status: 'complete', findings: [finding(CHECK, 'address.no-mail', 'error', { domain, kind: 'null-mx' }, {})], found: [], data };
      case 'no-mail':
        return { status: 'complete', findings: [finding(CHECK, 'address.no-mail', 'error', { domain, kind: 'none' }, {})], found: [], data };
      case 'mx-unresolvable':
        return { status: 'complete', findings: [finding(CHECK, 'address.mx-unresolvable', 'error', { domain, hosts: mail.hosts }, {})], found: [], data };
      case 'failed': {
        const failed = mail.failed ?? { name: domain, type: 'MX' as const, outcome: 'error' as const };
        const onHost = failed.name !== domain;
        return { status: 'failed', findings: [lookupFailedFinding(CHECK, failed, onHost ? 'mx-host' : 'mx', onHost ? { host: failed.name } : {})], found: [], data };
      }
    }
  },
};
