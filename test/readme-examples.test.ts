import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { runCli } from './helpers/run-cli.js';
import { shellWords } from './helpers/shell-words.js';
import { startDnsServer } from './helpers/dns-server.js';
import { assertPrintsInOrder, consoleBlocks } from './helpers/readme.js';

// The README's examples run as written: every command line in its sh/console blocks that names a
// file of the repository names one that exists, every offline line (zone files, a file-only
// command) runs in-process with exit 0 or 1, a console example prints the first line the README
// shows, and the list count of the `ip` example is what an IPv4 check queries.

const README = readFileSync('README.md', 'utf8');

interface Example {
  line: string;
  /** The README's first output line, for a `$ ` line in a console block. */
  first?: string;
}

function examples(): Example[] {
  const out: Example[] = [];
  for (const block of README.matchAll(/```(sh|console)\n([\s\S]*?)```/g)) {
    const lines = (block[2] as string).split('\n');
    lines.forEach((raw, i) => {
      const line = raw.replace(/^\$ /, '');
      if (!/^(npx )?mailcheck /.test(line)) return;
      const next = lines[i + 1];
      const first = block[1] === 'console' && raw.startsWith('$ ') && next !== undefined && !next.startsWith('$ ') && next !== '' ? next : undefined;
      out.push(first === undefined ? { line } : { line, first });
    });
  }
  return out;
}

/** The repository files a line names (examples/…, test/fixtures/…). */
const files = (argv: readonly string[]) => argv.filter((w) => /^(examples|test\/fixtures)\//.test(w));

/** Runs without a network: it answers DNS from zone files, or reads files only. */
function offline(argv: readonly string[]): boolean {
  const command = argv.find((w, i) => !w.startsWith('-') && !['--zone', '--lang', '--format', '--resolver'].includes(argv[i - 1] ?? ''));
  return argv.includes('--zone') || argv.includes('--offline') || (command === 'bounce' && files(argv).length > 0);
}

test('README: every example names files that exist in the repository', () => {
  const all = examples();
  assert.ok(all.length > 30, `found ${all.length} example lines`);
  for (const { line } of all) for (const file of files(shellWords(line).argv)) assert.ok(existsSync(file), `${file} (in: ${line})`);
  assert.doesNotMatch(README, /mailcheck bounce undelivered\.eml/);
});

test('README: every offline example runs as written, with the output the README shows', async () => {
  let ran = 0;
  for (const { line, first } of examples()) {
    const { argv } = shellWords(line);
    const args = argv.slice(argv[0] === 'npx' ? 2 : 1);
    if (!offline(args)) continue;
    // A documented mistake (a zone file with an error, shown with its message) is not shipped.
    if (first?.startsWith('mailcheck: ')) continue;
    const r = await runCli(args);
    assert.ok(r.code === 0 || r.code === 1, `\`${line}\` exited ${r.code}: ${r.stderr}`);
    assert.ok(r.stdout.length > 0, line);
    if (first !== undefined && !first.includes('…')) assert.equal(r.stdout.split('\n')[0], first, line);
    ran++;
  }
  assert.ok(ran >= 15, `ran ${ran} offline examples`);
});

test('README: every console example on the example zones prints each line the README shows, in order', async () => {
  const blocks = consoleBlocks(README).filter((b) => b.command.includes('--zone examples/'));
  assert.ok(blocks.length >= 4, `README console examples: ${blocks.length}`);
  for (const block of blocks) {
    const { argv } = shellWords(block.command);
    assertPrintsInOrder(block, (await runCli(argv.slice(argv[0] === 'npx' ? 2 : 1))).stdout);
  }
});

test('README: the number of lists in the ip example is what an IPv4 check queries', async () => {
  const match = /npx mailcheck ip 203\.0\.113\.5 +# blacklists \((\d+) lists for an IPv4 address\)/.exec(README);
  assert.ok(match, 'the ip example states its list count');
  // Every list answers "not listed" (NXDOMAIN) from the test DNS server; count the lists asked.
  const server = await startDnsServer({ records: [] });
  try {
    const r = await runCli(['--resolver', server.resolverArg, '--format', 'json', 'ip', '192.0.2.1']);
    assert.equal(r.code, 0, r.stderr);
    const zones = new Set(server.queries.filter((q) => q.type === 'A' && q.name.startsWith('1.2.0.192.')).map((q) => q.name.slice('1.2.0.192.'.length)));
    const listings = (JSON.parse(r.stdout) as { results: { listings: unknown[] }[] }).results[0]!.listings.length;
    assert.equal(zones.size, listings);
    assert.equal(Number(match[1]), zones.size);
  } finally {
    await server.close();
  }
});
