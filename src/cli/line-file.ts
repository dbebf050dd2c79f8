import { readFile, stat } from 'node:fs/promises';
import { UsageError } from './exit-codes.js';
import type { Io } from './io.js';

// Files of one entry per line (`domain --file`, `ip --file`): bounded, text only, any line ending.

/** What a --file holds, one per line (named in the error for a file that is not text). */
export type LineEntries = 'domains' | 'addresses';

/** Most bytes of a --file (about 500,000 domains); a larger file, device or endless pipe is refused. */
export const DOMAIN_FILE_MAX_BYTES = 16 * 1024 * 1024;

/** The bytes of a --file: a regular file or standard input, at most DOMAIN_FILE_MAX_BYTES. */
export async function readLineFile(file: string, io: Io): Promise<Buffer> {
  const tooLarge = () => new UsageError('file-too-large', { file, limit: DOMAIN_FILE_MAX_BYTES });
  if (file === '-') {
    const bytes = await io.readStdin(DOMAIN_FILE_MAX_BYTES);
    if (bytes.length > DOMAIN_FILE_MAX_BYTES) throw tooLarge();
    return bytes;
  }
  const unreadable = (error: unknown) => new UsageError('file-read', { file, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
  // stat first: opening a FIFO would block, a device would never end.
  const info = await stat(file).catch((error: unknown) => {
    throw unreadable(error);
  });
  if (info.isDirectory()) throw new UsageError('file-read', { file, reason: 'EISDIR' });
  if (!info.isFile()) throw new UsageError('file-not-regular', { file });
  if (info.size > DOMAIN_FILE_MAX_BYTES) throw tooLarge();
  return readFile(file).catch((error: unknown) => {
    throw unreadable(error);
  });
}

/**
 * The lines of a --file as text: UTF-8 (a BOM is dropped); UTF-16 and binary data are refused with
 * the line they start on; lines end with LF, CRLF or a lone CR.
 */
export function domainFileLines(file: string, bytes: Buffer, entries: LineEntries = 'domains'): string[] {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new UsageError('file-utf16', { file });
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    // ASCII as UTF-16 has a NUL beside every letter.
    const pairs = Math.min(bytes.length, 64) >> 1;
    let zeros = 0;
    for (let i = 0; i < pairs * 2; i++) if (bytes[i] === 0) zeros++;
    if (pairs > 0 && zeros >= pairs - 1) throw new UsageError('file-utf16', { file });
    throw new UsageError('file-binary', { file, line: lineAt(bytes, nul), entries });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = Buffer.from(bytes.toString('utf8')).indexOf(Buffer.from('\ufffd'));
    throw new UsageError('file-encoding', { file, line: bad < 0 ? 1 : lineAt(Buffer.from(bytes.toString('utf8')), bad) });
  }
  if (text.startsWith('\ufeff')) text = text.slice(1);
  return text.split(/\r\n|\r|\n/);
}

/** The 1-based line of a byte offset. */
function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}


/** The entries of a --file: each line without its `#` comment and outer spaces, blank ones left out, with its 1-based line number. */
export async function readLineEntries(file: string, io: Io, kind: LineEntries = 'domains'): Promise<{ entry: string; line: number }[]> {
  const entries: { entry: string; line: number }[] = [];
  domainFileLines(file, await readLineFile(file, io), kind).forEach((text, i) => {
    const entry = text.replace(/#.*/, '').trim();
    if (entry !== '') entries.push({ entry, line: i + 1 });
  });
  return entries;
}
