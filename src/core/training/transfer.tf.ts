/**
 * Transfer learning, the course's VGG16 recipe at the trainer's scale: a pretrained image
 * model cut at its last feature map, frozen, with a new head (flatten or global pooling →
 * dense → softmax over the reader's classes) on top. With the base frozen, each example's
 * features are computed once and cached, and only the head trains on them, so a run costs
 * a few dense layers per batch instead of the whole network. The base and its cache stay on
 * the page; the head's batches run in the training worker where there is one.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { RgbaPixels } from '../images/digit-preprocess.js';
import { buildModel } from '../models/model-build.tf.js';
import { pixelsToInput, type PresetName } from '../images/preprocess.tf.js';
import type { LayerSpec } from '../models/model-spec.js';
import type { TrainHooks, TrainResult } from './training-loop.tf.js';
import { LocalTraining, type TrainingControl, type TrainingSettings } from './training-session.tf.js';
import { WorkerTraining, type TrainingWorker } from './worker-client.tf.js';
import type { InputsJob } from './inputs-job.tf.js';
import { isOffline } from '../runtime/connection.js';

/** A base the trainer cannot use; the message says why and what to do. */
export class BaseError extends Error {
  override name = 'BaseError';
}

/** The pretrained base, cut: `features` maps an image to its last feature map. */
export interface FeatureBase {
  /** The whole loaded model (kept: the cut shares its layers). */
  full: tfl.LayersModel;
  features: tfl.LayersModel;
  /** The layer cut at. */
  cutAt: string;
  /** The base's layers up to the cut, in order. */
  layers: tfl.layers.Layer[];
  inputShape: number[];
  featureShape: number[];
}

/** Cuts a loaded model at its last layer whose output is a feature map (height × width × channels). */
export function cutBase(full: tfl.LayersModel, source: string): FeatureBase {
  const inputShape = (full.inputs[0]?.shape ?? []).slice(1) as number[];
  if (inputShape.length !== 3) {
    throw new BaseError(
      `The model at ${source} does not take images (its input is [${inputShape.join(', ')}]): use an image CNN as the base.`,
    );
  }
  const [height, width, channels] = inputShape;
  if (!(height >= 3 && width >= 3 && (channels === 1 || channels === 3))) {
    throw new BaseError(
      `The model at ${source} takes ${inputShape.map((d) => d ?? 'any').join('×')} inputs; a base must take images of a fixed size ` +
        'with 1 (grey) or 3 (RGB) channels.',
    );
  }
  const layers = full.layers.filter((l) => l.getClassName() !== 'InputLayer');
  let cut = -1;
  layers.forEach((layer, i) => {
    const shape = layer.outputShape;
    if (Array.isArray(shape) && !Array.isArray(shape[0]) && shape.length === 4) cut = i;
  });
  if (cut < 0) {
    throw new BaseError(
      `The model at ${source} has no feature map to cut at: none of its layers outputs a height × width × channels map. ` +
        'Use a convolutional network as the base.',
    );
  }
  const kept = layers.slice(0, cut + 1);
  const features = tfl.model({ inputs: full.inputs, outputs: kept[cut].output });
  return {
    full,
    features,
    cutAt: kept[cut].name,
    layers: kept,
    inputShape,
    featureShape: (kept[cut].outputShape as number[]).slice(1),
  };
}

/** Loads a base model by URL; `onProgress` hears the share of its weights received (0 to 1). */
export async function loadBase(url: string, onProgress?: (fraction: number) => void): Promise<FeatureBase> {
  let full: tfl.LayersModel;
  try {
    full = await tfl.loadLayersModel(url, { onProgress });
  } catch (e) {
    // tfjs's own loader fetches it: say what fetchChecked says for a reader who is offline.
    const why = isOffline() ? 'this device is offline.' : e instanceof Error ? e.message : String(e);
    throw new BaseError(`The base model at ${url} could not be loaded: ${why}`);
  }
  try {
    return cutBase(full, url);
  } catch (e) {
    full.dispose();
    throw e;
  }
}

/** The new head over a feature map: flatten small maps, pool large ones, then dense → softmax. */
export function headLayers(featureShape: readonly number[], classes: number): LayerSpec[] {
  const size = featureShape.reduce((a, b) => a * b, 1);
  return [
    size <= 4096 ? { type: 'flatten' } : { type: 'globalAveragePooling2d' },
    { type: 'dense', units: 64, activation: 'relu', kernelInitializer: 'heUniform' },
    { type: 'dense', units: classes, activation: 'softmax' },
  ];
}

/** Base and head joined into one model (image in, class probabilities out), sharing their layers. */
export interface TransferModel {
  base: FeatureBase;
  head: tfl.Sequential;
  model: tfl.LayersModel;
  /** Base layers trained too (the last `fineTune`); the rest stay frozen. */
  fineTune: number;
  /** Features per example (keyed by the example's bytes), valid for this base only. */
  cache: WeakMap<Uint8Array, Float32Array>;
  /**
   * An example's source picture, for a base that does not take 28×28 grey (the digit is
   * used where this is not set): resized to the base's input, grey or RGB.
   */
  sourceOf?: (example: Uint8Array) => RgbaPixels;
  /** How the base wants its pixels scaled (see preprocess.ts); `unit`, 0..1, by default. */
  preprocess?: PresetName;
  dispose(): void;
}

/** Whether a base takes the examples' own 28×28 grey digits. */
export function takesDigits(base: FeatureBase): boolean {
  const [h, w, c] = base.inputShape;
  return h === 28 && w === 28 && c === 1;
}

/**
 * The base's input for some examples, `[n, height, width, channels]`: the 28×28 digits in
 * 0..1 for a base that takes them, else each source picture resized (as Keras' `target_size`
 * does) and scaled the base's way, a drawing's grey repeated into R, G and B. The caller disposes it.
 */
export function inputsOf(transfer: TransferModel, examples: readonly Uint8Array[]): tf.Tensor4D {
  const { base, sourceOf } = transfer;
  if (takesDigits(base) || !sourceOf) {
    if (!takesDigits(base)) throw new BaseError('The base takes pictures, and the examples have none.');
    const pixels = new Float32Array(examples.length * 784);
    examples.forEach((e, k) => {
      for (let p = 0; p < 784; p++) pixels[k * 784 + p] = e[p] / 255;
    });
    return tf.tensor4d(pixels, [examples.length, 28, 28, 1]);
  }
  const [height, width, channels] = base.inputShape;
  const spec = { height, width, channels, preset: transfer.preprocess ?? 'unit' };
  return tf.tidy(() => tf.concat(examples.map((e) => pixelsToInput(sourceOf(e), spec))));
}

export function joinHead(
  base: FeatureBase,
  head: readonly LayerSpec[],
  seed: number,
  fineTune: number,
): TransferModel {
  const classes = (head[head.length - 1] as { units: number }).units;
  const headModel = buildModel(head, seed, {
    classes,
    inputShape: base.featureShape,
    taken: base.features.layers.map((l) => l.name),
  });
  let x = base.features.outputs[0];
  for (const layer of headModel.layers) x = layer.apply(x) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: base.features.inputs, outputs: x });
  const withWeights = base.layers.filter((l) => l.countParams() > 0);
  const tuned = new Set(fineTune > 0 ? withWeights.slice(-fineTune) : []);
  for (const layer of base.layers) layer.trainable = tuned.has(layer);
  return {
    base,
    head: headModel,
    model,
    fineTune: tuned.size,
    cache: new WeakMap(),
    dispose() {
      // The joined model, the head and the base share layers: free the weights once.
      const vars = new Set<tf.Variable>();
      for (const m of [model, headModel, base.full])
        for (const w of m.weights) vars.add(w.read() as tf.Variable);
      for (const v of vars) if (!v.isDisposed) v.dispose();
    },
  };
}

/** Features of every example, computed once per example and base (cached), as one array. */
export async function featuresOf(
  transfer: TransferModel,
  examples: readonly Uint8Array[],
): Promise<Float32Array> {
  const size = transfer.base.featureShape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(examples.length * size);
  const missing = examples.filter((e) => !transfer.cache.has(e));
  // Batches of about 50k input values (64 digits, one 224×224 RGB picture is 150k).
  const chunk = Math.max(1, Math.floor(50_176 / transfer.base.inputShape.reduce((a, b) => a * b, 1)));
  for (let start = 0; start < missing.length; start += chunk) {
    const part = missing.slice(start, start + chunk);
    const f = tf.tidy(() => transfer.base.features.predict(inputsOf(transfer, part)) as tf.Tensor);
    const values = (await f.data()) as Float32Array;
    f.dispose();
    part.forEach((e, k) => transfer.cache.set(e, values.slice(k * size, (k + 1) * size)));
  }
  examples.forEach((e, i) => out.set(transfer.cache.get(e)!, i * size));
  return out;
}

/** Inputs of some examples for a run through a base, with their class positions. */
interface Examples {
  examples: readonly Uint8Array[];
  labels: ArrayLike<number>;
}

/**
 * A run's inputs, made fresh for the run: with the base frozen, each example's cached
 * features (the head alone trains on them); fine-tuning, the base's own inputs (the
 * joined model trains). Read back from tensors, so the page holds no tensor for them.
 */
export async function headJob(
  transfer: TransferModel,
  train: Examples,
  test: Examples,
  settings: TrainingSettings,
): Promise<InputsJob> {
  const whole = transfer.fineTune > 0;
  const inputs = async (examples: readonly Uint8Array[]) => {
    if (!whole) return featuresOf(transfer, examples);
    const xs = inputsOf(transfer, examples);
    try {
      return (await xs.data()) as Float32Array;
    } finally {
      xs.dispose();
    }
  };
  const shape = (whole ? transfer.base.inputShape : transfer.base.featureShape) as [number, number, number];
  const split = async ({ examples, labels }: Examples) => ({
    xs: await inputs(examples),
    labels: Uint8Array.from(labels),
  });
  return {
    shape,
    classes: transfer.head.outputs[0].shape[1] as number,
    train: await split(train),
    test: await split(test),
    settings,
  };
}

/**
 * A run on the reader's examples through a base: with the base frozen, only the head trains,
 * on cached features; fine-tuning, the joined model trains on the base's inputs (used for a
 * base that takes pictures; a digit base fine-tunes in the usual run, with augmentation).
 * The inputs are computed here, on the page (the base and its cache live here); the batches
 * run in the training worker when one is given (the inputs are handed over to it), else here.
 */
export class HeadTraining implements TrainingControl {
  private control?: TrainingControl;
  private paused = false;
  private stopped = false;

  constructor(
    private readonly transfer: TransferModel,
    private readonly train: Examples,
    private readonly test: Examples,
    private readonly settings: TrainingSettings,
    private readonly hooks: TrainHooks = {},
    private readonly worker?: TrainingWorker,
  ) {}

  get where(): 'page' | 'worker' {
    return this.control?.where ?? (this.worker && !this.worker.unavailable ? 'worker' : 'page');
  }

  get trainingBackend(): TrainingControl['trainingBackend'] {
    return this.control?.trainingBackend;
  }

  pause(): void {
    this.paused = true;
    this.control?.pause();
  }

  resume(): void {
    this.paused = false;
    this.control?.resume();
  }

  stop(): void {
    this.stopped = true;
    this.control?.stop();
  }

  async run(): Promise<TrainResult> {
    const { transfer } = this;
    const model = transfer.fineTune > 0 ? transfer.model : transfer.head;
    const job = () => headJob(transfer, this.train, this.test, this.settings);
    this.control = this.worker
      ? new WorkerTraining(this.worker, model, job, this.hooks)
      : new LocalTraining(model, await job(), this.hooks);
    if (this.paused) this.control.pause();
    if (this.stopped) this.control.stop();
    return this.control.run();
  }
}

/** A base layer as the trainer's layer description (for the Keras code); undefined for a kind it does not write. */
export function layerSpecOf(layer: tfl.layers.Layer): LayerSpec | undefined {
  const c = layer.getConfig() as Record<string, unknown>;
  const pair = (v: unknown) => v as [number, number];
  switch (layer.getClassName()) {
    case 'Conv2D':
      return {
        type: 'conv2d',
        filters: c.filters as number,
        kernelSize: pair(c.kernelSize),
        strides: pair(c.strides),
        padding: c.padding as 'valid' | 'same',
        activation: c.activation as 'relu',
      };
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return {
        type: layer.getClassName() === 'MaxPooling2D' ? 'maxPooling2d' : 'averagePooling2d',
        poolSize: pair(c.poolSize),
        strides: pair(c.strides),
        padding: c.padding as 'valid' | 'same',
      };
    case 'BatchNormalization':
      return { type: 'batchNormalization' };
    default:
      return undefined;
  }
}
