// How much `mailcheck domain` (and `ip`) looks up for one domain, whatever the DNS answers say. A
// domain is pointed at by strangers: one MX answer can name a thousand hosts, one PTR answer a
// thousand names. Past each cap the rest is counted and shown as "not followed", never queried.
// The README's "Reliability" section lists them; keep the two in step.

import { SPF_LOOKUP_LIMIT, SPF_MX_LIMIT, SPF_PTR_LIMIT } from '../spf/limits.js';

export const GATHER_LIMITS = {
  /** MX hosts looked up, by preference (RFC 7208 §4.6.4 lets an `mx` term name at most 10). */
  mxHosts: SPF_MX_LIMIT,
  /** A records and AAAA records kept per MX host (each family on its own). */
  addressesPerHost: 10,
  /** PTR names of one address that are forward-confirmed (RFC 7208 §4.6.4 uses 10 for `ptr`). */
  ptrNames: SPF_PTR_LIMIT,
  /** Addresses whose reverse DNS is checked per domain (--ip first, then MX addresses). */
  rdnsAddresses: 20,
  /** Addresses and names looked up on the blacklists per domain (--ip, the domain, MX, own SPF). */
  dnsblTargets: 20,
  /** DNS-querying SPF terms followed, in evaluation order (RFC 7208 §4.6.4: the 11th is a permerror). */
  spfLookups: SPF_LOOKUP_LIMIT,
  /** DMARC report destinations whose authorization record is looked up. */
  dmarcDestinations: 10,
} as const;

/** Per-domain time budget of `mailcheck domain` (--deadline), in milliseconds. */
export const DEFAULT_DEADLINE_MS = 30_000;
