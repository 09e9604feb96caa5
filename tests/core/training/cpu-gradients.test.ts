/**
 * The cpu backend's training kernels (`src/core/training/cpu-training-kernels.tf.ts`) against
 * tfjs' own cpu kernels, which they replace: every gradient is computed first with tfjs'
 * kernels, then with ours once registered, over shapes × filter sizes × strides × paddings,
 * on inputs full of zeros and ties (as after a ReLU), the cases the kernels treat specially.
 */
import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
// tfjs-layers registers tfjs' gradient functions, as the trainer's model code does.
import '@tensorflow/tfjs-layers';
import { registerCpuTrainingKernels } from '../../../src/core/training/cpu-training-kernels.tf.js';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';
import { seededRandom } from '../../../src/core/math/random.js';
import { convShapes, relativeError } from './wasm-against-cpu.js';

type Shape4 = [number, number, number, number];
type Pad =
  | 'valid'
  | 'same'
  | number
  | [[number, number], [number, number], [number, number], [number, number]];

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Values from −1 to 1; with `ties`, whole numbers from 0 to 2, most of them 0, as after a ReLU. */
function values(n: number, seed: number, ties = false): Float32Array {
  const next = seededRandom(seed);
  return Float32Array.from({ length: n }, () => {
    const v = next() * 2 - 1;
    return ties ? Math.max(0, Math.round(v * 2.5)) : v;
  });
}

interface Case {
  label: string;
  run: () => tf.Tensor[];
}

const CASES: Case[] = [];
let seed = 1;
const PADS: Pad[] = [
  'valid',
  'same',
  1,
  [
    [0, 0],
    [1, 2],
    [0, 1],
    [0, 0],
  ],
];
for (const { x, filter } of convShapes()) {
  for (const strides of [1, 2, [1, 2]] as (number | [number, number])[]) {
    for (const pad of PADS) {
      const s = (seed += 3);
      CASES.push({
        label: `conv2d x ${x} filter ${filter} strides ${strides} pad ${JSON.stringify(pad)}`,
        run: () => {
          const input = tf.tensor4d(values(size(x), s, true), x);
          const w = tf.tensor4d(values(size(filter), s + 1), filter);
          const conv = (a: tf.Tensor, b: tf.Tensor) =>
            tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad as 'valid');
          const r = tf.tensor(values(size(conv(input, w).shape), s + 2), conv(input, w).shape);
          return tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv(a, b), r)))([input, w]);
        },
      });
    }
  }
}
for (const x of [
  [1, 6, 6, 1],
  [2, 9, 7, 3],
  [2, 28, 28, 2],
] as Shape4[]) {
  for (const pool of [2, 3]) {
    for (const strides of [1, 2, 3]) {
      for (const pad of ['valid', 'same'] as const) {
        const s = (seed += 2);
        CASES.push({
          label: `maxPool x ${x} pool ${pool} strides ${strides} pad ${pad}`,
          run: () => {
            const input = tf.tensor4d(values(size(x), s, true), x);
            const op = (a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, pool, strides, pad);
            const r = tf.tensor(values(size(op(input).shape), s + 1), op(input).shape);
            return [tf.grad((a: tf.Tensor) => tf.sum(tf.mul(op(a), r)))(input)];
          },
        });
      }
    }
  }
}

/** The filter gradient on channels-first data, which the fast kernel leaves to tfjs' own. */
const CHANNELS_FIRST: Case = {
  label: 'Conv2DBackpropFilter on NCHW data',
  run: () => {
    const x = tf.tensor4d(values(2 * 3 * 8 * 6, 5, true), [2, 3, 8, 6]);
    const dy = tf.tensor4d(values(2 * 4 * 4 * 3, 6), [2, 4, 4, 3]);
    const attrs = {
      strides: 2,
      pad: 'same',
      dataFormat: 'NCHW',
      dimRoundingMode: undefined,
      filterShape: [3, 3, 3, 4],
    };
    return [tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as never) as tf.Tensor];
  },
};

async function read(c: Case): Promise<Float32Array[]> {
  const outs = tf.tidy(c.run);
  const read = await Promise.all(outs.map(async (t) => (await t.data()) as Float32Array));
  tf.dispose(outs);
  return read;
}

describe('cpu training kernels against tfjs’ own cpu kernels', function () {
  this.timeout(120_000);
  const all = [...CASES, CHANNELS_FIRST];
  const theirs: Float32Array[][] = [];
  let baseline: number;
  let tfjsKernel: unknown;

  before(async () => {
    await tf.setBackend('cpu');
    baseline = tf.memory().numTensors;
    tfjsKernel = tf.getKernel('Conv2DBackpropFilter', 'cpu')?.kernelFunc;
    for (const c of all) theirs.push(await read(c));
  });

  after(() => {
    expect(tf.memory().numTensors).to.equal(baseline);
  });

  it('the page’s cpu backend registers them, once', async () => {
    expect((await ensureBackend('cpu')).name).to.equal('cpu');
    const ours = tf.getKernel('Conv2DBackpropFilter', 'cpu')?.kernelFunc;
    expect(ours).to.exist.and.not.equal(tfjsKernel);
    registerCpuTrainingKernels();
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')?.kernelFunc).to.equal(ours);
  });

  it(`filter and max-pooling gradients within 1e-5 of tfjs’ own over ${CASES.length} cases, and NCHW left to tfjs`, async () => {
    const failures: string[] = [];
    for (const [i, c] of all.entries()) {
      const ours = await read(c);
      const errors = ours.map((o, k) => relativeError(o, theirs[i][k]));
      if (!errors.every((e) => e <= 1e-5))
        failures.push(`${c.label}: ${errors.map((e) => e.toExponential(2))}`);
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });
});
