/**
 * The border modes against OpenCV's definitions written in the test: every kernel
 * preset × border × stride on small images, on the CPU backend, through the tfjs path
 * and through the per-pixel arithmetic the playground shows.
 */
import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';
import { borderIndex, padImage } from '../../../src/core/math/border.js';
import { convolveToMap, imageTensor } from '../../../src/core/math/conv.tf.js';
import { planConv, sizeFormula } from '../../../src/core/math/conv-plan.js';
import { toChannels } from '../../../src/core/images/image-channels.js';
import { pixelArithmetic } from '../../../src/elements/conv-filter-playground/arithmetic.js';
import { PRESET_NAMES, presetKernel } from '../../../src/elements/conv-filter-playground/kernels.js';
import { filter2DRef, reflect101, replicate } from '../../reference/border-reference.js';
import { maxAbsDiff, randomPixels, referenceConv } from '../../reference/conv-reference.js';

const toRef = (m: { values: Float32Array; shape: [number, number, number] }) => ({
  values: m.values,
  height: m.shape[0],
  width: m.shape[1],
});

describe('core/border: reflect (BORDER_REFLECT_101) and replicate', () => {
  before(async () => {
    expect((await ensureBackend('cpu')).name).to.equal('cpu');
  });

  it('maps border positions as OpenCV does, also borders wider than the image', () => {
    // cv2 docs: BORDER_REFLECT_101 gfedcb|abcdefgh|gfedcba, BORDER_REPLICATE aaaaaa|abcdefgh|hhhhhhh
    const n = 8;
    const row = (mode: 'reflect' | 'replicate') =>
      Array.from({ length: 20 }, (_, i) => 'abcdefgh'[borderIndex(i - 6, n, mode)]).join('');
    expect(row('reflect')).to.equal('gfedcbabcdefghgfedcb');
    expect(row('replicate')).to.equal('aaaaaaabcdefghhhhhhh');
    for (const len of [1, 2, 3, 5]) {
      for (let p = -12; p < 16; p++) {
        expect(borderIndex(p, len, 'reflect'), `reflect ${p} in ${len}`).to.equal(reflect101(p, len));
        expect(borderIndex(p, len, 'replicate'), `replicate ${p} in ${len}`).to.equal(replicate(p, len));
      }
    }
  });

  for (const [width, height] of [
    [9, 7],
    [3, 2],
  ]) {
    it(`every preset × border × stride on a ${width}×${height} image matches the plain loop (tfjs and the shown arithmetic)`, async () => {
      const image = toChannels(randomPixels(width, height, 5), 'gray');
      const input = imageTensor(image);
      const before = tf.memory().numTensors;
      try {
        for (const name of PRESET_NAMES) {
          const kernel = presetKernel(name);
          for (const padding of ['same', 'reflect', 'replicate'] as const) {
            for (const stride of [1, 2, 3]) {
              const label = `${name} ${padding} stride ${stride}`;
              const plan = planConv([height, width], {
                kernelSize: [kernel.length, kernel[0].length],
                stride,
                dilation: 1,
                padding,
              });
              const got = await convolveToMap(
                input,
                { kernel, channels: 'gray', bias: 0, activation: 'none' },
                plan,
              );
              // TensorFlow's `same` puts the odd padding after, so at stride > 1 it is not filter2D's centring.
              const want =
                padding === 'same'
                  ? toRef(referenceConv(image, kernel, { stride, dilation: 1, padding, perChannel: false }))
                  : filter2DRef(image, kernel, padding, stride);
              expect(got.shape, label).to.deep.equal([want.height, want.width, 1]);
              expect(maxAbsDiff(got.values, want.values), label).to.be.below(1e-3);
              // The arithmetic the reader sees, at every pixel, reads the same border.
              for (let r = 0; r < want.height; r++) {
                for (let c = 0; c < want.width; c++) {
                  const a = pixelArithmetic(image, 'gray', kernel, plan, 0, 'none', r, c);
                  expect(
                    Math.abs(a.results[0].value - want.values[r * want.width + c]),
                    `${label} at ${r},${c}`,
                  ).to.be.below(1e-3);
                }
              }
            }
          }
        }
        expect(tf.memory().numTensors, 'no tensors left behind').to.equal(before);
      } finally {
        input.dispose();
      }
    });
  }

  it('keeps the input size at stride 1, says so in the formula, and handles even kernels, dilation and rgb', async () => {
    const pixels = randomPixels(11, 6, 3);
    const kernel = [
      [1, -2],
      [0.5, 3],
    ];
    const plan = planConv([6, 11], { kernelSize: [2, 2], stride: 1, dilation: 1, padding: 'reflect' });
    expect(plan.outShape).to.deep.equal([6, 11]);
    expect(sizeFormula(plan, 1)).to.equal('floor((11 + 1 (mirrored border) − 1·(2−1) − 1) / 1) + 1 = 11');
    const rgb = toChannels(pixels, 'rgb');
    const input = imageTensor(rgb);
    try {
      for (const padding of ['reflect', 'replicate'] as const) {
        const p = planConv([6, 11], { kernelSize: [2, 2], stride: 1, dilation: 1, padding });
        const got = await convolveToMap(input, { kernel, channels: 'rgb', bias: 0, activation: 'none' }, p);
        for (let ch = 0; ch < 3; ch++) {
          const want = filter2DRef(rgb, kernel, padding, 1, ch);
          const mine = got.values.filter((_, i) => i % 3 === ch);
          expect(maxAbsDiff(mine, want.values), `${padding} channel ${ch}`).to.be.below(1e-3);
        }
        // Dilation 2 of a 3×3 is a 5×5 with holes: the same as the plain loop with that 5×5.
        const k3 = presetKernel('sobel-x');
        const holes = Array.from({ length: 5 }, (_, r) =>
          Array.from({ length: 5 }, (_, c) => (r % 2 || c % 2 ? 0 : k3[r / 2][c / 2])),
        );
        for (const stride of [1, 2]) {
          const pd = planConv([6, 11], { kernelSize: [3, 3], stride, dilation: 2, padding });
          const gray = toChannels(pixels, 'gray');
          const t = imageTensor(gray);
          const got2 = await convolveToMap(
            t,
            { kernel: k3, channels: 'gray', bias: 0, activation: 'none' },
            pd,
          );
          t.dispose();
          expect(
            maxAbsDiff(got2.values, filter2DRef(gray, holes, padding, stride).values),
            `${padding} dilation 2 stride ${stride}`,
          ).to.be.below(1e-3);
        }
      }
    } finally {
      input.dispose();
    }
  });

  it('pads the drawn image with exactly the pixels the kernel reads', () => {
    const image = toChannels(randomPixels(4, 3, 9), 'gray');
    for (const padding of ['same', 'reflect', 'replicate'] as const) {
      const padded = padImage(image, [2, 2], [4, 4], padding);
      expect([padded.height, padded.width]).to.deep.equal([7, 8]);
      for (let r = 0; r < 7; r++) {
        for (let c = 0; c < 8; c++) {
          const [sr, sc] = [r - 2, c - 2];
          const want =
            padding === 'same'
              ? sr < 0 || sc < 0 || sr >= 3 || sc >= 4
                ? 0
                : image.values[sr * 4 + sc]
              : image.values[
                  (padding === 'reflect' ? reflect101(sr, 3) : replicate(sr, 3)) * 4 +
                    (padding === 'reflect' ? reflect101(sc, 4) : replicate(sc, 4))
                ];
          expect(padded.values[r * 8 + c], `${padding} ${r},${c}`).to.equal(want);
        }
      }
    }
  });
});
