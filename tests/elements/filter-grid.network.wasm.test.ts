/**
 * `<filter-grid view="network">` on wasm, where a refresh reads every layer's output into
 * the arrays of the previous one and a drawing is read from the ink's region of the pad:
 * each result checked against predict on the whole pad's pixels, and results handed out
 * before left as they were.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import '../../src/elements/filter-grid/define.js';
import type { FilterGrid } from '../../src/elements/filter-grid/filter-grid.js';
import type { CnnDrawPad } from '../../src/vis/draw-pad.js';
import { ensureBackend } from '../../src/core/runtime/backend.tf.js';
import { preprocessDigit } from '../../src/core/images/digit-preprocess.js';
import { idle, maxDiff, networkItems, until } from '../helpers.js';

describe('<filter-grid view="network"> on wasm', () => {
  before(async () => {
    await ensureBackend('wasm');
  });

  it('reads each drawing into the arrays it keeps; what it returned before stays as it was', async () => {
    const wrapper = await fixture(html`<div><filter-grid view="network"></filter-grid></div>`);
    const grid = wrapper.querySelector('filter-grid') as FilterGrid;
    await grid.ready;
    await until(() => networkItems(grid).length > 0, 'the network to be drawn');
    await idle(grid);
    const model = (grid as unknown as { model: tfl.LayersModel }).model;
    const pad = grid.shadowRoot!.querySelector('cnn-draw-pad') as CnnDrawPad;
    const picture = grid.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.picture')!;
    const strokes = [
      [
        { x: 0.5, y: 0.15 },
        { x: 0.5, y: 0.85 },
      ],
      [
        { x: 0.3, y: 0.2 },
        { x: 0.7, y: 0.2 },
        { x: 0.4, y: 0.8 },
      ],
    ];
    const returned: Array<Array<{ values: Float32Array }>> = [];
    const kept: Float32Array[][] = [];
    for (const stroke of strokes) {
      const updated = oneEvent(grid, 'network-update');
      pad.clear();
      pad.drawStrokes([stroke]);
      const { detail } = await updated;
      const outputs = await grid.getLayerOutputs();
      returned.push(outputs);
      kept.push(outputs.map((o) => o.values.slice()));
      // Independently: the whole pad's pixels, prepared as MNIST digits were, through predict.
      const whole = pad.getImageData();
      const digit = preprocessDigit(whole).pixels;
      const expected = tf.tidy(() =>
        (model.predict(tf.tensor4d(digit, [1, 28, 28, 1])) as tf.Tensor).dataSync(),
      );
      expect(maxDiff(outputs[outputs.length - 1].values, expected)).to.be.below(1e-5);
      const best = expected.indexOf(Math.max(...expected));
      expect(detail.prediction).to.equal(best);
      expect(detail.probability).to.be.closeTo(expected[best], 1e-5);
      // The Input figure shows the drawing as the pad does.
      const shown = picture.getContext('2d')!.getImageData(0, 0, picture.width, picture.height).data;
      expect(picture.width).to.equal(pad.size);
      expect(maxDiff(shown, whole.data)).to.equal(0);
    }
    expect(maxDiff(kept[0][0], kept[1][0])).to.be.above(1e-3);
    // The first drawing's result is the caller's own: the second refresh did not write into it.
    returned[0].forEach((o, i) => expect(maxDiff(o.values, kept[0][i])).to.equal(0));

    await grid.refresh();
    const baseline = tf.memory().numTensors;
    for (let i = 0; i < 30; i++) await grid.refresh();
    expect(tf.memory().numTensors).to.equal(baseline);
  });
});
