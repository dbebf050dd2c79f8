import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers/run-cli.js';
import { startDnsServer } from './helpers/dns-server.js';
import { VERSION } from '../src/cli/version.js';

// One JSON shape (issue 10 §18): `--json` keeps the shape each command has always printed (an
// object for one report, an array for several); `--format json` is always one envelope whose
// `results` are the same objects. Inputs are de-duplicated the same way in every command.

const ZONE = ['--zone', 'examples/example.test.zone'];

function envelope(stdout: string, command: string): Record<string, unknown>[] {
  const value = JSON.parse(stdout) as { tool: string; version: string; schemaVersion: number; command: string; results: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(value), ['tool', 'version', 'schemaVersion', 'command', 'results']);
  assert.equal(value.tool, 'mailcheck');
  assert.equal(value.version, VERSION);
  assert.equal(value.schemaVersion, 1);
  assert.equal(value.command, command);
  assert.ok(Array.isArray(value.results));
  return value.results;
}

test('domain: --json is an object for one (three spellings of it are one); --format json always the envelope', async () => {
  const legacy = await runCli([...ZONE, '--json', 'domain', 'example.test', 'EXAMPLE.test.', 'Example.Test']);
  assert.equal(JSON.parse(legacy.stdout).domain, 'example.test');
  const one = envelope((await runCli([...ZONE, '--format', 'json', 'domain', 'example.test', 'EXAMPLE.test.'])).stdout, 'domain');
  assert.equal(one.length, 1);
  assert.deepEqual(one[0], JSON.parse(legacy.stdout));
  const two = envelope((await runCli([...ZONE, '--format', 'json', 'domain', 'example.test', 'mailer.test'])).stdout, 'domain');
  assert.deepEqual(two.map((r) => r.domain), ['example.test', 'mailer.test']);
});

test('spf, lookup, bounce: the same objects inside the envelope', async () => {
  const spf = envelope((await runCli([...ZONE, '--format', 'json', 'spf', 'example.test', '--ip', '203.0.113.9'])).stdout, 'spf');
  assert.equal(spf.length, 1);
  assert.equal(spf[0]?.result, 'pass');
  const lookup = envelope((await runCli([...ZONE, '--format', 'json', 'lookup', 'example.test', 'MX'])).stdout, 'lookup');
  assert.equal(lookup[0]?.outcome, 'answer');
  const legacyBounce = JSON.parse((await runCli(['--json', 'bounce', 'test/fixtures/bounce/arf-abuse.eml'])).stdout);
  const bounce = envelope((await runCli(['--format', 'json', 'bounce', 'test/fixtures/bounce/arf-abuse.eml', './test/fixtures/bounce/arf-abuse.eml'])).stdout, 'bounce');
  assert.deepEqual(bounce, legacyBounce);
});

test('ip and ip --selftest: the envelope; two spellings of one address are one result', async () => {
  const server = await startDnsServer({ zoneText: '$ORIGIN list.test.\n@ 300 IN SOA ns hostmaster 1 3600 600 86400 300\n' });
  try {
    const args = ['--resolver', server.resolverArg, '--format', 'json'];
    const ip = envelope((await runCli([...args, 'ip', '2001:db8::1', '2001:DB8:0::1', '--only-lists', 'bl.list.test'])).stdout, 'ip');
    assert.deepEqual(ip.map((r) => r.ip), ['2001:db8::1']);
    const selftest = envelope((await runCli([...args, 'ip', '--selftest', '--only-lists', 'bl.list.test'])).stdout, 'ip-selftest');
    assert.ok(selftest.length >= 1);
    assert.equal(selftest[0]?.zone, 'bl.list.test');
  } finally {
    await server.close();
  }
});
