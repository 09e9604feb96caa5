import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';
import {
  loadLayersFrom,
  loadModel,
  modelKindOf,
  predictScores,
  warmUp,
} from '../../../src/core/models/model-loader.tf.js';
import { labelsFor, parseLabels, toProbabilities, topK } from '../../../src/core/models/labels.js';

const MODELS = '/tests/fixtures/models';

async function loadError(url: string): Promise<string> {
  try {
    await loadModel(url);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${url} loaded`);
}

describe('model loader', () => {
  before(() => ensureBackend('cpu'));

  it('loads a LayersModel, reading its input shape and classes', async () => {
    const before = tf.memory().numTensors;
    const loaded = await loadModel(`${MODELS}/mobilenet-like/model.json`);
    expect(loaded.kind).to.equal('layers');
    expect(loaded.inputShape).to.deep.equal([224, 224, 3]);
    expect(loaded.classes).to.equal(1000);
    const x = tf.zeros([1, 224, 224, 3]) as tf.Tensor4D;
    const y = predictScores(loaded, x);
    expect(y.shape).to.deep.equal([1000]);
    // The fixture ends in a softmax: its outputs sum to 1.
    const total = tf.sum(y);
    expect((await total.data())[0]).to.be.closeTo(1, 1e-4);
    tf.dispose([x, y, total]);
    loaded.model.dispose();
    expect(tf.memory().numTensors).to.equal(before);
  });

  it('loads a GraphModel and finds its classes by running it once', async () => {
    const loaded = await loadModel(`${MODELS}/graph-tiny/model.json`);
    expect(loaded.kind).to.equal('graph');
    expect(loaded.inputShape).to.deep.equal([32, 32, 3]);
    expect(await warmUp(loaded, 32, 32)).to.equal(10);
    loaded.model.dispose();
  });

  it('tells the kind from model.json, and refuses JSON that is no model', () => {
    expect(modelKindOf({ format: 'layers-model', modelTopology: {}, weightsManifest: [] })).to.equal(
      'layers',
    );
    expect(modelKindOf({ modelTopology: { class_name: 'Sequential' }, weightsManifest: [] })).to.equal(
      'layers',
    );
    expect(modelKindOf({ modelTopology: { node: [] }, weightsManifest: [] })).to.equal('graph');
    expect(() => modelKindOf([1, 2])).to.throw(/not a TensorFlow\.js model/);
    expect(() => modelKindOf({ modelTopology: { node: [] } })).to.throw(/no weightsManifest/);
  });

  it('explains a 404, a non-JSON page, a JSON that is not a model and missing weights', async () => {
    expect(await loadError(`${MODELS}/nowhere/model.json`)).to.match(
      /answered 404.*\. Nothing is served there: check the URL\.$/,
    );
    expect(await loadError(`${MODELS}/broken/not-json.json`)).to.match(
      /is not JSON \(it starts with "<!doctype html>/,
    );
    expect(await loadError(`${MODELS}/broken/not-a-model.json`)).to.match(
      /JSON but not a TensorFlow\.js model/,
    );
    expect(await loadError(`${MODELS}/broken/missing-weights.json`)).to.match(
      /weights file "no-such-weights\.bin" listed in model\.json .*404/,
    );
  });
});

describe('labels', () => {
  it('refuses weights that do not fit model.json without leaking a tensor (issue 20, items 7 and 9)', async () => {
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      expect(await loadError(`${MODELS}/mismatched/model.json`)).to.contain(
        'do not fit the layers its model.json describes',
      );
    }
    expect(tf.memory().numTensors).to.equal(before);
    // The same path loads a model whose weights do fit, with the loaded weights (not initial ones).
    const model = await loadLayersFrom(`${MODELS}/digits-tiny/model.json`);
    const bin = new Float32Array(await (await fetch(`${MODELS}/digits-tiny/weights.bin`)).arrayBuffer());
    const kernel = await model.getWeights()[0].data();
    expect(Array.from(kernel)).to.deep.equal(Array.from(bin.subarray(0, 36)));
    model.dispose();
    expect(tf.memory().numTensors).to.equal(before);
  });

  it('parses JSON arrays, [id, name] pairs, Keras class-index objects and text lines', () => {
    expect(parseLabels('["cat", "dog"]')).to.deep.equal([{ name: 'cat' }, { name: 'dog' }]);
    expect(parseLabels('{"0": ["n1", "tench"], "1": ["n2", "goldfish"]}')).to.deep.equal([
      { id: 'n1', name: 'tench' },
      { id: 'n2', name: 'goldfish' },
    ]);
    expect(parseLabels('cat\r\ndog\n')).to.deep.equal([{ name: 'cat' }, { name: 'dog' }]);
    expect(() => parseLabels('["cat", {}]')).to.throw(/\[1\] is \{\}/);
    expect(() => parseLabels('<html>')).to.throw(/HTML page/);
  });

  it('uses the shipped ImageNet names for 1000 classes and checks the count', async () => {
    const names = await labelsFor(undefined, 1000);
    expect(names[0].name).to.equal('tench, Tinca tinca');
    expect(names[999].name).to.match(/^toilet tissue/);
    const slim = await labelsFor(undefined, 1001);
    expect([slim[0].name, slim[1].name]).to.deep.equal(['background', 'tench, Tinca tinca']);
    let message = '';
    await labelsFor('["a"]', 3).catch((e: Error) => (message = e.message));
    expect(message).to.match(/1 classes but the model has 3 outputs/);
  });

  it('softmaxes logits, keeps probabilities, and ranks the top k', () => {
    const p = toProbabilities([1, 2, 3]);
    const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
    const sum = e[0] + e[1] + e[2];
    p.forEach((v, i) => expect(v).to.be.closeTo(e[i] / sum, 1e-6));
    expect(Array.from(toProbabilities([0.25, 0.75]))).to.deep.equal([0.25, 0.75]);
    const labels = ['a', 'b', 'c', 'd'].map((name) => ({ name }));
    expect(topK([0.1, 0.4, 0.4, 0.1], labels, 2)).to.deep.equal([
      { index: 1, label: 'b', probability: 0.4 },
      { index: 2, label: 'c', probability: 0.4 },
    ]);
  });
});
