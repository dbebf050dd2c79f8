import { readFile } from 'node:fs/promises';
import { parseZoneFile } from '../parse/zone.js';
import type { DnsRecord, Resolver } from './types.js';
import { createMemorySource } from './memory.js';

/** A zone file that could not be read (missing, unreadable); parse errors are ZoneSyntaxError. */
export class ZoneFileError extends Error {
  override name = 'ZoneFileError';
}

/**
 * Answers only from zone files (transport `zone`), with the outcomes a recursive server would give:
 * NXDOMAIN vs NODATA, CNAME chains, wildcards. One file may hold any names (absolute names end in a
 * dot), so a domain, its SPF includes, MX hosts and reverse zones can sit together.
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
  return createMemorySource(records, { transport: 'zone', existingNames });
}
