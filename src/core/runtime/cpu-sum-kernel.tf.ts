/**
 * tfjs' Sum on the cpu backend over leading axes: a bias's gradient, a batch of maps (or of
 * dense outputs) summed into one value per channel. tfjs-backend-cpu 4.22's own kernel first
 * transposes the tensor to put the summed axes last, a generic index walk over every value;
 * this one adds each row into the sums in place. Each output is the same sum in the same
 * order, in float64 and rounded once, as tfjs' own kernel does: the same bits.
 */
import { util } from '@tensorflow/tfjs-core';
import { output, valuesOf } from './cpu-kernel-args.js';
import type { CpuKernel } from './cpu-kernel-args.js';

export const sumCpu: CpuKernel = ({ inputs, backend, attrs }) => {
  const { x } = inputs;
  const xs = valuesOf(backend, x);
  if (!xs || xs.length === 0) return undefined;
  const shape = x!.shape;
  const axes = util.parseAxisParam(attrs.axis as number | number[], shape).sort((a, b) => a - b);
  // Trailing axes need no transpose in tfjs' own kernel either: it sums those where they are.
  const leading = axes.length > 0 && axes.length < shape.length && axes.every((axis, i) => axis === i);
  if (!leading) return undefined;
  const kept = util.sizeFromShape(shape.slice(axes.length));
  const sums = new Float64Array(kept);
  for (let at = 0; at < xs.length; ) {
    for (let k = 0; k < kept; k++, at++) sums[k] += xs[at];
  }
  const outShape = attrs.keepDims
    ? shape.map((size, i) => (i < axes.length ? 1 : size))
    : shape.slice(axes.length);
  return output(backend, outShape, Float32Array.from(sums));
};
