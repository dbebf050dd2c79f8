/**
 * A DNS server for tests and benchmarks: UDP and TCP on 127.0.0.1 (or ::1), ephemeral port, built on
 * dns-packet. It answers from DnsRecord[] and/or a zone file with exactly the memory source's
 * semantics (CNAME chains in the answer, NXDOMAIN vs NODATA, empty non-terminals, `*` wildcards),
 * and can misbehave per name/type.
 *
 *   import { startDnsServer } from './helpers/dns-server.js';
 *   const server = await startDnsServer({
 *     records: [{ name: 'example.test', type: 'A', ttl: 60, data: '192.0.2.1' }],
 *     zoneFile: 'examples/example.test.zone',   // optional, parsed with src/parse/zone.ts
 *     delayMs: 40,                                // optional: delay before every answer
 *     rules: [                                    // optional: first matching rule wins
 *       { match: /\.silent\.test$/, behaviour: 'drop' },
 *       { name: 'slow.example.test', type: 'TXT', delayMs: 500 },
 *       { name: 'flaky.example.test', behaviour: 'drop', times: 1 },   // only the first query
 *     ],
 *   });
 *   run(['--resolver', server.resolverArg, ...]);   // '127.0.0.1:PORT' (or '[::1]:PORT')
 *   server.queries        // log: { name, type, transport, id, port, dnssec, udpPayloadSize }[]
 *   server.count('example.test', 'A')   // queries received (name/type optional)
 *   server.maxInFlight    // most queries received and not yet answered at one time
 *   server.resetLog()
 *   await server.close()
 *
 * Behaviours (default 'answer'):
 *   answer                      answer from the records (UDP answers over the client's EDNS size,
 *                               or 512 bytes without EDNS, are truncated with TC=1, like a real server)
 *   drop                        never answer (the client times out)
 *   servfail | refused | formerr  answer with that RCODE and no records
 *   truncate                    over UDP: TC=1 and no records; over TCP: the full answer
 *   wrong-id                    answer with a different ID, and nothing else
 *   wrong-id-then-answer        a wrong-ID answer, then the right one 5 ms later
 *   wrong-question-then-answer  an answer to another name with the right ID, then the right one
 *   malformed                   the right ID followed by bytes that do not decode
 *   no-follow                   stop at the first CNAME, as a server without the target's zone does
 * `ad: true` sets the AD bit on answers to queries with the DO bit (a validating resolver).
 */

import dgram from 'node:dgram';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import dnsPacket from 'dns-packet';
import type { DecodedPacket } from 'dns-packet';
import { createMemorySource } from '../../src/dns/memory.js';
import type { DnsRecord, LookupResult, QueryType } from '../../src/dns/types.js';
import { normalizeName } from '../../src/dns/types.js';
import { encodeResponse } from '../../src/dns/wire.js';
import { parseZoneFile } from '../../src/parse/zone.js';

export type DnsServerBehaviour =
  | 'answer'
  | 'drop'
  | 'servfail'
  | 'refused'
  | 'formerr'
  | 'truncate'
  | 'wrong-id'
  | 'wrong-id-then-answer'
  | 'wrong-question-then-answer'
  | 'malformed'
  | 'no-follow';

export interface DnsServerRule {
  /** Exact name (any case, trailing dot optional). */
  name?: string;
  /** Names matching this (lower case, no trailing dot), or a predicate on name and type. */
  match?: RegExp | ((name: string, type: string) => boolean);
  /** Only queries of this type. */
  type?: string;
  behaviour?: DnsServerBehaviour;
  /** Delay before responding (replaces the global delay). */
  delayMs?: number;
  /** Apply to the first N matching queries only, then fall through to later rules. */
  times?: number;
}

export interface DnsServerOptions {
  records?: DnsRecord[];
  /** Zone file path, parsed with our parser; its records join `records`. */
  zoneFile?: string;
  /** Zone file text (same as zoneFile, inline). */
  zoneText?: string;
  /** Delay before every response, unless a rule sets its own. */
  delayMs?: number;
  rules?: DnsServerRule[];
  /** Set AD on answers to DO queries. */
  ad?: boolean;
  /** Address to listen on: '127.0.0.1' (default) or '::1'. */
  host?: '127.0.0.1' | '::1';
  /** Also listen on TCP (default true); without it, TCP connections are refused. */
  tcp?: boolean;
}

export interface QueryLogEntry {
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
  id: number;
  /** The client's source port. */
  port: number;
  dnssec: boolean;
  /** EDNS0 payload size the client advertised, or undefined without OPT. */
  udpPayloadSize: number | undefined;
}

export interface DnsServer {
  host: string;
  port: number;
  /** The --resolver argument for this server: `127.0.0.1:PORT` or `[::1]:PORT`. */
  resolverArg: string;
  queries: QueryLogEntry[];
  count(name?: string, type?: string): number;
  readonly maxInFlight: number;
  resetLog(): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startDnsServer(options: DnsServerOptions = {}): Promise<DnsServer> {
  const records = [...(options.records ?? [])];
  const existingNames: string[] = [];
  for (const text of [options.zoneFile && readFileSync(options.zoneFile, 'utf8'), options.zoneText]) {
    if (!text) continue;
    const contents = parseZoneFile(text, { file: options.zoneFile ?? '<zoneText>' });
    records.push(...contents.records);
    existingNames.push(...contents.otherNames);
  }
  const source = createMemorySource(records, { existingNames });
  const host = options.host ?? '127.0.0.1';
  const rules = (options.rules ?? []).map((rule) => ({ ...rule, used: 0 }));
  const queries: QueryLogEntry[] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  const ruleFor = (name: string, type: string) => {
    for (const rule of rules) {
      if (rule.type && rule.type.toUpperCase() !== type) continue;
      if (rule.name && normalizeName(rule.name) !== name) continue;
      if (rule.match instanceof RegExp && !rule.match.test(name)) continue;
      if (typeof rule.match === 'function' && !rule.match(name, type)) continue;
      if (rule.times !== undefined && rule.used >= rule.times) continue;
      rule.used++;
      return rule;
    }
    return undefined;
  };

  /** The responses to send (in order, with pauses) for one query; empty to stay silent. */
  const respond = async (query: DecodedPacket, transport: 'udp' | 'tcp', clientPort: number): Promise<{ bytes: Buffer; pauseMs: number }[]> => {
    const question = query.questions?.[0];
    if (!question) return [];
    const name = normalizeName(question.name);
    const type = question.type;
    const opt = query.additionals?.find((a) => a.type === 'OPT') as { udpPayloadSize?: number; flags?: number } | undefined;
    const dnssec = Boolean(opt && ((opt.flags ?? 0) & dnsPacket.DNSSEC_OK));
    queries.push({ name, type, transport, id: query.id ?? 0, port: clientPort, dnssec, udpPayloadSize: opt?.udpPayloadSize });
    const rule = ruleFor(name, type);
    const behaviour = rule?.behaviour ?? 'answer';
    const delay = rule?.delayMs ?? options.delayMs ?? 0;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      if (delay > 0) await sleep(delay);
      if (behaviour === 'drop') return [];
      if (behaviour === 'servfail' || behaviour === 'refused') return [{ bytes: encodeResponse(query, { outcome: behaviour }), pauseMs: 0 }];
      if (behaviour === 'formerr') {
        const bytes = encodeResponse(query, { outcome: 'servfail' });
        bytes.writeUInt16BE((bytes.readUInt16BE(2) & ~0xf) | 1, 2);
        return [{ bytes, pauseMs: 0 }];
      }
      let result = (await source.query(name, type as QueryType)) as LookupResult;
      if (result.outcome === 'timeout') return [];
      if (behaviour === 'no-follow' && result.cnames.length > 0) {
        result = { ...result, outcome: 'nodata', cnames: result.cnames.slice(0, 1), answers: [] };
      }
      const ad = Boolean(options.ad && dnssec);
      const full = encodeResponse(query, { ...result, ad });
      const limit = Math.max(512, opt?.udpPayloadSize ?? 512);
      const truncated = transport === 'udp' && (behaviour === 'truncate' || full.length > limit);
      const bytes = truncated ? encodeResponse(query, { ...result, ad }, { truncated: true }) : full;
      const id = query.id ?? 0;
      switch (behaviour) {
        case 'wrong-id':
          return [{ bytes: encodeResponse(query, result, { id: (id + 1) & 0xffff }), pauseMs: 0 }];
        case 'wrong-id-then-answer':
          return [{ bytes: encodeResponse(query, result, { id: (id + 1) & 0xffff }), pauseMs: 0 }, { bytes, pauseMs: 5 }];
        case 'wrong-question-then-answer': {
          const other = { ...query, questions: [{ ...question, name: `other.${name}` }] };
          return [{ bytes: encodeResponse(other, result), pauseMs: 0 }, { bytes, pauseMs: 5 }];
        }
        case 'malformed':
          // The right ID, a header promising a question, and then nothing that decodes.
          return [{ bytes: Buffer.concat([bytes.subarray(0, 12), Buffer.from([0xc0, 0xff, 0xff])]), pauseMs: 0 }];
        default:
          return [{ bytes, pauseMs: 0 }];
      }
    } finally {
      inFlight--;
    }
  };

  const decode = (bytes: Buffer): DecodedPacket | undefined => {
    try {
      return dnsPacket.decode(bytes);
    } catch {
      return undefined;
    }
  };

  const listenUdp = (udp: dgram.Socket) =>
    udp.on('message', (message, remote) => {
      const query = decode(message);
      if (!query || query.type !== 'query') return;
      void respond(query, 'udp', remote.port).then(async (responses) => {
        for (const { bytes, pauseMs } of responses) {
          if (pauseMs > 0) await sleep(pauseMs);
          if (!closed) udp.send(bytes, remote.port, remote.address);
        }
      });
    });
  const connections = new Set<net.Socket>();
  let closed = false;
  const tcpServer = net.createServer((socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    let buffered = Buffer.alloc(0);
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const length = buffered.readUInt16BE(0);
        const query = decode(buffered.subarray(2, 2 + length));
        buffered = buffered.subarray(2 + length);
        if (!query) continue;
        void respond(query, 'tcp', socket.remotePort ?? 0).then(async (responses) => {
          for (const { bytes, pauseMs } of responses) {
            if (pauseMs > 0) await sleep(pauseMs);
            const prefix = Buffer.alloc(2);
            prefix.writeUInt16BE(bytes.length);
            if (!socket.destroyed) socket.write(Buffer.concat([prefix, bytes]));
          }
        });
      }
    });
  });

  // UDP and TCP on the same port: bind UDP on an ephemeral port, then try TCP there.
  let port = 0;
  let udp: dgram.Socket;
  for (let tries = 0; ; tries++) {
    udp = listenUdp(dgram.createSocket(host === '::1' ? 'udp6' : 'udp4'));
    const bound = udp;
    await new Promise<void>((resolve, reject) => {
      bound.once('error', reject);
      bound.bind(0, host, () => {
        bound.off('error', reject);
        resolve();
      });
    });
    port = udp.address().port;
    if (options.tcp === false) break;
    const listened = await new Promise<boolean>((resolve) => {
      tcpServer.once('error', () => resolve(false));
      tcpServer.listen(port, host, () => resolve(true));
    });
    if (listened) break;
    if (tries >= 10) throw new Error('could not bind UDP and TCP on the same port');
    await new Promise<void>((resolve) => bound.close(() => resolve()));
  }

  return {
    host,
    port,
    resolverArg: host === '::1' ? `[::1]:${port}` : `${host}:${port}`,
    queries,
    count: (name?: string, type?: string) =>
      queries.filter((q) => (name === undefined || q.name === normalizeName(name)) && (type === undefined || q.type === type.toUpperCase())).length,
    get maxInFlight() {
      return maxInFlight;
    },
    resetLog() {
      queries.length = 0;
      maxInFlight = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        // Open TCP connections (clients still waiting) must not keep close() pending.
        for (const socket of connections) socket.destroy();
        udp.close(() => {
          if (tcpServer.listening) tcpServer.close(() => resolve());
          else resolve();
        });
      }),
  };
}
