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
 * Hostile servers (what a spoofer or a broken or malicious server sends):
 *   wrong-question              only an answer to another name, with the right ID
 *   other-port                  the right answer, but sent from another port (same address)
 *   other-address               the right answer, but sent from 127.0.0.2 (another port of ::1 on IPv6)
 *   compression-loop            right ID and question, one answer whose owner name points at itself
 *   truncated-packet            the right answer cut off inside its last record (TC not set)
 *   slowloris                   over UDP TC=1; over TCP the full answer, one byte every `trickleMs`
 *                               (default 50) after the length prefix, for as long as the client listens
 *   nxdomain-with-answers       RCODE NXDOMAIN, and yet the records in the answer section
 *   garbage-then-answer         bytes that do not decode after the right ID, then the right answer 5 ms later
 *   flood                       `count` (default 1000) records of the asked type for any name
 *                               (A, AAAA, MX, PTR, NS, CNAME, TXT; names compressed, e.g. MX `m17.<qname>`):
 *                               over UDP TC=1 when over the client's EDNS size, the whole answer over TCP
 *                               (as many as fit in 65535 bytes). MX flood: { type: 'MX', behaviour: 'flood' }
 *   huge                        as flood, but over UDP too, whatever the client advertised (up to 65507 bytes)
 * `ad: true` sets the AD bit on answers to queries with the DO bit (a validating resolver); a rule's
 * `ad` overrides it for the names it matches (a signed zone next to unsigned ones).
 * A validating resolver in front of a bogus zone:
 *   bogus                       SERVFAIL unless the query sets CD (checking disabled); with CD,
 *                               the answer from the records (without AD), as a validating resolver gives it
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
  | 'no-follow'
  | 'wrong-question'
  | 'other-port'
  | 'other-address'
  | 'compression-loop'
  | 'truncated-packet'
  | 'slowloris'
  | 'nxdomain-with-answers'
  | 'garbage-then-answer'
  | 'flood'
  | 'huge'
  | 'bogus';

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
  /** flood/huge: how many records (default 1000). */
  count?: number;
  /** slowloris: milliseconds between bytes over TCP (default 50). */
  trickleMs?: number;
  /** Set (true) or clear (false) AD on answers to DO queries for the names this rule matches. */
  ad?: boolean;
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
  /** The CD (checking disabled) bit of the query. */
  cd: boolean;
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

/** Replies go to IP literals: skip dns.lookup (and its deferred callback) on every send. */
const literalLookup = ((address: string, family: unknown, callback: (error: Error | null, address: string, family: number) => void): void => {
  callback(null, address, typeof family === 'number' ? family : net.isIP(address) || 4);
}) as unknown as dgram.SocketOptions['lookup'];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Reply {
  bytes: Buffer;
  pauseMs: number;
  /** UDP: send from another socket than the one asked. */
  from?: 'other-port' | 'other-address';
  /** TCP: send a byte at a time, this many ms apart. */
  trickleMs?: number | undefined;
}

/** The right ID, a header promising one question, and then nothing that decodes. */
function garbage(response: Buffer): Buffer {
  return Buffer.concat([response.subarray(0, 12), Buffer.from([0xc0, 0xff, 0xff])]);
}

/** Where the question of a (well-formed, uncompressed) query ends. */
function questionEnd(query: Buffer): number {
  let offset = 12;
  while ((query[offset] as number) !== 0) offset += 1 + (query[offset] as number);
  return offset + 5;
}

/** A response header for `query` (ID, RD copied; QR, RA set) with the given flag bits and counts. */
function responseHeader(query: Buffer, flags: number, answers: number): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0);
  header.writeUInt16BE(0x8000 | (query.readUInt16BE(2) & 0x0100) | 0x0080 | flags, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers, 6);
  return header;
}

/** TC=1, the question, no records. */
function truncatedReply(query: Buffer): Buffer {
  return Buffer.concat([responseHeader(query, 0x0200, 0), query.subarray(12, questionEnd(query))]);
}

/** One record owned by the question's name (pointer 0xc00c), type code and rdata. */
function ownedRecord(typeCode: number, rdata: Buffer): Buffer {
  const fixed = Buffer.alloc(12);
  fixed.writeUInt16BE(0xc00c, 0);
  fixed.writeUInt16BE(typeCode, 2);
  fixed.writeUInt16BE(1, 4);
  fixed.writeUInt32BE(60, 6);
  fixed.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([fixed, rdata]);
}

/** A label followed by a pointer to the question's name: `<label>.<qname>`. */
function nameUnderQuestion(label: string): Buffer {
  return Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'latin1'), Buffer.from([0xc0, 0x0c])]);
}

const FLOOD_TYPES: Record<string, number> = { A: 1, NS: 2, CNAME: 5, PTR: 12, MX: 15, TXT: 16, AAAA: 28 };

/** `count` records of `type` for the question, as many as fit in `limit` bytes; truncated when some did not. */
function floodResponse(query: Buffer, type: string, count: number, limit: number): { bytes: Buffer; truncated: boolean } {
  const typeCode = FLOOD_TYPES[type] ?? 16;
  const question = query.subarray(12, questionEnd(query));
  const records: Buffer[] = [];
  let size = 12 + question.length;
  for (let i = 0; i < count; i++) {
    let rdata: Buffer;
    if (typeCode === 1) rdata = Buffer.from([198, 18, (i >> 8) & 0xff, i & 0xff]);
    else if (typeCode === 28) rdata = Buffer.concat([Buffer.from('20010db8000000000000000000000000', 'hex').subarray(0, 14), Buffer.from([(i >> 8) & 0xff, i & 0xff])]);
    else if (typeCode === 15) rdata = Buffer.concat([Buffer.from([0, i % 100]), nameUnderQuestion(`m${i}`)]);
    else if (typeCode === 16) rdata = Buffer.concat([Buffer.from([`t${i}`.length]), Buffer.from(`t${i}`)]);
    else rdata = nameUnderQuestion(`h${i}`);
    const record = ownedRecord(typeCode, rdata);
    if (size + record.length > limit) return { bytes: Buffer.concat([responseHeader(query, 0, records.length), question, ...records]), truncated: true };
    records.push(record);
    size += record.length;
  }
  return { bytes: Buffer.concat([responseHeader(query, 0, records.length), question, ...records]), truncated: false };
}

/**
 * The common benchmark case without dns-packet: addresses owned by the name asked, the question
 * copied as the client sent it, owners compressed to it. Undefined for anything else.
 */
function addressAnswer(query: Buffer, result: LookupResult, ad: boolean): Buffer | undefined {
  if (result.outcome !== 'answer' || result.cnames.length > 0 || query.readUInt16BE(4) !== 1) return undefined;
  const end = questionEnd(query);
  const size = end + result.answers.length * (12 + (result.type === 'A' ? 4 : 16));
  if (result.type !== 'A' || size > 512) return undefined;
  const bytes = Buffer.allocUnsafe(size);
  query.copy(bytes, 0, 0, end);
  bytes.writeUInt16BE(0x8000 | 0x0100 | 0x0080 | (ad ? 0x0020 : 0), 2);
  bytes.writeUInt32BE(0x00010000 | result.answers.length, 4);
  bytes.writeUInt32BE(0, 8);
  let offset = end;
  for (const record of result.answers) {
    const octets = (record.data as string).split('.');
    if (record.name !== result.name || octets.length !== 4) return undefined;
    bytes.writeUInt32BE(0xc00c0001, offset);
    bytes.writeUInt16BE(1, offset + 4);
    bytes.writeUInt32BE(record.ttl, offset + 6);
    bytes.writeUInt16BE(4, offset + 10);
    for (let i = 0; i < 4; i++) bytes[offset + 12 + i] = Number(octets[i]);
    offset += 16;
  }
  return bytes;
}

/** Right ID and question, and one A record whose owner name is a compression pointer to itself. */
function compressionLoop(query: Buffer): Buffer {
  const question = query.subarray(12, questionEnd(query));
  const at = 12 + question.length;
  const record = ownedRecord(1, Buffer.from([192, 0, 2, 1]));
  record.writeUInt16BE(0xc000 | at, 0);
  return Buffer.concat([responseHeader(query, 0, 1), question, record]);
}

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
  const respond = async (query: DecodedPacket, raw: Buffer, transport: 'udp' | 'tcp', clientPort: number): Promise<Reply[]> => {
    const question = query.questions?.[0];
    if (!question) return [];
    const name = normalizeName(question.name);
    const type = question.type;
    const opt = query.additionals?.find((a) => a.type === 'OPT') as { udpPayloadSize?: number; flags?: number } | undefined;
    const dnssec = Boolean(opt && ((opt.flags ?? 0) & dnsPacket.DNSSEC_OK));
    const cd = ((query.flags ?? 0) & dnsPacket.CHECKING_DISABLED) !== 0;
    queries.push({ name, type, transport, id: query.id ?? 0, port: clientPort, dnssec, cd, udpPayloadSize: opt?.udpPayloadSize });
    const rule = ruleFor(name, type);
    const behaviour = rule?.behaviour ?? 'answer';
    const delay = rule?.delayMs ?? options.delayMs ?? 0;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      if (delay > 0) await sleep(delay);
      if (behaviour === 'drop') return [];
      if (behaviour === 'servfail' || behaviour === 'refused') return [{ bytes: encodeResponse(query, { outcome: behaviour }), pauseMs: 0 }];
      if (behaviour === 'bogus' && !cd) return [{ bytes: encodeResponse(query, { outcome: 'servfail' }), pauseMs: 0 }];
      if (behaviour === 'formerr') {
        const bytes = encodeResponse(query, { outcome: 'servfail' });
        bytes.writeUInt16BE((bytes.readUInt16BE(2) & ~0xf) | 1, 2);
        return [{ bytes, pauseMs: 0 }];
      }
      const id = query.id ?? 0;
      if (behaviour === 'flood' || behaviour === 'huge') {
        const udpLimit = behaviour === 'huge' ? 65507 : Math.max(512, opt?.udpPayloadSize ?? 512);
        const full = floodResponse(raw, type, rule?.count ?? 1000, transport === 'udp' ? udpLimit : 65535);
        if (transport === 'udp' && full.truncated) return [{ bytes: truncatedReply(raw), pauseMs: 0 }];
        return [{ bytes: full.bytes, pauseMs: 0 }];
      }
      if (behaviour === 'compression-loop') return [{ bytes: compressionLoop(raw), pauseMs: 0 }];
      let result = (await source.query(name, type as QueryType)) as LookupResult;
      if (result.outcome === 'timeout') return [];
      if (behaviour === 'no-follow' && result.cnames.length > 0) {
        result = { ...result, outcome: 'nodata', cnames: result.cnames.slice(0, 1), answers: [] };
      }
      const ad = behaviour !== 'bogus' && dnssec && (rule?.ad ?? options.ad ?? false);
      const full = (behaviour === 'answer' && addressAnswer(raw, result, ad)) || encodeResponse(query, { ...result, ad });
      const limit = Math.max(512, opt?.udpPayloadSize ?? 512);
      const truncated = transport === 'udp' && (behaviour === 'truncate' || behaviour === 'slowloris' || full.length > limit);
      const bytes = truncated ? encodeResponse(query, { ...result, ad }, { truncated: true }) : full;
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
          return [{ bytes: garbage(bytes), pauseMs: 0 }];
        case 'garbage-then-answer':
          return [{ bytes: garbage(bytes), pauseMs: 0 }, { bytes, pauseMs: 5 }];
        case 'wrong-question': {
          const other = { ...query, questions: [{ ...question, name: `other.${name}` }] };
          return [{ bytes: encodeResponse(other, result), pauseMs: 0 }];
        }
        case 'other-port':
        case 'other-address':
          return [{ bytes, pauseMs: 0, from: behaviour }];
        case 'truncated-packet':
          // Cut inside the last record's data: the counts promise more than is there.
          return [{ bytes: bytes.subarray(0, bytes.length - 3), pauseMs: 0 }];
        case 'slowloris':
          return [{ bytes, pauseMs: 0, trickleMs: transport === 'tcp' ? (rule?.trickleMs ?? 50) : undefined }];
        case 'nxdomain-with-answers': {
          const nx = encodeResponse(query, { ...result, ad });
          nx.writeUInt16BE((nx.readUInt16BE(2) & ~0xf) | 3, 2);
          return [{ bytes: nx, pauseMs: 0 }];
        }
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
      void respond(query, message, 'udp', remote.port).then(async (responses) => {
        for (const { bytes, pauseMs, from } of responses) {
          if (pauseMs > 0) await sleep(pauseMs);
          if (closed) return;
          const sender = from === 'other-address' ? (otherAddress ?? otherPort) : from === 'other-port' ? otherPort : udp;
          sender.send(bytes, remote.port, remote.address);
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
        const raw = buffered.subarray(2, 2 + length);
        const query = decode(raw);
        buffered = buffered.subarray(2 + length);
        if (!query) continue;
        void respond(query, raw, 'tcp', socket.remotePort ?? 0).then(async (responses) => {
          for (const { bytes, pauseMs, trickleMs } of responses) {
            if (pauseMs > 0) await sleep(pauseMs);
            const prefix = Buffer.alloc(2);
            prefix.writeUInt16BE(bytes.length);
            const framed = Buffer.concat([prefix, bytes]);
            if (trickleMs === undefined) {
              if (!socket.destroyed) socket.write(framed);
              continue;
            }
            // The length prefix at once, then a byte at a time: never done before the client gives up.
            for (let i = 0; i < framed.length && !socket.destroyed && !closed; i += i < 2 ? 2 : 1) {
              socket.write(framed.subarray(i, i < 2 ? 2 : i + 1));
              await sleep(trickleMs);
            }
          }
        });
      }
    });
  });

  // UDP and TCP on the same port: bind UDP on an ephemeral port, then try TCP there.
  let port = 0;
  let udp: dgram.Socket;
  for (let tries = 0; ; tries++) {
    // A large receive buffer (capped by net.core.rmem_max): bursts of hundreds of queries from a
    // benchmark must not be dropped by the kernel while this process waits for a CPU.
    udp = listenUdp(dgram.createSocket({ type: host === '::1' ? 'udp6' : 'udp4', recvBufferSize: 4 << 20, lookup: literalLookup }));
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

  // Senders for answers from the wrong place: another port, another loopback address.
  const otherPort = dgram.createSocket(host === '::1' ? 'udp6' : 'udp4');
  await new Promise<void>((resolve) => otherPort.bind(0, host, () => resolve()));
  let otherAddress: dgram.Socket | undefined;
  if (host === '127.0.0.1') {
    const other = dgram.createSocket('udp4');
    otherAddress = await new Promise<dgram.Socket | undefined>((resolve) => {
      other.once('error', () => resolve(undefined));
      other.bind(0, '127.0.0.2', () => resolve(other));
    });
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
        otherPort.close();
        otherAddress?.close();
        udp.close(() => {
          if (tcpServer.listening) tcpServer.close(() => resolve());
          else resolve();
        });
      }),
  };
}
