import type { GlobalOptions } from '../cli/global-options.js';
import { UsageError } from '../cli/exit-codes.js';
import { ZoneSyntaxError } from '../parse/zone.js';
import { createDohSource, parseDohUrl } from './doh.js';
import { RESOLV_CONF, readSystemNameservers } from './resolv-conf.js';
import type { CachingResolver } from './resolver.js';
import { createCachingResolver } from './resolver.js';
import type { Resolver } from './types.js';
import type { ServerAddress } from './udp.js';
import { createUdpSource, parseServerAddress } from './udp.js';
import { ZoneFileError, createZoneSource } from './zone.js';

export type ResolverOptions = Pick<GlobalOptions, 'resolver' | 'doh' | 'zone' | 'timeout' | 'retries'>;

/**
 * The resolver a command uses, from the global options: --zone answers only from zone files (no
 * network); --doh asks over DNS-over-HTTPS; otherwise UDP/TCP to the --resolver servers or the
 * nameservers of /etc/resolv.conf. Every mistake in those options is a UsageError (exit 2).
 */
export async function buildResolver(options: ResolverOptions): Promise<CachingResolver> {
  return createCachingResolver(await buildSource(options));
}

async function buildSource(options: ResolverOptions): Promise<Resolver> {
  const sources = [options.zone.length > 0 && '--zone', options.doh !== undefined && '--doh', options.resolver.length > 0 && '--resolver'].filter(Boolean);
  if (sources.length > 1) throw new UsageError(`${sources.join(' and ')} cannot be combined: choose one place to ask`);

  if (options.zone.length > 0) {
    try {
      return await createZoneSource(options.zone);
    } catch (error) {
      if (error instanceof ZoneSyntaxError || error instanceof ZoneFileError) throw new UsageError(error.message);
      throw error;
    }
  }

  if (options.doh !== undefined) {
    const url = parseDohUrl(options.doh);
    if (!url) throw new UsageError(`--doh takes an https:// URL, not "${options.doh}"`);
    return createDohSource({ url, timeoutMs: options.timeout, retries: options.retries });
  }

  let servers: ServerAddress[];
  if (options.resolver.length > 0) {
    servers = options.resolver.map((text) => {
      const address = parseServerAddress(text);
      if (!address) throw new UsageError(`--resolver takes an IP address with an optional port (192.0.2.53, 192.0.2.53:5353, [2001:db8::53]:53), not "${text}"`);
      return address;
    });
  } else {
    servers = await readSystemNameservers();
    if (servers.length === 0) throw new UsageError(`no name servers in ${RESOLV_CONF}: give one with --resolver, or use --doh or --zone`);
  }
  return createUdpSource({ servers, timeoutMs: options.timeout, retries: options.retries });
}
