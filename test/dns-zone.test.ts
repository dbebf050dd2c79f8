import { test } from 'node:test';
import assert from 'node:assert/strict';
import { syntax } from './helpers/words.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildResolver } from '../src/cli/resolver.js';
import { en } from '../src/messages/en/index.js';
import { text } from '../src/messages/types.js';
import { ZoneFileError, createZoneSource, readZoneFile } from '../src/dns/zone.js';
import { ZONE_LIMITS } from '../src/parse/zone.js';
import { UsageError } from '../src/cli/exit-codes.js';

const EXAMPLE = fileURLToPath(new URL('../examples/example.test.zone', import.meta.url));
const defaults = { resolver: [] as string[], zone: [] as string[], timeout: 1000, retries: 0 };

test('zone source: answers like a recursive server from the example zone', async () => {
  const source = await createZoneSource([EXAMPLE]);
  const mx = await source.query('example.test', 'MX');
  assert.equal(mx.outcome, 'answer');
  assert.equal(mx.transport, 'zone');
  assert.deepEqual(mx.answers.map((r) => r.data), [{ preference: 10, exchange: 'mx1.example.test' }, { preference: 20, exchange: 'mx2.example.test' }]);
  const viaCname = await source.query('mail.example.test', 'A');
  assert.deepEqual([viaCname.cnames.map((c) => c.data), viaCname.answers.map((r) => r.data)], [['mx1.example.test'], ['192.0.2.25']]);
  assert.equal((await source.query('nope.example.test', 'A')).outcome, 'nxdomain');
  assert.equal((await source.query('mx2.example.test', 'AAAA')).outcome, 'nodata');
  assert.equal((await source.query('_domainkey.example.test', 'TXT')).outcome, 'nodata');
  assert.equal((await source.query('25.2.0.192.in-addr.arpa', 'PTR')).answers[0]?.data, 'mx1.example.test');
});

test('zone source: several files answer together', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-zone-'));
  const extra = join(dir, 'extra.zone');
  writeFileSync(extra, '$ORIGIN extra.test.\n@ 60 IN A 192.0.2.99\n');
  const source = await createZoneSource([EXAMPLE, extra]);
  assert.equal((await source.query('extra.test', 'A')).answers[0]?.data, '192.0.2.99');
  assert.equal((await source.query('example.test', 'A')).answers[0]?.data, '192.0.2.10');
});

async function usageError(options: Partial<typeof defaults> & { doh?: string }): Promise<string> {
  try {
    await buildResolver({ ...defaults, ...options });
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return text(en, 'errors', error.code, error.data);
  }
  assert.fail('expected a UsageError');
}

test('buildResolver: bad options are UsageErrors with one clear line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-zone-'));
  const bad = join(dir, 'bad.zone');
  writeFileSync(bad, '$ORIGIN bad.test.\n@ A 192.0.2.1\n@ MX 10\n');
  assert.equal(await usageError({ zone: [bad] }), `${bad}:3: bad MX record: expected "MX <preference> <exchange>", got "10"`);
  assert.match(await usageError({ zone: [join(dir, 'missing.zone')] }), /cannot read zone file .*missing\.zone: no such file/);
  assert.match(await usageError({ resolver: ['dns.example'] }), /--resolver takes an IP address .* not "dns\.example"/);
  assert.match(await usageError({ resolver: ['192.0.2.1:99999'] }), /--resolver takes an IP address/);
  assert.match(await usageError({ doh: 'ftp://dns.example/' }), /--doh takes an https:\/\/ URL/);
  assert.match(await usageError({ zone: [EXAMPLE], resolver: ['127.0.0.1'] }), /--zone and --resolver cannot be combined/);
});

test('buildResolver: --zone gives a caching resolver over the zone files', async () => {
  const resolver = await buildResolver({ ...defaults, zone: [EXAMPLE] });
  const [a, b] = await Promise.all([resolver.query('example.test', 'TXT'), resolver.query('EXAMPLE.TEST.', 'TXT')]);
  assert.equal(a, b);
  assert.deepEqual(resolver.stats(), { queries: 1, shared: 1, evictions: 0, entries: 1 });
});

test('zone source: speaks only for the domains the files describe; anything else is REFUSED, never NXDOMAIN', async () => {
  const source = await createZoneSource([EXAMPLE]);
  // Inside a described domain: a name that is not there does not exist.
  assert.equal((await source.query('nope.example.test', 'A')).outcome, 'nxdomain');
  // The reverse zone of a described address block is described too.
  assert.equal((await source.query('99.2.0.192.in-addr.arpa', 'PTR')).outcome, 'nxdomain');
  // A blacklist zone or a domain the files say nothing about: REFUSED, as an authoritative server answers.
  const list = await source.query('2.0.0.127.zen.spamhaus.org', 'A');
  assert.deepEqual([list.outcome, list.error], ['refused', 'the zone files do not describe this domain']);
  assert.equal((await source.query('unrelated.example', 'TXT')).outcome, 'refused');
  assert.equal(source.covers?.('mx1.example.test'), true);
  assert.equal(source.covers?.('zen.spamhaus.org'), false);
  const resolver = await buildResolver({ ...defaults, zone: [EXAMPLE] });
  assert.equal(resolver.covers?.('zen.spamhaus.org'), false, 'the caching resolver passes coverage through');
});

async function fileError(promise: Promise<unknown>): Promise<ZoneFileError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ZoneFileError, String(error));
    return error;
  }
  assert.fail('expected a ZoneFileError');
}

test('zone files are read up to a byte limit; a larger file, or a device that never ends, is zone.file-too-large', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-zone-'));
  const file = join(dir, 'ten.zone');
  writeFileSync(file, 'a.test. A 192.0.2.1\n'.padEnd(100, ';'));
  assert.equal((await readZoneFile(file, 100)).length, 100);
  const big = await fileError(readZoneFile(file, 99));
  assert.deepEqual([big.code, big.data], ['zone.file-too-large', { file, limit: 99 }]);
  // /dev/zero reports size 0 and never ends: the limit still stops the read.
  const zero = await fileError(readZoneFile('/dev/zero', 3 * 1024 * 1024));
  assert.equal(zero.code, 'zone.file-too-large');
  const missing = await fileError(createZoneSource([join(dir, 'missing.zone')]));
  assert.deepEqual([missing.code, missing.data], ['zone.file-unreadable', { file: join(dir, 'missing.zone'), reason: 'ENOENT' }]);
  const directory = await fileError(readZoneFile(dir));
  assert.deepEqual([directory.code, directory.data], ['zone.file-unreadable', { file: dir, reason: 'EISDIR' }]);
  assert.equal(syntax(directory), `cannot read zone file ${dir}: is a directory`);
  assert.ok(ZONE_LIMITS.fileBytes >= 16 * 1024 * 1024 && ZONE_LIMITS.records >= 100_000, 'the documented limits');
});
