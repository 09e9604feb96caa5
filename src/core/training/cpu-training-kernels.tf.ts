/**
 * Two gradient kernels for tfjs' CPU backend, the one a page trains on where WebAssembly may
 * not run (a course platform whose content security policy forbids compiling it) or where an
 * author forced `backend="cpu"`.
 *
 * tfjs-backend-cpu 4.22's Conv2DBackpropFilter and MaxPoolGrad read every element through
 * `TensorBuffer.get()`, in loop orders that walk the whole batch once per weight or per input
 * cell: in Node, one training step of 32 digits took 1.27 s on the course's first network
 * (0.76 s of it the filter gradient) and 9.9 s on `two-conv` (9.6 s). These compute the same
 * sums in one pass over the backend's own arrays. `npm test` checks them against tfjs' own.
 *
 * `registerCpuTrainingKernels()` is idempotent; the backend set-up (`backend.tf.ts`) and the
 * training worker call it before the cpu backend starts, and the digit model's training
 * script (`scripts/train-digit-model.mjs`) before it trains.
 */
import * as tf from '@tensorflow/tfjs-core';
// Registers tfjs' own cpu kernels first: they do what the ones here do not take.
import '@tensorflow/tfjs-backend-cpu';
import { backend_util } from '@tensorflow/tfjs-core';
import type { KernelBackend, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

/** What the engine passes a kernel; the inputs are named by the kernel's definition. */
interface KernelArgs {
  inputs: Record<string, TensorInfo>;
  backend: KernelBackend;
  attrs: NamedAttrMap;
}

/** The cpu backend's storage: a float32 tensor's values are a Float32Array it holds. */
interface CpuStore {
  data: { get(dataId: object): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

/** The window attributes both kernels take, as tfjs' ops pass them. */
type Pair = [number, number] | number;
type Padding = 'valid' | 'same' | number | backend_util.ExplicitPadding;
type Rounding = 'floor' | 'round' | 'ceil' | undefined;

function valuesOf(backend: KernelBackend, t: TensorInfo): Float32Array | undefined {
  const values = (backend as unknown as CpuStore).data.get(t.dataId).values;
  return t.dtype === 'float32' && values instanceof Float32Array ? values : undefined;
}

function output(backend: KernelBackend, shape: number[], values: Float32Array): TensorInfo {
  return (backend as unknown as CpuStore).makeTensorInfo(shape, 'float32', values);
}

/**
 * The weights' gradient of a convolution: dW[r][c][i][o] = Σ over the batch and the output
 * positions of x[b][y·s + r − top][x·s + c − left][i] · dy[b][y][x][o]. Undefined for what
 * it does not take (channels-first data, other dtypes): tfjs' own kernel does that.
 */
export function conv2dBackpropFilterCpu({ inputs, backend, attrs }: KernelArgs): TensorInfo | undefined {
  const { x, dy } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as {
    strides: Pair;
    pad: Padding;
    dataFormat: 'NHWC' | 'NCHW';
    dimRoundingMode: Rounding;
    filterShape: [number, number, number, number];
  };
  const format = backend_util.convertConv2DDataFormat(dataFormat);
  const xs = valuesOf(backend, x);
  const dys = valuesOf(backend, dy);
  if (format !== 'channelsLast' || !xs || !dys) return undefined;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    format,
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  // In float64, as tfjs' own kernel sums: thousands of products per weight.
  const sums = new Float64Array(filterHeight * filterWidth * inChannels * outChannels);
  for (let b = 0; b < batchSize; b++) {
    for (let yr = 0; yr < outHeight; yr++) {
      for (let yc = 0; yc < outWidth; yc++) {
        const dyAt = ((b * outHeight + yr) * outWidth + yc) * outChannels;
        for (let r = 0; r < filterHeight; r++) {
          const xr = yr * strideHeight + r - top;
          if (xr < 0 || xr >= inHeight) continue;
          for (let c = 0; c < filterWidth; c++) {
            const xc = yc * strideWidth + c - left;
            if (xc < 0 || xc >= inWidth) continue;
            const xAt = ((b * inHeight + xr) * inWidth + xc) * inChannels;
            const wAt = (r * filterWidth + c) * inChannels * outChannels;
            for (let i = 0; i < inChannels; i++) {
              const v = xs[xAt + i];
              // A digit's black background and ReLU's zeros add nothing: most inputs are 0.
              if (v === 0) continue;
              const at = wAt + i * outChannels;
              for (let o = 0; o < outChannels; o++) sums[at + o] += v * dys[dyAt + o];
            }
          }
        }
      }
    }
  }
  return output(backend, filterShape, Float32Array.from(sums));
}

/**
 * Max pooling's gradient: each output's gradient goes to the first largest input of its
 * window in reading order, the rule of tfjs' own kernel (which matters for ties).
 */
export function maxPoolGradCpu({ inputs, backend, attrs }: KernelArgs): TensorInfo | undefined {
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
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  const dx = new Float32Array(xs.length);
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
  return output(backend, input.shape, dx);
}

const FAST: Record<string, (args: KernelArgs) => TensorInfo | undefined> = {
  Conv2DBackpropFilter: conv2dBackpropFilterCpu,
  MaxPoolGrad: maxPoolGradCpu,
};

let registered = false;

/** Puts the kernels above in place of tfjs' own on the cpu backend, which still does what they do not take. */
export function registerCpuTrainingKernels(): void {
  if (registered) return;
  registered = true;
  for (const [kernelName, fast] of Object.entries(FAST)) {
    const own = tf.getKernel(kernelName, 'cpu')?.kernelFunc;
    if (!own) continue;
    const kernelFunc = ((args: KernelArgs) => fast(args) ?? own(args)) as unknown as KernelFunc;
    tf.unregisterKernel(kernelName, 'cpu');
    tf.registerKernel({ kernelName, backendName: 'cpu', kernelFunc });
  }
}
