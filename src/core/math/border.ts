/**
 * The convolution's border modes. TensorFlow's `valid` and `same` (zeros) come from
 * window-geometry.ts; the two OpenCV borders are added here, without tfjs, so the plan,
 * the per-pixel arithmetic and the tfjs side all read the same padded pixels.
 *
 * - `reflect`: cv2.BORDER_REFLECT_101 (`gfedcb|abcdefgh|gfedcba`), the default of
 *   cv2.filter2D: mirrored about the edge pixel, which is not repeated.
 * - `replicate`: cv2.BORDER_REPLICATE (`aaaaaa|abcdefgh|hhhhhhh`).
 *
 * Where the kernel sits follows filter2D's default anchor (the kernel's centre,
 * floor(span / 2) before the pixel), so at stride 1 the output has the input's size and
 * pixel (r, c) is the kernel centred on input (r, c), even for an even-sided kernel.
 */
import type { Padding } from './window-geometry.js';

export type ConvPadding = Padding | 'reflect' | 'replicate';
export const CONV_PADDINGS: readonly ConvPadding[] = ['valid', 'same', 'reflect', 'replicate'];

/** True for the modes that read border pixels from the image instead of zeros. */
export function isImageBorder(padding: ConvPadding): padding is 'reflect' | 'replicate' {
  return padding === 'reflect' || padding === 'replicate';
}

export function parseConvPadding(input: unknown): ConvPadding {
  if ((CONV_PADDINGS as readonly unknown[]).includes(input)) return input as ConvPadding;
  throw new Error(
    `padding "${String(input)}" is unknown: use valid (no padding), same (zeros), reflect (mirror, cv2.filter2D's default) or replicate (repeat the edge).`,
  );
}

/**
 * The image index a border position `p` (any integer) reads along an axis of `n` cells,
 * as OpenCV's borderInterpolate does; repeats the reflection when the border is wider
 * than the image.
 */
export function borderIndex(p: number, n: number, mode: 'reflect' | 'replicate'): number {
  if (p >= 0 && p < n) return p;
  if (mode === 'replicate') return p < 0 ? 0 : n - 1;
  if (n === 1) return 0;
  let q = p;
  while (q < 0 || q >= n) q = q < 0 ? -q : 2 * (n - 1) - q;
  return q;
}

/** The source index of every padded position along an axis: `before` cells, the `n` cells, `after` cells. */
export function borderIndices(
  n: number,
  before: number,
  after: number,
  mode: 'reflect' | 'replicate',
): number[] {
  return Array.from({ length: before + n + after }, (_, i) => borderIndex(i - before, n, mode));
}

/** An image, row-major HWC (the shape of image-channels' ChannelImage). */
interface Grid {
  values: Float32Array;
  height: number;
  width: number;
  channels: number;
}

/**
 * The image as the kernel sees it: `before` rows/columns added above/left and the rest
 * of `total` below/right, holding zeros (`valid`/`same`) or the mirrored or repeated
 * pixels. The playground draws this, so the reader sees the border the sums read.
 */
export function padImage<T extends Grid>(
  image: T,
  before: [number, number],
  total: [number, number],
  padding: ConvPadding,
): T {
  const { height: h, width: w, channels: ch } = image;
  const ph = h + total[0];
  const pw = w + total[1];
  const border = isImageBorder(padding) ? padding : undefined;
  const rows = border
    ? borderIndices(h, before[0], total[0] - before[0], border)
    : Array.from({ length: ph }, (_, i) => i - before[0]);
  const cols = border
    ? borderIndices(w, before[1], total[1] - before[1], border)
    : Array.from({ length: pw }, (_, i) => i - before[1]);
  const values = new Float32Array(ph * pw * ch);
  for (let r = 0; r < ph; r++) {
    const sr = rows[r];
    if (sr < 0 || sr >= h) continue;
    for (let c = 0; c < pw; c++) {
      const sc = cols[c];
      if (sc < 0 || sc >= w) continue;
      for (let k = 0; k < ch; k++) values[(r * pw + c) * ch + k] = image.values[(sr * w + sc) * ch + k];
    }
  }
  return { ...image, values, height: ph, width: pw };
}
