// Work that never waits for I/O (messages read and analysed synchronously, domains answered from a zone
// file) settles in microtasks only, and the event loop never turns: Ctrl-C (a signal handler runs on the
// loop), timers, a progress bar and the output to a pipe would all wait for the end of the run. Such
// loops give the event loop a turn at least this often.
export const YIELD_MS = 50;

/** Resolves on the next turn of the event loop (after the I/O and signals waiting for it). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
