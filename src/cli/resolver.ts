import { readFile, stat } from 'node:fs/promises';
import type { GlobalOptions } from './global-options.js';
import { parseIp } from '../net/ip.js';
import { UsageError } from './exit-codes.js';
import { ZoneSyntaxError } from '../parse/zone.js';
import { RESOLV_CONF, readSystemNameservers } from '../dns/resolv-conf.js';
import type { CachingResolver } from '../dns/resolver.js';
import { createCachingResolver } from '../dns/resolver.js';
import type { Resolver } from '../dns/types.js';
import type { ServerAddress } from '../dns/udp.js';
import { withRunSignal } from '../dns/deadline.js';

/**
 * `::1:5353` is the IPv6 address ::1:5353 on port 53, but it reads like ::1 on port 5353 (as dig
 * users write it): refused, with both bracketed forms to choose from. An unbracketed IPv6 address
 * is ambiguous when its last group is a decimal number and the rest is an address on its own.
 */
export function ambiguousPort(text: string): { host: string; port: string } | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || parseIp(trimmed)?.version !== 6) return undefined;
  const colon = trimmed.lastIndexOf(':');
  const host = trimmed.slice(0, colon);
  const port = trimmed.slice(colon + 1);
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) return undefined;
  return parseIp(host)?.version === 6 ? { host, port } : undefined;
}

/** A zone file must be a regular file with records: a FIFO would block, a device never end, an empty file describe nothing. */
async function checkZoneFile(file: string): Promise<void> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    throw new UsageError('zone-unreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
  }
  if (info.isDirectory()) throw new UsageError('zone-unreadable', { file, reason: 'EISDIR' });
  if (!info.isFile()) throw new UsageError('zone-not-file', { file });
  // Only blank lines and comments (a small file is read twice; a large one cannot be empty).
  if (info.size <= 65_536) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text.split(/\r\n|\r|\n/).every((line) => /^\s*(;.*)?$/.test(line))) throw new UsageError('zone-empty', { file });
  }
}

export type ResolverOptions = Pick<GlobalOptions, 'resolver' | 'doh' | 'zone' | 'timeout' | 'retries'>;

/**
 * The resolver a command uses, from the global options: --zone answers only from zone files (no
 * network); --doh asks over DNS-over-HTTPS; otherwise UDP/TCP to the --resolver servers or the
 * nameservers of /etc/resolv.conf. Every mistake in those options is a UsageError (exit 2).
 */
export async function buildResolver(options: ResolverOptions, signal?: AbortSignal, cache: { maxEntries?: number } = {}): Promise<CachingResolver> {
  const source = await buildSource(options);
  // Every query runs under the run's signal: when the command is done, nothing keeps waiting.
  // A bulk run bounds the run-wide cache (maxEntries, least recently used forgotten first).
  return createCachingResolver(signal ? withRunSignal(source, signal) : source, cache.maxEntries === undefined ? {} : { maxEntries: cache.maxEntries });
}

/** The transport alone, without the run-wide cache (for commands that bring a bounded one: `mailcheck list`). */
export async function buildSource(options: ResolverOptions): Promise<Resolver> {
  const sources = [options.zone.length > 0 && '--zone', options.doh !== undefined && '--doh', options.resolver.length > 0 && '--resolver'].filter(Boolean);
  if (sources.length > 1) throw new UsageError('sources-combined', { sources });

  if (options.zone.length > 0) {
    for (const file of options.zone) await checkZoneFile(file);
    // Each transport is loaded only when it is the one used (README "Start-up time").
    const { ZoneFileError, createZoneSource } = await import('../dns/zone.js');
    try {
      return await createZoneSource(options.zone);
    } catch (error) {
      if (error instanceof ZoneFileError && error.code === 'zone.file-unreadable') throw new UsageError('zone-unreadable', { ...error.data });
      if (error instanceof ZoneFileError) throw new UsageError('zone-file', { code: error.code, data: error.data });
      if (error instanceof ZoneSyntaxError) throw new UsageError('zone', { file: error.file, line: error.line, code: error.code, data: error.data });

      throw error;
    }
  }

  if (options.doh !== undefined) {
    const { checkDohUrl, createDohSource } = await import('../dns/doh.js');
    // https:, or http: to a loopback test server only; no credentials in the URL (fetch refuses them).
    const checked = checkDohUrl(options.doh);
    if ('problem' in checked) {
      const code = checked.problem === 'doh.http-not-loopback' ? 'doh-http' : checked.problem === 'doh.url-credentials' ? 'doh-credentials' : 'doh-url';
      throw new UsageError(code, { value: options.doh });
    }
    return createDohSource({ url: checked.url, timeoutMs: options.timeout, retries: options.retries });
  }

  const { createUdpSource, parseServerAddress } = await import('../dns/udp.js');
  let servers: ServerAddress[];
  if (options.resolver.length > 0) {
    servers = options.resolver.map((text) => {
      const ambiguous = ambiguousPort(text);
      if (ambiguous) throw new UsageError('resolver-ambiguous', { value: text.trim(), ...ambiguous });
      const address = parseServerAddress(text);
      if (!address) throw new UsageError('resolver-address', { value: text });
      return address;
    });
  } else {
    servers = await readSystemNameservers();
    if (servers.length === 0) throw new UsageError('no-nameservers', { file: RESOLV_CONF });
  }
  return createUdpSource({ servers, timeoutMs: options.timeout, retries: options.retries });
}
