import { readFile } from 'node:fs/promises';
import { parseZoneFile } from '../parse/zone.js';
import { getDomain } from 'tldts';
import type { DnsRecord, LookupResult, QueryType, Resolver } from './types.js';
import { normalizeName } from './types.js';
import { createMemorySource } from './memory.js';

/** A zone file that could not be read (missing, unreadable); parse errors are ZoneSyntaxError. */
export class ZoneFileError extends Error {
  override name = 'ZoneFileError';
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
 * Throws ZoneFileError or ZoneSyntaxError (with file and line).
 */
export async function createZoneSource(files: string[]): Promise<Resolver> {
  const records: DnsRecord[] = [];
  const existingNames: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
      throw new ZoneFileError(`cannot read zone file ${file}: ${reason}`);
    }
    const contents = parseZoneFile(text, { file });
    records.push(...contents.records);
    existingNames.push(...contents.otherNames);
  }
  const source = createMemorySource(records, { transport: 'zone', existingNames });
  const described = new Set([...records.map((r) => r.name), ...existingNames].map(describedDomain));
  const isDescribed = (name: string): boolean => {
    for (let at = name; ; ) {
      if (described.has(at)) return true;
      const dot = at.indexOf('.');
      if (dot < 0) return false;
      at = at.slice(dot + 1);
    }
  };
  return {
    covers: (name) => isDescribed(normalizeName(name)),
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
function describedDomain(name: string): string {
  const normalized = normalizeName(name);
  return getDomain(normalized, { allowPrivateDomains: false }) ?? normalized;
}
