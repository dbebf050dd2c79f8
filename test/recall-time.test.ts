import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FUTURE_SLACK_MS, MAX_TIME_INPUT, instantOf, isTimeZone, parseMailDate, parseTime, wallTime } from '../src/parse/time.js';
import { splitAddressList } from '../src/parse/address-list.js';

// Sending times as people type them, relative to a clock and a zone passed in; Date: headers.

const SHANGHAI = 'Asia/Shanghai';
// Wednesday 2026-03-04 10:21:00 in Shanghai (02:21 UTC).
const NOW = Date.UTC(2026, 2, 4, 2, 21);
const ctx = { now: NOW, timeZone: SHANGHAI };
const at = (text: string, c = ctx) => {
  const r = parseTime(text, c);
  return r.ok ? new Date(r.at).toISOString() : r.code;
};

test('ISO 8601: with an offset, in UTC, and wall time in the given zone', () => {
  assert.equal(at('2026-03-04T10:00+08:00'), '2026-03-04T02:00:00.000Z');
  assert.equal(at('2026-03-04T01:00:30Z'), '2026-03-04T01:00:30.000Z');
  assert.equal(at('2026-03-04T10:00:00.250+0800'), '2026-03-04T02:00:00.000Z');
  assert.equal(at('2026-03-04 10:00'), '2026-03-04T02:00:00.000Z');
  assert.equal(at('2026/03/03 18:05'), '2026-03-03T10:05:00.000Z');
  assert.equal(at('2026-03-04'), '2026-03-03T16:00:00.000Z');
  assert.equal(at('2026-03-04 10:00', { now: NOW, timeZone: 'Europe/Berlin' }), 'time.future');
  assert.equal(at('2026-03-04 03:00', { now: NOW, timeZone: 'Europe/Berlin' }), '2026-03-04T02:00:00.000Z');
  assert.equal(at('２０２６－０３－０４ １０：００'), '2026-03-04T02:00:00.000Z', 'full-width digits (a Chinese input method)');
});

test('a time of day: today, or yesterday when that is still to come; English day words and am/pm', () => {
  assert.equal(at('10:21'), '2026-03-04T02:21:00.000Z');
  assert.equal(at('09:05'), '2026-03-04T01:05:00.000Z');
  assert.equal(at('23:30'), '2026-03-03T15:30:00.000Z', 'later than now: yesterday');
  assert.equal(at('10:24'), '2026-03-04T02:21:00.000Z', 'a few minutes ahead (clocks differ): now');
  assert.equal(at('3:05 pm'), '2026-03-03T07:05:00.000Z');
  assert.equal(at('9am'), '2026-03-04T01:00:00.000Z');
  assert.equal(at('12am'), '2026-03-03T16:00:00.000Z');
  assert.equal(at('yesterday 15:30'), '2026-03-03T07:30:00.000Z');
  assert.equal(at('yesterday at 3pm'), '2026-03-03T07:00:00.000Z');
  assert.equal(at('today 23:00'), 'time.future', 'a named day is never moved');
  assert.equal(at('25:00'), 'time.invalid');
  assert.equal(at('10:61'), 'time.invalid');
  assert.equal(at('10'), 'time.unrecognised');
});

test('Chinese: 今天/昨天/前天, 上午/下午/晚上, 点/分/半, Chinese numerals', () => {
  assert.equal(at('昨天 15:30'), '2026-03-03T07:30:00.000Z');
  assert.equal(at('昨天15:30'), '2026-03-03T07:30:00.000Z');
  assert.equal(at('今天 9点'), '2026-03-04T01:00:00.000Z');
  assert.equal(at('今天上午9点30分'), '2026-03-04T01:30:00.000Z');
  assert.equal(at('昨天下午3点半'), '2026-03-03T07:30:00.000Z');
  assert.equal(at('昨天晚上八点'), '2026-03-03T12:00:00.000Z');
  assert.equal(at('前天 10:00'), '2026-03-02T02:00:00.000Z');
  assert.equal(at('十点'), '2026-03-04T02:00:00.000Z');
  assert.equal(at('中午12点'), '2026-03-03T04:00:00.000Z', 'noon is still to come today: yesterday');
  assert.equal(at('凌晨1点'), '2026-03-03T17:00:00.000Z');
  assert.equal(at('9点'), '2026-03-04T01:00:00.000Z');
  assert.equal(at('今天 23点'), 'time.future');
  assert.equal(at('下午15点'), '2026-03-03T07:00:00.000Z', '下午 with a 24-hour hour');
  assert.equal(at('上午15点'), 'time.invalid');
});

test('time ago: English and Chinese, and now', () => {
  assert.equal(at('10 minutes ago'), '2026-03-04T02:11:00.000Z');
  assert.equal(at('10 min ago'), '2026-03-04T02:11:00.000Z');
  assert.equal(at('10m ago'), '2026-03-04T02:11:00.000Z');
  assert.equal(at('an hour ago'), '2026-03-04T01:21:00.000Z');
  assert.equal(at('half an hour ago'), '2026-03-04T01:51:00.000Z');
  assert.equal(at('2 days ago'), '2026-03-02T02:21:00.000Z');
  assert.equal(at('30 seconds ago'), '2026-03-04T02:20:30.000Z');
  assert.equal(at('10分钟前'), '2026-03-04T02:11:00.000Z');
  assert.equal(at('两小时前'), '2026-03-04T00:21:00.000Z');
  assert.equal(at('半小时前'), '2026-03-04T01:51:00.000Z');
  assert.equal(at('3天前'), '2026-03-01T02:21:00.000Z');
  assert.equal(at('二十分钟前'), '2026-03-04T02:01:00.000Z');
  assert.equal(at('now'), '2026-03-04T02:21:00.000Z');
  assert.equal(at('刚才'), '2026-03-04T02:21:00.000Z');
  assert.equal(at('10 fortnights ago'), 'time.unrecognised');
});

test('errors are codes; a time in the future, an unknown zone, too long; never throws', () => {
  assert.equal(at(''), 'time.empty');
  assert.equal(at('   '), 'time.empty');
  assert.equal(at('soon'), 'time.unrecognised');
  assert.equal(at('2026-02-30 10:00'), 'time.invalid');
  assert.equal(at('2026-03-04T10:00+25:00'), 'time.invalid');
  assert.equal(at('2027-01-01'), 'time.future');
  assert.equal(at('x'.repeat(MAX_TIME_INPUT + 1)), 'time.too-long');
  assert.equal(at('10:00', { now: NOW, timeZone: 'Mars/Olympus' }), 'time.zone');
  assert.equal(parseTime(undefined as unknown as string, ctx).ok, false);
  // A time up to FUTURE_SLACK_MS ahead is now.
  const ahead = parseTime(new Date(NOW + FUTURE_SLACK_MS - 1000).toISOString(), ctx);
  assert.deepEqual(ahead, { ok: true, at: NOW, form: 'iso' });
  fc.assert(fc.property(fc.string({ maxLength: 120 }), (s) => {
    const r = parseTime(s, ctx);
    return r.ok ? r.at <= NOW : typeof r.code === 'string';
  }), { numRuns: 2000 });
  fc.assert(fc.property(fc.string({ maxLength: 120 }), (s) => {
    const r = parseMailDate(s);
    return r === undefined || Number.isFinite(r);
  }), { numRuns: 2000 });
});

test('wall time and instants across a DST change (Europe/Berlin, 29 March 2026)', () => {
  assert.ok(isTimeZone('Europe/Berlin'));
  assert.ok(!isTimeZone('Nowhere/Special'));
  const before = instantOf({ year: 2026, month: 3, day: 29, hour: 1, minute: 30, second: 0 }, 'Europe/Berlin');
  const after = instantOf({ year: 2026, month: 3, day: 29, hour: 3, minute: 30, second: 0 }, 'Europe/Berlin');
  assert.equal(new Date(before as number).toISOString(), '2026-03-29T00:30:00.000Z');
  assert.equal(new Date(after as number).toISOString(), '2026-03-29T01:30:00.000Z');
  assert.deepEqual(wallTime(NOW, SHANGHAI), { year: 2026, month: 3, day: 4, hour: 10, minute: 21, second: 0 });
});

test('Date: headers (RFC 5322 and its obsolete forms)', () => {
  const iso = (s: string) => {
    const r = parseMailDate(s);
    return r === undefined ? undefined : new Date(r).toISOString();
  };
  assert.equal(iso('Wed, 4 Mar 2026 10:21:07 +0800'), '2026-03-04T02:21:07.000Z');
  assert.equal(iso('4 Mar 2026 10:21 +0800'), '2026-03-04T02:21:00.000Z');
  assert.equal(iso('Wed, 04 Mar 2026 02:21:07 GMT'), '2026-03-04T02:21:07.000Z');
  assert.equal(iso('Tue, 3 Mar 2026 21:21:07 -0500 (EST)'), '2026-03-04T02:21:07.000Z');
  assert.equal(iso('Tue, 3 Mar 26 18:21:07 PST'), '2026-03-04T02:21:07.000Z');
  assert.equal(iso('Wed, Mar 4 2026 10:21:07 +0800'), '2026-03-04T02:21:07.000Z');
  assert.equal(iso('2026-03-04T02:21:07Z'), '2026-03-04T02:21:07.000Z');
  assert.equal(iso('Wed, 31 Feb 2026 10:21:07 +0800'), undefined);
  assert.equal(iso('yesterday'), undefined);
});

test('address lists: quoted commas, comments, groups, angle brackets', () => {
  assert.deepEqual(splitAddressList('"Li, Wei" <li@example.com>, wang@example.cn'), ['"Li, Wei" <li@example.com>', 'wang@example.cn']);
  assert.deepEqual(splitAddressList('Sales team: a@x.test, b@y.test;, c@z.test'), ['a@x.test', 'b@y.test', 'c@z.test']);
  assert.deepEqual(splitAddressList('undisclosed-recipients:;'), []);
  assert.deepEqual(splitAddressList('a@x.test (Wang, sales), <b@y.test>'), ['a@x.test (Wang, sales)', '<b@y.test>']);
  assert.deepEqual(splitAddressList('=?UTF-8?B?5p2O5pif?= <li@example.com>'), ['=?UTF-8?B?5p2O5pif?= <li@example.com>']);
  assert.deepEqual(splitAddressList(',, ,'), []);
  assert.equal(splitAddressList('a@x.test,'.repeat(5000)).length, 1000);
});
