/**
 * The convolution layers of a tfjs LayersModel, read from its structure alone (no
 * TensorFlow.js ops, so elements can use it before tfjs has loaded): finding a conv
 * layer by name or index with messages that list the ones there are, and slicing one
 * filter out of a kernel's values.
 */
import type * as tfl from '@tensorflow/tfjs-layers';

/** A convolution layer of a model. */
export interface ConvLayerInfo {
  name: string;
  /** Keras class name: Conv2D, DepthwiseConv2D, SeparableConv2D, Conv2DTranspose. */
  className: string;
  /** Position among the model's conv layers (what a numeric `layer` means). */
  convIndex: number;
  /** Position among all the model's layers. */
  layerIndex: number;
  /** [kh, kw, inChannels, filters]. */
  kernelShape: [number, number, number, number];
  /** Output shape without the batch axis, e.g. [26, 26, 32]. */
  outputShape: number[];
}

/** A layer's filters as the model holds them. */
export interface Filters {
  /** Row-major [kh, kw, inChannels, filters], as tfjs stores a Conv2D kernel. */
  values: Float32Array;
  shape: [number, number, number, number];
  /** One bias per filter, when the layer has them. */
  bias?: Float32Array;
  layer: string;
}

/** Activation maps: row-major [h, w, filters]. */
export interface Activations {
  values: Float32Array;
  shape: [number, number, number];
  layer: string;
}

const CONV_CLASSES = new Set(['Conv2D', 'DepthwiseConv2D', 'SeparableConv2D', 'Conv2DTranspose']);

/** Every convolution layer of a model, in order. */
export function convLayers(model: tfl.LayersModel): ConvLayerInfo[] {
  const found: ConvLayerInfo[] = [];
  model.layers.forEach((layer, layerIndex) => {
    const className = layer.getClassName();
    if (!CONV_CLASSES.has(className)) return;
    const kernel = layer.weights[0];
    if (!kernel || kernel.shape.length !== 4) return;
    const out = layer.outputShape as (number | null)[];
    found.push({
      name: layer.name,
      className,
      convIndex: found.length,
      layerIndex,
      kernelShape: kernel.shape as [number, number, number, number],
      outputShape: out.slice(1).map((d) => d ?? 0),
    });
  });
  return found;
}

/** "conv2d_1 (3×3×1×32)" */
export function describeConvLayer(info: ConvLayerInfo): string {
  return `${info.name} (${info.kernelShape.join('×')})`;
}

/**
 * The conv layer an author named: a name, or an index among the conv layers (0 is the
 * first); the first conv layer when `layer` is empty. Throws a reader-facing message.
 */
export function resolveConvLayer(
  model: tfl.LayersModel,
  layer: string | number | undefined | null,
): ConvLayerInfo {
  const convs = convLayers(model);
  if (convs.length === 0) {
    const kinds = [...new Set(model.layers.map((l) => l.getClassName()))].join(', ');
    throw new Error(
      `The model has no convolution layer (it has ${kinds}), so there are no filters to show. Use a model with a Conv2D layer.`,
    );
  }
  const list = convs.map((c) => `${c.convIndex}: ${describeConvLayer(c)}`).join(', ');
  const text = layer === undefined || layer === null ? '' : String(layer).trim();
  if (text === '') return convs[0];
  if (/^-?\d+$/.test(text)) {
    const i = Number(text);
    if (i < 0 || i >= convs.length)
      throw new Error(
        `layer ${i} is out of range: the model has ${convs.length} conv layer${convs.length === 1 ? '' : 's'} (${list}).`,
      );
    return convs[i];
  }
  const byName = convs.find((c) => c.name === text);
  if (byName) return byName;
  const other = model.layers.find((l) => l.name === text);
  if (other)
    throw new Error(
      `layer "${text}" is a ${other.getClassName()} layer, not a convolution: it has no filters to show. Conv layers: ${list}.`,
    );
  throw new Error(`The model has no layer named "${text}". Conv layers: ${list}.`);
}

/** One filter's weights for one input channel, as a kh×kw matrix (what a playground kernel is). */
export function filterKernel(
  filters: Pick<Filters, 'values' | 'shape'>,
  filter: number,
  channel = 0,
): number[][] {
  const [kh, kw, inC, outC] = filters.shape;
  return Array.from({ length: kh }, (_, r) =>
    Array.from({ length: kw }, (_, c) => filters.values[((r * kw + c) * inC + channel) * outC + filter]),
  );
}

/** The model's expected input: [height, width, channels] (null where any size goes). */
export function modelInputShape(model: tfl.LayersModel): [number | null, number | null, number] {
  const shape = model.inputs[0].shape;
  return [shape[1] ?? null, shape[2] ?? null, shape[3] ?? 1];
}
