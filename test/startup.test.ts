import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { getDomain } from 'tldts';
import { describedBy } from '../src/dns/zone.js';
import { commands } from '../src/cli/commands.js';
import { BIN, REPO, runBinary, runNode } from './helpers/run-cli.js';

// Start-up (README "Start-up time"): the bundle the bin runs (scripts/build.mjs), what each command loads,
// and the zone source's Public Suffix List consulted only when needed. No timings here: bench:startup.

const ZONE = 'examples/example.test.zone';

/**
 * Runs the bin in a child process and returns the source files (by the chunks' source maps) of every
 * bundle chunk it loaded, with its exit code.
 */
function loadedSources(args: string[]): Promise<{ code: number | null; sources: Set<string>; chunks: number; builtins: string[]; stderr: string }> {
  const script = `
    process.argv = [process.argv[0], ${JSON.stringify(BIN)}, ...${JSON.stringify(args)}];
    process.on('exit', () => {
      const chunks = Object.keys(require.cache).filter((f) => f.includes('/dist/bundle/'));
      const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13));
      process.stderr.write('\\nLOADED ' + JSON.stringify(chunks) + '\\nBUILTINS ' + JSON.stringify(builtins) + '\\n');
    });
    require(${JSON.stringify(BIN)});`;
  return runNode(['-e', script]).then(({ code, stderr }) => {
    const chunks = JSON.parse(/\nLOADED (.*)\n/.exec(stderr)?.[1] ?? '[]') as string[];
    const sources = new Set<string>();
    for (const chunk of chunks) {
      const map = JSON.parse(readFileSync(`${chunk}.map`, 'utf8')) as { sources: string[] };
      for (const source of map.sources) sources.add(source.replace(/^(\.\.\/)+/, ''));
    }
    const builtins = JSON.parse(/\nBUILTINS (.*)\n/.exec(stderr)?.[1] ?? '[]') as string[];
    return { code, sources, chunks: chunks.length, builtins, stderr };
  });
}

const has = (sources: Set<string>, prefix: string): boolean => [...sources].some((s) => s.startsWith(prefix));

test('lookup and domain on a zone load their own code only: no bounce reader, MIME, other formats, Chinese; lookup no PSL or network transport', async () => {
  const lookup = await loadedSources(['lookup', '--zone', ZONE, 'example.test', 'MX']);
  assert.equal(lookup.code, 0, lookup.stderr);
  assert.ok(has(lookup.sources, 'src/cli/commands/lookup.ts') && has(lookup.sources, 'src/dns/zone.ts'), [...lookup.sources].join(' '));
  const domain = await loadedSources(['--zone', ZONE, 'domain', 'example.test']);
  assert.ok(domain.code === 0 || domain.code === 1, domain.stderr);
  assert.ok(has(domain.sources, 'src/checks/'), [...domain.sources].join(' '));
  for (const run of [lookup, domain]) {
    for (const absent of ['src/bounce/analyze.ts', 'src/mail/', 'node_modules/postal-mime', 'node_modules/csv-parse', 'node_modules/saxes', 'node_modules/yauzl', 'src/messages/zh-CN/', 'src/render/csv.ts', 'src/render/sarif.ts', 'src/cli/commands/bounce.ts']) {
      assert.ok(!has(run.sources, absent), `${absent} loaded`);
    }
  }
  // The PSL (domain consults it: DMARC's organizational domain, domain blacklists) and the network transports only when used.
  for (const absent of ['node_modules/tldts', 'src/dnsbl/catalogue.ts', 'src/dns/udp.ts', 'src/dns/doh.ts', 'node_modules/dns-packet']) assert.ok(!has(lookup.sources, absent), `${absent} loaded`);
  // The text format loads only the renderer of the reports it prints (render/text/index.ts).
  for (const absent of ['src/render/text/domain.ts', 'src/render/text/bounce.ts', 'src/render/address.ts', 'src/bounce/summary.ts', 'src/parse/spf.ts']) assert.ok(!has(lookup.sources, absent), `${absent} loaded`);
  assert.ok(has(domain.sources, 'src/render/text/domain.ts') && !has(domain.sources, 'src/render/text/lookup.ts'));

  // Node's own modules: commander's child_process (executable subcommands) and chalk's terminal detection (tty) are not loaded.
  for (const run of [lookup, domain]) for (const absent of ['child_process', 'tty']) assert.ok(!run.builtins.includes(absent), `node:${absent} loaded`);
  assert.ok(lookup.builtins.includes('fs/promises'), 'the builtins are listed');

  // The controls: what is not loaded above is loaded when it is needed.
  const chineseCsv = await loadedSources(['--lang', 'zh-CN', '--format', 'csv', '--zone', ZONE, 'domain', 'example.test']);
  assert.ok(has(chineseCsv.sources, 'src/messages/zh-CN/'));
  assert.ok(has(chineseCsv.sources, 'src/render/csv.ts'));
  assert.ok(has(domain.sources, 'src/dnsbl/catalogue.ts') && has(domain.sources, 'node_modules/tldts'));
  const version = await loadedSources(['--version']);
  assert.equal(version.chunks, 0, '--version reads package.json only');
});

test('the bundle holds every command: each chunk loads, and every chunk a chunk requires is there', async () => {
  // One process for all (a --help per command cost a process start each); the commands' behaviour is
  // tested in-process, and through this bundle by test/e2e-binary.
  const dir = join(REPO, 'dist/bundle');
  const chunks = readdirSync(dir).filter((f) => f.endsWith('.cjs'));
  const sourcesOf = (chunk: string): string[] => (JSON.parse(readFileSync(join(dir, `${chunk}.map`), 'utf8')) as { sources: string[] }).sources.map((s) => s.replace(/^(\.\.\/)+/, ''));
  const commandFiles = new Set(chunks.flatMap(sourcesOf).filter((s) => s.startsWith('src/cli/commands/')));
  assert.ok(commands.length >= 10);
  for (const { name } of commands) assert.ok(commandFiles.has(`src/cli/commands/${name}.ts`), `no chunk holds the ${name} command`);
  for (const chunk of chunks) {
    for (const [, target] of readFileSync(join(dir, chunk), 'utf8').matchAll(/require\("(\.\/[^"]+)"\)/g)) {
      assert.ok(existsSync(join(dir, target as string)), `${chunk} requires ${target}, which is not in the bundle`);
    }
  }
  // Every chunk but the program's entry (which runs the program) evaluates: its static requires resolve.
  const script = `const { join } = require('node:path'); let n = 0; for (const c of ${JSON.stringify(chunks.filter((c) => c !== 'mailcheck.cjs'))}) { require(join(${JSON.stringify(dir)}, c)); n++; } process.stdout.write('loaded ' + n);`;
  const loaded = await runNode(['-e', script]);
  assert.deepEqual([loaded.code, loaded.stdout], [0, `loaded ${chunks.length - 1}`], loaded.stderr);
});

test('colour through the bundle (its chalk detects nothing itself): FORCE_COLOR paints, a pipe does not (NO_COLOR: in-process tests)', async () => {
  const args = ['lookup', '--zone', ZONE, 'example.test', 'MX'];
  const forced = await runBinary(args, { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
  assert.match(forced.stdout, /\x1b\[32m/, forced.stdout);
  const piped = await runBinary(args, { env: { NO_COLOR: '' } });
  assert.equal(piped.code, 0, piped.stderr);
  assert.doesNotMatch(piped.stdout, /\x1b\[/);
  assert.match(piped.stdout, /^example\.test MX: answer \(zone\)/);
});

test('a stack trace through the bundle names src/ files (source maps), with MAILCHECK_DEBUG', async () => {
  // Standard output that throws on write (written once per turn of the event loop, src/cli/io.ts):
  // one line, exit 2, and with MAILCHECK_DEBUG the stack, whose frames are src/ lines.
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-startup-'));
  const preload = join(dir, 'broken-stdout.cjs');
  writeFileSync(preload, "process.stdout.write = () => { throw new Error('stdout is broken'); };\n");
  const args = ['-r', preload, BIN, 'lookup', '--zone', ZONE, 'example.test', 'MX'];
  const run = (env: Record<string, string>) => runNode(args, { env });
  const debug = await run({ MAILCHECK_DEBUG: '1' });
  assert.equal(debug.code, 2, debug.stderr);
  assert.match(debug.stderr, /^mailcheck: .*stdout is broken/);
  // The frames of the write are src/ lines, not bundle lines.
  assert.match(debug.stderr, /\bsrc\/cli\/io\.ts:\d+:\d+/, debug.stderr);
  assert.doesNotMatch(debug.stderr, /dist\/bundle\/[^\s]*\.cjs:\d+/, debug.stderr);
  // Without it: the one line, no trace.
  const plain = await run({});
  assert.equal(plain.stderr.split('\n').filter(Boolean).length, 1, plain.stderr);
});

test('zone coverage decided without the PSL gives the answer the PSL gives', () => {
  // The definition: a name is described when one of its suffixes is the PSL domain of a zone name (or that name).
  const byPsl = (names: string[], name: string): boolean => {
    const described = new Set(names.map((n) => getDomain(n, { allowPrivateDomains: false }) ?? n));
    const labels = name.split('.');
    return labels.some((_, i) => described.has(labels.slice(i).join('.')));
  };
  const label = fc.constantFrom('example', 'test', 'co', 'uk', 'com', 'org', 'in-addr', 'ip6', 'arpa', '192', '2', '0', 'b', '_dmarc', '_domainkey', 'mx1', '*', 'a-b', 'github', 'io', 'spamhaus', 'zen', 'é', 'a:b', 'x/y');
  const name = fc.array(label, { minLength: 1, maxLength: 5 }).map((l) => l.join('.'));
  fc.assert(
    fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 6 }), fc.array(name, { minLength: 1, maxLength: 8 }), (names, asked) => {
      const isDescribed = describedBy(new Set(names));
      // Asked names beside the zone's own and their parents and children.
      for (const q of [...asked, ...names, ...names.map((n) => n.split('.').slice(1).join('.')).filter(Boolean), ...names.map((n) => `x.${n}`)]) {
        assert.equal(isDescribed(q), byPsl(names, q), `${q} in a zone of ${names.join(', ')}`);
      }
    }),
    { numRuns: 400 },
  );
  // The cases that decide without the PSL, and one that needs it (the registrable domain of a deeper name).
  const zone = describedBy(new Set(['example.co.uk', 'mx1.example.co.uk', 'www.shop.example.com']));
  assert.deepEqual(['mx1.example.co.uk', 'nope.example.co.uk', 'co.uk', 'zen.spamhaus.org', 'example.com', 'other.example.com', 'shop.example.com'].map(zone), [true, true, false, false, true, true, true]);
});
