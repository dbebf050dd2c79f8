import { Chalk, type ChalkInstance } from 'chalk';
import type { Io } from './io.js';

/**
 * Decides colour once: --no-color, then NO_COLOR (which chalk alone ignores), then FORCE_COLOR,
 * then whether stdout is a terminal. Renderers receive the instance, never global state.
 */
export function makeChalk(io: Io, colorFlag: boolean): ChalkInstance {
  const env = io.env;
  let level: 0 | 1 | 2 | 3;
  if (!colorFlag || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) level = 0;
  else if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') level = 1;
  else level = io.stdoutIsTTY ? 2 : 0;
  return new Chalk({ level });
}
