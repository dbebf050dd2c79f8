import net from 'node:net';
import tls from 'node:tls';
import { parseIp } from './ip.js';
import { certificateMatchesHost, classifyVerifyError, peerChain, summarizeCertificate, type CertificateSummary, type VerifyFault } from './tls-certificate.js';

// A STARTTLS probe of one MX address (RFC 5321, RFC 3207): connect, read the greeting, EHLO with
// a real name, STARTTLS when offered, a TLS handshake with SNI = the MX host name from DNS, then
// a polite QUIT. Everything the server says comes from a stranger: lines and replies are capped,
// text is made printable, and one deadline bounds the whole session. Each way it can end is an
// outcome of its own (a TCP connect that times out — port 25 blocked on this network — is not a
// refused connection, nor a server without TLS). Pure result data, no sentences; never throws.
//
// TLS: the handshake accepts any certificate (rejectUnauthorized: false) so that what the server
// presents can be reported; `trusted` is the chain verdict against Node's store (plus
// NODE_EXTRA_CA_CERTS, read by Node itself) or `ca`, `nameMatches` the RFC 6125 check against the
// MX host name. TLS 1.0/1.1 and OpenSSL security level 0 are allowed on purpose, so an old server
// is seen (and reported as old) rather than failing the handshake.

export interface SmtpProbeOptions {
  port?: number;
  /** The name we announce in EHLO: a host name (or an address literal `[192.0.2.1]`). */
  heloName: string;
  /** One deadline for the session (connect to QUIT). */
  timeoutMs: number;
  /** A shorter deadline for the TCP connect alone (default: timeoutMs). */
  connectTimeoutMs?: number;
  /** Trusted CAs instead of Node's store (tests). */
  ca?: string | Buffer | (string | Buffer)[];
  now?: Date;
  /** Longest reply line we read, CRLF excluded (default 1000; RFC 5321 says 512). */
  maxLineLength?: number;
  /** Largest reply we read (default 16 KB) and most lines in one reply (default 100). */
  maxReplyBytes?: number;
  maxReplyLines?: number;
  /** How long to wait for the 221 after QUIT, within the deadline (default 2000 ms). */
  quitWaitMs?: number;
}

export interface SmtpReply {
  code: number;
  /** The text after the code on each line, printable ASCII (others replaced by "?"), capped at 512 characters. */
  lines: string[];
}

export type SmtpStage = 'connect' | 'banner' | 'ehlo' | 'starttls' | 'tls' | 'quit';

export interface SmtpSession {
  banner?: SmtpReply;
  /** The first word of the greeting when it looks like a host name (to compare with the MX name and PTR). */
  bannerHost?: string;
  ehlo?: SmtpReply;
  /** EHLO keywords, upper case (`STARTTLS`, `PIPELINING`, `SIZE`…), at most 50. */
  extensions?: string[];
  starttls?: SmtpReply;
}

export interface SmtpTlsInfo {
  /** `TLSv1.3`, `TLSv1.2`, `TLSv1.1`, `TLSv1`. */
  protocol: string | null;
  cipher: { name: string; standardName?: string; version: string };
  /** The chain verifies to a trusted CA (name not considered). */
  trusted: boolean;
  /** OpenSSL's verification code when not trusted (`CERT_HAS_EXPIRED`, `DEPTH_ZERO_SELF_SIGNED_CERT`…). */
  verifyError?: string;
  verifyFault?: VerifyFault;
  /** The leaf certificate is valid for the MX host name. */
  nameMatches: boolean;
  /** Leaf first. */
  chain: CertificateSummary[];
  /** Bytes the server sent after its 220 to STARTTLS and before the handshake (a response-injection sign); discarded. */
  injectedBytes: number;
}

export type SmtpProtocolFault = 'line-too-long' | 'reply-too-large' | 'malformed' | 'closed' | 'socket-error';

export type SmtpProbeResult = { host: string; address: string; port: number } & (
  | ({ outcome: 'ok'; tls: SmtpTlsInfo; quit: 'acknowledged' | 'no-reply' } & Required<Pick<SmtpSession, 'banner' | 'ehlo' | 'extensions' | 'starttls'>> & SmtpSession)
  | { outcome: 'connect-refused'; code: string }
  /** No answer to the TCP connect: most often port 25 blocked on this network. */
  | { outcome: 'connect-timeout'; timeoutMs: number }
  /** Another connect failure (`ENETUNREACH`, `EHOSTUNREACH`, `EADDRNOTAVAIL`…). */
  | { outcome: 'connect-failed'; code: string }
  /** Connected, but no complete greeting before the deadline (tarpit, greet-pause, silent proxy). */
  | ({ outcome: 'banner-timeout'; timeoutMs: number; partialBanner?: string[] } & SmtpSession)
  /** The greeting is not 220 (554 "no service here", 421). */
  | ({ outcome: 'banner-rejected' } & Required<Pick<SmtpSession, 'banner'>> & SmtpSession)
  | ({ outcome: 'no-starttls'; reason: 'not-advertised' | 'ehlo-rejected' | 'starttls-rejected' } & SmtpSession)
  | ({ outcome: 'tls-failed'; reason: 'handshake' | 'timeout' | 'closed'; code?: string } & SmtpSession)
  /** The deadline ran out waiting for the EHLO or STARTTLS reply. */
  | ({ outcome: 'timeout'; stage: 'ehlo' | 'starttls'; timeoutMs: number } & SmtpSession)
  | ({ outcome: 'protocol-error'; stage: SmtpStage; reason: SmtpProtocolFault; code?: string } & SmtpSession)
  | { outcome: 'invalid-argument'; field: 'host' | 'address' | 'port' | 'heloName' }
);

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;
const REPLY_LINE = /^([2-5][0-9][0-9])([ -]|$)/;
const MAX_SHOWN = 512;
const MAX_EXTENSIONS = 50;

class ProbeFailure {
  constructor(
    readonly reason: SmtpProtocolFault | 'timeout',
    readonly code?: string,
  ) {}
}

function printable(text: string): string {
  return text.slice(0, MAX_SHOWN).replace(/[^\x20-\x7e]/g, '?');
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Za-z0-9_]{1,64}$/.test(code) ? code : 'unknown';
}

/** Reads SMTP replies (multi-line `250-…` / `250 …`) from a socket, within caps. */
class ReplyReader {
  private pending = '';
  private current: { code: number; lines: string[]; bytes: number } | undefined;
  private readonly replies: { reply: SmtpReply; bytes: number }[] = [];
  private waiter: { resolve: (r: SmtpReply) => void; reject: (f: ProbeFailure) => void } | undefined;
  private failure: ProbeFailure | undefined;
  private readonly onData = (chunk: Buffer): void => this.push(chunk.toString('latin1'));
  private readonly onEnd = (): void => this.fail(new ProbeFailure('closed'));
  private readonly onError = (error: Error): void => this.fail(new ProbeFailure('socket-error', errorCode(error)));

  constructor(
    private readonly socket: net.Socket,
    private readonly limits: { line: number; bytes: number; lines: number },
  ) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onError);
  }

  /** Stops reading; returns how many bytes had arrived that no read has taken (replies or parts of one). */
  detach(): number {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.socket.off('error', this.onError);
    return this.pending.length + (this.current?.bytes ?? 0) + this.replies.reduce((n, r) => n + r.bytes, 0);
  }

  fail(failure: ProbeFailure): void {
    if (this.failure) return;
    this.failure = failure;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(failure);
  }

  /** Lines received so far of a reply that never completed (for a banner timeout). */
  partial(): string[] {
    return this.current?.lines ?? [];
  }

  next(): Promise<SmtpReply> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready.reply);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  private push(text: string): void {
    if (this.failure) return;
    this.pending += text;
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      const line = this.pending.slice(0, newline).replace(/\r$/, '');
      this.pending = this.pending.slice(newline + 1);
      if (line.length > this.limits.line) return this.fail(new ProbeFailure('line-too-long'));
      if (!this.line(line)) return;
      newline = this.pending.indexOf('\n');
    }
    if (this.pending.length > this.limits.line + 1) this.fail(new ProbeFailure('line-too-long'));
  }

  private line(line: string): boolean {
    const match = REPLY_LINE.exec(line);
    if (!match) {
      this.fail(new ProbeFailure('malformed'));
      return false;
    }
    const code = Number(match[1]);
    const current = this.current ?? { code, lines: [], bytes: 0 };
    if (current.code !== code) {
      this.fail(new ProbeFailure('malformed'));
      return false;
    }
    current.lines.push(printable(line.slice(4)));
    current.bytes += line.length + 2;
    if (current.bytes > this.limits.bytes || current.lines.length > this.limits.lines) {
      this.fail(new ProbeFailure('reply-too-large'));
      return false;
    }
    if (match[2] === '-') {
      this.current = current;
      return true;
    }
    this.current = undefined;
    const reply = { code: current.code, lines: current.lines };
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter.resolve(reply);
    else this.replies.push({ reply, bytes: current.bytes });
    return true;
  }
}

function bannerHost(banner: SmtpReply): string | undefined {
  const word = (banner.lines[0] ?? '').split(' ')[0] ?? '';
  return word.includes('.') && HOST_NAME.test(word) ? word.toLowerCase().replace(/\.$/, '') : undefined;
}

function extensionsOf(ehlo: SmtpReply): string[] {
  return ehlo.lines
    .slice(1, MAX_EXTENSIONS + 1)
    .map((l) => (l.split(' ')[0] ?? '').toUpperCase())
    .filter((k) => k !== '');
}

export async function smtpProbe(host: string, address: string, options: SmtpProbeOptions): Promise<SmtpProbeResult> {
  const port = options.port ?? 25;
  const base = { host, address, port };
  const ip = parseIp(address.replace(/^\[|\]$/g, ''));
  if (!HOST_NAME.test(host) && !parseIp(host)) return { ...base, outcome: 'invalid-argument', field: 'host' };
  if (!ip) return { ...base, outcome: 'invalid-argument', field: 'address' };
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { ...base, outcome: 'invalid-argument', field: 'port' };
  if (!HOST_NAME.test(options.heloName) && !/^\[[0-9A-Fa-f:.]{2,45}\]$/.test(options.heloName) && !/^\[IPv6:[0-9A-Fa-f:.]{2,45}\]$/.test(options.heloName)) {
    return { ...base, outcome: 'invalid-argument', field: 'heloName' };
  }
  const mxName = host.toLowerCase().replace(/\.$/, '');
  const limits = { line: options.maxLineLength ?? 1000, bytes: options.maxReplyBytes ?? 16 * 1024, lines: options.maxReplyLines ?? 100 };
  const deadline = Date.now() + options.timeoutMs;
  const now = options.now ?? new Date();

  let stage: SmtpStage = 'connect';
  let timedOut = false;
  const session: SmtpSession = {};
  const socket = new net.Socket();
  socket.on('error', () => undefined); // errors are read by the reader and the connect step
  let tlsSocket: tls.TLSSocket | undefined;
  let reader: ReplyReader | undefined;
  const destroy = (): void => {
    tlsSocket?.destroy();
    socket.destroy();
  };
  const timer = setTimeout(() => {
    timedOut = true;
    reader?.fail(new ProbeFailure('timeout'));
    destroy();
  }, options.timeoutMs);

  const done = (result: SmtpProbeResult): SmtpProbeResult => {
    clearTimeout(timer);
    destroy();
    return result;
  };

  /** QUIT without caring for the answer beyond a short wait (used on every early exit). */
  const quitQuietly = async (r: ReplyReader, s: net.Socket): Promise<'acknowledged' | 'no-reply'> => {
    if (timedOut || s.destroyed) return 'no-reply';
    stage = 'quit';
    const wait = Math.max(0, Math.min(options.quitWaitMs ?? 2000, deadline - Date.now()));
    try {
      s.write('QUIT\r\n');
      let t: NodeJS.Timeout | undefined;
      const reply = await Promise.race([r.next(), new Promise<undefined>((resolve) => (t = setTimeout(() => resolve(undefined), wait)))]);
      clearTimeout(t);
      s.end();
      return reply?.code === 221 ? 'acknowledged' : 'no-reply';
    } catch {
      return 'no-reply';
    }
  };

  const failed = (failure: unknown): SmtpProbeResult => {
    const f = failure instanceof ProbeFailure ? failure : new ProbeFailure('socket-error', errorCode(failure));
    if (f.reason === 'timeout' || timedOut) {
      if (stage === 'banner') {
        const partial = reader?.partial() ?? [];
        return done({ ...base, outcome: 'banner-timeout', timeoutMs: options.timeoutMs, ...session, ...(partial.length > 0 ? { partialBanner: partial } : {}) });
      }
      if (stage === 'ehlo' || stage === 'starttls') return done({ ...base, outcome: 'timeout', stage, timeoutMs: options.timeoutMs, ...session });
    }
    return done({ ...base, outcome: 'protocol-error', stage, reason: f.reason === 'timeout' ? 'closed' : f.reason, ...(f.code ? { code: f.code } : {}), ...session });
  };

  // 1. TCP connect.
  const connectTimeout = Math.min(options.connectTimeoutMs ?? options.timeoutMs, options.timeoutMs);
  const connected = await new Promise<{ ok: true } | { ok: false; result: SmtpProbeResult }>((resolve) => {
    const connectTimer = setTimeout(() => resolve({ ok: false, result: { ...base, outcome: 'connect-timeout', timeoutMs: connectTimeout } }), connectTimeout);
    socket.once('connect', () => {
      clearTimeout(connectTimer);
      resolve({ ok: true });
    });
    socket.once('error', (error) => {
      clearTimeout(connectTimer);
      const code = errorCode(error);
      resolve({ ok: false, result: code === 'ECONNREFUSED' ? { ...base, outcome: 'connect-refused', code } : { ...base, outcome: 'connect-failed', code } });
    });
    socket.once('close', () => {
      clearTimeout(connectTimer);
      if (timedOut) resolve({ ok: false, result: { ...base, outcome: 'connect-timeout', timeoutMs: connectTimeout } });
    });
    socket.connect({ host: ip.address, port, family: ip.version });
  });
  if (!connected.ok) return done(connected.result);

  reader = new ReplyReader(socket, limits);
  try {
    // 2. Greeting.
    stage = 'banner';
    const banner = await reader.next();
    session.banner = banner;
    const named = bannerHost(banner);
    if (named) session.bannerHost = named;
    if (banner.code !== 220) {
      await quitQuietly(reader, socket);
      return done({ ...base, outcome: 'banner-rejected', ...session, banner });
    }
    // 3. EHLO.
    stage = 'ehlo';
    socket.write(`EHLO ${options.heloName}\r\n`);
    const ehlo = await reader.next();
    session.ehlo = ehlo;
    if (ehlo.code !== 250) {
      await quitQuietly(reader, socket);
      return done({ ...base, outcome: 'no-starttls', reason: 'ehlo-rejected', ...session });
    }
    const extensions = extensionsOf(ehlo);
    session.extensions = extensions;
    if (!extensions.includes('STARTTLS')) {
      await quitQuietly(reader, socket);
      return done({ ...base, outcome: 'no-starttls', reason: 'not-advertised', ...session });
    }
    // 4. STARTTLS.
    stage = 'starttls';
    socket.write('STARTTLS\r\n');
    const starttls = await reader.next();
    session.starttls = starttls;
    if (starttls.code !== 220) {
      await quitQuietly(reader, socket);
      return done({ ...base, outcome: 'no-starttls', reason: 'starttls-rejected', ...session });
    }
    const injectedBytes = reader.detach();
    reader = undefined;
    stage = 'tls';
    if (timedOut) return done({ ...base, outcome: 'tls-failed', reason: 'timeout', ...session });

    // 5. TLS handshake, SNI = the MX host name.
    const connectOptions: tls.ConnectionOptions = { socket, rejectUnauthorized: false, minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' };
    if (!parseIp(mxName)) connectOptions.servername = mxName;
    if (options.ca !== undefined) connectOptions.ca = options.ca;
    const upgraded = tls.connect(connectOptions);
    tlsSocket = upgraded;
    const handshake = await new Promise<{ ok: true } | { ok: false; reason: 'handshake' | 'timeout' | 'closed'; code?: string }>((resolve) => {
      upgraded.once('secureConnect', () => resolve({ ok: true }));
      upgraded.once('error', (error) => resolve(timedOut ? { ok: false, reason: 'timeout' } : { ok: false, reason: 'handshake', code: errorCode(error) }));
      upgraded.once('close', () => resolve({ ok: false, reason: timedOut ? 'timeout' : 'closed' }));
    });
    if (!handshake.ok) return done({ ...base, outcome: 'tls-failed', reason: handshake.reason, ...(handshake.code ? { code: handshake.code } : {}), ...session });
    upgraded.on('error', () => undefined);

    const chain = peerChain(upgraded);
    const leaf = chain[0];
    const authError = upgraded.authorizationError ? String(upgraded.authorizationError) : undefined;
    const chainError = authError === 'ERR_TLS_CERT_ALTNAME_INVALID' ? undefined : authError;
    const cipher = upgraded.getCipher();
    const info: SmtpTlsInfo = {
      protocol: upgraded.getProtocol(),
      cipher: { name: cipher.name, ...(cipher.standardName ? { standardName: cipher.standardName } : {}), version: cipher.version },
      trusted: upgraded.authorized || (authError !== undefined && chainError === undefined),
      nameMatches: leaf ? certificateMatchesHost(mxName, leaf) : false,
      chain: chain.map((c) => summarizeCertificate(c, now)),
      injectedBytes,
    };
    if (chainError) {
      info.verifyError = chainError;
      const fault = classifyVerifyError(chainError);
      if (fault) info.verifyFault = fault;
    }
    // 6. QUIT, politely, over TLS.
    const tlsReader = new ReplyReader(upgraded, limits);
    reader = tlsReader;
    const quit = await quitQuietly(tlsReader, upgraded);
    return done({ ...base, outcome: 'ok', ...session, banner, ehlo, extensions, starttls, tls: info, quit });
  } catch (failure) {
    return failed(failure);
  }
}
