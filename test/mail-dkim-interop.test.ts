import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { createMemorySource } from '../src/dns/memory.js';
import { verifyDkim } from '../src/mail/dkim/verify.js';
import { startDnsServer } from './helpers/dns-server.js';
import { txt } from './helpers/records.js';
import { rsaKey } from './helpers/dkim-sign.js';
import { createUdpSource, parseServerAddress, type ServerAddress } from '../src/dns/udp.js';

// Messages signed by implementations other than ours, so the verifier is not only checked
// against its own understanding of RFC 6376.

const LATER = new Date('2030-01-01T00:00:00Z');

// dkimpy (Python, Debian python3-dkim 1.1.4), written by test/fixtures/dkim/make-dkimpy.py.
const FIXTURES = join(import.meta.dirname, 'fixtures', 'dkim');
const keys = JSON.parse(readFileSync(join(FIXTURES, 'dkimpy-keys.json'), 'utf8')) as Record<string, string>;
const dkimpyResolver = createMemorySource(Object.entries(keys).map(([name, record]) => txt(name, record)));

const EXPECTED: Record<string, { code: string; canonicalization: string; keyType: string; unsigned?: boolean }> = {
  'dkimpy-rsa-simple-simple.eml': { code: 'dkim.pass', canonicalization: 'simple/simple', keyType: 'rsa' },
  'dkimpy-rsa-relaxed-relaxed.eml': { code: 'dkim.pass', canonicalization: 'relaxed/relaxed', keyType: 'rsa' },
  'dkimpy-rsa-relaxed-simple-l.eml': { code: 'dkim.pass', canonicalization: 'relaxed/simple', keyType: 'rsa' },
  'dkimpy-ed25519-relaxed-relaxed.eml': { code: 'dkim.pass', canonicalization: 'relaxed/relaxed', keyType: 'ed25519' },
  'dkimpy-ed25519-simple-simple-8bit.eml': { code: 'dkim.pass', canonicalization: 'simple/simple', keyType: 'ed25519' },
  'dkimpy-rsa-relaxed-relaxed-8bit.eml': { code: 'dkim.pass', canonicalization: 'relaxed/relaxed', keyType: 'rsa' },
  'dkimpy-rsa-sha1.eml': { code: 'dkim.sha1', canonicalization: 'relaxed/relaxed', keyType: 'rsa' },
};

test('dkimpy-signed messages verify: simple and relaxed, RSA and Ed25519, l=, 8-bit, rsa-sha1 flagged', async () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.eml')).sort();
  assert.deepEqual(files, Object.keys(EXPECTED).sort());
  for (const file of files) {
    const raw = readFileSync(join(FIXTURES, file));
    const expected = EXPECTED[file] as (typeof EXPECTED)[string];
    const { signatures } = await verifyDkim(raw, dkimpyResolver, { now: LATER });
    assert.equal(signatures.length, 1, file);
    const sig = signatures[0];
    assert.deepEqual([sig?.code, sig?.canonicalization, sig?.keyType, sig?.verified], [expected.code, expected.canonicalization, expected.keyType, true], file);
    assert.deepEqual(sig?.headersSigned, ['from', 'to', 'subject', 'date', 'message-id', 'x-tag', 'x-tag', 'x-tag', 'reply-to'], file);
    // The same file with LF line ends verifies the same, and a changed byte in the body breaks it.
    const lf = Buffer.from(raw.toString('latin1').replaceAll('\r\n', '\n'), 'latin1');
    assert.equal((await verifyDkim(lf, dkimpyResolver, { now: LATER })).signatures[0]?.code, expected.code, `${file} LF`);
    const body = raw.indexOf('\r\n\r\n') + 6;
    const altered = Buffer.from(raw);
    altered[body] = (altered[body] as number) ^ 0x20;
    assert.equal((await verifyDkim(altered, dkimpyResolver, { now: LATER })).signatures[0]?.code, 'dkim.body-hash-mismatch', `${file} altered`);
  }
});

test('a dkimpy l= signature still passes with text appended, flagged', async () => {
  const raw = readFileSync(join(FIXTURES, 'dkimpy-rsa-relaxed-simple-l.eml'));
  const appended = Buffer.concat([raw, Buffer.from('\r\n-- \r\nClick http://unsigned.test/\r\n')]);
  const sig = (await verifyDkim(appended, dkimpyResolver, { now: LATER })).signatures[0];
  assert.equal(sig?.code, 'dkim.pass');
  assert.ok((sig?.unsignedBodyBytes ?? 0) > 20);
  assert.deepEqual(sig?.notes, ['dkim.body-length-partial']);
});

// nodemailer's DKIM signer (relaxed/relaxed, rsa-sha256), serving the key from the test DNS
// server on 127.0.0.1 through the UDP transport, as the command will.
test('nodemailer-signed multipart messages verify through the 127.0.0.1 DNS server', async () => {
  const { privateKey, p } = rsaKey(2048);
  const server = await startDnsServer({ records: [txt('nm._domainkey.example.test', `v=DKIM1; k=rsa; p=${p}`)] });
  try {
    const resolver = createUdpSource({ servers: [parseServerAddress(server.resolverArg) as ServerAddress], timeoutMs: 2000, retries: 1 });
    for (const newline of ['windows', 'unix'] as const) {
      const transport = nodemailer.createTransport({
        streamTransport: true,
        buffer: true,
        newline,
        dkim: { domainName: 'example.test', keySelector: 'nm', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      });
      const info = await transport.sendMail({
        from: '张三 <zhang@example.test>',
        to: 'buyer@receiver.test',
        subject: '报价单 Quotation 2026',
        text: 'Dear buyer,  \n\nplease find our   price list attached.\n',
        html: '<p>Dear buyer,</p><p>您好</p>',
        attachments: [{ filename: 'prices.csv', content: 'item,price\n'.repeat(400) }],
      });
      const raw = info.message as unknown as Buffer;
      const { signatures } = await verifyDkim(raw, resolver, { now: new Date() });
      assert.deepEqual(
        signatures.map((s) => [s.result, s.code, s.domain, s.selector, s.algorithm, s.canonicalization, s.keyBits]),
        [['pass', 'dkim.pass', 'example.test', 'nm', 'rsa-sha256', 'relaxed/relaxed', 2048]],
        newline,
      );
      const tampered = Buffer.from(raw.toString('latin1').replace('price list', 'bank details'), 'latin1');
      assert.equal((await verifyDkim(tampered, resolver)).signatures[0]?.code, 'dkim.body-hash-mismatch', newline);
    }
    assert.equal(server.count('nm._domainkey.example.test', 'TXT'), 4);
  } finally {
    await server.close();
  }
});

test('a key name the DNS server drops is temperror through the real UDP transport', async () => {
  const server = await startDnsServer({ records: [], rules: [{ match: /_domainkey/, behaviour: 'drop' }] });
  try {
    const resolver = createUdpSource({ servers: [parseServerAddress(server.resolverArg) as ServerAddress], timeoutMs: 100, retries: 0 });
    const raw = readFileSync(join(FIXTURES, 'dkimpy-rsa-simple-simple.eml'));
    const sig = (await verifyDkim(raw, resolver, { now: LATER })).signatures[0];
    assert.deepEqual([sig?.result, sig?.code, sig?.data.outcome], ['temperror', 'dkim.key-lookup-failed', 'timeout']);
  } finally {
    await server.close();
  }
});
