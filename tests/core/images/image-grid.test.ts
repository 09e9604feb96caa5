import { expect } from '@open-wc/testing';
import { reduceFeatureMap } from '../../../src/core/images/image-grid.js';

describe('core/image-grid reduceFeatureMap', () => {
  it('averages the channels, then blocks of factor × factor, by hand', () => {
    // 4×4×2, maxSide 2 → factor 2; channel 0 holds the cell index, channel 1 ten times it.
    const values = Array.from({ length: 32 }, (_, i) => (i % 2 ? 10 : 1) * Math.floor(i / 2));
    // Block (0,0) holds cells 0, 1, 4, 5: sums 10 and 100 over 8 values → 13.75; block (1,1) cells 10, 11, 14, 15 → 550 / 8.
    expect(reduceFeatureMap(values, [4, 4, 2], 2)).to.deep.equal([
      [13.75, 24.75],
      [57.75, 68.75],
    ]);
  });

  it('keeps the ragged last row and column as smaller blocks, and rounds to 2 decimals', () => {
    // 3×5×1, maxSide 2 → factor 3: blocks of 3×3 and 3×2.
    const values = Array.from({ length: 15 }, (_, i) => i / 3);
    const [[a, b]] = reduceFeatureMap(values, [3, 5, 1], 2);
    expect(a).to.equal(Math.round(((0 + 1 + 2 + 5 + 6 + 7 + 10 + 11 + 12) / 9 / 3) * 100) / 100);
    expect(b).to.equal(Math.round(((3 + 4 + 8 + 9 + 13 + 14) / 6 / 3) * 100) / 100);
  });

  it('leaves a map that already fits as it is', () => {
    expect(reduceFeatureMap(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3, 1])).to.deep.equal([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });
});
