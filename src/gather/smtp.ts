import pLimit from 'p-limit';
import { parseIp } from '../net/ip.js';
import type { SmtpProbeResult } from '../net/smtp-probe.js';
import type { GatherContext, SmtpProber } from './context.js';
import type { MxFact } from './mx.js';
import { MAX_TRANSPORT_HOSTS } from './tlsa.js';

// The opt-in STARTTLS probe (--smtp): one session per MX host, at its first IPv4 address (else its
// first IPv6 one), loopback and private addresses included. The prober the CLI builds is shared by
// every domain of a run: it bounds how many sessions are open at once and probes a host:address
// once even when several domains name it (the mail servers of one provider).

export interface SmtpHostFact {
  host: string;
  preference: number;
  /** The address probed; absent when the host has no address (the MX check reports that). */
  address?: string;
  result?: SmtpProbeResult;
}

export interface SmtpFact {
  /** False without --smtp: nothing was probed. */
  enabled: boolean;
  port: number | null;
  hosts: SmtpHostFact[];
  /** MX hosts over the cap, not probed. */
  notChecked: string[];
}

/** A prober that runs at most `concurrency` sessions at a time and each host:address once per run. */
export function sharedProber(probe: SmtpProber, concurrency: number): SmtpProber {
  const limit = pLimit(concurrency);
  const seen = new Map<string, Promise<SmtpProbeResult>>();
  return (host, address) => {
    const key = `${host.toLowerCase()}|${address}`;
    let pending = seen.get(key);
    if (!pending) {
      pending = limit(() => probe(host, address));
      seen.set(key, pending);
    }
    return pending;
  };
}

export async function gatherSmtp(mx: MxFact, ctx: GatherContext): Promise<SmtpFact> {
  const smtp = ctx.smtp;
  if (!smtp) return { enabled: false, port: null, hosts: [], notChecked: [] };
  const hosts = mx.hosts.slice(0, MAX_TRANSPORT_HOSTS);
  const probed = await Promise.all(
    hosts.map(async (h): Promise<SmtpHostFact> => {
      const literal = h.ipLiteral ? h.exchange.replace(/^\[|\]$/g, '') : undefined;
      const address = literal ?? h.ipv4[0] ?? h.ipv6[0];
      const canonical = address === undefined ? undefined : parseIp(address)?.address;
      if (canonical === undefined) return { host: h.exchange, preference: h.preference };
      return { host: h.exchange, preference: h.preference, address: canonical, result: await smtp.probe(h.exchange, canonical) };
    }),
  );
  return { enabled: true, port: smtp.port, hosts: probed, notChecked: mx.hosts.slice(MAX_TRANSPORT_HOSTS).map((h) => h.exchange) };
}
