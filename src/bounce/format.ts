import type { ParsedMessage } from '../mail/message.js';
import type { FormatResult } from './types.js';

/** One sender format (an MTA or a provider): a cheap guard, then a parser into delivery records. */
export interface BounceFormat {
  id: string;
  /** Cheap test on headers (and at most a glance at the body). */
  detect(message: ParsedMessage): boolean;
  /** Records for every recipient, or null when the message turned out not to be in this format. */
  parse(message: ParsedMessage): FormatResult | null;
}
