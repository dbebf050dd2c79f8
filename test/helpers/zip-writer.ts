import * as zlib from 'node:zlib';
import { deflateRawSync } from 'node:zlib';

const zlibCrc32 = (zlib as { crc32?: (data: Buffer) => number }).crc32;

// A minimal zip writer for tests: real archives (stored or deflated, CRC-32 included) and forged ones
// (lying sizes, encryption flag, unknown method, central entries sharing one local file) to attack the reader.

export interface ZipMember {
  name: string;
  data: Buffer | string;
  /** 0 stored, 8 deflate (default); any other number is written as is, with the data stored. */
  method?: number;
  /** Uncompressed size to declare instead of the real one. */
  declaredSize?: number;
  encrypted?: boolean;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Buffer): number {
  // zlib's own (Node 20.15+), ~100× faster: the tests write archives of megabytes.
  if (typeof zlibCrc32 === 'function') return zlibCrc32(data);
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface Written {
  name: Buffer;
  method: number;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

function localHeader(w: Written): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(w.flags, 6);
  h.writeUInt16LE(w.method, 8);
  h.writeUInt16LE(0, 10); // time
  h.writeUInt16LE(0x5c21, 12); // date 2026-01-01
  h.writeUInt32LE(w.crc, 14);
  h.writeUInt32LE(w.compressed, 18);
  h.writeUInt32LE(w.size, 22);
  h.writeUInt16LE(w.name.length, 26);
  h.writeUInt16LE(0, 28);
  return Buffer.concat([h, w.name]);
}

function centralHeader(w: Written): Buffer {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(w.flags, 8);
  h.writeUInt16LE(w.method, 10);
  h.writeUInt16LE(0, 12);
  h.writeUInt16LE(0x5c21, 14);
  h.writeUInt32LE(w.crc, 16);
  h.writeUInt32LE(w.compressed, 20);
  h.writeUInt32LE(w.size, 24);
  h.writeUInt16LE(w.name.length, 28);
  h.writeUInt32LE(w.offset, 42);
  return Buffer.concat([h, w.name]);
}

function endOfCentralDirectory(entries: number, size: number, offset: number): Buffer {
  const e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0);
  e.writeUInt16LE(entries, 8);
  e.writeUInt16LE(entries, 10);
  e.writeUInt32LE(size, 12);
  e.writeUInt32LE(offset, 16);
  return e;
}

export function makeZip(members: ZipMember[]): Buffer {
  const parts: Buffer[] = [];
  const written: Written[] = [];
  let offset = 0;
  for (const m of members) {
    const raw = Buffer.isBuffer(m.data) ? m.data : Buffer.from(m.data);
    const method = m.method ?? 8;
    const body = method === 8 ? deflateRawSync(raw) : raw;
    const w: Written = {
      name: Buffer.from(m.name),
      method,
      flags: m.encrypted ? 1 : 0,
      crc: crc32(raw),
      compressed: body.length,
      size: m.declaredSize ?? raw.length,
      offset,
    };
    const header = localHeader(w);
    parts.push(header, body);
    offset += header.length + body.length;
    written.push(w);
  }
  const central = Buffer.concat(written.map(centralHeader));
  return Buffer.concat([...parts, central, endOfCentralDirectory(written.length, central.length, offset)]);
}

/**
 * A zip whose `copies` central-directory entries all point at the same deflated local file: the
 * overlapping-files trick of non-recursive zip bombs (each entry inflates to the full data).
 */
export function makeOverlappingZip(name: string, data: Buffer, copies: number): Buffer {
  const body = deflateRawSync(data);
  const first: Written = { name: Buffer.from(name), method: 8, flags: 0, crc: crc32(data), compressed: body.length, size: data.length, offset: 0 };
  const header = localHeader(first);
  const entries = Array.from({ length: copies }, () => first);
  const central = Buffer.concat(entries.map(centralHeader));
  return Buffer.concat([header, body, central, endOfCentralDirectory(copies, central.length, header.length + body.length)]);
}
