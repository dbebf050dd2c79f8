import { parseIp } from '../net/ip.js';

// Public resolvers whose DNSBL queries list operators refuse or answer uselessly: Spamhaus answers
// 127.255.255.254 via Cloudflare and Quad9, 127.255.255.255 via AdGuard, NXDOMAIN via Google and
// OpenDNS (silently useless); URIBL refuses Google and OpenDNS (facts.md §1.2, §1.3 row 24).
const PUBLIC_RESOLVERS: Readonly<Record<string, string>> = {
  '8.8.8.8': 'Google Public DNS', '8.8.4.4': 'Google Public DNS',
  '2001:4860:4860::8888': 'Google Public DNS', '2001:4860:4860::8844': 'Google Public DNS',
  '1.1.1.1': 'Cloudflare', '1.0.0.1': 'Cloudflare', '1.1.1.2': 'Cloudflare', '1.0.0.2': 'Cloudflare',
  '1.1.1.3': 'Cloudflare', '1.0.0.3': 'Cloudflare',
  '2606:4700:4700::1111': 'Cloudflare', '2606:4700:4700::1001': 'Cloudflare',
  '9.9.9.9': 'Quad9', '149.112.112.112': 'Quad9', '9.9.9.10': 'Quad9', '9.9.9.11': 'Quad9',
  '2620:fe::fe': 'Quad9', '2620:fe::9': 'Quad9',
  '208.67.222.222': 'OpenDNS', '208.67.220.220': 'OpenDNS', '2620:119:35::35': 'OpenDNS', '2620:119:53::53': 'OpenDNS',
  '94.140.14.14': 'AdGuard DNS', '94.140.15.15': 'AdGuard DNS', '2a10:50c0::ad1:ff': 'AdGuard DNS', '2a10:50c0::ad2:ff': 'AdGuard DNS',
  '185.222.222.222': 'DNS.SB', '45.11.45.11': 'DNS.SB',
  '76.76.2.0': 'Control D', '76.76.10.0': 'Control D',
  '8.26.56.26': 'Comodo Secure DNS', '8.20.247.20': 'Comodo Secure DNS',
  '4.2.2.1': 'Level3', '4.2.2.2': 'Level3', '4.2.2.3': 'Level3', '4.2.2.4': 'Level3',
  '77.88.8.8': 'Yandex DNS', '77.88.8.1': 'Yandex DNS',
  '223.5.5.5': 'AliDNS', '223.6.6.6': 'AliDNS', '119.29.29.29': 'DNSPod', '180.76.76.76': 'Baidu DNS', '114.114.114.114': '114DNS',
};

const PUBLIC_DOH_HOSTS: Readonly<Record<string, string>> = {
  'dns.google': 'Google Public DNS', 'dns.google.com': 'Google Public DNS',
  'cloudflare-dns.com': 'Cloudflare', 'one.one.one.one': 'Cloudflare', 'mozilla.cloudflare-dns.com': 'Cloudflare',
  'dns.quad9.net': 'Quad9', 'doh.opendns.com': 'OpenDNS', 'dns.adguard-dns.com': 'AdGuard DNS', 'dns.adguard.com': 'AdGuard DNS',
  'doh.dns.sb': 'DNS.SB', 'dns.alidns.com': 'AliDNS', 'doh.pub': 'DNSPod',
};

/** The name of the public resolver at `server` (`HOST[:PORT]`, `[v6]:port` or a DoH URL), if it is one. */
export function publicResolverName(server: string): string | undefined {
  const text = server.trim();
  if (/^https?:\/\//i.test(text)) {
    try {
      return PUBLIC_DOH_HOSTS[new URL(text).hostname.toLowerCase()];
    } catch {
      return undefined;
    }
  }
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  const host = bracketed ? bracketed[1]! : text.includes(':') && text.split(':').length === 2 ? text.split(':')[0]! : text;
  const ip = parseIp(host);
  return ip ? PUBLIC_RESOLVERS[ip.address] : undefined;
}

/** The configured servers that are public resolvers list operators refuse, each with its operator's name (empty when none). */
export function publicResolversIn(servers: readonly string[]): { server: string; name: string }[] {
  return servers.map((server) => ({ server, name: publicResolverName(server) })).filter((e): e is { server: string; name: string } => e.name !== undefined);
}
