// npm run bench:dns — 20,000 distinct names at concurrency 200 against the local test DNS server
// (in its own process), once with our resolver and once with node:dns's Resolver (c-ares) pointed
// at the same server. Prints queries/second for both and the ratio (goal: ours >= 1.2x Node's at
// <= 1.0x its CPU per query), and the client CPU time per query (the server runs in its own
// process, so this is the resolver's). Our resolver spreads queries over a small pool of UDP
// sockets, each retired after about 100 queries (a fresh random source port, RFC 5452); the bench
// also prints how many distinct source ports the server saw over 10,000 queries.

import { fork } from 'node:child_process';
import dgram from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { Resolver as NodeResolver } from 'node:dns/promises';
import pLimit from 'p-limit';
import type * as ResolverModule from '../src/dns/resolver.js';
import type * as UdpModule from '../src/dns/udp.js';
import type * as WireModule from '../src/dns/wire.js';
import { startDnsServer } from '../test/helpers/dns-server.js';

// The compiled code that ships (npm run bench:dns builds first), not tsx-transformed sources.
const dist = (path: string) => new URL(`../dist/dns/${path}`, import.meta.url).href;
const { createCachingResolver } = (await import(dist('resolver.js'))) as typeof ResolverModule;
const { createUdpSource, SOCKET_QUERY_BUDGET } = (await import(dist('udp.js'))) as typeof UdpModule;
const { encodeQuery } = (await import(dist('wire.js'))) as typeof WireModule;
import type { DnsRecord } from '../src/dns/types.js';

const NAMES = Number(process.env.BENCH_NAMES ?? 20_000);
const CONCURRENCY = 200;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const records: DnsRecord[] = [{ name: '*.bench.test', type: 'A', ttl: 60, data: '192.0.2.1' }];
const child = fork(fileURLToPath(new URL('./dns-server-process.ts', import.meta.url)), { execArgv: ['--import', 'tsx'] });
child.send({ records });
const port = await new Promise<number>((resolve, reject) => {
  child.once('message', (m: { port: number }) => resolve(m.port));
  child.once('error', reject);
});

/** The server's tally so far: queries received (more than asked means retries) and its CPU time in µs. */
const serverTally = () =>
  new Promise<{ count: number; cpu: number }>((resolve) => {
    child.once('message', (m: { count: number; cpu: number }) => resolve(m));
    child.send('count');
  });
let lastTally = await serverTally();

let round = 0;
/** Distinct names per run, so nothing is answered from any cache. */
const names = () => {
  round++;
  return Array.from({ length: NAMES }, (_, i) => `n${i}.r${round}.bench.test`);
};

interface Run {
  qps: number;
  /** Client (this process) CPU per query in µs: user, system. */
  user: number;
  system: number;
  /** The server process's CPU per query in µs (the same server code answers both sides). */
  server: number;
}

/** Runs every name through `ask` (which bounds its own concurrency at CONCURRENCY). */
async function timed(label: string, ask: (name: string) => Promise<boolean>): Promise<Run> {
  const list = names();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const ok = await Promise.all(list.map(ask));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const failures = ok.filter((x) => !x).length;
  const tally = await serverTally();
  const retried = tally.count - lastTally.count - NAMES;
  const run = { qps: NAMES / seconds, user: used.user / NAMES, system: used.system / NAMES, server: (tally.cpu - lastTally.cpu) / NAMES };
  lastTally = tally;
  const us = (x: number) => x.toFixed(1).padStart(5);
  console.log(
    `  ${label.padEnd(11)} ${run.qps.toFixed(0).padStart(7)} q/s  CPU/query ${us(run.user + run.system)} µs (user ${us(run.user)}, sys ${us(run.system)}), server ${us(run.server)} µs  (${seconds.toFixed(2)} s${retried > 0 ? `, ${retried} retried` : ''}${failures ? `, ${failures} failed` : ''})`,
  );
  return run;
}

// Ours as commands use it: the caching resolver bounds concurrency itself (p-limit inside).
const ours = async () => {
  const resolver = createCachingResolver(createUdpSource({ servers: [{ host: '127.0.0.1', port, family: 4 }], timeoutMs: 3000, retries: 1 }), { concurrency: CONCURRENCY });
  return timed('mailcheck', async (name) => (await resolver.query(name, 'A')).outcome === 'answer');
};
// Node's c-ares resolver has no concurrency bound of its own: the same p-limit bounds it.
const node = async () => {
  const resolver = new NodeResolver({ timeout: 3000, tries: 2 });
  resolver.setServers([`127.0.0.1:${port}`]);
  const limit = pLimit(CONCURRENCY);
  return timed('node:dns', (name) => limit(async () => (await resolver.resolve4(name).catch(() => [])).length > 0));
};

// The floor for any resolver that opens a fresh socket per query in Node: dgram socket, connect,
// send an encoded query, wait for the reply, close; a timer, but no checks, no decoding, no retries.
const floor = async () => {
  const lookup = ((address: string, _family: unknown, callback: (e: null, a: string, f: number) => void) => callback(null, address, 4)) as unknown as dgram.SocketOptions['lookup'];
  const limit = pLimit(CONCURRENCY);
  let id = 0;
  const bare = (name: string) =>
    new Promise<boolean>((resolve) => {
      const query = encodeQuery(id++ & 0xffff, name, 'A');
      const timer = setTimeout(() => done(false), 3000);
      const socket = dgram.createSocket({ type: 'udp4', lookup }, () => done(true));
      const done = (ok: boolean) => {
        clearTimeout(timer);
        socket.close();
        resolve(ok);
      };
      socket.connect(port, '127.0.0.1');
      socket.send(query); // connected already: the lookup above answers at once
    });
  return timed('floor', (name) => limit(() => bare(name)));
};

// The same bare round trips over ONE socket shared by all queries (IDs matched in a Map), as c-ares
// does: what the fresh socket per query costs is the difference from the floor. Not a resolver we
// would ship (one source port for every query is what RFC 5452 warns against).
const oneSocket = async () => {
  const lookup = ((address: string, _family: unknown, callback: (e: null, a: string, f: number) => void) => callback(null, address, 4)) as unknown as dgram.SocketOptions['lookup'];
  const limit = pLimit(CONCURRENCY);
  const waiting = new Map<number, () => void>();
  const socket = dgram.createSocket({ type: 'udp4', lookup, recvBufferSize: 512 * 1024 }, (message) => {
    const id = message.readUInt16BE(0);
    const done = waiting.get(id);
    waiting.delete(id);
    done?.();
  });
  socket.connect(port, '127.0.0.1');
  let next = 0;
  const bare = (name: string) =>
    new Promise<boolean>((resolve) => {
      const id = next++ & 0xffff;
      const timer = setTimeout(() => resolve(false), 3000);
      waiting.set(id, () => {
        clearTimeout(timer);
        resolve(true);
      });
      socket.send(encodeQuery(id, name, 'A'));
    });
  try {
    return await timed('one socket', (name) => limit(() => bare(name)));
  } finally {
    socket.close();
  }
};

// BENCH_ONLY=mailcheck (or node, floor, one) runs one side alone, e.g. under `node --cpu-prof`.
const only = process.env.BENCH_ONLY;
const sides = Object.entries({ mailcheck: ours, 'node:dns': node, floor, 'one socket': oneSocket }).filter(([label]) => !only || label.startsWith(only));
const runs = new Map<string, Run[]>(sides.map(([label]) => [label, []]));

console.log(`bench:dns — ${NAMES} distinct A queries, concurrency ${CONCURRENCY}, server 127.0.0.1:${port} (own process), ${ROUNDS} rounds after a warm-up`);
// Warm-up (JIT, sockets) for every side; then each round runs every side once, in rotated order
// so that no side always runs first (or right after the same neighbour) on a shared machine.
for (const [, side] of sides) await side();
console.log('  --');
for (let i = 0; i < ROUNDS; i++) {
  for (let j = 0; j < sides.length; j++) {
    const [label, side] = sides[(i + j) % sides.length] as (typeof sides)[number];
    runs.get(label)?.push(await side());
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
// The least CPU per query of the rounds is the steadiest figure on a shared machine (other work
// only ever adds to it); queries/second also depends on what else runs on the cores.
const summary = new Map(
  [...runs].map(([label, list]) => [label, { qps: median(list.map((r) => r.qps)), cpu: median(list.map((r) => r.user + r.system)), least: Math.min(...list.map((r) => r.user + r.system)), server: median(list.map((r) => r.server)) }]),
);
console.log(`median of ${ROUNDS} (least CPU/query in brackets):`);
for (const [label, s] of summary) console.log(`  ${label.padEnd(11)} ${s.qps.toFixed(0).padStart(7)} q/s  CPU/query ${s.cpu.toFixed(1)} µs (${s.least.toFixed(1)})  server ${s.server.toFixed(1)} µs/query`);
const nodeSummary = summary.get('node:dns');
if (nodeSummary) {
  for (const [label, s] of summary) {
    if (label === 'node:dns') continue;
    const goal = label === 'mailcheck' ? [' (goal >= 1.20x)', ' (goal <= 1.00x)'] : ['', ''];
    console.log(`${label} / node:dns: ${(s.qps / nodeSummary.qps).toFixed(2)}x queries/second${goal[0]}, ${(s.cpu / nodeSummary.cpu).toFixed(2)}x CPU per query${goal[1]} (least: ${(s.least / nodeSummary.least).toFixed(2)}x)`);
  }
}
const floorSummary = summary.get('floor');
const oneSummary = summary.get('one socket');
if (floorSummary && oneSummary) {
  console.log(`a fresh socket per query costs ${(floorSummary.cpu - oneSummary.cpu).toFixed(1)} µs CPU (least: ${(floorSummary.least - oneSummary.least).toFixed(1)} µs) more than one shared socket`);
}
child.disconnect();

// Port entropy: the source ports a server sees (in this process: only the ports are counted).
if (!only || only === 'ports') {
  const ENTROPY_QUERIES = 10_000;
  const server = await startDnsServer({ records });
  const resolver = createCachingResolver(createUdpSource({ servers: [{ host: '127.0.0.1', port: server.port, family: 4 }], timeoutMs: 3000, retries: 1 }), { concurrency: CONCURRENCY });
  await Promise.all(Array.from({ length: ENTROPY_QUERIES }, (_, i) => resolver.query(`p${i}.ports.bench.test`, 'A')));
  const ports = new Set(server.queries.map((q) => q.port));
  const ids = new Set(server.queries.map((q) => q.id));
  console.log(
    `port entropy: ${ports.size} distinct source ports over ${server.queries.length} queries (a socket retires after ~${SOCKET_QUERY_BUDGET}); ${ids.size} distinct IDs; c-ares uses 1 port per server`,
  );
  await server.close();
}
