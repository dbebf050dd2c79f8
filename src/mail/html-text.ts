// HTML to plain text for bounce reading (notices that come only as HTML: Exchange, some ESPs, Chinese
// providers). Owned by the bounce reader; kept apart from the MIME parsing so the two can change apart.
//
// Table structure survives: a tab between the cells of a row and a newline per row, so a notice laid
// out as label/value cells ("收件人 | a@b") or one row per recipient reads as lines. One linear pass over
// the tags (no regex that rescans from every '<': a hostile body of '<<<<' is linear too).

const BLOCK = new Set(['p', 'div', 'li', 'ul', 'ol', 'table', 'tbody', 'thead', 'tfoot', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote', 'dt', 'dd', 'dl', 'hr', 'center', 'form', 'section', 'article', 'header', 'footer', 'title']);
const INLINE = new Set(['b', 'i', 'u', 'em', 'strong', 'span', 'font', 'a', 'small', 'big', 'sub', 'sup', 'code', 'tt', 'label', 'abbr', 'wbr', 'nobr', 's', 'strike', 'mark', 'img']);
const SKIP = new Set(['script', 'style', 'head', 'xml']);

const NAMED: Readonly<Record<string, string>> = { nbsp: ' ', lt: '<', gt: '>', quot: '"', apos: "'", amp: '&', ensp: ' ', emsp: ' ', thinsp: ' ', middot: '·', hellip: '…', mdash: '—', ndash: '–', laquo: '«', raquo: '»', copy: '©', reg: '®' };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
      if (code === 0xa0) return ' ';
      return String.fromCodePoint(code);
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

function tagName(tag: string): { name: string; closing: boolean } {
  let i = 0;
  const closing = tag[0] === '/';
  if (closing) i = 1;
  let j = i;
  while (j < tag.length && j - i < 12 && /[a-zA-Z0-9]/.test(tag[j] as string)) j++;
  return { name: tag.slice(i, j).toLowerCase(), closing };
}

export function htmlToText(html: string): string {
  const lower = html.toLowerCase();
  const out: string[] = [];
  let cellsInRow = 0;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out.push(decodeEntities(html.slice(i)));
      break;
    }
    if (lt > i) out.push(decodeEntities(html.slice(i, lt)));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) {
      out.push(decodeEntities(html.slice(lt)));
      break;
    }
    const tag = html.slice(lt, gt + 1);
    i = gt + 1;
    if (tag.includes('@') && !/[\s="']/.test(tag)) {
      out.push(tag); // "<user@host>" written in the text, not a tag
      continue;
    }
    const { name, closing } = tagName(html.slice(lt + 1, Math.min(gt, lt + 16)));
    if (!name) {
      continue; // "<!DOCTYPE>", "<?xml>", "< " in text
    }
    if (SKIP.has(name) && !closing) {
      const end = lower.indexOf(`</${name}`, gt + 1);
      if (end < 0) break;
      const close = html.indexOf('>', end);
      i = close < 0 ? html.length : close + 1;
      continue;
    }
    if (name === 'br') out.push('\n');
    else if (name === 'tr') {
      if (!closing) out.push('\n');
      cellsInRow = 0;
    } else if (name === 'td' || name === 'th') {
      if (!closing) {
        if (cellsInRow > 0) out.push('\t');
        cellsInRow++;
      }
    } else if (BLOCK.has(name)) out.push('\n');
    else if (INLINE.has(name)) continue;
    else out.push(' ');
  }
  return out
    .join('')
    .replace(/\r/g, '')
    .replace(/[ \f\v\u00a0]+/g, ' ')
    .split('\n')
    .map((line) => line.replace(/ ?\t ?/g, '\t').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}
