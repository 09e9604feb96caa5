/** Parsing and checking of the stepper's attributes, with messages that say how to fix them. */
import { parseMatrix } from '../../core/matrix.js';
import type { PoolMode } from '../../core/pooling-plan.js';

export { PADDINGS, parsePadding } from '../../core/window-geometry.js';
export const MODES: readonly PoolMode[] = ['max', 'avg', 'min'];

/** A map given as JSON text or as an array: a non-empty rectangle of finite numbers. */
export function parseValues(input: unknown): number[][] {
  return parseMatrix(input, 'values');
}

/** A window or stride given as `2`, `"2"`, `"2x3"` or `"2×3"`, each side within [1, max]. */
export function parsePair(input: unknown, name: string, max = 5): [number, number] {
  const text = String(input).trim();
  const match = /^(\d+)\s*(?:[x×*]\s*(\d+))?$/i.exec(text);
  const h = match ? Number(match[1]) : NaN;
  const w = match ? Number(match[2] ?? match[1]) : NaN;
  if (!(h >= 1 && h <= max && w >= 1 && w <= max)) {
    throw new Error(`${name} "${text}" is not allowed: use a whole number from 1 to ${max}, or two as "2x3".`);
  }
  return [h, w];
}

export function parseMode(input: unknown): PoolMode {
  if ((MODES as readonly unknown[]).includes(input)) return input as PoolMode;
  throw new Error(`mode "${String(input)}" is unknown: use max, avg or min.`);
}

/** rows/cols of the seeded random map: 1..16. */
export function parseSide(input: unknown, name: string): number {
  const n = Number(input);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new Error(`${name} must be a whole number from 1 to 16, not "${String(input)}".`);
  return n;
}
