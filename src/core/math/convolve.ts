/**
 * The convolution loop that the network view's pass on the cpu backend (`layer-loops.ts`) and
 * the library's cpu kernel for tfjs (`core/runtime/cpu-conv-kernels.tf.ts`) both run, with
 * tfjs' conventions: channels-last values, the kernel as [rows, columns, in, out] (Keras'
 * layout), each output the sum over the window's rows, columns and input channels in that
 * order, rounded to float32 after every product, as tfjs' own cpu loop sums it. The bias
 * comes after the sum, as tfjs adds it: the results are tfjs' to the bit.
 *
 * It is faster than tfjs' loop for keeping four output channels' sums in registers, so that
 * each input value read serves four products instead of one read and one write of the output
 * per product.
 */

/**
 * Where a convolution's windows sit, named as tfjs names them (its `Conv2DInfo` has these
 * fields): sizes, steps, dilations, and the padding before the first row and column.
 */
export interface ConvWindows {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  padInfo: { top: number; left: number };
}

/** Channels summed at a time. */
export const LANES = 4;

/**
 * Offsets 0 to 3 from channel `first`, each kept at or before the last of `count` channels:
 * a block that runs past the last channel repeats it, and the repeat's sum, that channel's
 * own, is written twice.
 */
export function lanes(first: number, count: number): [number, number, number, number] {
  const last = count - 1 - first;
  return [0, Math.min(1, last), Math.min(2, last), Math.min(3, last)];
}

/** The convolution of `xs` with `ws`, plus `bias` (one value per output channel) if given, into `ys`. */
export function convolve(
  xs: Float32Array,
  ws: Float32Array,
  windows: ConvWindows,
  bias: Float32Array | undefined,
  ys: Float32Array,
): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = windows;
  const { strideHeight, strideWidth, filterHeight, filterWidth, dilationHeight, dilationWidth } = windows;
  const { top, left } = windows.padInfo;
  const f32 = Math.fround;
  for (let b = 0; b < batchSize; b++) {
    for (let yr = 0; yr < outHeight; yr++) {
      for (let yc = 0; yc < outWidth; yc++) {
        const yAt = ((b * outHeight + yr) * outWidth + yc) * outChannels;
        for (let o = 0; o < outChannels; o += LANES) {
          const [, o1, o2, o3] = lanes(o, outChannels);
          let s0 = 0;
          let s1 = 0;
          let s2 = 0;
          let s3 = 0;
          for (let r = 0; r < filterHeight; r++) {
            const xr = yr * strideHeight + r * dilationHeight - top;
            if (xr < 0 || xr >= inHeight) continue;
            for (let c = 0; c < filterWidth; c++) {
              const xc = yc * strideWidth + c * dilationWidth - left;
              if (xc < 0 || xc >= inWidth) continue;
              const xAt = ((b * inHeight + xr) * inWidth + xc) * inChannels;
              let w = (r * filterWidth + c) * inChannels * outChannels + o;
              for (let i = 0; i < inChannels; i++, w += outChannels) {
                const v = xs[xAt + i];
                s0 = f32(s0 + v * ws[w]);
                s1 = f32(s1 + v * ws[w + o1]);
                s2 = f32(s2 + v * ws[w + o2]);
                s3 = f32(s3 + v * ws[w + o3]);
              }
            }
          }
          ys[yAt + o] = bias ? s0 + bias[o] : s0;
          ys[yAt + o + o1] = bias ? s1 + bias[o + o1] : s1;
          ys[yAt + o + o2] = bias ? s2 + bias[o + o2] : s2;
          ys[yAt + o + o3] = bias ? s3 + bias[o + o3] : s3;
        }
      }
    }
  }
}
