/**
 * Every layer's output for one input, in model order: what `<filter-grid view="network">`
 * draws. A plain chain of common layers runs as tfjs ops, layer by layer (`layer-chain.tf.ts`),
 * or on the cpu backend as loops over the values where they lie (`layer-chain-on-host.tf.ts`);
 * any other model runs as one multi-output model per source model (built once, sharing
 * its weights) in a single predict. Every output is read (`readValues`) and disposed before
 * returning, so a refresh leaves no tensor behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { readValues } from '../runtime/host-memory.tf.js';
import { chainOf, pair, runChain, type LayerConfig } from './layer-chain.tf.js';
import { runChainOnHost } from './layer-chain-on-host.tf.js';
import { graphOf } from './model-graph.js';

/** One layer's output for the current input, batch dimension dropped. */
export interface LayerOutput {
  name: string;
  /** Keras class name: Conv2D, MaxPooling2D, Flatten, Dense, … */
  className: string;
  shape: number[];
  values: Float32Array;
}

/**
 * The layers whose outputs are shown, in model order: every layer of the model's graph with
 * one output tensor (input layers excluded).
 */
export function shownLayers(model: tfl.LayersModel): tfl.layers.Layer[] {
  const graph = graphOf(model);
  return model.layers.filter((l) => l.getClassName() !== 'InputLayer' && graph.get(l)?.outputs.length === 1);
}

/** Never disposed: a model built over another one's layers owns no weights of its own. */
const probes = new WeakMap<tfl.LayersModel, tfl.LayersModel>();

function probeOf(model: tfl.LayersModel): tfl.LayersModel {
  let probe = probes.get(model);
  if (!probe) {
    const graph = graphOf(model);
    probe = tfl.model({
      inputs: model.inputs,
      outputs: shownLayers(model).map((l) => graph.get(l)!.outputs[0]),
    });
    probes.set(model, probe);
  }
  return probe;
}

/**
 * Runs `input` ([1, h, w, c], the caller's to dispose) through the model and reads every
 * layer's output. Arrays of `reuse` (the previous outputs, which the caller gives up) are
 * written again where the backend allows, instead of new ones.
 */
export async function layerOutputs(
  model: tfl.LayersModel,
  input: tf.Tensor,
  reuse?: readonly LayerOutput[],
): Promise<LayerOutput[]> {
  const layers = shownLayers(model);
  const chain = chainOf(model, layers);
  const named = (outputs: Array<{ shape: number[]; values: Float32Array }>): LayerOutput[] =>
    layers.map((l, i) => ({ name: l.name, className: l.getClassName(), ...outputs[i] }));
  if (chain && tf.getBackend() === 'cpu') {
    return named(
      runChainOnHost(
        chain,
        input,
        reuse?.map((o) => o.values),
      ),
    );
  }
  const ys = chain
    ? runChain(chain, input)
    : tf.tidy(() => {
        const out = probeOf(model).predict(input);
        return Array.isArray(out) ? out : [out];
      });
  try {
    const values = await Promise.all(ys.map((y, i) => readValues(y, reuse?.[i]?.values)));
    return named(ys.map((y, i) => ({ shape: y.shape.slice(1), values: values[i] })));
  } finally {
    ys.forEach((y) => y.dispose());
  }
}

/** What a conv layer computes for one of its maps, enough for the playground to redo it. */
export interface ConvMapRecipe {
  /** The layer's input (the previous layer's output): row-major [h, w, c]. */
  input: { values: Float32Array; shape: [number, number, number] };
  /** One kh×kw kernel per input channel. */
  kernels: number[][][];
  bias: number;
  /** Keras activation name: relu, linear, sigmoid, tanh, … */
  activation: string;
  stride: number;
  dilation: number;
  padding: 'valid' | 'same';
}

/** Reads filter `filter` of a Conv2D layer and its config; throws for what the playground cannot redo. */
export async function convMapRecipe(
  layer: tfl.layers.Layer,
  filter: number,
  input: ConvMapRecipe['input'],
): Promise<ConvMapRecipe> {
  const config = layer.getConfig() as LayerConfig;
  const [kernel, bias] = layer.getWeights();
  const [kh, kw, inC, outC] = kernel.shape;
  const values = (await kernel.data()) as Float32Array;
  const biasValues = bias ? ((await bias.data()) as Float32Array) : undefined;
  const kernels = Array.from({ length: inC }, (_, c) =>
    Array.from({ length: kh }, (_, r) =>
      Array.from({ length: kw }, (_, k) => values[((r * kw + k) * inC + c) * outC + filter]),
    ),
  );
  const strides = pair(config.strides);
  const dilations = pair(config.dilationRate);
  if (strides[0] !== strides[1] || dilations[0] !== dilations[1])
    throw new Error(`${layer.name} has different steps across and down, which the playground does not take.`);
  return {
    input,
    kernels,
    bias: biasValues?.[filter] ?? 0,
    activation: config.activation ?? 'linear',
    stride: strides[0],
    dilation: dilations[0],
    padding: config.padding === 'same' ? 'same' : 'valid',
  };
}
