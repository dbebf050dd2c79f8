// Domain-name checks shared by the SPF evaluator and the SPF gatherer.

/**
 * True when a DNS query can be composed for the name (RFC 1035 §2.3.4): no empty label, no label over
 * 63 octets, at most 253 characters without the trailing dot. A single trailing dot is allowed.
 */
export function isQueryableName(name: string): boolean {
  const trimmed = name.endsWith('.') ? name.slice(0, -1) : name;
  if (trimmed === '' || trimmed.length > 253) return false;
  return trimmed.split('.').every((label) => label.length > 0 && label.length <= 63);
}

/**
 * RFC 7208 §4.3: a domain the check can start from is a fully qualified domain name — at least two
 * labels, all queryable. (`A2345678` or `[1.2.3.5]` give the result none.)
 */
export function isCheckableDomain(name: string): boolean {
  const trimmed = name.endsWith('.') ? name.slice(0, -1) : name;
  if (!isQueryableName(trimmed) || !trimmed.includes('.')) return false;
  // A domain literal or an address is not a domain name.
  return !/^\[.*\]$/.test(trimmed) && !/^[\d.]+$/.test(trimmed);
}

/**
 * §7.3 (last paragraph): when an expanded name is longer than 253 characters, labels are removed from
 * the left until it fits.
 */
export function truncateDomain(name: string): string {
  let current = name;
  while (current.length > 253) {
    const dot = current.indexOf('.');
    if (dot < 0) return current;
    current = current.slice(dot + 1);
  }
  return current;
}
