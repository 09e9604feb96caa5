/**
 * The output pixel the playground inspects: the one a page asks for (`pixel="row,col"`),
 * checked, and the one it starts from.
 */

/**
 * The output pixel the playground inspects before the reader points anywhere: where the
 * kernel responds most strongly, away from the map's edges (a corner is where padding,
 * not the picture, decides the value), so the first look shows the idea.
 */
export function strongestPixel(
  values: ArrayLike<number>,
  [rows, cols, channels]: readonly [number, number, number],
): [number, number] {
  // Keep a margin of an eighth of each side, when the map is big enough to afford one.
  const mr = rows >= 8 ? Math.floor(rows / 8) : 0;
  const mc = cols >= 8 ? Math.floor(cols / 8) : 0;
  let best: [number, number] = [Math.floor(rows / 2), Math.floor(cols / 2)];
  let bestScore = -Infinity;
  for (let r = mr; r < rows - mr; r++) {
    for (let c = mc; c < cols - mc; c++) {
      let score = 0;
      for (let k = 0; k < channels; k++) score += Math.abs(values[(r * cols + c) * channels + k]);
      // Strictly greater: ties keep the first in reading order.
      if (score > bestScore) {
        bestScore = score;
        best = [r, c];
      }
    }
  }
  return best;
}

const PIXEL_FORMAT = 'two whole numbers from 0, the output row and column, such as pixel="12,40"';

/**
 * An output pixel a page gives: `"row,col"` (a space works too, or a JSON pair) or a
 * `[row, col]` array. Throws an Error that says the expected form.
 */
export function parsePixel(value: string | readonly unknown[]): [number, number] {
  // A page may hand the property anything: only a string or an array can be a pixel.
  const parts =
    typeof value === 'string'
      ? value
          .trim()
          .replace(/^\[(.*)\]$/, '$1')
          .split(/\s*[,\s]\s*/)
      : Array.isArray(value)
        ? [...(value as unknown[])]
        : [];
  const [row, col] = parts.map((p) =>
    typeof p === 'number' ? p : typeof p === 'string' && p.trim() !== '' ? Number(p) : NaN,
  );
  if (parts.length !== 2 || ![row, col].every((n) => Number.isInteger(n) && n >= 0))
    throw new Error(`pixel must be ${PIXEL_FORMAT}, not "${String(value)}".`);
  return [row, col];
}

/** Why `pixel` is not on an `rows`×`cols` map, or undefined when it is. */
export function pixelOutside(
  [row, col]: readonly [number, number],
  [rows, cols]: readonly number[],
): string | undefined {
  if (row < rows && col < cols) return undefined;
  return `pixel ${row},${col} is outside the ${rows}×${cols} feature map: rows 0 to ${rows - 1}, columns 0 to ${cols - 1}. The inspected pixel stays where it was.`;
}
