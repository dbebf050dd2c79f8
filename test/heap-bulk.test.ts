import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { bulkRunCount } from '../src/cli/heap.js';
import { runCli } from './helpers/run-cli.js';

const ZONE = 'examples/example.test.zone';

test('short runs leave V8 its heap defaults; list and a domain run over 100+ names bound its growth', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-heap-bulk-'));
  try {
    const before = bulkRunCount();
    const one = await runCli(['--zone', ZONE, 'domain', 'example.test']);
    assert.ok(one.code === 0 || one.code === 1, one.stderr);
    const address = await runCli(['--zone', ZONE, 'address', 'postmaster@example.test']);
    assert.ok(address.code === 0 || address.code === 1, address.stderr);
    assert.equal(bulkRunCount(), before, 'one domain and one address are not bulk runs');

    const file = join(dir, 'domains.txt');
    writeFileSync(file, Array.from({ length: 100 }, (_, i) => `d${i}.example.test`).join('\n'));
    const bulk = await runCli(['--zone', ZONE, 'domain', '--file', file, '--format', 'ndjson', '--only', 'mx']);
    assert.equal(bulk.stdout.trim().split('\n').length, 100, bulk.stderr);
    assert.equal(bulkRunCount(), before + 1, '100 domains are a bulk run');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
