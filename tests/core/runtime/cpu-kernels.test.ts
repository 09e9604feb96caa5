/**
 * The library's cpu kernels (`src/core/runtime/cpu-kernels.tf.ts`) against tfjs' own cpu
 * kernels, which they replace: every result is computed first with tfjs' kernels, then with
 * ours once registered, over shapes × filter sizes × strides × paddings (and dilations,
 * activations, channel counts that are not a multiple of four), on inputs full of zeros and
 * ties (as after a ReLU), the cases the kernels treat specially. Every value must be the
 * same to the bit: the kernels sum what tfjs' own sum, in the same order, rounded the same way.
 */
import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
// tfjs-layers registers tfjs' gradient functions, as the trainer's model code does.
import '@tensorflow/tfjs-layers';
import { registerCpuKernels } from '../../../src/core/runtime/cpu-kernels.tf.js';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';
import { seededRandom } from '../../../src/core/math/random.js';
import { convShapes } from '../training/wasm-against-cpu.js';

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

/** What a case computes. */
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
/**
 * Channel counts past a multiple of four (the kernels' last block repeats the last channel),
 * and below four (the forward pass and the input's gradient leave those to tfjs' own).
 */
const MORE_CHANNELS: Array<{ x: Shape4; filter: Shape4 }> = [
  { x: [2, 7, 6, 6], filter: [3, 3, 6, 5] },
  { x: [1, 6, 6, 8], filter: [2, 2, 8, 10] },
  { x: [2, 5, 5, 5], filter: [3, 3, 5, 8] },
  { x: [2, 6, 5, 3], filter: [3, 2, 3, 3] },
  { x: [1, 7, 7, 5], filter: [3, 3, 5, 1] },
];
const tensors = (x: Shape4, filter: Shape4, s: number) => ({
  input: tf.tensor4d(values(size(x), s, true), x),
  w: tf.tensor4d(values(size(filter), s + 1), filter),
});
for (const { x, filter } of [...convShapes(), ...MORE_CHANNELS]) {
  for (const strides of [1, 2, [1, 2]] as (number | [number, number])[]) {
    for (const pad of PADS) {
      const s = (seed += 3);
      CASES.push({
        label: `conv2d x ${x} filter ${filter} strides ${strides} pad ${JSON.stringify(pad)}`,
        run: () => {
          const { input, w } = tensors(x, filter, s);
          const conv = (a: tf.Tensor, b: tf.Tensor) =>
            tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad as 'valid');
          const y = conv(input, w);
          const r = tf.tensor(values(size(y.shape), s + 2), y.shape);
          return [y, ...tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv(a, b), r)))([input, w])];
        },
      });
    }
  }
}
for (const { x, filter } of MORE_CHANNELS) {
  for (const dilations of [2, [1, 3]] as (number | [number, number])[]) {
    const s = (seed += 2);
    CASES.push({
      label: `conv2d x ${x} filter ${filter} dilations ${dilations}`,
      run: () => {
        const { input, w } = tensors(x, filter, s);
        return [tf.conv2d(input, w, 1, 'same', 'NHWC', dilations)];
      },
    });
  }
  // tfjs-layers' Conv2D runs the fused kernel: every activation it may apply, and no bias.
  for (const activation of ['relu', 'linear', 'elu', 'relu6', 'sigmoid', 'leakyrelu', 'prelu', undefined]) {
    const s = (seed += 3);
    const out = filter[3];
    CASES.push({
      label: `fused conv2d x ${x} filter ${filter} activation ${activation}`,
      run: () => {
        const { input, w } = tensors(x, filter, s);
        const bias = tf.tensor1d(values(out, s + 2));
        const alpha = tf.tensor1d(values(out, s + 3));
        const fused = (b?: tf.Tensor1D) =>
          tf.fused.conv2d({
            x: input,
            filter: w,
            strides: 1,
            pad: 'same',
            bias: b,
            activation: activation as tf.fused.Activation,
            preluActivationWeights: activation === 'prelu' ? alpha : undefined,
            leakyreluAlpha: 0.3,
          });
        // A bias per filter, none, and one for all filters (which tfjs' own Add broadcasts).
        return [fused(bias), fused(), fused(tf.scalar(0.25) as unknown as tf.Tensor1D)];
      },
    });
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

// Sums over leading axes (the bias gradients), and over others, which tfjs' own kernel keeps.
for (const [shape, axes] of [
  [
    [4, 3, 5, 6],
    [0, 1, 2],
  ],
  [[4, 3, 5, 6], [0]],
  [
    [4, 3, 5, 6],
    [-4, -3],
  ],
  [
    [4, 3, 5, 6],
    [1, 0],
  ],
  [[32, 10], 0],
  [
    [4, 3, 5, 6],
    [1, 2],
  ],
  [[4, 3, 5, 6], [3]],
  [[4, 3, 5, 6], null],
] as Array<[number[], number | number[] | null]>) {
  for (const keepDims of [false, true]) {
    const s = (seed += 1);
    CASES.push({
      label: `sum x ${shape} axes ${JSON.stringify(axes)}${keepDims ? ' keepDims' : ''}`,
      run: () => [tf.sum(tf.tensor(values(size(shape), s), shape), axes ?? undefined, keepDims)],
    });
  }
}

/** Channels-first data, which the kernels leave to tfjs' own. */
const CHANNELS_FIRST: Case[] = [
  {
    label: 'Conv2DBackpropFilter on NCHW data',
    run: () => {
      const x = tf.tensor4d(values(2 * 4 * 8 * 6, 5, true), [2, 4, 8, 6]);
      const dy = tf.tensor4d(values(2 * 4 * 4 * 3, 6), [2, 4, 4, 3]);
      const attrs = {
        strides: 2,
        pad: 'same',
        dataFormat: 'NCHW',
        dimRoundingMode: undefined,
        filterShape: [3, 3, 4, 4],
      };
      return [tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as never) as tf.Tensor];
    },
  },
  {
    label: 'Conv2D on NCHW data',
    run: () => {
      const x = tf.tensor4d(values(2 * 4 * 8 * 6, 7, true), [2, 4, 8, 6]);
      const w = tf.tensor4d(values(3 * 3 * 4 * 8, 8), [3, 3, 4, 8]);
      return [tf.conv2d(x, w, 1, 'same', 'NCHW')];
    },
  },
];

/** A result's shape and values. */
interface Result {
  shape: number[];
  values: Float32Array;
}

async function read(c: Case): Promise<Result[]> {
  const outs = tf.tidy(c.run);
  const read = await Promise.all(
    outs.map(async (t) => ({ shape: t.shape, values: (await t.data()) as Float32Array })),
  );
  tf.dispose(outs);
  return read;
}

/** How `mine` differs from `tfjs`, in shape or in any value's bits; '' when it does not. */
function difference(mine: Result, tfjs: Result): string {
  if (String(mine.shape) !== String(tfjs.shape)) return `shape [${mine.shape}], not [${tfjs.shape}]`;
  const [ours, theirs] = [mine.values, tfjs.values];
  if (ours.length !== theirs.length) return `${ours.length} values, not ${theirs.length}`;
  const at = ours.findIndex((v, i) => !Object.is(v, theirs[i]));
  return at < 0 ? '' : `[${at}] ${ours[at]}, not ${theirs[at]}`;
}

const REPLACED = [
  'Conv2D',
  'FusedConv2D',
  'Conv2DBackpropInput',
  'Conv2DBackpropFilter',
  'MaxPoolGrad',
  'Sum',
];

describe('cpu kernels against tfjs’ own cpu kernels', function () {
  this.timeout(120_000);
  const all = [...CASES, ...CHANNELS_FIRST];
  const theirs: Result[][] = [];
  let baseline: number;
  let tfjsKernels: unknown[];

  before(async () => {
    await tf.setBackend('cpu');
    baseline = tf.memory().numTensors;
    tfjsKernels = REPLACED.map((name) => tf.getKernel(name, 'cpu')?.kernelFunc);
    for (const c of all) theirs.push(await read(c));
  });

  after(() => {
    expect(tf.memory().numTensors).to.equal(baseline);
  });

  it('the page’s cpu backend registers them, once', async () => {
    expect((await ensureBackend('cpu')).name).to.equal('cpu');
    const ours = REPLACED.map((name) => tf.getKernel(name, 'cpu')?.kernelFunc);
    ours.forEach((kernel, i) => expect(kernel, REPLACED[i]).to.exist.and.not.equal(tfjsKernels[i]));
    registerCpuKernels();
    expect(REPLACED.map((name) => tf.getKernel(name, 'cpu')?.kernelFunc)).to.deep.equal(ours);
  });

  it(`the same convolutions, gradients and sums as tfjs’ own, to the bit, over ${CASES.length} cases, and NCHW left to tfjs`, async () => {
    const failures: string[] = [];
    for (const [i, c] of all.entries()) {
      const ours = await read(c);
      const found = ours.map((o, k) => difference(o, theirs[i][k])).filter(Boolean);
      if (found.length) failures.push(`${c.label}: ${found.join('; ')}`);
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });
});
