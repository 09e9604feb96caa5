/**
 * Test-set evaluation with TensorFlow.js: one pass of predictions read back once per chunk,
 * scored by `scores.ts`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { yieldToPage } from '../runtime/yield-to-page.js';
import { score, type Evaluation } from './scores.js';

/**
 * Class probabilities for every image, predicted in chunks and read back as one array
 * [n × classes]. The page gets the main thread back between chunks: on the CPU backend a
 * read-back resolves at once, and 2,000 digits in one go would block it for seconds.
 */
export async function predictProbabilities(
  model: tfl.LayersModel,
  xs: tf.Tensor4D,
  chunk = 128,
): Promise<Float32Array> {
  const n = xs.shape[0];
  const parts: Float32Array[] = [];
  for (let start = 0; start < n; start += chunk) {
    const size = Math.min(chunk, n - start);
    const p = tf.tidy(() => model.predict(tf.slice(xs, [start, 0, 0, 0], [size, -1, -1, -1])) as tf.Tensor2D);
    try {
      parts.push((await p.data()) as Float32Array);
    } finally {
      p.dispose();
    }
    await yieldToPage();
  }
  const classes = parts.length ? parts[0].length / Math.min(chunk, n) : 0;
  const out = new Float32Array(n * classes);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Evaluates a model on images and their labels. */
export async function evaluateModel(
  model: tfl.LayersModel,
  xs: tf.Tensor4D,
  labels: ArrayLike<number>,
): Promise<Evaluation> {
  const probs = await predictProbabilities(model, xs);
  return score(probs, labels, labels.length ? probs.length / labels.length : 10);
}
