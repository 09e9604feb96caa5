import { expect } from '@open-wc/testing';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';
import { convolveToMap, imageTensor } from '../../../src/core/math/conv.tf.js';
import { normalizeKernel, planConv, sizeFormula, tapsAt } from '../../../src/core/math/conv-plan.js';
import { channelAt, toChannels } from '../../../src/core/images/image-channels.js';
import { randomPixels } from '../../reference/conv-reference.js';
import { defineConvCases } from './conv-cases.js';

describe('core/conv on webgpu (small images)', () => {
  before(async () => {
    const report = await ensureBackend('webgpu');
    expect(report.name).to.equal('webgpu');
  });

  defineConvCases(11, 9);
});

describe('core/conv-plan', () => {
  it('fills the output-size formula with the current numbers', () => {
    const plan = planConv([512, 300], { kernelSize: [3, 5], stride: 2, dilation: 2, padding: 'valid' });
    // by hand: rows ⌊(512 − 2·2 − 1)/2⌋ + 1 = 254; cols ⌊(300 − 2·4 − 1)/2⌋ + 1 = 146
    expect(plan.outShape).to.deep.equal([254, 146]);
    expect(sizeFormula(plan, 0)).to.equal('floor((512 + 0 − 2·(3−1) − 1) / 2) + 1 = 254');
    const same = planConv([7, 7], { kernelSize: [3, 3], stride: 2, dilation: 1, padding: 'same' });
    expect(same.outShape).to.deep.equal([4, 4]);
    expect(same.padTotal).to.deep.equal([2, 2]);
    expect(same.padBefore).to.deep.equal([1, 1]);
  });

  it('says what to change when a valid kernel is larger than the image', () => {
    expect(() => planConv([4, 4], { kernelSize: [5, 5], stride: 1, dilation: 1, padding: 'valid' })).to.throw(
      /larger than the image \(4 wide, 4 high\).*padding="same"/,
    );
    expect(() => planConv([6, 6], { kernelSize: [3, 3], stride: 1, dilation: 3, padding: 'valid' })).to.throw(
      /spans 7×7/,
    );
  });

  it('normalises by the sum only when the sum is not zero', () => {
    expect(
      normalizeKernel([
        [1, 1],
        [1, 1],
      ]),
    ).to.deep.equal([
      [0.25, 0.25],
      [0.25, 0.25],
    ]);
    expect(
      normalizeKernel([
        [0, -1, 0],
        [-1, 4, -1],
        [0, -1, 0],
      ]),
    ).to.deep.equal([
      [0, -1, 0],
      [-1, 4, -1],
      [0, -1, 0],
    ]);
  });

  it("the taps' products sum to the tfjs output at every pixel (the playground's arithmetic)", async () => {
    const image = toChannels(randomPixels(8, 6, 3), 'sum');
    const kernel = [
      [1, 0, -1],
      [2, 0.5, -2],
    ];
    const plan = planConv([6, 8], { kernelSize: [2, 3], stride: 2, dilation: 2, padding: 'same' });
    const input = imageTensor(image);
    const out = await convolveToMap(input, { kernel, channels: 'sum', bias: 1.5, activation: 'none' }, plan);
    input.dispose();
    for (let row = 0; row < plan.outShape[0]; row++) {
      for (let col = 0; col < plan.outShape[1]; col++) {
        let sum = 1.5;
        for (const t of tapsAt(plan, row, col)) {
          for (let ch = 0; ch < 3; ch++) sum += kernel[t.kr][t.kc] * channelAt(image, t.r, t.c, ch);
        }
        expect(out.values[row * plan.outShape[1] + col]).to.be.closeTo(sum, 1e-3);
      }
    }
  });
});
