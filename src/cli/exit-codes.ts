import type { Data } from '../core/finding.js';

// The exit codes live in core/exit.ts (the one policy); the CLI re-exports them.
export { EXIT_FINDINGS, EXIT_INCOMPLETE, EXIT_OK, EXIT_USAGE } from '../core/exit.js';

/**
 * Bad usage or bad input: the CLI prints the catalogue entry `errors.<code>` (filled from `data`) as
 * one line and exits 2.
 */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    readonly code: string,
    readonly data: Data = {},
  ) {
    super(code);
  }
}
