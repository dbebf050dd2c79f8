import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/run-cli.js';
import { shownName, unicodeName } from '../src/render/idn.js';

test('internationalised domains are shown in Unicode beside punycode: text, Markdown, JSON `unicode`', async () => {
  const zone = join(mkdtempSync(join(tmpdir(), 'mailcheck-idn-')), 'idn.zone');
  writeFileSync(zone, '$ORIGIN xn--bcher-kva.test.\n$TTL 300\n@ IN SOA ns hm 1 3600 600 86400 300\n@ IN MX 10 mx1\n@ IN TXT "v=spf1 mx -all"\nmx1 IN A 192.0.2.10\n');
  const text = await runCli(['--zone', zone, 'domain', 'bücher.test', '--only', 'mx,spf']);
  assert.match(text.stdout, /^xn--bcher-kva\.test \(bücher\.test\) {2}score/);
  const md = await runCli(['--zone', zone, '--format', 'markdown', 'domain', 'xn--bcher-kva.test', '--only', 'mx,spf']);
  assert.match(md.stdout, /^## xn--bcher-kva\.test \(bücher\.test\) — /m);
  const json = JSON.parse((await runCli(['--zone', zone, '--json', 'domain', 'bücher.test', '--only', 'mx'])).stdout);
  assert.equal(json.domain, 'xn--bcher-kva.test');
  assert.equal(json.unicode, 'bücher.test');
  assert.equal(Object.keys(json).at(-1), 'unicode', 'a new field, after the documented ones');
  const plain = JSON.parse((await runCli(['--zone', 'test/fixtures/domain/good.test.zone', '--json', 'domain', 'good.test', '--only', 'mx'])).stdout);
  assert.ok(!('unicode' in plain));
});

test('unicodeName: only xn-- labels that decode', () => {
  assert.equal(unicodeName('mail.xn--fiqs8s'), 'mail.中国');
  assert.equal(unicodeName('example.com'), undefined);
  assert.equal(shownName('example.com'), 'example.com');
  assert.equal(shownName('xn--mnchen-3ya.example'), 'xn--mnchen-3ya.example (münchen.example)');
});

test('--only and --skip choose the checks (and so the lookups); a wrong name is one line', async () => {
  const zone = ['--zone', 'test/fixtures/domain/good.test.zone'];
  const only = JSON.parse((await runCli([...zone, '--json', 'domain', 'good.test', '--only', 'spf', '--only', 'dmarc'])).stdout);
  assert.deepEqual(Object.keys(only.checks), ['spf', 'dmarc']);
  const skip = JSON.parse((await runCli([...zone, '--json', 'domain', 'good.test', '--skip', 'rbl,dkim'])).stdout);
  assert.ok(!('rbl' in skip.checks) && !('dkim' in skip.checks) && 'mx' in skip.checks);
  const bad = await runCli([...zone, 'domain', 'good.test', '--skip', 'rbls']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'mailcheck: --skip takes check names (mx, spf, dmarc, dkim, rdns, rbl, provider, tls, dnssec, dane, smtp, profile), not "rbls"\n');
  const none = await runCli([...zone, 'domain', 'good.test', '--only', 'mx', '--skip', 'mx']);
  assert.equal(none.stderr, 'mailcheck: --only and --skip leave no check to run\n');
});
