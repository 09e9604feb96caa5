import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';
import { parsePreset, pixelsToInput, type PresetName } from '../../../src/core/images/preprocess.tf.js';

/** A 2×2 RGBA image: (10,20,30) (200,100,0) / (255,255,255) (0,0,0). */
const IMAGE = {
  data: Uint8ClampedArray.from([10, 20, 30, 255, 200, 100, 0, 255, 255, 255, 255, 255, 0, 0, 0, 255]),
  width: 2,
  height: 2,
};
const RGB = [
  [10, 20, 30],
  [200, 100, 0],
  [255, 255, 255],
  [0, 0, 0],
];

async function values(preset: PresetName, channels = 3, size = 2): Promise<number[]> {
  const x = pixelsToInput(IMAGE, { height: size, width: size, channels, preset });
  try {
    expect(x.shape).to.deep.equal([1, size, size, channels]);
    return Array.from(await x.data());
  } finally {
    x.dispose();
  }
}

const expectClose = (a: number[], b: number[]) => {
  expect(a.length).to.equal(b.length);
  a.forEach((v, i) => expect(v, `value ${i}`).to.be.closeTo(b[i], 1e-4));
};

describe('preprocessing presets', () => {
  before(() => ensureBackend('cpu'));

  it('unit scales to [0, 1]', async () => {
    expectClose(await values('unit'), [
      10 / 255,
      20 / 255,
      30 / 255,
      200 / 255,
      100 / 255,
      0,
      1,
      1,
      1,
      0,
      0,
      0,
    ]);
  });

  it('mobilenet scales to [-1, 1]', async () => {
    // By hand: 10 / 127.5 − 1 = −0.92157, 255 → 1, 0 → −1.
    expectClose(
      await values('mobilenet'),
      [-0.92157, -0.84314, -0.76471, 0.56863, -0.21569, -1, 1, 1, 1, -1, -1, -1],
    );
  });

  it('caffe reverses RGB to BGR and subtracts the ImageNet means', async () => {
    // By hand: pixel (10,20,30) → B 30 − 103.939, G 20 − 116.779, R 10 − 123.68.
    expectClose(
      await values('caffe'),
      [
        -73.939, -96.779, -113.68, -103.939, -16.779, 76.32, 151.061, 138.221, 131.32, -103.939, -116.779,
        -123.68,
      ],
    );
  });

  it('gives a 1-channel model the luma', async () => {
    const luma = RGB.map(([r, g, b]) => (0.299 * r + 0.587 * g + 0.114 * b) / 255);
    expectClose(await values('unit', 1), luma);
  });

  it('resizes to the model input size', async () => {
    const x = await values('unit', 3, 4);
    expect(x.length).to.equal(48);
    // Corners of a bilinear upsample with half-pixel centres keep the corner pixels.
    expectClose(
      x.slice(0, 3),
      RGB[0].map((v) => v / 255),
    );
    expectClose(x.slice(45, 48), [0, 0, 0]);
  });

  it('mnist gives a centred 28×28 digit in [0, 1]', async () => {
    const x = await values('mnist', 1, 28);
    expect(Math.max(...x)).to.be.at.most(1);
    expect(Math.min(...x)).to.be.at.least(0);
  });

  it('rejects unknown presets with the list of known ones', () => {
    expect(parsePreset(' MobileNet ')).to.equal('mobilenet');
    expect(() => parsePreset('imagenet')).to.throw(/unit .*mobilenet.*caffe.*mnist/);
  });

  it('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    await values('caffe');
    await values('mnist', 1, 28);
    expect(tf.memory().numTensors).to.equal(before);
  });
});
