import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';
import { canExplain, gradCam } from '../../../src/core/models/gradcam.tf.js';

/**
 * conv → relu → flatten → dense(softmax). For this head the gradient of logit c with respect
 * to the feature map A is the dense kernel's column c, so Grad-CAM can be written out by hand:
 * w_k = mean over positions of W[pos, k, c]; cam = relu(Σ_k w_k A_k) / max.
 */
/** Seeded values in [-1, 1) (tfjs's seeded random ops need seedrandom's CommonJS parts, unavailable here). */
function values(n: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 2 - 1;
  });
}

describe('Grad-CAM', () => {
  before(() => ensureBackend('cpu'));

  it('matches the hand-derived map of a conv + dense model', async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({
          inputShape: [6, 6, 1],
          filters: 2,
          kernelSize: 3,
          activation: 'relu',
          kernelInitializer: 'zeros',
        }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: 'zeros' }),
      ],
    });
    const weights = [
      tf.tensor4d(values(18, 1), [3, 3, 1, 2]),
      tf.tensor1d([0.1, -0.05]),
      tf.tensor2d(values(96, 2), [32, 3]),
      tf.tensor1d([0, 0, 0]),
    ];
    model.setWeights(weights);
    tf.dispose(weights);
    const x = tf.tensor4d(
      values(36, 3).map((v) => (v + 1) / 2),
      [1, 6, 6, 1],
    );
    expect(canExplain(model)).to.equal(true);
    const cam = await gradCam(model, x, 2);
    expect([cam.height, cam.width]).to.deep.equal([4, 4]);

    // The reference, from the weights with plain loops (A from tfjs conv2d + relu).
    const [kernel, bias] = model.layers[0].getWeights();
    const a = await tf
      .tidy(() => tf.relu(tf.add(tf.conv2d(x, kernel as tf.Tensor4D, 1, 'valid'), bias)))
      .data();
    const dense = await model.layers[2].getWeights()[0].data(); // [4*4*2, 3], flatten order (row, col, channel)
    const w = [0, 1].map((k) => {
      let s = 0;
      for (let pos = 0; pos < 16; pos++) s += dense[(pos * 2 + k) * 3 + 2];
      return s / 16;
    });
    const raw = Array.from({ length: 16 }, (_, pos) =>
      Math.max(0, w[0] * a[pos * 2] + w[1] * a[pos * 2 + 1]),
    );
    const peak = Math.max(...raw);
    Array.from(cam.values).forEach((v, i) => expect(v, `cell ${i}`).to.be.closeTo(raw[i] / peak, 1e-4));
    x.dispose();
    model.dispose();
  });

  it('explains a transfer model (its head’s layers also in the head’s own model) as the same network in one piece', async () => {
    const conv = () =>
      tfl.layers.conv2d({
        inputShape: [6, 6, 1],
        filters: 2,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }),
      });
    const dense = () =>
      tfl.layers.dense({
        units: 3,
        activation: 'softmax',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 4 }),
      });
    // As the trainer joins one: the head built as its own model, then applied to the base's output.
    const base = tfl.sequential({ layers: [conv()] });
    const head = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [4, 4, 2] }), dense()] });
    let y = base.outputs[0];
    for (const layer of head.layers) y = layer.apply(y) as tfl.SymbolicTensor;
    const joined = tfl.model({ inputs: base.inputs, outputs: y });
    const whole = tfl.sequential({ layers: [conv(), tfl.layers.flatten(), dense()] });
    whole.setWeights(joined.getWeights());
    expect(canExplain(joined)).to.equal(true);
    const x = tf.tensor4d(values(36, 11), [1, 6, 6, 1]);
    const [got, expected] = [await gradCam(joined, x, 1), await gradCam(whole, x, 1)];
    expect(
      Array.from(expected.values).some((v) => v > 0),
      'a map with something in it',
    ).to.equal(true);
    Array.from(got.values).forEach((v, i) => expect(v, `cell ${i}`).to.be.closeTo(expected.values[i], 1e-5));
    x.dispose();
    [joined, whole].forEach((m) => m.dispose());
  });

  it('says so for a model without feature maps', () => {
    const model = tfl.sequential({
      layers: [tfl.layers.dense({ inputShape: [4], units: 2, kernelInitializer: 'zeros' })],
    });
    expect(canExplain(model)).to.equal(false);
    model.dispose();
  });
});
