import type { DnsRecord } from '../../src/dns/types.js';

// Record builders for fixtures served by the memory source or the test DNS server.
const TTL = 300;
export const a = (name: string, data: string): DnsRecord => ({ name, type: 'A', ttl: TTL, data });
export const aaaa = (name: string, data: string): DnsRecord => ({ name, type: 'AAAA', ttl: TTL, data });
export const txt = (name: string, data: string): DnsRecord => ({ name, type: 'TXT', ttl: TTL, data });
export const ptr = (name: string, data: string): DnsRecord => ({ name, type: 'PTR', ttl: TTL, data });
export const mx = (name: string, exchange: string, preference = 10): DnsRecord => ({ name, type: 'MX', ttl: TTL, data: { preference, exchange } });
