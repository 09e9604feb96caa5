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
