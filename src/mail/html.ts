// An HTML body as receivers' content filters look at it: the visible text, the text hidden by style
// (display:none, visibility:hidden, zero opacity, tiny fonts, text coloured like its background), links
// with the text they show, and images. A small tokenizer, one pass over the markup (a lower-case copy is
// searched for the ends of comments, scripts and styles), never a DOM: hostile markup costs linear time.

/** Markup scanned; the rest of a larger HTML part is not looked at (`truncated`). */
export const MAX_HTML_SCAN = 8 * 1024 * 1024;
/** Most links and images kept. */
export const MAX_LINKS = 1000;
const MAX_STACK = 512;
const MAX_TEXT = 512 * 1024;

export interface HtmlLink {
  href: string;
  /** The text inside the `<a>`, white space collapsed (first 300 characters). */
  text: string;
  hidden: boolean;
}

export interface HtmlImage {
  src: string;
  width?: number;
  height?: number;
  alt: string;
  hidden: boolean;
}

export type HiddenKind = 'display-none' | 'visibility-hidden' | 'opacity' | 'tiny-font' | 'low-contrast' | 'zero-size' | 'hidden-attribute';

export interface HtmlFacts {
  /** Visible text, white space collapsed (capped at 512 KB). */
  text: string;
  /** Non-space characters of visible text. */
  textChars: number;
  /** Non-space characters of hidden text, how they were hidden, and the first 200 characters. */
  hiddenChars: number;
  hiddenKinds: HiddenKind[];
  hiddenSample: string;
  links: HtmlLink[];
  images: HtmlImage[];
  /** Markup bytes (UTF-16 code units) scanned. */
  scanned: number;
  truncated: boolean;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'noscript']);
const BLOCK = new Set(['p', 'div', 'br', 'tr', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'td', 'th', 'blockquote', 'section', 'article', 'header', 'footer', 'ul', 'ol', 'center', 'hr']);

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', copy: '©', reg: '®', trade: '™', mdash: '—', ndash: '–', hellip: '…',
  laquo: '«', raquo: '»', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', middot: '·', bull: '•', euro: '€', yen: '¥', pound: '£', zwnj: '', zwj: '', shy: '',
};

/** `&amp;`, `&#39;`, `&#x4f60;` and a few named entities decoded. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

interface Rgb {
  r: number;
  g: number;
  b: number;
}

const COLOR_NAMES: Record<string, Rgb> = {
  white: { r: 255, g: 255, b: 255 }, black: { r: 0, g: 0, b: 0 }, red: { r: 255, g: 0, b: 0 }, blue: { r: 0, g: 0, b: 255 },
  green: { r: 0, g: 128, b: 0 }, yellow: { r: 255, g: 255, b: 0 }, gray: { r: 128, g: 128, b: 128 }, grey: { r: 128, g: 128, b: 128 },
  silver: { r: 192, g: 192, b: 192 }, whitesmoke: { r: 245, g: 245, b: 245 }, snow: { r: 255, g: 250, b: 250 }, ivory: { r: 255, g: 255, b: 240 },
};

export function parseColor(value: string): Rgb | undefined {
  const v = value.trim().toLowerCase();
  if (v.startsWith('#')) {
    const hex = v.slice(1);
    if (/^[0-9a-f]{3}$/.test(hex)) return { r: parseInt(hex[0]! + hex[0]!, 16), g: parseInt(hex[1]! + hex[1]!, 16), b: parseInt(hex[2]! + hex[2]!, 16) };
    if (/^[0-9a-f]{6}$/.test(hex)) return { r: parseInt(hex.slice(0, 2), 16), g: parseInt(hex.slice(2, 4), 16), b: parseInt(hex.slice(4, 6), 16) };
    return undefined;
  }
  const rgb = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})/.exec(v);
  if (rgb) return { r: Number(rgb[1]), g: Number(rgb[2]), b: Number(rgb[3]) };
  return COLOR_NAMES[v];
}

function luminance({ r, g, b }: Rgb): number {
  const c = (x: number) => {
    const s = x / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
}

/** WCAG contrast ratio, 1 (the same colour) to 21 (black on white). */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Text under this contrast with its background is invisible to a reader (ours; SpamAssassin's HTML_FONT_LOW_CONTRAST is the model). */
export const LOW_CONTRAST = 1.5;

function parseStyle(style: string): Map<string, string> {
  const decls = new Map<string, string>();
  for (const decl of style.split(';')) {
    const colon = decl.indexOf(':');
    if (colon <= 0) continue;
    decls.set(decl.slice(0, colon).trim().toLowerCase(), decl.slice(colon + 1).replace(/!important/i, '').trim().toLowerCase());
  }
  return decls;
}

function tinyFont(value: string): boolean {
  const m = /^(\d{1,4}(?:\.\d{1,4})?)(px|pt|em|rem|%)?$/.exec(value.trim());
  if (!m) return false;
  const n = Number(m[1]);
  switch (m[2]) {
    case 'pt': return n <= 1.5;
    case 'em':
    case 'rem': return n <= 0.15;
    case '%': return n <= 15;
    default: return n <= 2;
  }
}

function zeroLength(value: string | undefined): boolean {
  return value !== undefined && /^0(?:\.0+)?(?:px|pt|em|rem|%)?$/.test(value.trim());
}

interface Frame {
  name: string;
  hidden: HiddenKind | null;
  color: Rgb;
  /** null when unknown (a background image): contrast is then not judged. */
  background: Rgb | null;
  /** The text colour was set inline here or above (else a <style> sheet we do not read may set it). */
  colorSet: boolean;
}

/** The attributes of one start tag, from just after its name to its `>`; returns them and the index past `>`. */
function readAttributes(html: string, from: number): { attrs: Map<string, string>; end: number; selfClosing: boolean } {
  const attrs = new Map<string, string>();
  const n = html.length;
  let i = from;
  let selfClosing = false;
  while (i < n) {
    const ch = html[i] as string;
    if (ch === '>') return { attrs, end: i + 1, selfClosing };
    if (ch === '/') {
      selfClosing = html[i + 1] === '>';
      i++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f') {
      i++;
      continue;
    }
    let name = '';
    while (i < n && !' \t\n\r\f/>='.includes(html[i] as string)) name += html[i++];
    while (i < n && ' \t\n\r\f'.includes(html[i] as string)) i++;
    let value = '';
    if (html[i] === '=') {
      i++;
      while (i < n && ' \t\n\r\f'.includes(html[i] as string)) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        const stop = close < 0 ? n : close;
        value = html.slice(i + 1, stop);
        i = stop + 1;
      } else {
        const start = i;
        while (i < n && !' \t\n\r\f>'.includes(html[i] as string)) i++;
        value = html.slice(start, i);
      }
    }
    if (name) {
      const key = name.toLowerCase();
      if (!attrs.has(key)) attrs.set(key, decodeEntities(value));
    } else i++;
  }
  return { attrs, end: n, selfClosing };
}

function dimension(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d{1,6})/.exec(value);
  return m ? Number(m[1]) : undefined;
}

/** Scans an HTML body. */
export function scanHtml(input: string): HtmlFacts {
  const truncated = input.length > MAX_HTML_SCAN;
  const html = truncated ? input.slice(0, MAX_HTML_SCAN) : input;
  const lower = html.toLowerCase();
  const n = html.length;
  const white: Rgb = { r: 255, g: 255, b: 255 };
  const stack: Frame[] = [{ name: '#root', hidden: null, color: { r: 0, g: 0, b: 0 }, background: white, colorSet: false }];
  const facts: HtmlFacts = { text: '', textChars: 0, hiddenChars: 0, hiddenKinds: [], hiddenSample: '', links: [], images: [], scanned: n, truncated };
  const visible: string[] = [];
  let visibleLength = 0;
  const kinds = new Set<HiddenKind>();
  let anchor: { href: string; text: string; hidden: boolean } | null = null;

  const top = () => stack[stack.length - 1] as Frame;
  const emit = (raw: string) => {
    const text = decodeEntities(raw);
    const chars = text.replace(/\s+/g, '').length;
    if (chars === 0) {
      if (visibleLength < MAX_TEXT && /\s/.test(text)) {
        visible.push(' ');
        visibleLength++;
      }
      return;
    }
    const frame = top();
    if (anchor && anchor.text.length < 300) anchor.text += text;
    if (frame.hidden) {
      facts.hiddenChars += chars;
      kinds.add(frame.hidden);
      if (facts.hiddenSample.length < 200) facts.hiddenSample = `${facts.hiddenSample} ${text.replace(/\s+/g, ' ').trim()}`.trim().slice(0, 200);
      return;
    }
    facts.textChars += chars;
    if (visibleLength < MAX_TEXT) {
      visible.push(text);
      visibleLength += text.length;
    }
  };

  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) emit(html.slice(i, textEnd));
    if (lt < 0) break;
    if (lower.startsWith('<!--', lt)) {
      const end = lower.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const next = html[lt + 1];
    if (next === '!' || next === '?') {
      const end = html.indexOf('>', lt);
      i = end < 0 ? n : end + 1;
      continue;
    }
    const closing = next === '/';
    let j = closing ? lt + 2 : lt + 1;
    const nameStart = j;
    while (j < n && /[a-zA-Z0-9:-]/.test(html[j] as string)) j++;
    const name = lower.slice(nameStart, j);
    if (name === '' || !/^[a-z]/.test(name)) {
      emit('<');
      i = lt + 1;
      continue;
    }
    if (closing) {
      const end = html.indexOf('>', j);
      i = end < 0 ? n : end + 1;
      if (name === 'a' && anchor) {
        if (facts.links.length < MAX_LINKS) facts.links.push({ href: anchor.href, text: anchor.text.replace(/\s+/g, ' ').trim().slice(0, 300), hidden: anchor.hidden });
        anchor = null;
      }
      // Pop to the matching element, if it is open (browsers ignore stray end tags).
      for (let k = stack.length - 1; k > 0; k--) {
        if ((stack[k] as Frame).name === name) {
          stack.length = k;
          break;
        }
      }
      if (BLOCK.has(name)) emit(' ');
      continue;
    }
    const { attrs, end, selfClosing } = readAttributes(html, j);
    i = end;
    if (BLOCK.has(name)) emit(' ');
    if (RAW_TEXT.has(name)) {
      // Scripts, styles and the title are neither text nor hidden text.
      const close = lower.indexOf(`</${name}`, i);
      const after = close < 0 ? n : html.indexOf('>', close);
      i = after < 0 ? n : after + 1;
      continue;
    }

    const parent = top();
    const style = parseStyle(attrs.get('style') ?? '');
    let hidden: HiddenKind | null = parent.hidden;
    const ownColor = parseColor(style.get('color') ?? attrs.get('color') ?? (name === 'body' ? (attrs.get('text') ?? '') : ''));
    const color = ownColor ?? parent.color;
    const colorSet = ownColor !== undefined || parent.colorSet;
    const shorthand = style.get('background') ?? '';
    const image = style.has('background-image') || shorthand.includes('url(') || attrs.has('background');
    const bgColor = parseColor(style.get('background-color') ?? '') ?? shorthand.split(/\s+/).map(parseColor).find((c) => c !== undefined) ?? parseColor(attrs.get('bgcolor') ?? '');
    const background = bgColor ?? (image ? null : parent.background);
    if (!hidden) {
      if (style.get('display') === 'none') hidden = 'display-none';
      else if (style.get('visibility') === 'hidden') hidden = 'visibility-hidden';
      else if (attrs.has('hidden')) hidden = 'hidden-attribute';
      else if (zeroLength(style.get('opacity'))) hidden = 'opacity';
      else if ((zeroLength(style.get('max-height')) || zeroLength(style.get('height'))) && style.get('overflow') === 'hidden') hidden = 'zero-size';
      else if (style.has('font-size') && tinyFont(style.get('font-size') as string)) hidden = 'tiny-font';
      else if (background && colorSet && contrast(color, background) < LOW_CONTRAST) hidden = 'low-contrast';
    }
    if (name === 'img') {
      const src = attrs.get('src') ?? '';
      if (facts.images.length < MAX_LINKS) {
        const image: HtmlImage = { src, alt: attrs.get('alt') ?? '', hidden: hidden !== null };
        const width = dimension(attrs.get('width') ?? style.get('width'));
        const height = dimension(attrs.get('height') ?? style.get('height'));
        if (width !== undefined) image.width = width;
        if (height !== undefined) image.height = height;
        facts.images.push(image);
      }
      if (anchor && anchor.text.length < 300) anchor.text += attrs.get('alt') ?? '';
    }
    if (name === 'a' && attrs.has('href')) {
      if (anchor && facts.links.length < MAX_LINKS) facts.links.push({ href: anchor.href, text: anchor.text.replace(/\s+/g, ' ').trim().slice(0, 300), hidden: anchor.hidden });
      anchor = { href: (attrs.get('href') ?? '').trim(), text: '', hidden: hidden !== null };
    }
    if (!VOID.has(name) && !selfClosing && stack.length < MAX_STACK) stack.push({ name, hidden, color, background, colorSet });
  }
  if (anchor && facts.links.length < MAX_LINKS) facts.links.push({ href: anchor.href, text: anchor.text.replace(/\s+/g, ' ').trim().slice(0, 300), hidden: anchor.hidden });
  facts.text = visible.join('').replace(/\s+/g, ' ').trim();
  facts.hiddenKinds = [...kinds];
  return facts;
}

/** URLs written out in plain text (`https://…`, `http://…`, `www.…`), in order, at most MAX_LINKS. */
export function textLinks(text: string): string[] {
  const links: string[] = [];
  for (const m of text.matchAll(/\b(?:https?:\/\/|www\.)[^\s<>"'`{}|\\^[\]]+/gi)) {
    // Sentence punctuation after a URL is not part of it.
    let end = m[0].length;
    while (end > 0 && '.,;:!?)'.includes(m[0][end - 1] as string)) end--;
    links.push(m[0].slice(0, end));
    if (links.length >= MAX_LINKS) break;
  }
  return links;
}
