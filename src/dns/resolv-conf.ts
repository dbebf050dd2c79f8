import { readFile } from 'node:fs/promises';
import { parseIp } from '../net/ip.js';
import type { ServerAddress } from './udp.js';

export const RESOLV_CONF = '/etc/resolv.conf';

export interface ResolvConf {
  /** `nameserver` addresses in file order (port 53). */
  nameservers: ServerAddress[];
  /** `nameserver` values that are not IP addresses (resolv.conf allows only addresses). */
  ignored: string[];
}

/** Parses resolv.conf(5): `nameserver` lines, `#` and `;` comments; other keywords are not ours to use. */
export function parseResolvConf(text: string): ResolvConf {
  const nameservers: ServerAddress[] = [];
  const ignored: string[] = [];
  for (const rawLine of text.split('\n')) {
    const comment = rawLine.search(/[#;]/);
    const line = (comment < 0 ? rawLine : rawLine.slice(0, comment)).trim();
    const [keyword, value] = line.split(/\s+/);
    if (keyword !== 'nameserver' || value === undefined) continue;
    // A bare IP literal, always port 53 (resolv.conf has no port syntax).
    const ip = parseIp(value);
    if (ip) nameservers.push({ host: ip.address, port: 53, family: ip.version });
    else ignored.push(value);
  }
  return { nameservers, ignored };
}

/** The system's name servers; empty when the file is missing or lists none. */
export async function readSystemNameservers(path = RESOLV_CONF): Promise<ServerAddress[]> {
  try {
    return parseResolvConf(await readFile(path, 'utf8')).nameservers;
  } catch {
    return [];
  }
}
