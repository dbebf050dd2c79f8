import { open } from 'node:fs/promises';
import { hostname } from 'node:os';
import { BULK_PROFILES, type BulkProfile } from '../data/bulk-sender-rules.js';
import { RESOLV_CONF, readSystemNameservers } from '../dns/resolv-conf.js';
import type { GatherContext } from '../gather/context.js';
import { sharedProber } from '../gather/smtp.js';
import { httpsGet } from '../net/https-get.js';
import { parseIp } from '../net/ip.js';
import { smtpProbe } from '../net/smtp-probe.js';
import { UsageError } from './exit-codes.js';
import type { GlobalOptions } from './global-options.js';
import { VERSION } from './version.js';

// The transport options of `mailcheck domain` (--smtp, --smtp-port, --helo, --mta-sts-policy,
// --profile) and the network clients they put in the gather context: the HTTPS client for MTA-STS
// policies (net/https-get.ts: HTTP 200 only, no redirects, 64 KB) and the STARTTLS prober
// (net/smtp-probe.ts). Trust is Node's: its CA store plus NODE_EXTRA_CA_CERTS, which Node reads at start.

export interface TransportOptions {
  smtp: boolean;
  smtpPort: number;
  helo: string;
  /** --mta-sts-policy FILE. */
  mtaStsPolicy?: string;
  /** --profile; absent for the default report's section. */
  profile?: BulkProfile;
}

/** Sessions of the STARTTLS probe open at once, across every domain of a run. */
export const SMTP_CONCURRENCY = 4;
/** The largest --mta-sts-policy file read (the policy itself is judged against the 64 KB cap). */
const MAX_POLICY_FILE = 1024 * 1024;
const HOST = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** The EHLO name by default: this machine's host name when it is a full (dotted) name, else `localhost`. */
export function defaultHelo(name: string = hostname()): string {
  return name.includes('.') && HOST.test(name) ? name.toLowerCase() : 'localhost';
}

export function parseTransportOptions(raw: Record<string, unknown>): TransportOptions {
  const profile = raw.profile as string | undefined;
  if (profile !== undefined && !(BULK_PROFILES as readonly string[]).includes(profile)) throw new UsageError('profile', { value: profile, profiles: BULK_PROFILES });
  const portText = String(raw.smtpPort ?? 25);
  if (!/^\d+$/.test(portText)) throw new UsageError('whole-number', { flag: '--smtp-port', value: portText });
  const smtpPort = Number(portText);
  if (smtpPort < 1 || smtpPort > 65535) throw new UsageError('number-range', { flag: '--smtp-port', min: 1, max: 65535, value: smtpPort });
  const helo = raw.helo === undefined ? defaultHelo() : String(raw.helo);
  const literal = /^\[(?:IPv6:)?([0-9A-Fa-f:.]{2,45})\]$/.exec(helo);
  if (!(HOST.test(helo) || (literal && parseIp(literal[1] as string)))) throw new UsageError('smtp-helo', { value: helo });
  const options: TransportOptions = { smtp: raw.smtp === true, smtpPort, helo };
  if (raw.mtaStsPolicy !== undefined) options.mtaStsPolicy = String(raw.mtaStsPolicy);
  if (profile !== undefined) options.profile = profile as BulkProfile;
  return options;
}

/** Who answers DNS, named as the DNSSEC section says who vouched. */
export async function describeResolver(global: Pick<GlobalOptions, 'zone' | 'doh' | 'resolver'>): Promise<string> {
  if (global.zone.length > 0) return 'zone files';
  if (global.doh !== undefined) return global.doh;
  if (global.resolver.length > 0) return global.resolver.join(', ');
  const servers = await readSystemNameservers();
  return `${servers.map((s) => (s.family === 6 ? `[${s.host}]:${s.port}` : `${s.host}:${s.port}`)).join(', ')} (${RESOLV_CONF})`;
}

/**
 * The network parts of the gather context: the policy fetch (never with --zone: an offline run
 * reads the policy from --mta-sts-policy or skips it), the policy file, the STARTTLS prober.
 */
export async function transportContext(options: TransportOptions, global: GlobalOptions): Promise<Pick<GatherContext, 'fetch' | 'mtaStsPolicy' | 'smtp' | 'resolverName'>> {
  const out: Pick<GatherContext, 'fetch' | 'mtaStsPolicy' | 'smtp' | 'resolverName'> = { resolverName: await describeResolver(global) };
  if (global.zone.length === 0) {
    const userAgent = `mailcheck/${VERSION}`;
    out.fetch = (url, o) => httpsGet(url, { timeoutMs: o.timeoutMs, maxBytes: o.maxBytes, userAgent, ...(o.address !== undefined ? { address: o.address } : {}) });
  }
  if (options.mtaStsPolicy !== undefined) {
    const file = options.mtaStsPolicy;
    let body: Buffer;
    try {
      const handle = await open(file, 'r');
      try {
        const buffer = Buffer.alloc(MAX_POLICY_FILE);
        const { bytesRead } = await handle.read(buffer, 0, MAX_POLICY_FILE, 0);
        body = buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw new UsageError('mta-sts-policy-read', { file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
    }
    out.mtaStsPolicy = { file, body };
  }
  if (options.smtp) {
    const probeOptions = { port: options.smtpPort, heloName: options.helo, timeoutMs: global.timeout * 5, connectTimeoutMs: global.timeout * 2 };
    out.smtp = { port: options.smtpPort, probe: sharedProber((host, address) => smtpProbe(host, address, probeOptions), SMTP_CONCURRENCY) };
  }
  return out;
}
