// Query defaults, shared by the CLI (--timeout, --retries) and gatherers that budget their own time.
export const DEFAULT_TIMEOUT_MS = 3000;
export const DEFAULT_RETRIES = 1;
