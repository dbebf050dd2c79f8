import fc from 'fast-check';

// Property tests of the parsers (test/fuzz-*.test.ts) with fast-check, on a bounded budget.
//
// Every input is timed: one that takes over PER_INPUT_MS is a failure, since that is how quadratic
// behaviour shows on inputs of a few kilobytes (a linear parser takes microseconds on them). This is
// a bound on each input, not a timed test of speed. An input over the bound is run again and
// fails only when it is slow every time, so one garbage-collection pause or a busy machine does not fail
// the run; a super-linear input is slow every time. Set FUZZ_SEED to replay a failing run.

/** Most milliseconds one input may take. */
export const PER_INPUT_MS = 100;

const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/**
 * fast-check parameters: `runs` inputs, cut short after `budgetMs` (not a failure: the budget bounds
 * the run's time, and the inputs already checked count).
 */
export function budget(runs: number, budgetMs = 1500): fc.Parameters<unknown> {
  return { numRuns: runs, interruptAfterTimeLimit: budgetMs, markInterruptAsFailure: false, ...(seed === undefined ? {} : { seed }) };
}

/** Tries an input gets before it fails: a loaded machine (CI, other work) can be slow twice in a row. */
const TRIES = 3;

/** Runs fn(input), failing when it takes longer than PER_INPUT_MS on each of TRIES runs. */
export function timed<T>(what: string, fn: () => T): T {
  let fastest = Infinity;
  let result: T;
  for (let i = 0; ; i++) {
    const start = performance.now();
    result = fn();
    fastest = Math.min(fastest, performance.now() - start);
    if (fastest <= PER_INPUT_MS) return result;
    if (i + 1 === TRIES) break;
  }
  throw new Error(`${what} took ${fastest.toFixed(0)} ms at best (over ${PER_INPUT_MS} ms ${TRIES} times): super-linear on this input`);
}

/** A string of `unit`s (one-character strings or an arbitrary of them), up to maxLength of them. */
export function stringOf(units: readonly string[] | fc.Arbitrary<string>, maxLength: number): fc.Arbitrary<string> {
  const unit = Array.isArray(units) ? fc.constantFrom(...(units as string[])) : (units as fc.Arbitrary<string>);
  return fc.string({ unit, maxLength });
}

/** Text of any code points (well-formed UTF-16), the inputs a stranger's DNS answer can decode to. */
export const anyText = (maxLength: number) => fc.string({ unit: 'binary', maxLength });

/**
 * Attack-string shaped inputs (prefix + pump repeated + suffix, about `length` characters): the shape
 * that makes a backtracking regex or a rescanning loop quadratic, long enough (tens of KB) that a
 * quadratic parser takes seconds where a linear one takes milliseconds.
 */
export function pumped(units: readonly string[], length = 20_000): fc.Arbitrary<string> {
  const piece = (min: number, max: number) => fc.array(fc.constantFrom(...units), { minLength: min, maxLength: max }).map((p) => p.join(''));
  // Mostly one unit pumped (`aaaa...`), the likeliest to find a quantifier that rescans.
  const pump = fc.oneof({ weight: 3, arbitrary: piece(1, 1) }, { weight: 1, arbitrary: piece(2, 5) });
  return fc.tuple(piece(0, 4), pump, piece(0, 4)).map(([prefix, p, suffix]) => prefix + p.repeat(Math.ceil(length / p.length)) + suffix);
}
