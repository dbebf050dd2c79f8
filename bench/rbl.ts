// npm run bench:rbl — how fast `mailcheck ip` asks 50 blacklists, against the test DNS server with an
// injected delay per answer. Prints figures and ratios; not a timed test.
//
//  1. one IP × 50 lists, 40 ms per answer: wall time as a multiple of the delay (goal < 2× delay),
//     for a clean IP (one round trip) and for an IP that 2 lists list (their TXT reasons follow the
//     A answers: two dependent round trips, so about 2× delay by construction);
//  2. the same plus one list that never answers: goal < 2× delay + the timeout;
//  3. 200 IPs × 50 lists in one run: lookups per second (at 40 ms per answer, and with no delay);
//  4. the built binary end to end (Node start-up included), 50 lists + the silent one.

import { buildResolver as build } from '../src/cli/resolver.js';
import type { ResolverOptions } from '../src/cli/resolver.js';
const buildResolver = (o: Partial<ResolverOptions> & Pick<ResolverOptions, 'resolver' | 'zone' | 'timeout' | 'retries'>) => build({ doh: undefined, ...o });
import type { DnsRecord } from '../src/dns/types.js';
import type { DnsblList } from '../src/dnsbl/catalogue.js';
import { listForZone } from '../src/dnsbl/catalogue.js';
import { DEFAULT_DNSBL_CONCURRENCY, checkTarget, createDnsblLimit, summarize } from '../src/dnsbl/engine.js';
import { parseIp, reversedLabels } from '../src/net/ip.js';
import { startDnsServer } from '../test/helpers/dns-server.js';
import { runCli } from '../test/helpers/run-cli.js';

const DELAY_MS = 40;
const TIMEOUT_MS = 1000;
const LIST_COUNT = 50;
const IP_COUNT = 200;

const zones = Array.from({ length: LIST_COUNT }, (_, i) => `list${i}.bench.test`);
const lists: DnsblList[] = zones.map(listForZone);
const silent = listForZone('silent.bench.test');
const ip = parseIp('192.0.2.1')!;
const records: DnsRecord[] = [0, 1].flatMap((i) => [
  { name: `${reversedLabels(ip)}.${zones[i]}`, type: 'A' as const, ttl: 60, data: '127.0.0.2' },
  { name: `${reversedLabels(ip)}.${zones[i]}`, type: 'TXT' as const, ttl: 60, data: `listed on ${zones[i]}` },
]);
const manyIps = Array.from({ length: IP_COUNT }, (_, i) => parseIp(`198.51.${100 + Math.floor(i / 250)}.${(i % 250) + 1}`)!);

async function measure(delayMs: number, run: (resolverArg: string) => Promise<void>): Promise<number> {
  const server = await startDnsServer({ records, delayMs, rules: [{ match: /\.silent\.bench\.test$/, behaviour: 'drop' }] });
  try {
    const started = performance.now();
    await run(server.resolverArg);
    return performance.now() - started;
  } finally {
    await server.close();
  }
}

const resolverFor = (resolverArg: string) => buildResolver({ resolver: [resolverArg], zone: [], timeout: TIMEOUT_MS, retries: 0, doh: undefined });

async function oneIp(withSilent: boolean, target = ip): Promise<{ ms: number; summary: ReturnType<typeof summarize> }> {
  let summary = summarize([]);
  const ms = await measure(DELAY_MS, async (arg) => {
    const results = await checkTarget({ kind: 'ip', ip: target }, await resolverFor(arg), { lists: withSilent ? [...lists, silent] : lists, timeoutMs: TIMEOUT_MS });
    summary = summarize(results);
  });
  return { ms, summary };
}

async function manyIpsRun(delayMs: number): Promise<{ ms: number; lookups: number; failed: number }> {
  let lookups = 0;
  let failed = 0;
  const ms = await measure(delayMs, async (arg) => {
    const resolver = await resolverFor(arg);
    const limit = createDnsblLimit();
    const all = await Promise.all(manyIps.map((target) => checkTarget({ kind: 'ip', ip: target }, resolver, { lists, timeoutMs: TIMEOUT_MS, limit })));
    lookups = all.reduce((n, r) => n + r.length, 0);
    failed = all.reduce((n, r) => n + summarize(r).failed, 0);
  });
  return { ms, lookups, failed };
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
const ratio = (ms: number) => `${(ms / DELAY_MS).toFixed(2)}× delay`;

console.log(`bench:rbl — ${LIST_COUNT} lists, ${DELAY_MS} ms per answer, --timeout ${TIMEOUT_MS} ms, up to ${DEFAULT_DNSBL_CONCURRENCY} queries in flight\n`);

const warm = await oneIp(false); // first run pays for module loading and socket set-up
void warm;
const clean = await oneIp(false, parseIp('192.0.2.2')!);
console.log(`1 clean IP × ${LIST_COUNT} lists:         ${fmt(clean.ms)} = ${ratio(clean.ms)} (goal < 2× delay = ${2 * DELAY_MS} ms: ${clean.ms < 2 * DELAY_MS ? 'met' : 'NOT met'}); listed ${clean.summary.listed}, failed ${clean.summary.failed}`);
const plain = await oneIp(false);
console.log(`1 listed IP × ${LIST_COUNT} lists (A, then TXT): ${fmt(plain.ms)} = ${ratio(plain.ms)} (two dependent round trips = ${2 * DELAY_MS} ms + overhead); listed ${plain.summary.listed}, failed ${plain.summary.failed}`);
const withSilent = await oneIp(true);
const goal = 2 * DELAY_MS + TIMEOUT_MS;
console.log(`1 listed IP × ${LIST_COUNT} lists + silent list: ${fmt(withSilent.ms)} = ${ratio(withSilent.ms)} = timeout + ${fmt(withSilent.ms - TIMEOUT_MS)} (goal < 2× delay + timeout = ${goal} ms: ${withSilent.ms < goal ? 'met' : 'NOT met'}); failed ${withSilent.summary.failed}`);

for (const delay of [DELAY_MS, 0]) {
  const many = await manyIpsRun(delay);
  console.log(`${IP_COUNT} IPs × ${LIST_COUNT} lists, ${delay} ms delay: ${fmt(many.ms)}, ${many.lookups} lookups, ${Math.round(many.lookups / (many.ms / 1000))} lookups/s, ${many.failed} failed`);
}

const cliMs = await measure(DELAY_MS, async (arg) => {
  const result = await runCli(['ip', '--resolver', arg, '--timeout', String(TIMEOUT_MS), '--only-lists', [...zones, silent.zone].join(','), '192.0.2.1']);
  if (result.code !== 1 && result.code !== 3) throw new Error(`unexpected exit ${result.code}: ${result.stderr}`);
});
console.log(`binary end to end (Node start-up, PTR + FCrDNS, ${LIST_COUNT} lists + silent): ${fmt(cliMs)}`);
