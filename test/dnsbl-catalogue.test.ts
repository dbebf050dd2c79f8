import { test } from 'node:test';
import assert from 'node:assert/strict';
import ipaddr from 'ipaddr.js';
import { CATALOGUE, defaultLists, findList, listForZone } from '../src/dnsbl/catalogue.js';

test('catalogue: at least 40 live lists enabled by default, zones unique and normalised', () => {
  assert.ok(defaultLists().length >= 40, `only ${defaultLists().length} enabled`);
  const zones = CATALOGUE.map((l) => l.zone);
  assert.equal(new Set(zones).size, zones.length, 'duplicate zone');
  for (const list of CATALOGUE) {
    assert.equal(list.zone, list.zone.toLowerCase(), list.zone);
    assert.doesNotMatch(list.zone, /^\.|\.$/, list.zone);
    assert.ok(list.kinds.length > 0, list.zone);
    assert.ok(list.policy.length > 0, list.zone);
  }
});

test('catalogue: dead lists are present, disabled, and say why', () => {
  for (const zone of ['dnsbl.sorbs.net', 'ix.dnsbl.manitu.net', 'db.wpbl.info', 'dnsbl.ahbl.org', 'dnsbl.njabl.org', 'bl.spamcannibal.org']) {
    const list = findList(zone);
    assert.ok(list, zone);
    assert.equal(list.enabled, false, zone);
    assert.match(list.disabledReason ?? '', /dead|terminated|parked|no longer/, zone);
  }
  for (const list of CATALOGUE.filter((l) => !l.enabled)) assert.ok(list.disabledReason, `${list.zone} disabled without a reason`);
});

test('catalogue: every code is in 127.0.0.0/8 and no listing code is also an error code', () => {
  const loop = ipaddr.parseCIDR('127.0.0.0/8') as [ipaddr.IPv4, number];
  for (const list of CATALOGUE) {
    for (const code of [...Object.keys(list.codes ?? {}), ...Object.keys(list.errorCodes ?? {}), ...Object.keys(list.clearCodes ?? {})]) {
      assert.ok(ipaddr.IPv4.parse(code).match(loop), `${list.zone} ${code}`);
    }
    for (const code of Object.keys(list.codes ?? {})) assert.equal(list.errorCodes?.[code], undefined, `${list.zone} ${code}`);
  }
});

test('catalogue: the major lists and the Spamhaus error codes', () => {
  const majors = defaultLists().filter((l) => l.major).map((l) => l.zone);
  for (const zone of ['zen.spamhaus.org', 'dbl.spamhaus.org', 'b.barracudacentral.org', 'bl.spamcop.net']) assert.ok(majors.includes(zone), zone);
  const zen = findList('zen.spamhaus.org')!;
  assert.deepEqual(Object.keys(zen.errorCodes ?? {}).sort(), ['127.255.255.252', '127.255.255.254', '127.255.255.255']);
  assert.ok(findList('dbl.spamhaus.org')!.errorCodes?.['127.0.1.255']);
  assert.ok(findList('multi.uribl.com')!.errorCodes?.['127.0.0.1']);
  assert.ok(findList('bl.score.senderscore.com')!.errorCodes?.['127.255.255.255']);
});

test('listForZone: known zones keep their knowledge and get enabled; keyed DQS zones map to the base entry; unknown zones are IP lists', () => {
  const sorbs = listForZone('DNSBL.SORBS.NET.');
  assert.equal(sorbs.enabled, true);
  assert.equal(sorbs.disabledReason, undefined);
  const dqs = listForZone('abcdefghijklmnopqrstuvwxyz.zen.dq.spamhaus.net');
  assert.equal(dqs.zone, 'abcdefghijklmnopqrstuvwxyz.zen.dq.spamhaus.net');
  assert.equal(dqs.major, true);
  assert.ok(dqs.errorCodes?.['127.255.255.254']);
  const own = listForZone('bl.internal.example');
  assert.deepEqual([own.name, own.zone, own.major, own.kinds], ['bl.internal.example', 'bl.internal.example', false, ['ip4', 'ip6']]);
});
