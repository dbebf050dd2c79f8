// The trace a received copy carries: Received lines (RFC 5321 §4.4), Authentication-Results (RFC 8601)
// and ARC sets (RFC 8617), read as data. Received lines are read from the top (the last hop, written by
// the receiving system) down; Authentication-Results are what a receiver said, shown and never trusted as
// our own judgement. Every parser here is one pass over a header value.
import { parseIp } from '../net/ip.js';

export interface ReceivedHop {
  /** 0 = topmost (the most recent hop). */
  index: number;
  /** The name the client gave (HELO/EHLO). */
  helo?: string;
  /** The client's reverse-DNS name as the receiver wrote it. */
  rdns?: string;
  /** The client's address, canonical. */
  ip?: string;
  /** The receiving host. */
  by?: string;
  /** The `with` protocol, upper case (ESMTPS, ESMTPSA, SMTP, LMTP, HTTP…). */
  protocol?: string;
  /** TLS on this hop: true (ESMTPS-style protocol or a TLS note), false (plain SMTP/ESMTP), undefined (unknown). */
  tls: boolean | undefined;
  /** The client logged in (ESMTPA/ESMTPSA, "Authenticated sender", webmail over HTTP): a submission, not a relay. */
  submission: boolean;
  /** The hop's time stamp, epoch ms. */
  date?: number;
}

const KEYWORDS = new Set(['from', 'by', 'via', 'with', 'id', 'for']);

/** Top-level words and comments of a Received value before its `;` date. */
function clauses(value: string): Map<string, { words: string[]; comments: string[] }> {
  const out = new Map<string, { words: string[]; comments: string[] }>();
  let current: { words: string[]; comments: string[] } | null = null;
  let depth = 0;
  let word = '';
  let comment = '';
  const flushWord = () => {
    if (!word) return;
    const key = word.toLowerCase();
    if (KEYWORDS.has(key) && !out.has(key)) {
      current = { words: [], comments: [] };
      out.set(key, current);
    } else current?.words.push(word);
    word = '';
  };
  for (const ch of value) {
    if (depth > 0) {
      if (ch === '(') depth++;
      if (ch === ')') depth--;
      if (depth === 0) {
        (current as { comments: string[] } | null)?.comments.push(comment);
        comment = '';
      } else comment += ch;
      continue;
    }
    if (ch === '(') {
      flushWord();
      depth = 1;
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      flushWord();
      continue;
    }
    word += ch;
  }
  flushWord();
  return out;
}

const IP_LITERAL = /\[(?:IPv6:)?([0-9A-Fa-f:.]{2,45})\]/;
const BARE_IP = /(?:^|[\s(])((?:\d{1,3}\.){3}\d{1,3})(?=$|[\s)\]:])/;

function ipIn(text: string): string | undefined {
  const literal = IP_LITERAL.exec(text);
  const candidate = literal?.[1] ?? BARE_IP.exec(text)?.[1];
  return candidate ? parseIp(candidate)?.address : undefined;
}

/** RFC 3848 protocol names that mean TLS, and those that mean a logged-in client. */
const TLS_PROTOCOLS = new Set(['ESMTPS', 'ESMTPSA', 'UTF8SMTPS', 'UTF8SMTPSA', 'SMTPS', 'LMTPS']);
const AUTH_PROTOCOLS = new Set(['ESMTPA', 'ESMTPSA', 'UTF8SMTPA', 'UTF8SMTPSA']);
const PLAIN_PROTOCOLS = new Set(['SMTP', 'ESMTP', 'UTF8SMTP', 'ESMTPA', 'UTF8SMTPA']);

/** One Received value. */
export function parseReceived(value: string, index: number): ReceivedHop {
  const semicolon = value.lastIndexOf(';');
  const trace = semicolon < 0 ? value : value.slice(0, semicolon);
  const hop: ReceivedHop = { index, tls: undefined, submission: false };
  if (semicolon >= 0) {
    const date = parseMailDate(value.slice(semicolon + 1));
    if (date !== undefined) hop.date = date;
  }
  const parts = clauses(trace);
  const from = parts.get('from');
  if (from) {
    const helo = from.words[0];
    if (helo) hop.helo = helo.replace(/^\[|\]$/g, '');
    const ip = ipIn([from.words.join(' '), ...from.comments].join(' '));
    if (ip) hop.ip = ip;
    const rdns = from.comments.map((c) => c.trim().split(/\s+/)[0] ?? '').find((w) => /^[a-z0-9-]+(\.[a-z0-9-]+)+\.?$/i.test(w) && !/^[\d.]+$/.test(w));
    if (rdns) hop.rdns = rdns.replace(/\.$/, '').toLowerCase();
  }
  const by = parts.get('by')?.words[0];
  if (by) hop.by = by.toLowerCase();
  const withClause = parts.get('with');
  const protocol = withClause?.words[0]?.toUpperCase();
  if (protocol) hop.protocol = protocol;
  const notes = [...(from?.comments ?? []), ...(parts.get('by')?.comments ?? []), ...(withClause?.comments ?? []), ...(parts.get('id')?.comments ?? []), ...(parts.get('for')?.comments ?? []), withClause?.words.join(' ') ?? ''].join(' ');
  const tlsNote = /version=TLS|TLSv1|\bTLS1_\d|using TLS|cipher=|\bTLS\d/i.test(notes);
  if (protocol && TLS_PROTOCOLS.has(protocol)) hop.tls = true;
  else if (tlsNote) hop.tls = true;
  else if (protocol && PLAIN_PROTOCOLS.has(protocol)) hop.tls = false;
  if ((protocol && (AUTH_PROTOCOLS.has(protocol) || protocol === 'HTTP' || protocol === 'HTTPS')) || /authenticated sender|\(authenticated|auth=|Authenticated/i.test(notes)) hop.submission = true;
  return hop;
}

const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };
const ZONES: Record<string, number> = { ut: 0, utc: 0, gmt: 0, z: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420 };

/**
 * An RFC 5322 §3.3 date-time (`Tue, 15 Mar 2026 09:30:00 +0800`, obsolete zone names and two-digit years
 * included), epoch ms; undefined when it does not read as one. Strict on purpose: a Date header JavaScript
 * would guess at is a Date header some receivers cannot read.
 */
export function parseMailDate(text: string): number | undefined {
  const clean = text.replace(/\([^()]*\)/g, ' ').trim();
  const m = /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,5})?$/.exec(clean);
  if (!m) return undefined;
  const month = MONTHS[(m[2] as string).toLowerCase()];
  if (month === undefined) return undefined;
  let year = Number(m[3]);
  if ((m[3] as string).length === 2) year += year < 50 ? 2000 : 1900;
  else if ((m[3] as string).length === 3) year += 1900;
  const day = Number(m[1]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const zone = m[7];
  if (zone === undefined) return undefined;
  let offset: number;
  if (/^[+-]\d{4}$/.test(zone)) {
    const sign = zone[0] === '-' ? -1 : 1;
    const hh = Number(zone.slice(1, 3));
    const mm = Number(zone.slice(3, 5));
    if (mm > 59) return undefined;
    offset = sign * (hh * 60 + mm);
  } else {
    const known = ZONES[zone.toLowerCase()];
    // RFC 5322 §4.3: other military zones are to be read as +0000.
    offset = known ?? 0;
  }
  const utc = Date.UTC(year, month, day, hour, minute, second) - offset * 60_000;
  return Number.isFinite(utc) ? utc : undefined;
}

export interface AuthResult {
  method: string;
  result: string;
  /** `ptype.property` → value (smtp.mailfrom, header.d, header.from…). */
  props: Record<string, string>;
}

export interface AuthenticationResults {
  /** Who said it (the authserv-id). */
  server: string;
  results: AuthResult[];
}

/** Splits on `;` outside comments and quotes; comments dropped. */
function resinfos(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of value) {
    if (quoted) {
      if (ch === '"') quoted = false;
      current += ch;
      continue;
    }
    if (ch === '(') {
      depth++;
      continue;
    }
    if (ch === ')' && depth > 0) {
      depth--;
      continue;
    }
    if (depth > 0) continue;
    if (ch === '"') quoted = true;
    if (ch === ';') {
      out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  out.push(current.trim());
  return out;
}

/** One Authentication-Results value (RFC 8601 §2.2). */
export function parseAuthenticationResults(value: string): AuthenticationResults {
  const [head = '', ...rest] = resinfos(value);
  const server = (head.split(/\s+/)[0] ?? '').toLowerCase();
  const results: AuthResult[] = [];
  for (const info of rest) {
    const tokens = info.split(/\s+/).filter(Boolean);
    const first = tokens[0];
    if (!first || !first.includes('=')) continue;
    const [method = '', result = ''] = first.split('=') as [string, string];
    const props: Record<string, string> = {};
    for (const token of tokens.slice(1)) {
      const eq = token.indexOf('=');
      if (eq > 0) props[token.slice(0, eq).toLowerCase()] = token.slice(eq + 1).replace(/^"|"$/g, '');
    }
    results.push({ method: method.toLowerCase().split('/')[0] ?? '', result: result.toLowerCase(), props });
  }
  return { server, results };
}

export interface ArcSummary {
  /** ARC sets present (highest `i=`). */
  sets: number;
  /** `cv=` of the highest set: none, pass, fail. */
  chain: string | null;
  /** Who sealed each set, from the top set down (`d=` of ARC-Seal). */
  sealers: string[];
}

/** Tag values of a tag=value list (DKIM-style). */
function tags(value: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).replace(/\s+/g, ''));
  }
  return out;
}

/** The ARC sets of a message, from its ARC-Seal fields; shown, not verified. */
export function summarizeArc(seals: readonly string[]): ArcSummary | null {
  if (seals.length === 0) return null;
  const parsed = seals.map(tags).map((t) => ({ i: Number(t.get('i') ?? 0), cv: t.get('cv') ?? null, d: t.get('d') ?? '' }));
  parsed.sort((a, b) => b.i - a.i);
  const top = parsed[0] as { i: number; cv: string | null; d: string };
  return { sets: top.i, chain: top.cv, sealers: parsed.map((p) => p.d.toLowerCase()) };
}
