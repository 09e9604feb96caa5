import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';
import type { LayerSpec } from '../../../src/core/models/model-spec.js';
import { buildModel, disposeOptimizer, makeOptimizer } from '../../../src/core/models/model-build.tf.js';
import {
  DivergedError,
  TrainingRun,
  lossAndAccuracy,
  shuffledIndices,
  type BatchReport,
} from '../../../src/core/training/training-loop.tf.js';
import { score } from '../../../src/core/training/scores.js';
import { TrainStep } from '../../../src/core/training/train-step.tf.js';
import { seededRandom } from '../../../src/core/math/random.js';
import { augmentBatch, inverseTransform } from '../../../src/core/images/augment.tf.js';

const SMALL: LayerSpec[] = [
  { type: 'conv2d', filters: 4, kernelSize: 3, activation: 'relu' },
  { type: 'maxPooling2d', poolSize: 2 },
  { type: 'flatten' },
  { type: 'dense', units: 10, activation: 'softmax' },
];

/** Ten easy classes: class k is a bright 4-row bar starting at row 2k, with noise. */
function bars(n: number, seed: number): { xs: tf.Tensor4D; ys: tf.Tensor2D; labels: number[] } {
  const next = seededRandom(seed);
  const pixels = new Float32Array(n * 784);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 10;
    labels.push(k);
    for (let p = 0; p < 784; p++) {
      const row = Math.floor(p / 28);
      pixels[i * 784 + p] = (row >= 2 * k + 2 && row < 2 * k + 6 ? 0.8 : 0) + next() * 0.2;
    }
  }
  return {
    xs: tf.tensor4d(pixels, [n, 28, 28, 1]),
    ys: tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10) as tf.Tensor2D),
    labels,
  };
}

function compiled(seed = 1, lr = 0.05) {
  const model = buildModel(SMALL, seed);
  const optimizer = makeOptimizer('momentum', lr);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return { model, dispose: () => (model.dispose(), disposeOptimizer(optimizer)) };
}

async function weightsOf(model: ReturnType<typeof buildModel>): Promise<number[]> {
  const out: number[] = [];
  for (const w of model.getWeights()) out.push(...(await w.data()));
  return out;
}

describe('training loop', () => {
  let data: ReturnType<typeof bars>;
  let baseline: number;
  before(async () => {
    await ensureBackend('cpu');
    baseline = tf.memory().numTensors;
    data = bars(200, 7);
  });
  after(() => {
    tf.dispose([data.xs, data.ys]);
    expect(tf.memory().numTensors).to.equal(baseline);
  });

  it('shuffles every index exactly once, the same way for the same seed', () => {
    const a = shuffledIndices(50, seededRandom(3));
    expect([...a].sort((x, y) => x - y)).to.deep.equal([...Array(50).keys()]);
    expect([...shuffledIndices(50, seededRandom(3))]).to.deep.equal([...a]);
  });

  it('TrainStep (one read-back a step) gives the losses, accuracies and weights of trainOnBatch exactly', async () => {
    const before = tf.memory().numTensors;
    const a = compiled(3);
    const b = compiled(3);
    const step = new TrainStep(b.model);
    const viaTrainOnBatch: number[][] = [];
    const viaStep: number[][] = [];
    for (let i = 0; i < 4; i++) {
      const [x, y] = [tf.slice(data.xs, i * 25, 25), tf.slice(data.ys, i * 25, 25)];
      viaTrainOnBatch.push((await a.model.trainOnBatch(x, y)) as number[]);
      viaStep.push(await step.run(x, y));
      tf.dispose([x, y]);
    }
    // Steps after the first ran the compiled function directly, not trainOnBatch.
    expect(step.direct).to.equal(true);
    expect(viaStep).to.deep.equal(viaTrainOnBatch);
    expect(await weightsOf(b.model)).to.deep.equal(await weightsOf(a.model));
    a.dispose();
    b.dispose();
    expect(tf.memory().numTensors).to.equal(before);
  });

  it('learns an easy task, reports every batch and epoch, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const { model, dispose } = compiled();
    const batches: BatchReport[] = [];
    const epochs: number[] = [];
    const run = new TrainingRun(
      model,
      data,
      { epochs: 2, batchSize: 32, validationSplit: 0.2, seed: 1 },
      {
        onBatchEnd: (r) => void batches.push(r),
        onEpochEnd: (r) => void epochs.push(r.epoch),
      },
    );
    const result = await run.run();
    expect(result.stopped).to.equal(false);
    // 160 training samples in batches of 32: 5 per epoch.
    expect(batches.length).to.equal(10);
    expect(batches.map((b) => b.batch)).to.deep.equal([0, 1, 2, 3, 4, 0, 1, 2, 3, 4]);
    expect(batches[9].step).to.equal(10);
    expect(batches[9].totalSteps).to.equal(10);
    expect(epochs).to.deep.equal([0, 1]);
    const last = result.epochs[1];
    expect(last.valAccuracy).to.be.greaterThan(0.8);
    // The reported validation figures agree with an independent scoring of the held-out 40.
    const heldOut = tf.slice(data.xs, [160, 0, 0, 0], [40, -1, -1, -1]);
    const probs = model.predict(heldOut) as tf.Tensor;
    const independent = score((await probs.data()) as Float32Array, data.labels.slice(160));
    tf.dispose([heldOut, probs]);
    expect(last.valAccuracy).to.be.closeTo(independent.accuracy, 1e-6);
    expect(last.valLoss).to.be.closeTo(independent.loss, 1e-4);
    dispose();
    expect(tf.memory().numTensors).to.equal(before);
  });

  it('pauses and resumes at the same step: the weights end exactly as in an uninterrupted run', async () => {
    const straight = compiled(2);
    await new TrainingRun(straight.model, data, { epochs: 1, batchSize: 20, seed: 4 }).run();
    const expected = await weightsOf(straight.model);
    straight.dispose();

    const paused = compiled(2);
    const seen: number[] = [];
    const run: TrainingRun = new TrainingRun(
      paused.model,
      data,
      { epochs: 1, batchSize: 20, seed: 4 },
      {
        onBatchEnd: (r) => {
          seen.push(r.step);
          if (r.step === 3) run.pause();
        },
      },
    );
    const done = run.run();
    for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 5));
    expect(run.paused).to.equal(true);
    expect(seen).to.deep.equal([1, 2, 3]);
    run.resume();
    await done;
    expect(seen).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await weightsOf(paused.model)).to.deep.equal(expected);
    paused.dispose();
  });

  it('stops at a batch boundary and leaves a usable model', async () => {
    const { model, dispose } = compiled(3);
    let batches = 0;
    const run: TrainingRun = new TrainingRun(
      model,
      data,
      { epochs: 3, batchSize: 25, seed: 1 },
      {
        onBatchEnd: () => {
          if (++batches === 4) run.stop();
        },
      },
    );
    const result = await run.run();
    expect(result.stopped).to.equal(true);
    expect(batches).to.equal(4);
    const { accuracy, loss } = await lossAndAccuracy(model, data.xs, data.ys);
    expect(Number.isFinite(loss)).to.equal(true);
    expect(accuracy).to.be.within(0, 1);
    dispose();
  });

  it('stops on a NaN loss, says to lower the learning rate and restores the epoch’s starting weights', async () => {
    const { model, dispose } = compiled(1, 1e25);
    const start = await weightsOf(model);
    let error: unknown;
    try {
      await new TrainingRun(model, data, { epochs: 1, batchSize: 10, seed: 1 }).run();
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(DivergedError);
    expect((error as Error).message).to.contain('smaller learning rate');
    expect(await weightsOf(model)).to.deep.equal(start);
    dispose();
  });

  it('augments by the transform it describes: a pure shift moves every pixel, rotation keeps the size', async () => {
    // Shift right by 2 and down by 1, no rotation or zoom, compared with a plain-loop shift.
    const side = 28;
    const pixels = Array.from({ length: side * side }, (_, i) => (i % 7) / 7);
    const x = tf.tensor4d(pixels, [1, side, side, 1]);
    const rows = tf.tensor2d([inverseTransform({ degrees: 0, dx: 2, dy: 1, scale: 1 }, side)], [1, 8]);
    const shifted = tf.image.transform(x, rows, 'bilinear', 'constant', 0);
    const got = Array.from(await shifted.data());
    const want: number[] = [];
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++)
        want.push(r - 1 >= 0 && c - 2 >= 0 ? pixels[(r - 1) * side + (c - 2)] : 0);
    }
    got.forEach((v, i) => expect(v).to.be.closeTo(want[i], 1e-5));
    // Random variants keep the image size and the pixel range.
    const batch = tf.tidy(() => augmentBatch(tf.tile(x, [3, 1, 1, 1]) as tf.Tensor4D, seededRandom(1)));
    expect(batch.shape).to.deep.equal([3, 28, 28, 1]);
    const values = await batch.data();
    expect(values.every((v) => v >= -1e-6 && v <= 1 + 1e-6)).to.equal(true);
    // Every image of the batch is transformed, not only the first (tfjs-backend-cpu's kernel stops after one).
    const mass = (i: number) =>
      Array.from(values.subarray(i * 784, (i + 1) * 784)).reduce((a, b) => a + b, 0);
    const original = pixels.reduce((a, b) => a + b, 0);
    for (let i = 0; i < 3; i++) expect(mass(i) / original).to.be.within(0.6, 1.4);
    tf.dispose([x, rows, shifted, batch]);
  });
});
