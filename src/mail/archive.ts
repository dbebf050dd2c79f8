import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

// Report attachments: plain documents, gzip (.gz) and zip archives, unwrapped with hard limits. Receivers
// send DMARC aggregate reports as .xml.gz (RFC 7489 §7.2.1.1, RFC 9990) or, in practice, .zip (Google,
// NetEase); the same holds for TLS-RPT's .json.gz. Everything here comes from strangers: the total
// decompressed size is capped, a compression ratio past any real report's is refused early (zip bombs), the
// zip central directory is bounded, and every failure is a value `{ code, data }`, never a throw.
//
// gzip is node:zlib's streaming inflate (multi-member files included). zip is yauzl: it reads the central
// directory, refuses malformed or unsafe archives, and with validateEntrySizes checks every entry inflates
// to exactly its declared size, so a lying header cannot sneak past our declared-size check either.

export type ArchiveFormat = 'plain' | 'gzip' | 'zip';

export interface ArchiveProblem {
  code: string;
  data: Record<string, string | number>;
}

/** One document found inside an input: its name (the zip member's, or the file name without .gz) and bytes. */
export interface ExtractedDocument {
  name: string;
  /** The container it came out of. */
  format: ArchiveFormat;
  bytes: Buffer;
}

export type ArchiveResult =
  | { status: 'ok'; documents: ExtractedDocument[]; /** Members skipped for cause (encrypted, bad method…); the rest were read. */ problems: ArchiveProblem[] }
  | { status: 'rejected'; problem: ArchiveProblem };

/** unwrapAttachment also says when a MIME part is not a report attachment at all (a text body, a logo). */
export type AttachmentResult = ArchiveResult | { status: 'skipped' };

export interface ArchiveLimits {
  /** Largest input accepted, compressed or not. */
  maxInputBytes: number;
  /** Most bytes decompressed from one input, all members together. */
  maxOutputBytes: number;
  /** Largest decompressed/compressed ratio accepted once past `ratioFloorBytes`. Real reports compress 10–50×. */
  maxRatio: number;
  ratioFloorBytes: number;
  /** Most entries a zip's central directory may list. */
  maxEntries: number;
  /** Most documents taken from one zip. */
  maxDocuments: number;
  /** `first`: the first matching member only; `all`: every matching member. */
  members: 'first' | 'all';
  /** Which zip member names are documents (default: .xml, and .xml.gz unwrapped once). */
  accept: (name: string) => boolean;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxInputBytes: 50 * 1024 * 1024,
  maxOutputBytes: 50 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxEntries: 1000,
  maxDocuments: 100,
  members: 'all',
  accept: (name) => /\.xml(?:\.gz)?$/i.test(name),
};

class Limit extends Error {
  constructor(readonly problem: ArchiveProblem) {
    super(problem.code);
  }
}

/** Decompressed bytes allowed for one input, shared by all its members. */
class Budget {
  used = 0;
  constructor(
    private readonly limits: ArchiveLimits,
    private readonly inputSize: number,
  ) {}

  /** Counts `n` more output bytes; throws a Limit once over the size cap or the ratio. */
  take(n: number): void {
    this.used += n;
    if (this.used > this.limits.maxOutputBytes) throw new Limit({ code: 'archive.too-large', data: { limit: this.limits.maxOutputBytes } });
    this.checkRatio(this.used, this.inputSize);
  }

  checkRatio(output: number, input: number): void {
    if (output <= this.limits.ratioFloorBytes) return;
    const ratio = output / Math.max(1, input);
    if (ratio > this.limits.maxRatio) throw new Limit({ code: 'archive.ratio', data: { ratio: Math.round(ratio), limit: this.limits.maxRatio } });
  }

  remaining(): number {
    return this.limits.maxOutputBytes - this.used;
  }
}

/** The container format from the first bytes; undefined when they are none of ours. */
export function sniffFormat(bytes: Uint8Array): ArchiveFormat | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0x1f && b1 === 0x8b) return 'gzip';
  // local file header, or the end-of-central-directory record of an empty archive
  if (b0 === 0x50 && b1 === 0x4b && ((b2 === 3 && b3 === 4) || (b2 === 5 && b3 === 6))) return 'zip';
  let i = b0 === 0xef && b1 === 0xbb && b2 === 0xbf ? 3 : 0;
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return 'plain'; // UTF-16 BOM
  if ((b0 === 0x3c && b1 === 0) || (b0 === 0 && b1 === 0x3c)) return 'plain'; // UTF-16 '<'
  const end = Math.min(bytes.length, 1024);
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  if (i < end && (bytes[i] === 0x3c || bytes[i] === 0x7b)) return 'plain'; // '<' (XML) or '{' (JSON, for TLS-RPT)
  return undefined;
}

const GZIP_TYPES = new Set(['application/gzip', 'application/x-gzip', 'application/gzip-compressed', 'application/x-gzip-compressed', 'application/x-gunzip']);
const ZIP_TYPES = new Set(['application/zip', 'application/x-zip', 'application/x-zip-compressed', 'application/zip-compressed']);
const PLAIN_TYPES = new Set(['text/xml', 'application/xml', 'application/json', 'application/tlsrpt+json']);

/** What a MIME part's name and type say it is (`application/octet-stream` says nothing). */
export function declaredFormat(filename: string, contentType: string): ArchiveFormat | undefined {
  const name = filename.trim().toLowerCase();
  if (/\.(?:gz|gzip)$/.test(name)) return 'gzip';
  if (name.endsWith('.zip')) return 'zip';
  if (/\.(?:xml|json)$/.test(name)) return 'plain';
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (GZIP_TYPES.has(type)) return 'gzip';
  if (ZIP_TYPES.has(type)) return 'zip';
  if (PLAIN_TYPES.has(type)) return 'plain';
  return undefined;
}

function stripGz(name: string): string {
  return name.replace(/\.(?:gz|gzip)$/i, '');
}

/** Reads a readable stream into one Buffer, charging the budget as bytes arrive (stops the stream at once past it). */
function collect(stream: Readable, budget: Budget): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let failed = false;
    stream.on('data', (chunk: Buffer) => {
      if (failed) return;
      try {
        budget.take(chunk.length);
        chunks.push(chunk);
      } catch (error) {
        failed = true;
        stream.destroy();
        reject(error);
      }
    });
    stream.on('error', (error) => {
      if (failed) return;
      failed = true;
      reject(error);
    });
    stream.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
  });
}

async function gunzip(bytes: Buffer, budget: Budget): Promise<Buffer> {
  const inflate = createGunzip({ chunkSize: 64 * 1024 });
  const done = collect(inflate, budget);
  inflate.end(bytes);
  try {
    return await done;
  } catch (error) {
    if (error instanceof Limit) throw error;
    throw new Limit({ code: 'archive.gzip-corrupt', data: { reason: zlibReason(error) } });
  }
}

function zlibReason(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'Z_BUF_ERROR') return 'truncated';
  if (code === 'Z_DATA_ERROR') return 'data';
  return 'other';
}

/** A short token for a yauzl error (its messages are English sentences; we keep none of them). */
function zipReason(error: unknown): string {
  const message = error instanceof Error ? error.message.toLowerCase() : '';
  if (message.includes('end of central directory')) return 'not-zip';
  if (message.includes('too many bytes') || message.includes('too few bytes') || message.includes('size mismatch')) return 'size-mismatch';
  if (message.includes('path') || message.includes('filename') || message.includes('file name')) return 'file-name';
  if (message.includes('encrypt')) return 'encrypted';
  if (message.includes('compression method')) return 'compression-method';
  if (message.includes('invalid') || message.includes('signature')) return 'structure';
  if ((error as { code?: unknown } | undefined)?.code === 'Z_DATA_ERROR' || (error as { code?: unknown } | undefined)?.code === 'Z_BUF_ERROR') return 'data';
  return 'other';
}

async function unzip(bytes: Buffer, limits: ArchiveLimits, budget: Budget): Promise<ArchiveResult> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false, autoClose: true });
  } catch (error) {
    return { status: 'rejected', problem: { code: 'archive.zip-corrupt', data: { reason: zipReason(error) } } };
  }
  const documents: ExtractedDocument[] = [];
  const problems: ArchiveProblem[] = [];
  try {
    if (zip.entryCount > limits.maxEntries) {
      return { status: 'rejected', problem: { code: 'archive.too-many-entries', data: { entries: zip.entryCount, limit: limits.maxEntries } } };
    }
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      if (name.endsWith('/') || !limits.accept(name)) continue;
      if (entry.isEncrypted()) {
        problems.push({ code: 'archive.zip-encrypted', data: { member: name } });
        continue;
      }
      if (!entry.canDecodeFileData()) {
        problems.push({ code: 'archive.zip-method', data: { member: name, method: entry.compressionMethod } });
        continue;
      }
      // Declared sizes first (yauzl makes them binding): refuse before inflating a single byte.
      if (entry.uncompressedSize > budget.remaining()) throw new Limit({ code: 'archive.too-large', data: { limit: limits.maxOutputBytes } });
      budget.checkRatio(entry.uncompressedSize, entry.compressedSize);
      const stream = await zip.openReadStreamPromise(entry);
      let data = await collect(stream, budget);
      const gzipped = sniffFormat(data) === 'gzip'; // a member.xml.gz: unwrapped once, same budget
      if (gzipped) data = await gunzip(data, budget);
      documents.push({ name: gzipped ? stripGz(name) : name, format: 'zip', bytes: data });
      if (limits.members === 'first' || documents.length >= limits.maxDocuments) break;
    }
  } catch (error) {
    if (error instanceof Limit) return { status: 'rejected', problem: error.problem };
    return { status: 'rejected', problem: { code: 'archive.zip-corrupt', data: { reason: zipReason(error) } } };
  } finally {
    if (zip.isOpen) zip.close();
  }
  if (documents.length === 0) {
    return { status: 'rejected', problem: problems[0] ?? { code: 'archive.no-document', data: { entries: zip.entryCount } } };
  }
  return { status: 'ok', documents, problems };
}

/**
 * The documents in one input (a file's bytes, or an attachment's): plain, gzip or zip, told apart by their
 * first bytes before the name. Never throws; a file that is none of these is `archive.unknown-format`.
 */
export async function readArchive(name: string, bytes: Uint8Array, limits: Partial<ArchiveLimits> = {}): Promise<ArchiveResult> {
  const lim: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, ...limits };
  if (bytes.byteLength === 0) return { status: 'rejected', problem: { code: 'archive.empty', data: {} } };
  if (bytes.byteLength > lim.maxInputBytes) {
    return { status: 'rejected', problem: { code: 'archive.too-large', data: { limit: lim.maxInputBytes } } };
  }
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = sniffFormat(buffer) ?? declaredFormat(name, '');
  const budget = new Budget(lim, buffer.byteLength);
  try {
    if (format === 'zip') return await unzip(buffer, lim, budget);
    if (format === 'gzip') {
      const data = await gunzip(buffer, budget);
      // Some senders gzip a zip; unwrap that once, against the same budget.
      if (sniffFormat(data) === 'zip') return await unzip(data, lim, budget);
      return { status: 'ok', documents: [{ name: stripGz(name), format: 'gzip', bytes: data }], problems: [] };
    }
    if (format === 'plain') {
      if (buffer.byteLength > lim.maxOutputBytes) throw new Limit({ code: 'archive.too-large', data: { limit: lim.maxOutputBytes } });
      return { status: 'ok', documents: [{ name, format: 'plain', bytes: buffer }], problems: [] };
    }
    return { status: 'rejected', problem: { code: 'archive.unknown-format', data: {} } };
  } catch (error) {
    if (error instanceof Limit) return { status: 'rejected', problem: error.problem };
    return { status: 'rejected', problem: { code: 'archive.internal-error', data: { name: error instanceof Error ? error.name : typeof error } } };
  }
}

/**
 * One MIME attachment (as the mail reader hands it over) → the documents inside, or `skipped` when the part
 * is not a report attachment: neither its name, its type nor its first bytes say xml/json, gzip or zip.
 * A part labelled `application/octet-stream` counts when its bytes are gzip or zip.
 */
export async function unwrapAttachment(
  filename: string,
  contentType: string,
  bytes: Uint8Array,
  limits: Partial<ArchiveLimits> = {},
): Promise<AttachmentResult> {
  const declared = declaredFormat(filename, contentType);
  const sniffed = sniffFormat(bytes);
  if (declared === undefined && sniffed !== 'gzip' && sniffed !== 'zip') return { status: 'skipped' };
  return readArchive(filename, bytes, limits);
}
