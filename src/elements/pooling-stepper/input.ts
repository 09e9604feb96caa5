/** Parsing and checking of the stepper's attributes, with messages that say how to fix them. */
import type { Padding, PoolMode } from '../../core/pooling-plan.js';

export const MODES: readonly PoolMode[] = ['max', 'avg', 'min'];
export const PADDINGS: readonly Padding[] = ['valid', 'same'];

/** A map given as JSON text or as an array: checks it is a non-empty rectangle of finite numbers. */
export function parseValues(input: unknown): number[][] {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw new Error(`values is not valid JSON: give a 2-D array such as [[1, 2], [3, 4]].`);
    }
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every(Array.isArray)) {
    throw new Error('values must be a 2-D array of numbers, such as [[1, 2], [3, 4]].');
  }
  const rows = value as unknown[][];
  const width = rows[0].length;
  if (width === 0) throw new Error('values has an empty first row: every row needs at least one number.');
  rows.forEach((row, r) => {
    if (row.length !== width) {
      throw new Error(`values is ragged: row ${r + 1} has ${row.length} numbers but row 1 has ${width}. Every row needs the same length.`);
    }
    row.forEach((v, c) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new Error(`values[${r}][${c}] is ${JSON.stringify(v)}, not a number. Use numbers only.`);
      }
    });
  });
  return rows as number[][];
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

export function parsePadding(input: unknown): Padding {
  if ((PADDINGS as readonly unknown[]).includes(input)) return input as Padding;
  throw new Error(`padding "${String(input)}" is unknown: use valid or same.`);
}

/** rows/cols of the seeded random map: 1..16. */
export function parseSide(input: unknown, name: string): number {
  const n = Number(input);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new Error(`${name} must be a whole number from 1 to 16, not "${String(input)}".`);
  return n;
}
