import type { Io } from './io.js';

// A progress bar on stderr, drawn only when stderr is a terminal (never in pipes, CI logs or tests):
// one line rewritten in place at most ten times a second, cleared before any other stderr line and at
// the end. Small on purpose: a bar, a count and a label.

export interface Progress {
  /** `done` of `total` steps. */
  update(done: number, total: number): void;
  /** Removes the bar (before printing another line, and at the end). */
  clear(): void;
}

const NONE: Progress = { update() {}, clear() {} };
const INTERVAL_MS = 100;

export function progressBar(io: Io, describe: (done: number, total: number) => string, clock: () => number = Date.now): Progress {
  if (!io.stderrIsTTY) return NONE;
  let shown = false;
  let last = -Infinity;
  const width = () => Math.max(10, Math.min(40, (io.stderrStream?.columns ?? 80) - 40));
  return {
    update(done, total) {
      const now = clock();
      if (done < total && now - last < INTERVAL_MS) return;
      last = now;
      const w = width();
      const filled = total > 0 ? Math.round((done / total) * w) : 0;
      io.stderr(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(w - filled)}] ${describe(done, total)}`);
      shown = true;
    },
    clear() {
      if (!shown) return;
      io.stderr('\r\x1b[2K');
      shown = false;
      last = -Infinity;
    },
  };
}
