// The engine of a bulk run (`domain --file` over thousands of domains): at most `concurrency` items in
// flight, each result handed to `emit` as soon as it may be printed. In order (the default), a result
// that finished early waits in a reorder buffer of at most `window` results; when the buffer is full
// no new item starts until the oldest one is done, so memory stays bounded whatever the count.
// Unordered, results are emitted as they complete.

import { YIELD_MS, nextTurn } from '../core/turn.js';

export interface BoundedRunOptions {
  concurrency: number;
  /** Most results waiting for an earlier one (ordered runs). */
  window: number;
  ordered: boolean;
  /** True when no more items should start (the reader of stdout went away). */
  stopped?: () => boolean;
  /** The longest stretch of work between two turns of the event loop (default YIELD_MS). */
  yieldMs?: number;
}

export { YIELD_MS };

/** Default reorder window: rendered results (a few KiB each) waiting for a slow earlier domain. */
export const REORDER_WINDOW = 1024;

/**
 * Runs `work(0) … work(count - 1)` and calls `emit(value, index)` for each, in index order unless
 * `ordered` is false. Resolves when every started item was emitted; rejects with the first error.
 */
export function runBounded<T>(count: number, work: (index: number) => Promise<T>, options: BoundedRunOptions, emit: (value: T, index: number) => void): Promise<void> {
  const window = Math.max(1, options.window);
  return new Promise<void>((resolve, reject) => {
    let started = 0;
    let emitted = 0;
    let active = 0;
    let failed = false;
    const buffer = new Map<number, T>();
    // Work answered at once (a zone file) never waits for I/O: a turn of the event loop every YIELD_MS
    // (core/turn.ts), or Ctrl-C and the progress bar wait for the end of the whole run.
    let lastYield = performance.now();
    let yielding = false;
    const next = (): void => {
      if (performance.now() - lastYield < (options.yieldMs ?? YIELD_MS)) return pump();
      if (yielding) return;
      yielding = true;
      void nextTurn().then(() => {
        yielding = false;
        lastYield = performance.now();
        pump();
      });
    };
    const pump = (): void => {
      if (failed) return;
      while (active < options.concurrency && started < count && !options.stopped?.() && (!options.ordered || started - emitted < window)) {
        const index = started++;
        active++;
        work(index).then(
          (value) => {
            active--;
            try {
              if (!options.ordered) {
                emitted++;
                emit(value, index);
              } else {
                buffer.set(index, value);
                while (buffer.has(emitted)) {
                  const next = buffer.get(emitted) as T;
                  buffer.delete(emitted);
                  emit(next, emitted++);
                }
              }
            } catch (error) {
              failed = true;
              reject(error as Error);
              return;
            }
            next();
          },
          (error: unknown) => {
            failed = true;
            reject(error as Error);
          },
        );
      }
      if (active === 0 && (started === count || options.stopped?.())) resolve();
    };
    pump();
  });
}

/** FNV-1a (32 bits) of a text's UTF-16 code units: a fast, stable, well-spread hash for sharding. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** `--shard K/N` (K from 1 to N): whether a domain belongs to shard K. Deterministic, the same on every machine. */
export function inShard(domain: string, shard: { index: number; count: number }): boolean {
  return fnv1a(domain.toLowerCase()) % shard.count === shard.index - 1;
}

/** The domains an earlier run's NDJSON output holds (`--resume`), and the bytes up to its last whole line. */
export async function domainsInNdjson(file: string): Promise<{ domains: Set<string>; wholeBytes: number; exists: boolean }> {
  const { createReadStream } = await import('node:fs');
  const domains = new Set<string>();
  let wholeBytes = 0;
  let rest = '';
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const text = rest + chunk;
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        const line = text.slice(start, end);
        wholeBytes += Buffer.byteLength(line) + 1;
        const domain = domainOfLine(line);
        if (domain !== undefined) domains.add(domain);
        start = end + 1;
      }
      rest = text.slice(start);
      // A line longer than a report ever is (a corrupt file) is not kept whole in memory.
      if (rest.length > 64 * 1024 * 1024) throw Object.assign(new Error('line too long'), { code: 'EFBIG' });
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { domains, wholeBytes: 0, exists: false };
    throw error;
  }
  return { domains, wholeBytes, exists: true };
}

/** The `domain` of one NDJSON report line (its first key), without parsing the whole report. */
export function domainOfLine(line: string): string | undefined {
  const match = /^\{"domain":("(?:[^"\\]|\\.)*")/.exec(line);
  if (!match) return undefined;
  try {
    const value: unknown = JSON.parse(match[1] as string);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
