import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIp, reverseName, reversedLabels, isPublicUnicast } from '../src/net/ip.js';
import { gatherRdns } from '../src/gather/rdns.js';
import { createMemorySource } from '../src/dns/memory.js';

test('parseIp accepts dotted quads and IPv6, rejects the rest', () => {
  assert.equal(parseIp('192.0.2.1')?.version, 4);
  assert.equal(parseIp('2001:DB8::1')?.address, '2001:db8::1');
  for (const bad of ['192.0.2', '192.0.2.256', '0x7f.1.1.1', 'example.com', '', '1.2.3.4.5', '2001:db8::g']) {
    assert.equal(parseIp(bad), undefined, bad);
  }
});

test('reverse names follow RFC 1035 / RFC 3596 / RFC 5782', () => {
  assert.equal(reverseName(parseIp('192.0.2.1')!), '1.2.0.192.in-addr.arpa');
  assert.equal(reversedLabels(parseIp('127.0.0.2')!), '2.0.0.127');
  assert.equal(
    reverseName(parseIp('2001:db8:1:2:3:4:567:89ab')!),
    'b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
  );
  assert.equal(reversedLabels(parseIp('::ffff:7f00:2')!), '2.0.0.0.0.0.f.7.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0');
  assert.equal(isPublicUnicast(parseIp('10.1.2.3')!), false);
  assert.equal(isPublicUnicast(parseIp('8.8.4.4')!), true);
});

test('gatherRdns: confirmed, mismatched, missing and failed PTR', async () => {
  const source = createMemorySource(
    [
      { name: '1.2.0.192.in-addr.arpa', type: 'PTR', ttl: 60, data: 'mail.example.test' },
      { name: 'mail.example.test', type: 'A', ttl: 60, data: '192.0.2.1' },
      { name: '2.2.0.192.in-addr.arpa', type: 'PTR', ttl: 60, data: 'other.example.test' },
      { name: 'other.example.test', type: 'A', ttl: 60, data: '192.0.2.99' },
    ],
    { failures: [{ name: '4.2.0.192.in-addr.arpa', outcome: 'timeout' }] },
  );
  assert.deepEqual(await gatherRdns('192.0.2.1', source), {
    ip: '192.0.2.1', status: 'ok', ptr: ['mail.example.test'], confirmed: ['mail.example.test'], fcrdns: true, failedForward: [],
  });
  const mismatch = await gatherRdns('192.0.2.2', source);
  assert.equal(mismatch.fcrdns, false);
  const missing = await gatherRdns('192.0.2.3', source);
  assert.equal(missing.status, 'missing');
  const failed = await gatherRdns('192.0.2.4', source);
  assert.equal(failed.status, 'timeout');
  assert.equal(failed.fcrdns, undefined);
});
