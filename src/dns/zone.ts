import { open } from 'node:fs/promises';
import { ZONE_LIMITS, parseZoneFile } from '../parse/zone.js';
import type { ZoneErrorDataMap } from '../parse/zone.js';
import { createRequire } from 'node:module';
import type * as Tldts from 'tldts';
import type { DnsRecord, LookupResult, QueryType, Resolver } from './types.js';
import { normalizeName } from './types.js';
import { createMemorySource } from './memory.js';

type FileErrorCode = 'zone.file-unreadable' | 'zone.file-too-large' | 'zone.file-binary';

/**
 * A zone file that could not be read (missing, unreadable, over ZONE_LIMITS.fileBytes); parse
 * errors are ZoneSyntaxError. `code` and `data` say which (the words are the catalogue's `syntax` entries).
 */
export class ZoneFileError extends Error {
  override name = 'ZoneFileError';
  constructor(
    readonly code: FileErrorCode,
    readonly data: ZoneErrorDataMap[FileErrorCode],
  ) {
    super(code);
  }
}

/** Most bytes read from the file at a time. */
const CHUNK = 1024 * 1024;

/**
 * The text of a zone file, reading at most `limit` bytes: a larger file (or a device or pipe that
 * never ends) is a ZoneFileError, found before its contents are held.
 */
export async function readZoneFile(file: string, limit: number = ZONE_LIMITS.fileBytes): Promise<string> {
  const unreadable = (error: unknown) => new ZoneFileError('zone.file-unreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
  const tooLarge = () => new ZoneFileError('zone.file-too-large', { file, limit });
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw unreadable(error);
  }
  try {
    const stat = await handle.stat().catch((error: unknown) => {
      throw unreadable(error);
    });
    if (stat.isFile() && stat.size > limit) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1 - total));
      let read: number;
      try {
        ({ bytesRead: read } = await handle.read(chunk, 0, chunk.length, null));
      } catch (error) {
        throw unreadable(error);
      }
      if (read === 0) break;
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
      total += read;
      if (total > limit) throw tooLarge();
    }
    const bytes = Buffer.concat(chunks, total);
    // A NUL is never in a zone file: an image or archive given by mistake is named as such, not read
    // as names made of its bytes.
    const nul = bytes.indexOf(0);
    if (nul >= 0) {
      let line = 1;
      for (let at = bytes.indexOf(0x0a); at >= 0 && at < nul; at = bytes.indexOf(0x0a, at + 1)) line++;
      throw new ZoneFileError('zone.file-binary', { file, line });
    }
    return bytes.toString('utf8');
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Answers only from zone files (transport `zone`), with the outcomes a recursive server would give:
 * NXDOMAIN vs NODATA, CNAME chains, wildcards. One file may hold any names (absolute names end in a
 * dot), so a domain, its SPF includes, MX hosts and reverse zones can sit together.
 *
 * The files speak only for the domains they describe (the registrable domain, by the Public Suffix
 * List, of every name in them). A question about any other name is REFUSED, as an authoritative
 * server answers for a zone it does not serve: offline, `mailcheck` must say "could not check" for a
 * blacklist or an include the files say nothing about, never "not listed" or "does not exist".
 *
 * Bounded: each file at most ZONE_LIMITS.fileBytes, all files together at most ZONE_LIMITS.records
 * records. Throws ZoneFileError or ZoneSyntaxError (with file and line).
 */
export async function createZoneSource(files: string[]): Promise<Resolver> {
  const records: DnsRecord[] = [];
  const existingNames: string[] = [];
  let count = 0;
  // Where each name and type is first written, for findings about a record (SARIF, annotations).
  const where = new Map<string, { file: string; line: number }>();
  for (const file of files) {
    const text = await readZoneFile(file);
    const contents = parseZoneFile(text, { file, maxRecords: ZONE_LIMITS.records - count });
    count += contents.count;
    // One at a time: spreading a million records into push() overflows the call stack.
    contents.records.forEach((record, i) => {
      records.push(record);
      const key = `${record.name}|${record.type}`;
      if (!where.has(key)) where.set(key, { file, line: contents.lines[i] ?? 0 });
    });
    for (const name of contents.otherNames) existingNames.push(name);
  }
  const source = createMemorySource(records, { transport: 'zone', existingNames });
  const names = new Set<string>(existingNames);
  for (const record of records) names.add(record.name);
  const isDescribed = describedBy(names);
  return {
    covers: (name) => isDescribed(normalizeName(name)),
    locate: (name, type) => where.get(`${normalizeName(name)}|${type}`),
    query<T extends QueryType>(name: string, type: T): Promise<LookupResult<T>> {
      const asked = normalizeName(name);
      if (isDescribed(asked)) return source.query(asked, type);
      return Promise.resolve({
        name: asked, type, outcome: 'refused', answers: [], cnames: [], transport: 'zone', ad: false,
        error: 'the zone files do not describe this domain',
      });
    },
  };
}

/** The domain a name in a zone file speaks for: its registrable domain, or the name itself. */
function describedDomain(name: string, getDomain: (name: string, options: { allowPrivateDomains: boolean }) => string | null): string {
  const normalized = normalizeName(name);
  return getDomain(normalized, { allowPrivateDomains: false }) ?? normalized;
}

const PLAIN_NAME = /^[a-z0-9_*-]+(?:\.[a-z0-9_*-]+)*$/;

/** The last two labels of a name (the name itself when it has one). */
function lastTwoLabels(name: string): string {
  const last = name.lastIndexOf('.');
  return last <= 0 ? name : name.slice(name.lastIndexOf('.', last - 1) + 1);
}

/**
 * Whether a (normalized) name is in a domain the zone files describe: one of its suffixes is the
 * registrable domain (Public Suffix List) of a name in the files, or such a name itself. The PSL
 * (tldts, ~200 KB to load) is consulted only when that cannot be decided without it; every answer is
 * the one the PSL gives (test/dns-zone.test.ts compares them):
 * - a name at or under a name in the files is described (that name's domain is a suffix of it);
 * - otherwise a described name shares its last two labels with a name in the files (a registrable
 *   domain has at least two labels, a one-label name is its own), so one that shares them with none
 *   is not (a blacklist, another domain's include).
 * Both hold when the PSL's domain of a name is a suffix of it, which is so for names of letters,
 * digits, `-`, `_` and `*`; files with any other name ask the PSL every time.
 */
export function describedBy(names: ReadonlySet<string>): (name: string) => boolean {
  const lastTwo = new Set<string>();
  let plain = true;
  for (const name of names) {
    lastTwo.add(lastTwoLabels(name));
    if (!PLAIN_NAME.test(name)) plain = false;
  }
  let described: Set<string> | undefined;
  const hasSuffixIn = (name: string, set: ReadonlySet<string>): boolean => {
    for (let at = name; ; ) {
      if (set.has(at)) return true;
      const dot = at.indexOf('.');
      if (dot < 0) return false;
      at = at.slice(dot + 1);
    }
  };
  return (name) => {
    if (plain && hasSuffixIn(name, names)) return true;
    if (plain && !lastTwo.has(lastTwoLabels(name))) return false;
    if (!described) {
      // Synchronous (covers() is): the CommonJS build, loaded on this first use only.
      const { getDomain } = createRequire(import.meta.url)('tldts') as typeof Tldts;
      described = new Set<string>();
      for (const zoneName of names) described.add(describedDomain(zoneName, getDomain));
    }
    return hasSuffixIn(name, described);
  };
}
