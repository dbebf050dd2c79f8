import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ed25519Key, rsaKey } from './helpers/dkim-sign.js';
import { txt } from './helpers/records.js';
import { D, goodRecords, ids, KEY, letter, problems, received, reportOf, SENDER_IP, signed, without } from './helpers/message-fixtures.js';
import type { Report } from '../src/core/report.js';

// Authentication of a received copy: messages signed in the test with generated keys served by the
// memory resolver, SPF for the Received IP, DMARC alignment, and what is shown but never trusted.

const G = goodRecords();
const ed = ed25519Key();
const rsa1024 = rsaKey(1024);

function auth(report: Report) {
  return report.sections.find((s) => s.id === 'auth') as NonNullable<Report['sections'][number]>;
}
function dkimRows(report: Report) {
  return auth(report).data.dkim as { domain: string; selector: string; result: string; code: string; keyBits: number | null; keyType: string | null; aligned: boolean; unsignedBodyBytes: number }[];
}
const withKey = (selector: string, record: string) => [...G, txt(`${selector}._domainkey.${D}`, record)];

test('RSA-2048, RSA-1024 and Ed25519 signatures verify, relaxed and simple, and align with From', async () => {
  for (const [key, selector, canonicalization] of [[KEY, 's1', 'relaxed/relaxed'], [KEY, 's1', 'simple/simple'], [KEY, 's1', 'relaxed/simple'], [rsa1024, 'k1024', 'relaxed/relaxed'], [ed, 'ed', 'relaxed/relaxed']] as const) {
    const report = await reportOf(received(signed(letter(), { key, selector, canonicalization })), withKey(selector, key.record));
    const [row] = dkimRows(report);
    assert.equal(row?.result, 'pass', `${selector} ${canonicalization}: ${row?.code}`);
    assert.equal(row?.aligned, true);
    assert.equal(row?.keyType, key.type);
    assert.equal(auth(report).data.dmarc && (auth(report).data.dmarc as { pass: boolean }).pass, true);
    if (key === rsa1024) assert.deepEqual(problems(report), ['auth.dkim-weak-key(warning)']);
    else assert.deepEqual(problems(report), [], `${selector} ${canonicalization}`);
  }
});

test('a body changed after signing, and a signed header changed, fail DKIM with the reason', async () => {
  const body = Buffer.from(signed(letter()).toString('latin1').replace('glad to arrange', 'happy to arrange'), 'latin1');
  const header = Buffer.from(signed(letter()).toString('latin1').replace('Subject: Quotation', 'Subject: Re-quotation'), 'latin1');
  assert.equal(dkimRows(await reportOf(received(body)))[0]?.code, 'dkim.body-hash-mismatch');
  const report = await reportOf(received(header));
  assert.equal(dkimRows(report)[0]?.code, 'dkim.signature-mismatch');
  const fail = report.findings.find((f) => f.id === 'auth.dkim-fail');
  assert.equal(fail?.severity, 'error');
  // SPF still passes aligned, so DMARC passes and the effect is the spam folder, not a rejection.
  assert.ok(!ids(report).includes('auth.dmarc-fail'));
  assert.equal((fail?.data.effect as { kind: string }).kind, 'spam');
});

test('l= with text appended after signing passes, and the unsigned bytes are reported', async () => {
  const signedCopy = signed(letter(), { bodyLength: true });
  const appended = Buffer.concat([signedCopy, Buffer.from('PS: click https://evil.test/now\r\n', 'latin1')]);
  const [row] = dkimRows(await reportOf(received(appended)));
  assert.equal(row?.result, 'pass');
  assert.ok((row?.unsignedBodyBytes ?? 0) > 20, String(row?.unsignedBodyBytes));
});

test('a signature expired (x=) before the copy arrived fails; one that expired after it arrived passes', async () => {
  const arrived = Math.floor(Date.UTC(2026, 2, 10, 1, 30, 5) / 1000);
  const expired = await reportOf(received(signed(letter(), { timestamp: arrived - 7200, expiration: arrived - 3600 })));
  assert.equal(dkimRows(expired)[0]?.code, 'dkim.expired');
  assert.ok(ids(expired).includes('auth.dkim-fail'));
  const later = await reportOf(received(signed(letter(), { timestamp: arrived - 60, expiration: arrived + 3600 })));
  assert.equal(dkimRows(later)[0]?.result, 'pass');
});

test('a signature that does not cover From fails (permerror), and DMARC then rests on SPF', async () => {
  const report = await reportOf(received(signed(letter(), { headers: ['to', 'subject', 'date'] })));
  assert.equal(dkimRows(report)[0]?.code, 'dkim.from-not-signed');
  assert.equal(report.findings.find((f) => f.id === 'auth.dkim-fail')?.data.result, 'permerror');
});

test('SPF for the Received IP: pass, fail and softfail, with the matched term', async () => {
  const spf = async (record: string) => {
    const report = await reportOf(received(signed(letter())), [...without(G, D, 'TXT'), txt(D, record)]);
    return { report, data: auth(report).data.spf as { ip: string; result: string; matched: string | null; aligned: boolean } };
  };
  const pass = await spf('v=spf1 ip4:192.0.2.0/24 -all');
  assert.deepEqual([pass.data.ip, pass.data.result, pass.data.matched, pass.data.aligned], [SENDER_IP, 'pass', 'ip4:192.0.2.0/24', true]);
  const fail = await spf('v=spf1 ip4:198.51.100.0/24 -all');
  assert.equal(fail.data.result, 'fail');
  assert.ok(ids(fail.report).includes('auth.spf-fail'));
  const soft = await spf('v=spf1 ip4:198.51.100.0/24 ~all');
  assert.equal(soft.data.result, 'softfail');
  assert.ok(ids(soft.report).includes('auth.spf-softfail'));
});

test('--ip replaces the Received line: a draft with --ip is judged, a copy with --ip uses the given address', async () => {
  const draft = await reportOf(signed(letter()), G, { ip: SENDER_IP });
  assert.equal(auth(draft).status, 'complete');
  assert.equal((auth(draft).data.spf as { result: string }).result, 'pass');
  const other = await reportOf(received(signed(letter())), G, { ip: '198.51.100.7' });
  assert.equal((auth(other).data.spf as { ip: string; result: string }).ip, '198.51.100.7');
  assert.ok(ids(other).includes('auth.spf-fail'));
});

test('DMARC: aligned through a subdomain (relaxed), unaligned, missing, and the organizational-domain record', async () => {
  // From a subdomain, signed by the parent: relaxed alignment passes; the record is found at the org domain.
  const sub = letter({ set: { From: `Alice <alice@news.${D}>` } });
  const relaxed = await reportOf(received(signed(sub), { returnPath: `bounce@news.${D}` }), G);
  assert.equal((auth(relaxed).data.dmarc as { pass: boolean; recordDomain: string; inherited: boolean }).pass, true);
  assert.equal((auth(relaxed).data.dmarc as { recordDomain: string }).recordDomain, D);
  // Strict DKIM and SPF alignment: the same pair fails.
  const strict = await reportOf(received(signed(sub), { returnPath: `bounce@news.${D}` }), [...without(G, `_dmarc.${D}`), txt(`_dmarc.${D}`, 'v=DMARC1; p=quarantine; adkim=s; aspf=s')]);
  const fail = strict.findings.find((f) => f.id === 'auth.dmarc-fail');
  assert.equal(fail?.severity, 'error');
  assert.equal((fail?.data.effect as { kind: string }).kind, 'spam');
  // Signed and sent by a third party: nothing aligns, p=reject → Gmail rejects it.
  const third = await reportOf(received(signed(letter(), { domain: 'esp.test', selector: 'e1' }), { returnPath: 'b@esp.test' }), [...G, txt('e1._domainkey.esp.test', KEY.record), txt('esp.test', 'v=spf1 ip4:192.0.2.25 -all')]);
  const rejected = third.findings.find((f) => f.id === 'auth.dmarc-fail');
  assert.deepEqual(rejected?.data.effect, { kind: 'reject', code: '550 5.7.26', source: (rejected?.data.effect as { source: string }).source, provider: 'gmail' });
  assert.deepEqual(rejected?.data.dkimDomains, ['esp.test']);
  const missing = await reportOf(received(signed(letter())), without(G, `_dmarc.${D}`));
  const finding = missing.findings.find((f) => f.id === 'auth.dmarc-missing');
  assert.equal(finding?.fix?.record?.value, `v=DMARC1; p=none; rua=mailto:dmarc-reports@${D}`);
});

test('Authentication-Results and ARC are shown as what a receiver said, never trusted', async () => {
  const top = [
    'Authentication-Results: mx.gmail.test; dkim=pass header.i=@example.test; spf=pass smtp.mailfrom=alice@example.test; dmarc=pass header.from=example.test',
    'ARC-Seal: i=1; a=rsa-sha256; t=1; cv=none; d=lists.test; s=arc; b=abc',
  ];
  // The receiver says pass; our own verification of an unsigned copy from an unlisted IP says otherwise.
  const report = await reportOf(received(letter(), { top, ip: '198.51.100.7' }), G);
  const found = auth(report).found.map((f) => f.id);
  assert.ok(found.includes('message.auth-results'));
  assert.ok(found.includes('message.arc'));
  assert.deepEqual((auth(report).data.arc as { sets: number; chain: string }), { sets: 1, chain: 'none', sealers: ['lists.test'] });
  assert.ok(ids(report).includes('auth.spf-fail'));
  assert.ok(ids(report).includes('auth.dmarc-fail'));
});

test('a copy that only shows the upload to the own provider cannot judge SPF (and says so)', async () => {
  const raw = received(signed(letter()), { protocol: 'ESMTPSA', ip: '203.0.113.50' });
  const report = await reportOf(raw, G);
  assert.ok(auth(report).found.some((f) => f.id === 'message.submission-only'));
  assert.ok(!ids(report).some((id) => id.startsWith('auth.spf')));
  assert.equal((auth(report).data.dmarc as { pass: boolean }).pass, true);
});

test('internal hops are skipped: the first public address below them is the sender', async () => {
  const raw = Buffer.concat([Buffer.from('Received: from mx-in.gmail.test (10.1.2.3) by store.gmail.test with LMTP; Tue, 10 Mar 2026 01:30:06 +0000\r\n'), received(signed(letter()))]);
  const report = await reportOf(raw, G);
  assert.equal((auth(report).data.sentFrom as { ip: string }).ip, SENDER_IP);
  assert.deepEqual(problems(report), []);
});

test('a draft (no Received line, no signature) is not judged for authentication', async () => {
  const report = await reportOf(letter(), G);
  assert.equal(auth(report).status, 'skipped');
  assert.equal(auth(report).score, null);
  assert.ok(!ids(report).some((id) => id.startsWith('auth.')));
});

test('a key lookup that fails is "could not check", never a failed signature', async () => {
  const report = await reportOf(received(signed(letter())), G, { failures: [{ name: `s1._domainkey.${D}`, outcome: 'servfail' }] });
  assert.ok(!ids(report).includes('auth.dkim-fail'));
  assert.ok(!ids(report).includes('auth.dkim-none'));
  assert.ok(ids(report).includes('dns.lookup-failed'));
  assert.equal(report.incomplete, true);
  assert.equal(auth(report).status, 'partial');
});

test('under the bulk rules the failures are errors with the bulk codes (Gmail 5.7.27 / 5.7.30, Microsoft 5.7.515)', async () => {
  const unsigned = received(letter({ add: ['List-Unsubscribe: <https://www.example.test/u>', 'List-Unsubscribe-Post: List-Unsubscribe=One-Click'] }));
  const gmail = await reportOf(unsigned, [...without(G, D, 'TXT'), txt(D, 'v=spf1 ip4:198.51.100.1 ~all')]);
  const dkim = gmail.findings.find((f) => f.id === 'auth.dkim-none');
  assert.equal(dkim?.severity, 'error');
  assert.equal((dkim?.data.effect as { code: string }).code, '550 5.7.30');
  assert.equal((gmail.findings.find((f) => f.id === 'auth.spf-softfail')?.data.effect as { code: string }).code, '550 5.7.27');
  const outlook = await reportOf(unsigned, [...without(G, D, 'TXT'), txt(D, 'v=spf1 ip4:198.51.100.1 ~all')], { to: 'outlook.com' });
  assert.equal((outlook.findings.find((f) => f.id === 'auth.dkim-none')?.data.effect as { code: string; provider: string }).code, '550 5.7.515');
});

test('--to: a consumer domain is known; a company domain is recognised by its MX; Chinese recipients are not warned about GBK', async () => {
  const mxRecord = (name: string, exchange: string) => ({ name, type: 'MX' as const, ttl: 300, data: { preference: 10, exchange } });
  const recipient = async (to: string, extra: Parameters<typeof reportOf>[1] = []) => (await reportOf(received(signed(letter())), [...G, ...(extra ?? [])], { to })).data.recipient;
  assert.deepEqual(await recipient('gmail.com'), { provider: 'gmail', domain: 'gmail.com', source: 'domain' });
  const workspace = (await recipient('buyer.test', [mxRecord('buyer.test', 'aspmx.l.google.com')])) as { provider: string; source: string; mxProvider: string };
  assert.deepEqual([workspace.provider, workspace.source, workspace.mxProvider], ['gmail', 'mx', 'google-workspace']);
  const m365 = (await recipient('corp.test', [mxRecord('corp.test', 'corp-test.mail.protection.outlook.com')])) as { provider: string };
  assert.equal(m365.provider, 'other');
  const gbk = received(signed(Buffer.concat([Buffer.from(letter({ contentType: 'text/plain; charset=GBK', cte: '8bit', body: '' }), 'latin1'), Buffer.from([0xc4, 0xfa, 0xba, 0xc3, 0x0d, 0x0a])])));
  assert.ok(ids(await reportOf(gbk, G, { to: 'gmail.com' })).includes('content.charset-legacy'));
  assert.ok(!ids(await reportOf(gbk, G, { to: 'qq.com' })).includes('content.charset-legacy'));
});
