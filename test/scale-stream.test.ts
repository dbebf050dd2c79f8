import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDnsServer, type DnsServer, type DnsServerRule } from './helpers/dns-server.js';
import { runCli } from './helpers/run-cli.js';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { runBounded, inShard, domainOfLine } from '../src/cli/bulk.js';
import { runDomainCommand } from '../src/cli/commands/domain.js';
import { buildResolver } from '../src/cli/resolver.js';
import { createCachingResolver } from '../src/dns/resolver.js';
import { createMemorySource } from '../src/dns/memory.js';
import { defaultLists } from '../src/dnsbl/catalogue.js';
import { scaleDomainName, scaleRecords } from '../bench/scale-fixture.js';

const COUNT = 40;
const names = Array.from({ length: COUNT }, (_, i) => scaleDomainName(i));

async function withServer<T>(fn: (server: DnsServer) => Promise<T>, rules: DnsServerRule[] = []): Promise<T> {
  const server = await startDnsServer({ records: scaleRecords(COUNT), rules });
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

function domainsFile(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-scale-'));
  const file = join(dir, 'domains.txt');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const base = (server: DnsServer) => ['--resolver', server.resolverArg, '--timeout', '5000', 'domain', '--no-config', '--selector', 's1', '--skip', 'rbl'];
const subjects = (ndjson: string) => ndjson.trim().split('\n').map((l) => JSON.parse(l).domain as string);

test('--format ndjson from --file: one line per domain in input order, duplicates once; --unordered: the same set', async () => {
  await withServer(async (server) => {
    const file = domainsFile([...names, names[3] as string, names[7]!.toUpperCase(), '# a comment', '']);
    const ordered = await runCli([...base(server), '--file', file, '--format', 'ndjson', '--concurrency', '6']);
    assert.equal(ordered.code, 0, ordered.stderr);
    assert.deepEqual(subjects(ordered.stdout), names);
    const unordered = await runCli([...base(server), '--file', file, '--format', 'ndjson', '--concurrency', '6', '--unordered']);
    assert.deepEqual(subjects(unordered.stdout).sort(), [...names].sort());
  });
});

test('--file - reads standard input; --format csv streams a header, then a row per domain', async () => {
  await withServer(async (server) => {
    const r = await runCli([...base(server), '--file', '-', '--format', 'csv'], { stdin: names.slice(0, 5).join('\n') });
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.trimEnd().split('\r\n');
    assert.equal(rows[0], 'domain,score,grade,incomplete,errors,warnings,info,mx,spf,dmarc,dkim,rdns,rbl,findings');
    assert.deepEqual(rows.slice(1).map((row) => row.split(',')[0]), names.slice(0, 5));
  });
});

test('the first line is printed before the last domains are done (the slow ones at the end still wait)', async () => {
  // The last 10 domains' DMARC answers are slow: if nothing were printed until the end, no line
  // could be written before they complete.
  await withServer(async (server) => {
    const io = memoryIo();
    let completed = 0;
    let completedAtFirstLine = -1;
    const write = io.stdout.bind(io);
    io.stdout = (text: string) => {
      if (completedAtFirstLine < 0) completedAtFirstLine = completed;
      write(text);
    };
    const global = { format: 'ndjson' as const, formatGiven: true, lang: 'en' as const, quiet: false, color: false, resolver: [server.resolverArg], zone: [], timeout: 5000, retries: 0 };
    const code = await runDomainCommand(names, { selectors: ['s1'], ips: [], failOn: 'error', minScore: 0, concurrency: 4, checks: ['mx', 'spf', 'dmarc'], onComplete: () => completed++ }, global, await buildResolver(global), io);
    assert.equal(code, 0);
    assert.ok(completedAtFirstLine >= 1 && completedAtFirstLine < COUNT - 10, `first line after ${completedAtFirstLine} domains`);
    assert.deepEqual(subjects(io.out), names);
  }, [{ match: /^_dmarc\.d3\d\.scale\.test$/, delayMs: 300 }]);
});

test('runBounded: in order through a bounded window; never more than `window` results wait', async () => {
  const resolvers: (() => void)[] = [];
  const started: number[] = [];
  const emitted: number[] = [];
  let maxAhead = 0;
  const done = runBounded(
    20,
    (i) => new Promise<number>((resolve) => {
      started.push(i);
      maxAhead = Math.max(maxAhead, i - emitted.length);
      resolvers[i] = () => resolve(i);
    }),
    { concurrency: 4, window: 5, ordered: true },
    (value) => emitted.push(value),
  );
  // Finish everything but item 0, in reverse start order, as far as the window lets items start.
  for (let round = 0; round < 10; round++) {
    for (const i of [...started].reverse()) if (i !== 0) resolvers[i]?.();
    await new Promise((r) => setImmediate(r));
  }
  assert.ok(started.length <= 5, `only the window started while item 0 is pending (${started.length})`);
  assert.deepEqual(emitted, []);
  resolvers[0]?.();
  for (let round = 0; round < 40 && emitted.length < 20; round++) {
    for (const i of started) resolvers[i]?.();
    await new Promise((r) => setImmediate(r));
  }
  await done;
  assert.deepEqual(emitted, Array.from({ length: 20 }, (_, i) => i));
  assert.ok(maxAhead < 5);
});

test('--shard K/N: the shards are disjoint and together are the input, on every run', async () => {
  const many = Array.from({ length: 3000 }, (_, i) => `n${i}.example`);
  const shards = [1, 2, 3].map((index) => many.filter((d) => inShard(d, { index, count: 3 })));
  assert.equal(shards.reduce((n, s) => n + s.length, 0), many.length);
  assert.equal(new Set(shards.flat()).size, many.length);
  assert.ok(shards.every((s) => s.length > 800), 'the hash spreads the names');
  await withServer(async (server) => {
    const file = domainsFile(names);
    const outputs = [];
    for (const k of [1, 2, 3]) {
      const r = await runCli([...base(server), '--file', file, '--format', 'ndjson', '--shard', `${k}/3`]);
      assert.equal(r.code, 0, r.stderr);
      outputs.push(r.stdout.trim() === '' ? [] : subjects(r.stdout));
    }
    assert.deepEqual(outputs.flat().sort(), [...names].sort());
    assert.deepEqual(outputs[1], names.filter((d) => inShard(d, { index: 2, count: 3 })));
    const bad = await runCli([...base(server), '--file', file, '--shard', '4/3']);
    assert.equal(bad.stderr, 'mailcheck: --shard takes K/N, shard K of N (1 ≤ K ≤ N ≤ 10000), not "4/3"\n');
  });
});

test('--resume OUT.ndjson with -o OUT.ndjson: a run cut off mid-line is completed, each domain once', async () => {
  await withServer(async (server) => {
    const file = domainsFile(names);
    const dir = mkdtempSync(join(tmpdir(), 'mailcheck-scale-'));
    const out = join(dir, 'out.ndjson');
    const full = await runCli([...base(server), '--file', file, '--format', 'ndjson']);
    const lines = full.stdout.trim().split('\n');
    // The first 12 reports, and half of the 13th (the run was killed while writing it).
    writeFileSync(out, `${lines.slice(0, 12).join('\n')}\n${(lines[12] as string).slice(0, 40)}`);
    const resumed = await runCli([...base(server), '--file', file, '--format', 'ndjson', '--resume', out, '-o', out]);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(resumed.stdout, '');
    const text = readFileSync(out, 'utf8');
    assert.ok(text.endsWith('\n'));
    const got = subjects(text);
    assert.deepEqual(got, [...names.slice(0, 12), ...names.slice(12)]);
    // Run again: nothing left to do.
    const again = await runCli([...base(server), '--file', file, '--format', 'ndjson', '--resume', out]);
    assert.equal(again.stdout, '');
    const wrong = await runCli([...base(server), '--file', file, '--resume', out]);
    assert.equal(wrong.stderr, 'mailcheck: --resume reads and continues NDJSON output: use it with --format ndjson\n');
  });
  assert.equal(domainOfLine('{"domain":"a\\"b.test","score":1}'), 'a"b.test');
  assert.equal(domainOfLine('{"score":1}'), undefined);
});

test('-o FILE: the report goes to the file, nothing to stdout; an unwritable file is one line, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-scale-'));
  const out = join(dir, 'report.json');
  const r = await runCli(['--zone', 'test/fixtures/domain/good.test.zone', 'domain', 'good.test', '--json', '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).domain, 'good.test');
  const bad = await runCli(['--zone', 'test/fixtures/domain/good.test.zone', 'domain', 'good.test', '--output', join(dir, 'no', 'such', 'dir.json')]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, `mailcheck: cannot write --output ${join(dir, 'no', 'such', 'dir.json')}: no such file or folder\n`);
});

test('a progress bar on a terminal only: done/total, domains/s; cleared at the end', async () => {
  await withServer(async (server) => {
    const file = domainsFile(names.slice(0, 8));
    const tty = Object.assign(memoryIo(), { stderrIsTTY: true });
    assert.equal(await run([...base(server), '--file', file, '--format', 'ndjson'], tty), 0);
    assert.match(tty.err, /\[#+\] 8\/8 domains, \d+\/s/);
    assert.ok(tty.err.endsWith('\r\u001b[2K'), 'the bar is cleared');
    assert.equal(subjects(tty.out).length, 8);
    const pipe = memoryIo();
    await run([...base(server), '--file', file, '--format', 'ndjson'], pipe);
    assert.equal(pipe.err, '');
  });
});

test('blacklists are asked once per distinct address across the run (the shared MX hosts of providers)', async () => {
  await withServer(async (server) => {
    const file = domainsFile(names);
    const r = await runCli(['--resolver', server.resolverArg, '--timeout', '5000', 'domain', '--no-config', '--selector', 's1', '--only', 'rbl', '--file', file, '--format', 'ndjson']);
    assert.equal(subjects(r.stdout).length, COUNT);
    const zone = defaultLists().find((l) => l.kinds.includes('ip4'))?.zone;
    // mx1.provider0.scale.test is 198.19.255.1: the MX host of 8 of the 40 domains.
    const reports = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const using = reports.filter((x) => JSON.stringify(x.checks.rbl).includes('198.19.255.1"')).length;
    assert.ok(using >= 8, `${using} domains have the address`);
    assert.equal(server.count(`1.255.19.198.${zone}`, 'A'), 1);
  });
});

test('the run-wide DNS cache is bounded: past maxEntries the least recently used answer is asked again', async () => {
  let asked = 0;
  const source = createMemorySource([{ name: 'a.test', type: 'A', ttl: 60, data: '192.0.2.1' }]);
  const counting = { query: ((name: string, type: 'A') => (asked++, source.query(name, type))) as typeof source.query };
  const cache = createCachingResolver(counting, { maxEntries: 2 });
  await cache.query('a.test', 'A');
  await cache.query('b.test', 'A');
  await cache.query('a.test', 'A');
  assert.equal(asked, 2);
  await cache.query('c.test', 'A'); // evicts b.test (a.test was used more recently)
  await cache.query('a.test', 'A');
  assert.equal(asked, 3);
  await cache.query('b.test', 'A');
  assert.equal(asked, 4);
});
