/**
 * Max pooling's gradient for tfjs' cpu backend. tfjs-backend-cpu 4.22's own reads every
 * element through `TensorBuffer.get()` and walks the batch once per input cell; this one
 * makes one pass over the backend's arrays, with the same result to the bit.
 */
import { backend_util } from '@tensorflow/tfjs-core';
import { output, valuesOf } from './cpu-kernel-args.js';
import type { CpuKernel, Pair, Padding, Rounding } from './cpu-kernel-args.js';

/**
 * Max pooling's gradient: each output's gradient goes to the first largest input of its
 * window in reading order, the rule of tfjs' own kernel (which matters for ties).
 */
export const maxPoolGradCpu: CpuKernel = ({ inputs, backend, attrs }) => {
  const { dy, input } = inputs;
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as {
    filterSize: Pair;
    strides: Pair;
    pad: Padding;
    dimRoundingMode: Rounding;
  };
  const xs = valuesOf(backend, input);
  const dys = valuesOf(backend, dy);
  if (!xs || !dys) return undefined;
  const info = backend_util.computePool2DInfo(
    input!.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  // An input cell that wins several overlapping windows sums their gradients in float64, in
  // reading order, rounded once: as tfjs' own kernel sums them, so the same bits.
  const dx = new Float64Array(xs.length);
  for (let b = 0; b < batchSize; b++) {
    for (let yr = 0; yr < outHeight; yr++) {
      const r0 = yr * strideHeight - top;
      const rEnd = Math.min(inHeight, r0 + filterHeight);
      for (let yc = 0; yc < outWidth; yc++) {
        const c0 = yc * strideWidth - left;
        const cEnd = Math.min(inWidth, c0 + filterWidth);
        const dyAt = ((b * outHeight + yr) * outWidth + yc) * inChannels;
        for (let d = 0; d < inChannels; d++) {
          let best = -Infinity;
          let at = -1;
          for (let xr = Math.max(0, r0); xr < rEnd; xr++) {
            for (let xc = Math.max(0, c0); xc < cEnd; xc++) {
              const i = ((b * inHeight + xr) * inWidth + xc) * inChannels + d;
              if (xs[i] > best) {
                best = xs[i];
                at = i;
              }
            }
          }
          if (at >= 0) dx[at] += dys[dyAt + d];
        }
      }
    }
  }
  return output(backend, input!.shape, Float32Array.from(dx));
};
