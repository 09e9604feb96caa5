/**
 * Turns pictures and feature maps into small grids of numbers a reader can read
 * cell by cell. Reads image sources; draws nothing.
 */
import { readImage } from './image-input.js';

/** Loads an image URL and reduces it to grayscale 0..255, longest side at most `maxSide`. */
export async function imageToGrid(url: string, maxSide = 16): Promise<number[][]> {
  const { data, width: w, height: h } = await readImage(url, { maxSide, minSide: 1 });
  return Array.from({ length: h }, (_, r) =>
    Array.from({ length: w }, (_, c) => {
      const i = (r * w + c) * 4;
      return Math.round(0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]);
    }),
  );
}

/**
 * Reduces an HWC feature map to a readable 2-D grid: channels averaged, then
 * block-averaged so the longest side is at most `maxSide`, values rounded to 2 decimals.
 * One pass in storage order: a linked playground's map is up to 512×512×3 and is reduced
 * while the page loads, before the engine has optimised anything.
 */
export function reduceFeatureMap(
  values: ArrayLike<number>,
  [h, w, c]: [number, number, number],
  maxSide = 16,
): number[][] {
  const factor = Math.max(1, Math.ceil(Math.max(h, w) / maxSide));
  const oh = Math.ceil(h / factor);
  const ow = Math.ceil(w / factor);
  const sums = new Float64Array(oh * ow);
  const counts = new Float64Array(oh * ow);
  let i = 0;
  for (let y = 0; y < h; y++) {
    const row = Math.floor(y / factor) * ow;
    for (let x = 0; x < w; x++) {
      const cell = row + Math.floor(x / factor);
      for (let k = 0; k < c; k++) sums[cell] += values[i++];
      counts[cell] += c;
    }
  }
  return Array.from({ length: oh }, (_, r) =>
    Array.from(
      { length: ow },
      (_, col) => Math.round((sums[r * ow + col] / counts[r * ow + col]) * 100) / 100,
    ),
  );
}
