/** Parsing and checking of the stepper's attributes, with messages that say how to fix them. */
import { parseMatrix } from '../../core/math/matrix.js';
import type { PoolMode } from '../../core/math/pooling-plan.js';

export { PADDINGS, parsePadding } from '../../core/math/window-geometry.js';
export const MODES: readonly PoolMode[] = ['max', 'avg', 'min'];

/**
 * The largest map the stepper shows: every cell is a readable number on screen, and a
 * bigger map would be a wall of tiny cells (and a slow page) rather than a lesson.
 */
export const MAX_SIDE = 32;

/** A map given as JSON text or as an array: a non-empty rectangle of finite numbers, at most 32×32. */
export function parseValues(input: unknown): number[][] {
  const map = parseMatrix(input, 'values');
  const [h, w] = [map.length, map[0].length];
  if (h > MAX_SIDE || w > MAX_SIDE) {
    throw new Error(
      `values is a ${h}×${w} map; the stepper shows at most ${MAX_SIDE}×${MAX_SIDE} cells. ` +
        'Give a smaller map, or pool a big image through src (it is reduced to 16×16).',
    );
  }
  return map;
}

/** A map read from elsewhere (a linked feature map): every value finite, or a message that says where it is not. */
export function checkFiniteMap(map: number[][], what: string): number[][] {
  map.forEach((row, r) =>
    row.forEach((v, c) => {
      if (!Number.isFinite(v)) {
        throw new Error(
          `${what} holds ${String(v)} at row ${r + 1}, column ${c + 1}: the numbers overflowed. ` +
            'Use a smaller kernel or bias there (or normalize it), then the stepper follows again.',
        );
      }
    }),
  );
  return map;
}

/** Milliseconds per step while playing: 50 (fast) to 10000 (slow). */
export function parseSpeed(input: unknown): number {
  const ms = Number(input);
  if (!(ms >= 50 && ms <= 10000))
    throw new Error(
      `speed "${String(input)}" is out of range: give milliseconds per step from 50 to 10000 (the default is 700).`,
    );
  return ms;
}

/** Seed of the random map: a whole number. */
export function parseSeed(input: unknown): number {
  const n = Number(input);
  if (!Number.isSafeInteger(n))
    throw new Error(
      `seed "${String(input)}" is not a whole number: any whole number gives its own map (the default is 1).`,
    );
  return n;
}

/** A window or stride given as `2`, `"2"`, `"2x3"` or `"2×3"`, each side within [1, max]. */
export function parsePair(input: unknown, name: string, max = 5): [number, number] {
  const text = String(input).trim();
  const match = /^(\d+)\s*(?:[x×*]\s*(\d+))?$/i.exec(text);
  const h = match ? Number(match[1]) : NaN;
  const w = match ? Number(match[2] ?? match[1]) : NaN;
  if (!(h >= 1 && h <= max && w >= 1 && w <= max)) {
    throw new Error(
      `${name} "${text}" is not allowed: use a whole number from 1 to ${max}, or two as "2x3".`,
    );
  }
  return [h, w];
}

export function parseMode(input: unknown): PoolMode {
  if ((MODES as readonly unknown[]).includes(input)) return input as PoolMode;
  throw new Error(`mode "${String(input)}" is unknown: use ${MODES.join(', ')}.`);
}

/** rows/cols of the seeded random map: 1..16. */
export function parseSide(input: unknown, name: string): number {
  const n = Number(input);
  if (!Number.isInteger(n) || n < 1 || n > 16)
    throw new Error(`${name} must be a whole number from 1 to 16, not "${String(input)}".`);
  return n;
}
