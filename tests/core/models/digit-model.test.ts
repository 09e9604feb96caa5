import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';
import { assetUrl } from '../../../src/core/runtime/assets.js';
import { loadMnist, mnistTensors, splitMnist } from '../../../src/core/training/mnist.tf.js';

describe('shipped digit model (assets/models/digits)', () => {
  let model: LayersModel;
  let baseline: number;

  before(async () => {
    await ensureBackend('cpu');
    baseline = tf.memory().numTensors;
    model = await loadLayersModel(assetUrl('models/digits/model.json'));
  });

  after(() => {
    model.dispose();
    expect(tf.memory().numTensors, 'tensors left after disposing the model').to.equal(baseline);
  });

  it('takes [n,28,28,1] and gives a softmax over 10 digits', async () => {
    expect(model.inputs[0].shape).to.deep.equal([null, 28, 28, 1]);
    expect(model.outputs[0].shape).to.deep.equal([null, 10]);
    const before = tf.memory().numTensors;
    const probabilities = tf.tidy(() => model.predict(tf.zeros([2, 28, 28, 1])) as tf.Tensor);
    const values = Array.from(await probabilities.data());
    probabilities.dispose();
    expect(tf.memory().numTensors).to.equal(before);
    for (const row of [values.slice(0, 10), values.slice(10, 20)]) {
      expect(row.every((p) => p >= 0 && p <= 1)).to.be.true;
      expect(row.reduce((s, p) => s + p, 0)).to.be.closeTo(1, 1e-5);
    }
  });

  it('labels at least 98% of the 2,000 held-out digits right, as metrics.json says', async () => {
    const data = await loadMnist();
    const { test } = splitMnist(data);
    expect(test.length).to.equal(2000);
    let right = 0;
    for (let start = 0; start < test.length; start += 250) {
      const chunk = test.slice(start, start + 250);
      const { xs, ys } = mnistTensors(data, chunk);
      const predicted = tf.tidy(() => tf.argMax(model.predict(xs) as tf.Tensor, -1));
      const got = await predicted.data();
      tf.dispose([xs, ys, predicted]);
      // The reference is the label stored in the data, not anything the model code computes.
      chunk.forEach((index, k) => (right += got[k] === data.labels[index] ? 1 : 0));
    }
    const accuracy = right / test.length;
    expect(accuracy).to.be.at.least(0.98);
    const metrics = await (await fetch(assetUrl('models/digits/metrics.json'))).json();
    expect(metrics.testSize).to.equal(2000);
    expect(metrics.trainSize).to.equal(8000);
    expect(accuracy).to.be.closeTo(metrics.heldOutAccuracy, 0.002);
  });
});
