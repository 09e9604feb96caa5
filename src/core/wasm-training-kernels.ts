/**
 * The gradient kernels the tfjs WASM backend lacks for the trainer's layers, built from the
 * backend's own native kernels (its XNNPACK convolution, its matmul, pad, slice, concat),
 * so that a training step runs at native speed instead of falling back to JavaScript loops.
 *
 * tfjs 4.22's WASM backend has MaxPoolGrad, AvgPoolGrad and Conv2DBackpropInput but not
 * Conv2DBackpropFilter, the gradient of a convolution's weights; its Conv2DBackpropInput is
 * a plain loop nest, several times slower than its forward convolution, so it is replaced
 * by the equivalent forward convolution (see `conv2dBackpropInput`).
 *
 * `registerWasmTrainingKernels()` is idempotent; the WASM set-up (`wasm-setup.ts`) calls it
 * on the page and in the training worker before the backend starts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { backend_util } from '@tensorflow/tfjs-core';
import type { KernelBackend, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';

/** What the engine passes a kernel; the inputs are named by the kernel's definition. */
interface KernelArgs {
  inputs: Record<string, TensorInfo>;
  backend: KernelBackend;
  attrs: NamedAttrMap;
}

type Shape4 = [number, number, number, number];

/** Calls one of the WASM backend's registered kernels directly (as composite kernels do). */
function call(backend: KernelBackend, name: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`the wasm backend has no ${name} kernel to build on`);
  return kernel.kernelFunc({ inputs, backend, attrs }) as TensorInfo;
}

/** Frees intermediate results (reshapes share data and only drop a reference). */
function free(backend: KernelBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

const reshape = (backend: KernelBackend, x: TensorInfo, shape: number[]) => call(backend, 'Reshape', { x }, { shape });
const toNHWC = (backend: KernelBackend, x: TensorInfo) => call(backend, 'Transpose', { x }, { perm: [0, 2, 3, 1] });
const toNCHW = (backend: KernelBackend, x: TensorInfo) => call(backend, 'Transpose', { x }, { perm: [0, 3, 1, 2] });

/**
 * Spreads a [N, H, W, C] tensor out by the strides, zeros between its rows and columns:
 * [N, H, 1, W, 1, C] padded to [N, H, sh, W, sw, C], reshaped, and cut after the last
 * real row and column. Intermediates go to `owned` for the caller to free.
 */
function spreadByStrides(backend: KernelBackend, x: TensorInfo, sh: number, sw: number, owned: TensorInfo[]): TensorInfo {
  if (sh === 1 && sw === 1) return x;
  const [n, h, w, c] = x.shape;
  const six = reshape(backend, x, [n, h, 1, w, 1, c]);
  const spread = call(backend, 'PadV2', { x: six }, {
    paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]],
    constantValue: 0,
  });
  const full = reshape(backend, spread, [n, h * sh, w * sw, c]);
  const cut = call(backend, 'Slice', { x: full }, { begin: [0, 0, 0, 0], size: [n, (h - 1) * sh + 1, (w - 1) * sw + 1, c] });
  owned.push(six, spread, full, cut);
  return cut;
}

/** One filter tap's view of a padded input: rows i, i+sh, …, columns j, j+sw, … */
function tapView(backend: KernelBackend, padded: TensorInfo, i: number, j: number, out: Shape4, sh: number, sw: number): TensorInfo {
  const [n, oh, ow, c] = out;
  if (sh === 1 && sw === 1) return call(backend, 'Slice', { x: padded }, { begin: [0, i, j, 0], size: out });
  return call(backend, 'StridedSlice', { x: padded }, {
    begin: [0, i, j, 0],
    end: [n, i + (oh - 1) * sh + 1, j + (ow - 1) * sw + 1, c],
    strides: [1, sh, sw, 1],
    beginMask: 0,
    endMask: 0,
    ellipsisMask: 0,
    newAxisMask: 0,
    shrinkAxisMask: 0,
  });
}

interface BackpropFilterAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: Shape4;
}

/**
 * dW[i, j, c, o] = Σ_{n, y, x} x_pad[n, y·sh + i, x·sw + j, c] · dy[n, y, x, o].
 * im2col on the backend: one strided slice of the padded input per filter tap, stacked
 * into [taps, N·OH·OW, Cin]; then one batched matmul with dy [N·OH·OW, Cout] gives
 * [taps, Cin, Cout], which is the filter's own layout.
 */
function conv2dBackpropFilter({ inputs, backend, attrs }: KernelArgs): TensorInfo {
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as BackpropFilterAttrs;
  const nchw = dataFormat === 'NCHW';
  const x = nchw ? toNHWC(backend, inputs.x) : inputs.x;
  const dy = nchw ? toNHWC(backend, inputs.dy) : inputs.dy;
  const info = backend_util.computeConv2DInfo(x.shape as Shape4, filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const { batchSize: n, inHeight, inWidth, inChannels: cin, outHeight: oh, outWidth: ow, outChannels: cout } = info;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  // Rows and columns of padded input the taps reach; anything beyond is never read.
  const spanH = (oh - 1) * sh + 1;
  const spanW = (ow - 1) * sw + 1;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const bottom = Math.max(0, spanH + fh - 1 - top - inHeight);
  const right = Math.max(0, spanW + fw - 1 - left - inWidth);
  const padded =
    top || left || bottom || right
      ? call(backend, 'PadV2', { x }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 })
      : x;
  const taps: TensorInfo[] = [];
  for (let i = 0; i < fh; i++) for (let j = 0; j < fw; j++) taps.push(tapView(backend, padded, i, j, [n, oh, ow, cin], sh, sw));
  const stacked = taps.length === 1 ? taps[0] : call(backend, 'Concat', taps as unknown as NamedTensorInfoMap, { axis: 0 });
  const m = n * oh * ow;
  const cols = reshape(backend, stacked, [fh * fw, m, cin]);
  const dy3 = reshape(backend, dy, [1, m, cout]);
  const product = call(backend, 'BatchMatMul', { a: cols, b: dy3 }, { transposeA: true, transposeB: false });
  const dw = reshape(backend, product, [fh, fw, cin, cout]);
  free(backend, product, cols, dy3);
  if (stacked !== taps[0]) free(backend, stacked);
  free(backend, ...taps);
  if (padded !== x) free(backend, padded);
  if (nchw) free(backend, x, dy);
  return dw;
}

interface BackpropInputAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: Shape4;
}

/**
 * dx = a stride-1 convolution of dy, zero-stuffed by the strides and padded by
 * (filter − 1 − pad), with the filter turned 180° and its channel axes swapped:
 * dx[h] = Σ_i u[h + top − i]·W[i] where u is dy spread out by the stride. It runs on the
 * backend's XNNPACK convolution.
 */
function conv2dBackpropInput({ inputs, backend, attrs }: KernelArgs): TensorInfo {
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as BackpropInputAttrs;
  const nchw = dataFormat === 'NCHW';
  const dy = nchw ? toNHWC(backend, inputs.dy) : inputs.dy;
  const xShape: Shape4 = nchw ? [inputShape[0], inputShape[2], inputShape[3], inputShape[1]] : inputShape;
  const filter = inputs.filter;
  const info = backend_util.computeConv2DInfo(xShape, filter.shape as Shape4, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const { inHeight, inWidth, filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const owned: TensorInfo[] = [];
  const u = spreadByStrides(backend, dy, sh, sw, owned);
  const [, uh, uw] = u.shape;
  const top = fh - 1 - info.padInfo.top;
  const left = fw - 1 - info.padInfo.left;
  const bottom = inHeight + fh - 1 - top - uh;
  const right = inWidth + fw - 1 - left - uw;
  // Turned filter: W'[k, l, o, c] = W[fh−1−k, fw−1−l, c, o].
  const flipped = call(backend, 'Reverse', { x: filter }, { dims: [0, 1] });
  const turned = call(backend, 'Transpose', { x: flipped }, { perm: [0, 1, 3, 2] });
  owned.push(flipped, turned);
  let dx = call(backend, 'Conv2D', { x: u, filter: turned }, {
    strides: 1,
    pad: [[0, 0], [top, bottom], [left, right], [0, 0]],
    dataFormat: 'NHWC',
    dilations: 1,
    dimRoundingMode: undefined,
  } as unknown as NamedAttrMap);
  if (nchw) {
    const channelsFirst = toNCHW(backend, dx);
    free(backend, dx, dy);
    dx = channelsFirst;
  }
  free(backend, ...owned.reverse());
  return dx;
}

interface MaxPoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * dx of max pooling: each output's gradient goes to the first input of its window (in
 * row-major order, as the CPU backend does) that equals the window's maximum. Per window
 * tap: compare the tap's view of the input with the pooled output, keep the first match,
 * spread dy there back to the input grid and add. (The WASM backend's own MaxPoolGrad
 * disagrees with the CPU backend wherever windows overlap or there are several channels.)
 */
function maxPoolGrad({ inputs, backend, attrs }: KernelArgs): TensorInfo {
  const { dy, input, output } = inputs;
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const info = backend_util.computePool2DInfo(input.shape as Shape4, filterSize, strides, 1, pad, dimRoundingMode);
  const { batchSize: n, inHeight, inWidth, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const bottom = Math.max(0, (oh - 1) * sh + fh - top - inHeight);
  const right = Math.max(0, (ow - 1) * sw + fw - left - inWidth);
  const hp = inHeight + top + bottom;
  const wp = inWidth + left + right;
  const owned: TensorInfo[] = [];
  const keep = (t: TensorInfo) => (owned.push(t), t);
  const padded =
    top || left || bottom || right
      ? keep(call(backend, 'PadV2', { x: input }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: -Infinity }))
      : input;
  const zeros = keep(call(backend, 'ZerosLike', { x: dy }));
  let found: TensorInfo | undefined;
  let sum: TensorInfo | undefined;
  for (let i = 0; i < fh; i++) {
    for (let j = 0; j < fw; j++) {
      const view = keep(tapView(backend, padded, i, j, [n, oh, ow, c], sh, sw));
      const equal = keep(call(backend, 'Equal', { a: view, b: output }));
      let first = equal;
      if (found) {
        const notYet = keep(call(backend, 'LogicalNot', { x: found }));
        first = keep(call(backend, 'LogicalAnd', { a: equal, b: notYet }));
        found = keep(call(backend, 'LogicalOr', { a: found, b: equal }));
      } else found = equal;
      const routed = keep(call(backend, 'Select', { condition: first, t: dy, e: zeros }));
      const spread = spreadByStrides(backend, routed, sh, sw, owned);
      const [, uh, uw] = spread.shape;
      const placed = call(backend, 'PadV2', { x: spread }, {
        paddings: [[0, 0], [i, hp - i - uh], [j, wp - j - uw], [0, 0]],
        constantValue: 0,
      });
      if (sum) {
        const next = call(backend, 'Add', { a: sum, b: placed });
        free(backend, sum, placed);
        sum = next;
      } else sum = placed;
    }
  }
  const dx = call(backend, 'Slice', { x: sum! }, { begin: [0, top, left, 0], size: [n, inHeight, inWidth, c] });
  free(backend, sum!, ...owned.reverse());
  return dx;
}

let registered = false;

/** Registers the kernels above for the `wasm` backend; safe to call more than once. */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  const kernels: [string, tf.KernelFunc][] = [
    ['Conv2DBackpropFilter', conv2dBackpropFilter as unknown as tf.KernelFunc],
    ['Conv2DBackpropInput', conv2dBackpropInput as unknown as tf.KernelFunc],
    ['MaxPoolGrad', maxPoolGrad as unknown as tf.KernelFunc],
  ];
  for (const [kernelName, kernelFunc] of kernels) {
    // Ours replace the backend's own where it has one (see the notes on each kernel above).
    if (tf.getKernel(kernelName, 'wasm')) tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
  }
}
