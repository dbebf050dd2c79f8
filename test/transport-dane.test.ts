import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { formatTlsa, parseTlsa, tlsaName, validateTlsa, type TlsaRecord } from '../src/parse/tlsa.js';
import { daneRolloverAdvice, evaluateDane, tlsaAssociation, tlsaForCertificate } from '../src/transport/dane.js';
import { createTestCa } from './helpers/test-ca.js';

// A self-signed P-256 certificate made with the openssl command line, and its TLSA data computed
// there too (`openssl x509 -pubkey | openssl pkey -pubin -outform der | sha256sum`, and so on), so
// our hashing is checked against an independent implementation.
const FIXTURE = new X509Certificate(readFileSync(new URL('./fixtures/transport/dane-ee.pem', import.meta.url)));
const SPKI_SHA256 = '12f00632e8cb49b5de6325f7c5068ebb04196cafd06f6742ad9e1500914daaf4';
const CERT_SHA256 = '8caabbef1531565a74b2f7e6ae9125b788ed94efa0e0b1b241c0d665432e8a92';
const SPKI_SHA512 = '4b7dddb68e7fa189d1fa5f59a01172b6306a076ec5eca81ae192b3eb3a9515c02d25bec68f1dcae4961db392399f542a4420b73e71a901ffc18c8d5380208fd6';

const rec = (text: string): TlsaRecord => {
  const parsed = parseTlsa(text);
  assert.ok(parsed.record, text);
  return parsed.record;
};

test('TLSA parse: presentation text, hex with spaces, upper case', () => {
  assert.deepEqual(parseTlsa(`3 1 1 ${SPKI_SHA256}`), { record: { usage: 3, selector: 1, matchingType: 1, data: SPKI_SHA256 }, usable: true, problems: [] });
  const spaced = parseTlsa(`2 0 1 ${CERT_SHA256.slice(0, 20).toUpperCase()} ${CERT_SHA256.slice(20)}`);
  assert.equal(spaced.record?.data, CERT_SHA256);
  assert.equal(spaced.usable, true);
  assert.equal(formatTlsa(rec(`3 1 2 ${SPKI_SHA512.toUpperCase()}`)), `3 1 2 ${SPKI_SHA512}`);
  assert.equal(tlsaName('MX1.Example.com.'), '_25._tcp.mx1.example.com');
});

test('TLSA validation: usages, selectors, matching types and hash lengths', () => {
  const problems = (text: string) => parseTlsa(text).problems;
  assert.deepEqual(problems(`1 1 1 ${SPKI_SHA256}`), [{ code: 'tlsa.usage-pkix', usage: 1 }]);
  assert.deepEqual(problems(`0 0 1 ${CERT_SHA256}`), [{ code: 'tlsa.usage-pkix', usage: 0 }]);
  assert.deepEqual(problems(`4 1 1 ${SPKI_SHA256}`), [{ code: 'tlsa.usage-unknown', usage: 4 }]);
  assert.deepEqual(problems(`3 2 1 ${SPKI_SHA256}`), [{ code: 'tlsa.selector-unknown', selector: 2 }]);
  assert.deepEqual(problems(`3 1 3 ${SPKI_SHA256}`), [{ code: 'tlsa.matching-unknown', matchingType: 3 }]);
  assert.deepEqual(problems(`3 1 1 ${SPKI_SHA512}`), [{ code: 'tlsa.hash-length', matchingType: 1, expected: 32, actual: 64 }]);
  assert.deepEqual(problems(`3 1 2 ${SPKI_SHA256}`), [{ code: 'tlsa.hash-length', matchingType: 2, expected: 64, actual: 32 }]);
  assert.deepEqual(problems('3 1 0 deadbeef'), [{ code: 'tlsa.full-data-invalid', selector: 1 }]);
  assert.deepEqual(problems('3 0 0 deadbeef'), [{ code: 'tlsa.full-data-invalid', selector: 0 }]);
  assert.deepEqual(problems(`3 0 0 ${FIXTURE.raw.toString('hex')}`), []);
  const spki = FIXTURE.publicKey.export({ type: 'spki', format: 'der' }).toString('hex');
  assert.deepEqual(problems(`2 1 0 ${spki}`), []);
  assert.equal(parseTlsa(`1 1 1 ${SPKI_SHA256}`).usable, false);
  assert.deepEqual(validateTlsa({ usage: 3, selector: 1, matchingType: 1, data: SPKI_SHA256 }), []);
});

test('TLSA syntax errors are codes, and hostile lengths are bounded', () => {
  const reason = (text: string) => {
    const p = parseTlsa(text).problems[0];
    return p?.code === 'tlsa.syntax' ? p.reason : p?.code;
  };
  assert.equal(reason('3 1 1'), 'fields');
  assert.equal(reason(''), 'fields');
  assert.equal(reason('3 1 x abcd'), 'number');
  assert.equal(reason('3 1 256 abcd'), 'number');
  assert.equal(reason('3 1 1 abc'), 'hex');
  assert.equal(reason('3 1 1 zz'), 'hex');
  assert.equal(reason(`3 1 1 ${'a'.repeat(50_000)}`), 'too-long');
  assert.equal(parseTlsa('3 1 1 zz').record, undefined);
});

test('TLSA data from certificates matches openssl', () => {
  assert.equal(tlsaAssociation(FIXTURE, 1, 1), SPKI_SHA256);
  assert.equal(tlsaAssociation(FIXTURE, 0, 1), CERT_SHA256);
  assert.equal(tlsaAssociation(FIXTURE, 1, 2), SPKI_SHA512);
  assert.equal(tlsaAssociation(FIXTURE, 0, 0), FIXTURE.raw.toString('hex'));
  assert.deepEqual(tlsaForCertificate(FIXTURE), { usage: 3, selector: 1, matchingType: 1, data: SPKI_SHA256 });
});

test('DANE-EE (3 x x): the leaf matches; name and validity are not checked', () => {
  const names = ['some.other.name'];
  const now = new Date('2200-01-01T00:00:00Z'); // after the fixture expires
  for (const text of [`3 1 1 ${SPKI_SHA256}`, `3 0 1 ${CERT_SHA256}`, `3 1 2 ${SPKI_SHA512}`, `3 0 0 ${FIXTURE.raw.toString('hex')}`]) {
    const result = evaluateDane([rec(text)], [FIXTURE], { names, now });
    assert.equal(result.status, 'match', text);
    assert.deepEqual(result.records.map((r) => [r.outcome, r.certIndex]), [['match', 0]], text);
  }
  const wrong = evaluateDane([rec(`3 1 1 ${'00'.repeat(32)}`)], [FIXTURE], { names });
  assert.equal(wrong.status, 'no-match');
  assert.equal(wrong.records[0]?.outcome, 'no-certificate-matched');
  const pkixOnly = evaluateDane([rec(`1 1 1 ${SPKI_SHA256}`)], [FIXTURE], { names });
  assert.equal(pkixOnly.status, 'no-usable-records');
  assert.deepEqual(pkixOnly.records[0]?.problems, [{ code: 'tlsa.usage-pkix', usage: 1 }]);
  assert.equal(evaluateDane([rec(`3 1 1 ${SPKI_SHA256}`)], [], { names }).status, 'no-certificate');
  // One good record among bad ones is enough.
  const mixed = evaluateDane([rec(`3 1 1 ${'11'.repeat(32)}`), rec(`0 1 1 ${SPKI_SHA256}`), rec(`3 1 1 ${SPKI_SHA256}`)], [FIXTURE], { names });
  assert.equal(mixed.status, 'match');
  assert.equal(mixed.usableRecords, 2);
  assert.deepEqual(mixed.records.map((r) => r.outcome), ['no-certificate-matched', 'unusable', 'match']);
});

test('DANE-TA (2 x x): a CA of the chain, a verified path, the MX name, validity', async () => {
  const root = await createTestCa('DANE Root');
  const issuing = await root.intermediate('DANE Issuing CA');
  const leaf = await issuing.issue({ names: ['mx1.example.test'] });
  const chain = [...leaf.chain, root.x509]; // leaf, intermediate, root (as some servers send it)
  const names = ['mx1.example.test'];
  const ta = (cert: X509Certificate, selector: 0 | 1 = 1, matching: 0 | 1 | 2 = 1) => tlsaForCertificate(cert, 2, selector, matching);

  const onIssuing = evaluateDane([ta(issuing.x509)], chain, { names });
  assert.equal(onIssuing.status, 'match');
  assert.equal(onIssuing.records[0]?.certIndex, 1);
  assert.equal(onIssuing.records[0]?.anchorMaybeLocal, undefined);
  const onRoot = evaluateDane([ta(root.x509, 0, 1)], chain, { names });
  assert.deepEqual([onRoot.status, onRoot.records[0]?.certIndex, onRoot.records[0]?.anchorMaybeLocal], ['match', 2, true]);

  assert.equal(evaluateDane([ta(issuing.x509)], chain, { names: ['mx2.example.test'] }).records[0]?.outcome, 'name-mismatch');
  const later = new Date(Date.now() + 10 * 86_400_000); // the leaf is valid for a day only
  assert.equal(evaluateDane([ta(issuing.x509)], chain, { names, now: later }).records[0]?.outcome, 'expired');
  // The chain is presented out of order / with a foreign CA in the middle: the path does not verify.
  const stranger = await createTestCa('Stranger');
  assert.equal(evaluateDane([ta(root.x509)], [leaf.x509, stranger.x509, root.x509], { names }).records[0]?.outcome, 'chain-invalid');
  // The root is not sent, but `2 1 0` carries its key: verified against the record.
  const spkiOnly = evaluateDane([ta(root.x509, 1, 0)], leaf.chain, { names });
  assert.deepEqual([spkiOnly.status, spkiOnly.records[0]?.certIndex], ['match', leaf.chain.length]);
  // `2 1 1` for a root that is not sent cannot be matched.
  assert.equal(evaluateDane([ta(root.x509)], leaf.chain, { names }).records[0]?.outcome, 'no-certificate-matched');
  // A wildcard leaf matches one label.
  const wild = await issuing.issue({ names: ['*.example.test'] });
  assert.equal(evaluateDane([ta(issuing.x509)], wild.chain, { names }).status, 'match');
  assert.equal(evaluateDane([ta(issuing.x509)], wild.chain, { names: ['a.mx1.example.test'] }).records[0]?.outcome, 'name-mismatch');
});

test('DANE: 3 1 1 survives a renewal with the same key; 3 0 1 does not', async () => {
  const ca = await createTestCa('Renewal CA');
  const first = await ca.issue({ names: ['mx.example.test'] });
  const renewed = await ca.issue({ names: ['mx.example.test'], keys: first.keys });
  const spkiPin = tlsaForCertificate(first.x509, 3, 1, 1);
  const certPin = tlsaForCertificate(first.x509, 3, 0, 1);
  assert.equal(evaluateDane([spkiPin], renewed.chain, { names: [] }).status, 'match');
  assert.equal(evaluateDane([certPin], renewed.chain, { names: [] }).status, 'no-match');
  // RSA keys hash the same way.
  const rsa = await ca.issue({ names: ['mx.example.test'], keyType: 'rsa' });
  assert.equal(evaluateDane([tlsaForCertificate(rsa.x509)], rsa.chain, { names: [] }).status, 'match');
});

test('DANE rollover advice', () => {
  const one = rec(`3 1 1 ${SPKI_SHA256}`);
  assert.deepEqual(daneRolloverAdvice([one]), [{ code: 'dane.rollover-single-ee', record: `3 1 1 ${SPKI_SHA256}` }]);
  // The same association twice is still one.
  assert.deepEqual(daneRolloverAdvice([one, { ...one, data: one.data.toUpperCase() }]).map((a) => a.code), ['dane.rollover-single-ee']);
  assert.deepEqual(daneRolloverAdvice([one, rec(`3 1 1 ${'ab'.repeat(32)}`)]), []);
  assert.deepEqual(daneRolloverAdvice([one, rec(`2 1 1 ${'cd'.repeat(32)}`)]), []);
  assert.deepEqual(daneRolloverAdvice([rec(`2 1 1 ${'cd'.repeat(32)}`)]), [{ code: 'dane.rollover-single-ta', record: `2 1 1 ${'cd'.repeat(32)}` }]);
  assert.deepEqual(daneRolloverAdvice([rec(`3 0 1 ${CERT_SHA256}`), one]), [{ code: 'dane.ee-certificate-hash', records: [`3 0 1 ${CERT_SHA256}`] }]);
  // Unusable records do not count as a second association.
  assert.deepEqual(daneRolloverAdvice([one, rec(`1 1 1 ${'ab'.repeat(32)}`)]).map((a) => a.code), ['dane.rollover-single-ee']);
  assert.deepEqual(daneRolloverAdvice([]), []);
});
