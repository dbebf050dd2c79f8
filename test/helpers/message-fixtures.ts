// Fixtures for `mailcheck message`, built by the tests: a clean letter from example.test, signed with a
// key generated here (test/helpers/dkim-sign.ts), received by mx.google.test from 192.0.2.25 over TLS, and
// the DNS that makes it authenticate (SPF, DKIM key, DMARC p=reject, FCrDNS). Cases change one thing.
//
//   const raw = received(signed(letter()));           // the clean, signed, aligned copy
//   const report = await reportOf(raw, goodRecords()); // through the memory resolver
import type { DnsRecord } from '../../src/dns/types.js';
import type { MemorySourceOptions } from '../../src/dns/memory.js';
import { createMemorySource } from '../../src/dns/memory.js';
import { createCachingResolver } from '../../src/dns/resolver.js';
import { gatherContext } from '../../src/gather/context.js';
import type { MessageOptions } from '../../src/gather/message.js';
import { checkMessage } from '../../src/report/message.js';
import type { Report } from '../../src/core/report.js';
import { rsaKey, signDkim, type SignOptions, type TestKey } from './dkim-sign.js';
import { a, ptr, txt } from './records.js';

export const D = 'example.test';
export const SENDER_IP = '192.0.2.25';
export const KEY: TestKey = rsaKey(2048);
/** The time the fixtures were "sent" and "received": the run's clock in these tests. */
export const SENT = Date.UTC(2026, 2, 10, 1, 30, 0);
export const CLOCK = () => SENT + 60_000;

export const BODY = [
  'Hello Bob,',
  '',
  'Thank you for your enquiry last week. Attached is our quotation for the LED',
  'panels we discussed on the phone. Let me know if you have any questions, and',
  'I will be glad to arrange a call with our engineer.',
  '',
  'Best regards,',
  'Alice',
  '',
].join('\r\n');

export interface LetterOptions {
  /** Header lines replacing the defaults with the same name (case-insensitive); `null` removes one. */
  set?: Record<string, string | null>;
  /** Header lines added after the defaults. */
  add?: string[];
  body?: string;
  /** Content-Type of the body (default text/plain; charset=UTF-8). */
  contentType?: string;
  cte?: string;
}

const DEFAULTS: [string, string][] = [
  ['From', 'Alice Example <alice@example.test>'],
  ['To', 'Bob <bob@gmail.test>'],
  ['Subject', 'Quotation for LED panels, March 2026'],
  ['Date', 'Tue, 10 Mar 2026 09:30:00 +0800'],
  ['Message-ID', '<20260310093000.4711@example.test>'],
  ['MIME-Version', '1.0'],
];

/** A letter with CRLF line ends, before signing. */
export function letter(options: LetterOptions = {}): string {
  const lines: string[] = [];
  const set = Object.fromEntries(Object.entries(options.set ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  for (const [name, value] of DEFAULTS) {
    const override = set[name.toLowerCase()];
    if (override === null) continue;
    lines.push(`${name}: ${override ?? value}`);
  }
  for (const [name, value] of Object.entries(options.set ?? {})) {
    if (value !== null && !DEFAULTS.some(([n]) => n.toLowerCase() === name.toLowerCase())) lines.push(`${name}: ${value}`);
  }
  lines.push(`Content-Type: ${options.contentType ?? 'text/plain; charset=UTF-8'}`);
  lines.push(`Content-Transfer-Encoding: ${options.cte ?? '7bit'}`);
  lines.push(...(options.add ?? []));
  return `${lines.join('\r\n')}\r\n\r\n${options.body ?? BODY}`;
}

/** Signed by example.test (selector s1, relaxed/relaxed, the usual headers) unless told otherwise. */
export function signed(message: string | Buffer, options: Partial<SignOptions> = {}): Buffer {
  return signDkim(message, { key: KEY, domain: D, selector: 's1', headers: ['from', 'to', 'subject', 'date', 'message-id', 'mime-version', 'content-type'], ...options });
}

export interface ReceivedOptions {
  ip?: string;
  helo?: string;
  protocol?: string;
  tlsNote?: boolean;
  returnPath?: string | null;
  /** Extra trace fields on top (Authentication-Results, ARC…). */
  top?: string[];
}

/** The copy as the recipient's mailbox saved it: Return-Path and the receiver's Received line on top. */
export function received(message: Buffer | string, options: ReceivedOptions = {}): Buffer {
  const ip = options.ip ?? SENDER_IP;
  const helo = options.helo ?? `mail.${D}`;
  const protocol = options.protocol ?? 'ESMTPS';
  const note = options.tlsNote === false ? '' : protocol.endsWith('S') || protocol.endsWith('SA') ? '\r\n        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256)' : '';
  const lines = [
    ...(options.top ?? []),
    ...(options.returnPath === null ? [] : [`Return-Path: <${options.returnPath ?? `alice@${D}`}>`]),
    `Received: from ${helo} (${helo} [${ip}])\r\n        by mx.gmail.test with ${protocol} id 4711abc\r\n        for <bob@gmail.test>${note};\r\n        Tue, 10 Mar 2026 01:30:05 +0000`,
  ];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'), Buffer.isBuffer(message) ? message : Buffer.from(message, 'latin1')]);
}

/** The DNS of example.test that makes the clean copy pass: SPF for 192.0.2.25, the DKIM key, DMARC p=reject, FCrDNS. */
export function goodRecords(key: TestKey = KEY): DnsRecord[] {
  return [
    txt(D, 'v=spf1 ip4:192.0.2.25 -all'),
    txt(`s1._domainkey.${D}`, key.record),
    txt(`_dmarc.${D}`, `v=DMARC1; p=reject; rua=mailto:dmarc@${D}`),
    a(`mail.${D}`, SENDER_IP),
    ptr('25.2.0.192.in-addr.arpa', `mail.${D}`),
  ];
}

/** Replace the records of one name (and type) in a record set. */
export function without(records: DnsRecord[], name: string, type?: string): DnsRecord[] {
  return records.filter((r) => !(r.name === name && (type === undefined || r.type === type)));
}

export async function reportOf(raw: Buffer | string, records: DnsRecord[] = goodRecords(), options: Partial<MessageOptions> & MemorySourceOptions = {}): Promise<Report> {
  const resolver = createCachingResolver(createMemorySource(records, options));
  const ctx = gatherContext(resolver, { timeoutMs: 2000, clock: CLOCK });
  const buffer = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'latin1');
  return checkMessage({ file: 'test.eml', index: 1, raw: buffer }, { bulk: options.bulk ?? false, ...(options.ip ? { ip: options.ip } : {}), ...(options.to ? { to: options.to } : {}), ...(options.lists ? { lists: options.lists } : {}) }, ctx);
}

/** The clean copy: signed, aligned, received over TLS from an IP with FCrDNS. */
export function cleanCopy(): Buffer {
  return received(signed(letter()));
}

export function ids(report: Report): string[] {
  return report.findings.map((f) => f.id);
}

/** Findings that are problems (warnings and errors). */
export function problems(report: Report): string[] {
  return report.findings.filter((f) => f.severity !== 'info').map((f) => `${f.id}(${f.severity})`);
}
