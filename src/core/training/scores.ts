/**
 * What a test-set evaluation found (accuracy, loss, the confusion matrix, each sample's
 * prediction) and the samples the results show from it. Pure arithmetic, no TensorFlow.js:
 * the trainer's results panel uses it before tfjs has loaded.
 */

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
