import { formatTagList, parseTagList, type Tag , type TagError } from './taglist.js';

// DMARC policy records (RFC 7489 §6.3, with `np` from DMARCbis). Pure parse and format:
// suggested records are built as a DmarcRecord and printed by formatDmarc, so they re-parse.

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';
export type Alignment = 'r' | 's';

export interface DmarcRecord {
  p?: DmarcPolicy;
  sp?: DmarcPolicy;
  np?: DmarcPolicy;
  pct?: number;
  rua: string[];
  ruf: string[];
  adkim?: Alignment;
  aspf?: Alignment;
  fo?: string;
  rf?: string;
  ri?: number;
  /** Tags we do not interpret, kept in order so a reformatted record loses nothing. */
  other: Tag[];
}

export interface DmarcParse {
  record: DmarcRecord;
  /** Invalid syntax or values, each naming the offending tag (words: the catalogue's `syntax`). */
  errors: TagError[];
  /** Tags RFC 7489 does not define (receivers ignore them: often a typo such as `rue=`). */
  unknownTags: string[];
}

/** A report destination from rua/ruf: only `mailto:` URIs are delivered by receivers in practice. */
export interface ReportUri {
  uri: string;
  /** Mailbox domain, lower case, when the URI is a valid mailto: URI. */
  domain?: string;
  address?: string;
  valid: boolean;
}

const POLICIES: readonly string[] = ['none', 'quarantine', 'reject'];
const KNOWN = ['v', 'p', 'sp', 'np', 'pct', 'rua', 'ruf', 'adkim', 'aspf', 'fo', 'rf', 'ri', 'psd', 't'];

/** True when a TXT string at _dmarc is meant as a DMARC record (even one with `v` in the wrong place). */
export function looksLikeDmarc(txt: string): boolean {
  return /(^|;)\s*v\s*=\s*DMARC1\s*(;|$)/i.test(txt);
}

/** True when the record starts with `v=DMARC1`, which receivers require to consider it at all (§6.6.3). */
export function startsWithDmarcVersion(txt: string): boolean {
  return /^\s*v\s*=\s*DMARC1\s*(;|$)/.test(txt);
}

export function parseReportUri(uri: string): ReportUri {
  const match = /^mailto:([^@\s!,;]+)@([A-Za-z0-9.-]+\.[A-Za-z0-9-]+)(?:!\d+[kmgt]?)?$/i.exec(uri.trim());
  if (!match) return { uri, valid: false };
  const domain = (match[2] as string).toLowerCase().replace(/\.$/, '');
  return { uri, address: `${match[1]}@${domain}`, domain, valid: true };
}

export function parseDmarc(text: string): DmarcParse {
  const list = parseTagList(text);
  const errors = [...list.errors];
  const unknownTags: string[] = [];
  const record: DmarcRecord = { rua: [], ruf: [], other: [] };
  const first = list.tags[0];
  if (!first || first.name.toLowerCase() !== 'v' || first.value !== 'DMARC1') {
    errors.push({ code: list.tags.some((t) => t.name.toLowerCase() === 'v') ? 'dmarc.version-not-first' : 'dmarc.no-version', data: {} });
  }
  const policy = (tag: Tag): DmarcPolicy | undefined => {
    const value = tag.value.toLowerCase();
    if (POLICIES.includes(value)) return value as DmarcPolicy;
    errors.push({ code: 'dmarc.policy', data: { tag: tag.name, value: tag.value.slice(0, 64) } });
    return undefined;
  };
  const alignment = (tag: Tag): Alignment | undefined => {
    const value = tag.value.toLowerCase();
    if (value === 'r' || value === 's') return value;
    errors.push({ code: 'dmarc.alignment', data: { tag: tag.name, value: tag.value.slice(0, 64) } });
    return undefined;
  };
  for (const tag of list.tags) {
    const name = tag.name.toLowerCase();
    switch (name) {
      case 'v':
        break;
      case 'p':
        record.p = policy(tag);
        break;
      case 'sp':
        record.sp = policy(tag);
        break;
      case 'np':
        record.np = policy(tag);
        break;
      case 'pct':
        if (/^\d{1,3}$/.test(tag.value) && Number(tag.value) <= 100) record.pct = Number(tag.value);
        else errors.push({ code: 'dmarc.pct', data: { value: tag.value.slice(0, 64) } });
        break;
      case 'rua':
      case 'ruf':
        record[name] = tag.value.split(',').map((u) => u.trim()).filter((u) => u !== '');
        break;
      case 'adkim':
      case 'aspf':
        record[name] = alignment(tag);
        break;
      case 'fo':
        if (/^[01ds](\s*:\s*[01ds])*$/i.test(tag.value)) record.fo = tag.value;
        else errors.push({ code: 'dmarc.fo', data: { value: tag.value.slice(0, 64) } });
        break;
      case 'rf':
        if (/^afrf(\s*:\s*[a-z0-9-]+)*$/i.test(tag.value)) record.rf = tag.value;
        else errors.push({ code: 'dmarc.rf', data: { value: tag.value.slice(0, 64) } });
        break;
      case 'ri':
        if (/^\d{1,10}$/.test(tag.value)) record.ri = Number(tag.value);
        else errors.push({ code: 'dmarc.ri', data: { value: tag.value.slice(0, 64) } });
        break;
      default:
        if (!KNOWN.includes(name)) unknownTags.push(tag.name);
        record.other.push(tag);
    }
  }
  if (record.p === undefined && !errors.some((e) => e.code === 'dmarc.policy' && String(e.data.tag).toLowerCase() === 'p')) errors.push({ code: 'dmarc.p-missing', data: {} });
  // Drop undefined members left by invalid values so records compare cleanly.
  for (const key of Object.keys(record) as (keyof DmarcRecord)[]) if (record[key] === undefined) delete record[key];
  return { record, errors, unknownTags };
}

export function formatDmarc(record: DmarcRecord): string {
  const tags: Tag[] = [{ name: 'v', value: 'DMARC1' }];
  const add = (name: string, value: string | number | undefined) => {
    if (value !== undefined) tags.push({ name, value: String(value) });
  };
  add('p', record.p);
  add('sp', record.sp);
  add('np', record.np);
  add('pct', record.pct);
  if (record.rua.length > 0) add('rua', record.rua.join(','));
  if (record.ruf.length > 0) add('ruf', record.ruf.join(','));
  add('adkim', record.adkim);
  add('aspf', record.aspf);
  add('fo', record.fo);
  add('rf', record.rf);
  add('ri', record.ri);
  tags.push(...record.other);
  return formatTagList(tags);
}
