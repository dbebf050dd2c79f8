import type { Io } from './io.js';

// A one-line progress display on stderr, for a person watching a long run: rows done, rows per second
// and, when the input's size is known, the time left. Drawn only when stderr is a terminal; redrawn at
// most every 200 ms (and on a timer while rows wait for DNS); the line is cut to the terminal's width,
// which counts as 80 columns when the terminal reports 0 (ora's spinner hangs on such terminals).

export interface ProgressState {
  rows: number;
  /** Bytes of input read so far, and the input's size when known (a file, not a pipe). */
  bytes: number;
  totalBytes?: number;
}

export interface Progress {
  update(state: ProgressState): void;
  /** Erases the line (before other output goes to the same terminal); the next update draws it again. */
  clear(): void;
  /** Erases the line and stops the timer. */
  done(): void;
}

const NO_PROGRESS: Progress = { update() {}, clear() {}, done() {} };

/** "1h 02m", "3m 05s", "12s". */
export function formatEta(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** What the line says: rows, rows/s, and the ETA from the share of bytes read. Pure. */
export function progressFigures(state: ProgressState, elapsedMs: number): { rows: number; rate: number; eta?: string } {
  const seconds = Math.max(elapsedMs, 1) / 1000;
  const rate = Math.round(state.rows / seconds);
  const figures: { rows: number; rate: number; eta?: string } = { rows: state.rows, rate };
  if (state.totalBytes && state.bytes > 0 && state.bytes <= state.totalBytes && elapsedMs >= 1000) {
    figures.eta = formatEta(((state.totalBytes - state.bytes) / state.bytes) * seconds);
  }
  return figures;
}

export function createProgress(io: Io, words: (figures: { rows: number; rate: number; eta?: string }) => string, now: () => number = () => performance.now()): Progress {
  if (!io.stderrIsTTY) return NO_PROGRESS;
  const start = now();
  let last = -Infinity;
  let drawn = false;
  let state: ProgressState = { rows: 0, bytes: 0 };
  const width = (): number => {
    const columns = io.stderrStream?.columns;
    return typeof columns === 'number' && columns > 0 ? columns : 80;
  };
  const draw = (): void => {
    last = now();
    const text = words(progressFigures(state, last - start));
    io.stderr(`\r${text.slice(0, width() - 1)}\u001b[K`);
    drawn = true;
  };
  const timer = setInterval(() => {
    if (now() - last >= 200) draw();
  }, 250);
  timer.unref?.();
  return {
    update(next) {
      state = next;
      if (now() - last >= 200) draw();
    },
    clear() {
      if (drawn) io.stderr('\r\u001b[K');
      drawn = false;
    },
    done() {
      clearInterval(timer);
      if (drawn) io.stderr('\r\u001b[K');
      drawn = false;
    },
  };
}
