// How far V8 lets the heap grow past what is alive. By default, after each full collection V8 sets the
// next limit at 1.1–4× the live data, depending on how fast collection is; for a streaming run (list,
// domain --file, an mbox of bounces) whose live data is small and steady but whose garbage is plentiful,
// that lets the peak RSS creep up with the length of the input (measured with bench:list on 20,000
// domains: 168 MB at 10k rows, 208 MB at 100k, with 24–40 MB alive). A limit of 1.3× the live data
// keeps the peak flat (134 / 144 / 142 MB at 10k / 50k / 100k) for about 10 % more CPU, as full
// collections come more often. So only the runs over an input of any length set it (BULK_*: `list`,
// `domain` and `ip` over many names, `bounce` of a large file or stdin): a run over the bounce corpus
// (880 files, 0.6 s) does not gain from it and paid ~7 % CPU. It is V8's --heap-growing-percent, set as
// Node allows (v8.setFlagsFromString: V8 reads it at each full collection, so it holds from the next);
// a --heap-growing-percent or --max-old-space-size of the user's own (NODE_OPTIONS, node's own
// arguments) is left to decide.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 30;
/** `domain` and `ip` over this many names or more are bulk runs. */
export const BULK_NAMES = 100;
/** `bounce` of a file this large (an mbox, streamed) or of stdin is a bulk run. */
export const BULK_BYTES = 32 * 1024 * 1024;

/** Bounds the heap's growth for a bulk run of this process (the command decides that it is one). */
export function boundHeapForBulkRun(env: Record<string, string | undefined>): boolean {
  bulkRuns++;
  return boundHeapGrowth(process.execArgv, env.NODE_OPTIONS);
}

let bulkRuns = 0;

/** How many runs of this process asked for the bound (for tests: which runs count as bulk). */
export function bulkRunCount(): number {
  return bulkRuns;
}

export function boundHeapGrowth(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  const own = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)];
  if (own.some((arg) => /^--(?:heap[-_]growing[-_]percent|max[-_]old[-_]space[-_]size)(?:=|$)/.test(arg))) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
