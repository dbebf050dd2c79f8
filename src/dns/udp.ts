// DNS over UDP (RFC 1035 §4.2.1) with TCP fallback on truncation (§4.2.2, RFC 7766).
// Each attempt uses a fresh socket, so a random source port, and a random 16-bit ID; a datagram is
// accepted only from the server asked, with the same ID and question (RFC 5452 §9.1). Anything else
// is ignored and we keep waiting until the timeout.

import dgram from 'node:dgram';
import net from 'node:net';
import { randomFillSync } from 'node:crypto';
import type { DecodedPacket } from 'dns-packet';
import { parseIp } from '../net/ip.js';
import type { LookupResult, QueryOptions, QueryType, Resolver, Transport } from './types.js';
import { decodePacket, encodeQuery, followingCnames, interpretResponse, responseMatches } from './wire.js';

export interface ServerAddress {
  /** IP literal in canonical form. */
  host: string;
  port: number;
  family: 4 | 6;
}

/** `192.0.2.1`, `192.0.2.1:5353`, `2001:db8::1`, `[2001:db8::1]:5353`; undefined if not one of those. */
export function parseServerAddress(text: string): ServerAddress | undefined {
  let host = text.trim();
  let port = 53;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(host);
  if (bracketed) {
    host = bracketed[1] as string;
    if (bracketed[2] !== undefined) port = Number(bracketed[2]);
  } else {
    const withPort = /^([^:]+):(\d+)$/.exec(host);
    if (withPort) {
      host = withPort[1] as string;
      port = Number(withPort[2]);
    }
  }
  const ip = parseIp(host);
  if (!ip || port < 1 || port > 65535) return undefined;
  return { host: ip.address, port, family: ip.version };
}

export interface NetworkSourceOptions {
  /** Servers in order of preference; attempts rotate through them. */
  servers: ServerAddress[];
  /** Per-attempt timeout in milliseconds. */
  timeoutMs: number;
  /** Further attempts after the first one fails (timeout, network error, SERVFAIL/REFUSED with another server to ask). */
  retries: number;
}

type Attempt = { kind: 'response'; packet: DecodedPacket } | { kind: 'timeout' } | { kind: 'error'; message: string };

// Random IDs come from a pool refilled in bulk: one crypto call per 4096 queries, not one per query.
const idPool = new Uint16Array(4096);
let idIndex = idPool.length;
function randomId(): number {
  if (idIndex >= idPool.length) {
    randomFillSync(idPool);
    idIndex = 0;
  }
  return idPool[idIndex++] as number;
}

/**
 * Our server addresses are IP literals (and bind uses the wildcard address), so name lookup is the
 * identity; skipping dns.lookup's machinery saves two deferred callbacks per query.
 */
const literalLookup = ((address: string, family: unknown, callback: (error: Error | null, address: string, family: number) => void): void => {
  callback(null, address, typeof family === 'number' ? family : net.isIP(address) || 4);
}) as unknown as dgram.SocketOptions['lookup'];

function udpAttempt(server: ServerAddress, query: Buffer, accept: (packet: DecodedPacket) => boolean, id: number, timeoutMs: number): Promise<Attempt> {
  return new Promise((resolve) => {
    // The socket is connected, so the kernel only delivers datagrams from the server asked;
    // a different ID is someone else's (or a spoofing attempt): ignore it and keep waiting.
    const socket = dgram.createSocket({ type: server.family === 6 ? 'udp6' : 'udp4', lookup: literalLookup }, (message) => {
      if (message.length < 12 || message.readUInt16BE(0) !== id) return;
      const packet = decodePacket(message);
      if (!packet) return finish({ kind: 'error', message: 'malformed response' });
      if (accept(packet)) finish({ kind: 'response', packet });
    });
    let settled = false;
    const finish = (attempt: Attempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close();
      resolve(attempt);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    socket.on('error', (error) => finish({ kind: 'error', message: error.message }));
    // connect() binds a random source port and fixes the peer: the kernel drops datagrams from any
    // other address/port, reports ICMP port-unreachable as ECONNREFUSED, and sends cost less.
    // No connect or send callbacks: errors (ENETUNREACH, ECONNREFUSED...) then arrive as 'error',
    // and Node sends synchronously when it can.
    socket.connect(server.port, server.host);
    // literalLookup answers at once, so Node has connected the socket by now and the query goes
    // out without waiting for the 'connect' event (a listener added and removed per query). If
    // connect failed, send throws (no address to send to) and the error arrives as 'error'; if a
    // Node version connects later after all, send on 'connect' as usual.
    try {
      socket.send(query);
    } catch {
      socket.once('connect', () => socket.send(query));
    }
  });
}

function tcpAttempt(server: ServerAddress, query: Buffer, accept: (packet: DecodedPacket) => boolean, timeoutMs: number): Promise<Attempt> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: server.host, port: server.port });
    let settled = false;
    let received = Buffer.alloc(0);
    const finish = (attempt: Attempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(attempt);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    socket.on('error', (error) => finish({ kind: 'error', message: error.message }));
    socket.on('close', () => finish({ kind: 'error', message: 'TCP connection closed before a full response' }));
    socket.on('connect', () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(query.length);
      socket.write(Buffer.concat([length, query]));
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 2) return;
      const length = received.readUInt16BE(0);
      if (received.length < 2 + length) return;
      const packet = decodePacket(received.subarray(2, 2 + length));
      if (!packet) return finish({ kind: 'error', message: 'malformed response over TCP' });
      // One query per connection, so a mismatch cannot be someone else's answer: it is an error.
      finish(accept(packet) ? { kind: 'response', packet } : { kind: 'error', message: 'TCP response does not match the question' });
    });
  });
}

function failure<T extends QueryType>(name: string, type: T, transport: Transport, attempt: Exclude<Attempt, { kind: 'response' }>, server: ServerAddress): LookupResult<T> {
  const where = server.family === 6 ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
  const base = { name, type, transport, ad: false, answers: [], cnames: [] };
  return attempt.kind === 'timeout'
    ? { ...base, outcome: 'timeout', error: `no answer from ${where}` }
    : { ...base, outcome: 'error', error: `${attempt.message} (${where})` };
}

/** UDP with TCP fallback: transport `udp`, or `tcp` after a truncated answer. */
export function createUdpSource(options: NetworkSourceOptions): Resolver {
  if (options.servers.length === 0) throw new TypeError('createUdpSource needs at least one server');
  const { servers, timeoutMs, retries } = options;

  const exchange = async <T extends QueryType>(name: string, type: T, queryOptions: QueryOptions): Promise<LookupResult<T>> => {
    let last: LookupResult<T> | undefined;
    for (let attempt = 0; attempt <= retries; attempt++) {
      const server = servers[attempt % servers.length] as ServerAddress;
      const id = randomId();
      const query = encodeQuery(id, name, type, queryOptions);
      const accept = (packet: DecodedPacket) => responseMatches(packet, id, name, type);
      let transport: Transport = 'udp';
      let result = await udpAttempt(server, query, accept, id, timeoutMs);
      if (result.kind === 'response' && result.packet.flag_tc) {
        transport = 'tcp';
        result = await tcpAttempt(server, query, accept, timeoutMs);
      }
      if (result.kind !== 'response') {
        last = failure(name, type, transport, result, server);
        continue;
      }
      const interpreted = interpretResponse(result.packet, name, type, transport);
      // Another server may do better than a SERVFAIL/REFUSED; asking the same one again rarely does.
      const another = servers.length > 1 && attempt < retries;
      if ((interpreted.outcome === 'servfail' || interpreted.outcome === 'refused') && another) {
        last = interpreted;
        continue;
      }
      return interpreted;
    }
    return last as LookupResult<T>;
  };
  return followingCnames(exchange);
}
