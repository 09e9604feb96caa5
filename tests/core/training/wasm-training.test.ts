/**
 * Every network the trainer offers trains on the WASM backend (its presets and a stack
 * with every custom layer type and option), and one training step there moves the
 * weights where the CPU backend moves them, to float32 rounding.
 */
import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { buildModel, disposeOptimizer, makeOptimizer } from '../../../src/core/models/model-build.tf.js';
import {
  PRESETS,
  PRESET_NAMES,
  type LayerSpec,
  type OptimizerName,
} from '../../../src/core/models/model-spec.js';
import { seededRandom } from '../../../src/core/math/random.js';
import { onWasmWithoutLeaks } from './wasm-against-cpu.js';

const CUSTOM: Record<string, LayerSpec[]> = {
  'every custom layer type': [
    { type: 'conv2d', filters: 4, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'elu' },
    { type: 'batchNormalization' },
    { type: 'averagePooling2d', poolSize: 2, strides: 1, padding: 'same' },
    { type: 'conv2d', filters: 3, kernelSize: 3, activation: 'selu', kernelInitializer: 'glorotUniform' },
    { type: 'maxPooling2d', poolSize: 3, strides: 2, padding: 'valid' },
    { type: 'flatten' },
    { type: 'dense', units: 12, activation: 'tanh' },
    { type: 'dense', units: 8, activation: 'sigmoid' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
  'dropout and a linear layer': [
    { type: 'flatten' },
    { type: 'dense', units: 16, activation: 'linear' },
    { type: 'dropout', rate: 0.5 },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};

// Momentum and SGD steps are linear in the gradients, so the weights compare to float32
// rounding; Adam's first step is lr·g/(|g|+ε), which turns rounding in a near-zero
// gradient into a full step of either sign, so Adam is only checked to run (below).
const CASES: [string, LayerSpec[], OptimizerName][] = [
  ...PRESET_NAMES.map((name): [string, LayerSpec[], OptimizerName] => [
    name,
    PRESETS[name].layers,
    'momentum',
  ]),
  ...Object.entries(CUSTOM).map(([name, layers]): [string, LayerSpec[], OptimizerName] => [
    name,
    layers,
    'momentum',
  ]),
  ['every custom layer type, plain sgd', CUSTOM['every custom layer type'], 'sgd'],
];

function digits(n: number, seed: number) {
  const next = seededRandom(seed);
  const pixels = Float32Array.from({ length: n * 784 }, () => next());
  const labels = Int32Array.from({ length: n }, (_, i) => i % 10);
  return { pixels, labels };
}

/** One training step of `layers` on `backend`; the weights afterwards, as plain arrays. */
async function oneStep(
  backend: string,
  layers: LayerSpec[],
  optimizerName: OptimizerName,
): Promise<{ weights: Float32Array[]; loss: number }> {
  await tf.setBackend(backend);
  const { pixels, labels } = digits(16, 3);
  const model = buildModel(layers, 5);
  const optimizer = makeOptimizer(optimizerName, 0.01);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const xs = tf.tensor4d(pixels, [16, 28, 28, 1]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10));
  try {
    const loss = (await model.trainOnBatch(xs, ys)) as number;
    const weights = await Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
    return { weights, loss };
  } finally {
    tf.dispose([xs, ys]);
    model.dispose();
    disposeOptimizer(optimizer);
  }
}

describe('training on the wasm backend', function () {
  this.timeout(120_000);
  onWasmWithoutLeaks();

  for (const [name, layers, optimizer] of CASES) {
    it(`${name}: one ${optimizer} step on wasm moves the weights as on cpu`, async () => {
      const wasm = await oneStep('wasm', layers, optimizer);
      const cpu = await oneStep('cpu', layers, optimizer);
      expect(Number.isFinite(wasm.loss)).to.equal(true);
      expect(wasm.weights.length).to.equal(cpu.weights.length);
      // Dropout's mask comes from tfjs' random ops, which need not agree across backends.
      if (layers.some((l) => l.type === 'dropout')) return;
      expect(wasm.loss).to.be.closeTo(cpu.loss, 1e-4 * Math.max(1, Math.abs(cpu.loss)));
      wasm.weights.forEach((w, i) => {
        // Relative to the weights' scale, floored at 0.01: a bias in front of a batch
        // normalisation has a zero gradient in exact arithmetic, and its step is all rounding.
        let scale = 0.01;
        let worst = 0;
        w.forEach((v, k) => {
          scale = Math.max(scale, Math.abs(cpu.weights[i][k]));
          worst = Math.max(worst, Math.abs(v - cpu.weights[i][k]));
        });
        expect(worst / scale, `weight ${i}`).to.be.at.most(1e-4);
      });
    });
  }

  it('adam, the two-conv preset: a step on wasm gives the cpu loss and finite weights', async () => {
    const wasm = await oneStep('wasm', PRESETS['two-conv'].layers, 'adam');
    const cpu = await oneStep('cpu', PRESETS['two-conv'].layers, 'adam');
    expect(wasm.loss).to.be.closeTo(cpu.loss, 1e-4 * Math.max(1, Math.abs(cpu.loss)));
    expect(wasm.weights.every((w) => w.every(Number.isFinite))).to.equal(true);
  });
});
