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
 */
export function reduceFeatureMap(
  values: ArrayLike<number>,
  [h, w, c]: [number, number, number],
  maxSide = 16,
): number[][] {
  const factor = Math.max(1, Math.ceil(Math.max(h, w) / maxSide));
  const oh = Math.ceil(h / factor);
  const ow = Math.ceil(w / factor);
  const grid: number[][] = [];
  for (let r = 0; r < oh; r++) {
    const line: number[] = [];
    for (let col = 0; col < ow; col++) {
      let sum = 0;
      let n = 0;
      for (let y = r * factor; y < Math.min(h, (r + 1) * factor); y++) {
        for (let x = col * factor; x < Math.min(w, (col + 1) * factor); x++) {
          for (let k = 0; k < c; k++) sum += values[(y * w + x) * c + k];
          n += c;
        }
      }
      line.push(Math.round((sum / n) * 100) / 100);
    }
    grid.push(line);
  }
  return grid;
}
