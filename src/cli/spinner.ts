// A one-line progress spinner on stderr, instead of ora: ora 9.4.1 divides by the terminal's width
// and loops forever at 100 % CPU when a terminal reports 0 columns (`script`, `docker exec -t`
// without a size: ora's `columns ?? 80` lets a real 0 through), and its stdin discarding puts the
// terminal in raw mode, so Ctrl-C stops working (sindresorhus/ora#253). We need neither multi-line
// clearing nor stdin handling: one line, cut to the width, redrawn in place with \r.

import { safeLine } from '../render/escape.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const INTERVAL_MS = 80;
const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';
const CLEAR_LINE = '\r\u001b[2K';

/** The part of a stream the spinner uses (a terminal's stderr). */
export interface SpinnerStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Spinner {
  update(text: string): void;
  /** Clears the line and shows the cursor again; safe to call twice. */
  stop(): void;
}

/** True when a spinner can be drawn: a terminal that reports a width (a 0-column terminal gets none). */
export function canSpin(stream: SpinnerStream | undefined): stream is SpinnerStream {
  return stream?.isTTY === true && typeof stream.columns === 'number' && stream.columns > 0;
}

/** Starts drawing at once; the timer never keeps the process alive. */
export function startSpinner(stream: SpinnerStream, text: string): Spinner {
  let current = safeLine(text);
  let frame = 0;
  let stopped = false;
  const draw = () => {
    const width = stream.columns ?? 0;
    // The terminal lost its size (resized to nothing): draw nothing rather than guess.
    if (width <= 0) return;
    const line = `${FRAMES[frame++ % FRAMES.length]} ${current}`;
    stream.write(`${CLEAR_LINE}${[...line].slice(0, Math.max(1, width - 1)).join('')}`);
  };
  stream.write(HIDE_CURSOR);
  draw();
  const timer = setInterval(draw, INTERVAL_MS);
  timer.unref();
  return {
    update(next) {
      current = safeLine(next);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      stream.write(`${CLEAR_LINE}${SHOW_CURSOR}`);
    },
  };
}
