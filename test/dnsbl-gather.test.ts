import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DnsRecord } from '../src/dns/types.js';
import { createMemorySource } from '../src/dns/memory.js';
import { listForZone } from '../src/dnsbl/catalogue.js';
import { createRblGatherer } from '../src/gather/rbl.js';

test('rbl gatherer: targets added over time, merged by target, domain and IP lists kept apart', async () => {
  const records: DnsRecord[] = [
    { name: '1.2.0.192.ipl.test', type: 'A', ttl: 60, data: '127.0.0.2' },
    { name: 'example.test.doml.test', type: 'A', ttl: 60, data: '127.0.0.2' },
  ];
  const lists = [listForZone('ipl.test'), { ...listForZone('doml.test'), kinds: ['domain' as const] }];
  const rbl = createRblGatherer(createMemorySource(records), { lists, timeoutMs: 300 });
  rbl.add([{ target: 'example.test', source: { role: 'domain' } }]);
  rbl.add([{ target: '192.0.2.1', source: { role: 'mx', via: 'mx1.example.test' } }]);
  await Promise.resolve();
  rbl.add([
    { target: '192.0.2.1', source: { role: 'spf', via: 'mx' } },
    { target: '192.0.2.1', source: { role: 'mx', via: 'mx1.example.test' } },
    { target: '2001:DB8::1', source: { role: 'sender' } },
  ]);
  const fact = await rbl.done();
  assert.equal(fact.lists, 2);
  const by = Object.fromEntries(fact.entries.map((e) => [e.target, e]));
  assert.deepEqual(Object.keys(by).sort(), ['192.0.2.1', '2001:db8::1', 'example.test']);
  assert.deepEqual(by['192.0.2.1']!.sources, [{ role: 'mx', via: 'mx1.example.test' }, { role: 'spf', via: 'mx' }]);
  assert.deepEqual(by['192.0.2.1']!.listings.map((l) => [l.zone, l.status]), [['ipl.test', 'listed']]);
  assert.deepEqual(by['example.test']!.listings.map((l) => [l.zone, l.status]), [['doml.test', 'listed']]);
  assert.deepEqual(by['2001:db8::1']!.listings.map((l) => [l.zone, l.status]), [['ipl.test', 'clean']]);
});
