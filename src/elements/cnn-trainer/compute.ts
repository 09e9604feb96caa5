/**
 * The trainer's TensorFlow.js side, imported once the element starts loading (after its
 * first paint), so that a page shows the trainer's frame and controls before tfjs arrives.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { augmentBatch } from '../../core/images/augment.tf.js';
import { mnistTensors, type MnistData } from '../../core/training/mnist.tf.js';
import { seededRandom } from '../../core/math/random.js';
import {
  LocalTraining,
  type TrainingControl,
  type TrainingJob,
} from '../../core/training/training-session.tf.js';
import type { TrainHooks } from '../../core/training/training-loop.tf.js';
import { TrainingWorker, WorkerTraining } from '../../core/training/worker-client.tf.js';
import { loadLayersFrom } from '../../core/models/model-loader.tf.js';
import { pixelsToInput, type PresetName } from '../../core/images/preprocess.tf.js';
import type { RgbaPixels } from '../../core/images/digit-preprocess.js';
import type { SavedWeights } from '../../core/training/project-file.js';

export { loadMnist, mnistDigit, mnistTensors, splitMnist } from '../../core/training/mnist.tf.js';
export { buildModel, modelMismatch, summarize } from '../../core/models/model-build.tf.js';
export { DivergedError } from '../../core/training/training-loop.tf.js';
export { evaluateModel } from '../../core/training/evaluate.tf.js';
export { TrainingWorker };
export { trainingBackendOrder } from '../../core/training/training-backend.js';
export {
  HeadTraining,
  headLayers,
  inputsOf,
  joinHead,
  layerSpecOf,
  loadBase,
  takesDigits,
  type TransferModel,
} from '../../core/training/transfer.tf.js';
export { parsePreset } from '../../core/images/preprocess.tf.js';
export { LocalTraining };

/**
 * Starts a run: in the training worker when one is given (it picks its own backend: wasm,
 * cpu or a GPU one; see `training-backend.ts`), else on the page.
 */
export function startTraining(
  model: tfl.LayersModel,
  job: TrainingJob,
  hooks: TrainHooks,
  worker: TrainingWorker | undefined,
): TrainingControl {
  return worker ? new WorkerTraining(worker, model, job, hooks) : new LocalTraining(model, job, hooks);
}

/** The ten class probabilities of one 28×28 digit (values 0..1, row-major). */
export function predictDigit(model: tfl.LayersModel, pixels: Float32Array): Promise<Float32Array> {
  return readAndDispose(tf.tidy(() => model.predict(tf.tensor4d(pixels, [1, 28, 28, 1])) as tf.Tensor));
}

async function readAndDispose(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

/**
 * The class probabilities of a picture (the pad's drawing) for a model that does not take
 * 28×28 grey digits (a base-url base): resized to its input, grey repeated into RGB.
 */
export function predictPicture(
  model: tfl.LayersModel,
  image: RgbaPixels,
  preset: PresetName = 'unit',
): Promise<Float32Array> {
  const [, height, width, channels] = model.inputs[0].shape as number[];
  return readAndDispose(
    tf.tidy(() => model.predict(pixelsToInput(image, { height, width, channels, preset })) as tf.Tensor),
  );
}

/** `count` augmented variants of one digit, as 0..1 pixels, [count × 784]. */
export async function augmentedVariants(
  data: MnistData,
  index: number,
  seed: number,
  count = 8,
): Promise<Float32Array> {
  const { xs, ys } = mnistTensors(data, [index]);
  const next = seededRandom(seed);
  const variants = tf.tidy(() => augmentBatch(tf.tile(xs, [count, 1, 1, 1]) as tf.Tensor4D, next));
  tf.dispose([xs, ys]);
  try {
    return (await variants.data()) as Float32Array;
  } finally {
    variants.dispose();
  }
}

/** Loads a saved LayersModel: a tfjs URL (`indexeddb://name`, a model.json over http) or a download's files. */
export function loadLayersModel(source: string | File[]): Promise<tfl.LayersModel> {
  // Leak-free when the weights do not fit the description (see model-loader).
  return loadLayersFrom(source);
}

/** A project's weights: the model's, in its weight order, as float32 bytes. */
export async function weightBytes(model: tfl.LayersModel): Promise<SavedWeights> {
  const weights = model.getWeights();
  const values = await Promise.all(weights.map((w) => w.data() as Promise<Float32Array>));
  const data = new Float32Array(values.reduce((n, v) => n + v.length, 0));
  let at = 0;
  for (const v of values) {
    data.set(v, at);
    at += v.length;
  }
  return { shapes: weights.map((w) => w.shape), data: new Uint8Array(data.buffer) };
}

/** Puts a project's weights into a model whose shapes match; else leaves it. */
export function setWeightBytes(model: tfl.LayersModel, { shapes, data }: SavedWeights): boolean {
  const current = model.getWeights();
  const same =
    current.length === shapes.length && current.every((w, i) => w.shape.join() === shapes[i].join());
  if (!same) return false;
  // A copy: the bytes may start anywhere in their buffer, a Float32Array only on a multiple of 4.
  const values = new Float32Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  let at = 0;
  const tensors = shapes.map((shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const t = tf.tensor(values.subarray(at, at + size), shape);
    at += size;
    return t;
  });
  model.setWeights(tensors);
  tf.dispose(tensors);
  return true;
}
