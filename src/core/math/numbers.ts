/** Small numeric helpers the elements and the drawing code share (plain arithmetic, no tfjs). */

/** `v` limited to [lo, hi]; `lo` when the range is empty (hi < lo). */
export function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), Math.max(lo, hi));
}

/** Smallest and largest of every `stride`-th value from `offset` (one channel of an HWC array, or all values). */
export function valueRange(values: ArrayLike<number>, offset = 0, stride = 1): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = offset; i < values.length; i += stride) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  return [min, max];
}

/** A size for a reader: "812 kB", "4.2 MB", "58 MB" (binary units, one decimal below ten). */
export function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${(bytes / 1024).toFixed(bytes < 10240 ? 1 : 0)} kB`
    : `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
