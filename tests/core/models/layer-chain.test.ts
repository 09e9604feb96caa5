/**
 * The network view's layer-by-layer chain against tfjs-layers' own multi-output predict
 * (the reference: the layers applied as tfjs-layers applies them), on wasm and on cpu, and
 * the models it must leave to predict.
 */
import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { chainOf, runChain } from '../../../src/core/models/layer-chain.tf.js';
import { layerOutputs, shownLayers } from '../../../src/core/models/layer-outputs.tf.js';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';

const init = (s: number) => tfl.initializers.glorotUniform({ seed: 70 + s });

/** Every layer kind and setting the chain takes, in one model. */
function richModel(): tfl.Sequential {
  const m = tfl.sequential();
  m.add(
    tfl.layers.conv2d({
      inputShape: [17, 15, 2],
      filters: 4,
      kernelSize: 3,
      activation: 'relu6',
      kernelInitializer: init(1),
      biasInitializer: 'ones',
    }),
  );
  m.add(
    tfl.layers.conv2d({
      filters: 5,
      kernelSize: [3, 2],
      strides: 2,
      padding: 'same',
      activation: 'tanh',
      kernelInitializer: init(2),
    }),
  );
  m.add(tfl.layers.averagePooling2d({ poolSize: 2, strides: 1, padding: 'same' }));
  m.add(
    tfl.layers.conv2d({
      filters: 6,
      kernelSize: 2,
      dilationRate: 2,
      activation: 'elu',
      useBias: false,
      kernelInitializer: init(3),
    }),
  );
  m.add(tfl.layers.maxPooling2d({ poolSize: [2, 3] }));
  m.add(tfl.layers.activation({ activation: 'sigmoid' }));
  m.add(tfl.layers.conv2d({ filters: 3, kernelSize: 1, activation: 'softmax', kernelInitializer: init(4) }));
  m.add(tfl.layers.globalAveragePooling2d({}));
  m.add(tfl.layers.dense({ units: 9, activation: 'sigmoid', kernelInitializer: init(5) }));
  m.add(tfl.layers.dropout({ rate: 0.3 }));
  m.add(tfl.layers.dense({ units: 4, activation: 'softmax', kernelInitializer: init(6) }));
  return m;
}

/** The kinds and settings `richModel` leaves out: strided valid and same max pooling, a global max, relu and linear. */
function otherModel(): tfl.Sequential {
  const m = tfl.sequential();
  m.add(
    tfl.layers.conv2d({
      inputShape: [13, 16, 3],
      filters: 7,
      kernelSize: [5, 4],
      strides: [2, 3],
      activation: 'relu',
      kernelInitializer: init(10),
      biasInitializer: 'ones',
    }),
  );
  m.add(tfl.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }));
  m.add(tfl.layers.conv2d({ filters: 4, kernelSize: 1, kernelInitializer: init(11) }));
  m.add(tfl.layers.activation({ activation: 'linear' }));
  m.add(tfl.layers.averagePooling2d({ poolSize: [1, 2], strides: [1, 1] }));
  m.add(tfl.layers.globalMaxPooling2d({}));
  m.add(tfl.layers.dense({ units: 6, useBias: false, kernelInitializer: init(12) }));
  return m;
}

/**
 * A transfer model as the trainer joins one: a head built as a model of its own, its layers
 * then applied to the base's output. The head's layers so have two inbound nodes (their own
 * model's and the joined one's), where `layer.output` throws. `batchNorm` adds a layer the
 * chain does not take, so that the model runs through predict.
 */
function transferModel(batchNorm = false): tfl.LayersModel {
  const base = tfl.sequential({
    layers: [
      tfl.layers.conv2d({
        inputShape: [10, 10, 1],
        filters: 3,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: init(7),
      }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
    ],
  });
  const head = tfl.sequential({
    layers: [
      tfl.layers.flatten({ inputShape: [4, 4, 3] }),
      ...(batchNorm
        ? [tfl.layers.batchNormalization({ gammaInitializer: 'ones', movingVarianceInitializer: 'ones' })]
        : []),
      tfl.layers.dense({ units: 5, activation: 'relu', kernelInitializer: init(8) }),
      tfl.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(9) }),
    ],
  });
  let x = base.outputs[0];
  for (const layer of head.layers) x = layer.apply(x) as tfl.SymbolicTensor;
  return tfl.model({ inputs: base.inputs, outputs: x });
}

/** The reference for a plain stack: each layer applied in turn, eagerly. */
async function oneByOne(layers: tfl.layers.Layer[], x: tf.Tensor): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  let y = x;
  for (const layer of layers) {
    const next = layer.apply(y) as tf.Tensor;
    if (y !== x) y.dispose();
    y = next;
    out.push((await y.data()) as Float32Array);
  }
  y.dispose();
  return out;
}

/** The reference: tfjs-layers' predict with every shown layer as an output. */
async function byPredict(model: tfl.LayersModel, x: tf.Tensor): Promise<Float32Array[]> {
  const probe = tfl.model({
    inputs: model.inputs,
    outputs: shownLayers(model).map((l) => l.output as tfl.SymbolicTensor),
  });
  const ys = probe.predict(x) as tf.Tensor[];
  const values = await Promise.all(ys.map((y) => y.data() as Promise<Float32Array>));
  tf.dispose(ys);
  return values;
}

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`core/layer-chain on ${backend}`, () => {
    before(async () => {
      await ensureBackend(backend);
      // ensureBackend keeps the page's first choice: the second describe switches itself.
      await tf.setBackend(backend);
    });

    it('gives every layer’s output as tfjs-layers’ predict does', async () => {
      const model = richModel();
      const layers = shownLayers(model);
      const chain = chainOf(model, layers);
      expect(chain !== undefined, 'every layer here is one the chain knows').to.equal(true);
      const x = tf.randomUniform([1, 17, 15, 2], -1, 1, 'float32', 5);
      const expected = await byPredict(model, x);
      const before = tf.memory().numTensors;
      const ys = runChain(chain!, x);
      expect(ys.map((y) => y.shape.slice(1))).to.deep.equal(
        layers.map((l) => (l.outputShape as number[]).slice(1)),
      );
      const got = await Promise.all(ys.map((y) => y.data()));
      tf.dispose(ys);
      expect(tf.memory().numTensors, 'only the outputs were kept, and they are disposed').to.equal(before);
      got.forEach((values, i) => {
        expect(values.length, layers[i].name).to.equal(expected[i].length);
        values.forEach((v, k) => expect(v, `${layers[i].name}[${k}]`).to.be.closeTo(expected[i][k], 1e-5));
      });
      x.dispose();
      model.dispose();
    });

    it(`reads every layer’s output as tfjs-layers’ predict gives it, into the arrays it is handed back${backend === 'cpu' ? ' (as loops on cpu)' : ''}`, async () => {
      for (const [make, inShape] of [
        [richModel, [17, 15, 2]],
        [otherModel, [13, 16, 3]],
      ] as const) {
        const model = make();
        const layers = shownLayers(model);
        const x = tf.randomUniform([1, ...inShape], -1, 1, 'float32', 9);
        const expected = await byPredict(model, x);
        const before = tf.memory().numTensors;
        const first = await layerOutputs(model, x);
        const kept = first.map((o) => o.values);
        const again = await layerOutputs(model, x, first);
        expect(tf.memory().numTensors, 'every tensor of the pass is disposed').to.equal(before);
        for (const got of [first, again]) {
          expect(got.map((o) => o.shape)).to.deep.equal(
            layers.map((l) => (l.outputShape as number[]).slice(1)),
          );
          got.forEach((o, i) => {
            expect(o.values.length, o.name).to.equal(expected[i].length);
            o.values.forEach((v, k) => expect(v, `${o.name}[${k}]`).to.be.closeTo(expected[i][k], 1e-5));
          });
        }
        if (backend === 'cpu' && make === otherModel) {
          // Its convolutions, ReLU and max pooling up to the linear activation sum and round as
          // tfjs' own cpu kernels do (convolve.ts): the same bits, not just close.
          first
            .slice(0, 4)
            .forEach((o, i) => expect(Array.from(o.values), o.name).to.deep.equal(Array.from(expected[i])));
        }
        if (backend === 'cpu') {
          // Each output went into the array the first pass returned for it, none shared.
          again.forEach((o, i) => expect(o.values === kept[i], o.name).to.equal(true));
          expect(new Set(kept).size).to.equal(kept.length);
        }
        x.dispose();
        model.dispose();
      }
    });

    it('carries a NaN through the layers where tfjs does, and drops it where tfjs does', async () => {
      const model = otherModel();
      const pixels = tf.randomUniform([1, 13, 16, 3], 0, 1, 'float32', 4);
      const x = tf.tidy(() => {
        const values = pixels.dataSync().slice();
        values[(5 * 16 + 7) * 3 + 1] = NaN;
        return tf.tensor4d(values, [1, 13, 16, 3]);
      });
      const expected = await byPredict(model, x);
      const got = await layerOutputs(model, x);
      got.forEach((o, i) => {
        const nan = (values: ArrayLike<number>) => Array.from(values, (v) => Number.isNaN(v));
        expect(nan(o.values), o.name).to.deep.equal(nan(expected[i]));
      });
      expect(got[0].values.some(Number.isNaN), 'the first layer has the NaN').to.equal(true);
      tf.dispose([pixels, x]);
      model.dispose();
    });

    it('passes a dropout layer’s input on as its output, but never the caller’s own input', async () => {
      const model = tfl.sequential({
        layers: [tfl.layers.dropout({ inputShape: [4, 3, 2], rate: 0.5 }), tfl.layers.flatten()],
      });
      const chain = chainOf(model, shownLayers(model))!;
      const x = tf.randomUniform([1, 4, 3, 2], -1, 1, 'float32', 7);
      const values = await x.data();
      const before = tf.memory().numTensors;
      const ys = runChain(chain, x);
      expect(ys[0]).to.not.equal(x);
      const got = await Promise.all(ys.map((y) => y.data()));
      tf.dispose(ys);
      expect(x.isDisposed, 'the input is the caller’s').to.equal(false);
      expect(tf.memory().numTensors).to.equal(before);
      got.forEach((g) => expect(Array.from(g)).to.deep.equal(Array.from(values)));
      x.dispose();
      model.dispose();
    });

    it('reads the weights at every run (a model in training shows its current weights)', async () => {
      const model = richModel();
      const chain = chainOf(model, shownLayers(model))!;
      const x = tf.randomUniform([1, 17, 15, 2], -1, 1, 'float32', 6);
      const first = runChain(chain, x);
      const out0 = await first[first.length - 1].data();
      const last = model.layers[model.layers.length - 1];
      last.setWeights(last.getWeights().map((w) => tf.mul(w, 3)));
      const second = runChain(chain, x);
      const out1 = await second[second.length - 1].data();
      const expected = await byPredict(model, x);
      expect(Array.from(out1)).to.not.deep.equal(Array.from(out0));
      out1.forEach((v, k) => expect(v).to.be.closeTo(expected[expected.length - 1][k], 1e-5));
      tf.dispose([...first, ...second, x]);
      model.dispose();
    });

    it('runs a transfer model, whose head layers also belong to the head’s own model, as a chain or through predict', async () => {
      for (const batchNorm of [false, true]) {
        const model = transferModel(batchNorm);
        const layers = shownLayers(model);
        const names = model.layers.filter((l) => l.getClassName() !== 'InputLayer').map((l) => l.name);
        expect(layers.map((l) => l.name)).to.deep.equal(names);
        expect(chainOf(model, layers) !== undefined, 'a chain unless the batch norm').to.equal(!batchNorm);
        const x = tf.randomUniform([1, 10, 10, 1], 0, 1, 'float32', 8);
        const expected = await oneByOne(layers, x);
        const before = tf.memory().numTensors;
        const got = await layerOutputs(model, x);
        expect(tf.memory().numTensors).to.equal(before);
        expect(got.map((o) => o.name)).to.deep.equal(names);
        got.forEach((o, i) =>
          o.values.forEach((v, k) => expect(v, `${o.name}[${k}]`).to.be.closeTo(expected[i][k], 1e-5)),
        );
        x.dispose();
        model.dispose();
      }
    });

    it('leaves to predict what it does not do exactly as the layers do', () => {
      const cases: Array<[string, () => tfl.LayersModel]> = [
        [
          'batch normalization',
          () =>
            tfl.sequential({
              layers: [
                tfl.layers.conv2d({ inputShape: [8, 8, 1], filters: 2, kernelSize: 3 }),
                tfl.layers.batchNormalization(),
              ],
            }),
        ],
        [
          'a Dense layer on maps',
          () => tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [4, 4, 2], units: 3 })] }),
        ],
        [
          'channels first',
          () =>
            tfl.sequential({
              layers: [
                tfl.layers.maxPooling2d({ inputShape: [2, 8, 8], poolSize: 2, dataFormat: 'channelsFirst' }),
              ],
            }),
        ],
        [
          'an activation without a tfjs op',
          () =>
            tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [4], units: 3, activation: 'selu' })] }),
        ],
        [
          'two branches',
          () => {
            const input = tfl.input({ shape: [6] });
            const a = tfl.layers.dense({ units: 3 }).apply(input) as tfl.SymbolicTensor;
            const b = tfl.layers.dense({ units: 3 }).apply(input) as tfl.SymbolicTensor;
            return tfl.model({
              inputs: input,
              outputs: tfl.layers.add().apply([a, b]) as tfl.SymbolicTensor,
            });
          },
        ],
      ];
      for (const [what, make] of cases) {
        const model = make();
        // A boolean: a chain of closures makes an unreadable (and costly) failure message.
        expect(chainOf(model, shownLayers(model)) === undefined, what).to.equal(true);
        model.dispose();
      }
    });
  });
}
