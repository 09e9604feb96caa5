/**
 * What a model's convolution layers hold and compute: reading a layer's filters, and the
 * activation maps it produces for an input. Weights are read with `await data()` from the
 * layer's own variables, which stay the model's: nothing here disposes them.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { graphOf } from './model-graph.js';
import type { Activations, ConvLayerInfo, Filters } from './conv-layers.js';

/** Reads a conv layer's kernel (and bias) values. */
export async function readFilters(model: tfl.LayersModel, info: ConvLayerInfo): Promise<Filters> {
  const layer = model.layers[info.layerIndex];
  const [kernel, bias] = layer.getWeights();
  const values = (await kernel.data()) as Float32Array;
  const biasValues = bias && bias.shape.length === 1 ? ((await bias.data()) as Float32Array) : undefined;
  return { values: values.slice(), shape: info.kernelShape, bias: biasValues?.slice(), layer: info.name };
}

/** Models truncated at a layer's output, built once per (model, layer): they share the model's weights. */
const truncated = new WeakMap<tfl.LayersModel, Map<string, tfl.LayersModel>>();

function truncatedAt(model: tfl.LayersModel, info: ConvLayerInfo): tfl.LayersModel {
  let byLayer = truncated.get(model);
  if (!byLayer) truncated.set(model, (byLayer = new Map<string, tfl.LayersModel>()));
  let sub = byLayer.get(info.name);
  if (!sub) {
    // The layer's output in this model's own graph (a shared layer has one per model it is in).
    const layer = model.layers[info.layerIndex];
    sub = tfl.model({ inputs: model.inputs, outputs: graphOf(model).get(layer)?.outputs ?? layer.output });
    byLayer.set(info.name, sub);
  }
  return sub;
}

/** The layer's activation maps for one input `[1, h, w, c]` (the caller keeps and disposes it). */
export async function computeActivations(
  model: tfl.LayersModel,
  info: ConvLayerInfo,
  input: tf.Tensor4D,
): Promise<Activations> {
  const y = tf.tidy(() => truncatedAt(model, info).predict(input) as tf.Tensor4D);
  try {
    const values = (await y.data()) as Float32Array;
    const [, h, w, c] = y.shape;
    return { values, shape: [h, w, c], layer: info.name };
  } finally {
    y.dispose();
  }
}
