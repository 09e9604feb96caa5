/**
 * A training step for a stack of dense layers ending in softmax (the transfer head on cached
 * features), on a backend whose tensors live in main memory (wasm, cpu).
 *
 * Such a head has little arithmetic and many small kernels: tfjs-layers' compiled step makes
 * about 160 kernel calls a batch (the loss and metric with their gradients, Adam's dozen
 * element-wise ops per weight), each with tfjs' bookkeeping around it, and on wasm a step of
 * an 800 → 64 → 3 head took about 5 ms. Here the backward pass is written out (softmax with
 * cross-entropy gives p − y; ReLU passes where its output is positive). The first, large
 * product and its weight gradient run as tfjs kernels; the small layers after it, the loss
 * and the optimizer's update run as loops over the values where they lie (`peek`: on these
 * backends a view, not a wait for a device): about 6 kernel calls a batch.
 * The update rules are tfjs' own (SGD, momentum, Adam with its bias correction and epsilon), so a
 * run learns as the compiled step does; the loss differs only where Keras' clip at 1e-7 stops the
 * gradient of an example already wrong with near certainty, which this step keeps learning from.
 * Any other model, loss, optimizer or backend returns undefined, and the run uses `TrainStep`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { inHostMemory, peek, tensorCopy } from '../runtime/host-memory.tf.js';
import { compiledModelOf } from './train-step.tf.js';

/** A weight as tfjs-layers holds it (read gives the variable, write assigns it). */
interface LayerWeight {
  shape: number[];
  read(): tf.Variable;
  write(value: tf.Tensor): unknown;
}

interface DenseLayer {
  kernel: LayerWeight;
  bias: LayerWeight;
  /** ReLU hidden layer (else linear); the last layer is softmax. */
  relu: boolean;
}

/** Updates one weight in place from its gradient, with that weight's optimizer state. */
type Update = (value: Float32Array, gradient: Float32Array, state: Float32Array[]) => void;

interface UpdateRule {
  /** Optimizer state arrays per weight (momentum 1, Adam 2). */
  slots: number;
  /** Called once per step before the weights' updates (Adam's bias corrections move on). */
  startStep(): Update;
}

/** tfjs' update rules, from the optimizer's own settings; undefined for another optimizer. */
function ruleOf(optimizer: tf.Optimizer): UpdateRule | undefined {
  const c = optimizer.getConfig() as Record<string, number | boolean>;
  const lr = c.learningRate as number;
  switch (optimizer.getClassName()) {
    case 'SGD':
      return {
        slots: 0,
        startStep: () => (w, g) => {
          for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
        },
      };
    case 'Momentum': {
      if (c.useNesterov) return undefined;
      const m = c.momentum as number;
      return {
        slots: 1,
        startStep:
          () =>
          (w, g, [acc]) => {
            for (let i = 0; i < w.length; i++) {
              acc[i] = acc[i] * m + g[i];
              w[i] -= lr * acc[i];
            }
          },
      };
    }
    case 'Adam': {
      const { beta1, beta2, epsilon } = c as Record<string, number>;
      // tfjs keeps beta^t as variables that start at beta and are multiplied after each step.
      let accBeta1 = beta1;
      let accBeta2 = beta2;
      return {
        slots: 2,
        startStep() {
          const c1 = 1 - accBeta1;
          const c2 = 1 - accBeta2;
          accBeta1 *= beta1;
          accBeta2 *= beta2;
          const step = lr / c1;
          const scale = 1 / c2;
          const keep1 = 1 - beta1;
          const keep2 = 1 - beta2;
          return (w, g, state) =>
            adamUpdate(w, g, state[0], state[1], beta1, beta2, keep1, keep2, step, scale, epsilon);
        },
      };
    }
    default:
      return undefined;
  }
}

/** One Adam update of a weight (see `ruleOf`), a plain function so that the engine optimizes it once. */
function adamUpdate(
  w: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  beta1: number,
  beta2: number,
  keep1: number,
  keep2: number,
  step: number,
  scale: number,
  epsilon: number,
): void {
  for (let i = 0; i < w.length; i++) {
    const gi = g[i];
    const mi = (m[i] = m[i] * beta1 + gi * keep1);
    const vi = (v[i] = v[i] * beta2 + gi * gi * keep2);
    w[i] -= (step * mi) / (Math.sqrt(vi * scale) + epsilon);
  }
}

interface HeadShape {
  /** How the features become a vector: flattened, or averaged over height and width. */
  intake: 'flatten' | 'average';
  dense: DenseLayer[];
}

/** The head's layers when they are [flatten | global average pooling] → dense (ReLU or linear)… → dense softmax. */
function headShapeOf(model: tfl.LayersModel): HeadShape | undefined {
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  const first = layers[0]?.getClassName();
  const intake = first === 'Flatten' ? 'flatten' : first === 'GlobalAveragePooling2D' ? 'average' : undefined;
  if (!intake || layers.length < 2) return undefined;
  const dense: DenseLayer[] = [];
  for (const [i, layer] of layers.slice(1).entries()) {
    const c = layer.getConfig();
    const last = i === layers.length - 2;
    const plain =
      layer.getClassName() === 'Dense' &&
      layer.trainable &&
      c.useBias === true &&
      c.kernelRegularizer == null &&
      c.biasRegularizer == null &&
      c.activityRegularizer == null &&
      c.kernelConstraint == null &&
      c.biasConstraint == null;
    const activation = c.activation as string;
    if (!plain || activation !== (last ? 'softmax' : activation === 'relu' ? 'relu' : 'linear'))
      return undefined;
    const [kernel, bias] = layer.trainableWeights as unknown as LayerWeight[];
    dense.push({ kernel, bias, relu: activation === 'relu' });
  }
  return { intake, dense };
}

/** The step for this compiled model on this backend, or undefined where `TrainStep` must run it. */
export function denseHeadStep(model: tfl.LayersModel): DenseHeadStep | undefined {
  if (!inHostMemory()) return undefined;
  const inner = compiledModelOf(model) as unknown as { loss?: unknown; optimizer?: tf.Optimizer };
  if (inner.loss !== 'categoricalCrossentropy' || !inner.optimizer) return undefined;
  const shape = headShapeOf(model);
  const rule = ruleOf(inner.optimizer);
  return shape && rule ? new DenseHeadStep(shape, rule) : undefined;
}

/** Keras' clip of probabilities before the log (tfjs-layers' epsilon). */
const CLIP = 1e-7;

export class DenseHeadStep {
  /** Optimizer state per weight, in the order kernel, bias of each layer. */
  private readonly state: Float32Array[][];
  /** Each weight's values while it is updated (kept, so that a step allocates no large arrays). */
  private readonly values: Float32Array[];

  constructor(
    private readonly head: HeadShape,
    private readonly rule: UpdateRule,
  ) {
    const sizes = this.weights().map((w) => w.shape.reduce((a, b) => a * b, 1));
    this.state = sizes.map((size) => Array.from({ length: rule.slots }, () => new Float32Array(size)));
    this.values = sizes.map((size) => new Float32Array(size));
  }

  private weights(): LayerWeight[] {
    return this.head.dense.flatMap((l) => [l.kernel, l.bias]);
  }

  /** Trains on one batch (features x, one-hot y); resolves with [loss, accuracy] before the update. */
  async run(x: tf.Tensor, y: tf.Tensor): Promise<[number, number]> {
    const n = x.shape[0];
    const { dense } = this.head;
    const weights = this.weights();
    weights.forEach((w, i) => this.values[i].set(peek(w.read())));
    const kernelOf = (i: number) => this.values[2 * i];
    const biasOf = (i: number) => this.values[2 * i + 1];
    const unitsOf = (i: number) => dense[i].bias.shape[0];
    // The first layer (features × units, the only large product) runs as tfjs kernels.
    const first = dense[0];
    const [features, firstOut] = tf.tidy(() => {
      const v = this.head.intake === 'flatten' ? tf.reshape(x, [n, -1]) : tf.mean(x, [1, 2]);
      const z = tf.fused.matMul({
        a: v as tf.Tensor2D,
        b: first.kernel.read() as tf.Tensor2D,
        bias: first.bias.read(),
        activation: first.relu && dense.length > 1 ? 'relu' : 'linear',
      });
      return [v, z];
    });
    // The rest, a few small products, as plain loops: each layer's input kept for the backward pass.
    const inputs: Float32Array[] = [peek(firstOut).slice()];
    for (let i = 1; i < dense.length; i++) {
      const out = affine(inputs[i - 1], kernelOf(i), biasOf(i), n, unitsOf(i - 1), unitsOf(i));
      if (dense[i].relu && i < dense.length - 1)
        for (let k = 0; k < out.length; k++) out[k] = Math.max(out[k], 0);
      inputs.push(out);
    }
    const probs = inputs.pop()!;
    softmaxRows(probs, unitsOf(dense.length - 1));
    const labels = peek(y);
    const result = lossAndAccuracy(probs, labels, n);
    // Mean cross-entropy of a softmax: its gradient at the logits is (p − y) / n.
    let d: Float32Array = probs.map((p, k) => (p - labels[k]) / n);
    const grads: Float32Array[] = new Array<Float32Array>(weights.length);
    for (let i = dense.length - 1; i >= 1; i--) {
      const [rows, cols] = [unitsOf(i - 1), unitsOf(i)];
      grads[2 * i] = productAtB(inputs[i - 1], d, n, rows, cols);
      grads[2 * i + 1] = columnSums(d, n, cols);
      const below = productABt(d, kernelOf(i), n, cols, rows);
      if (dense[i - 1].relu) for (let k = 0; k < below.length; k++) if (!(inputs[i - 1][k] > 0)) below[k] = 0;
      d = below;
    }
    grads[1] = columnSums(d, n, unitsOf(0));
    const delta = tf.tensor2d(d, [n, unitsOf(0)]);
    const firstGrad = tf.matMul(features, delta, true, false);
    grads[0] = peek(firstGrad);
    const update = this.rule.startStep();
    weights.forEach((_, i) => update(this.values[i], grads[i], this.state[i]));
    tf.dispose([features, firstOut, delta, firstGrad]);
    weights.forEach((w, i) => {
      const next = tensorCopy(this.values[i], w.shape);
      w.write(next);
      next.dispose();
    });
    return result;
  }
}

/** a [n × r] · w [r × c] + b, row-major. */
function affine(
  a: Float32Array,
  w: Float32Array,
  b: Float32Array,
  n: number,
  r: number,
  c: number,
): Float32Array {
  const out = new Float32Array(n * c);
  for (let i = 0; i < n; i++) {
    const o = i * c;
    out.set(b, o);
    for (let k = 0; k < r; k++) {
      const v = a[i * r + k];
      if (v === 0) continue;
      for (let j = 0; j < c; j++) out[o + j] += v * w[k * c + j];
    }
  }
  return out;
}

/** aᵀ · b for a [n × r], b [n × c]: [r × c]. */
function productAtB(a: Float32Array, b: Float32Array, n: number, r: number, c: number): Float32Array {
  const out = new Float32Array(r * c);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < r; k++) {
      const v = a[i * r + k];
      if (v === 0) continue;
      for (let j = 0; j < c; j++) out[k * c + j] += v * b[i * c + j];
    }
  }
  return out;
}

/** a · wᵀ for a [n × c] and a kernel w [r × c] (r inputs to c outputs): [n × r]. */
function productABt(a: Float32Array, w: Float32Array, n: number, c: number, r: number): Float32Array {
  const out = new Float32Array(n * r);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < r; k++) {
      let sum = 0;
      for (let j = 0; j < c; j++) sum += a[i * c + j] * w[k * c + j];
      out[i * r + k] = sum;
    }
  }
  return out;
}

function columnSums(a: Float32Array, n: number, c: number): Float32Array {
  const out = new Float32Array(c);
  for (let i = 0; i < n; i++) for (let j = 0; j < c; j++) out[j] += a[i * c + j];
  return out;
}

/** Softmax of each row of [n × c], in place (shifted by the row's maximum, as tfjs does). */
function softmaxRows(a: Float32Array, c: number): void {
  for (let o = 0; o < a.length; o += c) {
    let max = -Infinity;
    for (let j = 0; j < c; j++) max = Math.max(max, a[o + j]);
    let sum = 0;
    for (let j = 0; j < c; j++) sum += a[o + j] = Math.exp(a[o + j] - max);
    for (let j = 0; j < c; j++) a[o + j] /= sum;
  }
}

/** Keras' categorical cross-entropy (probabilities clipped) and accuracy of one batch. */
function lossAndAccuracy(p: ArrayLike<number>, y: ArrayLike<number>, n: number): [number, number] {
  const classes = p.length / n;
  let loss = 0;
  let hits = 0;
  for (let r = 0; r < n; r++) {
    let best = 0;
    let truth = 0;
    for (let c = 0; c < classes; c++) {
      const k = r * classes + c;
      if (p[k] > p[r * classes + best]) best = c;
      if (y[k] > y[r * classes + truth]) truth = c;
      if (y[k] !== 0) loss -= y[k] * Math.log(Math.min(Math.max(p[k], CLIP), 1 - CLIP));
    }
    if (best === truth) hits++;
  }
  return [loss / n, hits / n];
}
