/** Parsing of the classifier's attributes, with messages that say how to fix them. */

/** `input-size` as `224`, `"224"`, `"224x160"` (height × width); undefined when empty. */
export function parseInputSize(value: unknown): [number, number] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const text = String(value).trim();
  const match = /^(\d+)\s*(?:[x×*]\s*(\d+))?$/i.exec(text);
  const h = match ? Number(match[1]) : NaN;
  const w = match ? Number(match[2] ?? match[1]) : NaN;
  if (!(h >= 8 && h <= 1024 && w >= 8 && w <= 1024)) {
    throw new Error(
      `input-size "${text}" is not allowed: use a whole number from 8 to 1024 (say 224), or height×width as "224x160".`,
    );
  }
  return [h, w];
}

/** `top-k`: a whole number of at least 1. */
export function parseTopK(value: unknown): number {
  const k = Number(value);
  if (!Number.isInteger(k) || k < 1)
    throw new Error(`top-k must be a whole number of at least 1, not "${String(value)}".`);
  return k;
}

/** Labels for a 10-class digit model. */
export const DIGIT_LABELS = Array.from({ length: 10 }, (_, i) => ({ name: String(i) }));
