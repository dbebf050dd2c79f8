// The file names inside an attached archive, read from its directory without extracting anything: zip
// (yauzl reads the central directory and refuses malformed ones) and RAR 4 / RAR 5 (their block headers,
// walked here). Gmail refuses a message whose archive holds a blocked file type, so the names are what
// matter. Bounded: at most MAX_ARCHIVE_NAMES names, one pass over the blocks, and every failure is a value.
import yauzl from 'yauzl';

export const MAX_ARCHIVE_NAMES = 1000;

export interface ArchiveNames {
  format: 'zip' | 'rar';
  names: string[];
  /** Some entries are encrypted (zip) or the headers are (RAR with -hp): names may be missing. */
  encrypted: boolean;
  /** Why the directory could not be read (then `names` holds what was read before). */
  problem?: string;
}

/** Which archive format the bytes are, by their signature. */
export function archiveFormat(bytes: Uint8Array): 'zip' | 'rar' | undefined {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06)) return 'zip';
  if (bytes[0] === 0x52 && bytes[1] === 0x61 && bytes[2] === 0x72 && bytes[3] === 0x21 && bytes[4] === 0x1a && bytes[5] === 0x07) return 'rar';
  return undefined;
}

function zipNames(bytes: Buffer): Promise<ArchiveNames> {
  return new Promise((resolve) => {
    const out: ArchiveNames = { format: 'zip', names: [], encrypted: false };
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: false, strictFileNames: false }, (error, zip) => {
      if (error || !zip) {
        out.problem = error?.message ?? 'unreadable';
        resolve(out);
        return;
      }
      zip.on('entry', (entry: yauzl.Entry) => {
        // Bit 0 of the general-purpose flags: the entry is encrypted.
        if ((entry.generalPurposeBitFlag & 1) !== 0) out.encrypted = true;
        out.names.push(entry.fileName);
        if (out.names.length >= MAX_ARCHIVE_NAMES) {
          zip.close();
          resolve(out);
          return;
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve(out));
      zip.on('error', (e: Error) => {
        out.problem = e.message;
        resolve(out);
      });
      zip.readEntry();
    });
  });
}

/** RAR 5 variable-length integer at `pos`: [value, bytes read], or undefined past the end. */
function vint(bytes: Uint8Array, pos: number): [number, number] | undefined {
  let value = 0;
  let multiplier = 1;
  for (let i = 0; i < 10; i++) {
    const byte = bytes[pos + i];
    if (byte === undefined) return undefined;
    value += (byte & 0x7f) * multiplier;
    multiplier *= 128;
    if ((byte & 0x80) === 0) return [value, i + 1];
  }
  return undefined;
}

function rar5Names(bytes: Uint8Array, out: ArchiveNames): void {
  let pos = 8;
  for (let blocks = 0; blocks < 100_000 && pos + 4 < bytes.length; blocks++) {
    const size = vint(bytes, pos + 4);
    if (!size) return;
    const headerStart = pos + 4 + size[1];
    let p = headerStart;
    const type = vint(bytes, p);
    if (!type) return;
    p += type[1];
    const flags = vint(bytes, p);
    if (!flags) return;
    p += flags[1];
    if (flags[0] & 0x01) {
      const extra = vint(bytes, p);
      if (!extra) return;
      p += extra[1];
    }
    let dataSize = 0;
    if (flags[0] & 0x02) {
      const data = vint(bytes, p);
      if (!data) return;
      dataSize = data[0];
      p += data[1];
    }
    if (type[0] === 4) {
      // Archive encryption header: everything after it is encrypted.
      out.encrypted = true;
      return;
    }
    if (type[0] === 2) {
      const fileFlags = vint(bytes, p);
      if (!fileFlags) return;
      p += fileFlags[1];
      const unpacked = vint(bytes, p);
      if (!unpacked) return;
      p += unpacked[1];
      const attributes = vint(bytes, p);
      if (!attributes) return;
      p += attributes[1];
      if (fileFlags[0] & 0x02) p += 4;
      if (fileFlags[0] & 0x04) p += 4;
      const compression = vint(bytes, p);
      if (!compression) return;
      p += compression[1];
      const host = vint(bytes, p);
      if (!host) return;
      p += host[1];
      const nameLength = vint(bytes, p);
      if (!nameLength) return;
      p += nameLength[1];
      if (p + nameLength[0] > bytes.length) return;
      out.names.push(Buffer.from(bytes.buffer, bytes.byteOffset + p, nameLength[0]).toString('utf8'));
      if (out.names.length >= MAX_ARCHIVE_NAMES) return;
    }
    if (type[0] === 5) return; // end of archive
    pos = headerStart + size[0] + dataSize;
  }
}

function rar4Names(bytes: Uint8Array, out: ArchiveNames): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 7;
  for (let blocks = 0; blocks < 100_000 && pos + 7 <= bytes.length; blocks++) {
    const type = bytes[pos + 2] as number;
    const flags = view.getUint16(pos + 3, true);
    const headSize = view.getUint16(pos + 5, true);
    if (headSize < 7) return;
    let addSize = 0;
    if (type === 0x73 && flags & 0x0080) out.encrypted = true; // MHD_PASSWORD: headers encrypted
    if (type === 0x74) {
      if (pos + 32 > bytes.length) return;
      addSize = view.getUint32(pos + 7, true);
      const highPack = flags & 0x0100 ? (pos + 36 <= bytes.length ? view.getUint32(pos + 32, true) : 0) : 0;
      const nameSize = view.getUint16(pos + 26, true);
      const nameStart = pos + 32 + (flags & 0x0100 ? 8 : 0);
      if (nameStart + nameSize > bytes.length) return;
      // Unicode names store an ASCII/OEM name, a NUL, then the packed Unicode form: the first part is enough.
      const raw = Buffer.from(bytes.buffer, bytes.byteOffset + nameStart, nameSize);
      const nul = raw.indexOf(0);
      out.names.push((nul >= 0 ? raw.subarray(0, nul) : raw).toString(flags & 0x0200 ? 'utf8' : 'latin1'));
      if (flags & 0x0004) out.encrypted = true;
      if (out.names.length >= MAX_ARCHIVE_NAMES) return;
      addSize += highPack * 2 ** 32;
    } else if (flags & 0x8000) {
      addSize = pos + 11 <= bytes.length ? view.getUint32(pos + 7, true) : 0;
    }
    if (type === 0x7b) return; // end of archive
    pos += headSize + addSize;
  }
}

/** The names inside a zip or RAR archive (any other bytes: undefined). */
export async function archiveNames(bytes: Buffer): Promise<ArchiveNames | undefined> {
  const format = archiveFormat(bytes);
  if (format === 'zip') return zipNames(bytes);
  if (format === 'rar') {
    const out: ArchiveNames = { format: 'rar', names: [], encrypted: false };
    try {
      if (bytes[6] === 0x01 && bytes[7] === 0x00) rar5Names(bytes, out);
      else rar4Names(bytes, out);
    } catch (error) {
      out.problem = error instanceof Error ? error.message : String(error);
    }
    return out;
  }
  return undefined;
}
