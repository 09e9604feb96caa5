/**
 * Convolution kernels for tfjs' cpu backend: the forward pass (plain and fused with a bias
 * and an activation, as tfjs-layers' Conv2D calls it), and its two gradients.
 *
 * Each gives exactly tfjs' own result, bit for bit: every output is the same sum in the same
 * order, rounded as tfjs rounds it (the forward pass to float32 after every product, the
 * gradients once, from float64). They are faster for keeping several outputs' sums in
 * registers at once, so that each value read from memory serves four or eight products:
 * four output channels of one position (the forward pass), four input channels of one
 * position (the input's gradient), two input by four output channels of one weight tap (the
 * filter's gradient). A block that runs past the last channel repeats that channel: the
 * repeat's sum is that channel's own, written twice.
 *
 * Each returns undefined for what it does not take: channels-first data, other dtypes, and
 * for the input's gradient fewer than four input channels (the repeats would cost more than
 * the registers save).
 */
import * as tf from '@tensorflow/tfjs-core';
import { backend_util } from '@tensorflow/tfjs-core';
import type { NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { dropIntermediate, output, valuesOf } from './cpu-kernel-args.js';
import type { CpuKernel, KernelArgs, Pair, Padding, Rounding } from './cpu-kernel-args.js';
import { convolve, LANES, lanes } from '../math/convolve.js';

type Shape4 = [number, number, number, number];

/** The outputs y, from start to before end, with 0 ≤ y · stride + offset < size, of `outSize` outputs. */
function reach(offset: number, stride: number, size: number, outSize: number): [number, number] {
  return [Math.max(0, Math.ceil(-offset / stride)), Math.min(outSize, Math.ceil((size - offset) / stride))];
}

/**
 * The convolution's geometry from a kernel's attributes (as tfjs' ops pass them) and its
 * input and filter shapes; undefined for channels-first data, which tfjs' own kernels take.
 */
function channelsLast(
  attrs: NamedAttrMap,
  xShape: number[],
  filterShape: number[],
): backend_util.Conv2DInfo | undefined {
  const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs as unknown as {
    strides: Pair;
    pad: Padding;
    dataFormat: 'NHWC' | 'NCHW';
    dilations?: Pair;
    dimRoundingMode: Rounding;
  };
  const format = backend_util.convertConv2DDataFormat(dataFormat);
  if (format !== 'channelsLast') return undefined;
  return backend_util.computeConv2DInfo(
    xShape as Shape4,
    filterShape as Shape4,
    strides,
    dilations ?? 1,
    pad,
    dimRoundingMode,
    false,
    format,
  );
}

/**
 * y[b][yr][yc][o] = Σ over r, c, i (in that order) of x[b][yr·s + r·d − top][yc·s + c·d − left][i] · w[r][c][i][o],
 * rounded to float32 after every product as tfjs' own kernel does (`convolve`), plus `bias`.
 */
function convolution({ inputs, backend, attrs }: KernelArgs, bias?: Float32Array): TensorInfo | undefined {
  const { x, filter } = inputs;
  const xs = valuesOf(backend, x);
  const ws = valuesOf(backend, filter);
  if (!xs || !ws) return undefined;
  const info = channelsLast(attrs, x!.shape, filter!.shape);
  if (!info) return undefined;
  const { batchSize, outHeight, outWidth, outChannels } = info;
  const ys = new Float32Array(batchSize * outHeight * outWidth * outChannels);
  convolve(xs, ws, info, bias, ys);
  return output(backend, [batchSize, outHeight, outWidth, outChannels], ys);
}

export const conv2dCpu: CpuKernel = (args) => convolution(args);

/** The cpu kernels tfjs' fused convolution applies after the sum, by its activation's name. */
const ACTIVATION_KERNELS: Record<string, string> = {
  linear: 'Identity',
  relu: 'Relu',
  relu6: 'Relu6',
  elu: 'Elu',
  sigmoid: 'Sigmoid',
  prelu: 'Prelu',
  leakyrelu: 'LeakyRelu',
};

/**
 * The convolution, then the bias and the activation, as tfjs' fused kernel does: a bias of
 * one value per filter added in the loop (as tfjs' addition adds it), any other with tfjs'
 * own Add, and the activation with tfjs' own kernel.
 */
export const fusedConv2dCpu: CpuKernel = (args) => {
  const { inputs, backend, attrs } = args;
  const activation = attrs.activation as string | undefined;
  const activate = activation ? ACTIVATION_KERNELS[activation] : undefined;
  if (activation && !activate) return undefined;
  const perFilter =
    inputs.bias?.shape.length === 1 && inputs.bias.shape[0] === inputs.filter?.shape[3]
      ? valuesOf(backend, inputs.bias)
      : undefined;
  let result = convolution(args, perFilter);
  if (!result) return undefined;
  const next = (kernelName: string, kernelArgs: Omit<KernelArgs, 'backend'>) => {
    const made = tf.getKernel(kernelName, 'cpu')!.kernelFunc({ ...kernelArgs, backend }) as TensorInfo;
    dropIntermediate(backend, result!);
    result = made;
  };
  if (inputs.bias && !perFilter) next('Add', { inputs: { a: result, b: inputs.bias }, attrs: {} });
  if (activate) {
    next(activate, {
      inputs: { x: result, alpha: inputs.preluActivationWeights },
      attrs: { alpha: attrs.leakyreluAlpha },
    });
  }
  return result;
};

/**
 * The input's gradient of a convolution: dx[b][xr][xc][i] = Σ over the outputs its window
 * reached, in reading order, of Σ over o of dy[b][yr][yc][o] · w[r][c][i][o], in float64
 * and rounded once, as tfjs' own kernel does.
 */
export const conv2dBackpropInputCpu: CpuKernel = ({ inputs, backend, attrs }) => {
  const { dy, filter } = inputs;
  const inputShape = attrs.inputShape as Shape4;
  const dys = valuesOf(backend, dy);
  const ws = valuesOf(backend, filter);
  // Fewer than four input channels would repeat work: tfjs' own loop is quicker there.
  if (!dys || !ws || filter!.shape[2] < LANES) return undefined;
  const info = channelsLast(attrs, inputShape, filter!.shape);
  if (!info) return undefined;
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  const dx = new Float32Array(batchSize * inHeight * inWidth * inChannels);
  for (let b = 0; b < batchSize; b++) {
    for (let xr = 0; xr < inHeight; xr++) {
      // The outputs whose window covers row xr, through filter row r = xr + top − yr·s, from the last row back.
      const [yr0, yrEnd] = reach(filterHeight - 1 - xr - top, strideHeight, filterHeight, outHeight);
      for (let xc = 0; xc < inWidth; xc++) {
        const [yc0, ycEnd] = reach(filterWidth - 1 - xc - left, strideWidth, filterWidth, outWidth);
        const dxAt = ((b * inHeight + xr) * inWidth + xc) * inChannels;
        for (let i = 0; i < inChannels; i += LANES) {
          const [, i1, i2, i3] = lanes(i, inChannels);
          let s0 = 0;
          let s1 = 0;
          let s2 = 0;
          let s3 = 0;
          for (let yr = yr0; yr < yrEnd; yr++) {
            const r = xr + top - yr * strideHeight;
            for (let yc = yc0; yc < ycEnd; yc++) {
              const c = xc + left - yc * strideWidth;
              const dyAt = ((b * outHeight + yr) * outWidth + yc) * outChannels;
              const w0 = ((r * filterWidth + c) * inChannels + i) * outChannels;
              const w1 = w0 + i1 * outChannels;
              const w2 = w0 + i2 * outChannels;
              const w3 = w0 + i3 * outChannels;
              for (let o = 0; o < outChannels; o++) {
                const g = dys[dyAt + o];
                s0 += g * ws[w0 + o];
                s1 += g * ws[w1 + o];
                s2 += g * ws[w2 + o];
                s3 += g * ws[w3 + o];
              }
            }
          }
          dx[dxAt + i] = s0;
          dx[dxAt + i + i1] = s1;
          dx[dxAt + i + i2] = s2;
          dx[dxAt + i + i3] = s3;
        }
      }
    }
  }
  return output(backend, inputShape, dx);
};

/**
 * The weights' gradient of a convolution: dW[r][c][i][o] = Σ over the batch and the output
 * positions, in reading order, of x[b][y·s + r − top][x·s + c − left][i] · dy[b][y][x][o],
 * in float64 and rounded once, as tfjs' own kernel does.
 */
export const conv2dBackpropFilterCpu: CpuKernel = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs;
  const filterShape = attrs.filterShape as Shape4;
  const xs = valuesOf(backend, x);
  const dys = valuesOf(backend, dy);
  // Fewer than four filters repeat work, and are still far quicker than tfjs' own element reads.
  if (!xs || !dys) return undefined;
  const info = channelsLast(attrs, x!.shape, filterShape);
  if (!info) return undefined;
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  const dw = new Float32Array(filterHeight * filterWidth * inChannels * outChannels);
  for (let r = 0; r < filterHeight; r++) {
    const [yr0, yrEnd] = reach(r - top, strideHeight, inHeight, outHeight);
    for (let c = 0; c < filterWidth; c++) {
      const [yc0, ycEnd] = reach(c - left, strideWidth, inWidth, outWidth);
      for (let i = 0; i < inChannels; i += 2) {
        const i1 = Math.min(1, inChannels - 1 - i);
        for (let o = 0; o < outChannels; o += LANES) {
          const [, o1, o2, o3] = lanes(o, outChannels);
          // Input channels i and i + i1 times output channels o to o + o3.
          let a0 = 0;
          let a1 = 0;
          let a2 = 0;
          let a3 = 0;
          let b0 = 0;
          let b1 = 0;
          let b2 = 0;
          let b3 = 0;
          for (let b = 0; b < batchSize; b++) {
            for (let yr = yr0; yr < yrEnd; yr++) {
              const xr = yr * strideHeight + r - top;
              let xAt = ((b * inHeight + xr) * inWidth + yc0 * strideWidth + c - left) * inChannels + i;
              let dyAt = ((b * outHeight + yr) * outWidth + yc0) * outChannels + o;
              for (let yc = yc0; yc < ycEnd; yc++, xAt += strideWidth * inChannels, dyAt += outChannels) {
                const u = xs[xAt];
                const v = xs[xAt + i1];
                const g0 = dys[dyAt];
                const g1 = dys[dyAt + o1];
                const g2 = dys[dyAt + o2];
                const g3 = dys[dyAt + o3];
                a0 += u * g0;
                a1 += u * g1;
                a2 += u * g2;
                a3 += u * g3;
                b0 += v * g0;
                b1 += v * g1;
                b2 += v * g2;
                b3 += v * g3;
              }
            }
          }
          const at = ((r * filterWidth + c) * inChannels + i) * outChannels + o;
          const bt = at + i1 * outChannels;
          dw[at] = a0;
          dw[at + o1] = a1;
          dw[at + o2] = a2;
          dw[at + o3] = a3;
          dw[bt] = b0;
          dw[bt + o1] = b1;
          dw[bt + o2] = b2;
          dw[bt + o3] = b3;
        }
      }
    }
  }
  return output(backend, filterShape, dw);
};
