import type { GlobalOptions } from './global-options.js';
import { UsageError } from './exit-codes.js';
import { ZoneSyntaxError } from '../parse/zone.js';
import { createDohSource, parseDohUrl } from '../dns/doh.js';
import { RESOLV_CONF, readSystemNameservers } from '../dns/resolv-conf.js';
import type { CachingResolver } from '../dns/resolver.js';
import { createCachingResolver } from '../dns/resolver.js';
import type { Resolver } from '../dns/types.js';
import type { ServerAddress } from '../dns/udp.js';
import { createUdpSource, parseServerAddress } from '../dns/udp.js';
import { ZoneFileError, createZoneSource } from '../dns/zone.js';

export type ResolverOptions = Pick<GlobalOptions, 'resolver' | 'doh' | 'zone' | 'timeout' | 'retries'>;

/**
 * The resolver a command uses, from the global options: --zone answers only from zone files (no
 * network); --doh asks over DNS-over-HTTPS; otherwise UDP/TCP to the --resolver servers or the
 * nameservers of /etc/resolv.conf. Every mistake in those options is a UsageError (exit 2).
 */
export async function buildResolver(options: ResolverOptions): Promise<CachingResolver> {
  return createCachingResolver(await buildSource(options));
}

/** The transport alone, without the run-wide cache (for commands that bring a bounded one: `mailcheck list`). */
export async function buildSource(options: ResolverOptions): Promise<Resolver> {
  const sources = [options.zone.length > 0 && '--zone', options.doh !== undefined && '--doh', options.resolver.length > 0 && '--resolver'].filter(Boolean);
  if (sources.length > 1) throw new UsageError('sources-combined', { sources });

  if (options.zone.length > 0) {
    try {
      return await createZoneSource(options.zone);
    } catch (error) {
      if (error instanceof ZoneFileError) throw new UsageError('zone-file', { code: error.code, data: error.data });
      if (error instanceof ZoneSyntaxError) throw new UsageError('zone', { file: error.file, line: error.line, code: error.code, data: error.data });

      throw error;
    }
  }

  if (options.doh !== undefined) {
    const url = parseDohUrl(options.doh);
    if (!url) throw new UsageError('doh-url', { value: options.doh });
    return createDohSource({ url, timeoutMs: options.timeout, retries: options.retries });
  }

  let servers: ServerAddress[];
  if (options.resolver.length > 0) {
    servers = options.resolver.map((text) => {
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
