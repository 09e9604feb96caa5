/**
 * Test-set evaluation: accuracy, loss, the confusion matrix and the most confident
 * mistakes, from one pass of predictions read back once per chunk.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { yieldToPage } from '../runtime/yield-to-page.js';

export interface Evaluation {
  accuracy: number;
  /** Mean categorical cross-entropy (probabilities clipped to 1e-7 as Keras does). */
  loss: number;
  /** confusion[true][predicted] = count. */
  confusion: number[][];
  /** Predicted class per test sample, in the order of the given images. */
  predicted: Uint8Array;
  /** Probability of the predicted class per test sample. */
  confidence: Float32Array;
}

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

/** Scores probabilities [n × classes] against integer labels. Pure arithmetic, no tensors. */
export function score(probs: Float32Array, labels: ArrayLike<number>, classes = 10): Evaluation {
  const n = labels.length;
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  const predicted = new Uint8Array(n);
  const confidence = new Float32Array(n);
  let correct = 0;
  let lossSum = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probs[i * classes + c] > probs[i * classes + best]) best = c;
    const label = labels[i];
    predicted[i] = best;
    confidence[i] = probs[i * classes + best];
    confusion[label][best]++;
    if (best === label) correct++;
    lossSum -= Math.log(Math.min(Math.max(probs[i * classes + label], 1e-7), 1 - 1e-7));
  }
  return { accuracy: n ? correct / n : 0, loss: n ? lossSum / n : 0, confusion, predicted, confidence };
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

/** Positions (into the evaluated samples) of the wrong predictions, most confident first. */
export function confidentMistakes(evaluation: Evaluation, labels: ArrayLike<number>, limit = 12): number[] {
  const wrong: number[] = [];
  for (let i = 0; i < labels.length; i++) if (evaluation.predicted[i] !== labels[i]) wrong.push(i);
  wrong.sort((a, b) => evaluation.confidence[b] - evaluation.confidence[a]);
  return wrong.slice(0, limit);
}

/** Positions of the samples with a given true label and prediction (one confusion-matrix cell). */
export function samplesInCell(
  evaluation: Evaluation,
  labels: ArrayLike<number>,
  truth: number,
  predicted: number,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++)
    if (labels[i] === truth && evaluation.predicted[i] === predicted) out.push(i);
  return out;
}
