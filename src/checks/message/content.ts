import { getDomain } from 'tldts';
import type { Finding, Severity } from '../../core/finding.js';
import { blockedExtension, GMAIL_CLIP_BYTES, MESSAGE_SIZE_ERROR, MESSAGE_SIZE_WARNING } from '../../data/blocked-attachments.js';
import { imageHostOf } from '../../data/image-hosts.js';
import { isLegacyChinese } from '../../data/legacy-charsets.js';
import { shortenerOf } from '../../data/shorteners.js';
import { PHRASE_WARNING_WEIGHT, SPAM_PHRASES, type SpamPhrase } from '../../data/spam-phrases.js';
import { hostIp, urlHost, type MessageFacts } from '../../gather/message.js';
import { item, spec, type FoundItem } from '../common.js';
import { effectFinding, type MessageCheck } from './common.js';
import { REPLY_PREFIX } from './header.js';

const CHECK = 'content';

/** Text judged for phrases, per message (subject and body): enough for any letter, bounded for hostile ones. */
export const MAX_PHRASE_TEXT = 512 * 1024;
/** HTML with images and less visible text than this is image-heavy (SpamAssassin HTML_IMAGE_ONLY_* go up to 3,200 bytes; rspamd's short-HTML rules to 1.5 KB). */
export const IMAGE_HEAVY_TEXT = 400;
export const IMAGE_ONLY_TEXT = 40;
/** Hidden text past this many characters is more than a preheader (ours: ESP templates hide 50–150 characters of preview text). */
export const HIDDEN_TEXT_CHARS = 200;
/** Text and HTML parts sharing less than this share of their words say different things (ours; rspamd R_PARTS_DIFFER uses a distance of 50 %). */
export const PARTS_SIMILARITY = 0.5;

interface Link {
  url: string;
  host: string;
  kind: 'link' | 'image';
  text?: string;
}

function collectLinks(facts: MessageFacts): Link[] {
  const out: Link[] = [];
  const add = (url: string, kind: Link['kind'], text?: string) => {
    const host = urlHost(url);
    if (host) out.push(text === undefined ? { url, host, kind } : { url, host, kind, text });
  };
  for (const l of facts.anatomy.html?.links ?? []) add(l.href, 'link', l.text);
  for (const i of facts.anatomy.html?.images ?? []) add(i.src, 'image');
  for (const u of facts.anatomy.plainLinks) add(u, 'link');
  return out;
}

/** The domain a link's visible text shows (`www.example.com`, `https://example.com/x`), if it shows one. */
export function shownDomain(text: string): string | undefined {
  const t = text.trim().toLowerCase().replace(/^https?:\/\//, '');
  let end = t.length;
  for (const stop of ['/', ':', '?', '#', ' ']) {
    const i = t.indexOf(stop);
    if (i >= 0 && i < end) end = i;
  }
  const host = t.slice(0, end).replace(/\.$/, '');
  if (host.length > 253 || !/^[a-z0-9.-]+\.[a-z]{2,63}$/.test(host) || host.includes('..')) return undefined;
  if (end !== t.length && t[end] === ' ') return undefined;
  return getDomain(host, { allowPrivateDomains: false }) ?? undefined;
}

function tokens(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  let n = 0;
  for (const m of text.toLowerCase().matchAll(/[\p{Script=Han}]|[\p{L}\p{N}]{2,}/gu)) {
    counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
    if (++n >= 50_000) break;
  }
  return counts;
}

/** Shared words of two texts over the larger word count (1: the same words). */
export function similarity(a: string, b: string): { score: number; words: [number, number] } {
  const ta = tokens(a);
  const tb = tokens(b);
  let shared = 0;
  let na = 0;
  let nb = 0;
  for (const [w, c] of ta) {
    na += c;
    shared += Math.min(c, tb.get(w) ?? 0);
  }
  for (const c of tb.values()) nb += c;
  const most = Math.max(na, nb);
  return { score: most === 0 ? 1 : shared / most, words: [na, nb] };
}

function phraseMatch(phrase: SpamPhrase, subject: string, body: string): { match: string; where: 'subject' | 'body' } | undefined {
  if (phrase.where !== 'body') {
    const m = phrase.pattern.exec(subject);
    if (m) return { match: m[0], where: 'subject' };
  }
  if (phrase.where !== 'subject') {
    const m = phrase.pattern.exec(body);
    if (m) return { match: m[0], where: 'body' };
  }
  return undefined;
}

/**
 * Content as receivers' filters see it: the subject, phrases (src/data/spam-phrases.ts), links (shorteners,
 * mismatched text, raw IPs, http), images and hidden text in the HTML, the MIME layout (HTML only, no text
 * part, parts that differ), size (Gmail clips HTML over 102 KB; 25 MB in all is refused), blocked
 * attachment types (also inside zip and RAR), legacy Chinese charsets, and product photos hot-linked from
 * marketplace CDNs.
 */
export const contentCheck: MessageCheck = {
  id: CHECK,
  docs: '#mailcheck-message--will-this-mail-land-in-the-inbox',
  requires: ['anatomy', 'sending', 'archives', 'recipient'],
  findings: [
    spec('content.subject-caps', 'warning'), spec('content.subject-exclaim', 'warning'), spec('content.spam-phrase', ['warning', 'info']),
    spec('content.shortener', 'warning'), spec('content.link-mismatch', 'warning'), spec('content.link-ip', 'warning'), spec('content.link-insecure', 'info'),
    spec('content.image-heavy', 'warning'), spec('content.html-only', 'info'), spec('content.missing-text-part', 'warning'), spec('content.parts-differ', 'warning'),
    spec('content.hidden-text', 'warning'), spec('content.clipped', 'warning'), spec('content.attachment-large', ['error', 'warning']),
    spec('content.attachment-blocked', 'error'), spec('content.charset-legacy', 'warning'), spec('content.hotlinked-images', 'warning'),
  ],
  run(facts) {
    const { anatomy } = facts;
    const findings: Finding[] = [];
    const found: FoundItem[] = [];
    const add = (id: string, severity: Severity, data: Record<string, unknown>) => findings.push(effectFinding(facts, CHECK, id, severity, data));
    const html = anatomy.html;
    const plain = anatomy.bodies.filter((b) => b.kind === 'plain');
    const plainText = plain.map((b) => b.text).join('\n');
    const bodyText = (plainText.trim() !== '' ? plainText : (html?.text ?? '')).slice(0, MAX_PHRASE_TEXT);

    // Subject.
    let subject = anatomy.subject.trim();
    for (let i = 0; i < 5 && REPLY_PREFIX.test(subject); i++) subject = subject.replace(REPLY_PREFIX, '').trim();
    const letters = subject.match(/[A-Za-z]/g) ?? [];
    const upper = letters.filter((c) => c >= 'A' && c <= 'Z').length;
    if (letters.length >= 10 && subject.includes(' ') && upper / letters.length >= 0.9) add('content.subject-caps', 'warning', { subject: anatomy.subject.slice(0, 120), ratio: Math.round((upper / letters.length) * 100) });
    const marks = (anatomy.subject.match(/[!！]/g) ?? []).length;
    if (/[!！]{2}|[!！][?？]|[?？][!！]/.test(anatomy.subject) || marks >= 3) add('content.subject-exclaim', 'warning', { subject: anatomy.subject.slice(0, 120), marks });

    // Phrases.
    let phraseWeight = 0;
    const phraseSubject = anatomy.subject.slice(0, 2000);
    for (const phrase of SPAM_PHRASES) {
      const hit = phraseMatch(phrase, phraseSubject, bodyText);
      if (!hit) continue;
      phraseWeight += phrase.weight;
      add('content.spam-phrase', phrase.weight >= PHRASE_WARNING_WEIGHT ? 'warning' : 'info', { phrase: phrase.id, lang: phrase.lang, weight: phrase.weight, match: hit.match.slice(0, 100), where: hit.where });
    }

    // Links.
    const links = collectLinks(facts);
    const shorteners = new Map<string, { host: string; url: string; count: number }>();
    const ips = new Map<string, string>();
    const insecure: string[] = [];
    let mismatches = 0;
    for (const l of links) {
      const short = shortenerOf(l.host);
      if (short) {
        const entry = shorteners.get(l.host) ?? { host: l.host, url: l.url.slice(0, 200), count: 0 };
        entry.count++;
        shorteners.set(l.host, entry);
      }
      if (hostIp(l.host)) ips.set(l.host, l.url.slice(0, 200));
      if (/^http:\/\//i.test(l.url.trim())) insecure.push(l.url.slice(0, 200));
      if (l.kind === 'link' && l.text !== undefined && mismatches < 5) {
        const shown = shownDomain(l.text);
        const target = hostIp(l.host) ? l.host : (getDomain(l.host, { allowPrivateDomains: false }) ?? l.host);
        if (shown && shown !== target) {
          mismatches++;
          add('content.link-mismatch', 'warning', { text: l.text.slice(0, 120), shown, href: l.url.slice(0, 200), target });
        }
      }
    }
    for (const s of shorteners.values()) add('content.shortener', 'warning', { host: s.host, url: s.url, count: s.count });
    for (const [host, url] of ips) add('content.link-ip', 'warning', { host, url });
    if (insecure.length > 0) add('content.link-insecure', 'info', { count: insecure.length, examples: [...new Set(insecure)].slice(0, 3) });
    found.push(item('message.links', { links: links.filter((l) => l.kind === 'link').length, images: links.filter((l) => l.kind === 'image').length, domains: new Set(links.map((l) => getDomain(l.host) ?? l.host)).size }));

    // Images and hidden text.
    const shownImages = (html?.images ?? []).filter((i) => !i.hidden && !((i.width ?? 99) <= 2 && (i.height ?? 99) <= 2));
    const attachedImages = anatomy.attachments.filter((a) => a.mediaType.startsWith('image/'));
    if (html && shownImages.length > 0 && html.textChars < IMAGE_HEAVY_TEXT) {
      add('content.image-heavy', 'warning', { kind: html.textChars < IMAGE_ONLY_TEXT ? 'image-only' : 'little-text', images: shownImages.length, textChars: html.textChars });
    } else if (!html && attachedImages.length > 0 && plainText.replace(/\s+/g, '').length < IMAGE_ONLY_TEXT) {
      add('content.image-heavy', 'warning', { kind: 'attached-images', images: attachedImages.length, textChars: plainText.replace(/\s+/g, '').length });
    }
    if (html && (html.hiddenChars >= HIDDEN_TEXT_CHARS || (html.hiddenChars >= 20 && html.hiddenKinds.some((k) => k === 'low-contrast' || k === 'tiny-font')))) {
      add('content.hidden-text', 'warning', { chars: html.hiddenChars, kinds: html.hiddenKinds, sample: html.hiddenSample.slice(0, 120) });
    }

    // MIME layout.
    const alternatives = anatomy.tree.parts.filter((p) => p.contentType.mediaType === 'multipart/alternative');
    const noText = alternatives.find((p) => !p.children.some((c) => c.contentType.mediaType === 'text/plain'));
    if (noText) add('content.missing-text-part', 'warning', { part: noText.path, types: noText.children.map((c) => c.contentType.mediaType) });
    else if (html && plain.length === 0) add('content.html-only', 'info', {});
    if (html && plainText.trim() !== '' && html.text !== '') {
      const sim = similarity(plainText.slice(0, MAX_PHRASE_TEXT), html.text.slice(0, MAX_PHRASE_TEXT));
      if (sim.words[0] >= 20 && sim.words[1] >= 20 && sim.score < PARTS_SIMILARITY) add('content.parts-differ', 'warning', { similarity: Math.round(sim.score * 100), textWords: sim.words[0], htmlWords: sim.words[1] });
    }
    if (anatomy.htmlBytes > GMAIL_CLIP_BYTES) add('content.clipped', 'warning', { bytes: anatomy.htmlBytes, limit: GMAIL_CLIP_BYTES });

    // Size and attachments.
    const files = anatomy.attachments.filter((a) => !a.inline || a.filename !== null);
    const largest = files.reduce<{ name: string | null; size: number } | null>((m, a) => (!m || a.size > m.size ? { name: a.filename, size: a.size } : m), null);
    if (anatomy.bytes > MESSAGE_SIZE_ERROR) add('content.attachment-large', 'error', { bytes: anatomy.bytes, limit: MESSAGE_SIZE_ERROR, largest: largest?.name ?? null, largestBytes: largest?.size ?? 0 });
    else if (anatomy.bytes > MESSAGE_SIZE_WARNING) add('content.attachment-large', 'warning', { bytes: anatomy.bytes, limit: MESSAGE_SIZE_WARNING, largest: largest?.name ?? null, largestBytes: largest?.size ?? 0 });
    for (const a of anatomy.attachments) {
      const ext = a.filename ? blockedExtension(a.filename) : undefined;
      if (ext) add('content.attachment-blocked', 'error', { file: a.filename, extension: ext, inside: null });
    }
    for (const archive of facts.archives ?? []) {
      for (const name of archive.listing.names) {
        const ext = blockedExtension(name);
        if (ext) {
          add('content.attachment-blocked', 'error', { file: name, extension: ext, inside: archive.filename ?? archive.path });
          break;
        }
      }
    }
    if (anatomy.attachments.length > 0) found.push(item('message.attachments', { count: files.length, names: files.map((a) => a.filename ?? a.mediaType).slice(0, 10), bytes: files.reduce((s, a) => s + a.size, 0) }));

    // Legacy Chinese charsets in mail abroad.
    if (facts.recipient?.provider !== 'china') {
      const header = anatomy.headerCharsets.filter(isLegacyChinese);
      const body = anatomy.bodyCharsets.filter(isLegacyChinese);
      if (header.length + body.length > 0) add('content.charset-legacy', 'warning', { charsets: [...new Set([...header, ...body])], where: [...(header.length ? ['header'] : []), ...(body.length ? ['body'] : [])] });
    }

    // Marketplace photos hot-linked.
    const relays = facts.sending.hops.flatMap((h) => [h.by ?? '', h.rdns ?? '', h.helo ?? '']);
    const hotlinked = new Map<string, { host: string; market: string; count: number }>();
    for (const i of html?.images ?? []) {
      const host = urlHost(i.src);
      const market = host ? imageHostOf(host) : undefined;
      if (!market || !host) continue;
      if (relays.some((r) => market.relays.some((d) => r === d || r.endsWith(`.${d}`)))) continue;
      const entry = hotlinked.get(market.id) ?? { host, market: market.name, count: 0 };
      entry.count++;
      hotlinked.set(market.id, entry);
    }
    for (const h of hotlinked.values()) add('content.hotlinked-images', 'warning', h);

    return {
      status: 'complete',
      findings,
      found,
      data: {
        bodies: anatomy.bodies.map((b) => ({ part: b.path, kind: b.kind, charset: b.charset, bytes: b.bytes })),
        attachments: anatomy.attachments.map((a) => ({ part: a.path, filename: a.filename, type: a.mediaType, size: a.size, inline: a.inline })),
        links: links.length,
        phraseWeight: Math.round(phraseWeight * 10) / 10,
        htmlBytes: anatomy.htmlBytes,
        textChars: html?.textChars ?? plainText.replace(/\s+/g, '').length,
      },
    };
  },
};
