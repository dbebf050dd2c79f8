import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { smtpProbe, type SmtpProbeOptions, type SmtpProbeResult } from '../src/net/smtp-probe.js';
import { evaluateDane, tlsaForCertificate } from '../src/transport/dane.js';
import { createTestCa, type IssuedCertificate, type TestCa } from './helpers/test-ca.js';
import { closedPort, startBlackhole, startScriptedSmtp, startSilentPort, type ScriptIo } from './helpers/tls-servers.js';

const MX = 'mx1.example.test';
const HELO = 'probe.mailcheck.test';
const DAY = 86_400_000;

let root: TestCa;
let issuing: TestCa;
let valid: IssuedCertificate;
const smtpServers: SMTPServer[] = [];
const ports: Record<string, number> = {};

async function startSmtpServer(name: string, cert: { keyPem: string; chainPem: string } | undefined, extra: Partial<ConstructorParameters<typeof SMTPServer>[0]> = {}): Promise<void> {
  const server = new SMTPServer({
    secure: false,
    name: MX,
    banner: 'mailcheck test server',
    logger: false,
    authOptional: true,
    disabledCommands: ['AUTH'],
    ...(cert ? { key: cert.keyPem, cert: cert.chainPem } : { hideSTARTTLS: true }),
    ...extra,
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  smtpServers.push(server);
  ports[name] = (server.server.address() as { port: number }).port;
}

before(async () => {
  root = await createTestCa('SMTP Test Root');
  issuing = await root.intermediate('SMTP Issuing CA');
  valid = await issuing.issue({ names: [MX] });
  const expired = await issuing.issue({ names: [MX], notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) });
  const wrongName = await issuing.issue({ names: ['mail.other.test'] });
  const selfSigned = await (await createTestCa('Self-signed MX')).issue({ names: [MX] });
  await startSmtpServer('valid', valid);
  await startSmtpServer('plain', undefined);
  await startSmtpServer('expired', expired);
  await startSmtpServer('wrongName', wrongName);
  await startSmtpServer('untrusted', selfSigned);
});

after(async () => {
  for (const s of smtpServers) await new Promise<void>((resolve) => s.close(() => resolve()));
});

const probe = (port: number, extra: Partial<SmtpProbeOptions> = {}): Promise<SmtpProbeResult> =>
  smtpProbe(MX, '127.0.0.1', { port, heloName: HELO, timeoutMs: 5000, ca: root.certPem, ...extra });

test('smtpProbe against smtp-server: STARTTLS, TLS details, chain, name, polite QUIT', async () => {
  const result = await probe(ports.valid as number);
  assert.equal(result.outcome, 'ok');
  if (result.outcome !== 'ok') return;
  assert.deepEqual([result.host, result.address, result.port], [MX, '127.0.0.1', ports.valid]);
  assert.equal(result.banner.code, 220);
  assert.equal(result.bannerHost, MX);
  assert.equal(result.ehlo.code, 250);
  assert.ok(result.extensions.includes('STARTTLS'));
  assert.ok(result.extensions.includes('PIPELINING'));
  assert.equal(result.starttls.code, 220);
  assert.equal(result.tls.protocol, 'TLSv1.3');
  assert.ok(result.tls.cipher.name.length > 0);
  assert.equal(result.tls.trusted, true);
  assert.equal(result.tls.nameMatches, true);
  assert.equal(result.tls.verifyError, undefined);
  assert.equal(result.tls.injectedBytes, 0);
  assert.equal(result.quit, 'acknowledged');
  const [leaf, inter] = result.tls.chain;
  assert.deepEqual(leaf?.dnsNames, [MX]);
  assert.equal(leaf?.subject, `CN=${MX}`);
  assert.equal(leaf?.issuer, 'CN=SMTP Issuing CA');
  assert.equal(leaf?.expired, false);
  assert.equal(leaf?.sha256, valid.x509.fingerprint256.replace(/:/g, '').toLowerCase());
  assert.equal(inter?.subject, 'CN=SMTP Issuing CA');
  assert.equal(inter?.isCa, true);
  // The chain rebuilds into certificates that DANE can check: 3 1 1 of the leaf, 2 1 1 of the issuing CA.
  const chain = result.tls.chain.map((c) => new X509Certificate(Buffer.from(c.derBase64, 'base64')));
  assert.equal(leaf?.spkiSha256, tlsaForCertificate(valid.x509).data);
  assert.equal(evaluateDane([tlsaForCertificate(valid.x509)], chain, { names: [MX] }).status, 'match');
  assert.equal(evaluateDane([tlsaForCertificate(issuing.x509, 2)], chain, { names: [MX] }).status, 'match');
  assert.equal(evaluateDane([{ usage: 3, selector: 1, matchingType: 1, data: '00'.repeat(32) }], chain, { names: [MX] }).status, 'no-match');
  // The server sent leaf + intermediate; Node completed the chain with the root from the trust
  // store (`ca` here), so a DANE-TA match on that root is flagged as possibly local.
  assert.equal(result.tls.chain.length, 3);
  assert.equal(result.tls.chain[2]?.subject, 'CN=SMTP Test Root');
  assert.equal(evaluateDane([tlsaForCertificate(root.x509, 2)], chain, { names: [MX] }).records[0]?.anchorMaybeLocal, true);
});

test('smtpProbe: certificate faults are reported on an ok handshake, kept apart', async () => {
  const expired = await probe(ports.expired as number);
  assert.equal(expired.outcome, 'ok');
  if (expired.outcome === 'ok') {
    assert.deepEqual([expired.tls.trusted, expired.tls.verifyError, expired.tls.verifyFault, expired.tls.nameMatches], [false, 'CERT_HAS_EXPIRED', 'expired', true]);
    assert.equal(expired.tls.chain[0]?.expired, true);
    assert.ok((expired.tls.chain[0]?.daysLeft ?? 0) < 0);
  }
  const wrongName = await probe(ports.wrongName as number);
  assert.equal(wrongName.outcome, 'ok');
  if (wrongName.outcome === 'ok') {
    assert.deepEqual([wrongName.tls.trusted, wrongName.tls.verifyError, wrongName.tls.nameMatches], [true, undefined, false]);
    assert.deepEqual(wrongName.tls.chain[0]?.dnsNames, ['mail.other.test']);
  }
  const untrusted = await probe(ports.untrusted as number);
  assert.equal(untrusted.outcome, 'ok');
  if (untrusted.outcome === 'ok') {
    assert.deepEqual([untrusted.tls.trusted, untrusted.tls.verifyFault, untrusted.tls.nameMatches], [false, 'untrusted', true]);
    assert.equal(untrusted.tls.verifyError, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  }
  // Without `ca`, Node's store does not know the test root.
  const noCa = await smtpProbe(MX, '127.0.0.1', { port: ports.valid as number, heloName: HELO, timeoutMs: 5000 });
  assert.deepEqual(noCa.outcome === 'ok' && [noCa.tls.trusted, noCa.tls.verifyFault], [false, 'untrusted']);
});

test('smtpProbe: a server without STARTTLS', async () => {
  const result = await probe(ports.plain as number);
  assert.equal(result.outcome, 'no-starttls');
  if (result.outcome !== 'no-starttls') return;
  assert.equal(result.reason, 'not-advertised');
  assert.equal(result.ehlo?.code, 250);
  assert.ok(result.extensions && !result.extensions.includes('STARTTLS'));
});

test('smtpProbe: connect refused, connect timeout (port 25 blocked), silent server', async () => {
  const refused = await probe(await closedPort());
  assert.deepEqual(refused.outcome === 'connect-refused' && refused.code, 'ECONNREFUSED');
  const blackhole = await startBlackhole();
  try {
    const blocked = await probe(blackhole.port, { timeoutMs: 300 });
    assert.deepEqual(blocked.outcome === 'connect-timeout' && blocked.timeoutMs, 300);
    const shortConnect = await probe(blackhole.port, { timeoutMs: 5000, connectTimeoutMs: 200 });
    assert.deepEqual(shortConnect.outcome === 'connect-timeout' && shortConnect.timeoutMs, 200);
  } finally {
    await blackhole.close();
  }
  const silent = await startSilentPort();
  try {
    const result = await probe(silent.port, { timeoutMs: 300 });
    assert.equal(result.outcome, 'banner-timeout');
  } finally {
    await silent.close();
  }
});

/** A scripted server: EHLO gets `ehlo`, STARTTLS gets `starttls` (then `afterStarttls`), QUIT gets 221. */
async function scripted(greeting: string | null, handlers: { ehlo?: string | null; starttls?: string | null; afterStarttls?: (io: ScriptIo) => void } = {}) {
  return startScriptedSmtp({
    greeting,
    respond(command, io) {
      const verb = command.split(' ')[0]?.toUpperCase();
      if (verb === 'EHLO') {
        const reply = handlers.ehlo === undefined ? `250-${MX} hello\r\n250-PIPELINING\r\n250 STARTTLS\r\n` : handlers.ehlo;
        if (reply !== null) io.write(reply);
      } else if (verb === 'STARTTLS') {
        const reply = handlers.starttls === undefined ? '220 go ahead\r\n' : handlers.starttls;
        if (reply !== null) io.write(reply);
        handlers.afterStarttls?.(io);
      } else if (verb === 'QUIT') {
        io.write('221 bye\r\n');
        io.end();
      }
    },
  });
}

test('smtpProbe: multi-line greeting, the EHLO name we send, QUIT after refusals', async () => {
  const server = await scripted(`220-${MX} ESMTP first\r\n220-second line\r\n220 ready\r\n`, { ehlo: `250-${MX}\r\n250 SIZE 1000\r\n` });
  try {
    const result = await probe(server.port);
    assert.equal(result.outcome, 'no-starttls');
    if (result.outcome === 'no-starttls') {
      assert.deepEqual(result.banner, { code: 220, lines: [`${MX} ESMTP first`, 'second line', 'ready'] });
      assert.equal(result.bannerHost, MX);
      assert.deepEqual(result.extensions, ['SIZE']);
    }
    assert.deepEqual(server.commands, [`EHLO ${HELO}`, 'QUIT']);
  } finally {
    await server.close();
  }
  const rejecting = await scripted('554 no service for you\r\n');
  try {
    const result = await probe(rejecting.port);
    assert.deepEqual(result.outcome === 'banner-rejected' && result.banner, { code: 554, lines: ['no service for you'] });
    assert.deepEqual(rejecting.commands, ['QUIT']);
  } finally {
    await rejecting.close();
  }
  const noEhlo = await scripted('220 mx ready\r\n', { ehlo: '502 5.5.2 EHLO not supported\r\n' });
  try {
    const result = await probe(noEhlo.port);
    assert.deepEqual(result.outcome === 'no-starttls' && [result.reason, result.ehlo?.code], ['ehlo-rejected', 502]);
  } finally {
    await noEhlo.close();
  }
  const noTls = await scripted('220 mx ready\r\n', { starttls: '454 4.7.0 TLS not available\r\n' });
  try {
    const result = await probe(noTls.port);
    assert.deepEqual(result.outcome === 'no-starttls' && [result.reason, result.starttls?.code], ['starttls-rejected', 454]);
    assert.deepEqual(noTls.commands, [`EHLO ${HELO}`, 'STARTTLS', 'QUIT']);
  } finally {
    await noTls.close();
  }
});

test('smtpProbe: hostile servers — caps on lines and replies, garbage, early close', async () => {
  const cases: [name: string, start: () => ReturnType<typeof scripted>, expected: Record<string, unknown>][] = [
    ['endless banner line', () => scripted(`220 ${'x'.repeat(5000)}`), { outcome: 'protocol-error', stage: 'banner', reason: 'line-too-long' }],
    ['huge EHLO reply', () => scripted('220 ok\r\n', { ehlo: `${'250-AAAAAAAAAAAAAAAAAAAAAAAA\r\n'.repeat(2000)}250 END\r\n` }), { outcome: 'protocol-error', stage: 'ehlo', reason: 'reply-too-large' }],
    ['not SMTP', () => scripted('HTTP/1.1 400 Bad Request\r\n\r\n'), { outcome: 'protocol-error', stage: 'banner', reason: 'malformed' }],
    ['codes change mid-reply', () => scripted('220-a\r\n250 b\r\n'), { outcome: 'protocol-error', stage: 'banner', reason: 'malformed' }],
    ['closes on EHLO', () => startScriptedSmtp({ greeting: '220 ok\r\n', respond: (_c, io) => io.end() }), { outcome: 'protocol-error', stage: 'ehlo', reason: 'closed' }],
    ['greeting cut short', () => startScriptedSmtp({ greeting: '220-first line\r\n', respond: () => undefined }), { outcome: 'banner-timeout', partialBanner: ['first line'] }],
  ];
  for (const [name, start, expected] of cases) {
    const server = await start();
    try {
      const result = (await probe(server.port, { timeoutMs: 300 })) as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(expected)) assert.deepEqual(result[k], v, `${name}: ${k}`);
    } finally {
      await server.close();
    }
  }
  // Control characters in replies are made printable.
  const escapes = await scripted('220 mx \x1b[31mred\x1b[0m \u00e9\r\n', { ehlo: '250 ok\r\n' });
  try {
    const result = await probe(escapes.port);
    assert.deepEqual(result.outcome === 'no-starttls' && result.banner?.lines, ['mx ?[31mred?[0m ??']);
  } finally {
    await escapes.close();
  }
});

test('smtpProbe: the deadline at EHLO, STARTTLS and the handshake; a failed handshake', async () => {
  const stallEhlo = await scripted('220 ok\r\n', { ehlo: null });
  try {
    const result = await probe(stallEhlo.port, { timeoutMs: 300 });
    assert.deepEqual(result.outcome === 'timeout' && result.stage, 'ehlo');
  } finally {
    await stallEhlo.close();
  }
  const stallStarttls = await scripted('220 ok\r\n', { starttls: null });
  try {
    const result = await probe(stallStarttls.port, { timeoutMs: 300 });
    assert.deepEqual(result.outcome === 'timeout' && result.stage, 'starttls');
  } finally {
    await stallStarttls.close();
  }
  const noHandshake = await scripted('220 ok\r\n');
  try {
    const result = await probe(noHandshake.port, { timeoutMs: 300 });
    assert.deepEqual(result.outcome === 'tls-failed' && result.reason, 'timeout');
  } finally {
    await noHandshake.close();
  }
  const garbage = await scripted('220 ok\r\n', { afterStarttls: (io) => io.write('this is not TLS at all\r\n'.repeat(10)) });
  try {
    const result = await probe(garbage.port);
    assert.equal(result.outcome, 'tls-failed');
    if (result.outcome === 'tls-failed') {
      assert.ok(result.reason === 'handshake' || result.reason === 'closed');
      assert.equal(result.starttls?.code, 220);
    }
  } finally {
    await garbage.close();
  }
});

test('smtpProbe: bytes injected before the handshake are counted; old TLS versions are seen', async () => {
  const injecting = await scripted('220 ok\r\n', {
    starttls: '220 go ahead\r\n250 injected\r\n',
    afterStarttls: (io) => io.startTls({ key: valid.keyPem, cert: valid.chainPem }),
  });
  try {
    const result = await probe(injecting.port);
    assert.equal(result.outcome, 'ok');
    if (result.outcome === 'ok') {
      assert.equal(result.tls.injectedBytes, '250 injected\r\n'.length);
      assert.equal(result.quit, 'acknowledged');
    }
  } finally {
    await injecting.close();
  }
  const old = await scripted('220 ok\r\n', {
    afterStarttls: (io) => io.startTls({ key: valid.keyPem, cert: valid.chainPem, minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' }),
  });
  try {
    const result = await probe(old.port);
    assert.equal(result.outcome, 'ok');
    if (result.outcome === 'ok') assert.equal(result.tls.protocol, 'TLSv1.1');
  } finally {
    await old.close();
  }
});

test('smtpProbe: arguments that would inject commands are refused', async () => {
  assert.deepEqual(await smtpProbe(MX, '127.0.0.1', { heloName: 'a\r\nMAIL FROM:<x>', timeoutMs: 100 }), { host: MX, address: '127.0.0.1', port: 25, outcome: 'invalid-argument', field: 'heloName' });
  assert.equal((await smtpProbe(MX, 'mx.example.test', { heloName: HELO, timeoutMs: 100 })).outcome, 'invalid-argument');
  assert.equal((await smtpProbe('bad host\r\n', '127.0.0.1', { heloName: HELO, timeoutMs: 100 })).outcome, 'invalid-argument');
  assert.equal((await smtpProbe(MX, '127.0.0.1', { heloName: HELO, timeoutMs: 100, port: 70000 })).outcome, 'invalid-argument');
  assert.equal((await smtpProbe(MX, '127.0.0.1', { heloName: '[192.0.2.1]', timeoutMs: 100, port: await closedPort() })).outcome, 'connect-refused');
});
