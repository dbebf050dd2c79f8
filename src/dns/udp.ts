// DNS over UDP (RFC 1035 §4.2.1) with TCP fallback on truncation (§4.2.2, RFC 7766).
//
// Sockets: each server gets a small pool of connected UDP sockets on OS-chosen (random) source
// ports. One socket carries many queries at once, each with a random 16-bit ID unique among those
// in flight on it, and is retired after SOCKET_QUERY_BUDGET queries or SOCKET_MAX_AGE_MS, so the
// source port keeps changing (RFC 5452 §9.2: ID and port both random) without a socket's set-up
// cost on every query. Retired sockets close when their last query ends; idle ones close after
// SOCKET_IDLE_MS; all are unref'd, so they never keep the process alive.
//
// Accepting a datagram (RFC 5452 §9.1): the socket is connected, so the kernel delivers only the
// server's datagrams, and the sender's address and port are checked again; then the ID must be
// one in flight and the question (name in any case, type, class) exactly ours. A datagram that
// matches but does not decode, fails validation or contradicts itself is noted and ignored: we
// keep waiting, so garbage cannot end a lookup early (if nothing better arrives, the attempt fails
// as malformed). A truncated answer is asked again over TCP within the same attempt's time.
//
// Time: `timeoutMs` bounds one attempt, UDP and its TCP fallback together; one lookup, retries and
// CNAME follow-ups included, takes at most (retries + 1) × timeoutMs; QueryOptions.signal stops it
// sooner (outcome timeout, reason dns.aborted).

import dgram from 'node:dgram';
import net from 'node:net';
import { randomFillSync, randomInt } from 'node:crypto';
import { parseIp } from '../net/ip.js';
import { AbortWatch } from './abort.js';
import type { Abortable } from './abort.js';
import type { LookupFailureReason, LookupResult, QueryOptions, QueryType, Resolver, Transport } from './types.js';
import { normalizeName } from './types.js';
import { decodeResponse, interpretDecoded, matchesQuery, mismatchKind, questionEnd } from './message.js';
import type { DecodedResponse } from './message.js';
import { encodeQuery, followCnames, stopsAtCname } from './wire.js';
import type { Exchange } from './wire.js';

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
  /** Per-attempt timeout in milliseconds (UDP and its TCP fallback together). */
  timeoutMs: number;
  /** Further attempts after the first one fails (timeout, network error, malformed answers, SERVFAIL/REFUSED with another server to ask). */
  retries: number;
}

export interface UdpSource extends Resolver {
  /** Closes the pooled sockets now (queries in flight on them fail). They also close by themselves when idle. */
  close(): void;
  stats(): UdpSourceStats;
}

export interface UdpSourceStats {
  /** Sockets opened so far (each one a fresh source port). */
  socketsOpened: number;
  /** Sockets open now. */
  socketsOpen: number;
  /** Queries waiting for an answer on a pooled UDP socket now. */
  waitingUdp: number;
  /** TCP connections open now. */
  tcpOpen: number;
}

/** About this many queries (75–125, drawn per socket) go out on one socket before it is retired. */
export const SOCKET_QUERY_BUDGET = 100;
/** A socket takes new queries for at most this long. */
export const SOCKET_MAX_AGE_MS = 5000;
/** A socket with nothing in flight closes after this long. */
export const SOCKET_IDLE_MS = 1000;

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
 * identity; skipping dns.lookup's machinery saves two deferred callbacks per socket.
 */
const literalLookup = ((address: string, family: unknown, callback: (error: Error | null, address: string, family: number) => void): void => {
  callback(null, address, typeof family === 'number' ? family : net.isIP(address) || 4);
}) as unknown as dgram.SocketOptions['lookup'];

const where = (server: ServerAddress) => (server.family === 6 ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`);

const RECV_BUFFER_BYTES = 512 * 1024;

/** The error code queries in flight fail with when the source is closed. */
const CLOSED = 'ECLOSED';

/** What the pooled socket delivers to a query waiting on it. */
interface Waiter {
  onDatagram(message: Buffer): void;
  onSocketError(error: Error & { code?: string }): void;
}

/** One connected UDP socket carrying several queries, demultiplexed by ID (then question). */
class PooledSocket {
  readonly socket: dgram.Socket;
  readonly waiting = new Map<number, Waiter>();
  /** Queries sent so far; the socket is retired at `budget`. */
  used = 0;
  readonly budget = SOCKET_QUERY_BUDGET - 25 + randomInt(51);
  readonly retireAt: number;
  retired = false;
  private closed = false;
  /** Datagrams to send once connected, when connect did not finish at once. */
  private queued: Buffer[] | undefined;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly server: ServerAddress,
    private readonly pool: ServerPool,
    now: number,
  ) {
    this.retireAt = now + SOCKET_MAX_AGE_MS;
    // The receive buffer holds a burst of answers to the ~100 queries that may be in flight on
    // one socket while this process waits for a CPU (the kernel caps it at net.core.rmem_max).
    this.socket = dgram.createSocket({ type: server.family === 6 ? 'udp6' : 'udp4', lookup: literalLookup, recvBufferSize: RECV_BUFFER_BYTES }, (message, remote) => {
      // Connected, so the kernel filters by peer already; check anyway (RFC 5452 §9.1).
      if (remote.port !== server.port || remote.address !== server.host || message.length < 12) return;
      this.waiting.get((message[0] as number) * 256 + (message[1] as number))?.onDatagram(message);
    });
    this.socket.on('error', (error: Error & { code?: string }) => this.fail(error));
    // connect() binds a random source port and fixes the peer: the kernel drops datagrams from any
    // other address/port, reports ICMP port-unreachable as ECONNREFUSED, and sends cost less.
    // With literalLookup Node connects at once; if connect failed (EACCES...), 'error' follows.
    this.socket.connect(server.port, server.host);
    this.socket.unref();
  }

  /** Registers a waiter under a fresh random ID (unique among those in flight here) and returns the ID. */
  add(waiter: Waiter): number {
    let id = randomId();
    while (this.waiting.has(id)) id = randomId();
    this.waiting.set(id, waiter);
    this.used++;
    return id;
  }

  send(bytes: Buffer): void {
    if (this.queued) {
      this.queued.push(bytes);
      return;
    }
    try {
      this.socket.send(bytes);
    } catch {
      // Not connected (yet): either connect failed, and 'error' follows and fails every waiter,
      // or a Node version connects later after all, and the datagrams go out on 'connect'.
      this.queued = [bytes];
      this.socket.once('connect', () => {
        const queued = this.queued ?? [];
        this.queued = undefined;
        for (const each of queued) this.socket.send(each);
      });
    }
  }

  remove(id: number): void {
    this.waiting.delete(id);
    if (this.waiting.size > 0) return;
    if (this.retired) this.close();
    else if (this.idleTimer) this.idleTimer.refresh();
    else this.idleTimer = setTimeout(() => this.waiting.size === 0 && this.retire(), SOCKET_IDLE_MS).unref();
  }

  /** No new queries; closes as soon as none is in flight. */
  retire(): void {
    if (!this.retired) {
      this.retired = true;
      this.pool.retired(this);
    }
    if (this.waiting.size === 0) this.close();
  }

  /** A socket error concerns every query on the (connected) socket: they all fail, and the socket goes. */
  fail(error: Error & { code?: string }): void {
    this.retire();
    const waiters = [...this.waiting.values()];
    this.waiting.clear();
    this.close();
    for (const waiter of waiters) waiter.onSocketError(error);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pool.closed(this);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    try {
      this.socket.close();
    } catch {
      // Already closed by Node after an error.
    }
  }
}

/** The sockets towards one server: the one taking new queries, and retired ones draining. */
class ServerPool {
  private current: PooledSocket | undefined;
  private readonly all = new Set<PooledSocket>();
  opened = 0;

  constructor(private readonly server: ServerAddress) {}

  acquire(now: number): PooledSocket {
    let socket = this.current;
    if (socket && (socket.used >= socket.budget || now >= socket.retireAt)) {
      socket.retire();
      socket = undefined;
    }
    if (!socket) {
      socket = new PooledSocket(this.server, this, now);
      this.current = socket;
      this.all.add(socket);
      this.opened++;
    }
    return socket;
  }

  open(): number {
    return this.all.size;
  }

  waiting(): number {
    let sum = 0;
    for (const socket of this.all) sum += socket.waiting.size;
    return sum;
  }

  retired(socket: PooledSocket): void {
    if (this.current === socket) this.current = undefined;
  }

  closed(socket: PooledSocket): void {
    this.all.delete(socket);
  }

  closeAll(): void {
    for (const socket of [...this.all]) socket.fail(Object.assign(new Error('resolver closed'), { code: CLOSED }));
    this.all.clear();
  }
}

type TcpOutcome = { kind: 'response'; response: DecodedResponse } | { kind: 'failure'; outcome: 'error'; error: string; reason: LookupFailureReason };

/**
 * One query over a fresh TCP connection. Reads one length-prefixed message (at most 65535 bytes,
 * as the 16-bit prefix allows; bytes past it are ignored) and calls `done` once, unless cancelled
 * first. The caller's timer bounds the whole exchange, so a server trickling bytes still ends at
 * the deadline. `open` counts the connections held (released when done or cancelled).
 */
function tcpExchange(server: ServerAddress, query: Buffer, end: number, open: { tcpOpen: number }, done: (outcome: TcpOutcome) => void): { cancel(): void } {
  const socket = net.connect({ host: server.host, port: server.port, noDelay: true });
  open.tcpOpen++;
  let settled = false;
  const release = () => {
    if (settled) return false;
    settled = true;
    socket.destroy();
    open.tcpOpen--;
    return true;
  };
  const finish = (outcome: TcpOutcome) => {
    if (release()) done(outcome);
  };
  const fail = (code: LookupFailureReason['code'], error: string, errno?: string) =>
    finish({ kind: 'failure', outcome: 'error', error: `${error} (${where(server)})`, reason: { code, server: where(server), ...(errno ? { errno } : {}) } });
  const prefix = Buffer.alloc(2);
  let prefixRead = 0;
  let body: Buffer | undefined;
  let filled = 0;
  socket.on('error', (error: Error & { code?: string }) => fail('dns.network', error.message, error.code));
  socket.on('close', () => fail('dns.tcp-closed', 'TCP connection closed before a full response'));
  socket.on('connect', () => {
    prefix.writeUInt16BE(query.length);
    socket.write(Buffer.concat([prefix, query]));
  });
  socket.on('data', (chunk: Buffer) => {
    if (settled) return;
    let i = 0;
    while (!body && i < chunk.length) {
      prefix[prefixRead++] = chunk[i++] as number;
      if (prefixRead === 2) {
        const length = prefix.readUInt16BE(0);
        if (length < 12) return fail('dns.malformed', 'malformed response over TCP');
        body = Buffer.allocUnsafe(length);
      }
    }
    if (!body) return;
    const take = Math.min(chunk.length - i, body.length - filled);
    chunk.copy(body, filled, i, i + take);
    filled += take;
    if (filled < body.length) return;
    // One query per connection, so a mismatch cannot be someone else's answer: it is an error.
    if (!matchesQuery(body, query, end)) return fail('dns.mismatch', 'TCP response does not match the question');
    const response = decodeResponse(body, end);
    if (!response || response.truncated) return fail('dns.malformed', 'malformed response over TCP');
    finish({ kind: 'response', response });
  });
  return { cancel: () => void release() };
}

/** The source's shared state: pools per server, and the lookups listening to each caller's signal. */
interface SourceContext {
  servers: ServerAddress[];
  timeoutMs: number;
  retries: number;
  pools: ServerPool[];
  aborting: AbortWatch;
  /** TCP connections open now. */
  tcpOpen: number;
  /** One question without CNAME following (for follow-ups). */
  exchange: Exchange;
  /** Lookups to start in the next microtask. */
  starting: UdpLookup[];
}

/** One question put to the servers: attempts (UDP, TCP on truncation), retries, then one result. */
class UdpLookup implements Waiter, Abortable {
  private attempt = 0;
  private last: LookupResult | undefined;
  /** The attempt in progress got datagrams with our ID that we could not accept, and why. */
  private rejected: 'dns.malformed' | 'dns.mismatch' | undefined;
  private readonly query: Buffer;
  private readonly end: number;
  private socket: PooledSocket | undefined;
  private id = 0;
  private timer: NodeJS.Timeout | undefined;
  private tcp: { cancel(): void } | undefined;
  private server: ServerAddress;
  private attemptDeadline = 0;
  private done = false;

  constructor(
    private readonly context: SourceContext,
    private readonly name: string,
    private readonly type: QueryType,
    private readonly options: QueryOptions,
    private readonly deadline: number,
    /** Follow a CNAME the answer stops at (the top-level question, not a follow-up). */
    private readonly follows: boolean,
    private readonly resolve: (result: LookupResult | Promise<LookupResult>) => void,
  ) {
    this.query = encodeQuery(0, name, type, options);
    this.end = questionEnd(this.query);
    this.server = context.servers[0] as ServerAddress;
  }

  start(): void {
    const signal = this.options.signal;
    if (signal) {
      if (signal.aborted) return this.abort();
      this.context.aborting.add(signal, this);
    }
    this.send(performance.now());
  }

  private base(transport: Transport) {
    return { name: this.name, type: this.type, transport, ad: false, answers: [], cnames: [] };
  }

  private send(now: number): void {
    const remaining = this.deadline - now;
    if (remaining <= 0) return this.finish(this.last ?? this.timeoutResult('udp'));
    const { context } = this;
    const index = this.attempt % context.servers.length;
    this.server = context.servers[index] as ServerAddress;
    this.rejected = undefined;
    // Whole milliseconds: the first attempt waits exactly timeoutMs, not a hair less.
    const wait = Math.min(context.timeoutMs, Math.ceil(remaining));
    this.attemptDeadline = now + wait;
    const socket = (context.pools[index] as ServerPool).acquire(now);
    this.socket = socket;
    this.id = socket.add(this);
    this.query[0] = this.id >>> 8;
    this.query[1] = this.id & 0xff;
    this.timer = setTimeout(() => this.onTimeout(), wait);
    try {
      socket.send(this.query);
    } catch (error) {
      this.releaseUdp();
      this.failed(this.networkResult('udp', error as Error & { code?: string }));
    }
  }

  private releaseUdp(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const socket = this.socket;
    this.socket = undefined;
    socket?.remove(this.id);
  }

  onDatagram(message: Buffer): void {
    if (!matchesQuery(message, this.query, this.end)) {
      // Someone else's answer or a spoofing attempt: keep waiting (noted in case nothing else comes).
      if (this.rejected === undefined) this.rejected = mismatchKind(message);
      return;
    }
    const response = decodeResponse(message, this.end);
    if (response?.truncated) {
      this.releaseUdp();
      return this.viaTcp();
    }
    const result = response && interpretDecoded(response, this.name, this.type, 'udp');
    if (!result) {
      this.rejected = 'dns.malformed';
      return;
    }
    this.releaseUdp();
    this.answered(result);
  }

  onSocketError(error: Error & { code?: string }): void {
    // The socket has dropped us already.
    this.socket = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // close(): no retry on a new socket.
    if (error.code === CLOSED) return this.finish(this.networkResult('udp', error));
    this.failed(this.networkResult('udp', error));
  }

  private onTimeout(): void {
    this.timer = undefined;
    const socket = this.socket;
    this.socket = undefined;
    socket?.remove(this.id);
    this.failed(this.rejected ? this.rejectedResult('udp', this.rejected) : this.timeoutResult('udp'));
  }

  private viaTcp(): void {
    const wait = this.attemptDeadline - performance.now();
    if (wait <= 0) return this.failed(this.timeoutResult('tcp'));
    const attempt = this.attempt;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.tcp?.cancel();
      this.tcp = undefined;
      this.failed(this.timeoutResult('tcp'));
    }, wait);
    this.tcp = tcpExchange(this.server, this.query, this.end, this.context, (outcome) => {
      if (this.done || attempt !== this.attempt) return;
      this.tcp = undefined;
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      if (outcome.kind === 'failure') return this.failed({ ...this.base('tcp'), outcome: outcome.outcome, error: outcome.error, reason: outcome.reason });
      const result = interpretDecoded(outcome.response, this.name, this.type, 'tcp');
      if (!result) return this.failed(this.rejectedResult('tcp', 'dns.malformed'));
      this.answered(result);
    });
  }

  private answered(result: LookupResult): void {
    if (result.reason) result.reason.server = where(this.server);
    // Another server may do better than a SERVFAIL/REFUSED; asking the same one again rarely does.
    const another = this.context.servers.length > 1 && this.attempt < this.context.retries;
    if ((result.outcome === 'servfail' || result.outcome === 'refused') && another) return this.failed(result);
    this.finish(result);
  }

  private failed(result: LookupResult): void {
    this.last = result;
    this.attempt++;
    if (this.attempt > this.context.retries) return this.finish(result);
    this.send(performance.now());
  }

  abort(): void {
    if (this.done) return;
    this.tcp?.cancel();
    this.tcp = undefined;
    this.releaseUdp();
    this.finish({ ...this.base('udp'), outcome: 'timeout', error: 'stopped at the deadline', reason: { code: 'dns.aborted' } });
  }

  private finish(result: LookupResult): void {
    if (this.done) return;
    this.done = true;
    const { signal } = this.options;
    if (signal) this.context.aborting.delete(signal, this);
    if (this.follows && stopsAtCname(result, this.type)) this.resolve(followCnames(this.context.exchange, this.name, this.type, this.options, result, this.deadline));
    else this.resolve(result);
  }

  private timeoutResult(transport: Transport): LookupResult {
    return { ...this.base(transport), outcome: 'timeout', error: `no answer from ${where(this.server)}`, reason: { code: 'dns.timeout', server: where(this.server) } };
  }

  private rejectedResult(transport: Transport, code: 'dns.malformed' | 'dns.mismatch'): LookupResult {
    const what = code === 'dns.malformed' ? 'malformed response' : 'response does not match the question';
    return { ...this.base(transport), outcome: 'error', error: `${what} (${where(this.server)})`, reason: { code, server: where(this.server) } };
  }

  private networkResult(transport: Transport, error: Error & { code?: string }): LookupResult {
    return {
      ...this.base(transport),
      outcome: 'error',
      error: `${error.message} (${where(this.server)})`,
      reason: { code: 'dns.network', server: where(this.server), ...(error.code ? { errno: error.code } : {}) },
    };
  }
}

/** UDP with TCP fallback: transport `udp`, or `tcp` after a truncated answer. */
export function createUdpSource(options: NetworkSourceOptions): UdpSource {
  if (options.servers.length === 0) throw new TypeError('createUdpSource needs at least one server');
  const pools = options.servers.map((server) => new ServerPool(server));
  const budget = options.timeoutMs * (options.retries + 1);
  // Lookups start after the caller's synchronous code (in one microtask for all asked together),
  // as when p-limit deferred every query: a caller that starts its own timer of the same length
  // right after asking (the DNSBL engine's deadline) sees that timer fire first, not the attempt's.
  const flush = () => {
    const starting = context.starting;
    context.starting = [];
    for (const lookup of starting) lookup.start();
  };
  const ask = <T extends QueryType>(name: string, type: T, queryOptions: QueryOptions, deadline: number, follows: boolean): Promise<LookupResult<T>> =>
    new Promise<LookupResult<T>>((resolve) => {
      if (context.starting.length === 0) queueMicrotask(flush);
      context.starting.push(new UdpLookup(context, name, type, queryOptions, deadline, follows, resolve as (result: LookupResult | Promise<LookupResult>) => void));
    });
  const context: SourceContext = {
    servers: options.servers,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    pools,
    aborting: new AbortWatch(),
    tcpOpen: 0,
    exchange: (name, type, queryOptions, deadline) => ask(name, type, queryOptions, deadline, false),
    starting: [],
  };
  return {
    // followingCnames's work, without its extra promise step: the lookup resolves with the
    // follow-up when the answer stops at a CNAME.
    query: <T extends QueryType>(name: string, type: T, queryOptions: QueryOptions = {}) => ask(normalizeName(name), type, queryOptions, performance.now() + budget, true),
    close: () => {
      for (const pool of pools) pool.closeAll();
    },
    stats: () => ({
      socketsOpened: pools.reduce((sum, pool) => sum + pool.opened, 0),
      socketsOpen: pools.reduce((sum, pool) => sum + pool.open(), 0),
      waitingUdp: pools.reduce((sum, pool) => sum + pool.waiting(), 0),
      tcpOpen: context.tcpOpen,
    }),
  };
}
