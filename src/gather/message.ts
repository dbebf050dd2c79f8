// The facts `mailcheck message` judges one message by: the message taken apart (mail/anatomy.ts), the path
// it says it took (Received lines, the sending IP, TLS, Authentication-Results, ARC), and what DNS says
// through the project's resolver: DKIM keys (mail/dkim), SPF for the sending IP (spf/check-host.ts), the
// From domain's DMARC record (gather/dmarc.ts), the IP's reverse DNS, link domains on blacklists, and the
// recipients' provider for --to. A lookup that fails is a value ("could not check"), never "missing".
// Only the facts the selected checks require are gathered.
import { getDomain } from 'tldts';
import { isFailure, type Resolver } from '../dns/types.js';
import type { DnsblList } from '../dnsbl/catalogue.js';
import { readAnatomy, rawValue, type MessageAnatomy } from '../mail/anatomy.js';
import { archiveNames, type ArchiveNames } from '../mail/archive-names.js';
import { archiveExtension } from '../data/blocked-attachments.js';
import { BULK_SIGNALS, WEBMAILS } from '../data/bulk-senders.js';
import { PROVIDER_RULES, RECIPIENT_DOMAINS, type RecipientProvider } from '../data/message-effects.js';
import { PROVIDERS } from '../data/providers.js';
import { verifyDkim, type DkimVerification } from '../mail/dkim/index.js';
import { partBytes } from '../mail/anatomy.js';
import { parseAuthenticationResults, parseReceived, summarizeArc, type ArcSummary, type AuthenticationResults, type ReceivedHop } from '../mail/received.js';
import { parseIp } from '../net/ip.js';
import { isSpfRecord } from '../parse/spf.js';
import { checkHost, type CheckHostResult } from '../spf/check-host.js';
import type { GatherContext } from './context.js';
import { once } from './context.js';
import { gatherDmarc, type DmarcFact } from './dmarc.js';
import { lookupFact, type LookupFact } from './lookup.js';
import { createRblGatherer, type RblFact } from './rbl.js';
import { gatherRdns, type RdnsFact } from './rdns.js';

/** Most link domains looked up on blacklists per message (the rest are counted, not checked). */
export const MAX_LINK_DOMAINS = 50;
/** Largest attached archive whose directory is read. */
export const MAX_ARCHIVE_BYTES = 50 * 1024 * 1024;

export interface MessageTarget {
  /** Where the message came from (a file, `-`), and its place in an mbox (1 for a single message). */
  file: string;
  index: number;
  raw: Buffer;
}

export interface MessageOptions {
  /** --ip: the sending IP, when the copy has no trustworthy Received line. */
  ip?: string;
  /** --bulk: judge against the bulk-sender rules even when the message does not look bulk. */
  bulk: boolean;
  /** --to: the recipients' domain, whose provider's rules predict the effects. */
  to?: string;
  /** Domain lists for link domains (--list, --only-lists, --skip-lists); default: the catalogue's. */
  lists?: readonly DnsblList[];
}

export interface SendingFacts {
  hops: ReceivedHop[];
  /** The topmost hop from a public address: the sending server as the receiver saw it. */
  trusted: ReceivedHop | null;
  /** The IP SPF and reverse DNS are judged for, and where it came from. */
  ip: string | null;
  ipSource: 'option' | 'received' | null;
  /**
   * The only public hop is a logged-in submission (the user's own client to their provider): its IP is
   * the user's, not a mail server's, so SPF cannot be judged from this copy.
   */
  submissionOnly: boolean;
  helo: string | null;
  /** TLS on the trusted hop (undefined: the Received line does not say). */
  tls: boolean | undefined;
  /** When the top hop received it, and when the first hop did (epoch ms). */
  arrivedAt: number | null;
  sentAt: number | null;
  authResults: AuthenticationResults[];
  arc: ArcSummary | null;
  /** The envelope sender SPF is checked for: Return-Path, else the From address. */
  mailFrom: { address: string; domain: string; source: 'return-path' | 'from' } | null;
}

export interface BulkFacts {
  /** The bulk rules apply: the message looks bulk, or --bulk. */
  applies: boolean;
  forced: boolean;
  /** Headers that make it look bulk. */
  signals: string[];
  esp: string | null;
  /** The webmail it was sent from, when one (its users cannot add List-Unsubscribe). */
  webmail: { id: string; name: string } | null;
}

export interface SpfFacts {
  /** check_host() for the sending IP and the envelope domain; null without an IP. */
  evaluation: { ip: string; domain: string; sender: string; helo: string | null; result: CheckHostResult } | null;
  /** Without an IP: whether the envelope domain publishes SPF at all. */
  record: { domain: string; lookup: LookupFact; present: boolean } | null;
}

export interface RecipientFacts {
  provider: RecipientProvider;
  /** The --to domain, or null (Gmail's rules are then assumed). */
  domain: string | null;
  source: 'default' | 'domain' | 'mx' | 'unknown';
  /** The provider id found from the MX (src/data/providers.ts). */
  mxProvider?: string;
  lookup?: LookupFact;
}

export interface ArchiveFact {
  path: string;
  filename: string | null;
  listing: ArchiveNames;
}

export interface MessageFacts {
  file: string;
  index: number;
  /** Epoch ms of the run (the clock of the gather context). */
  now: number;
  anatomy: MessageAnatomy;
  sending: SendingFacts;
  /** The From domain (of the first From address), lower case ASCII, or null. */
  fromDomain: string | null;
  bulk: BulkFacts;
  dkim: DkimVerification | null;
  spf: SpfFacts;
  dmarc: DmarcFact | null;
  rdns: RdnsFact | null;
  rbl: RblFact & { linkDomains: string[]; omittedDomains: number };
  archives: ArchiveFact[];
  recipient: RecipientFacts;
}

// Internal hops of the receiving system. Documentation ranges (ipaddr.js `reserved`) count as public: the tests use them.
const PRIVATE = new Set(['private', 'loopback', 'linkLocal', 'uniqueLocal', 'unspecified', 'carrierGradeNat', 'broadcast']);

function isPublic(ip: string): boolean {
  const parsed = parseIp(ip);
  return parsed !== undefined && !PRIVATE.has(parsed.range);
}

/**
 * A host that is an IP address, parsed; undefined for names. Names are ruled out first by their characters:
 * net/ip.ts parses through ipaddr.js, whose failure path throws (about 50 µs a name).
 */
export function hostIp(host: string): ReturnType<typeof parseIp> {
  return /^[\d.]+$/.test(host) || host.includes(':') ? parseIp(host) : undefined;
}

/** The domain of an address, lower case; undefined when there is none. */
function domainOf(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at < 0) return undefined;
  const domain = address.slice(at + 1).replace(/[>\s]+$/, '').toLowerCase();
  return domain || undefined;
}

export function readSending(anatomy: MessageAnatomy, raw: Buffer, options: Pick<MessageOptions, 'ip'>): SendingFacts {
  const hops = anatomy.headers.getAll('received').map((value, i) => parseReceived(value, i));
  let trusted: ReceivedHop | null = null;
  for (const hop of hops) {
    if (hop.ip && isPublic(hop.ip)) {
      trusted = hop;
      break;
    }
  }
  const submissionOnly = trusted !== null && trusted.submission;
  const optionIp = options.ip ? parseIp(options.ip)?.address ?? null : null;
  const ip = optionIp ?? (trusted && !submissionOnly ? (trusted.ip as string) : null);
  const returnPath = anatomy.headers.get('return-path');
  const rpAddress = returnPath ? returnPath.replace(/^<|>$/g, '').trim() : '';
  const fromAddress = anatomy.from?.mailboxes[0]?.address?.ascii;
  let mailFrom: SendingFacts['mailFrom'] = null;
  const rpDomain = rpAddress ? domainOf(rpAddress) : undefined;
  if (rpDomain) mailFrom = { address: rpAddress, domain: rpDomain, source: 'return-path' };
  else if (fromAddress) mailFrom = { address: fromAddress, domain: domainOf(fromAddress) as string, source: 'from' };
  const dates = hops.map((h) => h.date).filter((d): d is number => d !== undefined);
  const authField = anatomy.header.fields.filter((f) => f.key === 'authentication-results');
  return {
    hops,
    trusted,
    ip,
    ipSource: optionIp ? 'option' : ip ? 'received' : null,
    submissionOnly: submissionOnly && !optionIp,
    helo: trusted?.helo ?? null,
    tls: optionIp && !trusted ? undefined : trusted?.tls,
    arrivedAt: hops[0]?.date ?? null,
    sentAt: dates.length > 0 ? (dates[dates.length - 1] as number) : null,
    authResults: authField.map((f) => parseAuthenticationResults(rawValue(f, raw))),
    arc: summarizeArc(anatomy.headers.getAll('arc-seal')),
    mailFrom,
  };
}

export function readBulk(anatomy: MessageAnatomy, sending: SendingFacts, forced: boolean): BulkFacts {
  const signals: string[] = [];
  let esp: string | null = null;
  for (const signal of BULK_SIGNALS) {
    const value = anatomy.headers.get(signal.header);
    if (value === undefined || (signal.value && !signal.value.test(value))) continue;
    signals.push(signal.header);
    esp ??= signal.esp ?? null;
  }
  const mailer = anatomy.headers.get('x-mailer') ?? '';
  const byHosts = sending.hops.map((h) => h.by ?? '');
  const webmail = WEBMAILS.find(
    (w) => w.headers.some((h) => anatomy.headers.count(h) > 0) || (w.mailer !== undefined && w.mailer.test(mailer)) || byHosts.some((by) => w.received.some((r) => by === r || by.endsWith(`.${r}`))),
  );
  return { applies: forced || signals.length > 0, forced, signals, esp, webmail: webmail ? { id: webmail.id, name: webmail.name } : null };
}

/** The registrable domains of the message's links and images (http, https, bare www.), once each. */
export function linkDomains(anatomy: MessageAnatomy): string[] {
  const urls = [...(anatomy.html?.links.map((l) => l.href) ?? []), ...(anatomy.html?.images.map((i) => i.src) ?? []), ...anatomy.plainLinks];
  const domains = new Set<string>();
  for (const url of urls) {
    const host = urlHost(url);
    if (!host || hostIp(host)) continue;
    const domain = getDomain(host, { allowPrivateDomains: false });
    if (domain) domains.add(domain);
  }
  return [...domains];
}

/** The host of an http(s) or www. URL, lower case; undefined for other schemes (mailto:, cid:, tel:). */
export function urlHost(url: string): string | undefined {
  const text = url.trim();
  const withScheme = /^www\./i.test(text) ? `http://${text}` : text;
  if (!/^https?:\/\//i.test(withScheme)) return undefined;
  try {
    const host = new URL(withScheme).hostname.toLowerCase();
    return host.replace(/^\[|\]$/g, '') || undefined;
  } catch {
    return undefined;
  }
}

async function recipientOf(domain: string | undefined, resolver: Resolver): Promise<RecipientFacts> {
  if (!domain) return { provider: 'gmail', domain: null, source: 'default' };
  const d = domain.toLowerCase().replace(/\.$/, '');
  const known = RECIPIENT_DOMAINS[d];
  if (known) return { provider: known, domain: d, source: 'domain' };
  const result = await resolver.query(d, 'MX');
  const lookup = lookupFact(result);
  if (isFailure(result)) return { provider: 'other', domain: d, source: 'unknown', lookup };
  const hosts = result.answers.map((r) => r.data.exchange.toLowerCase().replace(/\.$/, ''));
  const provider = PROVIDERS.find((p) => p.mx?.some((suffix) => hosts.some((h) => h === suffix || h.endsWith(`.${suffix}`))));
  if (provider) return { provider: PROVIDER_RULES[provider.id] ?? 'other', domain: d, source: 'mx', mxProvider: provider.id, lookup };
  const cn = /\.(?:cn|com\.cn|hk|tw)$/.test(d);
  return { provider: cn ? 'china' : 'other', domain: d, source: cn ? 'domain' : 'unknown', lookup };
}

export const ALL_MESSAGE_FACTS: ReadonlySet<keyof MessageFacts> = new Set(['anatomy', 'sending', 'fromDomain', 'bulk', 'dkim', 'spf', 'dmarc', 'rdns', 'rbl', 'archives', 'recipient']);

/**
 * Takes the message apart, then gathers what the checks need at once: DKIM keys, SPF, DMARC, reverse
 * DNS, blacklists, archive listings and the --to provider do not wait for each other.
 */
export async function gatherMessage(target: MessageTarget, options: MessageOptions, ctx: GatherContext, needs: ReadonlySet<keyof MessageFacts> = ALL_MESSAGE_FACTS): Promise<MessageFacts> {
  const { raw } = target;
  const { resolver } = ctx;
  const anatomy = readAnatomy(raw);
  const sending = readSending(anatomy, raw, options);
  const fromAddress = anatomy.from?.mailboxes[0]?.address;
  const fromDomain = fromAddress && !fromAddress.ipLiteral ? fromAddress.domain : null;
  const bulk = readBulk(anatomy, sending, options.bulk);
  const dmarc = once(() => (fromDomain ? gatherDmarc(fromDomain, resolver) : Promise.resolve(null)));

  const gatherers: { [K in keyof MessageFacts]?: () => Promise<MessageFacts[K]> } = {
    dkim: async () => {
      if (anatomy.headers.count('dkim-signature') === 0) return null;
      // A saved copy is judged at the time it arrived: an x= that expired since is not the sender's fault.
      const now = new Date(sending.arrivedAt ?? ctx.clock());
      return verifyDkim(raw, resolver, { now, deadlineMs: Math.max(ctx.timeoutMs * 3, 1000) });
    },
    spf: async () => {
      const mailFrom = sending.mailFrom;
      if (!mailFrom) return { evaluation: null, record: null };
      if (sending.ip) {
        const result = await checkHost({ ip: sending.ip, domain: mailFrom.domain, sender: mailFrom.address, ...(sending.helo ? { helo: sending.helo } : {}) }, resolver);
        return { evaluation: { ip: sending.ip, domain: mailFrom.domain, sender: mailFrom.address, helo: sending.helo, result }, record: null };
      }
      const txt = await resolver.query(mailFrom.domain, 'TXT');
      return { evaluation: null, record: { domain: mailFrom.domain, lookup: lookupFact(txt), present: txt.answers.some((r) => isSpfRecord(r.data)) } };
    },
    dmarc,
    rdns: async () => (sending.ip ? gatherRdns(sending.ip, resolver) : null),
    rbl: async () => {
      const all = linkDomains(anatomy);
      if (fromDomain) {
        const org = getDomain(fromDomain, { allowPrivateDomains: false }) ?? fromDomain;
        if (!all.includes(org)) all.unshift(org);
      }
      const checked = all.slice(0, MAX_LINK_DOMAINS);
      const rbl = createRblGatherer(resolver, { timeoutMs: ctx.timeoutMs, ...(options.lists ? { lists: options.lists.filter((l) => l.kinds.includes('domain')) } : {}) });
      rbl.add(checked.map((domain) => ({ target: domain, source: { role: 'domain' as const, via: domain === fromDomain || domain === getDomain(fromDomain ?? '') ? 'from' : 'link' } })));
      const fact = await rbl.done();
      return { ...fact, linkDomains: checked, omittedDomains: all.length - checked.length };
    },
    archives: async () => {
      const out: ArchiveFact[] = [];
      for (const a of anatomy.attachments) {
        const byName = a.filename ? archiveExtension(a.filename) : undefined;
        const byType = /zip|rar|compressed/.test(a.mediaType);
        if (!byName && !byType) continue;
        if (a.size > MAX_ARCHIVE_BYTES) continue;
        const part = anatomy.tree.parts.find((p) => p.path === a.path);
        if (!part) continue;
        const listing = await archiveNames(partBytes(raw, part));
        if (listing) out.push({ path: a.path, filename: a.filename, listing });
      }
      return out;
    },
    recipient: () => recipientOf(options.to, resolver),
  };
  const facts: Partial<MessageFacts> = { file: target.file, index: target.index, now: ctx.clock(), anatomy, sending, fromDomain, bulk };
  const keys = [...needs].filter((k) => gatherers[k] !== undefined);
  const values = await Promise.all(keys.map((k) => (gatherers[k] as () => Promise<unknown>)()));
  keys.forEach((k, i) => ((facts as Record<string, unknown>)[k] = values[i]));
  // Facts no selected check needs stay absent; the runner runs only the checks that need what is here.
  return facts as MessageFacts;
}
