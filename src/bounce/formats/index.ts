// The explicit order in which sender formats are tried: specific MTAs and providers first (their guards
// are cheap header tests), then the generic RFC 3464 reader, feedback reports, auto-replies, and a scanner.
import type { BounceFormat } from '../format.js';
import { arf } from './arf.js';
import { rfc3464 } from './rfc3464.js';
import { rfc3834 } from './rfc3834.js';
import { scanner } from './scanner.js';

export const FORMATS: readonly BounceFormat[] = [arf];

export const FALLBACK_FORMATS: readonly BounceFormat[] = [rfc3464, rfc3834, scanner];
