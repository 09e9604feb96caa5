/**
 * The tfjs side of the trainer's networks: a checked stack (see `model-spec.ts`) built
 * into a tfjs-layers model with seeded starting weights, its layer table, the check that
 * a page's own model fits MNIST, and the optimizers.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { seededRandom } from '../math/random.js';
import {
  CLASSES,
  INPUT_SHAPE,
  checkStack,
  kerasLayerNames,
  type InitializerName,
  type LayerSpec,
  type OptimizerName,
  type SummaryRow,
} from './model-spec.js';

/**
 * Fills a kernel with seeded uniform values: He (limit √(6 / fan-in)) for ReLU stacks as
 * the course writes, Glorot (√(6 / (fan-in + fan-out))) as Keras' default. The numbers come
 * from the project's own generator rather than tfjs' random ops, so the same seed gives the
 * same network on every backend and in every bundler (tfjs' seeded ops need `seedrandom`'s
 * CommonJS exports, which some dev servers do not expose).
 */
function seededKernel(shape: number[], kind: InitializerName, next: () => number): tf.Tensor {
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const fanIn = shape[shape.length - 2] * receptive;
  const fanOut = shape[shape.length - 1] * receptive;
  const limit = kind === 'heUniform' ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = (next() * 2 - 1) * limit;
  return tf.tensor(values, shape);
}

/**
 * Builds the tfjs model of a checked stack. Every initializer is seeded from `seed`,
 * so the same stack and seed give the same starting weights on every backend.
 */
export function buildModel(
  layers: readonly LayerSpec[],
  seed: number,
  {
    classes = CLASSES,
    inputShape = INPUT_SHAPE,
    taken,
  }: {
    classes?: number;
    inputShape?: readonly number[];
    /** Layer names the model will sit beside (a base's), which its own names avoid. */
    taken?: Iterable<string>;
  } = {},
): tfl.Sequential {
  checkStack(layers, classes, inputShape);
  const model = tfl.sequential();
  const next = seededRandom(seed);
  const names = kerasLayerNames(layers, taken);
  layers.forEach((layer, i) => {
    const first = { name: names[i], ...(i === 0 ? { inputShape: [...inputShape] } : {}) };
    switch (layer.type) {
      case 'conv2d':
        model.add(
          tfl.layers.conv2d({
            ...first,
            filters: layer.filters,
            kernelSize: layer.kernelSize,
            strides: layer.strides ?? 1,
            padding: layer.padding ?? 'valid',
            activation: layer.activation ?? 'linear',
            kernelInitializer: 'zeros',
          }),
        );
        break;
      case 'maxPooling2d':
      case 'averagePooling2d': {
        const args = {
          ...first,
          poolSize: layer.poolSize ?? 2,
          strides: layer.strides,
          padding: layer.padding ?? 'valid',
        };
        model.add(
          layer.type === 'maxPooling2d' ? tfl.layers.maxPooling2d(args) : tfl.layers.averagePooling2d(args),
        );
        break;
      }
      case 'flatten':
        model.add(tfl.layers.flatten(first));
        break;
      case 'dense':
        model.add(
          tfl.layers.dense({
            ...first,
            units: layer.units,
            activation: layer.activation ?? 'linear',
            kernelInitializer: 'zeros',
          }),
        );
        break;
      case 'dropout':
        model.add(tfl.layers.dropout({ ...first, rate: layer.rate }));
        break;
      case 'batchNormalization':
        model.add(tfl.layers.batchNormalization(first));
        break;
      case 'globalAveragePooling2d':
        model.add(tfl.layers.globalAveragePooling2d(first));
        break;
    }
    if (layer.type === 'conv2d' || layer.type === 'dense') {
      const added = model.layers[model.layers.length - 1];
      const [kernel, bias] = added.getWeights();
      const init = seededKernel(kernel.shape, layer.kernelInitializer ?? 'glorotUniform', next);
      added.setWeights([init, bias]);
      init.dispose();
    }
  });
  return model;
}

/** The layer table of any tfjs LayersModel (one built here or one a page set). */
export function summarize(model: tfl.LayersModel): SummaryRow[] {
  return model.layers
    .filter((layer) => layer.getClassName() !== 'InputLayer')
    .map((layer) => {
      const shape = layer.outputShape as (number | null)[];
      return {
        name: layer.name,
        type: layer.getClassName(),
        outputShape: shape.slice(1).map((d) => d ?? -1),
        params: layer.countParams(),
        trainableParams: layer.trainable
          ? layer.trainableWeights.reduce(
              (sum, w) => sum + (w.shape as number[]).reduce((a, b) => a * b, 1),
              0,
            )
          : 0,
      };
    });
}

/**
 * Checks that a page's model fits the trainer's data: 28×28×1 in, 10 probabilities out.
 * Returns a message when it does not.
 */
export function modelMismatch(model: tfl.LayersModel): string | undefined {
  const input = (model.inputs[0]?.shape ?? []).slice(1);
  const output = (model.outputs[0]?.shape ?? []).slice(1);
  const same = (a: (number | null)[], b: readonly number[]) =>
    a.length === b.length && a.every((d, i) => d === b[i]);
  if (!same(input, INPUT_SHAPE)) {
    return `The model takes input of shape [${input.join(', ')}], but MNIST digits are [28, 28, 1]. Give the first layer inputShape [28, 28, 1].`;
  }
  if (!same(output, [CLASSES])) {
    return `The model outputs shape [${output.join(', ')}]; the trainer needs 10 class probabilities. End it with a dense layer of 10 units and softmax.`;
  }
  return undefined;
}

/** A fresh optimizer (the caller disposes it): momentum means SGD with momentum 0.9, as in the course. */
export function makeOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  switch (name) {
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'momentum':
      return tf.train.momentum(learningRate, 0.9);
    case 'adam':
      return tf.train.adam(learningRate);
  }
}

/**
 * Disposes an optimizer and everything it holds. tfjs 4.22's momentum optimizer forgets
 * its learning-rate scalar in `dispose()`; without this every training run leaks a tensor.
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  const c = (optimizer as unknown as { c?: tf.Tensor }).c;
  if (c instanceof tf.Tensor && !c.isDisposed) c.dispose();
}
