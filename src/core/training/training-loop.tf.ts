/**
 * The training loop: one batch at a time (`TrainStep`, the model's compiled step, or for a
 * dense head on the wasm and cpu backends `DenseHeadStep`), so that a reader
 * can pause, resume and stop at any batch boundary, the page gets the main thread
 * back between batches, and a loss that turns NaN stops the run with the weights of
 * the last good epoch restored.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { evaluateModel } from './evaluate.tf.js';
import type { Evaluation } from './scores.js';
import { seededRandom } from '../math/random.js';
import { yieldToPage } from '../runtime/yield-to-page.js';
import { TrainStep } from './train-step.tf.js';
import { denseHeadStep } from './dense-head-step.tf.js';
import { gatherRows } from '../runtime/host-memory.tf.js';

/** Training data: images [n, 28, 28, 1] in 0..1 and one-hot labels [n, 10]. The caller owns both. */
export interface TrainData {
  xs: tf.Tensor4D;
  ys: tf.Tensor2D;
}

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  /** Fraction of the data held out (the last samples, as Keras does) for validation. */
  validationSplit?: number;
  /** Seeds the shuffle: the same seed and model give the same run. */
  seed?: number;
  /** Optional per-batch transform of the images (augmentation); must return a new tensor. */
  augment?: (xs: tf.Tensor4D, step: number) => tf.Tensor4D;
  /** Held-out test images and their labels, scored after every epoch (the caller owns the tensor). */
  test?: { xs: tf.Tensor4D; labels: Uint8Array };
}

export interface BatchReport {
  epoch: number;
  /** Batch index within the epoch. */
  batch: number;
  batchesPerEpoch: number;
  /** Batches finished since the run started. */
  step: number;
  totalSteps: number;
  loss: number;
  accuracy: number;
  /** Training samples per second of training time (pauses excluded). */
  samplesPerSecond: number;
  /** Milliseconds spent training so far (pauses and the page's own work between batches excluded). */
  elapsedMs: number;
}

export interface EpochReport {
  epoch: number;
  /** Mean over the epoch's batches, weighted by batch size. */
  loss: number;
  accuracy: number;
  valLoss?: number;
  valAccuracy?: number;
  /** The test split's evaluation after this epoch, when the run was given one. */
  test?: Evaluation;
}

export interface TrainHooks {
  /** May return a promise: the next batch waits for it (the worker waits for the page's go-ahead). */
  onBatchEnd?(report: BatchReport): void | Promise<void>;
  onEpochEnd?(report: EpochReport): void | Promise<void>;
}

export interface TrainResult {
  stopped: boolean;
  epochs: EpochReport[];
}

/** Milliseconds of batches between two yields to the page. */
const YIELD_EVERY_MS = 40;

/** The loss became NaN or infinite: the run stopped and the last good weights came back. */
export class DivergedError extends Error {
  override name = 'DivergedError';
}

/** Seeded Fisher–Yates shuffle of 0..n−1. */
export function shuffledIndices(n: number, next: () => number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/**
 * One training run of a compiled model. `run()` resolves when the epochs are done
 * or `stop()` was called; `pause()` holds it at the next batch boundary until `resume()`.
 */
export class TrainingRun {
  private pausedAt?: { promise: Promise<void>; release: () => void };
  private stopRequested = false;
  private readonly random: () => number;

  constructor(
    private readonly model: tfl.LayersModel,
    private readonly data: TrainData,
    private readonly options: TrainOptions,
    private readonly hooks: TrainHooks = {},
  ) {
    this.random = seededRandom(options.seed ?? 1);
  }

  get paused(): boolean {
    return this.pausedAt !== undefined;
  }

  get stopping(): boolean {
    return this.stopRequested;
  }

  pause(): void {
    if (this.pausedAt || this.stopRequested) return;
    let release!: () => void;
    const promise = new Promise<void>((r) => (release = r));
    this.pausedAt = { promise, release };
  }

  resume(): void {
    const p = this.pausedAt;
    this.pausedAt = undefined;
    p?.release();
  }

  /** Ends the run at the next batch boundary (also when paused); the model keeps what it learned. */
  stop(): void {
    this.stopRequested = true;
    this.resume();
  }

  /** Split sizes: the first `train` samples train, the last `val` validate. */
  static split(n: number, validationSplit = 0): { train: number; val: number } {
    const val = Math.floor(n * Math.min(Math.max(validationSplit, 0), 0.9));
    return { train: n - val, val };
  }

  async run(): Promise<TrainResult> {
    const { epochs, batchSize } = this.options;
    const n = this.data.xs.shape[0];
    const { train, val } = TrainingRun.split(n, this.options.validationSplit);
    const batchesPerEpoch = Math.ceil(train / batchSize);
    const totalSteps = batchesPerEpoch * epochs;
    const reports: EpochReport[] = [];
    let step = 0;
    const trainer = denseHeadStep(this.model) ?? new TrainStep(this.model);
    let samples = 0;
    let busyMs = 0;
    let lastYield = performance.now();
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = shuffledIndices(train, this.random);
      // Kept so a NaN loss can put the model back where this epoch started.
      const snapshot = this.model.getWeights().map((w) => w.clone());
      let lossSum = 0;
      let accSum = 0;
      let seen = 0;
      try {
        for (let batch = 0; batch < batchesPerEpoch; batch++) {
          if (this.pausedAt) await this.pausedAt.promise;
          if (this.stopRequested) return { stopped: true, epochs: reports };
          const t0 = performance.now();
          const ids = order.subarray(batch * batchSize, Math.min(train, (batch + 1) * batchSize));
          const [x, y] = this.batch(ids, step);
          let loss: number;
          let accuracy: number;
          try {
            [loss, accuracy] = await trainer.run(x, y);
          } finally {
            tf.dispose([x, y]);
          }
          busyMs += performance.now() - t0;
          if (!Number.isFinite(loss)) {
            this.model.setWeights(snapshot);
            throw new DivergedError(
              `The loss became ${loss} at epoch ${epoch + 1}, batch ${batch + 1}: the steps were too large and the weights blew up. ` +
                `Training stopped and the weights from the start of this epoch were kept. Try a smaller learning rate (say a tenth of this one).`,
            );
          }
          step++;
          samples += ids.length;
          lossSum += loss * ids.length;
          accSum += accuracy * ids.length;
          seen += ids.length;
          await this.hooks.onBatchEnd?.({
            epoch,
            batch,
            batchesPerEpoch,
            step,
            totalSteps,
            loss,
            accuracy,
            samplesPerSecond: busyMs > 0 ? (samples * 1000) / busyMs : 0,
            elapsedMs: busyMs,
          });
          // Back to the page (input, painting, pause and stop) often enough to stay under a
          // long task, not after every batch: in Chromium each yield costs a batch of the
          // dense network as much again.
          if (performance.now() - lastYield >= YIELD_EVERY_MS) {
            await yieldToPage();
            lastYield = performance.now();
          }
        }
      } finally {
        tf.dispose(snapshot);
      }
      const report: EpochReport = { epoch, loss: lossSum / seen, accuracy: accSum / seen };
      if (val > 0) Object.assign(report, await this.validate(train, val));
      const test = this.options.test;
      if (test) report.test = await evaluateModel(this.model, test.xs, test.labels);
      reports.push(report);
      await this.hooks.onEpochEnd?.(report);
    }
    return { stopped: false, epochs: reports };
  }

  private batch(ids: Int32Array, step: number): [tf.Tensor4D, tf.Tensor2D] {
    const x = gatherRows(this.data.xs, ids);
    const y = gatherRows(this.data.ys, ids);
    const augment = this.options.augment;
    if (!augment) return [x, y];
    // The augmentation's intermediate tensors are its own; only the batch it returns is kept.
    const augmented = tf.tidy(() => augment(x, step));
    x.dispose();
    return [augmented, y];
  }

  private async validate(start: number, count: number): Promise<{ valLoss: number; valAccuracy: number }> {
    const { xs, ys } = this.data;
    const x = tf.slice(xs, [start, 0, 0, 0], [count, -1, -1, -1]);
    const y = tf.slice(ys, [start, 0], [count, -1]);
    try {
      const { loss, accuracy } = await lossAndAccuracy(this.model, x, y);
      return { valLoss: loss, valAccuracy: accuracy };
    } finally {
      tf.dispose([x, y]);
    }
  }
}

/** Mean categorical cross-entropy and accuracy of a model on labelled data, predicted in chunks. */
export async function lossAndAccuracy(
  model: tfl.LayersModel,
  xs: tf.Tensor4D,
  ys: tf.Tensor2D,
  chunk = 128,
): Promise<{ loss: number; accuracy: number }> {
  const n = xs.shape[0];
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < n; start += chunk) {
    const size = Math.min(chunk, n - start);
    const sums = tf.tidy(() => {
      const x = tf.slice(xs, [start, 0, 0, 0], [size, -1, -1, -1]);
      const y = tf.slice(ys, [start, 0], [size, -1]);
      const p = model.predict(x) as tf.Tensor2D;
      // Clipped like Keras so a confident mistake costs a large, finite loss.
      const ce = tf.sum(tf.neg(tf.sum(tf.mul(y, tf.log(tf.clipByValue(p, 1e-7, 1 - 1e-7))), 1)));
      const hits = tf.sum(tf.equal(tf.argMax(p, 1), tf.argMax(y, 1)));
      return tf.stack([ce, tf.cast(hits, 'float32')]);
    });
    const [l, c] = await sums.data();
    sums.dispose();
    lossSum += l;
    correct += c;
    await yieldToPage();
  }
  return { loss: lossSum / n, accuracy: correct / n };
}
