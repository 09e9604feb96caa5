/**
 * Which backend trains (`training-backend.ts`): the order the page gives its worker, and a
 * network whose gradient needs a kernel the backend lacks moving to the next backend, in
 * the reader's words, never tfjs' raw "Kernel … not registered".
 */
import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import type { LayerSpec } from '../../../src/core/models/model-spec.js';
import { buildModel } from '../../../src/core/models/model-build.tf.js';
import { loadMnist, splitMnist } from '../../../src/core/training/mnist.tf.js';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';
import { LocalTraining, type TrainingJob } from '../../../src/core/training/training-session.tf.js';
import { trainingBackendOrder, trainWithFallback } from '../../../src/core/training/training-backend.js';
import type { WorkerBackend } from '../../../src/core/training/worker-messages.js';
import { TrainingWorker, WorkerTraining } from '../../../src/core/training/worker-client.tf.js';

const SMALL: LayerSpec[] = [
  { type: 'conv2d', filters: 2, kernelSize: 3, activation: 'relu' },
  { type: 'maxPooling2d', poolSize: 2 },
  { type: 'flatten' },
  { type: 'dense', units: 10, activation: 'softmax' },
];

describe('the training backend', function () {
  this.timeout(120_000);
  let job: TrainingJob;
  before(async () => {
    expect((await ensureBackend('wasm')).name).to.equal('wasm');
    const data = await loadMnist();
    const { train, test } = splitMnist(data, { trainSize: 40, seed: 3 });
    job = {
      data,
      train,
      test: test.slice(0, 20),
      settings: {
        epochs: 1,
        batchSize: 20,
        learningRate: 0.01,
        optimizer: 'sgd',
        validationSplit: 0,
        seed: 1,
        augment: false,
      },
    };
  });

  it('trains on wasm without a real GPU, on a real GPU that won the calibration, and on a forced backend only', () => {
    const soft = { isSoftware: true };
    const real = { isSoftware: false };
    expect(trainingBackendOrder({ name: 'wasm', requested: 'auto' })).to.deep.equal(['wasm', 'cpu']);
    expect(trainingBackendOrder({ name: 'cpu', requested: 'auto' })).to.deep.equal(['wasm', 'cpu']);
    expect(trainingBackendOrder({ name: 'webgl', requested: 'auto', adapter: soft })).to.deep.equal([
      'wasm',
      'cpu',
    ]);
    expect(trainingBackendOrder({ name: 'webgpu', requested: 'auto', adapter: real })).to.deep.equal([
      'webgpu',
      'wasm',
      'cpu',
    ]);
    expect(trainingBackendOrder({ name: 'webgl', requested: 'webgl', adapter: soft })).to.deep.equal([
      'webgl',
    ]);
  });

  it('moves a network to the next backend when its gradient needs a kernel the first lacks, and says why', async () => {
    // A backend without a gradient the network needs: wasm's MaxPoolGrad, taken away for this test.
    const kernel = tf.getKernel('MaxPoolGrad', 'wasm');
    tf.unregisterKernel('MaxPoolGrad', 'wasm');
    const ran: { backend: WorkerBackend; moved?: string; tensors: number }[] = [];
    const attempt = (order: WorkerBackend[]) =>
      trainWithFallback(
        order,
        async (backend, moved) => {
          ran.push({ backend, moved, tensors: tf.memory().numTensors });
          await tf.setBackend(backend);
          const model = buildModel(SMALL, 2);
          try {
            return await new LocalTraining(model, job).run();
          } finally {
            model.dispose();
          }
        },
        () => false,
      );
    let alone: unknown;
    let afterMove = -1;
    try {
      const result = await attempt(['wasm', 'cpu']);
      afterMove = tf.memory().numTensors;
      expect(result.epochs.length).to.equal(1);
      await attempt(['wasm']).catch((e: unknown) => (alone = e));
    } finally {
      tf.registerKernel(kernel);
      await tf.setBackend('wasm');
    }
    expect(ran.map((r) => r.backend)).to.deep.equal(['wasm', 'cpu', 'wasm']);
    expect(ran[1].moved).to.equal('wasm has no MaxPoolGrad operation for this network, so it trains on cpu');
    // Nowhere left to go: the reader gets a sentence, not tfjs' message.
    expect((alone as Error).message).to.equal(
      'The wasm backend cannot train this network: it has no MaxPoolGrad operation, which one of its layers needs.',
    );
    expect((alone as Error).message).not.to.contain('not registered');
    // And on the page, where there is no next backend to move to, a run says the same.
    tf.unregisterKernel('MaxPoolGrad', 'wasm');
    const model = buildModel(SMALL, 4);
    const failed = await new LocalTraining(model, job).run().catch((e: Error) => e);
    tf.registerKernel(kernel);
    model.dispose();
    expect((failed as Error).message).to.equal((alone as Error).message);
    // The run that moved leaves nothing behind (tfjs itself keeps the forward tensors of the
    // gradient that failed, as with any gradient it refuses).
    expect(afterMove).to.equal(ran[1].tensors);
  });

  it('the worker trains on the first backend of its order that starts there, and names it', async () => {
    const worker = new TrainingWorker(['wasm', 'cpu']);
    const model = buildModel(SMALL, 3);
    try {
      const control = new WorkerTraining(worker, model, job);
      await control.run();
      expect(control.where).to.equal('worker');
      expect(control.trainingBackend?.name).to.equal('wasm');
      expect(control.trainingBackend?.note).to.contain('wasm trains fastest without a real GPU');
    } finally {
      model.dispose();
      worker.dispose();
    }
  });
});
