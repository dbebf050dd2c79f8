// Documented in the README; CI scripts depend on these numbers.
export const EXIT_OK = 0;
/** A finding reached --fail-on, the score is under --min-score, a listing, or an --expect that did not hold. */
export const EXIT_FINDINGS = 1;
/** Bad usage or unreadable input. */
export const EXIT_USAGE = 2;
/** Lookups failed, so the answer is incomplete. */
export const EXIT_INCOMPLETE = 3;

/** Thrown for bad usage or bad input; the CLI prints its message as one line and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
