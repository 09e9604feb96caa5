/**
 * OpenCV's borders written as plain loops, independent of src/: where a pixel outside
 * the image reads from, and a filter2D (correlation, anchor at the kernel's centre)
 * over one channel with that border.
 */

/** BORDER_REFLECT_101 by its period: the sequence 0,1,…,n−1,n−2,…,1 repeats every 2(n−1). */
export function reflect101(p: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  const m = ((p % period) + period) % period;
  return m < n ? m : period - m;
}

/** BORDER_REPLICATE: clamp to the edge. */
export function replicate(p: number, n: number): number {
  return Math.min(n - 1, Math.max(0, p));
}

export type BorderRef = 'same' | 'reflect' | 'replicate';

/**
 * A full-size correlation of `channel` of an HWC image with `kernel`, anchored at
 * (floor(kh/2), floor(kw/2)) as filter2D's default anchor is, then every `stride`-th
 * output. `same` reads zeros outside (centred as filter2D would, which for odd kernels is
 * also TensorFlow's `same`).
 */
export function filter2DRef(
  img: { values: ArrayLike<number>; height: number; width: number; channels: number },
  kernel: number[][],
  border: BorderRef,
  stride = 1,
  channel = 0,
): { values: Float64Array; height: number; width: number } {
  const kh = kernel.length;
  const kw = kernel[0].length;
  const ay = Math.floor(kh / 2);
  const ax = Math.floor(kw / 2);
  const height = Math.ceil(img.height / stride);
  const width = Math.ceil(img.width / stride);
  const values = new Float64Array(height * width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          let r = y * stride + i - ay;
          let c = x * stride + j - ax;
          if (border === 'same') {
            if (r < 0 || c < 0 || r >= img.height || c >= img.width) continue;
          } else {
            const at = border === 'reflect' ? reflect101 : replicate;
            r = at(r, img.height);
            c = at(c, img.width);
          }
          sum += kernel[i][j] * img.values[(r * img.width + c) * img.channels + channel];
        }
      }
      values[y * width + x] = sum;
    }
  }
  return { values, height, width };
}

/** cv::saturate_cast<uchar>: round to nearest, clamp to 0..255. */
export function saturateU8(v: number): number {
  return Math.min(255, Math.max(0, Math.round(v)));
}
