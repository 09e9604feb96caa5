/**
 * One training run of `<cnn-trainer>` from plain inputs (the digits, which of them train
 * and which test, the settings; or inputs computed before the run, `inputs-job.ts`) to reports. It makes the tensors and the optimizer,
 * compiles the model, runs `TrainingRun` (which scores the test split after every epoch)
 * and frees what it made. The same class runs on the page and inside the training worker
 * (`train-worker.ts`), so both give the same numbers for the same seed.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { augmentBatch } from '../images/augment.tf.js';
import { mnistTensors, type MnistData } from './mnist.tf.js';
import { disposeOptimizer, makeOptimizer } from '../models/model-build.tf.js';
import type { OptimizerName } from '../models/model-spec.js';
import { seededRandom } from '../math/random.js';
import { TrainingRun, type TrainHooks, type TrainResult } from './training-loop.tf.js';
import { MissingKernelError, missingKernel } from './training-backend.js';
import { inputsTensors, isInputsJob, type InputsJob } from './inputs-job.tf.js';

export interface TrainingSettings {
  epochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerName;
  /** Fraction of the training digits held out (the last ones) for validation. */
  validationSplit: number;
  /** Seeds the order of the batches and the augmentation. */
  seed: number;
  augment: boolean;
}

/** What to train on: indices into `data` for training and for the test after every epoch. */
export interface TrainingJob {
  data: MnistData;
  train: readonly number[];
  test: readonly number[];
  settings: TrainingSettings;
}

/** A run in progress, wherever its batches are computed. */
export interface TrainingControl {
  /** `page`: on the main thread with the page's backend; `worker`: in a Web Worker. */
  readonly where: 'page' | 'worker';
  /** Where the worker chose its own backend: which, and why. */
  readonly trainingBackend?: { name: string; note: string };
  /** Holds the run at the next batch boundary. */
  pause(): void;
  resume(): void;
  /** Ends the run at the next batch boundary (also before it started, or while paused). */
  stop(): void;
  /** Trains; resolves when the epochs are done or the run was stopped. Call once. */
  run(): Promise<TrainResult>;
}

/** A run whose batches are computed here, on this thread's tfjs backend. */
export class LocalTraining implements TrainingControl {
  readonly where = 'page' as const;
  private readonly loop: TrainingRun;
  private readonly owned: tf.Tensor[];
  private readonly optimizer: tf.Optimizer;

  constructor(model: tfl.LayersModel, job: TrainingJob | InputsJob, hooks: TrainHooks = {}) {
    const { settings } = job;
    const trainSet = isInputsJob(job) ? inputsTensors(job, job.train) : mnistTensors(job.data, job.train);
    const testSet = isInputsJob(job) ? inputsTensors(job, job.test) : mnistTensors(job.data, job.test);
    const testLabels = isInputsJob(job)
      ? job.test.labels
      : Uint8Array.from(job.test, (i) => job.data.labels[i]);
    this.owned = [trainSet.xs, trainSet.ys, testSet.xs, testSet.ys];
    this.optimizer = makeOptimizer(settings.optimizer, settings.learningRate);
    model.compile({ optimizer: this.optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const next = seededRandom(settings.seed + 1);
    this.loop = new TrainingRun(
      model,
      trainSet,
      {
        epochs: settings.epochs,
        batchSize: settings.batchSize,
        validationSplit: settings.validationSplit,
        seed: settings.seed,
        augment: settings.augment ? (x) => augmentBatch(x, next) : undefined,
        test: { xs: testSet.xs, labels: testLabels },
      },
      hooks,
    );
  }

  pause(): void {
    this.loop.pause();
  }

  resume(): void {
    this.loop.resume();
  }

  stop(): void {
    this.loop.stop();
  }

  async run(): Promise<TrainResult> {
    try {
      return await this.loop.run();
    } catch (e) {
      // tfjs' "Kernel … not registered for backend …" never reaches the reader as it is.
      const missing = missingKernel(e);
      throw missing ? new MissingKernelError(missing.kernel, missing.backend) : e;
    } finally {
      tf.dispose(this.owned);
      disposeOptimizer(this.optimizer);
    }
  }
}
