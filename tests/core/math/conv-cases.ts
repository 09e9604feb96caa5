/**
 * The grid of convolution cases the issue asks for (6 kernels × padding × stride ×
 * dilation × channel mode), run against the plain-loop reference on whichever backend
 * the importing test file chose.
 */
import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { convolveToMap, imageTensor } from '../../../src/core/math/conv.tf.js';
import { planConv } from '../../../src/core/math/conv-plan.js';
import { toChannels, type ChannelMode } from '../../../src/core/images/image-channels.js';
import { maxAbsDiff, randomPixels, referenceConv } from '../../reference/conv-reference.js';

export const KERNELS: Record<string, number[][]> = {
  edge: [
    [0, -1, 0],
    [-1, 4, -1],
    [0, -1, 0],
  ],
  'sobel-x': [
    [-1, 0, 1],
    [-2, 0, 2],
    [-1, 0, 1],
  ],
  'box-5 / 25': Array.from({ length: 5 }, () => Array(5).fill(1 / 25)),
  'non-square 2×3': [
    [1, -2, 0.5],
    [3, 0, -1],
  ],
  '1×1': [[2]],
  'random 4×4': [
    [0.3, -1.2, 2, 0],
    [1, 1, -0.5, 0.25],
    [-2, 0.75, 0, 1.5],
    [0.1, 0.2, -0.3, 0.4],
  ],
};

/** Every combination on a `width`×`height` random image; also checks bias and relu once per kernel. */
export function defineConvCases(width: number, height: number): void {
  const pixels = randomPixels(width, height, 7);
  for (const [name, kernel] of Object.entries(KERNELS)) {
    for (const channels of ['gray', 'rgb', 'sum'] as ChannelMode[]) {
      it(`${name}, ${channels}: every padding × stride × dilation matches the plain loop`, async () => {
        // Intensities scaled to 0..1, as the 1e-4 tolerance is meant (on 0..255 values float32 itself rounds at ~1e-4).
        const raw = toChannels(pixels, channels);
        const image = { ...raw, values: raw.values.map((v) => v / 255) };
        const input = imageTensor(image);
        const before = tf.memory().numTensors;
        try {
          for (const padding of ['valid', 'same'] as const) {
            for (const stride of [1, 2]) {
              for (const dilation of [1, 2]) {
                const relu = stride === 2 && dilation === 2;
                const bias = relu ? -0.1 : 0;
                const plan = planConv([height, width], {
                  kernelSize: [kernel.length, kernel[0].length],
                  stride,
                  dilation,
                  padding,
                });
                const got = await convolveToMap(
                  input,
                  { kernel, channels, bias, activation: relu ? 'relu' : 'none' },
                  plan,
                );
                const want = referenceConv(image, kernel, {
                  stride,
                  dilation,
                  padding,
                  perChannel: channels === 'rgb',
                  bias,
                  relu,
                });
                const label = `${padding} stride ${stride} dilation ${dilation}`;
                expect(got.shape, label).to.deep.equal(want.shape);
                expect(maxAbsDiff(got.values, want.values), label).to.be.at.most(1e-4);
              }
            }
          }
          expect(tf.memory().numTensors, 'no tensors left behind').to.equal(before);
        } finally {
          input.dispose();
        }
      });
    }
  }
}
