/** The filter grid's tiles without the element: their order by mean activation and what each says. */
import { expect } from '@open-wc/testing';
import { scaleNote, tileLabel, tileOrder } from '../../src/elements/filter-grid/tiles.js';
import type { Activations, Filters } from '../../src/core/models/conv-layers.js';

// A 2×2 map of three channels whose means are 1, 3 and 2 (HWC).
const activations: Activations = {
  values: Float32Array.from([0, 2, 1, 2, 4, 3, 1, 3, 2, 1, 3, 2]),
  shape: [2, 2, 3],
  layer: 'conv',
};

describe('filter grid tiles', () => {
  it('keeps the layer’s order, or sorts by mean activation, highest first', () => {
    expect(tileOrder(3)).to.deep.equal([0, 1, 2]);
    expect(tileOrder(3, activations)).to.deep.equal([1, 2, 0]);
  });

  it('says each tile’s mean activation, or the range of its weights on the channel shown', () => {
    expect(tileLabel(1, {} as Filters, 0, activations)).to.equal('Filter 1: mean activation 3');
    // A 1×1 kernel of two input channels and two filters: [in0: f0 = -1, f1 = 5; in1: f0 = 2, f1 = 7].
    const filters: Filters = { values: Float32Array.from([-1, 5, 2, 7]), shape: [1, 1, 2, 2], layer: 'conv' };
    expect(tileLabel(1, filters, 1)).to.equal('Filter 1: weights from 7 to 7');
    expect(tileLabel(0, filters, 0)).to.equal('Filter 0: weights from -1 to -1');
  });

  it('says how to read the colours for each view and scale', () => {
    expect(scaleNote({ activations: true, normalize: 'layer', channel: 0 })).to.contain(
      'strongest in the layer',
    );
    expect(scaleNote({ activations: false, normalize: 'filter', channel: 'rgb' })).to.contain(
      'red, green and blue',
    );
    expect(scaleNote({ activations: false, normalize: 'filter', channel: 0 })).to.contain('its own range');
  });
});
