/**
 * One check for each GPU backend's test file (the page's backend is chosen once per page):
 * a run in the worker, with that backend inside it, matches the same run on the page.
 */
import { expect } from '@open-wc/testing';
import type * as tfl from '@tensorflow/tfjs-layers';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';
import type { LayerSpec } from '../../../src/core/models/model-spec.js';
import { buildModel } from '../../../src/core/models/model-build.tf.js';
import { loadMnist, splitMnist } from '../../../src/core/training/mnist.tf.js';
import type { BatchReport } from '../../../src/core/training/training-loop.tf.js';
import { LocalTraining, type TrainingJob } from '../../../src/core/training/training-session.tf.js';
import { TrainingWorker, WorkerTraining } from '../../../src/core/training/worker-client.tf.js';

const SMALL: LayerSpec[] = [
  { type: 'conv2d', filters: 2, kernelSize: 3, activation: 'relu' },
  { type: 'maxPooling2d', poolSize: 2 },
  { type: 'flatten' },
  { type: 'dense', units: 10, activation: 'softmax' },
];

async function weightsOf(model: tfl.LayersModel): Promise<number[]> {
  const out: number[] = [];
  for (const w of model.getWeights()) out.push(...(await w.data()));
  return out;
}

export function workerMatchesPage(backend: 'webgpu' | 'webgl' | 'wasm'): void {
  it(`trains with ${backend} inside the worker and matches the same run on the page`, async function () {
    this.timeout(180000);
    const report = await ensureBackend(backend);
    expect(report.name).to.equal(backend);
    const data = await loadMnist();
    const { train, test } = splitMnist(data, { trainSize: 60, seed: 4 });
    const job: TrainingJob = {
      data,
      train,
      test: test.slice(0, 40),
      settings: {
        epochs: 1,
        batchSize: 20,
        learningRate: 0.01,
        optimizer: 'adam',
        validationSplit: 0,
        seed: 2,
        augment: false,
      },
    };
    const worker = new TrainingWorker(backend);
    const runs: { where: string; losses: number[]; weights: number[] }[] = [];
    try {
      for (const make of [
        (m: tfl.LayersModel, h: object) => new LocalTraining(m, job, h),
        (m: tfl.LayersModel, h: object) => new WorkerTraining(worker, m, job, h),
      ]) {
        const model = buildModel(SMALL, 8);
        const losses: number[] = [];
        const control = make(model, { onBatchEnd: (r: BatchReport) => void losses.push(r.loss) });
        await control.run();
        runs.push({ where: control.where, losses, weights: await weightsOf(model) });
        model.dispose();
      }
    } finally {
      worker.dispose();
    }
    const [page, inWorker] = runs;
    expect(inWorker.where).to.equal('worker');
    expect(worker.unavailable).to.equal(undefined);
    expect(inWorker.losses.length).to.equal(3);
    // The same shaders on the same adapter: equal up to float32 rounding.
    inWorker.losses.forEach((loss, i) => expect(loss).to.be.closeTo(page.losses[i], 1e-5));
    inWorker.weights.forEach((w, i) => expect(w).to.be.closeTo(page.weights[i], 1e-5));
  });
}
