/**
 * The dense head's own step (`src/core/training/dense-head-step.tf.ts`) against tfjs-layers'
 * compiled step (`trainOnBatch`) on tfjs' CPU kernels: the same head, weights and batches,
 * every optimizer the trainer offers, both ways into the dense layers (flatten, global
 * average pooling), on the wasm and cpu backends. Losses, accuracies and the weights after
 * several steps must agree; models it cannot train must be left to `TrainStep`.
 */
import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { denseHeadStep } from '../../../src/core/training/dense-head-step.tf.js';
import { disposeOptimizer, makeOptimizer } from '../../../src/core/models/model-build.tf.js';
import type { OptimizerName } from '../../../src/core/models/model-spec.js';
import { seededRandom } from '../../../src/core/math/random.js';
import { onWasmWithoutLeaks, relativeError } from './wasm-against-cpu.js';

const FEATURES: [number, number, number] = [4, 4, 3];
const CLASSES = 3;
const BATCH = 12;
const STEPS = 6;

type Intake = 'flatten' | 'average';

/** [flatten | pooling] → dense ReLU (one per entry of `hidden`) → dense softmax. */
function head(intake: Intake, hidden = [16]): tfl.Sequential {
  return tfl.sequential({
    layers: [
      intake === 'flatten'
        ? tfl.layers.flatten({ inputShape: FEATURES })
        : tfl.layers.globalAveragePooling2d({ inputShape: FEATURES }),
      ...hidden.map((units) => tfl.layers.dense({ units, activation: 'relu' })),
      tfl.layers.dense({ units: CLASSES, activation: 'softmax' }),
    ],
  });
}

/** Seeded weights for a head, as plain arrays (so that each backend's model starts the same). */
function startWeights(model: tfl.LayersModel, seed: number): Float32Array[] {
  const next = seededRandom(seed);
  return model.getWeights().map((w) => Float32Array.from({ length: w.size }, () => (next() * 2 - 1) * 0.4));
}

/** Batches of non-negative features (like pooled ReLU maps) and one-hot labels. */
function batches(seed: number): { x: Float32Array; y: Float32Array }[] {
  const next = seededRandom(seed);
  const size = FEATURES.reduce((a, b) => a * b, 1);
  return Array.from({ length: 3 }, () => {
    const x = Float32Array.from({ length: BATCH * size }, () => (next() < 0.3 ? 0 : next()));
    const labels = Array.from({ length: BATCH }, () => Math.floor(next() * CLASSES));
    const y = Float32Array.from({ length: BATCH * CLASSES }, (_, i) =>
      labels[Math.floor(i / CLASSES)] === i % CLASSES ? 1 : 0,
    );
    return { x, y };
  });
}

interface Trained {
  losses: number[];
  accuracies: number[];
  weights: Float32Array[];
}

/** Trains a fresh head for STEPS steps on one backend, with the library's step or tfjs-layers' own. */
async function train(
  backend: string,
  intake: Intake,
  hidden: number[],
  optimizer: OptimizerName,
  own: boolean,
): Promise<Trained> {
  await tf.setBackend(backend);
  const model = head(intake, hidden);
  const start = startWeights(model, 7);
  const optimizerObject = makeOptimizer(optimizer, optimizer === 'adam' ? 0.01 : 0.1);
  try {
    tf.tidy(() => model.setWeights(model.getWeights().map((w, i) => tf.tensor(start[i], w.shape))));
    model.compile({ optimizer: optimizerObject, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const step = own ? denseHeadStep(model) : undefined;
    if (own) expect(step, `the dense step on ${backend}`).to.exist;
    const data = batches(3);
    const out: Trained = { losses: [], accuracies: [], weights: [] };
    for (let i = 0; i < STEPS; i++) {
      const { x, y } = data[i % data.length];
      const xs = tf.tensor4d(x, [BATCH, ...FEATURES]);
      const ys = tf.tensor2d(y, [BATCH, CLASSES]);
      const [loss, accuracy] = step
        ? await step.run(xs, ys)
        : ((await model.trainOnBatch(xs, ys)) as number[]);
      tf.dispose([xs, ys]);
      out.losses.push(loss);
      out.accuracies.push(accuracy);
    }
    out.weights = await Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
    return out;
  } finally {
    model.dispose();
    disposeOptimizer(optimizerObject);
  }
}

describe('the dense head step against tfjs-layers on the CPU kernels', function () {
  this.timeout(120_000);
  onWasmWithoutLeaks();

  const cases: { intake: Intake; hidden: number[]; optimizer: OptimizerName }[] = [
    ...(['sgd', 'momentum', 'adam'] as const).flatMap((optimizer) =>
      (['flatten', 'average'] as const).map((intake) => ({ intake, hidden: [16], optimizer })),
    ),
    { intake: 'flatten', hidden: [16, 8], optimizer: 'adam' },
    { intake: 'flatten', hidden: [], optimizer: 'adam' },
  ];
  for (const { intake, hidden, optimizer } of cases) {
    const layers = [intake, ...hidden.map((u) => `dense ${u} relu`), 'softmax'].join(' → ');
    it(`${layers}, ${optimizer}: the same losses, accuracies and weights on wasm and cpu`, async () => {
      const reference = await train('cpu', intake, hidden, optimizer, false);
      // Steps 0 and 3 see the same batch.
      expect(reference.losses[3], 'the reference learns').to.be.below(reference.losses[0]);
      for (const backend of ['wasm', 'cpu']) {
        const own = await train(backend, intake, hidden, optimizer, true);
        expect(relativeError(own.losses, reference.losses), `${backend} losses`).to.be.below(1e-4);
        // tfjs-layers reads its accuracy back as float32.
        expect(relativeError(own.accuracies, reference.accuracies), `${backend} accuracies`).to.be.below(
          1e-6,
        );
        own.weights.forEach((w, i) =>
          expect(relativeError(w, reference.weights[i]), `${backend} weight ${i}`).to.be.below(1e-4),
        );
      }
    });
  }

  it('leaves other models, losses and optimizers to tfjs-layers, and other backends', async () => {
    await tf.setBackend('cpu');
    const compiled = (model: tfl.LayersModel, loss: string, optimizer: tf.Optimizer = tf.train.adam()) => {
      model.compile({ optimizer, loss });
      return model;
    };
    const conv = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ inputShape: FEATURES, filters: 2, kernelSize: 3 }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: CLASSES, activation: 'softmax' }),
      ],
    });
    const dropout = tfl.sequential({
      layers: [
        tfl.layers.flatten({ inputShape: FEATURES }),
        tfl.layers.dropout({ rate: 0.5 }),
        tfl.layers.dense({ units: CLASSES, activation: 'softmax' }),
      ],
    });
    const sigmoid = tfl.sequential({
      layers: [
        tfl.layers.flatten({ inputShape: FEATURES }),
        tfl.layers.dense({ units: 4, activation: 'sigmoid' }),
        tfl.layers.dense({ units: CLASSES, activation: 'softmax' }),
      ],
    });
    const models = [
      compiled(conv, 'categoricalCrossentropy'),
      compiled(dropout, 'categoricalCrossentropy'),
      compiled(sigmoid, 'categoricalCrossentropy'),
      compiled(head('flatten'), 'meanSquaredError'),
      compiled(head('flatten'), 'categoricalCrossentropy', tf.train.rmsprop(0.01)),
      compiled(head('flatten'), 'categoricalCrossentropy', tf.train.momentum(0.1, 0.9, true)),
    ];
    for (const model of models)
      expect(denseHeadStep(model), model.layers.map((l) => l.name).join()).to.be.undefined;
    const plain = compiled(head('flatten'), 'categoricalCrossentropy');
    expect(denseHeadStep(plain)).to.exist;
    const gpu = tf.findBackend('webgl') ? 'webgl' : undefined;
    if (gpu) {
      await tf.setBackend(gpu);
      expect(denseHeadStep(plain), 'on a GPU backend').to.be.undefined;
    }
    for (const model of [...models, plain]) {
      disposeOptimizer(model.optimizer);
      model.dispose();
    }
    await tf.setBackend('cpu');
  });
});
