import type { FailOn } from '../core/exit.js';
import { UsageError } from './exit-codes.js';

// The options of the one exit-code policy (core/exit.ts), read the same way by every command that has them.

export function readFailOn(raw: unknown, fallback: FailOn): FailOn {
  const value = String(raw ?? fallback);
  if (!['error', 'warning', 'info', 'none'].includes(value)) throw new UsageError('fail-on', { value });
  return value as FailOn;
}

export function readMinScore(raw: unknown): number {
  const value = String(raw ?? '0');
  if (!/^\d+$/.test(value) || Number(value) > 100) throw new UsageError('min-score', { value });
  return Number(value);
}
