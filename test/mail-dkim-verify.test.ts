import { test } from 'node:test';
import { createPublicKey, randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { createMemorySource, type MemorySourceOptions } from '../src/dns/memory.js';
import type { DnsRecord, LookupResult, QueryType, Resolver } from '../src/dns/types.js';
import { verifyDkim, type DkimSignatureResult } from '../src/mail/dkim/verify.js';
import { MAX_HEADER_FIELDS } from '../src/mail/dkim/message.js';
import { MAX_SIGNATURE_BYTES } from '../src/mail/dkim/signature.js';
import { ed25519Key, rsaKey, signDkim, type SignOptions } from './helpers/dkim-sign.js';
import { txt } from './helpers/records.js';

// Keys generated once for this file; every message is signed in the test.
const rsa2048 = rsaKey(2048);
const rsa1024 = rsaKey(1024);
const rsa512 = rsaKey(512);
const ed = ed25519Key();

const DOMAIN = 'example.test';
const NOW = new Date('2026-03-01T12:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);

const MESSAGE = [
  'Received: from mx.example.test by mx.receiver.test; Sun, 1 Mar 2026 11:59:00 +0000',
  'From: Alice Example <alice@example.test>',
  'To: Bob <bob@receiver.test>',
  'Subject: Quarterly  report\t (draft)',
  'Date: Sun, 1 Mar 2026 11:58:00 +0000',
  'Message-ID: <1@example.test>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Hello Bob,  ',
  '',
  'the  numbers are\tattached.',
  '',
  '',
].join('\r\n');

const KEYS: DnsRecord[] = [
  txt(`rsa2048._domainkey.${DOMAIN}`, rsa2048.record),
  txt(`rsa1024._domainkey.${DOMAIN}`, rsa1024.record),
  txt(`rsa512._domainkey.${DOMAIN}`, rsa512.record),
  txt(`ed._domainkey.${DOMAIN}`, ed.record),
];

/** A memory source that counts its queries. */
function source(extra: DnsRecord[] = [], options: MemorySourceOptions = {}): Resolver & { queries: string[] } {
  const inner = createMemorySource([...KEYS, ...extra], options);
  const queries: string[] = [];
  return {
    queries,
    query<T extends QueryType>(name: string, type: T): Promise<LookupResult<T>> {
      queries.push(`${name} ${type}`);
      return inner.query(name, type);
    },
  };
}

const sign = (options: Partial<SignOptions> & { selector: string }, message: string | Buffer = MESSAGE) =>
  signDkim(message, { key: rsa2048, domain: DOMAIN, ...options });

async function one(raw: Buffer, resolver: Resolver = source(), now = NOW): Promise<DkimSignatureResult> {
  const { signatures } = await verifyDkim(raw, resolver, { now });
  assert.equal(signatures.length, 1);
  return signatures[0] as DkimSignatureResult;
}

const summary = (r: DkimSignatureResult) => ({ result: r.result, code: r.code });

test('good signatures pass in every canonicalisation, RSA and Ed25519', async () => {
  for (const canonicalization of ['simple/simple', 'relaxed/relaxed', 'relaxed/simple', 'simple/relaxed']) {
    for (const [key, selector] of [
      [rsa2048, 'rsa2048'],
      [ed, 'ed'],
    ] as const) {
      const r = await one(sign({ key, selector, canonicalization }));
      assert.deepEqual(summary(r), { result: 'pass', code: 'dkim.pass' }, `${canonicalization} ${selector}`);
      assert.equal(r.canonicalization, canonicalization);
      assert.equal(r.keyType, key.type);
      assert.equal(r.keyBits, key.type === 'rsa' ? 2048 : 256);
      assert.equal(r.verified, true);
      assert.equal(r.domain, DOMAIN);
      assert.equal(r.selector, selector);
      assert.deepEqual(r.headersSigned, ['from', 'to', 'subject', 'date', 'message-id']);
      assert.equal(r.identity, `@${DOMAIN}`);
      assert.deepEqual(r.notes, []);
    }
  }
});

test('c=relaxed alone means relaxed/simple; c= absent means simple/simple', async () => {
  const relaxedOnly = await one(sign({ selector: 'rsa2048', canonicalization: 'relaxed' }));
  assert.equal(relaxedOnly.code, 'dkim.pass');
  assert.equal(relaxedOnly.canonicalization, 'relaxed/simple');
  const absent = await one(sign({ selector: 'rsa2048', canonicalization: 'simple/simple', omitCanonicalization: true }));
  assert.deepEqual([absent.code, absent.canonicalization], ['dkim.pass', 'simple/simple']);
  // Signed as simple/simple but c= removed afterwards does not verify as anything else.
  const relaxedSigned = sign({ selector: 'rsa2048', canonicalization: 'relaxed/relaxed', omitCanonicalization: true });
  assert.equal((await one(relaxedSigned)).result, 'fail');
});

test('a changed body fails with body-hash-mismatch; relaxed forgives whitespace, simple does not', async () => {
  for (const canonicalization of ['simple/simple', 'relaxed/relaxed']) {
    const signed = sign({ selector: 'rsa2048', canonicalization }).toString('latin1');
    const altered = signed.replace('the  numbers', 'the  NUMBERS');
    const r = await one(Buffer.from(altered, 'latin1'));
    assert.deepEqual(summary(r), { result: 'fail', code: 'dkim.body-hash-mismatch' });
    assert.equal(typeof r.data.computed, 'string');
    assert.equal(r.verified, false);
    const respaced = signed.replace('the  numbers are\tattached.', 'the numbers   are attached.   ') + '\r\n\r\n';
    const expected = canonicalization === 'relaxed/relaxed' ? 'dkim.pass' : 'dkim.body-hash-mismatch';
    assert.equal((await one(Buffer.from(respaced, 'latin1'))).code, expected, canonicalization);
  }
});

test('a changed signed header fails with signature-mismatch; relaxed forgives refolding and name case', async () => {
  for (const canonicalization of ['simple/simple', 'relaxed/relaxed']) {
    const signed = sign({ selector: 'rsa2048', canonicalization }).toString('latin1');
    const altered = signed.replace('Subject: Quarterly', 'Subject: Yearly');
    assert.deepEqual(summary(await one(Buffer.from(altered, 'latin1'))), { result: 'fail', code: 'dkim.signature-mismatch' });
    const refolded = signed.replace('Subject: Quarterly  report', 'SUBJECT :Quarterly\r\n   report');
    const expected = canonicalization === 'relaxed/relaxed' ? 'dkim.pass' : 'dkim.signature-mismatch';
    assert.equal((await one(Buffer.from(refolded, 'latin1'))).code, expected, canonicalization);
    // An unsigned header may change freely.
    const unsignedChange = signed.replace('MIME-Version: 1.0', 'MIME-Version: 1.0 (changed)');
    assert.equal((await one(Buffer.from(unsignedChange, 'latin1'))).code, 'dkim.pass');
  }
});

test('h= without From is a permerror, judged before any key lookup', async () => {
  const resolver = source();
  const r = await one(sign({ selector: 'rsa2048', headers: ['to', 'subject', 'date'] }), resolver);
  assert.deepEqual(summary(r), { result: 'permerror', code: 'dkim.from-not-signed' });
  assert.deepEqual(resolver.queries, []);
});

test('l= with text appended after signing passes, flagged with the unsigned byte count', async () => {
  const signed = sign({ selector: 'rsa2048', bodyLength: true }).toString('latin1');
  const exact = await one(Buffer.from(signed, 'latin1'));
  assert.equal(exact.code, 'dkim.pass');
  assert.equal(exact.unsignedBodyBytes, 0);
  assert.deepEqual(exact.notes, []);
  const appended = `${signed.replace(/(\r\n)+$/, '')}\r\n\r\nBuy cheap watches at http://spam.test/\r\n`;
  const r = await one(Buffer.from(appended, 'latin1'));
  assert.deepEqual(summary(r), { result: 'pass', code: 'dkim.pass' });
  assert.equal(r.bodyLength, exact.bodyLength);
  assert.ok(r.unsignedBodyBytes > 30);
  assert.deepEqual(r.notes, ['dkim.body-length-partial']);
});

test('l= longer than the body is a permerror', async () => {
  const r = await one(sign({ selector: 'rsa2048', bodyLength: 100000 }));
  assert.deepEqual(summary(r), { result: 'permerror', code: 'dkim.body-length-exceeded' });
  assert.equal(r.data.bodyLength, 100000);
});

test('x= in the past expires the signature (verified, flagged); within the skew it passes', async () => {
  const expired = await one(sign({ selector: 'rsa2048', timestamp: NOW_S - 86400 * 10, expiration: NOW_S - 86400 }));
  assert.deepEqual(summary(expired), { result: 'permerror', code: 'dkim.expired' });
  assert.equal(expired.expired, true);
  assert.equal(expired.verified, true);
  assert.equal(expired.expiresAt, NOW_S - 86400);
  const justNow = await one(sign({ selector: 'rsa2048', timestamp: NOW_S - 600, expiration: NOW_S - 60 }));
  assert.equal(justNow.code, 'dkim.pass');
  assert.equal(justNow.expired, false);
  // Checked against the time given: the same message verified when it arrived passes.
  assert.equal((await one(sign({ selector: 'rsa2048', expiration: NOW_S - 86400 }), source(), new Date((NOW_S - 86400 * 2) * 1000))).code, 'dkim.pass');
});

test('t= in the future beyond the skew is a permerror; a few minutes ahead passes', async () => {
  const future = await one(sign({ selector: 'rsa2048', timestamp: NOW_S + 3600 }));
  assert.deepEqual(summary(future), { result: 'permerror', code: 'dkim.future-timestamp' });
  assert.equal(future.signedAt, NOW_S + 3600);
  assert.equal((await one(sign({ selector: 'rsa2048', timestamp: NOW_S + 120 }))).code, 'dkim.pass');
});

test('key record problems: revoked, wrong k=, h= without the hash, s= not email, t=s, t=y', async () => {
  const cases: [string, string, Partial<SignOptions>, string][] = [
    ['revoked', 'v=DKIM1; k=rsa; p=', {}, 'dkim.key-revoked'],
    ['wrongk', `v=DKIM1; k=ed25519; p=${rsa2048.p}`, {}, 'dkim.key-type-mismatch'],
    ['dsa', `v=DKIM1; k=dsa; p=${rsa2048.p}`, {}, 'dkim.key-type-mismatch'],
    ['edasrsa', `v=DKIM1; k=rsa; p=${ed.p}`, {}, 'dkim.key-syntax'],
    ['sha1only', `v=DKIM1; h=sha1; p=${rsa2048.p}`, {}, 'dkim.key-hash-not-allowed'],
    ['service', `v=DKIM1; s=other; p=${rsa2048.p}`, {}, 'dkim.key-service'],
    ['strict', `v=DKIM1; t=s; p=${rsa2048.p}`, { identity: '@news.example.test' }, 'dkim.key-strict-subdomain'],
    ['badb64', 'v=DKIM1; p=not*base64', {}, 'dkim.key-syntax'],
    ['version', `v=DKIM2; p=${rsa2048.p}`, {}, 'dkim.key-syntax'],
    ['notfirst', `k=rsa; v=DKIM1; p=${rsa2048.p}`, {}, 'dkim.key-syntax'],
  ];
  for (const [selector, record, options, code] of cases) {
    const r = await one(sign({ selector, ...options }), source([txt(`${selector}._domainkey.${DOMAIN}`, record)]));
    assert.deepEqual(summary(r), { result: 'permerror', code }, selector);
    assert.equal(r.data.name, `${selector}._domainkey.${DOMAIN}`);
  }
  // Allowed variants: h=sha1:sha256, s=email, t=s with i= exactly d=, a second record that works.
  for (const record of [`v=DKIM1; h=sha1:sha256; p=${rsa2048.p}`, `v=DKIM1; s=email; p=${rsa2048.p}`, `v=DKIM1; t=s; p=${rsa2048.p}`]) {
    const r = await one(sign({ selector: 'ok', identity: `postmaster@${DOMAIN}` }), source([txt(`ok._domainkey.${DOMAIN}`, record)]));
    assert.equal(r.code, 'dkim.pass', record);
  }
  const two = source([txt(`two._domainkey.${DOMAIN}`, 'v=DKIM1; p=AAAA'), txt(`two._domainkey.${DOMAIN}`, rsa2048.record)]);
  assert.equal((await one(sign({ selector: 'two' }), two)).code, 'dkim.pass');
  const testing = await one(sign({ selector: 'testing' }), source([txt(`testing._domainkey.${DOMAIN}`, `v=DKIM1; t=y; p=${rsa2048.p}`)]));
  assert.equal(testing.code, 'dkim.pass');
  assert.equal(testing.testing, true);
  assert.deepEqual(testing.notes, ['dkim.key-testing']);
});

test('key sizes: RSA-1024 passes, RSA-512 is verified but rejected (RFC 8301)', async () => {
  const r1024 = await one(sign({ key: rsa1024, selector: 'rsa1024' }));
  assert.equal(r1024.code, 'dkim.pass');
  assert.equal(r1024.keyBits, 1024);
  const r512 = await one(sign({ key: rsa512, selector: 'rsa512' }));
  assert.deepEqual(summary(r512), { result: 'permerror', code: 'dkim.key-too-small' });
  assert.equal(r512.keyBits, 512);
  assert.equal(r512.verified, true);
  assert.deepEqual(r512.data, { bits: 512, minimum: 1024 });
});

test('an RSA key past 8192 bits is refused before any signature work (bounded cost)', async () => {
  const n = randomBytes(9000 / 8);
  n[0] = (n[0] as number) | 0x80;
  n[n.length - 1] = (n[n.length - 1] as number) | 1;
  const huge = createPublicKey({ key: { kty: 'RSA', n: n.toString('base64url'), e: 'AQAB' }, format: 'jwk' });
  const p = huge.export({ type: 'spki', format: 'der' }).toString('base64');
  const r = await one(sign({ selector: 'huge' }), source([txt(`huge._domainkey.${DOMAIN}`, `v=DKIM1; p=${p}`)]));
  assert.deepEqual([r.result, r.code, r.data.reason, r.data.bits], ['permerror', 'dkim.key-syntax', 'too-large', 9000]);
});

test('rsa-sha1 is verified but not accepted (RFC 8301): permerror dkim.sha1', async () => {
  const r = await one(sign({ selector: 'rsa2048', algorithm: 'rsa-sha1' }));
  assert.deepEqual(summary(r), { result: 'permerror', code: 'dkim.sha1' });
  assert.equal(r.verified, true);
  assert.equal(r.algorithm, 'rsa-sha1');
  const altered = Buffer.from(sign({ selector: 'rsa2048', algorithm: 'rsa-sha1' }).toString('latin1').replace('Quarterly', 'Yearly'), 'latin1');
  assert.equal((await one(altered)).code, 'dkim.signature-mismatch');
});

test('several signatures: each judged on its own, in field order, one lookup per key name', async () => {
  const good = sign({ key: ed, selector: 'ed' });
  const both = sign({ selector: 'missing' }, good);
  const resolver = source();
  const { signatures, omitted } = await verifyDkim(both, resolver, { now: NOW });
  assert.equal(omitted, 0);
  assert.deepEqual(
    signatures.map((s) => [s.index, s.selector, s.result, s.code]),
    [
      [0, 'missing', 'permerror', 'dkim.key-not-found'],
      [1, 'ed', 'pass', 'dkim.pass'],
    ],
  );
  // A second signature with the same key name asks once.
  const twice = sign({ selector: 'rsa2048', canonicalization: 'simple/simple' }, sign({ selector: 'rsa2048' }));
  const counting = source();
  const result = await verifyDkim(twice, counting, { now: NOW });
  assert.deepEqual(result.signatures.map((s) => s.code), ['dkim.pass', 'dkim.pass']);
  assert.deepEqual(counting.queries, [`rsa2048._domainkey.${DOMAIN} TXT`]);
});

test('the signature count is capped; the rest are counted, not verified', async () => {
  let raw: Buffer = Buffer.from(MESSAGE, 'latin1');
  for (let i = 0; i < 14; i++) raw = sign({ selector: `s${i}` }, raw);
  const resolver = source();
  const { signatures, omitted } = await verifyDkim(raw, resolver, { now: NOW, maxSignatures: 10 });
  assert.equal(signatures.length, 10);
  assert.equal(omitted, 4);
  assert.equal(resolver.queries.length, 10);
  assert.ok(signatures.every((s) => s.code === 'dkim.key-not-found'));
});

test('a missing key is permerror key-not-found: NXDOMAIN, NODATA, or no DKIM record at the name', async () => {
  const nx = await one(sign({ selector: 'nope' }));
  assert.deepEqual(summary(nx), { result: 'permerror', code: 'dkim.key-not-found' });
  assert.equal(nx.data.outcome, 'nxdomain');
  const nodata = await one(sign({ selector: 'nodata' }), source([{ name: `nodata._domainkey.${DOMAIN}`, type: 'A', ttl: 60, data: '192.0.2.1' }]));
  assert.equal(nodata.data.outcome, 'nodata');
  const spf = await one(sign({ selector: 'spf' }), source([txt(`spf._domainkey.${DOMAIN}`, 'v=spf1 -all')]));
  assert.deepEqual([spf.code, spf.data.outcome], ['dkim.key-not-found', 'no-key-record']);
});

test('a failed key lookup is temperror ("could not check"), never a missing key', async () => {
  for (const outcome of ['timeout', 'servfail', 'refused'] as const) {
    const resolver = source([], { failures: [{ name: `rsa2048._domainkey.${DOMAIN}`, outcome }] });
    const r = await one(sign({ selector: 'rsa2048' }), resolver);
    assert.deepEqual(summary(r), { result: 'temperror', code: 'dkim.key-lookup-failed' }, outcome);
    assert.equal(r.data.outcome, outcome);
  }
  // A resolver that throws, and one that never answers (the deadline ends it).
  const throwing: Resolver = {
    query: () => Promise.reject(new Error('boom')),
  };
  assert.equal((await one(sign({ selector: 'rsa2048' }), throwing)).data.outcome, 'error');
  const silent: Resolver = { query: () => new Promise(() => {}) };
  const { signatures } = await verifyDkim(sign({ selector: 'rsa2048' }), silent, { now: NOW, deadlineMs: 30 });
  assert.deepEqual([signatures[0]?.code, signatures[0]?.data.outcome], ['dkim.key-lookup-failed', 'timeout']);
});

test('malformed signature fields: stable codes, no DNS lookup', async () => {
  const base = sign({ selector: 'rsa2048' }).toString('latin1');
  const cases: [string, (s: string) => string, string, Record<string, string>?][] = [
    ['duplicate tag', (s) => s.replace('v=1;', 'v=1; v=1;'), 'dkim.syntax', { reason: 'duplicate-tag', tag: 'v' }],
    ['missing bh', (s) => s.replace(/bh=[^;]+;/, ''), 'dkim.syntax', { reason: 'missing-tag', tag: 'bh' }],
    ['missing d', (s) => s.replace(`d=${DOMAIN};`, ''), 'dkim.syntax', { reason: 'missing-tag', tag: 'd' }],
    ['bad base64', (s) => s.replace(' b=', ' b=!!'), 'dkim.syntax', { reason: 'bad-base64', tag: 'b' }],
    ['not a tag', (s) => s.replace('v=1;', 'v=1; garbage;'), 'dkim.syntax'],
    ['bad tag name', (s) => s.replace('v=1;', 'v=1; 9x=1;'), 'dkim.syntax', { reason: 'bad-tag-name', tag: '9x' }],
    ['upper-case tag is another tag', (s) => s.replace('v=1;', 'V=1;'), 'dkim.syntax', { reason: 'missing-tag', tag: 'v' }],
    ['version', (s) => s.replace('v=1;', 'v=2;'), 'dkim.version-unsupported'],
    ['algorithm', (s) => s.replace('a=rsa-sha256', 'a=rsa-md5'), 'dkim.algorithm-unsupported'],
    ['canonicalization', (s) => s.replace('c=relaxed/relaxed', 'c=nofws'), 'dkim.canonicalization-unsupported'],
    ['query', (s) => s.replace('v=1;', 'v=1; q=http/well-known;'), 'dkim.query-unsupported'],
    ['identity outside d=', (s) => s.replace('v=1;', 'v=1; i=joe@elsewhere.test;'), 'dkim.identity-mismatch'],
    ['identity look-alike', (s) => s.replace('v=1;', 'v=1; i=@badexample.test;'), 'dkim.identity-mismatch'],
    ['l= not a number', (s) => s.replace('v=1;', 'v=1; l=12a;'), 'dkim.syntax', { reason: 'not-a-number', tag: 'l' }],
    ['x before t', (s) => s.replace('v=1;', 'v=1; t=2000; x=1000;'), 'dkim.syntax', { reason: 'expires-before-signed', tag: 'x' }],
    ['bad domain', (s) => s.replace(`d=${DOMAIN}`, 'd=exa mple..test'), 'dkim.syntax', { reason: 'bad-domain', tag: 'd' }],
  ];
  for (const [label, mutate, code, data] of cases) {
    const resolver = source();
    const mutated = mutate(base);
    assert.notEqual(mutated, base, label);
    const r = await one(Buffer.from(mutated, 'latin1'), resolver);
    assert.equal(r.code, code, label);
    assert.equal(r.result, code === 'dkim.identity-mismatch' ? 'permerror' : 'neutral', label);
    if (data) assert.deepEqual(r.data, data, label);
    assert.deepEqual(resolver.queries, [], label);
  }
});

test('tag syntax that is allowed: FWS around = and ;, folded b=, a trailing ;, upper-case a= and c=', async () => {
  for (const canonicalization of ['simple/simple', 'relaxed/relaxed']) {
    const spaced = sign({ selector: 'rsa2048', canonicalization, rewrite: (h) => h.replace('v=1;', 'v = 1 ;').replace(/ b=$/, ' b \r\n\t=') });
    assert.match(spaced.toString('latin1'), /v = 1 ;/);
    const r = await one(spaced);
    assert.equal(r.code, 'dkim.pass', canonicalization);
  }
  const base = sign({ selector: 'rsa2048' }).toString('latin1');
  // The b= value itself may be refolded freely: it is removed before hashing.
  const refolded = base.replace(/ b=([^\r]*)\r\n {2}/, ' b=\r\n\t$1 ');
  assert.notEqual(refolded, base);
  assert.equal((await one(Buffer.from(refolded, 'latin1'))).code, 'dkim.pass');
  const upper = sign({ selector: 'rsa2048', algorithm: 'RSA-SHA256', canonicalization: 'Relaxed/Simple' });
  const r = await one(upper);
  assert.equal(r.code, 'dkim.pass');
  assert.deepEqual([r.algorithm, r.canonicalization], ['rsa-sha256', 'relaxed/simple']);
});

test('h= picks instances bottom-up; over-signing an absent header guards against one added later', async () => {
  const message = MESSAGE.replace('Received:', 'Received: from a.test by b.test; Sun, 1 Mar 2026 11:58:30 +0000\r\nReceived:');
  const signed = sign({ selector: 'rsa2048', headers: ['from', 'received', 'received', 'received', 'subject', 'subject', 'reply-to'] }, message);
  const r = await one(signed);
  assert.equal(r.code, 'dkim.pass');
  assert.deepEqual(r.headersSigned, ['from', 'received', 'received', 'received', 'subject', 'subject', 'reply-to']);
  // A second Subject or a Reply-To added after signing breaks it (the "null" instances were signed).
  const text = signed.toString('latin1');
  const extraSubject = text.replace('MIME-Version: 1.0', 'MIME-Version: 1.0\r\nSubject: You won');
  assert.equal((await one(Buffer.from(extraSubject, 'latin1'))).code, 'dkim.signature-mismatch');
  const extraReplyTo = text.replace('MIME-Version: 1.0', 'MIME-Version: 1.0\r\nReply-To: thief@evil.test');
  assert.equal((await one(Buffer.from(extraReplyTo, 'latin1'))).code, 'dkim.signature-mismatch');
  // Without over-signing, an added header on top is not covered: the lower instance was signed.
  const plain = sign({ selector: 'rsa2048', headers: ['from', 'subject'] }).toString('latin1');
  const onTop = `Subject: Prepended\r\n${plain}`;
  assert.equal((await one(Buffer.from(onTop, 'latin1'))).code, 'dkim.pass');
  const below = plain.replace('MIME-Version: 1.0', 'MIME-Version: 1.0\r\nSubject: Appended');
  assert.equal((await one(Buffer.from(below, 'latin1'))).code, 'dkim.signature-mismatch');
});

test('LF and CRLF input give the same results', async () => {
  for (const canonicalization of ['simple/simple', 'relaxed/relaxed']) {
    const crlf = sign({ selector: 'rsa2048', canonicalization });
    const lf = Buffer.from(crlf.toString('latin1').replaceAll('\r\n', '\n'), 'latin1');
    const a = await one(crlf);
    const b = await one(lf);
    assert.equal(a.code, 'dkim.pass');
    assert.deepEqual(b, a, canonicalization);
    const altered = Buffer.from(lf.toString('latin1').replace('numbers', 'figures'), 'latin1');
    assert.equal((await one(altered)).code, 'dkim.body-hash-mismatch');
  }
});

test('8-bit bytes in headers and body are signed as bytes (UTF-8 and GBK)', async () => {
  // "你好" in UTF-8 contains the byte 0xA0, which a latin1/Unicode notion of whitespace would eat.
  const utf8 = Buffer.concat([
    Buffer.from('From: =?utf-8?b?5byg5LiJ?= <zhang@example.test>\r\nTo: bob@receiver.test\r\nSubject: ', 'latin1'),
    Buffer.from('你好 — 报价单\u00a0 2026', 'utf8'),
    Buffer.from('\r\nDate: Sun, 1 Mar 2026 11:58:00 +0000\r\nMessage-ID: <2@example.test>\r\n\r\n', 'latin1'),
    Buffer.from('您好，附件是我们的报价单。\r\n', 'utf8'),
    Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x0d, 0x0a]), // 你好 in GBK
  ]);
  for (const canonicalization of ['simple/simple', 'relaxed/relaxed']) {
    const r = await one(sign({ selector: 'rsa2048', canonicalization }, utf8));
    assert.equal(r.code, 'dkim.pass', canonicalization);
  }
  const signed = sign({ selector: 'rsa2048' }, utf8);
  const idx = signed.indexOf(Buffer.from('报价单', 'utf8'));
  const changed = Buffer.from(signed);
  changed[idx + 2] = (changed[idx + 2] as number) ^ 1;
  assert.equal((await one(changed)).code, 'dkim.signature-mismatch');
});

test('a huge header block is bounded: too many fields or too many bytes → neutral header-limit', async () => {
  const signed = sign({ selector: 'rsa2048' }).toString('latin1');
  const filler = 'X-Filler: a\r\n'.repeat(MAX_HEADER_FIELDS + 10);
  const many = signed.replace('Received:', `${filler}Received:`);
  const resolver = source();
  const result = await verifyDkim(Buffer.from(many, 'latin1'), resolver, { now: NOW });
  assert.equal(result.headerLimit, 'fields');
  assert.deepEqual(result.signatures.map(summary), [{ result: 'neutral', code: 'dkim.header-limit' }]);
  assert.deepEqual(resolver.queries, []);
  const long = signed.replace('Received:', `X-Long: ${'a'.repeat(2 * 1024 * 1024)}\r\nReceived:`);
  const bytes = await verifyDkim(Buffer.from(long, 'latin1'), resolver, { now: NOW });
  assert.equal(bytes.headerLimit, 'bytes');
  assert.equal(bytes.signatures[0]?.code, 'dkim.header-limit');
  // An over-long signature field is a syntax problem of its own.
  const fat = signed.replace('v=1;', `v=1; z=${'A'.repeat(20000)};`);
  const tooLong = await one(Buffer.from(fat, 'latin1'));
  assert.deepEqual([tooLong.result, tooLong.code, tooLong.data.reason], ['neutral', 'dkim.syntax', 'too-long']);
  assert.ok((tooLong.data.bytes as number) > MAX_SIGNATURE_BYTES);
});

test('no DKIM-Signature: no results, no lookups; a message without a body still verifies', async () => {
  const resolver = source();
  const none = await verifyDkim(Buffer.from(MESSAGE, 'latin1'), resolver, { now: NOW });
  assert.deepEqual(none, { signatures: [], omitted: 0 });
  assert.deepEqual(resolver.queries, []);
  const headerOnly = MESSAGE.slice(0, MESSAGE.indexOf('\r\n\r\n') + 2);
  for (const canonicalization of ['simple/simple', 'relaxed/relaxed']) {
    assert.equal((await one(sign({ selector: 'rsa2048', canonicalization }, headerOnly))).code, 'dkim.pass', canonicalization);
  }
  assert.deepEqual(await verifyDkim(Buffer.alloc(0), resolver), { signatures: [], omitted: 0 });
});
