/**
 * A network's common layers at inference as plain loops over channels-last arrays, with no
 * tfjs: the network view's pass on tfjs' cpu backend (`layer-chain-on-host.tf.ts`).
 *
 * That backend runs the same layers as JavaScript too, but each layer's output there, and
 * its activation's, is a new array; on a machine without a GPU, new arrays cost more than
 * the arithmetic (see bench/README.md, *Fresh memory*). Here the activation runs in place,
 * and every output goes into the array the previous pass used. Windows follow TensorFlow's
 * `valid` and `same` (window-geometry.ts); a pooling window counts only the cells inside the
 * map, as tfjs does. A convolution is `convolve`, the loop of the library's cpu kernel for
 * tfjs too: tfjs' results to the bit. A dense layer's sum starts from its bias, rounded to
 * float32 after each product.
 */
import { convolve } from './convolve.js';
import { axisGeometry, type Padding } from './window-geometry.js';

/** Rows, columns, channels. */
export type Shape3 = [number, number, number];
export type Pair = [number, number];

/** A layer's output and its shape, batch dimension dropped. */
export interface LoopOutput {
  values: Float32Array;
  shape: number[];
}

/** `into` when it holds `size` values (its contents are overwritten), else a new array. */
function target(size: number, into?: Float32Array): Float32Array {
  return into?.length === size ? into : new Float32Array(size);
}

/** The window's positions along both axes, a span of `size` cells `dilation` apart. */
function windows(shape: Shape3, size: Pair, strides: Pair, dilations: Pair, padding: Padding) {
  const rows = axisGeometry(shape[0], dilations[0] * (size[0] - 1) + 1, strides[0], padding);
  const cols = axisGeometry(shape[1], dilations[1] * (size[1] - 1) + 1, strides[1], padding);
  return { rows, cols };
}

/**
 * A 2-D convolution: `kernel` is [kh, kw, in, out] row-major (Keras' layout), `bias` one
 * value per output channel or none; tfjs' cpu results to the bit (`convolve`).
 */
export function conv2d(
  x: Float32Array,
  shape: Shape3,
  kernel: Float32Array,
  kernelShape: [number, number, number, number],
  bias: Float32Array | undefined,
  strides: Pair,
  dilations: Pair,
  padding: Padding,
  into?: Float32Array,
): LoopOutput {
  const [h, w, c] = shape;
  const [kh, kw, , o] = kernelShape;
  const { rows, cols } = windows(shape, [kh, kw], strides, dilations, padding);
  const y = target(rows.out * cols.out * o, into);
  const conv = {
    batchSize: 1,
    inHeight: h,
    inWidth: w,
    inChannels: c,
    outHeight: rows.out,
    outWidth: cols.out,
    outChannels: o,
    filterHeight: kh,
    filterWidth: kw,
    strideHeight: strides[0],
    strideWidth: strides[1],
    dilationHeight: dilations[0],
    dilationWidth: dilations[1],
    padInfo: { top: rows.padBefore, left: cols.padBefore },
  };
  convolve(x, kernel, conv, bias, y);
  return { values: y, shape: [rows.out, cols.out, o] };
}

/** Max or average pooling over each channel; an average divides by the cells inside the map. */
export function pool2d(
  x: Float32Array,
  shape: Shape3,
  mode: 'max' | 'avg',
  size: Pair,
  strides: Pair,
  padding: Padding,
  into?: Float32Array,
): LoopOutput {
  const [h, w, c] = shape;
  const { rows, cols } = windows(shape, size, strides, [1, 1], padding);
  const y = target(rows.out * cols.out * c, into);
  const max = mode === 'max';
  for (let r = 0; r < rows.out; r++) {
    const top = r * strides[0] - rows.padBefore;
    const r0 = Math.max(0, top);
    const r1 = Math.min(h, top + size[0]);
    for (let q = 0; q < cols.out; q++) {
      const left = q * strides[1] - cols.padBefore;
      const c0 = Math.max(0, left);
      const c1 = Math.min(w, left + size[1]);
      const y0 = (r * cols.out + q) * c;
      for (let k = 0; k < c; k++) y[y0 + k] = max ? -Infinity : 0;
      for (let xr = r0; xr < r1; xr++) {
        for (let xc = c0; xc < c1; xc++) {
          const x0 = (xr * w + xc) * c;
          for (let k = 0; k < c; k++) {
            const v = x[x0 + k];
            // A NaN never wins a pooling window's max, as in tfjs' pooling kernel.
            if (!max) y[y0 + k] += v;
            else if (v > y[y0 + k]) y[y0 + k] = v;
          }
        }
      }
      if (!max) {
        const cells = (r1 - r0) * (c1 - c0);
        for (let k = 0; k < c; k++) y[y0 + k] /= cells;
      }
    }
  }
  return { values: y, shape: [rows.out, cols.out, c] };
}

/** Each channel's max or mean over the whole map: one value per channel. */
export function globalPool(
  x: Float32Array,
  shape: Shape3,
  mode: 'max' | 'avg',
  into?: Float32Array,
): LoopOutput {
  const [h, w, c] = shape;
  const y = target(c, into);
  const max = mode === 'max';
  y.fill(max ? -Infinity : 0);
  for (let p = 0; p < h * w; p++) {
    for (let k = 0; k < c; k++) {
      const v = x[p * c + k];
      if (!max) y[k] += v;
      // A NaN wins a global max, as in tfjs' max kernel (a comparison alone would drop it).
      else if (v > y[k] || v !== v) y[k] = v;
    }
  }
  if (!max) for (let k = 0; k < c; k++) y[k] /= h * w;
  return { values: y, shape: [c] };
}

/** A dense layer on a vector: `kernel` is [inputs, units] row-major, `bias` one value per unit or none. */
export function dense(
  x: Float32Array,
  kernel: Float32Array,
  units: number,
  bias: Float32Array | undefined,
  into?: Float32Array,
): LoopOutput {
  const y = target(units, into);
  if (bias) y.set(bias);
  else y.fill(0);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const row = i * units;
    for (let j = 0; j < units; j++) y[j] += v * kernel[row + j];
  }
  return { values: y, shape: [units] };
}

/** `x`'s values in `into` (a reshape or an identity layer's output, kept apart from its input). */
export function copyOf(x: Float32Array, into?: Float32Array): Float32Array {
  const y = target(x.length, into);
  y.set(x);
  return y;
}

/**
 * The element-wise activations, as tfjs' cpu kernels compute them: the network view's chain
 * applies them to whole maps, the playground (`activate` in conv-plan.ts) to one pixel.
 */
export const ELEMENTWISE: Record<'relu' | 'relu6' | 'elu' | 'sigmoid' | 'tanh', (v: number) => number> = {
  relu: (v) => (v < 0 ? 0 : v),
  relu6: (v) => (v < 0 ? 0 : v > 6 ? 6 : v),
  elu: (v) => (v >= 0 ? v : Math.exp(v) - 1),
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
  tanh: (v) => Math.tanh(v),
};

/** Applies a Keras activation to `values` in place; softmax runs over each group of `last` values (the last axis). */
export function activateInPlace(values: Float32Array, name: string, last: number): void {
  if (name === 'linear') return;
  if (name === 'softmax') {
    for (let at = 0; at < values.length; at += last) {
      let top = -Infinity;
      for (let k = at; k < at + last; k++) if (values[k] > top) top = values[k];
      let sum = 0;
      for (let k = at; k < at + last; k++) {
        values[k] = Math.exp(values[k] - top);
        sum += values[k];
      }
      for (let k = at; k < at + last; k++) values[k] /= sum;
    }
    return;
  }
  if (!Object.hasOwn(ELEMENTWISE, name)) throw new Error(`no loop for the activation "${name}"`);
  const f = ELEMENTWISE[name as keyof typeof ELEMENTWISE];
  for (let k = 0; k < values.length; k++) values[k] = f(values[k]);
}
