// The mailboxes a list has shown so far, for `address.duplicate`: each key is kept as a 64-bit hash and
// the row of its first occurrence (13 bytes a slot in typed arrays, outside the JS heap; the table is at
// most half full, so 26–52 bytes a key) instead of a string and a Map entry (about 100 bytes on the
// heap): a list of a million addresses costs 26–52 MB here. Two different mailboxes share a hash with
// probability about n² / 2⁶⁵ (3 in 100 million at a million addresses). The hash is cyrb53's
// mixing kept to 64 bits: fast and well spread, not cryptographic (a crafted collision can only mark a
// row as a duplicate of another). node:crypto's md5 was measured at 30 MB of native memory per 200,000 rows.

let hashHi = 0;
let hashLo = 0;

function hash64(key: string): void {
  let h1 = 0xdeadbeef ^ key.length;
  let h2 = 0x41c6ce57 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  hashHi = h1 >>> 0;
  hashLo = h2 >>> 0;
}

export class SeenSet {
  #hi = new Uint32Array(1024);
  #lo = new Uint32Array(1024);
  #row = new Uint32Array(1024);
  #used = new Uint8Array(1024);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** The row a key was first seen at (and `row` recorded for it when new): undefined the first time. */
  firstRow(key: string, row: number): number | undefined {
    hash64(key);
    const hi = hashHi;
    const lo = hashLo;
    const mask = this.#used.length - 1;
    for (let i = lo & mask; ; i = (i + 1) & mask) {
      if (!this.#used[i]) {
        this.#used[i] = 1;
        this.#hi[i] = hi;
        this.#lo[i] = lo;
        this.#row[i] = row;
        if (++this.#size * 2 > this.#used.length) this.#grow();
        return undefined;
      }
      if (this.#hi[i] === hi && this.#lo[i] === lo) return this.#row[i];
    }
  }

  #grow(): void {
    const { length } = this.#used;
    const hi = this.#hi;
    const lo = this.#lo;
    const rows = this.#row;
    const used = this.#used;
    this.#hi = new Uint32Array(length * 2);
    this.#lo = new Uint32Array(length * 2);
    this.#row = new Uint32Array(length * 2);
    this.#used = new Uint8Array(length * 2);
    const mask = length * 2 - 1;
    for (let j = 0; j < length; j++) {
      if (!used[j]) continue;
      let i = (lo[j] as number) & mask;
      while (this.#used[i]) i = (i + 1) & mask;
      this.#used[i] = 1;
      this.#hi[i] = hi[j] as number;
      this.#lo[i] = lo[j] as number;
      this.#row[i] = rows[j] as number;
    }
  }
}
