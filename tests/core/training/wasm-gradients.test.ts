/**
 * The WASM backend's training kernels (`src/core/training/wasm-training-kernels.tf.ts` and the native
 * pooling gradients it already had) against the CPU backend's gradients: the same
 * `tf.grads` on both backends, over shapes × strides × paddings × filter sizes.
 */
import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
// tfjs-layers registers tfjs' gradient functions, as the trainer's model code does.
import '@tensorflow/tfjs-layers';
import { registerWasmTrainingKernels } from '../../../src/core/training/wasm-training-kernels.tf.js';
import { seededRandom } from '../../../src/core/math/random.js';
import { convShapes, onWasmWithoutLeaks, relativeError } from './wasm-against-cpu.js';

type Pad = 'valid' | 'same' | number;
interface ConvCase {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: Pad;
}

const values = (n: number, seed: number) => {
  const next = seededRandom(seed);
  return Float32Array.from({ length: n }, () => next() * 2 - 1);
};
const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Runs `f` on one backend and reads its results back as plain arrays. */
async function on(backend: string, f: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const outs = tf.tidy(f);
  const read = await Promise.all(outs.map(async (t) => (await t.data()) as Float32Array));
  tf.dispose(outs);
  return read;
}

/** Gradients of Σ conv2d(x, w)·r with respect to x and w, on one backend. */
function convGrads(c: ConvCase, seed: number): () => tf.Tensor[] {
  return () => {
    const x = tf.tensor4d(values(size(c.x), seed), c.x);
    const w = tf.tensor4d(values(size(c.filter), seed + 1), c.filter);
    const outShape = tf.conv2d(x, w, c.strides, c.pad).shape;
    const r = tf.tensor(values(size(outShape), seed + 2), outShape);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad), r)),
    )([x, w]);
    return [dx, dw];
  };
}

const CONV_CASES: ConvCase[] = [];
for (const { x, filter } of convShapes()) {
  for (const strides of [1, 2, 3, [1, 2]] as (number | [number, number])[]) {
    for (const pad of ['valid', 'same', 1] as Pad[]) CONV_CASES.push({ x, filter, strides, pad });
  }
}

describe('wasm training kernels against the cpu backend', function () {
  this.timeout(120_000);
  const tensors = onWasmWithoutLeaks();

  it('registers idempotently, and the wasm backend then has both convolution gradients', () => {
    registerWasmTrainingKernels();
    registerWasmTrainingKernels();
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).to.exist;
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).to.exist;
  });

  it(`conv2d: dx and dw within 1e-4 of the cpu backend over ${CONV_CASES.length} shapes × strides × paddings`, async () => {
    const failures: string[] = [];
    for (const [i, c] of CONV_CASES.entries()) {
      const [dxW, dwW] = await on('wasm', convGrads(c, 10 * i));
      const [dxC, dwC] = await on('cpu', convGrads(c, 10 * i));
      const ex = relativeError(dxW, dxC);
      const ew = relativeError(dwW, dwC);
      if (!(ex <= 1e-4 && ew <= 1e-4))
        failures.push(`${JSON.stringify(c)}: dx ${ex.toExponential(2)}, dw ${ew.toExponential(2)}`);
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });

  it('conv2d with channels-first data (NCHW) matches too', async () => {
    const f = () => {
      const x = tf.tensor4d(values(2 * 3 * 8 * 6, 5), [2, 3, 8, 6]);
      const dy = tf.tensor4d(values(2 * 4 * 4 * 3, 6), [2, 4, 4, 3]);
      const w = tf.tensor4d(values(3 * 3 * 3 * 4, 7), [3, 3, 3, 4]);
      const engine = tf.engine();
      const attrs = { strides: 2, pad: 'same', dataFormat: 'NCHW', dimRoundingMode: undefined };
      const dw = engine.runKernel('Conv2DBackpropFilter', { x, dy }, {
        ...attrs,
        filterShape: [3, 3, 3, 4],
      } as never) as tf.Tensor;
      const dx = engine.runKernel('Conv2DBackpropInput', { dy, filter: w }, {
        ...attrs,
        inputShape: [2, 3, 8, 6],
      } as never) as tf.Tensor;
      return [dx, dw];
    };
    const [dxW, dwW] = await on('wasm', f);
    const [dxC, dwC] = await on('cpu', f);
    expect(relativeError(dxW, dxC)).to.be.at.most(1e-4);
    expect(relativeError(dwW, dwC)).to.be.at.most(1e-4);
  });

  it('dilated convolutions: tfjs refuses their gradient on both backends alike, in its own words', async () => {
    const f = () => {
      const x = tf.ones([1, 7, 7, 1]);
      const w = tf.ones([3, 3, 1, 1]);
      return tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'valid', 'NHWC', 2)),
      )([x, w]);
    };
    const messages: string[] = [];
    for (const backend of ['wasm', 'cpu']) {
      try {
        await on(backend, f);
        messages.push('no error');
      } catch (e) {
        messages.push((e as Error).message);
      }
    }
    expect(messages[0]).to.equal(messages[1]);
    expect(messages[0]).to.contain('dilation');
    expect(messages[0]).not.to.contain('not registered');
    // tfjs' own refusal leaves its forward tensors behind (three per backend, ours or not).
    tensors.rebase();
  });

  it('dense layers: matrix products with transposed operands (their gradients) within 1e-4 of the cpu backend', async () => {
    const failures: string[] = [];
    let seed = 500;
    for (const [m, k, n] of [
      [1, 1, 1],
      [3, 5, 2],
      [32, 169, 10],
      [7, 64, 33],
    ]) {
      for (const [ta, tb] of [
        [false, false],
        [true, false],
        [false, true],
        [true, true],
      ]) {
        const f = () => {
          const a = tf.tensor2d(values(m * k, seed), ta ? [k, m] : [m, k]);
          const b = tf.tensor2d(values(k * n, seed + 1), tb ? [n, k] : [k, n]);
          const batched = tf.matMul(tf.stack([a, a]) as tf.Tensor3D, tf.stack([b, b]) as tf.Tensor3D, ta, tb);
          return [tf.matMul(a, b, ta, tb), batched];
        };
        const [w, wb] = await on('wasm', f);
        const [c, cb] = await on('cpu', f);
        const e = Math.max(relativeError(w, c), relativeError(wb, cb));
        if (!(e <= 1e-4))
          failures.push(`${m}×${k}×${n} transposeA ${ta} transposeB ${tb}: ${e.toExponential(2)}`);
        seed += 2;
      }
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });

  it('max and average pooling: dx within 1e-4 of the cpu backend over sizes × strides × paddings', async () => {
    const failures: string[] = [];
    let seed = 1;
    for (const shape of [
      [1, 6, 6, 1],
      [2, 9, 7, 3],
    ] as [number, number, number, number][]) {
      for (const pool of [2, 3]) {
        for (const strides of [1, 2, 3]) {
          for (const pad of ['valid', 'same'] as const) {
            for (const kind of ['max', 'avg'] as const) {
              const f = () => {
                const x = tf.tensor4d(values(size(shape), seed), shape);
                const op = (a: tf.Tensor) =>
                  kind === 'max'
                    ? tf.maxPool(a as tf.Tensor4D, pool, strides, pad)
                    : tf.avgPool(a as tf.Tensor4D, pool, strides, pad);
                const outShape = op(x).shape;
                const r = tf.tensor(values(size(outShape), seed + 1), outShape);
                return [tf.grad((a: tf.Tensor) => tf.sum(tf.mul(op(a), r)))(x)];
              };
              const [w] = await on('wasm', f);
              const [c] = await on('cpu', f);
              const e = relativeError(w, c);
              if (!(e <= 1e-4))
                failures.push(
                  `${kind} ${shape} pool ${pool} stride ${strides} ${pad}: ${e.toExponential(2)}`,
                );
              seed += 2;
            }
          }
        }
      }
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });
});
