/**
 * The playground's convolution in motion, in plain numbers: the inspected output pixel
 * moves in reading order (left to right, then down), one pixel per tick on small maps
 * and one row per tick on wide ones or when the reader prefers reduced motion.
 */

export type ScanSpeed = 'slow' | 'medium' | 'fast';
export const SCAN_SPEEDS: readonly ScanSpeed[] = ['slow', 'medium', 'fast'];

/** Ticks per second of each speed. */
const RATES: Record<ScanSpeed, number> = { slow: 2, medium: 6, fast: 20 };

/** Maps wider than this are scanned a row per tick: a 512-wide map pixel by pixel would take minutes. */
export const PIXEL_SCAN_MAX_WIDTH = 32;

export function scanInterval(speed: ScanSpeed): number {
  return 1000 / (RATES[speed] ?? RATES.medium);
}

/** True when a tick moves a whole row. */
export function scansByRows(width: number, reducedMotion: boolean): boolean {
  return reducedMotion || width > PIXEL_SCAN_MAX_WIDTH;
}

/** The reading-order index of (row, col) in a map `width` wide, and back. */
export const scanIndex = (row: number, col: number, width: number) => row * width + col;
export const scanPixel = (index: number, width: number): [number, number] => [
  Math.floor(index / width),
  index % width,
];

/**
 * The index after one tick from `index` on a `height`×`width` map; undefined past the
 * end. By rows, it goes to the same column of the next row, and from the last row to
 * the last pixel so the map always ends full.
 */
export function scanNext(index: number, height: number, width: number, byRows: boolean): number | undefined {
  const last = height * width - 1;
  if (index >= last) return undefined;
  if (!byRows) return index + 1;
  return Math.min(last, index + width);
}
