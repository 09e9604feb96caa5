/**
 * What a selected conv map sends to a linked playground (`convMapRecipe`): redone by a plain
 * loop written here from the recipe alone, it must give the layer's own output map, for
 * strides, `same` padding and dilation; steps that differ across and down are refused.
 */
import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { convMapRecipe, type ConvMapRecipe } from '../../../src/core/models/layer-outputs.tf.js';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';

const ACTIVATIONS: Record<string, (v: number) => number> = {
  linear: (v) => v,
  relu: (v) => Math.max(0, v),
  tanh: Math.tanh,
};

/** The recipe's convolution, pixel by pixel: zero padding as Keras places it for `same`. */
function redo(r: ConvMapRecipe): { values: number[]; shape: [number, number] } {
  const [h, w, c] = r.input.shape;
  const kh = r.kernels[0].length;
  const kw = r.kernels[0][0].length;
  const reachH = (kh - 1) * r.dilation + 1;
  const reachW = (kw - 1) * r.dilation + 1;
  const [oh, ow] =
    r.padding === 'same'
      ? [Math.ceil(h / r.stride), Math.ceil(w / r.stride)]
      : [Math.floor((h - reachH) / r.stride) + 1, Math.floor((w - reachW) / r.stride) + 1];
  const top = r.padding === 'same' ? Math.floor(Math.max(0, (oh - 1) * r.stride + reachH - h) / 2) : 0;
  const left = r.padding === 'same' ? Math.floor(Math.max(0, (ow - 1) * r.stride + reachW - w) / 2) : 0;
  const values: number[] = [];
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let sum = r.bias;
      for (let ch = 0; ch < c; ch++) {
        for (let i = 0; i < kh; i++) {
          for (let j = 0; j < kw; j++) {
            const sy = y * r.stride + i * r.dilation - top;
            const sx = x * r.stride + j * r.dilation - left;
            if (sy >= 0 && sy < h && sx >= 0 && sx < w)
              sum += r.kernels[ch][i][j] * r.input.values[(sy * w + sx) * c + ch];
          }
        }
      }
      values.push(ACTIVATIONS[r.activation](sum));
    }
  }
  return { values, shape: [oh, ow] };
}

describe('core/convMapRecipe', () => {
  before(async () => {
    await ensureBackend('cpu');
  });

  const cases: Array<{ name: string; conv: Parameters<typeof tfl.layers.conv2d>[0] }> = [
    { name: 'dilated, valid', conv: { filters: 3, kernelSize: 3, dilationRate: 2, activation: 'relu' } },
    {
      name: 'dilated, same',
      conv: { filters: 3, kernelSize: 2, dilationRate: 3, padding: 'same', activation: 'tanh' },
    },
    { name: 'strided, same', conv: { filters: 2, kernelSize: 3, strides: 2, padding: 'same' } },
  ];
  for (const { name, conv } of cases) {
    it(`sends what redoes the layer’s own map: ${name}`, async () => {
      const layer = tfl.layers.conv2d({
        ...conv,
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 5 }),
        biasInitializer: tfl.initializers.randomUniform({ minval: -0.3, maxval: 0.3, seed: 6 }),
      });
      const x = tf.randomUniform([1, 9, 11, 2], -1, 1, 'float32', 7) as tf.Tensor4D;
      const y = layer.apply(x) as tf.Tensor4D;
      const input = {
        values: (await x.data()) as Float32Array,
        shape: [9, 11, 2] as [number, number, number],
      };
      const out = await y.data();
      const [, oh, ow, filters] = y.shape;
      for (let f = 0; f < filters; f++) {
        const recipe = await convMapRecipe(layer, f, input);
        expect(recipe.dilation).to.equal(conv.dilationRate ?? 1);
        expect(recipe.stride).to.equal(conv.strides ?? 1);
        const mine = redo(recipe);
        expect(mine.shape).to.deep.equal([oh, ow]);
        let worst = 0;
        mine.values.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - out[i * filters + f]))));
        expect(worst).to.be.below(1e-5);
      }
      tf.dispose([x, y]);
      layer.dispose();
    });
  }

  it('refuses steps that differ across and down', async () => {
    const layer = tfl.layers.conv2d({ filters: 1, kernelSize: 2, strides: [1, 2] });
    const x = tf.zeros([1, 6, 6, 1]);
    tf.dispose(layer.apply(x) as tf.Tensor);
    const input = { values: new Float32Array(36), shape: [6, 6, 1] as [number, number, number] };
    let message = '';
    await convMapRecipe(layer, 0, input).catch((e: Error) => (message = e.message));
    expect(message).to.contain('different steps across and down');
    x.dispose();
    layer.dispose();
  });
});
