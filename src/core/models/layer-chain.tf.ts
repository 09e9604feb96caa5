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
 * shows its current weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { graphOf } from './model-graph.js';

/** One layer as a function of its input, run inside a tidy that keeps only what it returns. */
type Step = (x: tf.Tensor) => tf.Tensor;

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

/** An activation as a fused name plus an op after the product, or undefined when the chain cannot apply it. */
function activationOf(name = 'linear'): { fused: Fused; after?: (x: tf.Tensor) => tf.Tensor } | undefined {
  if (FUSED.has(name)) return { fused: name as Fused };
  return Object.hasOwn(ACTIVATIONS, name) ? { fused: 'linear', after: ACTIVATIONS[name] } : undefined;
}

/** The step for one layer reading `input`, or undefined for a layer or setting the chain does not do. */
function stepOf(layer: tfl.layers.Layer, input: tfl.SymbolicTensor): Step | undefined {
  const config = layer.getConfig() as LayerConfig;
  if (config.dataFormat && config.dataFormat !== 'channelsLast') return undefined;
  const weights = () => layer.getWeights();
  switch (layer.getClassName()) {
    case 'Conv2D': {
      const act = activationOf(config.activation);
      const padding = config.padding;
      if (!act || (padding !== 'valid' && padding !== 'same')) return undefined;
      const strides = pair(config.strides);
      const dilations = pair(config.dilationRate);
      return (x) => {
        const [filter, bias] = weights();
        const y = tf.fused.conv2d({
          x: x as tf.Tensor4D,
          filter: filter as tf.Tensor4D,
          strides,
          pad: padding,
          dilations,
          bias: config.useBias === false ? undefined : bias,
          activation: act.fused,
        });
        return act.after ? act.after(y) : y;
      };
    }
    case 'Dense': {
      const act = activationOf(config.activation);
      // On a vector only: tfjs-layers applies a Dense layer to the last axis of a bigger tensor.
      if (!act || input.shape.length !== 2) return undefined;
      return (x) => {
        const [kernel, bias] = weights();
        const y = tf.fused.matMul({
          a: x as tf.Tensor2D,
          b: kernel as tf.Tensor2D,
          bias: config.useBias === false ? undefined : bias,
          activation: act.fused,
        });
        return act.after ? act.after(y) : y;
      };
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const padding = config.padding;
      if (padding !== 'valid' && padding !== 'same') return undefined;
      const size = pair(config.poolSize ?? 2);
      const strides = pair(config.strides ?? config.poolSize ?? 2);
      const pool = layer.getClassName() === 'MaxPooling2D' ? tf.maxPool : tf.avgPool;
      return (x) => pool(x as tf.Tensor4D, size, strides, padding);
    }
    case 'GlobalAveragePooling2D':
      return (x) => tf.mean(x, [1, 2]);
    case 'GlobalMaxPooling2D':
      return (x) => tf.max(x, [1, 2]);
    case 'Flatten':
      return (x) => tf.reshape(x, [x.shape[0], -1]);
    // Identity at inference: the same tensor, listed again (see runChain).
    case 'Dropout':
    case 'SpatialDropout2D':
      return (x) => x;
    case 'Activation': {
      const name = config.activation ?? 'linear';
      return Object.hasOwn(ACTIVATIONS, name) ? ACTIVATIONS[name] : undefined;
    }
    default:
      return undefined;
  }
}

/** Never disposed: steps hold no tensors, only the layers they read. */
const chains = new WeakMap<tfl.LayersModel, Step[] | null>();

/**
 * The model's shown layers as steps, when every one of them is a step the chain knows
 * and each reads the output of the one before (the first, the model's input).
 */
export function chainOf(model: tfl.LayersModel, layers: tfl.layers.Layer[]): Step[] | undefined {
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
      const steps =
        linked && model.inputs.length === 1 ? layers.map((l) => stepOf(l, graph.get(l)!.inputs[0])) : [];
      if (steps.length && steps.every((s): s is Step => s !== undefined)) chain = steps;
    } catch {
      // A custom layer whose getConfig throws: not a layer the chain knows.
    }
    chains.set(model, chain);
  }
  return chain ?? undefined;
}

/**
 * Runs the steps on `input`: every layer's output, the caller's to dispose. An identity
 * layer's output is the tensor before it, listed twice (disposing it twice does nothing;
 * a copy would cost a kernel and, on a GPU, one more read), except that the caller's
 * `input` is never handed back as an output.
 */
export function runChain(chain: readonly Step[], input: tf.Tensor): tf.Tensor[] {
  const outputs: tf.Tensor[] = [];
  try {
    let x = input;
    for (const step of chain) {
      const from = x;
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
