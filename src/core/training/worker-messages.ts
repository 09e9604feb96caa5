/**
 * The messages between the page and the training worker (`train-worker.ts`). Types only:
 * both sides import them, neither imports the other.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { Evaluation } from './scores.js';
import type { MnistData } from './mnist.tf.js';
import type { TrainingJob } from './training-session.tf.js';
import type { InputsJob } from './inputs-job.tf.js';
import type { WasmPaths } from '../runtime/wasm-paths.js';
import type { BatchReport, EpochReport, TrainResult } from './training-loop.tf.js';

/** The backends a worker trains with (its own choice: see `training-backend.ts`). */
export type WorkerBackend = 'cpu' | 'webgpu' | 'webgl' | 'wasm';

/** Every weight of the model, in `model.getWeights()` order, as float32 copies. */
export type WeightValues = Float32Array[];

export type ToWorker =
  /**
   * Train a copy of this model (saved with `model.save`) on this job, with the first of these
   * backends that starts and can train it. `wasmPaths`: where the page found the WASM binaries
   * (absolute URLs); the worker has no other way to know once a site's bundler renamed them.
   * The job is digits (MNIST or the reader's, by index) or inputs computed on the page (a
   * frozen base's features, a base's pictures), whose buffers come transferred.
   */
  | {
      type: 'train';
      artifacts: tf.io.ModelArtifacts;
      job: TrainingJob | InputsJob;
      backends: WorkerBackend[];
      wasmPaths?: WasmPaths;
    }
  /** The page has handled a batch: go on, or stop at this boundary. */
  | { type: 'go'; stop: boolean }
  /** Score a copy of this model on these test digits. */
  | {
      type: 'evaluate';
      artifacts: tf.io.ModelArtifacts;
      data: MnistData;
      test: readonly number[];
      backends: WorkerBackend[];
      wasmPaths?: WasmPaths;
    };

export type FromWorker =
  /** The backend this run trains on, and why (sent before its first batch, again if it moves). */
  | { type: 'backend'; name: WorkerBackend; note: string }
  /** A batch is done; the worker waits for `go`. Weights come along a few times a second. */
  | { type: 'batch'; report: BatchReport; weights?: WeightValues }
  | { type: 'epoch'; report: EpochReport; weights: WeightValues }
  | { type: 'done'; result: TrainResult; weights: WeightValues }
  | { type: 'evaluation'; evaluation: Evaluation }
  /**
   * `setup`: the worker could not take the model or the data (the page trains instead);
   * `diverged`: the loss became NaN and the weights of the epoch's start came back;
   * `failed`: anything else during training.
   */
  | { type: 'error'; kind: 'setup' | 'diverged' | 'failed'; message: string; weights?: WeightValues };
