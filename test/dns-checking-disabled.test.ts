import { test } from 'node:test';
import assert from 'node:assert/strict';
import dnsPacket from 'dns-packet';
import { encodeQuery } from '../src/dns/wire.js';
import { createCachingResolver } from '../src/dns/resolver.js';
import { createUdpSource, parseServerAddress, type ServerAddress } from '../src/dns/udp.js';
import { startDnsServer } from './helpers/dns-server.js';

// The CD bit (RFC 4035 §3.2.2) for the DNSSEC check's "bogus" test, and the test server's
// validating-resolver fixture: AD set or clear per name, and SERVFAIL that CD turns into an answer.

test('encodeQuery sets CD only when asked, as dns-packet encodes it', () => {
  for (const [dnssec, checkingDisabled] of [[false, false], [true, false], [true, true], [false, true]] as const) {
    const ours = encodeQuery(0x1234, 'bogus.test', 'MX', { dnssec, checkingDisabled });
    const flags = dnsPacket.RECURSION_DESIRED | (checkingDisabled ? dnsPacket.CHECKING_DISABLED : 0);
    const theirs = dnsPacket.encode({
      type: 'query', id: 0x1234, flags, questions: [{ type: 'MX', name: 'bogus.test', class: 'IN' }],
      additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: dnssec ? dnsPacket.DNSSEC_OK : 0, flag_do: dnssec, options: [] }],
    });
    assert.deepEqual(ours, theirs, `dnssec ${dnssec}, cd ${checkingDisabled}`);
  }
});

test('the validating-resolver fixture: AD per rule, SERVFAIL-then-CD for a bogus zone; CD queries are cached apart', async () => {
  const server = await startDnsServer({
    ad: true,
    records: [
      { name: 'signed.test', type: 'MX', ttl: 60, data: { preference: 10, exchange: 'mx.signed.test' } },
      { name: 'plain.test', type: 'MX', ttl: 60, data: { preference: 10, exchange: 'mx.plain.test' } },
      { name: 'bogus.test', type: 'MX', ttl: 60, data: { preference: 10, exchange: 'mx.bogus.test' } },
    ],
    rules: [{ name: 'plain.test', ad: false }, { match: /(^|\.)bogus\.test$/, behaviour: 'bogus' }],
  });
  try {
    const resolver = createCachingResolver(createUdpSource({ servers: [parseServerAddress(server.resolverArg) as ServerAddress], timeoutMs: 1000, retries: 0 }));
    const signed = await resolver.query('signed.test', 'MX', { dnssec: true });
    assert.deepEqual([signed.outcome, signed.ad], ['answer', true]);
    const withoutDo = await resolver.query('signed.test', 'MX');
    assert.deepEqual([withoutDo.outcome, withoutDo.ad], ['answer', false]);
    const plain = await resolver.query('plain.test', 'MX', { dnssec: true });
    assert.deepEqual([plain.outcome, plain.ad], ['answer', false]);
    const bogus = await resolver.query('bogus.test', 'MX', { dnssec: true });
    assert.equal(bogus.outcome, 'servfail');
    const cd = await resolver.query('bogus.test', 'MX', { dnssec: true, checkingDisabled: true });
    assert.deepEqual([cd.outcome, cd.ad, cd.answers[0]?.data], ['answer', false, { preference: 10, exchange: 'mx.bogus.test' }]);
    assert.deepEqual(server.queries.filter((q) => q.name === 'bogus.test').map((q) => [q.dnssec, q.cd]), [[true, false], [true, true]]);
  } finally {
    await server.close();
  }
});
