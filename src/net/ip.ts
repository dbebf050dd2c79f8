import ipaddr from 'ipaddr.js';

// IP parsing and the DNS names derived from addresses. ipaddr.js does the address math
// (IPv6 compression forms, IPv4-mapped, ranges); we only shape its output into DNS labels.

export type IpVersion = 4 | 6;

export interface ParsedIp {
  /** Canonical text: dotted quad, or RFC 5952 compressed IPv6. */
  address: string;
  version: IpVersion;
  /** ipaddr.js range name: unicast, private, loopback, reserved, linkLocal, uniqueLocal, ... */
  range: string;
  bytes: number[];
}

/** Parses a strict IPv4 dotted quad or an IPv6 address; undefined for anything else. */
export function parseIp(text: string): ParsedIp | undefined {
  const trimmed = text.trim();
  // ipaddr.js's validators throw and catch an Error for every non-address (about 70 µs each): a
  // host name is turned away by this shape test first (a dotted quad is all ipaddr.js accepts here).
  if (/^\d+(?:\.\d+){3}$/.test(trimmed) && ipaddr.IPv4.isValidFourPartDecimal(trimmed)) {
    const ip = ipaddr.IPv4.parse(trimmed);
    return { address: ip.toString(), version: 4, range: ip.range(), bytes: ip.toByteArray() };
  }
  if (trimmed.includes(':') && ipaddr.IPv6.isValid(trimmed)) {
    const ip = ipaddr.IPv6.parse(trimmed);
    return { address: ip.toString(), version: 6, range: ip.range(), bytes: ip.toByteArray() };
  }
  return undefined;
}

/** The 32 nibbles of an IPv6 address (or the 4 octets of IPv4), most significant first. */
function labels(ip: ParsedIp): string[] {
  if (ip.version === 4) return ip.bytes.map(String);
  return ip.bytes.flatMap((b) => [(b >> 4).toString(16), (b & 15).toString(16)]);
}

/** The labels in address order, dotted: `192.0.2.1`, or 32 lower-case IPv6 nibbles (SPF's `%{i}`). */
export function dottedLabels(ip: ParsedIp): string {
  return labels(ip).join('.');
}

/** Reversed labels, as DNSBLs (RFC 5782) and reverse zones use them: `2.0.0.127`, `1.0.0.0....8.b.d.0.1.0.0.2`. */
export function reversedLabels(ip: ParsedIp): string {
  return labels(ip).reverse().join('.');
}

/** The PTR owner name: `4.3.2.1.in-addr.arpa` or the 32-nibble `ip6.arpa` name. */
export function reverseName(ip: ParsedIp): string {
  return `${reversedLabels(ip)}.${ip.version === 4 ? 'in-addr.arpa' : 'ip6.arpa'}`;
}

/** True for addresses no public DNSBL or reverse zone describes (private, loopback, documentation...). */
export function isPublicUnicast(ip: ParsedIp): boolean {
  return ip.range === 'unicast';
}
