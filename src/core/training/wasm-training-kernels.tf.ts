/**
 * The gradient kernels the tfjs WASM backend lacks, or has only as slow loop nests, for
 * the trainer's layers, built on the backend's own native kernels (its XNNPACK
 * convolution and matmul) so that a training step runs at native speed; where the work is
 * only moving numbers about (im2col, max-pooling's routing), one plain pass over the
 * backend's memory, which its generic index-walking kernels (Slice, Concat) cannot match.
 *
 * tfjs 4.22's WASM backend has MaxPoolGrad, AvgPoolGrad and Conv2DBackpropInput but not
 * Conv2DBackpropFilter, the gradient of a convolution's weights; its Conv2DBackpropInput is
 * a plain loop nest, several times slower than its forward convolution, so it is replaced
 * by the equivalent forward convolution (see `conv2dBackpropInput`); its MaxPoolGrad routes
 * gradients differently from the CPU backend; and its BatchMatMul takes a slow path for
 * the transposed operands every dense layer's gradient asks for (see `batchMatMul`).
 *
 * `registerWasmTrainingKernels()` is idempotent; the WASM set-up (`wasm-setup.ts`) calls it
 * on the page and in the training worker before the backend starts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { backend_util } from '@tensorflow/tfjs-core';
import type { KernelBackend, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { HeapBackend } from '../runtime/host-memory.tf.js';

/** What the engine passes a kernel; the inputs are named by the kernel's definition. */
interface KernelArgs {
  inputs: Record<string, TensorInfo>;
  backend: KernelBackend;
  attrs: NamedAttrMap;
}

type Shape4 = [number, number, number, number];

/** Calls one of the WASM backend's registered kernels directly (as composite kernels do). */
function call(
  backend: KernelBackend,
  name: string,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`the wasm backend has no ${name} kernel to build on`);
  return kernel.kernelFunc({ inputs, backend, attrs }) as TensorInfo;
}

/** Frees intermediate results (reshapes share data and only drop a reference). */
function free(backend: KernelBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/**
 * [B, R, C] → [B, C, R] in the backend's memory. The backend's own Transpose kernel is a
 * generic index walk, slower here than this loop over rows (reads in order, writes strided).
 */
function transposeMatrices(
  backend: KernelBackend,
  x: TensorInfo,
  batch: number,
  rows: number,
  cols: number,
): TensorInfo {
  const heap = backend as unknown as HeapBackend;
  const out = heap.makeOutput([batch, cols, rows], 'float32');
  const to = heap.typedArrayFromHeap(out);
  const from = heap.typedArrayFromHeap(x);
  for (let b = 0, base = 0; b < batch; b++, base += rows * cols) {
    for (let r = 0; r < rows; r++) {
      const src = base + r * cols;
      for (let c = 0, dst = base + r; c < cols; c++, dst += rows) to[dst] = from[src + c];
    }
  }
  return out;
}

const reshape = (backend: KernelBackend, x: TensorInfo, shape: number[]) =>
  call(backend, 'Reshape', { x }, { shape });
const toNHWC = (backend: KernelBackend, x: TensorInfo) =>
  call(backend, 'Transpose', { x }, { perm: [0, 2, 3, 1] });
const toNCHW = (backend: KernelBackend, x: TensorInfo) =>
  call(backend, 'Transpose', { x }, { perm: [0, 3, 1, 2] });

/**
 * Spreads a [N, H, W, C] tensor out by the strides, zeros between its rows and columns:
 * [N, H, 1, W, 1, C] padded to [N, H, sh, W, sw, C], reshaped, and cut after the last
 * real row and column. Intermediates go to `owned` for the caller to free.
 */
function spreadByStrides(
  backend: KernelBackend,
  x: TensorInfo,
  sh: number,
  sw: number,
  owned: TensorInfo[],
): TensorInfo {
  if (sh === 1 && sw === 1) return x;
  const [n, h, w, c] = x.shape;
  const six = reshape(backend, x, [n, h, 1, w, 1, c]);
  const spread = call(
    backend,
    'PadV2',
    { x: six },
    {
      paddings: [
        [0, 0],
        [0, 0],
        [0, sh - 1],
        [0, 0],
        [0, sw - 1],
        [0, 0],
      ],
      constantValue: 0,
    },
  );
  const full = reshape(backend, spread, [n, h * sh, w * sw, c]);
  const cut = call(
    backend,
    'Slice',
    { x: full },
    { begin: [0, 0, 0, 0], size: [n, (h - 1) * sh + 1, (w - 1) * sw + 1, c] },
  );
  owned.push(six, spread, full, cut);
  return cut;
}

/** The attributes both convolution gradients share with the convolution itself. */
interface ConvGradAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

interface BackpropFilterAttrs extends ConvGradAttrs {
  filterShape: Shape4;
}

/**
 * dW[i, j, c, o] = Σ_{n, y, x} x_pad[n, y·sh + i, x·sw + j, c] · dy[n, y, x, o].
 * im2col written straight into the backend's memory, laid out for its fast matmul
 * (XNNPACK's, used only for an untransposed, unbatched product): row (i, j, c) of the
 * [taps·Cin, N·OH·OW] matrix holds, for every output position, the input value that
 * tap meets there (0 in the padding). Times dy as it is, [N·OH·OW, Cout], that gives
 * [taps·Cin, Cout], which is the filter's own layout. One pass of plain loads and stores:
 * built from the backend's Slice and Concat kernels (a generic index walk each) the
 * same matrix cost six times the matmul.
 */
function conv2dBackpropFilter({ inputs, backend, attrs }: KernelArgs): TensorInfo {
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as BackpropFilterAttrs;
  const nchw = dataFormat === 'NCHW';
  const owned: TensorInfo[] = [];
  const keep = (t: TensorInfo) => (owned.push(t), t);
  const x = nchw ? keep(toNHWC(backend, inputs.x)) : inputs.x;
  const dy = nchw ? keep(toNHWC(backend, inputs.dy)) : inputs.dy;
  const info = backend_util.computeConv2DInfo(
    x.shape as Shape4,
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const {
    batchSize: n,
    inHeight: h,
    inWidth: w,
    inChannels: cin,
    outHeight: oh,
    outWidth: ow,
    outChannels: cout,
  } = info;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  const m = n * oh * ow;
  const heap = backend as unknown as HeapBackend;
  // Allocate first: a growing heap would detach views taken before.
  const cols = keep(heap.makeOutput([1, fh * fw * cin, m], 'float32'));
  const to = heap.typedArrayFromHeap(cols);
  const from = heap.typedArrayFromHeap(x);
  const step = sw * cin;
  for (let i = 0; i < fh; i++) {
    for (let j = 0; j < fw; j++) {
      // Output columns lo..hi−1 are the ones whose input column x·sw + j − left exists.
      const lo = Math.min(ow, Math.max(0, Math.ceil((left - j) / sw)));
      const hi = Math.max(lo, Math.min(ow, Math.floor((w - 1 + left - j) / sw) + 1));
      for (let c = 0; c < cin; c++) {
        let o = ((i * fw + j) * cin + c) * m;
        for (let b = 0; b < n; b++) {
          for (let yo = 0; yo < oh; yo++, o += ow) {
            const r = yo * sh + i - top;
            if (r < 0 || r >= h) {
              to.fill(0, o, o + ow);
              continue;
            }
            if (lo > 0) to.fill(0, o, o + lo);
            let src = ((b * h + r) * w + lo * sw + j - left) * cin + c;
            for (let xo = lo; xo < hi; xo++, src += step) to[o + xo] = from[src];
            if (hi < ow) to.fill(0, o + hi, o + ow);
          }
        }
      }
    }
  }
  const dy3 = keep(reshape(backend, dy, [1, m, cout]));
  const product = keep(
    call(backend, 'BatchMatMul', { a: cols, b: dy3 }, { transposeA: false, transposeB: false }),
  );
  const dw = reshape(backend, product, [fh, fw, cin, cout]);
  free(backend, ...owned.reverse());
  return dw;
}

interface BackpropInputAttrs extends ConvGradAttrs {
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
  const info = backend_util.computeConv2DInfo(
    xShape,
    filter.shape as Shape4,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
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
    pad: [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ],
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
 * row-major order, as the CPU backend does) that holds the window's maximum. Routing is
 * one pass over the input with no arithmetic to speak of, and the backend has no native
 * kernel that picks the first maximum (its own MaxPoolGrad disagrees with the CPU backend
 * wherever windows overlap or there are several channels), so this reads and writes the
 * backend's memory directly: a few milliseconds a batch where a composite of native
 * compare/select/pad kernels took over a hundred.
 */
function maxPoolGrad({ inputs, backend, attrs }: KernelArgs): TensorInfo {
  const { dy, input } = inputs;
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const info = backend_util.computePool2DInfo(
    input.shape as Shape4,
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const heap = backend as unknown as HeapBackend;
  // Allocate first: a growing heap would detach views taken before.
  const out = heap.makeOutput([...input.shape], 'float32');
  const dx = heap.typedArrayFromHeap(out);
  const x = heap.typedArrayFromHeap(input);
  const g = heap.typedArrayFromHeap(dy);
  dx.fill(0);
  const best = new Float32Array(c);
  const at = new Int32Array(c);
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let yr = 0; yr < oh; yr++) {
      const r0 = yr * sh - info.padInfo.top;
      const rMin = Math.max(0, r0);
      const rMax = Math.min(h, r0 + fh);
      for (let yc = 0; yc < ow; yc++, o += c) {
        const c0 = yc * sw - info.padInfo.left;
        const cMin = Math.max(0, c0);
        const cMax = Math.min(w, c0 + fw);
        best.fill(-Infinity);
        at.fill(-1);
        for (let r = rMin; r < rMax; r++) {
          for (let col = cMin; col < cMax; col++) {
            const base = ((b * h + r) * w + col) * c;
            for (let d = 0; d < c; d++) {
              const v = x[base + d];
              if (v > best[d]) {
                best[d] = v;
                at[d] = base + d;
              }
            }
          }
        }
        for (let d = 0; d < c; d++) if (at[d] >= 0) dx[at[d]] += g[o + d];
      }
    }
  }
  return out;
}

/** The backend's own BatchMatMul, kept when ours takes its name. */
let nativeBatchMatMul: tf.KernelFunc | undefined;

/**
 * Matrix products with a transposed operand, which the gradients of every dense layer and
 * of our convolution filters ask for: the WASM backend sends those to a plain loop nest,
 * several times slower than its XNNPACK path for untransposed operands. Turning the operand
 * over first (one pass over memory) and taking the fast path is quicker at every size the
 * trainer meets.
 */
function batchMatMul({ inputs, backend, attrs }: KernelArgs): TensorInfo {
  const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
  let { a, b } = inputs;
  const native = (a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean) =>
    nativeBatchMatMul!({ inputs: { a, b }, backend, attrs: { transposeA, transposeB } }) as TensorInfo;
  if ((!transposeA && !transposeB) || a.dtype !== 'float32' || b.dtype !== 'float32')
    return native(a, b, transposeA, transposeB);
  const owned: TensorInfo[] = [];
  const turn = (x: TensorInfo) => {
    const [rows, cols] = x.shape.slice(-2);
    const batch = x.shape.slice(0, -2).reduce((p, q) => p * q, 1);
    const turned = transposeMatrices(backend, x, batch, rows, cols);
    const shaped = reshape(backend, turned, [...x.shape.slice(0, -2), cols, rows]);
    owned.push(turned, shaped);
    return shaped;
  };
  const [m, k] = transposeA ? [a.shape[a.shape.length - 1], a.shape[a.shape.length - 2]] : a.shape.slice(-2);
  const n = transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1];
  let product: TensorInfo;
  if (transposeB && !transposeA && m * k + m * n < n * k) {
    // a·bᵀ with a large b (a dense layer's input gradient): (b·aᵀ)ᵀ turns over less memory.
    const flipped = native(b, turn(a), false, false);
    owned.push(flipped);
    product = turn(flipped);
    // The reshape returned keeps its own reference to the turned-over data.
    owned.pop();
  } else {
    if (transposeA) a = turn(a);
    if (transposeB) b = turn(b);
    product = native(a, b, false, false);
  }
  free(backend, ...owned.reverse());
  return product;
}

let registered = false;

/** Registers the kernels above for the `wasm` backend; safe to call more than once. */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  const native = tf.getKernel('BatchMatMul', 'wasm');
  nativeBatchMatMul = native?.kernelFunc;
  const kernels: [string, tf.KernelFunc, tf.KernelSetupFunc?][] = [
    ['Conv2DBackpropFilter', conv2dBackpropFilter as unknown as tf.KernelFunc],
    ['Conv2DBackpropInput', conv2dBackpropInput as unknown as tf.KernelFunc],
    ['MaxPoolGrad', maxPoolGrad as unknown as tf.KernelFunc],
  ];
  // Ours calls the native one, whose set-up (binding its WebAssembly function) must still run.
  if (native) kernels.push(['BatchMatMul', batchMatMul as unknown as tf.KernelFunc, native.setupFunc]);
  for (const [kernelName, kernelFunc, setupFunc] of kernels) {
    // Ours replace the backend's own where it has one (see the notes on each kernel above).
    if (tf.getKernel(kernelName, 'wasm')) tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc, setupFunc });
  }
}
