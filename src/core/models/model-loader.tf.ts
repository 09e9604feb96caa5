/**
 * Loads a TensorFlow.js model by the URL of its `model.json`, as a LayersModel or a
 * GraphModel depending on what the file says it is, and explains every way that goes wrong
 * in words an author can act on: a 404, a page that is not JSON, JSON that is not a model,
 * a weights file that is missing or the wrong size.
 *
 * tfjs's own loaders can do the fetching, but their errors ("Failed to parse model JSON")
 * do not say which of those happened, so this module fetches the JSON and the weights itself
 * and hands tfjs the artifacts.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { siblingUrl } from '../runtime/assets.js';
import { fetchChecked, readBytes, type DownloadProgress } from '../runtime/fetch-checked.js';

export type ModelKind = 'layers' | 'graph';

export interface LoadedModel {
  model: tfl.LayersModel | GraphModel;
  kind: ModelKind;
  /** Where it came from (empty for a model handed over in memory). */
  url: string;
  /** The input's height, width and channels; null where the model accepts any size. */
  inputShape: [number | null, number | null, number];
  /** Number of classes (the output's last dimension). */
  classes: number;
}

export interface LoadOptions {
  signal?: AbortSignal;
  /** Hears the weights' download: the share received (0 to 1) and their size in bytes. */
  onProgress?: DownloadProgress;
}

/** Which kind of model a parsed `model.json` describes; throws when it is no model at all. */
export function modelKindOf(json: unknown, url = 'model.json'): ModelKind {
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new Error(
      `${url} is JSON but not a TensorFlow.js model: expected an object with modelTopology and weightsManifest.`,
    );
  }
  const j = json as { format?: unknown; modelTopology?: Record<string, unknown>; weightsManifest?: unknown };
  const topology = j.modelTopology;
  let kind: ModelKind | undefined;
  if (j.format === 'layers-model' || (topology && ('model_config' in topology || 'class_name' in topology)))
    kind = 'layers';
  else if (j.format === 'graph-model' || (topology && Array.isArray(topology.node))) kind = 'graph';
  if (!kind) {
    throw new Error(
      `${url} is JSON but not a TensorFlow.js model (no modelTopology of a layers or graph model). ` +
        'Point model-url at the model.json written by tfjs.save or tensorflowjs_converter.',
    );
  }
  if (!Array.isArray(j.weightsManifest)) {
    throw new Error(
      `${url} describes a ${kind} model but has no weightsManifest, so its weights cannot be found.`,
    );
  }
  return kind;
}

/** Fetches and parses model.json with a message for each kind of failure. */
async function fetchModelJson(url: string, signal?: AbortSignal): Promise<tf.io.ModelJSON> {
  const text = await (await fetchChecked(url, 'the model', signal)).text();
  try {
    return JSON.parse(text) as tf.io.ModelJSON;
  } catch {
    const start = text.trimStart().slice(0, 40).replace(/\s+/g, ' ');
    throw new Error(
      `${url} is not JSON (it starts with "${start}"): model-url must point at a TensorFlow.js model.json.`,
    );
  }
}

/** Fetches every weights file listed in the manifest, relative to model.json, and checks their sizes. */
async function fetchWeights(
  url: string,
  manifest: tf.io.WeightsManifestConfig,
  { signal, onProgress }: LoadOptions,
): Promise<[tf.io.WeightsManifestEntry[], ArrayBuffer]> {
  const specs = manifest.flatMap((group) => group.weights);
  const paths = manifest.flatMap((group) => group.paths);
  const expected = specs.reduce((sum, s) => sum + bytesOf(s), 0);
  let received = 0;
  // A model whose size model.json cannot tell (string weights) loads without a progress report.
  const heard =
    onProgress && expected > 0
      ? (count: number) => {
          received += count;
          onProgress(Math.min(1, received / expected), expected);
        }
      : undefined;
  heard?.(0);
  const buffers = await Promise.all(
    paths.map(async (path) =>
      readBytes(
        await fetchChecked(siblingUrl(path, url), `the weights file "${path}" listed in model.json`, signal),
        heard,
      ),
    ),
  );
  const data = tf.io.concatenateArrayBuffers(buffers);
  if (data.byteLength !== expected) {
    throw new Error(
      `The weights of ${url} hold ${data.byteLength} bytes but model.json describes ${expected}: ` +
        'the .bin files do not belong to this model.json, or one of them is cut short.',
    );
  }
  return [specs, data];
}

/** Bytes of one weight as stored (quantized weights are stored smaller). */
function bytesOf(spec: tf.io.WeightsManifestEntry): number {
  const count = spec.shape.reduce((a, b) => a * b, 1);
  const stored = spec.quantization?.dtype ?? spec.dtype;
  const size: Record<string, number> = {
    float32: 4,
    int32: 4,
    bool: 1,
    uint8: 1,
    int8: 1,
    uint16: 2,
    int16: 2,
    float16: 2,
    complex64: 8,
  };
  if (spec.dtype === 'string') return NaN;
  return count * (size[stored] ?? 4);
}

/** Loads a LayersModel or GraphModel from the URL of its model.json. The caller disposes `model`. */
export async function loadModel(url: string, options: LoadOptions = {}): Promise<LoadedModel> {
  const { signal } = options;
  const absolute = new URL(url, document.baseURI).href;
  const json = await fetchModelJson(absolute, signal);
  const kind = modelKindOf(json, url);
  const handler: tf.io.IOHandler = {
    load: () => tf.io.getModelArtifactsForJSON(json, (manifest) => fetchWeights(absolute, manifest, options)),
  };
  const model = kind === 'layers' ? await loadLayersSafely(handler, url) : await loadGraphModel(handler);
  if (signal?.aborted) {
    model.dispose();
    throw signal.reason ?? new Error('aborted');
  }
  try {
    return describeModel(model, kind, url);
  } catch (e) {
    model.dispose();
    throw e;
  }
}

/**
 * Loads a LayersModel from a tfjs URL (`indexeddb://name`, a model.json over http), a
 * download's files, or any IOHandler, like `tfl.loadLayersModel`, but leak-free: when the
 * weights do not fit the layers that model.json describes, tfjs would throw "Shape mismatch"
 * and keep the half-built model's variables and the decoded weights alive for good.
 */
export async function loadLayersFrom(source: string | File[] | tf.io.IOHandler): Promise<tfl.LayersModel> {
  let handler: tf.io.IOHandler;
  if (typeof source === 'string') handler = tf.io.getLoadHandlers(source)[0] ?? tf.io.http(source);
  else if (Array.isArray(source)) handler = tf.io.browserFiles(source);
  else handler = source;
  return loadLayersSafely(handler, typeof source === 'string' ? source : 'the model files');
}

async function loadLayersSafely(handler: tf.io.IOHandler, where: string): Promise<tfl.LayersModel> {
  if (!handler.load)
    throw new Error(`${where} cannot be read: it names no place a model can be loaded from.`);
  const { weightData, weightSpecs, ...topology } = await handler.load();
  if (!topology.modelTopology)
    throw new Error(`${where} holds no model topology: it is not a TensorFlow.js LayersModel.`);
  // Optimizer state (saved by some trainers) is not needed to predict or to train anew.
  const specs = (weightSpecs ?? []).filter((spec) => spec.group !== 'optimizer');
  let weights: tf.NamedTensorMap = {};
  try {
    if (weightData) weights = tf.io.decodeWeights(weightData, weightSpecs ?? []);
    // Built from the topology alone, so that this function holds the model if its weights do not fit.
    const model = await tfl.loadLayersModel({ load: async () => topology });
    try {
      if (weightData)
        model.loadWeights(Object.fromEntries(specs.map((spec) => [spec.name, weights[spec.name]])), true);
    } catch (e) {
      model.dispose();
      throw new Error(
        `The weights of ${where} do not fit the layers its model.json describes (${e instanceof Error ? e.message : String(e)}): ` +
          'the weights file belongs to another model, or model.json was edited after saving.',
      );
    }
    return model;
  } finally {
    tf.dispose(Object.values(weights));
  }
}

/** Wraps a model already in memory (a trainer's). */
export function describeModel(model: tfl.LayersModel | GraphModel, kind: ModelKind, url = ''): LoadedModel {
  const input = model.inputs[0]?.shape ?? [];
  if (model.inputs.length !== 1 || (input.length !== 4 && input.length !== 0)) {
    throw new Error(
      `The model takes ${model.inputs.length} input(s) of shape [${input.join(', ')}]; a classifier needs one image input [batch, height, width, channels].`,
    );
  }
  const dim = (v: number | null | undefined) => (v === undefined || v === null || v < 0 ? null : v);
  const channels = dim(input[3]) ?? 3;
  const output = model.outputs[0]?.shape ?? [];
  const classes = dim(output[output.length - 1]) ?? 0;
  return { model, kind, url, inputShape: [dim(input[1]), dim(input[2]), channels], classes };
}

/**
 * Runs the model on one input and returns its output for the first image as a flat tensor.
 * The caller disposes it. A model with several outputs is read through its first.
 */
export function predictScores(loaded: LoadedModel, x: tf.Tensor4D): tf.Tensor1D {
  return tf.tidy(() => {
    const out = loaded.model.predict(x) as tf.Tensor | tf.Tensor[] | tf.NamedTensorMap;
    const first = out instanceof tf.Tensor ? out : Array.isArray(out) ? out[0] : Object.values(out)[0];
    if (first.rank !== 2 || first.shape[0] !== 1) {
      throw new Error(
        `The model's output has shape [${first.shape.join(', ')}]; a classifier's is [1, classes].`,
      );
    }
    return tf.reshape(first, [-1]) as tf.Tensor1D;
  });
}

/**
 * Runs the model once on a black image: compiles its kernels (so the first real prediction
 * is not the slow one) and finds the number of classes where the model does not declare it.
 */
export async function warmUp(loaded: LoadedModel, height: number, width: number): Promise<number> {
  const scores = tf.tidy(() => predictScores(loaded, tf.zeros([1, height, width, loaded.inputShape[2]])));
  try {
    return (await scores.data()).length;
  } finally {
    scores.dispose();
  }
}
