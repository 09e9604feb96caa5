/**
 * A model run layer by layer with tfjs ops, for the network view's refresh on every
 * stroke: every layer's output comes out of one pass of about one kernel per layer.
 *
 * tfjs-layers' own multi-output `predict` computes the same numbers, but around each call
 * it slices the input into batches, checks and names every tensor and walks the graph;
 * for the small digit network that costs several times the kernels themselves. The chain
 * applies only where it does exactly what the layers do at inference: a plain chain
 * (each layer reads the one before it) of the layers below, in channels-last order, with
 * activations that tfjs fuses or applies as one op. Anything else returns undefined and
 * the caller uses `predict`. Weights are read at every run, so a model being trained
 * shows its current weights. On the cpu backend the same plans run as loops instead
 * (`layer-chain-on-host.tf.ts`).
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Pair } from '../math/layer-loops.js';
import type { Padding } from '../math/window-geometry.js';
import { graphOf } from './model-graph.js';

/** One layer as a function of its input, run inside a tidy that keeps only what it returns. */
type Step = (x: tf.Tensor) => tf.Tensor;

/**
 * What one layer does at inference, read from its config once: the chain runs it as tfjs ops
 * (`runChain`) or, on the cpu backend, as loops (`layer-chain-on-host.tf.ts`). `weights` reads
 * the layer's current weights (kernel, then bias where it has one).
 */
export type LayerPlan =
  | {
      kind: 'conv';
      activation: string;
      strides: Pair;
      dilations: Pair;
      padding: Padding;
      useBias: boolean;
      weights: () => tf.Tensor[];
    }
  | { kind: 'dense'; activation: string; useBias: boolean; weights: () => tf.Tensor[] }
  | { kind: 'pool'; mode: 'max' | 'avg'; size: Pair; strides: Pair; padding: Padding }
  | { kind: 'global'; mode: 'max' | 'avg' }
  | { kind: 'flatten' }
  /** Dropout: the same tensor at inference, listed again (see runChain). */
  | { kind: 'identity' }
  | { kind: 'activation'; activation: string };

/** A plain chain's layers in order, each reading the output of the one before. */
export type Chain = readonly LayerPlan[];

type Fused = 'linear' | 'relu' | 'relu6' | 'elu' | 'sigmoid';
/** What tfjs' fused conv2d and matMul apply themselves. */
const FUSED = new Set<string>(['linear', 'relu', 'relu6', 'elu', 'sigmoid']);

/** tfjs' op for every activation the chain takes (as tfjs-layers applies it: softmax over the last axis). */
const ACTIVATIONS: Record<string, (x: tf.Tensor) => tf.Tensor> = {
  linear: (x) => tf.clone(x),
  relu: (x) => tf.relu(x),
  relu6: (x) => tf.relu6(x),
  elu: (x) => tf.elu(x),
  sigmoid: (x) => tf.sigmoid(x),
  tanh: (x) => tf.tanh(x),
  softmax: (x) => tf.softmax(x),
};

/** The keys read from `getConfig()` (tfjs-layers names them in camelCase; dilation_rate is the Keras file's name). */
export interface LayerConfig {
  activation?: string;
  dataFormat?: string;
  strides?: number | number[];
  poolSize?: number | number[];
  padding?: string;
  dilationRate?: number | number[];
  useBias?: boolean;
}

/** A size or step given once or per axis, as [down, across]. */
export const pair = (v: number | number[] | undefined): [number, number] =>
  Array.isArray(v) ? [v[0], v[1] ?? v[0]] : [v ?? 1, v ?? 1];

const isPadding = (p: string | undefined): p is Padding => p === 'valid' || p === 'same';
const knownActivation = (name = 'linear'): string | undefined =>
  Object.hasOwn(ACTIVATIONS, name) ? name : undefined;

/** The plan for one layer reading `input`, or undefined for a layer or setting the chain does not do. */
function planOf(layer: tfl.layers.Layer, input: tfl.SymbolicTensor): LayerPlan | undefined {
  const config = layer.getConfig() as LayerConfig;
  if (config.dataFormat && config.dataFormat !== 'channelsLast') return undefined;
  const weights = () => layer.getWeights();
  const activation = knownActivation(config.activation);
  const useBias = config.useBias !== false;
  switch (layer.getClassName()) {
    case 'Conv2D': {
      const padding = config.padding;
      if (!activation || !isPadding(padding)) return undefined;
      const strides = pair(config.strides);
      const dilations = pair(config.dilationRate);
      return { kind: 'conv', activation, strides, dilations, padding, useBias, weights };
    }
    case 'Dense':
      // On a vector only: tfjs-layers applies a Dense layer to the last axis of a bigger tensor.
      if (!activation || input.shape.length !== 2) return undefined;
      return { kind: 'dense', activation, useBias, weights };
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const padding = config.padding;
      if (!isPadding(padding)) return undefined;
      const mode = layer.getClassName() === 'MaxPooling2D' ? 'max' : 'avg';
      const size = pair(config.poolSize ?? 2);
      return { kind: 'pool', mode, size, strides: pair(config.strides ?? config.poolSize ?? 2), padding };
    }
    case 'GlobalAveragePooling2D':
      return { kind: 'global', mode: 'avg' };
    case 'GlobalMaxPooling2D':
      return { kind: 'global', mode: 'max' };
    case 'Flatten':
      return { kind: 'flatten' };
    case 'Dropout':
    case 'SpatialDropout2D':
      return { kind: 'identity' };
    case 'Activation':
      return activation ? { kind: 'activation', activation } : undefined;
    default:
      return undefined;
  }
}

type Weighted = Extract<LayerPlan, { kind: 'conv' | 'dense' }>;

/**
 * A conv or dense layer's product of `x` with its current kernel (and bias), the activation
 * fused where tfjs fuses it and applied after where not.
 */
function weighted(
  plan: Weighted,
  product: (kernel: tf.Tensor, bias: tf.Tensor | undefined, activation: Fused) => tf.Tensor,
): tf.Tensor {
  const [kernel, bias] = plan.weights();
  const use = plan.useBias ? bias : undefined;
  if (FUSED.has(plan.activation)) return product(kernel, use, plan.activation as Fused);
  return ACTIVATIONS[plan.activation](product(kernel, use, 'linear'));
}

/** The plan as tfjs ops. */
function stepOf(plan: LayerPlan): Step {
  switch (plan.kind) {
    case 'conv':
      return (x) =>
        weighted(plan, (filter, bias, activation) =>
          tf.fused.conv2d({
            x: x as tf.Tensor4D,
            filter: filter as tf.Tensor4D,
            strides: plan.strides,
            pad: plan.padding,
            dilations: plan.dilations,
            bias,
            activation,
          }),
        );
    case 'dense':
      return (x) =>
        weighted(plan, (kernel, bias, activation) =>
          tf.fused.matMul({ a: x as tf.Tensor2D, b: kernel as tf.Tensor2D, bias, activation }),
        );
    case 'pool': {
      const pool = plan.mode === 'max' ? tf.maxPool : tf.avgPool;
      return (x) => pool(x as tf.Tensor4D, plan.size, plan.strides, plan.padding);
    }
    case 'global':
      return (x) => (plan.mode === 'max' ? tf.max(x, [1, 2]) : tf.mean(x, [1, 2]));
    case 'flatten':
      return (x) => tf.reshape(x, [x.shape[0], -1]);
    case 'identity':
      return (x) => x;
    case 'activation':
      return ACTIVATIONS[plan.activation];
  }
}

/** Never disposed: plans hold no tensors, only the layers they read. */
const chains = new WeakMap<tfl.LayersModel, Chain | null>();

/**
 * The model's shown layers as plans, when every one of them is a layer the chain knows
 * and each reads the output of the one before (the first, the model's input).
 */
export function chainOf(model: tfl.LayersModel, layers: tfl.layers.Layer[]): Chain | undefined {
  let chain = chains.get(model);
  if (chain === undefined) {
    chain = null;
    // In this model's own graph: a transfer model's head layers also belong to the head's own model.
    const graph = graphOf(model);
    const linked = layers.every((l, i) => {
      const reads = graph.get(l)?.inputs;
      return (
        reads?.length === 1 && reads[0] === (i === 0 ? model.inputs[0] : graph.get(layers[i - 1])?.outputs[0])
      );
    });
    try {
      const plans =
        linked && model.inputs.length === 1 ? layers.map((l) => planOf(l, graph.get(l)!.inputs[0])) : [];
      if (plans.length && plans.every((p): p is LayerPlan => p !== undefined)) chain = plans;
    } catch {
      // A custom layer whose getConfig throws: not a layer the chain knows.
    }
    chains.set(model, chain);
  }
  return chain ?? undefined;
}

/**
 * Runs the chain on `input` as tfjs ops: every layer's output, the caller's to dispose. An identity
 * layer's output is the tensor before it, listed twice (disposing it twice does nothing;
 * a copy would cost a kernel and, on a GPU, one more read), except that the caller's
 * `input` is never handed back as an output.
 */
export function runChain(chain: Chain, input: tf.Tensor): tf.Tensor[] {
  const outputs: tf.Tensor[] = [];
  try {
    let x = input;
    for (const plan of chain) {
      const from = x;
      const step = stepOf(plan);
      x = tf.tidy(() => step(from));
      if (x === input) x = tf.clone(x);
      outputs.push(x);
    }
    return outputs;
  } catch (e) {
    outputs.forEach((t) => t.dispose());
    throw e;
  }
}
