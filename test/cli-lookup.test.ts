import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/run-cli.js';
import { startDnsServer } from './helpers/dns-server.js';

const ZONE = 'examples/example.test.zone';

test('lookup --zone: an answer prints a status line and the records, exit 0', async () => {
  const result = await runCli(['lookup', '--zone', ZONE, 'example.test', 'MX']);
  assert.equal(result.code, 0);
  assert.equal(result.stderr, '');
  assert.equal(
    result.stdout,
    'example.test MX: answer (zone)\nexample.test.\t3600\tIN\tMX\t10 mx1.example.test.\nexample.test.\t3600\tIN\tMX\t20 mx2.example.test.\n',
  );
});

test('lookup --json: the documented shape, CNAMEs first, global options after the subcommand', async () => {
  const result = await runCli(['lookup', 'mail.example.test', 'a', '--zone', ZONE, '--json']);
  assert.equal(result.code, 0);
  assert.deepEqual(JSON.parse(result.stdout), {
    name: 'mail.example.test',
    type: 'A',
    outcome: 'answer',
    answers: [
      { name: 'mail.example.test', type: 'CNAME', ttl: 3600, data: 'mx1.example.test' },
      { name: 'mx1.example.test', type: 'A', ttl: 3600, data: '192.0.2.25' },
    ],
    transport: 'zone',
    ad: false,
  });
});

test('lookup: TXT data is the joined string; MX data is structured in JSON', async () => {
  const dmarc = JSON.parse((await runCli(['--json', '--zone', ZONE, 'lookup', '_dmarc.example.test', 'TXT'])).stdout) as { answers: { data: string }[] };
  assert.match(dmarc.answers[0]?.data ?? '', /^v=DMARC1; p=quarantine; pct=100; rua=mailto:dmarc-reports@example\.test; ruf=/);
  const mx = JSON.parse((await runCli(['--json', '--zone', ZONE, 'lookup', 'example.test', 'MX'])).stdout) as { answers: { data: unknown }[] };
  assert.deepEqual(mx.answers[0]?.data, { preference: 10, exchange: 'mx1.example.test' });
});

test('lookup: NXDOMAIN and NODATA are answers about the DNS, exit 0', async () => {
  const nx = await runCli(['lookup', '--zone', ZONE, 'nope.example.test']);
  assert.equal(nx.code, 0);
  assert.equal(nx.stdout, 'nope.example.test A: NXDOMAIN (zone) — the name does not exist\n');
  const nodata = await runCli(['lookup', '--zone', ZONE, '--json', 'mx2.example.test', 'AAAA']);
  assert.equal(nodata.code, 0);
  assert.deepEqual(JSON.parse(nodata.stdout), { name: 'mx2.example.test', type: 'AAAA', outcome: 'nodata', answers: [], transport: 'zone', ad: false });
});

test('lookup: an IP address asks for the PTR of its reverse name', async () => {
  const result = await runCli(['lookup', '--zone', ZONE, '2001:db8::25']);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /^5\.2\.0\.0(\.0){20}\.8\.b\.d\.0\.1\.0\.0\.2\.ip6\.arpa PTR: answer \(zone\)\n.*\tPTR\tmx1\.example\.test\.\n$/);
});

test('lookup: bad type, bad name, bad zone file are exit 2 with one line on stderr', async () => {
  const badType = await runCli(['lookup', '--zone', ZONE, 'example.test', 'BOGUS']);
  assert.equal(badType.code, 2);
  assert.equal(badType.stderr, 'mailcheck: unknown record type "BOGUS": use one of A, AAAA, MX, TXT, SPF, CNAME, PTR, NS, SOA, CAA, TLSA\n');
  const badName = await runCli(['lookup', '--zone', ZONE, 'exa mple..test']);
  assert.equal(badName.code, 2);
  assert.equal(badName.stderr, 'mailcheck: "exa mple..test" is not a domain name\n');

  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-cli-'));
  const bad = join(dir, 'bad.zone');
  writeFileSync(bad, '$ORIGIN bad.test.\n$TTL 300\n\n@ IN MX ten mx1\n');
  const badZone = await runCli(['lookup', '--zone', bad, 'bad.test']);
  assert.equal(badZone.code, 2);
  assert.equal(badZone.stdout, '');
  assert.equal(badZone.stderr, `mailcheck: ${bad}:4: MX preference must be a number from 0 to 65535, not "ten"\n`);
  const missing = await runCli(['lookup', '--zone', join(dir, 'missing.zone'), 'bad.test']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^mailcheck: cannot read zone file .*missing\.zone: no such file or folder\n$/);
});

test('lookup: colour only when asked for; --no-color and NO_COLOR both turn it off', async () => {
  const forced = await runCli(['lookup', '--zone', ZONE, 'example.test'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
  assert.match(forced.stdout, /\u001b\[/);
  const flag = await runCli(['lookup', '--no-color', '--zone', ZONE, 'example.test'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
  assert.doesNotMatch(flag.stdout, /\u001b\[/);
  const env = await runCli(['lookup', '--zone', ZONE, 'example.test'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
  assert.doesNotMatch(env.stdout, /\u001b\[/);
});

test('lookup --quiet prints nothing for a successful lookup', async () => {
  const result = await runCli(['lookup', '--quiet', '--zone', ZONE, 'example.test', 'MX']);
  assert.equal(result.code, 0);
  assert.equal(result.stdout, '');
});

test('lookup --resolver: answers, failures (exit 3) and tcp after truncation through the test server', async () => {
  const server = await startDnsServer({
    zoneFile: ZONE,
    rules: [
      { name: 'example.test', type: 'TXT', behaviour: 'servfail' },
      { name: 'example.test', type: 'SOA', behaviour: 'drop' },
      { name: 'example.test', type: 'MX', behaviour: 'truncate' },
    ],
  });
  try {
    const answer = await runCli(['lookup', '--resolver', server.resolverArg, 'mail.example.test', 'A']);
    assert.equal(answer.code, 0);
    assert.match(answer.stdout, /^mail\.example\.test A: answer \(udp\)\nmail\.example\.test\.\t3600\tIN\tCNAME\tmx1\.example\.test\.\nmx1\.example\.test\.\t3600\tIN\tA\t192\.0\.2\.25\n$/);
    const tcp = JSON.parse((await runCli(['lookup', '--json', '--resolver', server.resolverArg, 'example.test', 'MX'])).stdout) as { transport: string; answers: unknown[] };
    assert.deepEqual([tcp.transport, tcp.answers.length], ['tcp', 2]);

    const servfail = await runCli(['lookup', '--resolver', server.resolverArg, 'example.test', 'TXT']);
    assert.equal(servfail.code, 3);
    assert.equal(servfail.stdout, 'example.test TXT: SERVFAIL (udp) — could not check: the server answered SERVFAIL\n');
    const timeout = await runCli(['lookup', '--json', '--timeout', '100', '--retries', '1', '--resolver', server.resolverArg, 'example.test', 'SOA']);
    assert.equal(timeout.code, 3);
    assert.deepEqual(JSON.parse(timeout.stdout), {
      name: 'example.test', type: 'SOA', outcome: 'timeout', answers: [], transport: 'udp', ad: false, error: `no answer from ${server.resolverArg}`,
    });
    assert.equal(server.count('example.test', 'SOA'), 2);
    // --quiet still prints a failure.
    const quiet = await runCli(['lookup', '--quiet', '--resolver', server.resolverArg, 'example.test', 'TXT']);
    assert.equal(quiet.code, 3);
    assert.match(quiet.stdout, /SERVFAIL/);
  } finally {
    await server.close();
  }
});

test('lookup: bad --resolver and --doh values are exit 2', async () => {
  const resolver = await runCli(['lookup', '--resolver', 'dns.example', 'example.test']);
  assert.equal(resolver.code, 2);
  assert.match(resolver.stderr, /^mailcheck: --resolver takes an IP address/);
  const doh = await runCli(['lookup', '--doh', 'not a url', 'example.test']);
  assert.equal(doh.code, 2);
  assert.equal(doh.stderr, 'mailcheck: --doh takes an https:// URL, not "not a url"\n');
  const timeout = await runCli(['lookup', '--timeout', 'soon', 'example.test']);
  assert.equal(timeout.code, 2);
  assert.equal(timeout.stderr, 'mailcheck: --timeout takes a whole number, not "soon"\n');
});

test('lookup --dnssec: DO is set and the AD bit is reported (text and JSON)', async () => {
  const server = await startDnsServer({ zoneFile: ZONE, ad: true });
  try {
    const text = await runCli(['lookup', '--dnssec', '--resolver', server.resolverArg, 'example.test', 'A']);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^example\.test A: answer \(udp, AD\)\n/);
    const json = JSON.parse((await runCli(['lookup', '--json', '--dnssec', '--resolver', server.resolverArg, 'example.test', 'A'])).stdout) as { ad: boolean };
    assert.equal(json.ad, true);
    const plain = JSON.parse((await runCli(['lookup', '--json', '--resolver', server.resolverArg, 'example.test', 'A'])).stdout) as { ad: boolean };
    assert.equal(plain.ad, false);
    assert.deepEqual(server.queries.map((q) => q.dnssec), [true, true, false]);
  } finally {
    await server.close();
  }
});
