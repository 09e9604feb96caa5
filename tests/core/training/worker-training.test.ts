import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';
import type { LayerSpec } from '../../../src/core/models/model-spec.js';
import { buildModel } from '../../../src/core/models/model-build.tf.js';
import { loadMnist, mnistTensors, splitMnist, type MnistData } from '../../../src/core/training/mnist.tf.js';
import { evaluateModel } from '../../../src/core/training/evaluate.tf.js';
import {
  DivergedError,
  type BatchReport,
  type EpochReport,
} from '../../../src/core/training/training-loop.tf.js';
import {
  LocalTraining,
  type TrainingJob,
  type TrainingSettings,
} from '../../../src/core/training/training-session.tf.js';
import {
  TrainingWorker,
  WorkerTraining,
  setTrainingWorkerUrl,
  trainingWorkerUrl,
} from '../../../src/core/training/worker-client.tf.js';
import { ExampleSet, splitExamples } from '../../../src/core/training/example-set.js';
import { cutBase, HeadTraining, headLayers, joinHead } from '../../../src/core/training/transfer.tf.js';
import type { InputsJob } from '../../../src/core/training/inputs-job.tf.js';
import { seededRandom } from '../../../src/core/math/random.js';
import { until } from '../../helpers.js';

const SMALL: LayerSpec[] = [
  { type: 'conv2d', filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: 'heUniform' },
  { type: 'maxPooling2d', poolSize: 2 },
  { type: 'flatten' },
  { type: 'dense', units: 10, activation: 'softmax' },
];

const SETTINGS: TrainingSettings = {
  epochs: 2,
  batchSize: 25,
  learningRate: 0.01,
  optimizer: 'adam',
  validationSplit: 0.2,
  seed: 3,
  augment: true,
};

async function weightsOf(model: tfl.LayersModel): Promise<number[]> {
  const out: number[] = [];
  for (const w of model.getWeights()) out.push(...(await w.data()));
  return out;
}

/** Trains a fresh SMALL model (seed 5) with one control kind, recording every report. */
async function trainWith(
  make: (model: tfl.LayersModel, job: TrainingJob, hooks: object) => LocalTraining | WorkerTraining,
  job: TrainingJob,
) {
  const model = buildModel(SMALL, 5);
  const batches: BatchReport[] = [];
  const epochs: EpochReport[] = [];
  const control = make(model, job, {
    onBatchEnd: (r: BatchReport) => void batches.push(r),
    onEpochEnd: (r: EpochReport) => void epochs.push(r),
  });
  const result = await control.run();
  const weights = await weightsOf(model);
  model.dispose();
  return { control, result, batches, epochs, weights };
}

/** A 28×28 white-on-black bar, dash or ring (class 0, 1, 2) at a random place and size: the reader's own classes. */
function symbol(kind: number, next: () => number): Uint8Array {
  const pixels = new Uint8Array(784);
  const cx = 10 + next() * 8;
  const cy = 10 + next() * 8;
  const r = 5 + next() * 4;
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      const dx = x - cx;
      const dy = y - cy;
      const ink =
        kind === 0
          ? Math.abs(dx) < 1.5 && Math.abs(dy) < r
          : kind === 1
            ? Math.abs(dy) < 1.5 && Math.abs(dx) < r
            : Math.abs(Math.hypot(dx, dy) - r) < 1.5;
      if (ink) pixels[y * 28 + x] = 255;
    }
  }
  return pixels;
}

/** 3 classes × `perClass` symbols, as the trainer keeps them. */
function ownClasses(perClass: number, seed: number): ExampleSet {
  const set = new ExampleSet(['bar', 'dash', 'ring']);
  const next = seededRandom(seed);
  for (let i = 0; i < perClass; i++) set.classes.forEach((label, kind) => set.add(label, symbol(kind, next)));
  return set;
}

/** The model's class probabilities for some 28×28 examples. */
async function predictionsOf(model: tfl.LayersModel, examples: readonly Uint8Array[]): Promise<Float32Array> {
  const p = tf.tidy(
    () =>
      model.predict(
        tf.tensor4d(
          Float32Array.from(
            examples.flatMap((e) => [...e]),
            (v) => v / 255,
          ),
          [examples.length, 28, 28, 1],
        ),
      ) as tf.Tensor,
  );
  const values = (await p.data()) as Float32Array;
  p.dispose();
  return values;
}

describe('training in a Web Worker', () => {
  let data: MnistData;
  let job: TrainingJob;
  let worker: TrainingWorker;
  before(async () => {
    await ensureBackend('cpu');
    data = await loadMnist();
    const { train, test } = splitMnist(data, { trainSize: 150, seed: 2 });
    job = { data, train, test: test.slice(0, 200), settings: SETTINGS };
    worker = new TrainingWorker();
  });
  after(() => worker.dispose());

  it('finds its script beside the sources', () => {
    expect(trainingWorkerUrl()).to.match(/\/src\/core\/training\/worker-script\.tf\.ts$/);
  });

  it('gives the same reports and weights as training on the page, and leaks nothing here', async () => {
    const before = tf.memory().numTensors;
    const here = await trainWith((m, j, h) => new LocalTraining(m, j, h), job);
    const there = await trainWith((m, j, h) => new WorkerTraining(worker, m, j, h), job);
    expect(here.control.where).to.equal('page');
    expect(there.control.where).to.equal('worker');
    // 150 digits, 30 held out, batches of 25: 5 a epoch.
    expect(there.batches.map((b) => b.step)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(there.batches.map((b) => b.loss)).to.deep.equal(here.batches.map((b) => b.loss));
    expect(there.epochs.map((e) => [e.loss, e.valAccuracy, e.test?.accuracy])).to.deep.equal(
      here.epochs.map((e) => [e.loss, e.valAccuracy, e.test?.accuracy]),
    );
    expect(there.epochs[1].test!.confusion).to.deep.equal(here.epochs[1].test!.confusion);
    // Same backend, same operations, same seed: the same numbers to the bit.
    expect(there.weights).to.deep.equal(here.weights);
    expect(tf.memory().numTensors).to.equal(before);
  });

  it('pauses at the batch where it was asked, resumes there, and stops with the weights it reached', async () => {
    const model = buildModel(SMALL, 5);
    const start = await weightsOf(model);
    const steps: number[] = [];
    let atPause = -1;
    const control: WorkerTraining = new WorkerTraining(worker, model, job, {
      onBatchEnd: (r) => {
        steps.push(r.step);
        if (r.step === 2) control.pause();
        if (r.step === 7) control.stop();
      },
    });
    const done = control.run();
    while (steps.length < 2) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    atPause = steps.length;
    control.resume();
    const result = await done;
    expect(atPause).to.equal(2);
    expect(steps).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
    expect(result.stopped).to.equal(true);
    expect(result.epochs.length).to.equal(1);
    // The page's model holds what the worker learned by the stop.
    expect(await weightsOf(model)).to.not.deep.equal(start);
    model.dispose();
  });

  it('reports a loss that turned NaN, with the weights of the epoch’s start back in the page’s model', async () => {
    const model = buildModel(SMALL, 5);
    const start = await weightsOf(model);
    const control = new WorkerTraining(worker, model, {
      ...job,
      settings: { ...SETTINGS, optimizer: 'sgd', learningRate: 1e25 },
    });
    let error: unknown;
    try {
      await control.run();
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(DivergedError);
    expect((error as Error).message).to.contain('smaller learning rate');
    expect(await weightsOf(model)).to.deep.equal(start);
    model.dispose();
  });

  it('scores a model in the worker exactly as on the page, and is free again afterwards', async () => {
    const model = buildModel(SMALL, 5);
    const { xs, ys } = mnistTensors(data, job.test);
    const labels = Uint8Array.from(job.test, (i) => data.labels[i]);
    const here = await evaluateModel(model, xs, labels);
    tf.dispose([xs, ys]);
    const there = await worker.evaluate(model, data, job.test);
    expect(there).to.not.equal(undefined);
    expect(there!.accuracy).to.equal(here.accuracy);
    expect(there!.loss).to.equal(here.loss);
    expect(there!.confusion).to.deep.equal(here.confusion);
    expect(Array.from(there!.predicted)).to.deep.equal(Array.from(here.predicted));
    expect(worker.busy).to.equal(false);
    // While a run has the worker, an evaluation is left to the page (undefined).
    const run = new WorkerTraining(worker, model, { ...job, settings: { ...SETTINGS, epochs: 1 } });
    const training = run.run();
    await new Promise((r) => setTimeout(r, 0));
    expect(await worker.evaluate(model, data, job.test)).to.equal(undefined);
    await training;
    model.dispose();
  });

  it('trains the reader’s own classes there as on the page, over their classes', async () => {
    const before = tf.memory().numTensors;
    const set = ownClasses(12, 4);
    const data = set.toData();
    const { train, test } = splitExamples(data.labels, data.classes, 0.25, 3);
    const custom: TrainingJob = {
      data,
      train,
      test,
      settings: { ...SETTINGS, epochs: 1, batchSize: 9, validationSplit: 0 },
    };
    const stack: LayerSpec[] = [
      { type: 'flatten' },
      { type: 'dense', units: 16, activation: 'relu' },
      { type: 'dense', units: 3, activation: 'softmax' },
    ];
    const runs = [];
    for (const where of ['page', 'worker']) {
      const model = buildModel(stack, 5, { classes: 3 });
      const losses: number[] = [];
      const epochs: EpochReport[] = [];
      const hooks = {
        onBatchEnd: (r: BatchReport) => void losses.push(r.loss),
        onEpochEnd: (r: EpochReport) => void epochs.push(r),
      };
      const control =
        where === 'page'
          ? new LocalTraining(model, custom, hooks)
          : new WorkerTraining(worker, model, custom, hooks);
      await control.run();
      runs.push({
        where: control.where,
        losses,
        epochs,
        predictions: await predictionsOf(model, set.list()),
      });
      model.dispose();
    }
    const [page, there] = runs;
    expect(there.where).to.equal('worker');
    // 36 examples, 9 held out (3 a class), batches of 9: 3 batches.
    expect(there.losses).to.have.length(3);
    there.losses.forEach((loss, i) => expect(loss).to.be.closeTo(page.losses[i], 1e-5));
    // The held-out examples are scored over the three classes, in the worker as on the page.
    expect(there.epochs[0].test!.confusion).to.have.length(3);
    expect(there.epochs[0].test!.confusion).to.deep.equal(page.epochs[0].test!.confusion);
    // The page's model holds the worker's weights: its predictions agree to float32 rounding.
    there.predictions.forEach((p, i) => expect(p).to.be.closeTo(page.predictions[i], 1e-5));
    expect(tf.memory().numTensors).to.equal(before);
  });

  it('trains a head on a frozen base’s features computed on the page, handing the arrays over', async () => {
    const before = tf.memory().numTensors;
    const set = ownClasses(8, 6);
    const data = set.toData();
    const all = set.list();
    const { train, test } = splitExamples(data.labels, data.classes, 0.25, 2);
    const pick = (indices: number[]) => ({
      examples: indices.map((i) => all[i]),
      labels: indices.map((i) => data.labels[i]),
    });
    const settings: TrainingSettings = {
      ...SETTINGS,
      epochs: 1,
      batchSize: 6,
      validationSplit: 0,
      augment: false,
    };
    const runs = [];
    // The last run is paused after its first batch, then stopped there.
    for (const where of ['page', 'worker', 'stopped']) {
      // A tiny convolutional base, its layers seeded: the same starting weights each time.
      const base = cutBase(
        buildModel(
          [
            { type: 'conv2d', filters: 3, kernelSize: 3, activation: 'relu' },
            { type: 'maxPooling2d', poolSize: 4 },
            { type: 'flatten' },
            { type: 'dense', units: 2, activation: 'softmax' },
          ],
          9,
          { classes: 2 },
        ),
        'a test base',
      );
      const transfer = joinHead(base, headLayers(base.featureShape, 3), 7, 0);
      const losses: number[] = [];
      const onBatchEnd = (r: BatchReport) => {
        losses.push(r.loss);
        if (where === 'stopped') control.pause();
      };
      const control: HeadTraining = new HeadTraining(
        transfer,
        pick(train),
        pick(test),
        settings,
        { onBatchEnd },
        where === 'page' ? undefined : worker,
      );
      const done = control.run();
      if (where === 'stopped') {
        await until(() => losses.length === 1, 'a batch', 10000);
        await new Promise((r) => setTimeout(r, 200));
        control.stop();
      }
      const result = await done;
      runs.push({
        where: control.where,
        losses,
        result,
        predictions: await predictionsOf(transfer.model, all),
      });
      transfer.dispose();
    }
    const [page, there, stopped] = runs;
    expect([stopped.where, stopped.losses.length, stopped.result.stopped]).to.deep.equal(['worker', 1, true]);
    expect(there.where).to.equal('worker');
    expect(there.losses).to.have.length(3);
    there.losses.forEach((loss, i) => expect(loss).to.be.closeTo(page.losses[i], 1e-5));
    there.predictions.forEach((p, i) => expect(p).to.be.closeTo(page.predictions[i], 1e-5));
    expect(tf.memory().numTensors).to.equal(before);

    // A job made for the run hands its buffers to the worker (they are detached here afterwards).
    let made: InputsJob | undefined;
    const head = buildModel(headLayers([2, 2, 3], 3), 1, { classes: 3, inputShape: [2, 2, 3] });
    const next = seededRandom(1);
    const split = (n: number) => ({
      xs: Float32Array.from({ length: n * 12 }, next),
      labels: Uint8Array.from({ length: n }, (_, i) => i % 3),
    });
    const run = new WorkerTraining(
      worker,
      head,
      async () => (made = { shape: [2, 2, 3], classes: 3, train: split(12), test: split(3), settings }),
    );
    await run.run();
    head.dispose();
    expect(run.where).to.equal('worker');
    expect(made!.train.xs.byteLength).to.equal(0);
  });

  it('trains on the page when the worker script cannot load', async () => {
    setTrainingWorkerUrl(new URL('/no/such/train-worker.js', location.href));
    const missing = new TrainingWorker();
    try {
      const run = await trainWith((m, j, h) => new WorkerTraining(missing, m, j, h), {
        ...job,
        settings: { ...SETTINGS, epochs: 1 },
      });
      expect(run.control.where).to.equal('page');
      expect(run.result.epochs.length).to.equal(1);
      expect(missing.unavailable).to.contain('could not start');
      // Inputs made for the run were handed to a worker that never ran: the page makes them again.
      const lost = new TrainingWorker();
      const head = buildModel(headLayers([2, 2, 3], 2), 1, { classes: 2, inputShape: [2, 2, 3] });
      const split = (n: number) => ({
        xs: new Float32Array(n * 12).fill(0.5),
        labels: Uint8Array.from({ length: n }, (_, i) => i % 2),
      });
      let made = 0;
      const settings = { ...SETTINGS, epochs: 1, validationSplit: 0, augment: false };
      const inputs = new WorkerTraining(
        lost,
        head,
        async () => (made++, { shape: [2, 2, 3], classes: 2, train: split(8), test: split(2), settings }),
      );
      const result = await inputs.run();
      head.dispose();
      lost.dispose();
      expect([inputs.where, result.epochs.length, made]).to.deep.equal(['page', 1, 2]);
    } finally {
      setTrainingWorkerUrl(null);
      missing.dispose();
    }
    // Turned off: the page trains at once.
    const off = new TrainingWorker();
    expect(off.unavailable).to.contain('turned the training worker off');
  });
});
