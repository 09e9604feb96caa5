// Faster gradient kernels for tfjs' CPU backend, used only by the training script.
//
// Why: in tfjs-backend-cpu 4.22, Conv2DBackpropFilter and MaxPoolGrad read every element through
// TensorBuffer.get() in loop orders that walk the batch once per weight or per input cell. For
// a 5×5×16×32 convolution on a batch of 64 the filter gradient took ~25 s against ~0.25 s for
// the forward pass, so training in Node (tfjs-node cannot be installed here) took hours. These
// kernels compute the same sums in one pass over plain typed arrays. Each is checked against
// tfjs' own kernel on a few shapes, inputs that include ties and zeros, before it replaces it.

/** dW[r][c][i][o] = Σ over batch and output positions of x[b][y·s+r−top][x·s+c−left][i] · dy[b][y][x][o]. */
function conv2DBackpropFilter(tf, { inputs, backend, attrs }) {
  const { x, dy } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  const format = tf.backend_util.convertConv2DDataFormat(dataFormat);
  if (format !== 'channelsLast') throw new Error('the fast filter gradient supports NHWC only');
  const info = tf.backend_util.computeConv2DInfo(
    x.shape,
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    format,
  );
  const {
    batchSize,
    inHeight,
    inWidth,
    inChannels,
    outHeight,
    outWidth,
    outChannels,
    strideHeight,
    strideWidth,
    filterHeight,
    filterWidth,
  } = info;
  const { top, left } = info.padInfo;
  const xs = backend.data.get(x.dataId).values;
  const dys = backend.data.get(dy.dataId).values;
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
              if (v === 0) continue; // black background and ReLU zeros add nothing
              const o0 = wAt + i * outChannels;
              for (let o = 0; o < outChannels; o++) sums[o0 + o] += v * dys[dyAt + o];
            }
          }
        }
      }
    }
  }
  return backend.makeTensorInfo(filterShape, 'float32', Float32Array.from(sums));
}

/** Each output's gradient goes to the first largest input of its window (tfjs' tie rule). */
function maxPoolGrad(tf, { inputs, backend, attrs }) {
  const { dy, input } = inputs;
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  const info = tf.backend_util.computePool2DInfo(input.shape, filterSize, strides, 1, pad, dimRoundingMode);
  const {
    batchSize,
    inHeight,
    inWidth,
    inChannels,
    outHeight,
    outWidth,
    strideHeight,
    strideWidth,
    filterHeight,
    filterWidth,
  } = info;
  const { top, left } = info.padInfo;
  const xs = backend.data.get(input.dataId).values;
  const dys = backend.data.get(dy.dataId).values;
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
  return backend.makeTensorInfo(input.shape, 'float32', dx);
}

/** Swaps one CPU kernel for `kernelFunc`, after checking both give the same `probe` results. */
function replaceKernel(tf, kernelName, kernelFunc, probes) {
  const expected = probes.map((probe) => tf.tidy(() => probe().dataSync()));
  tf.unregisterKernel(kernelName, 'cpu');
  tf.registerKernel({ kernelName, backendName: 'cpu', kernelFunc: (args) => kernelFunc(tf, args) });
  probes.forEach((probe, k) => {
    const got = tf.tidy(() => probe().dataSync());
    const worst = got.reduce(
      (m, v, i) => Math.max(m, Math.abs(v - expected[k][i]) / (1 + Math.abs(expected[k][i]))),
      0,
    );
    if (!(worst < 1e-4))
      throw new Error(`the fast ${kernelName} disagrees with tfjs' own kernel (probe ${k}: ${worst})`);
  });
}

/** Replaces the CPU backend's Conv2DBackpropFilter and MaxPoolGrad (gradients must be registered). */
export function useFastCpuGradients(tf) {
  // Rounded ReLU'd inputs: zeros and ties, as after a ReLU, exercise the skip and the tie rule.
  const input = (shape) => tf.keep(tf.round(tf.relu(tf.randomNormal(shape))));
  const held = [];
  const convProbes = [
    [[2, 9, 9, 3], [5, 5, 3, 4], 1, 'same'],
    [[3, 8, 7, 2], [3, 3, 2, 5], 2, 'valid'],
    [[1, 6, 6, 1], [3, 3, 1, 2], 2, 'same'],
  ].map(([xShape, wShape, stride, padding]) => {
    const x = input(xShape);
    const w = tf.keep(tf.randomNormal(wShape));
    held.push(x, w);
    return () => tf.grad((kernel) => tf.sum(tf.square(tf.conv2d(x, kernel, stride, padding))))(w);
  });
  const poolProbes = [
    [[2, 8, 8, 3], 2, 2, 'valid'],
    [[2, 7, 9, 2], 3, 2, 'same'],
    [[1, 11, 11, 4], 2, 2, 'valid'],
  ].map(([xShape, size, stride, padding]) => {
    const x = input(xShape);
    const weights = tf.keep(tf.randomNormal(tf.maxPool(x, size, stride, padding).shape));
    held.push(x, weights);
    return () => tf.grad((v) => tf.sum(tf.mul(tf.maxPool(v, size, stride, padding), weights)))(x);
  });
  replaceKernel(tf, 'Conv2DBackpropFilter', conv2DBackpropFilter, convProbes);
  replaceKernel(tf, 'MaxPoolGrad', maxPoolGrad, poolProbes);
  tf.dispose(held);
}
