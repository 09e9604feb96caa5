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
    } finally {
      setTrainingWorkerUrl(null);
      missing.dispose();
    }
    // Turned off: the page trains at once.
    const off = new TrainingWorker();
    expect(off.unavailable).to.contain('turned the training worker off');
  });
});
